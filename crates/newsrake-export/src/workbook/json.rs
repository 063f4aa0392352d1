//! Reading a JSONL table row into cells without building a
//! `serde_json::Value`.
//!
//! The tables are flat objects of strings, numbers, booleans and nulls,
//! written compactly by `render`. [`scan`] reads exactly that form; anything
//! else (whitespace between tokens, a nested value, an escaped key, a lone
//! surrogate, a line that is not JSON at all) makes it give up, and the row
//! is read with `serde_json` instead ([`from_value`]), which accepts every
//! JSON object and rejects what is not JSON. Both give the same cells for the
//! same row: the tests hold [`scan`] to [`from_value`].

use std::borrow::Cow;

use serde_json::Value;

/// One cell of a row, as the workbook writes it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell<'a> {
    /// A missing or `null` value: no cell.
    Empty,
    Bool(bool),
    /// A JSON integer of at most 15 digits, as written: its `f64` prints the
    /// same digits.
    Int(&'a str),
    /// Any other number.
    Float(f64),
    Text(Cow<'a, str>),
}

/// Read the compact JSON object `line` into `cells` (one per column, in
/// order; `cells` is resized to `columns`). `None` when the line is not in
/// the compact form this reads (it may still be valid JSON: see
/// [`from_value`]).
pub(super) fn scan<'a>(line: &'a str, columns: &[&str], cells: &mut Vec<Cell<'a>>) -> Option<()> {
    cells.clear();
    cells.resize(columns.len(), Cell::Empty);
    let b = line.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    // The column expected next: rows list their keys in column order.
    let mut next = 0;
    if b.get(i) == Some(&b'}') {
        return (i + 1 == b.len()).then_some(());
    }
    loop {
        // Key: a plain string (no escapes), most often the next column's.
        if b.get(i) != Some(&b'"') {
            return None;
        }
        if let Some(name) = columns.get(next) {
            let after = i + 1 + name.len();
            if b.get(after..after + 2) == Some(&b"\":"[..])
                && same(&b[i + 1..after], name.as_bytes())
            {
                let (cell, end) = value(line, after + 2)?;
                cells[next] = cell;
                next += 1;
                i = end;
                match b.get(i) {
                    Some(b',') => {
                        i += 1;
                        continue;
                    }
                    Some(b'}') => return (i + 1 == b.len()).then_some(()),
                    _ => return None,
                }
            }
        }
        let start = i + 1;
        let end = start + memchr::memchr2(b'"', b'\\', &b[start..])?;
        if b[end] != b'"' || has_control(&b[start..end]) {
            return None;
        }
        let key = &line[start..end];
        i = end + 1;
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        let col = if columns.get(next).is_some_and(|c| *c == key) {
            Some(next)
        } else {
            columns.iter().position(|c| *c == key)
        };
        let (cell, after) = value(line, i)?;
        i = after;
        if let Some(c) = col {
            // A repeated key: the last one counts, as in serde_json.
            cells[c] = cell;
            next = c + 1;
        }
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => return (i + 1 == b.len()).then_some(()),
            _ => return None,
        }
    }
}

/// `a == b` for equally long short keys, without a call to `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i + 8 <= a.len() {
        let word = |s: &[u8]| u64::from_ne_bytes(s[i..i + 8].try_into().expect("8 bytes"));
        if word(a) != word(b) {
            return false;
        }
        i += 8;
    }
    let mut diff = 0;
    while i < a.len() {
        diff |= a[i] ^ b[i];
        i += 1;
    }
    diff == 0
}

/// The scalar value starting at `line[i]` and the index after it.
fn value(line: &str, i: usize) -> Option<(Cell<'_>, usize)> {
    let b = line.as_bytes();
    match *b.get(i)? {
        b'"' => string(line, i + 1),
        b'n' => b[i..].starts_with(b"null").then_some((Cell::Empty, i + 4)),
        b't' => b[i..]
            .starts_with(b"true")
            .then_some((Cell::Bool(true), i + 4)),
        b'f' => b[i..]
            .starts_with(b"false")
            .then_some((Cell::Bool(false), i + 5)),
        b'-' | b'0'..=b'9' => number(line, i),
        _ => None,
    }
}

/// A string whose contents start at `line[start]`.
fn string(line: &str, start: usize) -> Option<(Cell<'_>, usize)> {
    let b = line.as_bytes();
    let end = start + memchr::memchr2(b'"', b'\\', &b[start..])?;
    if has_control(&b[start..end]) {
        return None;
    }
    if b[end] == b'"' {
        return Some((Cell::Text(Cow::Borrowed(&line[start..end])), end + 1));
    }
    // Escapes: decode into an owned string.
    let mut out = String::with_capacity(end - start + 16);
    out.push_str(&line[start..end]);
    let mut i = end;
    loop {
        // b[i] is a backslash.
        let esc = *b.get(i + 1)?;
        i += 2;
        match esc {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let hi = hex4(b.get(i..i + 4)?)?;
                i += 4;
                let c = match hi {
                    0xD800..=0xDBFF => {
                        if b.get(i..i + 2)? != b"\\u" {
                            return None;
                        }
                        let lo = hex4(b.get(i + 2..i + 6)?)?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return None;
                        }
                        i += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                    }
                    _ => char::from_u32(hi)?,
                };
                out.push(c);
            }
            _ => return None,
        }
        let run = memchr::memchr2(b'"', b'\\', &b[i..])?;
        if has_control(&b[i..i + run]) {
            return None;
        }
        out.push_str(&line[i..i + run]);
        i += run;
        if b[i] == b'"' {
            return Some((Cell::Text(Cow::Owned(out)), i + 1));
        }
    }
}

fn hex4(h: &[u8]) -> Option<u32> {
    h.iter()
        .try_fold(0u32, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
}

/// Whether `s` holds a control character, which JSON strings must escape.
fn has_control(s: &[u8]) -> bool {
    // A fold the compiler vectorises.
    s.iter().fold(0xff, |m, &c| m.min(c)) < 0x20
}

/// A number starting at `line[i]`, checked against JSON's grammar.
fn number(line: &str, i: usize) -> Option<(Cell<'_>, usize)> {
    let b = line.as_bytes();
    let digits = |mut j: usize| {
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut j = i + usize::from(b[i] == b'-');
    let int_start = j;
    match b.get(j)? {
        b'0' => j += 1,
        b'1'..=b'9' => j = digits(j),
        _ => return None,
    }
    let int_end = j;
    let mut plain = true;
    if b.get(j) == Some(&b'.') {
        plain = false;
        let k = digits(j + 1);
        if k == j + 1 {
            return None;
        }
        j = k;
    }
    if matches!(b.get(j), Some(b'e' | b'E')) {
        plain = false;
        j += 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let k = digits(j);
        if k == j {
            return None;
        }
        j = k;
    }
    let text = &line[i..j];
    // Up to 15 digits an integer is exact in an f64, which prints it back as
    // the same digits; "-0" prints as "-0" only from the float.
    let cell = if plain && int_end - int_start <= 15 && text != "-0" {
        Cell::Int(text)
    } else {
        Cell::Float(serde_json::from_str::<f64>(text).ok()?)
    };
    Some((cell, j))
}

/// The cells of a row read by `serde_json` (any JSON object; an error for
/// anything else), as the workbook has always read them.
pub(super) fn from_value<'a>(value: &Value, columns: &[&str], cells: &mut Vec<Cell<'a>>) {
    cells.clear();
    cells.extend(columns.iter().map(|name| match value.get(name) {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::Bool(b)) => Cell::Bool(*b),
        Some(Value::Number(n)) => Cell::Float(n.as_f64().unwrap_or(f64::NAN)),
        Some(Value::String(s)) => Cell::Text(Cow::Owned(s.clone())),
        Some(other) => Cell::Text(Cow::Owned(other.to_string())),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[&str] = &["a", "b", "c"];

    /// `scan` and `from_value` agree, or `scan` gives up.
    fn check(line: &str, scans: bool) {
        let mut fast = Vec::new();
        let scanned = scan(line, COLUMNS, &mut fast);
        assert_eq!(scanned.is_some(), scans, "{line}");
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            assert!(scanned.is_none(), "{line} is not JSON");
            return;
        };
        let mut slow = Vec::new();
        from_value(&value, COLUMNS, &mut slow);
        if scanned.is_some() {
            let same = |a: &Cell<'_>, b: &Cell<'_>| match (a, b) {
                (Cell::Int(i), Cell::Float(f)) => i.parse::<f64>().unwrap() == *f,
                (Cell::Float(x), Cell::Float(y)) => x.to_bits() == y.to_bits(),
                (Cell::Text(x), Cell::Text(y)) => x == y,
                (x, y) => x == y,
            };
            assert!(
                fast.iter().zip(&slow).all(|(a, b)| same(a, b)),
                "{line}: {fast:?} vs {slow:?}"
            );
        }
    }

    #[test]
    fn scan_agrees_with_serde_json() {
        for line in [
            r#"{"a":"x","b":1,"c":true}"#,
            r#"{"a":null,"b":-12.5e-3,"c":false}"#,
            r#"{"c":"last","a":"first"}"#,
            r#"{"a":"x","zz":3,"b":2}"#,
            r#"{"a":"one","a":"two"}"#,
            r#"{}"#,
            r#"{"a":"q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00 end"}"#,
            r#"{"a":"\u0000\u001f","b":0}"#,
            r#"{"a":"","b":123456789012345,"c":1234567890123456}"#,
            r#"{"a":"-0","b":-0,"c":0.1}"#,
            r#"{"b":18446744073709551615,"c":123456789012345678901234567890}"#,
            r#"{"b":1e5,"c":-7}"#,
            r#"{"a":"ünïcödé ✓"}"#,
        ] {
            check(line, true);
        }
        for line in [
            r#"{"a": "x"}"#,
            r#" {"a":"x"}"#,
            r#"{"a":"x"} "#,
            r#"{"a":[1,2]}"#,
            r#"{"a":{"b":1}}"#,
            r#"{"\u0061":"x"}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            "{\"a\":\"tab\there\"}",
            r#"{"a":"x"#,
            r#"{"b":1E400}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":.5}"#,
            r#"{"a":1e}"#,
            r#"{"a":+1}"#,
            r#"{"a":nul}"#,
            r#"{"a":"x",}"#,
            r#"{"a":"x"}}"#,
            r#"{"a":"\x"}"#,
            r#"["a"]"#,
            "",
        ] {
            check(line, false);
        }
    }
}
