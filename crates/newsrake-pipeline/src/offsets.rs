//! Byte offsets to Unicode code-point offsets, converted once at export.

/// Converts increasing byte offsets into one text to code-point offsets in a
/// single forward pass (O(text) for all conversions together). Each table
/// of an article goes through the text again from its start: the offsets
/// converted while going forward the first time are kept as marks, and going
/// back resumes counting from the nearest mark before the offset.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: u64,
    /// `(byte, chars)` pairs in increasing order, from the first forward pass.
    marks: Vec<(usize, u64)>,
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
            marks: Vec::new(),
        }
    }

    /// Code-point offset of byte offset `at` (a char boundary). Offsets may
    /// go backwards, at the cost of a rescan from the start.
    pub(crate) fn char_at(&mut self, at: usize) -> u64 {
        if self.ascii {
            return at as u64;
        }
        if at < self.byte {
            let i = self.marks.partition_point(|&(b, _)| b <= at);
            (self.byte, self.chars) = i.checked_sub(1).map_or((0, 0), |i| self.marks[i]);
        }
        self.chars += self.text[self.byte..at].chars().count() as u64;
        self.byte = at;
        if self.marks.last().is_none_or(|&(b, _)| b < at) {
            self.marks.push((at, self.chars));
        }
        self.chars
    }

    /// Length of the whole text in code points.
    pub(crate) fn total(&mut self) -> u64 {
        self.char_at(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts() {
        let text = "a\u{2019}b\u{1F600}c";
        let mut o = CharOffsets::new(text);
        assert_eq!(o.char_at(1), 1);
        assert_eq!(o.char_at(4), 2);
        assert_eq!(o.char_at(5), 3);
        assert_eq!(o.char_at(9), 4);
        assert_eq!(o.char_at(1), 1);
        assert_eq!(o.total(), 5);
        assert_eq!(o.char_at(0), 0);
        assert_eq!(o.char_at(5), 3);
        assert_eq!(o.char_at(4), 2);
    }

    #[test]
    fn any_order_matches_counting_from_the_start() {
        let text = "Ukraine’s «talks» — 9 killed in Marhanets, “productive” 😀 end";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut o = CharOffsets::new(text);
        // forward, then every offset in a scrambled order
        for &b in &bounds {
            assert_eq!(o.char_at(b), text[..b].chars().count() as u64);
        }
        for k in 0..bounds.len() {
            let b = bounds[(k * 7919) % bounds.len()];
            assert_eq!(o.char_at(b), text[..b].chars().count() as u64, "at {b}");
        }
    }
}
