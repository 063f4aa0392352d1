//! Tokenizer and sentence splitter. Byte offsets into the article text; no per-token allocation.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    /// "'s" / "’s" / "'" after a word (possessive)
    Poss,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// first char is upper-case
    pub cap: bool,
    /// all letters upper-case and at least two letters
    pub allcaps: bool,
    pub sent_start: bool,
    /// token ends with an abbreviation period ("U.S.", "Mr.")
    pub abbr: bool,
    /// whitespace precedes this token
    pub space_before: bool,
    /// all bytes are ASCII
    pub ascii: bool,
    /// holds a ',' or an apostrophe ("1,200", "O'Brien", a possessive "'s"):
    /// the word split of [`crate::facts`] breaks a token there, and only
    /// there, so tokens without one are whole words for it
    pub has_sep: bool,
}

/// Abbreviations that keep their period ("Mr.", "Feb.", "Inc."). A `match`
/// compiles to length + byte comparisons: far cheaper than scanning a list
/// at every word followed by a period.
fn is_abbr(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Jr"
            | "Sr"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Maj"
            | "Adm"
            | "Cpl"
            | "Pvt"
            | "Pfc"
            | "Spc"
            | "Prof"
            | "Rev"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gens"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "Nos"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "vs"
            | "etc"
            | "Mt"
            | "Ft"
            | "Ave"
            | "Blvd"
            | "Rd"
            | "Hon"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "Brig"
            | "Cmdr"
            | "Cdr"
            | "Supt"
            | "Insp"
            | "Det"
            | "Fr"
            | "Msgr"
            | "Univ"
            | "Dept"
            | "Est"
            | "approx"
            | "Nr"
            | "Pres"
            | "Amb"
            | "Vol"
            | "pp"
            | "cf"
            | "al"
            | "Ph"
            | "e.g"
            | "i.e"
    )
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_punct_block(c) {
        // (no table search for the curly quotes and dashes of news text)
        false
    } else {
        c.is_alphanumeric()
    }
}

/// General Punctuation (U+2000-206F: spaces, dashes, quotes, ellipsis)
/// and Currency Symbols (U+20A0-20CF): blocks without a letter or digit
/// (the superscripts between them have some).
#[inline]
fn is_punct_block(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}')
}

/// Decode the char at byte i (ASCII fast path).
#[inline]
fn ch_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s[i..].chars().next()
    }
}

/// Whether the char at byte `i` is a word char (false at the end).
#[inline]
fn word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => ch_at(s, i).is_some_and(is_word_char),
        None => false,
    }
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const NON_ASCII: u8 = 3;

/// Class of every byte value for the word scan: one table load per byte
/// instead of two range tests.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            NON_ASCII
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() {
            DIGIT
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// A scanned word: its end (before any abbreviation period) and what the
/// scan learnt on the way, so nothing needs a second pass over the bytes.
struct WordScan {
    end: usize,
    all_digit: bool,
    /// no non-ASCII char
    ascii: bool,
    /// an apostrophe or ',' joined two parts
    has_sep: bool,
    /// Offsets (relative to the word start) of the first and last joining
    /// hyphen, if any: the only hyphens a word can contain.
    first_hyphen: Option<usize>,
    last_hyphen: usize,
}

/// Scan a word starting at byte `i` of `s`: alphanumeric runs joined by a
/// hyphen, a non-possessive apostrophe ("O'Brien", "don't") or, between
/// digits, a '.' or ',' ("3.5", "1,200").
#[inline]
fn scan_word(s: &str, i: usize) -> WordScan {
    let b = s.as_bytes();
    let mut j = i;
    let mut all_digit = true;
    let mut ascii = true;
    let mut has_sep = false;
    let mut first_hyphen = None;
    let mut last_hyphen = 0;
    loop {
        // an alphanumeric run
        while j < b.len() {
            match BYTE_CLASS[b[j] as usize] {
                LETTER => all_digit = false,
                DIGIT => {}
                OTHER => break,
                _ => match ch_at(s, j) {
                    Some(ch) if is_word_char(ch) => {
                        // a non-ASCII alphanumeric is never an ASCII digit
                        all_digit = false;
                        ascii = false;
                        j += ch.len_utf8();
                        continue;
                    }
                    _ => break,
                },
            }
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        // Only '-', '.', ',' and apostrophes can join; anything else ASCII
        // (space, most punctuation) ends the word at once.
        let bj = b[j];
        let ch = if bj < 0x80 {
            if !matches!(bj, b'-' | b'.' | b',' | b'\'') {
                break;
            }
            bj as char
        } else {
            match ch_at(s, j) {
                Some(c) if c == '’' => c,
                _ => break,
            }
        };
        let cl = ch.len_utf8();
        let Some(after) = ch_at(s, j + cl) else { break };
        if !is_word_char(after) {
            break;
        }
        match ch {
            '-' => {
                // "al-Zarqawi", "Russian-backed"; 1980-88 style ranges stay one token too
                first_hyphen.get_or_insert(j - i);
                last_hyphen = j - i;
                j += 1;
            }
            '\'' | '’' => {
                // possessive 's followed by non-word => stop here
                if (after == 's' || after == 'S') && !word_char_at(s, j + cl + 1) {
                    break;
                }
                ascii &= cl == 1;
                has_sep = true;
                j += cl;
            }
            _ => {
                // '.' or ',' between digits: "3.5", "1,200"
                if !(all_digit && after.is_ascii_digit()) {
                    break;
                }
                has_sep |= ch == ',';
                j += 1;
            }
        }
    }
    WordScan {
        end: j,
        all_digit,
        ascii,
        has_sep,
        first_hyphen,
        last_hyphen,
    }
}

/// All letters upper-case and at least two letters. Stops at the first
/// letter that is not upper-case (for most capitalised words, the second
/// byte). `ascii`: whether `word` is all ASCII (the scan knows).
fn all_caps(word: &str, ascii: bool) -> bool {
    let mut letters = 0;
    if ascii {
        for &c in word.as_bytes() {
            if c.is_ascii_lowercase() {
                return false;
            }
            letters += c.is_ascii_uppercase() as usize;
        }
    } else {
        for ch in word.chars() {
            if ch.is_alphabetic() {
                if !ch.is_uppercase() {
                    return false;
                }
                letters += 1;
            }
        }
    }
    letters >= 2
}

/// Tokenize `text[start..end]`, appending to `out`. Offsets are into `text`.
///
/// One pass over the bytes with an ASCII fast path; non-ASCII chars are
/// decoded only where they occur. A possessive is recognised only after a
/// word of this same call (tokens never look across paragraphs).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let first_tok = out.len();
    let mut i = 0usize;
    let mut sent_start = true;
    let mut space_before = true;
    while i < b.len() {
        let bi = b[i];
        let c = if bi < 0x80 {
            if bi == b' ' || (b'\t'..=b'\r').contains(&bi) {
                i += 1;
                space_before = true;
                continue;
            }
            bi as char
        } else {
            let c = ch_at(s, i).unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                space_before = true;
                continue;
            }
            c
        };
        let cl = c.len_utf8();
        if is_word_char(c) {
            let ws = i;
            let scan = scan_word(s, i);
            let j = scan.end;
            let word = &s[ws..j];
            // (the word starts with `c`)
            let first = c;
            let mut we = j;
            let mut abbr = false;
            let mut ascii = scan.ascii;
            // abbreviation with periods: U.S., U.K., D.C., Mr., Feb., initials "F."
            if b.get(j) == Some(&b'.') {
                if cl == word.len() && first.is_alphabetic() {
                    // X.Y.Z. chain
                    let mut k = j + 1;
                    loop {
                        let mut it = s[k..].chars();
                        match (it.next(), it.next()) {
                            (Some(x), Some('.')) if x.is_alphabetic() => {
                                ascii &= x.is_ascii();
                                k += x.len_utf8() + 1;
                            }
                            _ => break,
                        }
                    }
                    we = k;
                    abbr = true;
                } else if is_abbr(word) {
                    we = j + 1;
                    abbr = true;
                }
            }
            let first_upper = if first.is_ascii() {
                first.is_ascii_uppercase()
            } else {
                first.is_uppercase()
            };
            // all-caps test: only for words that start upper-case
            let allcaps = first_upper && all_caps(word, scan.ascii);
            let kind = if scan.all_digit {
                TokKind::Num
            } else {
                TokKind::Word
            };
            let mut cap = first_upper;
            // "Iran-backed", "Nairobi-based": a name before a participle of
            // the closed set in `is_name_modifier_tail` becomes a word of its
            // own, the hyphen and the tail two more tokens (see below).
            let mut split_at = None;
            if let Some(h0) = scan.first_hyphen {
                let last_seg = &word[scan.last_hyphen + 1..];
                let lower_tail = last_seg
                    .chars()
                    .next()
                    .map(|c| c.is_lowercase())
                    .unwrap_or(false);
                if cap && lower_tail {
                    // "ISIL-held", "Russian-backed", "Minister-designate": not a name,
                    // but a Korean given name after the family name is
                    // ("Lee Jae-myung", "Kim Jong-un", "Moon Jae-in")
                    let head = &word[..h0];
                    let korean = h0 == scan.last_hyphen
                        && (2..=5).contains(&head.len())
                        && head.bytes().skip(1).all(|c| c.is_ascii_lowercase())
                        && (1..=5).contains(&last_seg.len())
                        && last_seg.bytes().all(|c| c.is_ascii_lowercase())
                        && !matches!(
                            last_seg,
                            "led"
                                | "held"
                                | "born"
                                | "run"
                                | "made"
                                | "era"
                                | "wide"
                                | "like"
                                | "in"
                                | "up"
                                | "out"
                                | "off"
                                | "on"
                                | "day"
                                | "year"
                                | "old"
                                | "new"
                                | "end"
                                | "war"
                                | "time"
                                | "free"
                                | "size"
                                | "term"
                                | "based"
                                | "owned"
                                | "style"
                                | "level"
                                | "scale"
                                | "class"
                                | "state"
                                | "range"
                                | "point"
                                | "front"
                                | "media"
                                | "proof"
                                | "large"
                                | "month"
                                | "sized"
                                | "wing"
                        )
                        && out.last().is_some_and(|t: &Tok| {
                            t.kind == TokKind::Word
                                && t.cap
                                && !t.allcaps
                                && t.end + 1 == start + ws
                        });
                    cap = korean;
                    let head = &word[..h0];
                    if !korean
                        && h0 == scan.last_hyphen
                        && !scan.has_sep
                        && is_name_modifier_tail(last_seg)
                        && head.len() >= 2
                        && head.chars().all(char::is_alphabetic)
                    {
                        split_at = Some(h0);
                    }
                } else if !cap && !lower_tail {
                    // Arabic article prefixes: "al-Zarqawi", "el-Sisi", "bin-Laden"
                    let head = &word[..h0];
                    if matches!(
                        head,
                        "al" | "el"
                            | "ad"
                            | "ash"
                            | "as"
                            | "at"
                            | "ar"
                            | "an"
                            | "az"
                            | "bin"
                            | "ibn"
                            | "abu"
                            | "abd"
                            | "ul"
                    ) {
                        cap = true;
                    }
                }
            }
            if let Some(h0) = split_at {
                let head = &word[..h0];
                out.push(Tok {
                    start: start + ws,
                    end: start + ws + h0,
                    kind: TokKind::Word,
                    cap: true,
                    allcaps: all_caps(head, ascii),
                    sent_start,
                    abbr: false,
                    space_before,
                    ascii,
                    has_sep: false,
                });
                out.push(Tok {
                    start: start + ws + h0,
                    end: start + ws + h0 + 1,
                    kind: TokKind::Punct,
                    cap: false,
                    allcaps: false,
                    sent_start: false,
                    abbr: false,
                    space_before: false,
                    ascii: true,
                    has_sep: false,
                });
                out.push(Tok {
                    start: start + ws + h0 + 1,
                    end: start + we,
                    kind: TokKind::Word,
                    cap: false,
                    allcaps: false,
                    sent_start: false,
                    abbr,
                    space_before: false,
                    ascii: true,
                    has_sep: false,
                });
            } else {
                out.push(Tok {
                    start: start + ws,
                    end: start + we,
                    kind,
                    cap,
                    allcaps,
                    sent_start,
                    abbr,
                    space_before,
                    ascii,
                    has_sep: scan.has_sep,
                });
            }
            sent_start = false;
            // (a space after a word, the commonest case, skipped here
            // rather than by the loop above)
            if b.get(we) == Some(&b' ') {
                space_before = true;
                i = we + 1;
            } else {
                space_before = false;
                i = we;
            }
            continue;
        }
        if is_apos(c) {
            // possessive after a word
            let prev_word = out.len() > first_tok
                && out
                    .last()
                    .is_some_and(|t| t.end == start + i && t.kind == TokKind::Word);
            if prev_word && matches!(b.get(i + cl), Some(b's' | b'S')) {
                let e = i + cl + 1;
                out.push(Tok {
                    start: start + i,
                    end: start + e,
                    kind: TokKind::Poss,
                    cap: false,
                    allcaps: false,
                    sent_start: false,
                    abbr: false,
                    space_before: false,
                    ascii: cl == 1,
                    has_sep: true,
                });
                i = e;
                continue;
            }
        }
        // punctuation: one char
        out.push(Tok {
            start: start + i,
            end: start + i + cl,
            kind: TokKind::Punct,
            cap: false,
            allcaps: false,
            sent_start,
            abbr: false,
            space_before,
            ascii: cl == 1,
            has_sep: false,
        });
        i += cl;
        // (a space after it skipped at once, as after a word)
        space_before = b.get(i) == Some(&b' ');
        i += space_before as usize;
        match c {
            '.' | '!' | '?' => sent_start = true,
            // ':' and bullets start a new clause
            ':' | '•' | '*' => sent_start = true,
            // quotes, brackets and dashes keep a pending sentence start
            '"' | '“' | '”' | '\'' | '‘' | '’' | '(' | ')' | '[' | ']' | '-' | '—' | '–' =>
                {}
            _ => sent_start = false,
        }
    }
}

/// The participles after which a hyphenated name's head is a name of its
/// own: "Iran-backed militias", "a Nairobi-based charity", "Google-owned
/// YouTube", "the Saudi-led coalition". (Other tails keep the word whole:
/// "Minister-designate", "Lee Jae-myung", "Mid-Atlantic".)
fn is_name_modifier_tail(tail: &str) -> bool {
    matches!(
        tail,
        "based"
            | "backed"
            | "led"
            | "owned"
            | "funded"
            | "listed"
            | "controlled"
            | "held"
            | "run"
            | "supported"
            | "sponsored"
            | "allied"
            | "aligned"
            | "linked"
            | "affiliated"
            | "born"
            | "headquartered"
            | "registered"
            | "bound"
            | "brokered"
            | "dominated"
            | "occupied"
            | "administered"
            | "annexed"
            | "flagged"
            | "trained"
            | "educated"
            | "made"
            | "built"
            | "operated"
            | "appointed"
            | "inspired"
            | "style"
    )
}

/// Whether an abbreviation token probably ends a sentence: handled heuristically by callers.
pub fn is_abbr_word(w: &str) -> bool {
    is_abbr(w)
}

#[cfg(test)]
mod tests {
    /// The blocks `is_word_char` answers without a table search hold no
    /// alphanumeric char.
    #[test]
    fn punct_blocks_hold_no_alphanumeric() {
        for c in ('\u{2000}'..='\u{20CF}').filter(|&c| super::is_punct_block(c)) {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(super::is_word_char('\u{2071}') && !super::is_punct_block('\u{2070}'));
    }
}
