//! Byte offsets to Unicode code-point offsets, converted once at export.

/// Converts increasing byte offsets into one text to code-point offsets in a
/// single forward pass (O(text) for all conversions together).
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: u64,
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// Code-point offset of byte offset `at` (a char boundary). Offsets may
    /// go backwards, at the cost of a rescan from the start.
    pub(crate) fn char_at(&mut self, at: usize) -> u64 {
        if self.ascii {
            return at as u64;
        }
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count() as u64;
        self.byte = at;
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
    }
}
