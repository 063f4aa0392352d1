//! Exact paragraph deduplication.
//!
//! A paragraph's *key* is its text normalised by [`normalize`]: Unicode NFKC,
//! case-folded, curly/straight quotes and dash variants unified, whitespace
//! runs collapsed to one space and trimmed. Its hash is the SHA-256 of the key
//! ([`hash_key`]). [`Index`] remembers, for every key seen, where it was seen
//! first; the first occurrence in input order is the original and every later
//! one a duplicate of it. Exact: full 32-byte digests are compared, no
//! probabilistic filter.
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
use unicode_normalization::UnicodeNormalization;

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// Append the dedup key of `text` to `out` (which is cleared first).
pub fn normalize(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            pending_space = true;
            return;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    };
    if text.is_ascii() {
        for b in text.bytes() {
            let c = match b {
                b'`' => '\'',
                _ => b.to_ascii_lowercase() as char,
            };
            push(c, out);
        }
        return;
    }
    for c in text.nfkc() {
        for lc in c.to_lowercase() {
            match fold(lc) {
                Folded::One(f) => push(f, out),
                Folded::Two(a, b) => {
                    push(a, out);
                    push(b, out);
                }
                Folded::Drop => {}
            }
        }
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
    let mut key = String::new();
    normalize(text, &mut key);
    hash_key(&key)
}

/// Lower-case hex of a digest.
pub fn hex(hash: &Hash) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(64);
    for b in hash {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Where a paragraph was first seen: the article's ordinal in input order and
/// the paragraph's index in that article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub article: u64,
    pub paragraph: u32,
}

/// First-seen index over paragraph hashes.
#[derive(Default)]
pub struct Index {
    map: HashMap<Hash, Location>,
}

impl Index {
    /// If `hash` was seen before, where; otherwise remember `here` and return
    /// `None` (this occurrence is the original).
    pub fn first_seen(&mut self, hash: Hash, here: Location) -> Option<Location> {
        match self.map.entry(hash) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(here);
                None
            }
        }
    }

    /// Number of distinct keys seen.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn known_digest() {
        // sha256("abc")
        assert_eq!(
            hex(&hash_key("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
