//! DATE mentions: absolute dates normalised to ISO-8601 prefixes, relative ones resolved against
//! the publication date when there is one.

use crate::token::{Tok, TokKind};

pub fn month_of(w: &str) -> Option<u32> {
    let w = w.strip_suffix('.').unwrap_or(w);
    Some(match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sep" | "Sept" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    })
}

pub fn weekday_of(w: &str) -> Option<i64> {
    // 0 = Monday
    Some(match w {
        "Monday" => 0,
        "Tuesday" => 1,
        "Wednesday" => 2,
        "Thursday" => 3,
        "Friday" => 4,
        "Saturday" => 5,
        "Sunday" => 6,
        _ => return None,
    })
}

fn parse_day(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suf = &w[d.len()..];
    if !(suf.is_empty() || matches!(suf, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    let n: u32 = d.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn parse_year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1000..=2100).contains(&y).then_some(y)
}

/// Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's algorithm.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parse "YYYY-MM-DD..." publication date into days since epoch.
pub fn parse_published(p: Option<&str>) -> Option<i64> {
    let p = p?.trim();
    if p.len() < 10 {
        return None;
    }
    let y: i64 = p.get(0..4)?.parse().ok()?;
    let m: i64 = p.get(5..7)?.parse().ok()?;
    let d: i64 = p.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn fmt_day(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    iso(Some(y), Some(m), Some(d))
}

/// `format!("{y:04}")`, `format!("{y:04}-{m:02}")` or
/// `format!("{y:04}-{m:02}-{d:02}")`, with "XXXX" for an unknown year:
/// the same text without the formatting machinery (a date is made for
/// most DATE mentions).
fn iso(y: Option<i64>, m: Option<i64>, d: Option<i64>) -> String {
    let mut s = String::with_capacity(10);
    match y {
        Some(y) => pad(&mut s, y, 4),
        None => s.push_str("XXXX"),
    }
    for v in [m, d].into_iter().flatten() {
        s.push('-');
        pad(&mut s, v, 2);
    }
    s
}

/// `write!(s, "{v:0w$}")`.
fn pad(s: &mut String, v: i64, w: usize) {
    if v < 0 {
        use std::fmt::Write;
        let _ = write!(s, "{v:0w$}");
        return;
    }
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut x = v as u64;
    loop {
        digits[n] = b'0' + (x % 10) as u8;
        n += 1;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    for _ in n..w {
        s.push('0');
    }
    for &c in digits[..n].iter().rev() {
        s.push(c as char);
    }
}

/// A date found in the token stream: token range [a, b) and normalised value.
pub struct DateHit {
    pub a: usize,
    pub b: usize,
    pub value: String,
}

/// Find dates in tokens. `word(i)` gives the token text.
pub fn find_dates<'t>(toks: &[Tok], text: &'t str, published: Option<i64>, out: &mut Vec<DateHit>) {
    let w = |i: usize| -> &'t str { &text[toks[i].start..toks[i].end] };
    let n = toks.len();
    let is = |i: usize, s: &str| i < n && w(i) == s;
    let lower_eq = |i: usize, s: &str| i < n && w(i).eq_ignore_ascii_case(s);
    let mut i = 0;
    while i < n {
        let t = toks[i];
        if t.kind == TokKind::Punct || t.kind == TokKind::Poss {
            i += 1;
            continue;
        }
        // (the first byte straight from the text: most tokens fail the gate
        // below, and need no slice)
        let b0 = text.as_bytes()[t.start];
        // fast gate: dates start with a digit, a capital (month, weekday,
        // a relative word) or a few lower-case words. The capitals are
        // those that begin a month (J F M A S O N D), a weekday (M T W F
        // S), "Today", "Tomorrow", "Yesterday", or "last"/"next"/"this" in
        // any case (L N T): one byte test spares the word comparisons
        // below for most capitalised words.
        let gate = if b0.is_ascii_digit() {
            true
        } else if b0.is_ascii_uppercase() {
            matches!(
                b0,
                b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D' | b'T' | b'W' | b'Y' | b'L'
            )
        } else {
            matches!(b0, b't' | b'y' | b'l' | b'n')
                && matches!(
                    w(i),
                    "today" | "yesterday" | "tomorrow" | "last" | "next" | "this"
                )
        };
        if !gate {
            i += 1;
            continue;
        }
        let wi = w(i);
        // Days, years and decades start with a digit: other words skip those
        // parsers (a capitalised word can only be a month, a weekday or a
        // relative word).
        let digit = b0.is_ascii_digit();
        // Day Month [Year]
        if let Some(d) = digit.then(|| parse_day(wi)).flatten() {
            if i + 1 < n {
                if let Some(m) = month_of(w(i + 1)) {
                    let mut b = i + 2;
                    let mut val = String::new();
                    if b < n {
                        let mut k = b;
                        if is(k, ",") {
                            k += 1;
                        }
                        if k < n {
                            if let Some(y) = parse_year(w(k)) {
                                val = iso(Some(y.into()), Some(m.into()), Some(d.into()));
                                b = k + 1;
                            }
                        }
                    }
                    if val.is_empty() {
                        val = iso(None, Some(m.into()), Some(d.into()));
                    }
                    out.push(DateHit {
                        a: i,
                        b,
                        value: val,
                    });
                    i = b;
                    continue;
                }
            }
        }
        // (every month name starts with one of these letters, every weekday
        // with one of the second ones: other words skip the comparisons)
        let month_start = matches!(b0, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D');
        if let Some(m) = month_start.then(|| month_of(wi)).flatten() {
            // "May" and abbreviations need a day or year next to them
            let mut hit = None;
            if i + 1 < n {
                if let Some(d) = parse_day(w(i + 1)) {
                    let mut k = i + 2;
                    if is(k, ",") {
                        k += 1;
                    }
                    if k < n {
                        if let Some(y) = parse_year(w(k)) {
                            hit =
                                Some((k + 1, iso(Some(y.into()), Some(m.into()), Some(d.into()))));
                        }
                    }
                    if hit.is_none() {
                        hit = Some((i + 2, iso(None, Some(m.into()), Some(d.into()))));
                    }
                } else if let Some(y) = parse_year(w(i + 1)) {
                    hit = Some((i + 2, iso(Some(y.into()), Some(m.into()), None)));
                } else if is(i + 1, ",") && i + 2 < n {
                    if let Some(y) = parse_year(w(i + 2)) {
                        hit = Some((i + 3, iso(Some(y.into()), Some(m.into()), None)));
                    }
                }
            }
            if hit.is_none() && wi.len() > 4 && wi != "March" && !wi.ends_with('.') {
                // bare full month name ("in February"): value = month only
                let prev_ok = i > 0
                    && matches!(
                        w(i - 1),
                        "in" | "In"
                            | "since"
                            | "until"
                            | "by"
                            | "from"
                            | "early"
                            | "late"
                            | "mid"
                            | "last"
                            | "next"
                            | "this"
                            | "of"
                            | "to"
                            | "through"
                    );
                if prev_ok || !toks[i].sent_start {
                    hit = Some((i + 1, iso(None, Some(m.into()), None)));
                }
            }
            if let Some((b, v)) = hit {
                out.push(DateHit { a: i, b, value: v });
                i = b;
                continue;
            }
        }
        let weekday_start = matches!(b0, b'M' | b'T' | b'W' | b'F' | b'S');
        if let Some(wd) = weekday_start.then(|| weekday_of(wi)).flatten() {
            let value = match published {
                Some(p) => {
                    // weekday of published: 1970-01-01 was a Thursday (3)
                    let pwd = (p + 3).rem_euclid(7);
                    let next = i > 0 && lower_eq(i - 1, "next");
                    // "will appear in court on Monday": the coming one
                    let future = (i.saturating_sub(15)..i)
                        .rev()
                        .take_while(|&k| k + 1 == i || !toks[k + 1].sent_start)
                        .any(|k| {
                            ["will", "shall", "scheduled", "due", "upcoming", "expected"]
                                .iter()
                                .any(|w| lower_eq(k, w))
                        });
                    let delta = if next {
                        (wd - pwd).rem_euclid(7).max(1)
                    } else if future {
                        (wd - pwd).rem_euclid(7)
                    } else {
                        -((pwd - wd).rem_euclid(7))
                    };
                    fmt_day(p + delta)
                }
                None => String::new(),
            };
            out.push(DateHit {
                a: i,
                b: i + 1,
                value,
            });
            i += 1;
            continue;
        }
        if let Some(y) = digit.then(|| parse_year(wi)).flatten() {
            // a year: not part of a larger number, not a count ("2000 people"), not money
            let prev_money = i > 0 && matches!(w(i - 1), "$" | "£" | "€");
            let next_unit = i + 1 < n
                && toks[i + 1].kind == TokKind::Word
                && !toks[i + 1].cap
                && matches!(
                    w(i + 1),
                    "people"
                        | "troops"
                        | "soldiers"
                        | "km"
                        | "kilometres"
                        | "kilometers"
                        | "miles"
                        | "metres"
                        | "meters"
                        | "tons"
                        | "tonnes"
                        | "dollars"
                        | "euros"
                        | "pounds"
                        | "men"
                        | "women"
                        | "children"
                        | "units"
                        | "times"
                        | "feet"
                        | "percent"
                );
            if !prev_money && !next_unit && (1500..=2100).contains(&y) {
                out.push(DateHit {
                    a: i,
                    b: i + 1,
                    value: iso(Some(y.into()), None, None),
                });
                i += 1;
                continue;
            }
        }
        // decades "1990s"
        if digit && wi.len() == 5 && wi.ends_with('s') && parse_year(&wi[..4]).is_some() {
            out.push(DateHit {
                a: i,
                b: i + 1,
                value: [&wi[..3], "X"].concat(),
            });
            i += 1;
            continue;
        }
        // relative words
        let lw = wi;
        let rel = match lw {
            "today" | "Today" => Some(0),
            "yesterday" | "Yesterday" => Some(-1),
            "tomorrow" | "Tomorrow" => Some(1),
            _ => None,
        };
        if let Some(dd) = rel {
            let value = published.map(|p| fmt_day(p + dd)).unwrap_or_default();
            out.push(DateHit {
                a: i,
                b: i + 1,
                value,
            });
            i += 1;
            continue;
        }
        // (all three are 4 letters: other lengths skip the comparisons)
        if wi.len() == 4
            && matches!(b0, b'l' | b'L' | b'n' | b'N' | b't' | b'T')
            && (lower_eq(i, "last") || lower_eq(i, "next") || lower_eq(i, "this"))
            && i + 1 < n
        {
            let unit = w(i + 1);
            if matches!(unit, "week" | "month" | "year" | "weekend") {
                let sign = if lower_eq(i, "last") {
                    -1
                } else if lower_eq(i, "next") {
                    1
                } else {
                    0
                };
                let value = match published {
                    Some(p) => {
                        let (y, m, _) = civil_from_days(p);
                        match unit {
                            "year" => format!("{:04}", y + sign),
                            "month" => {
                                let mm = (y * 12 + (m - 1)) + sign;
                                format!("{:04}-{:02}", mm.div_euclid(12), mm.rem_euclid(12) + 1)
                            }
                            _ => {
                                // ISO week of the shifted day
                                let z = p + 7 * sign;
                                iso_week(z)
                            }
                        }
                    }
                    None => String::new(),
                };
                out.push(DateHit {
                    a: i,
                    b: i + 2,
                    value,
                });
                i += 2;
                continue;
            }
        }
        i += 1;
    }
}

fn iso_week(z: i64) -> String {
    let wd = (z + 3).rem_euclid(7); // 0 = Monday
    let thursday = z - wd + 3;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    format!("{y:04}-W{week:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    /// `iso` writes what `format!` does.
    #[test]
    fn iso_is_format() {
        for y in [-12345, -1, 0, 7, 99, 999, 1000, 2024, 12345] {
            for m in [0, 1, 9, 10, 12, 123] {
                assert_eq!(iso(Some(y), None, None), format!("{y:04}"));
                assert_eq!(iso(Some(y), Some(m), None), format!("{y:04}-{m:02}"));
                assert_eq!(
                    iso(Some(y), Some(m), Some(m)),
                    format!("{y:04}-{m:02}-{m:02}")
                );
                assert_eq!(
                    iso(None, Some(m), Some(-m)),
                    format!("XXXX-{m:02}-{:02}", -m)
                );
            }
        }
    }

    #[test]
    fn civil_roundtrip() {
        let z = days_from_civil(2022, 2, 24);
        assert_eq!(civil_from_days(z), (2022, 2, 24));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso_week(days_from_civil(2026, 11, 24)), "2026-W48");
    }
}
