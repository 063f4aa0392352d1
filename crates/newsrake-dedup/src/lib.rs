//! Exact paragraph deduplication.
//!
//! A paragraph's *key* is its text normalised by [`normalize`]: Unicode NFKC,
//! case-folded, curly/straight quotes and dash variants unified, whitespace
//! runs collapsed to one space and trimmed. Its hash is the SHA-256 of the key
//! ([`hash_key`]). [`Index`] remembers, for every key seen, where it was seen
//! first; the first occurrence in input order is the original and every later
//! one a duplicate of it. Keys are compared by the first 128 bits of their
//! digest (see [`Index`] for the collision odds: ≈ n² / 2^129 for n distinct
//! keys); no probabilistic filter.
//!
//! ```
//! use newsrake_dedup::{paragraph_hash, Index, Location};
//! let a = paragraph_hash("He said \u{201c}productive\u{201d}.");
//! let b = paragraph_hash("he  said \"productive\".");
//! assert_eq!(a, b);
//! let mut index = Index::default();
//! assert_eq!(index.first_seen(a, Location { article: 0, paragraph: 3 }), None);
//! assert_eq!(index.first_seen(b, Location { article: 7, paragraph: 0 }),
//!            Some(Location { article: 0, paragraph: 3 }));
//! ```

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// Append the dedup key of `text` to `out` (which is cleared first).
///
/// Three paths give the same key: pure ASCII (bytes, no char decoding), text
/// already in NFKC by the Unicode quick check (chars folded as they come, no
/// normalisation pass: the common case for news with curly quotes and
/// dashes), and full NFKC for the rest (ellipsis, no-break space, ligatures,
/// full-width forms, combining marks...).
pub fn normalize(text: &str, out: &mut String) {
    let mut buf = std::mem::take(out).into_bytes();
    normalize_bytes(text, &mut buf);
    *out = String::from_utf8(buf).expect("folding keeps UTF-8 valid");
}

/// The hash of `text`'s dedup key (`hash_key` of [`normalize`]), with `buf`
/// as scratch space: the key's bytes are hashed as they are, without the
/// UTF-8 check a `String` would need.
pub fn paragraph_hash_with(text: &str, buf: &mut Vec<u8>) -> Hash {
    normalize_bytes(text, buf);
    Sha256::digest(&buf[..]).into()
}

/// [`normalize`] into bytes (always valid UTF-8; `buf` is cleared first).
fn normalize_bytes(text: &str, buf: &mut Vec<u8>) {
    buf.clear();
    if text.is_ascii() {
        normalize_ascii(text.as_bytes(), buf);
    } else {
        buf.reserve(text.len());
        let mut fold = Folder::new(std::mem::take(buf));
        if is_nfkc_quick(quick_check_chars(text)) == IsNormalized::Yes {
            fold.str(text);
        } else {
            let nfkc: String = text.nfkc().collect();
            fold.str(&nfkc);
        }
        *buf = fold.finish();
    }
}

/// The chars of `text` with every run of ASCII chars shortened to one:
/// the NFKC quick check gives the same answer for them (an ASCII char only
/// resets its state), and the ASCII bytes are skipped eight at a time
/// instead of decoded one by one.
fn quick_check_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let &first = b.get(i)?;
        if first < 0x80 {
            i += 1;
            while let Some(chunk) = b.get(i..i + 8) {
                if u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & HIGH != 0 {
                    break;
                }
                i += 8;
            }
            while b.get(i).is_some_and(|&c| c < 0x80) {
                i += 1;
            }
            return Some('a');
        }
        let ch = text[i..].chars().next().expect("a char at a boundary");
        i += ch.len_utf8();
        Some(ch)
    })
}

/// The ASCII key: never longer than the text, so it is written by index into
/// a buffer of the text's length and truncated. Eight bytes at a time (SWAR)
/// when the word holds no control character, backtick or second space in a
/// row (the common case in prose); byte by byte otherwise.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// 0x80 in every byte of `x` that is zero, exactly (no borrow).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The key of 8 ASCII bytes (`x` little-endian) when they need nothing but
/// lowercasing: no control character, backtick or second space in a row
/// (counting a space before them when `after_space`). `None` otherwise.
#[inline]
fn swar_lower(x: u64, after_space: bool) -> Option<u64> {
    // Bytes < 0x20 (TAB..CR and other controls): bit 7 of x + 0x60 clear.
    let control = (x + 0x60 * ONES) & HIGH != HIGH;
    let spaces = zero_bytes(x ^ (0x20 * ONES));
    let backtick = zero_bytes(x ^ (0x60 * ONES)) != 0;
    let double = spaces & (spaces << 8) != 0 || (after_space && spaces & 0x80 != 0);
    if control || backtick || double {
        return None;
    }
    // 'A'..='Z' get 0x20 added; bytes are < 0x80 so nothing carries.
    let ge_a = (x + (0x80 - 0x41) * ONES) & HIGH;
    let gt_z = (x + (0x80 - 0x5B) * ONES) & HIGH;
    Some(x | ((ge_a & !gt_z) >> 2))
}

fn normalize_ascii(text: &[u8], buf: &mut Vec<u8>) {
    buf.resize(text.len(), 0);
    let mut j = 0;
    // Leading whitespace is dropped as if it followed a space.
    let mut after_space = true;
    let mut chunks = text.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if let Some(lower) = swar_lower(x, after_space) {
            buf[j..j + 8].copy_from_slice(&lower.to_le_bytes());
            j += 8;
            after_space = chunk[7] == b' ';
            continue;
        }
        for &c in chunk {
            ascii_step(c, buf, &mut j, &mut after_space);
        }
    }
    for &c in chunks.remainder() {
        ascii_step(c, buf, &mut j, &mut after_space);
    }
    if after_space && j > 0 {
        j -= 1; // the trailing space
    }
    buf.truncate(j);
}

/// One byte of [`normalize_ascii`], branch-free: always store, advance
/// unless this is a second space in a row.
#[inline]
fn ascii_step(c: u8, buf: &mut [u8], j: &mut usize, after_space: &mut bool) {
    let ws = is_ascii_ws(c);
    let lc = if c == b'`' {
        b'\''
    } else {
        c.to_ascii_lowercase()
    };
    buf[*j] = if ws { b' ' } else { lc };
    *j += usize::from(!(ws && *after_space));
    *after_space = ws;
}

/// ASCII whitespace as `char::is_whitespace` sees it (TAB, LF, VT, FF, CR,
/// space).
#[inline]
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Case folding, quote/dash unification and whitespace collapsing over
/// already NFKC-normalised text, into UTF-8 bytes. A space is written at the
/// first whitespace after a word and runs are skipped; the trailing one is
/// removed by [`Folder::finish`].
struct Folder {
    buf: Vec<u8>,
    after_space: bool,
}

impl Folder {
    fn new(buf: Vec<u8>) -> Folder {
        Folder {
            buf,
            // Leading whitespace is dropped as if it followed a space.
            after_space: true,
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            if !self.after_space {
                self.buf.push(b' ');
                self.after_space = true;
            }
            return;
        }
        self.after_space = false;
        if c.is_ascii() {
            self.buf.push(c as u8);
        } else {
            let mut tmp = [0u8; 4];
            self.buf
                .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
    }

    fn str(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(chunk) = b.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                if x & HIGH == 0 {
                    if let Some(lower) = swar_lower(x, self.after_space) {
                        self.buf.extend_from_slice(&lower.to_le_bytes());
                        self.after_space = chunk[7] == b' ';
                        i += 8;
                        continue;
                    }
                }
            }
            let c = b[i];
            if c < 0x80 {
                self.push(match c {
                    b'`' => '\'',
                    _ => c.to_ascii_lowercase() as char,
                });
                i += 1;
                continue;
            }
            let ch = text[i..].chars().next().expect("a char at a boundary");
            i += ch.len_utf8();
            for lc in ch.to_lowercase() {
                match fold(lc) {
                    Folded::One(f) => self.push(f),
                    Folded::Two(x, y) => {
                        self.push(x);
                        self.push(y);
                    }
                    Folded::Drop => {}
                }
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.after_space && self.buf.last() == Some(&b' ') {
            self.buf.pop();
        }
        self.buf
    }
}

enum Folded {
    One(char),
    Two(char, char),
    Drop,
}

/// Quote and dash unification plus the full case folds that lowercasing
/// alone misses.
fn fold(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folded::One('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::One('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Folded::One('-'),
        '\u{00DF}' => Folded::Two('s', 's'),
        '\u{03C2}' => Folded::One('\u{03C3}'),
        // Invisible characters (zero-width, bidi controls) and soft hyphens.
        '\u{200B}'..='\u{200F}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Folded::Drop,
        c => Folded::One(c),
    }
}

/// SHA-256 of an already normalised key.
pub fn hash_key(key: &str) -> Hash {
    Sha256::digest(key.as_bytes()).into()
}

/// SHA-256 of raw bytes (file fingerprints).
pub fn hash_bytes(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// Normalise and hash a paragraph in one call.
pub fn paragraph_hash(text: &str) -> Hash {
    paragraph_hash_with(text, &mut Vec::new())
}

/// Lower-case hex of a digest.
pub fn hex(hash: &Hash) -> String {
    hex_into(hash, &mut [0; 64]).to_string()
}

/// Lower-case hex of a digest, written into `buf` (no allocation: one
/// digest per paragraph is rendered).
pub fn hex_into<'b>(hash: &Hash, buf: &'b mut [u8; 64]) -> &'b str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in buf.chunks_exact_mut(2).zip(hash) {
        pair[0] = HEX[(b >> 4) as usize];
        pair[1] = HEX[(b & 15) as usize];
    }
    std::str::from_utf8(buf).expect("hex digits are ASCII")
}

/// Where a paragraph was first seen: the article's ordinal in input order and
/// the paragraph's index in that article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub article: u64,
    pub paragraph: u32,
}

/// Entries per arena chunk: the arena grows a chunk at a time, so it never
/// holds more than one partly filled chunk and never copies on growth.
const CHUNK: usize = 1 << 15;
/// `Entry::article` value meaning "the ordinal did not fit in 32 bits: see
/// `Index::wide`".
const WIDE: u32 = u32::MAX;
/// Bytes of the digest the index keeps and compares.
pub const KEY_BYTES: usize = 16;

/// One distinct key: the first [`KEY_BYTES`] of its digest and where it was
/// first seen (24 bytes).
#[derive(Clone, Copy)]
struct Entry {
    key: [u8; KEY_BYTES],
    article: u32,
    paragraph: u32,
}

/// First-seen index over paragraph hashes.
///
/// Compact: every distinct key keeps the first 128 bits of its SHA-256
/// digest (two paragraphs are the same key when those 16 bytes are equal)
/// and its first location packed in 8 bytes, in an append-only arena of
/// fixed-size chunks; an open-addressing table of `u32` arena positions
/// (linear probing, load factor kept between 1/2 and 3/4, grown by 1.5x)
/// finds them, with a one-byte tag per slot (another byte of the digest) so
/// that most probes past other keys do not touch the arena. Digests are
/// uniformly distributed, so their first 8 bytes are the table hash. About
/// 24 + 5 / load = 31–35 bytes per distinct key. [`Index::heap_bytes`] gives
/// the exact figure.
///
/// Comparing 128 bits instead of 256 makes a false "duplicate" possible in
/// principle: for n distinct keys the probability that any two share a
/// prefix is about n² / 2^129, i.e. ≈ 3·10^-21 at 10^9 distinct paragraphs.
#[derive(Default)]
pub struct Index {
    /// 0 = empty, else arena position + 1.
    slots: Vec<u32>,
    /// Digest byte [`TAG`] of the key in the same slot (meaningless when the
    /// slot is empty).
    tags: Vec<u8>,
    chunks: Vec<Vec<Entry>>,
    len: usize,
    /// Article ordinals of `u32::MAX` and above, by arena position.
    wide: HashMap<u32, u64>,
}

/// The digest byte used as a slot tag (not one of the 8 home bytes).
const TAG: usize = 8;

impl Index {
    /// If `hash` was seen before, where; otherwise remember `here` and return
    /// `None` (this occurrence is the original).
    pub fn first_seen(&mut self, hash: Hash, here: Location) -> Option<Location> {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let key: [u8; KEY_BYTES] = hash[..KEY_BYTES].try_into().expect("16 bytes");
        let tag = hash[TAG];
        let n = self.slots.len();
        let mut pos = home(&key, n);
        loop {
            let slot = self.slots[pos];
            if slot == 0 {
                break;
            }
            if self.tags[pos] == tag {
                let at = slot as usize - 1;
                let e = &self.chunks[at / CHUNK][at % CHUNK];
                if e.key == key {
                    return Some(self.location(at, e));
                }
            }
            pos += 1;
            if pos == n {
                pos = 0;
            }
        }
        // New key: append to the arena, point the empty slot at it.
        let at = self.len;
        let slot = u32::try_from(at + 1)
            .ok()
            .filter(|&s| s != u32::MAX)
            .expect("dedup index holds at most 2^32 - 2 distinct keys");
        let article = match u32::try_from(here.article) {
            Ok(a) if a != WIDE => a,
            _ => {
                self.wide.insert(slot - 1, here.article);
                WIDE
            }
        };
        let full = match self.chunks.last() {
            None => true,
            Some(c) => c.len() == CHUNK,
        };
        if full {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        self.chunks.last_mut().expect("a chunk").push(Entry {
            key,
            article,
            paragraph: here.paragraph,
        });
        self.slots[pos] = slot;
        self.tags[pos] = tag;
        self.len += 1;
        None
    }

    fn location(&self, at: usize, e: &Entry) -> Location {
        let article = if e.article == WIDE {
            self.wide[&(at as u32)]
        } else {
            u64::from(e.article)
        };
        Location {
            article,
            paragraph: e.paragraph,
        }
    }

    /// Rebuild the slot table 1.5x larger (at least 1024 slots).
    fn grow(&mut self) {
        let n = (self.slots.len() * 3 / 2).max(1024);
        // Free the old table first: the peak is the arena plus one table.
        self.slots = Vec::new();
        self.tags = Vec::new();
        let mut slots = vec![0u32; n];
        let mut tags = vec![0u8; n];
        for (ci, chunk) in self.chunks.iter().enumerate() {
            for (i, e) in chunk.iter().enumerate() {
                let mut pos = home(&e.key, n);
                while slots[pos] != 0 {
                    pos += 1;
                    if pos == n {
                        pos = 0;
                    }
                }
                slots[pos] = (ci * CHUNK + i + 1) as u32;
                tags[pos] = e.key[TAG];
            }
        }
        self.slots = slots;
        self.tags = tags;
    }

    /// Number of distinct keys seen.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Heap bytes held by the index (slot table and tags, arena chunks and
    /// the rare wide article ordinals), for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<u32>()
            + self.tags.capacity()
            + self.chunks.capacity() * std::mem::size_of::<Vec<Entry>>()
            + self
                .chunks
                .iter()
                .map(|c| c.capacity() * std::mem::size_of::<Entry>())
                .sum::<usize>()
            + self.wide.capacity() * (std::mem::size_of::<(u32, u64)>() + 1)
    }
}

/// The table position a key starts probing at: its first 8 bytes (uniform
/// for SHA-256) scaled to `0..n` without a division.
#[inline]
fn home(key: &[u8; KEY_BYTES], n: usize) -> usize {
    let h = u64::from_le_bytes(key[..8].try_into().expect("8 bytes"));
    ((u128::from(h) * n as u128) >> 64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[track_caller]
    fn check(input: &str, key: &str) {
        let mut out = String::new();
        normalize(input, &mut out);
        assert_eq!(out, key);
    }

    #[test]
    fn keys() {
        check("  Hello,\t\nWorld  ", "hello, world");
        check(
            "Ukraine\u{2019}s \u{201C}war\u{201D} \u{2014} now",
            "ukraine's \"war\" - now",
        );
        check("Ukraine's \"war\" - now", "ukraine's \"war\" - now");
        check("STRASSE Straße", "strasse strasse");
        check("\u{FB01}ne \u{FF21}", "fine a"); // NFKC: ligature and full-width
        check("zero\u{200B}width", "zerowidth");
        check("\u{00A0}nbsp\u{00A0}", "nbsp");
        check("", "");
    }

    #[test]
    fn quick_check_on_shortened_ascii_runs_is_the_same() {
        let parts = [
            "a",
            "plain ascii text of some length",
            "\u{e9}",
            "e\u{301}",
            "\u{301}",
            "\u{316}\u{301}",
            "\u{301}\u{316}",
            "\u{FB01}",
            "\u{2019}",
            "\u{2026}",
            "\u{AC00}\u{11A8}",
            "\u{1F600}",
            "\u{A0}",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for sep in ["", " ", "12345678"] {
                        let s = format!("{a}{sep}{b}{c}{sep}{a}");
                        assert_eq!(
                            is_nfkc_quick(quick_check_chars(&s)),
                            is_nfkc_quick(s.chars()),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_fast_path_matches_unicode_path() {
        let ascii = "Rubio described his exchange as `productive`.";
        let mut a = String::new();
        normalize(ascii, &mut a);
        // Force the slow path with a trailing zero-width character it drops.
        let mut b = String::new();
        normalize(&format!("{ascii}\u{200B}"), &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn paragraph_hash_is_hash_of_key() {
        let mut buf = Vec::new();
        for s in [
            "",
            "  Hello,\t\nWorld  ",
            "Caf\u{e9} \u{2026} \u{FB01}ne",
            "A\u{200B}B",
        ] {
            let mut key = String::new();
            normalize(s, &mut key);
            assert_eq!(paragraph_hash_with(s, &mut buf), hash_key(&key), "{s:?}");
            assert_eq!(paragraph_hash(s), hash_key(&key), "{s:?}");
        }
    }

    #[test]
    fn known_digest() {
        // sha256("abc")
        assert_eq!(
            hex(&hash_key("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// The key as first specified: NFKC every char, then fold. The fast
    /// paths must agree with it.
    fn reference_key(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfkc() {
            for lc in c.to_lowercase() {
                let folded = match fold(lc) {
                    Folded::One(f) => vec![f],
                    Folded::Two(a, b) => vec![a, b],
                    Folded::Drop => vec![],
                };
                for f in folded {
                    if f.is_whitespace() {
                        pending_space = true;
                        continue;
                    }
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.push(f);
                }
            }
        }
        out
    }

    #[test]
    fn fast_paths_match_reference() {
        let samples = [
            "Plain ASCII, with `backticks`\tand\x0B\x0Cwhitespace\r\n  runs. ",
            "\x1c\x1fcontrol chars stay",
            "Curly \u{2018}quotes\u{2019} and \u{201C}doubles\u{201D} \u{2014} dashes \u{2212}1",
            "Ellipsis\u{2026} and\u{00A0}no-break space",
            "Cafe\u{0301} combining, caf\u{00E9} precomposed",
            "\u{FB01}ligature \u{FF21}\u{FF42} full-width \u{2460} circled",
            "ΣΊΣΥΦΟΣ final sigma, Straße, İstanbul, ǅ titlecase",
            "zero\u{200B}width soft\u{00AD}hyphen \u{FEFF}bom \u{3000}ideographic space",
            "\u{2028}line sep\u{2029}para sep\u{0085}nel",
            "日本語のテキスト、ｶﾀｶﾅ half-width",
            "",
            "   ",
        ];
        for s in samples {
            let mut got = String::new();
            normalize(s, &mut got);
            assert_eq!(got, reference_key(s), "{s:?}");
        }
        // Every char of the first 0x3000 code points, alone and between
        // letters.
        for cp in 0..0x3000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for s in [c.to_string(), format!("a{c}b"), format!("A {c} B")] {
                let mut got = String::new();
                normalize(&s, &mut got);
                assert_eq!(got, reference_key(&s), "U+{cp:04X} in {s:?}");
            }
        }
    }

    #[test]
    fn ascii_swar_matches_reference() {
        // Deterministic random ASCII strings rich in spaces, controls,
        // backticks and letters around every 8-byte boundary.
        let ascii: Vec<char> = "aZ `\t\n\x0b\x0c\r\x1c.@[{Mm  ".chars().collect();
        let mixed: Vec<char> =
            "aZ `\t\n.@Mm  \u{e9}\u{2019}\u{2014}\u{3000}\u{2026}\u{df}\u{200b}\u{a0}E\u{301}"
                .chars()
                .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for alphabet in [&ascii, &mixed] {
            for len in 0..200 {
                for _ in 0..30 {
                    let s: String = (0..len)
                        .map(|_| {
                            x ^= x << 13;
                            x ^= x >> 7;
                            x ^= x << 17;
                            alphabet[(x % alphabet.len() as u64) as usize]
                        })
                        .collect();
                    let mut got = String::new();
                    normalize(&s, &mut got);
                    assert_eq!(got, reference_key(&s), "{s:?}");
                }
            }
        }
        for c in 0u8..0x80 {
            for s in [
                format!("{}", c as char).repeat(9),
                format!("Abcdefg{}Hijklmno", c as char),
            ] {
                let mut got = String::new();
                normalize(&s, &mut got);
                assert_eq!(got, reference_key(&s), "{s:?}");
            }
        }
    }

    fn digest(n: u64) -> Hash {
        hash_key(&n.to_string())
    }

    fn loc(article: u64, paragraph: u32) -> Location {
        Location { article, paragraph }
    }

    #[test]
    fn index_matches_hashmap_across_growth() {
        let mut index = Index::default();
        let mut reference: HashMap<Hash, Location> = HashMap::new();
        assert!(index.is_empty());
        // 100k inserts over 60k distinct keys: many growths, many repeats.
        for i in 0..100_000u64 {
            let h = digest((i * 7919) % 60_000);
            let here = loc(i / 10, (i % 10) as u32);
            let want = match reference.entry(h) {
                std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(here);
                    None
                }
            };
            assert_eq!(index.first_seen(h, here), want, "insert {i}");
        }
        assert_eq!(index.len(), reference.len());
        assert_eq!(index.len(), 60_000);
        // 24-byte entries in chunks, 4-byte slots + 1-byte tags at load
        // 1/2..3/4 (60k keys leave a partly filled 32k-entry chunk).
        let per_key = index.heap_bytes() as f64 / index.len() as f64;
        assert!((30.0..=40.0).contains(&per_key), "{per_key} bytes per key");
    }

    #[test]
    fn key_prefix_compared() {
        // Same first 8 bytes (same home slot) and same tag byte, different
        // at the end of the 16-byte key; then different tag byte.
        let a = [7u8; 32];
        let mut b = a;
        b[15] = 8;
        let mut c = a;
        c[TAG] = 0;
        let mut index = Index::default();
        assert_eq!(index.first_seen(a, loc(0, 0)), None);
        assert_eq!(index.first_seen(b, loc(0, 1)), None);
        assert_eq!(index.first_seen(c, loc(0, 2)), None);
        assert_eq!(index.first_seen(b, loc(1, 0)), Some(loc(0, 1)));
        assert_eq!(index.first_seen(c, loc(1, 1)), Some(loc(0, 2)));
        assert_eq!(index.first_seen(a, loc(1, 2)), Some(loc(0, 0)));
        // Bytes past the 16-byte key are not compared (documented).
        let mut d = a;
        d[KEY_BYTES] = 9;
        d[31] = 9;
        assert_eq!(index.first_seen(d, loc(2, 0)), Some(loc(0, 0)));
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn wide_article_ordinals() {
        let mut index = Index::default();
        let big = [u64::from(u32::MAX) - 1, u64::from(u32::MAX), 1 << 40];
        for (i, &a) in big.iter().enumerate() {
            assert_eq!(index.first_seen(digest(i as u64), loc(a, 9)), None);
        }
        for (i, &a) in big.iter().enumerate() {
            assert_eq!(
                index.first_seen(digest(i as u64), loc(0, 0)),
                Some(loc(a, 9))
            );
        }
    }
}
