//! The tokenizer as it was before the byte-level rewrite (commit cebecf0), kept
//! verbatim as the reference the differential test compares against.
#![allow(dead_code, clippy::all)]

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
}

const ABBR: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm",
    "Cpl", "Pvt", "Pfc", "Spc", "Prof", "Rev", "Sen", "Rep", "Gov", "Gens", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Inc", "Corp",
    "Ltd", "Co", "vs", "etc", "Mt", "Ft", "Ave", "Blvd", "Rd", "Hon", "Messrs", "Mme", "Mlle",
    "Brig", "Cmdr", "Cdr", "Supt", "Insp", "Det", "Fr", "Msgr", "Univ", "Dept", "Est", "approx",
    "Nr", "Pres", "Amb", "Vol", "pp", "cf", "al", "Ph", "e.g", "i.e",
];

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
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

/// Tokenize `text[start..end]`, appending to `out`. Offsets are into `text`.
const KOREAN_NOT: &[&str] = &[
    "led", "held", "born", "run", "made", "era", "wide", "like", "in", "up", "out", "off", "on",
    "day", "year", "old", "new", "end", "war", "time", "free", "size", "term", "based", "owned",
    "style", "level", "scale", "class", "state", "range", "point", "front", "media", "proof",
    "large", "month", "sized", "wing",
];

const NAME_MODIFIER_TAILS: &[&str] = &[
    "based",
    "backed",
    "led",
    "owned",
    "funded",
    "listed",
    "controlled",
    "held",
    "run",
    "supported",
    "sponsored",
    "allied",
    "aligned",
    "linked",
    "affiliated",
    "born",
    "headquartered",
    "registered",
    "bound",
    "brokered",
    "dominated",
    "occupied",
    "administered",
    "annexed",
    "flagged",
    "trained",
    "educated",
    "made",
    "built",
    "operated",
    "appointed",
    "inspired",
    "style",
];

pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut i = 0usize;
    let mut sent_start = true;
    let mut space_before = true;
    let first_tok = out.len();
    let _ = first_tok;
    while i < b.len() {
        let c = match ch_at(s, i) {
            Some(c) => c,
            None => break,
        };
        let cl = c.len_utf8();
        if c == ' ' || c.is_whitespace() {
            i += cl;
            space_before = true;
            continue;
        }
        if is_word_char(c) {
            // scan a word: alnum runs joined by '-', apostrophe (non-possessive), '&' between caps? no.
            let ws = i;
            let mut j = i;
            let mut all_digit = true;
            loop {
                // consume alnum run
                while j < b.len() {
                    let bj = b[j];
                    if bj < 0x80 {
                        if bj.is_ascii_alphabetic() {
                            all_digit = false;
                            j += 1;
                            continue;
                        }
                        if bj.is_ascii_digit() {
                            j += 1;
                            continue;
                        }
                        break;
                    }
                    let ch = ch_at(s, j).unwrap();
                    if is_word_char(ch) {
                        if !ch.is_ascii_digit() {
                            all_digit = false;
                        }
                        j += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                if j >= b.len() {
                    break;
                }
                let ch = ch_at(s, j).unwrap();
                let after = ch_at(s, j + ch.len_utf8());
                let joinable = match after {
                    Some(a) => is_word_char(a),
                    None => false,
                };
                if ch == '-' && joinable && !all_digit {
                    j += 1;
                    continue;
                }
                if ch == '-' && joinable && all_digit {
                    // 1980-88 style ranges stay one token
                    j += 1;
                    continue;
                }
                if is_apos(ch) && joinable {
                    // possessive 's followed by non-word => stop here
                    let a = after.unwrap();
                    let rest = &s[j + ch.len_utf8() + a.len_utf8()..];
                    let next_is_word = rest.chars().next().map(is_word_char).unwrap_or(false);
                    if (a == 's' || a == 'S') && !next_is_word {
                        break;
                    }
                    j += ch.len_utf8();
                    continue;
                }
                if (ch == '.' || ch == ',')
                    && all_digit
                    && after.map(|a| a.is_ascii_digit()).unwrap_or(false)
                {
                    j += 1;
                    continue;
                }
                break;
            }
            let word = &s[ws..j];
            let mut we = j;
            let mut abbr = false;
            // abbreviation with periods: U.S., U.K., D.C., Mr., Feb., initials "F."
            if j < b.len() && b[j] == b'.' {
                let wl = word.chars().count();
                if wl == 1
                    && word
                        .chars()
                        .next()
                        .map(|c| c.is_alphabetic())
                        .unwrap_or(false)
                {
                    // X.Y.Z. chain
                    let mut k = j + 1;
                    loop {
                        let mut it = s[k..].chars();
                        match (it.next(), it.next()) {
                            (Some(x), Some('.')) if x.is_alphabetic() => {
                                k += x.len_utf8() + 1;
                            }
                            _ => break,
                        }
                    }
                    we = k;
                    abbr = true;
                } else if word.len() <= 6 && ABBR.contains(&word) {
                    we = j + 1;
                    abbr = true;
                }
            }
            let first = ch_at(word, 0).unwrap();
            // all-caps test: only for words that start upper-case
            let (letters, upper) = if first.is_uppercase() {
                let mut letters = 0;
                let mut upper = 0;
                if word.is_ascii() {
                    for &c in word.as_bytes() {
                        if c.is_ascii_alphabetic() {
                            letters += 1;
                            if c.is_ascii_uppercase() {
                                upper += 1;
                            }
                        }
                    }
                } else {
                    for ch in word.chars() {
                        if ch.is_alphabetic() {
                            letters += 1;
                            if ch.is_uppercase() {
                                upper += 1;
                            }
                        }
                    }
                }
                (letters, upper)
            } else {
                (0, 1)
            };
            let kind = if all_digit {
                TokKind::Num
            } else {
                TokKind::Word
            };
            let mut cap = first.is_uppercase();
            if let Some(h) = if word.len() > 2 && word.as_bytes()[1..].contains(&b'-') {
                word.rfind('-')
            } else {
                None
            } {
                let last_seg = &word[h + 1..];
                let lower_tail = last_seg
                    .chars()
                    .next()
                    .map(|c| c.is_lowercase())
                    .unwrap_or(false);
                // ... but a Korean given name after the family name is
                // ("Lee Jae-myung", "Kim Jong-un")
                let head0 = &word[..word.find('-').unwrap_or(0)];
                let korean = cap
                    && lower_tail
                    && !word[..h].contains('-')
                    && (2..=5).contains(&head0.len())
                    && head0.bytes().skip(1).all(|c| c.is_ascii_lowercase())
                    && (1..=5).contains(&last_seg.len())
                    && last_seg.bytes().all(|c| c.is_ascii_lowercase())
                    && !KOREAN_NOT.contains(&last_seg)
                    && out.last().is_some_and(|t: &Tok| {
                        t.kind == TokKind::Word && t.cap && !t.allcaps && t.end + 1 == start + ws
                    });
                if cap && lower_tail && !korean {
                    // "ISIL-held", "Russian-backed", "Minister-designate": not a name
                    cap = false;
                    // ... but in "Iran-backed", "Nairobi-based" the head is a
                    // word of its own, then the hyphen, then the tail
                    let head = &word[..h];
                    if !head.contains('-')
                        && head.chars().count() >= 2
                        && head.chars().all(char::is_alphabetic)
                        && NAME_MODIFIER_TAILS.contains(&last_seg)
                    {
                        let hs = start + ws;
                        let up = head.chars().filter(|c| c.is_uppercase()).count();
                        let hl = head.chars().filter(|c| c.is_alphabetic()).count();
                        out.push(Tok {
                            start: hs,
                            end: hs + h,
                            kind: TokKind::Word,
                            cap: true,
                            allcaps: hl >= 2 && up == hl,
                            sent_start,
                            abbr: false,
                            space_before,
                        });
                        out.push(Tok {
                            start: hs + h,
                            end: hs + h + 1,
                            kind: TokKind::Punct,
                            cap: false,
                            allcaps: false,
                            sent_start: false,
                            abbr: false,
                            space_before: false,
                        });
                        out.push(Tok {
                            start: hs + h + 1,
                            end: start + we,
                            kind: TokKind::Word,
                            cap: false,
                            allcaps: false,
                            sent_start: false,
                            abbr,
                            space_before: false,
                        });
                        sent_start = false;
                        space_before = false;
                        i = we;
                        continue;
                    }
                } else if !cap && !lower_tail {
                    // Arabic article prefixes: "al-Zarqawi", "el-Sisi", "bin-Laden"
                    let head = &word[..word.find('-').unwrap_or(0)];
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
            out.push(Tok {
                start: start + ws,
                end: start + we,
                kind,
                cap,
                allcaps: letters >= 2 && upper == letters,
                sent_start,
                abbr,
                space_before,
            });
            sent_start = false;
            space_before = false;
            i = we;
            continue;
        }
        if is_apos(c) {
            // possessive after a word
            let prev_word = out
                .last()
                .map(|t| t.end == start + i && t.kind == TokKind::Word)
                .unwrap_or(false);
            if prev_word {
                let mut it = s[i + cl..].chars();
                let a = it.next();
                if a == Some('s') || a == Some('S') {
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
                    });
                    i = e;
                    continue;
                }
            }
        }
        // punctuation: one char
        let is_end = matches!(c, '.' | '!' | '?');
        out.push(Tok {
            start: start + i,
            end: start + i + cl,
            kind: TokKind::Punct,
            cap: false,
            allcaps: false,
            sent_start,
            abbr: false,
            space_before,
        });
        space_before = false;
        i += cl;
        if is_end {
            sent_start = true;
        } else if matches!(
            c,
            '"' | '“'
                | '”'
                | '\''
                | '‘'
                | '’'
                | '('
                | ')'
                | '['
                | ']'
                | '-'
                | '—'
                | '–'
                | ':'
                | '*'
                | '•'
        ) {
            // quotes/brackets keep a pending sentence start; ':' and dashes start a new clause
            if matches!(c, ':' | '•' | '*') {
                sent_start = true;
            }
        } else {
            sent_start = false;
        }
    }
}

/// Whether an abbreviation token probably ends a sentence: handled heuristically by callers.
pub fn is_abbr_word(w: &str) -> bool {
    ABBR.contains(&w)
}
