//! Byte offsets to Unicode code-point offsets, converted once at export.

/// Converts byte offsets into one text to code-point offsets, in any order.
///
/// A code point is a byte that is not a UTF-8 continuation byte
/// (`0b10xx_xxxx`), so the code-point offset of a char boundary `at` is `at`
/// minus the continuation bytes before it. Those are counted once, eight
/// bytes at a time, and kept per 8-byte word of the text; a conversion is
/// then one table entry plus the count in the part of one word before `at`.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    /// Continuation bytes before each 8-byte word, plus one entry for the
    /// end (empty for ASCII text).
    before_word: Vec<u32>,
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// The continuation bytes of 8 bytes (bit 7 set, bit 6 clear), as bit 7 of
/// each.
#[inline]
fn continuations(x: u64) -> u64 {
    x & !(x << 1) & HIGH
}

/// The number of bytes flagged by [`continuations`]: one multiply sums the
/// eight 0/1 bytes into the top byte (the baseline x86-64 target has no
/// `popcnt`, and `count_ones` is a dozen instructions there).
#[inline]
fn count(m: u64) -> u32 {
    ((m >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// The 8-byte word at `i` of `b`, zero-padded past its end.
#[inline]
fn word_at(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("8 bytes")),
        None => {
            let mut w = [0u8; 8];
            w[..b.len() - i].copy_from_slice(&b[i..]);
            u64::from_le_bytes(w)
        }
    }
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut before_word = Vec::new();
        if !text.is_ascii() {
            let b = text.as_bytes();
            before_word.reserve(b.len() / 8 + 1);
            let mut n = 0u32;
            let mut words = b.chunks_exact(8);
            for w in &mut words {
                before_word.push(n);
                n += count(continuations(u64::from_le_bytes(
                    w.try_into().expect("8 bytes"),
                )));
            }
            // The partial last word's entry (or the end's).
            before_word.push(n);
        }
        CharOffsets { text, before_word }
    }

    /// Code-point offset of byte offset `at` (a char boundary).
    #[inline]
    pub(crate) fn char_at(&mut self, at: usize) -> u64 {
        if self.before_word.is_empty() {
            return at as u64;
        }
        let (w, r) = (at / 8, at % 8);
        let mut n = self.before_word[w];
        if r > 0 {
            let x = word_at(self.text.as_bytes(), w * 8) & ((1u64 << (8 * r)) - 1);
            n += count(continuations(x));
        }
        (at - n as usize) as u64
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

    #[test]
    fn across_blocks_and_at_block_ends() {
        for n in 0..140 {
            for tail in ["", "\u{e9}", "\u{2019}", "\u{1F600}"] {
                // Multi-byte chars straddling every block boundary.
                let text: String = (0..n)
                    .map(|i| if i % 3 == 0 { "\u{201c}" } else { "ab" })
                    .collect::<String>()
                    + tail;
                let mut o = CharOffsets::new(&text);
                for b in (0..=text.len()).rev().filter(|&i| text.is_char_boundary(i)) {
                    assert_eq!(o.char_at(b), text[..b].chars().count() as u64);
                }
                assert_eq!(o.total(), text.chars().count() as u64);
            }
        }
        for len in [63, 64, 65, 128] {
            let text = "é".repeat(len / 2) + &"x".repeat(len % 2);
            let mut o = CharOffsets::new(&text);
            assert_eq!(o.total(), text.chars().count() as u64, "{len}");
        }
    }
}
