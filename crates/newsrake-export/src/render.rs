//! One pass over a row renders its CSV line and its JSONL line at once.
//!
//! The bytes are exactly those of the `csv` crate (`QuoteStyle::Necessary`,
//! `\n` terminator, no header) and of `serde_json::to_writer` plus `\n`; the
//! tests below and in `tests/render.rs` compare them on every row type and on
//! random strings. Why not those crates: they were ≈ 10 % of a `--no-extract`
//! run. `serde_json` escapes strings byte by byte and the `csv` serializer
//! goes through `csv_core`'s incremental state machine and a second buffer
//! for every field, while the texts newsrake writes are long and rarely need
//! escaping; here the scans go eight bytes at a time and clean runs are
//! copied whole.
//!
//! Supported field types are the ones rows use: strings, integers, floats,
//! booleans, `Option`s of them, unit variants and newtypes. Anything else is
//! an error (a row type using it fails its unit test).

use std::fmt;

use serde::ser::{self, Impossible, Serialize};

/// A row field of a type this renderer does not write.
#[derive(Debug)]
pub(crate) struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

fn unsupported(what: &str) -> Unsupported {
    Unsupported(format!("a table row cannot hold {what}"))
}

/// Append `row` as one CSV record to `csv` and one JSON object line to
/// `jsonl`. On error the buffers may hold a partial row. `keys` remembers
/// the escaped JSON keys of the rows rendered before (pass the same one for
/// rows of one type).
pub(crate) fn render_row<R: Serialize + ?Sized>(
    row: &R,
    csv: &mut Vec<u8>,
    jsonl: &mut Vec<u8>,
    keys: &mut Keys,
) -> Result<(), Unsupported> {
    row.serialize(&mut RowSer {
        csv,
        json: jsonl,
        keys,
    })
}

/// A row written field by field, without serde: for the tables of rows
/// (mentions, paragraphs, ...), whose per-field dispatch and key lookup cost
/// more than their short values. Each field gives the JSON text
/// before its value as a literal (`{"name":` for the first field,
/// `,"name":` for the others); the CSV gets a ',' before every field but the
/// first. Values are written exactly as [`Cell`] writes them (the tests
/// compare every such row with the serde path).
pub(crate) struct Direct<'b> {
    csv: &'b mut Vec<u8>,
    json: &'b mut Vec<u8>,
}

impl<'b> Direct<'b> {
    pub(crate) fn new(csv: &'b mut Vec<u8>, json: &'b mut Vec<u8>) -> Self {
        Direct { csv, json }
    }

    #[inline]
    fn field(&mut self, key: &'static [u8]) -> Cell<'_> {
        if key[0] == b',' {
            self.csv.push(b',');
        }
        self.json.extend_from_slice(key);
        Cell {
            csv: self.csv,
            json: self.json,
        }
    }

    #[inline]
    pub(crate) fn str(&mut self, key: &'static [u8], v: &str) {
        let _ = ser::Serializer::serialize_str(self.field(key), v);
    }

    #[inline]
    pub(crate) fn opt_str(&mut self, key: &'static [u8], v: Option<&str>) {
        let cell = self.field(key);
        match v {
            Some(v) => {
                let _ = ser::Serializer::serialize_str(cell, v);
            }
            None => cell.json.extend_from_slice(b"null"),
        }
    }

    #[inline]
    pub(crate) fn uint(&mut self, key: &'static [u8], v: u64) {
        let _ = self.field(key).uint(v);
    }

    #[inline]
    pub(crate) fn opt_uint(&mut self, key: &'static [u8], v: Option<u64>) {
        let cell = self.field(key);
        match v {
            Some(v) => {
                let _ = cell.uint(v);
            }
            None => cell.json.extend_from_slice(b"null"),
        }
    }

    #[inline]
    pub(crate) fn opt_f64(&mut self, key: &'static [u8], v: Option<f64>) {
        let cell = self.field(key);
        match v {
            Some(v) => {
                let _ = ser::Serializer::serialize_f64(cell, v);
            }
            None => cell.json.extend_from_slice(b"null"),
        }
    }

    #[inline]
    pub(crate) fn bool(&mut self, key: &'static [u8], v: bool) {
        let _ = self.field(key).plain(if v { "true" } else { "false" });
    }

    /// Close the row (it has more than one field).
    #[inline]
    pub(crate) fn end(self) {
        self.json.extend_from_slice(b"}\n");
        self.csv.push(b'\n');
    }
}

/// The JSON text before each field's value (`{"article_id":`,
/// `,"paragraph":`, ...), by field position: built on the first row and
/// copied whole for every later one, since escaping the same short keys
/// again for every row cost more than rendering the values.
#[derive(Default)]
pub(crate) struct Keys(Vec<(&'static str, Prefix)>);

/// A field's JSON prefix, padded to a fixed size so that copying it is two
/// vector moves rather than a call to `memcpy` (the extra bytes are cut
/// off again); a longer one is kept whole.
enum Prefix {
    Short([u8; PREFIX_PAD], usize),
    Long(Box<[u8]>),
}

const PREFIX_PAD: usize = 32;

impl Keys {
    /// Append the text before field number `i`, named `key`.
    #[inline]
    fn write(&mut self, json: &mut Vec<u8>, i: usize, key: &'static str) {
        if let Some((k, prefix)) = self.0.get(i) {
            if std::ptr::eq(*k, key) || *k == key {
                match prefix {
                    Prefix::Short(bytes, len) => {
                        let at = json.len();
                        json.extend_from_slice(bytes);
                        json.truncate(at + len);
                    }
                    Prefix::Long(bytes) => json.extend_from_slice(bytes),
                }
                return;
            }
        }
        let mut prefix = vec![if i == 0 { b'{' } else { b',' }];
        json_string(&mut prefix, key);
        prefix.push(b':');
        json.extend_from_slice(&prefix);
        self.0.truncate(i);
        if self.0.len() == i {
            let prefix = if prefix.len() <= PREFIX_PAD {
                let mut bytes = [0u8; PREFIX_PAD];
                bytes[..prefix.len()].copy_from_slice(&prefix);
                Prefix::Short(bytes, prefix.len())
            } else {
                Prefix::Long(prefix.into())
            };
            self.0.push((key, prefix));
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// 0x80 in the lowest byte of `x` equal to `c` (higher bytes may be false
/// positives; the lowest set bit is exact, which is all the scans use).
#[inline]
fn eq_mask(x: u64, c: u8) -> u64 {
    let v = x ^ (u64::from(c) * ONES);
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Index of the first byte of `bytes` for which `word_mask` (on words) and
/// `byte_hit` (on the tail) say yes.
#[inline]
fn find(
    bytes: &[u8],
    word_mask: impl Fn(u64) -> u64,
    byte_hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let m = word_mask(x);
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| byte_hit(b))
        .map(|i| at + i)
}

/// First byte JSON must escape: a control character, `"` or `\`.
#[inline]
fn find_json_escape(bytes: &[u8]) -> Option<usize> {
    find(
        bytes,
        |x| {
            // Bytes below 0x20 (the borrow trick is exact for the lowest hit).
            let control = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
            control | eq_mask(x, b'"') | eq_mask(x, b'\\')
        },
        |b| b < 0x20 || b == b'"' || b == b'\\',
    )
}

/// First byte that CSV quotes or JSON escapes: a control character
/// (`\n` and `\r` among them), `,`, `"` or `\`.
#[inline]
fn find_special(bytes: &[u8]) -> Option<usize> {
    find(
        bytes,
        |x| {
            let control = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
            control | eq_mask(x, b',') | eq_mask(x, b'"') | eq_mask(x, b'\\')
        },
        |b| b < 0x20 || matches!(b, b',' | b'"' | b'\\'),
    )
}

/// True when a CSV field must be quoted: it holds `,`, `"`, `\n` or `\r`.
#[inline]
fn csv_needs_quotes(bytes: &[u8]) -> bool {
    find(
        bytes,
        |x| eq_mask(x, b',') | eq_mask(x, b'"') | eq_mask(x, b'\n') | eq_mask(x, b'\r'),
        |b| matches!(b, b',' | b'"' | b'\n' | b'\r'),
    )
    .is_some()
}

/// One CSV field, quoted (quotes doubled) only when necessary.
fn csv_field(out: &mut Vec<u8>, bytes: &[u8]) {
    if !csv_needs_quotes(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// True when `bytes` holds a control character (below 0x20): eight bytes
/// per step, one test per 32 bytes.
fn has_control(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        let mut m = 0;
        for word in block.chunks_exact(8) {
            let x = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            m |= x.wrapping_sub(0x20 * ONES) & !x & HIGH;
        }
        if m != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| b < 0x20)
}

/// A JSON string literal, escaped as `serde_json` does: `\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other controls as `\u00xx`; everything else
/// (including non-ASCII and DEL) as is. Long text without control
/// characters (nearly all paragraphs) is searched for `"` and `\\` with
/// `memchr2`; short strings (keys, ids) and text with controls with the
/// word-at-a-time scan, which has no call overhead.
fn json_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let word_scan = bytes.len() < 64 || has_control(bytes);
    let mut rest = bytes;
    loop {
        let next = if word_scan {
            find_json_escape(rest)
        } else {
            memchr::memchr2(b'"', b'\\', rest)
        };
        let Some(i) = next else { break };
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 15) as usize],
            ]),
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// The whole row: only a struct is accepted.
struct RowSer<'b> {
    csv: &'b mut Vec<u8>,
    json: &'b mut Vec<u8>,
    keys: &'b mut Keys,
}

/// The fields of the row being written.
struct Fields<'a, 'b> {
    ser: &'a mut RowSer<'b>,
    fields: usize,
    /// CSV length before the last field (to spot a lone empty field).
    last_start: usize,
}

macro_rules! not_a_row {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), Unsupported> {
            Err(unsupported("anything but a struct"))
        })*
    };
}

impl<'a, 'b> ser::Serializer for &'a mut RowSer<'b> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Fields<'a, 'b>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    not_a_row!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(unsupported("anything but a struct"))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(unsupported("an enum"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(unsupported("a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(unsupported("an enum"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Ok(Fields {
            last_start: self.csv.len(),
            ser: self,
            fields: 0,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(unsupported("an enum"))
    }
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let RowSer { csv, json, keys } = &mut *self.ser;
        if self.fields > 0 {
            csv.push(b',');
        }
        keys.write(json, self.fields, key);
        self.fields += 1;
        self.last_start = csv.len();
        value.serialize(Cell { csv, json })
    }

    fn end(self) -> Result<(), Unsupported> {
        let RowSer { csv, json, .. } = self.ser;
        if self.fields == 0 {
            json.push(b'{');
        }
        json.extend_from_slice(b"}\n");
        // `csv` writes a record that is one empty field as `""`.
        if self.fields == 1 && csv.len() == self.last_start {
            csv.extend_from_slice(b"\"\"");
        }
        csv.push(b'\n');
        Ok(())
    }
}

/// One field's value, written to both buffers.
struct Cell<'c> {
    csv: &'c mut Vec<u8>,
    json: &'c mut Vec<u8>,
}

impl Cell<'_> {
    /// A value that is the same digits in both formats.
    fn plain(self, s: &str) -> Result<(), Unsupported> {
        self.csv.extend_from_slice(s.as_bytes());
        self.json.extend_from_slice(s.as_bytes());
        Ok(())
    }

    fn int(self, v: impl itoa::Integer) -> Result<(), Unsupported> {
        self.plain(itoa::Buffer::new().format(v))
    }

    /// An unsigned integer (every count and offset of the tables): two
    /// digits per step into the top of a 16-byte word, which one shift moves
    /// to its start; the word is copied whole and cut to length (fixed-size
    /// moves, not `itoa` plus two `memcpy` calls for a few bytes). Above 16
    /// digits, `itoa`.
    #[inline]
    fn uint(self, v: u64) -> Result<(), Unsupported> {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        if v >= 10_000_000_000_000_000 {
            return self.int(v);
        }
        let mut digits = [0u8; 16];
        let mut i = 16;
        let mut v = v;
        while v >= 100 {
            let r = (v % 100) as usize * 2;
            v /= 100;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
        }
        if v >= 10 {
            let r = v as usize * 2;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
        } else {
            i -= 1;
            digits[i] = b'0' + v as u8;
        }
        let left = (u128::from_le_bytes(digits) >> (8 * i)).to_le_bytes();
        push_cut(self.csv, &left, 16 - i);
        push_cut(self.json, &left, 16 - i);
        Ok(())
    }
}

/// The first `n` bytes of `bytes`, appended to `out`.
#[inline]
fn push_cut(out: &mut Vec<u8>, bytes: &[u8; 16], n: usize) {
    let at = out.len();
    out.extend_from_slice(bytes);
    out.truncate(at + n);
}

impl ser::Serializer for Cell<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.plain(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.uint(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.uint(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.uint(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.uint(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        self.int(v)
    }
    /// CSV: `ryu`'s format, as the `csv` crate (`NaN`, `inf`, `-inf`
    /// included); JSON: `serde_json` itself (floats only occur in the
    /// extraction tables, so speed does not matter and its formatter is
    /// reused as is).
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.csv
            .extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        serde_json::to_writer(&mut *self.json, &v).map_err(ser::Error::custom)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.csv
            .extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        serde_json::to_writer(&mut *self.json, &v).map_err(ser::Error::custom)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    /// CSV: the spreadsheet-safe text (formula guard, cell limit; see
    /// `cell`); JSON: the raw text.
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        // The common short cell (ids, names, kinds): no formula start, no
        // byte either format treats specially, within the cell limit. One
        // scan then serves both, and it is copied as it is.
        let b = v.as_bytes();
        if b.len() <= 64 && !crate::cell::looks_like_formula(v) && find_special(b).is_none() {
            self.csv.extend_from_slice(b);
            self.json.reserve(b.len() + 2);
            self.json.push(b'"');
            self.json.extend_from_slice(b);
            self.json.push(b'"');
            return Ok(());
        }
        csv_field(self.csv, crate::cell::spreadsheet_text(v).as_bytes());
        json_string(self.json, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(unsupported("bytes"))
    }
    /// An empty cell, `null`.
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.json.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(unsupported("a unit value"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Err(unsupported("a unit struct"))
    }
    /// The variant's name, as both crates write it.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(unsupported("a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(unsupported("a nested struct"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(unsupported("an enum with data"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `csv` crate (text fields through `cell::spreadsheet_text`)
    /// and `serde_json` write for `row`.
    fn reference<R: Serialize>(row: &R) -> (Vec<u8>, Vec<u8>) {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        crate::cell::reference::write_record(&mut w, row).unwrap();
        let csv = w.into_inner().unwrap();
        let mut json = serde_json::to_vec(row).unwrap();
        json.push(b'\n');
        (csv, json)
    }

    #[track_caller]
    fn same<R: Serialize>(row: &R) {
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        let mut keys = Keys::default();
        // Twice: the second row uses the remembered keys.
        render_row(row, &mut csv, &mut json, &mut keys).unwrap();
        render_row(row, &mut csv, &mut json, &mut keys).unwrap();
        let (rc, rj) = reference(row);
        assert_eq!(
            String::from_utf8_lossy(&csv),
            String::from_utf8_lossy(&rc).repeat(2)
        );
        assert_eq!(
            String::from_utf8_lossy(&json),
            String::from_utf8_lossy(&rj).repeat(2)
        );
    }

    /// [`same`], and the row's hand-written renderer (`Row::render_direct`)
    /// writes the same bytes too.
    #[track_caller]
    fn same_row<R: crate::Row>(row: &R) {
        same(row);
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        if row.render_direct(&mut csv, &mut json) {
            let (rc, rj) = reference(row);
            assert_eq!(String::from_utf8_lossy(&csv), String::from_utf8_lossy(&rc));
            assert_eq!(String::from_utf8_lossy(&json), String::from_utf8_lossy(&rj));
        }
    }

    #[derive(serde::Serialize)]
    struct Mixed<'a> {
        s: &'a str,
        o: Option<&'a str>,
        n: Option<u64>,
        i: i64,
        b: bool,
        f: f64,
        g: Option<f32>,
        c: char,
    }

    #[derive(serde::Serialize)]
    struct One<'a> {
        s: &'a str,
    }

    /// Strings around every byte the two formats treat specially.
    fn samples() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "plain",
            "=HYPERLINK(\"x\")",
            "+44 20",
            "-5",
            "@SUM(A1)",
            "\t=x",
            "\r=x",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "two\nlines",
            "cr\rhere",
            "back\\slash",
            "tab\there",
            "\u{7f}del",
            "caf\u{e9} \u{201c}curly\u{201d} \u{2014} \u{1F600}",
            "=1+2",
            "exactly8",
            "exactly8,",
            "seventeen bytes!!",
            "#comment",
            " lead and trail ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for b in 0u8..0x20 {
            v.push(format!("x{}y", b as char));
            v.push(format!("0123456{}89abcdef", b as char));
        }
        // Over the spreadsheet cell limit: cut in the CSV only.
        v.push("long, \"quoted\" text ".repeat(2_000));
        v.push(format!("={}", "é".repeat(40_000)));
        v
    }

    #[test]
    fn unsigned_digits_match_itoa() {
        let mut values = vec![0u64, u64::MAX, u64::MAX - 1];
        let mut p = 1u64;
        while let Some(q) = p.checked_mul(10) {
            values.extend([p - 1, p, p + 1]);
            p = q;
        }
        values.extend([p - 1, p, p + 1]);
        values.extend(0..20_000);
        values.extend((0..64).map(|k| 0x9E37_79B9_7F4A_7C15u64.rotate_left(k) >> (k % 60)));
        for v in values {
            let (mut csv, mut json) = (vec![b'x'], vec![b'y']);
            Cell {
                csv: &mut csv,
                json: &mut json,
            }
            .uint(v)
            .unwrap();
            let want = itoa::Buffer::new().format(v).to_string();
            assert_eq!(csv, format!("x{want}").into_bytes());
            assert_eq!(json, format!("y{want}").into_bytes());
        }
    }

    #[test]
    fn matches_csv_and_serde_json() {
        for s in samples() {
            for f in [
                0.0,
                -0.0,
                1.0,
                1.5e-7,
                1e21,
                123456.789,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ] {
                same(&Mixed {
                    s: &s,
                    o: Some(&s),
                    n: Some(u64::MAX),
                    i: i64::MIN,
                    b: true,
                    f,
                    g: Some(f as f32),
                    c: s.chars().next().unwrap_or(','),
                });
            }
            same(&Mixed {
                s: &s,
                o: None,
                n: None,
                i: 0,
                b: false,
                f: 0.1,
                g: None,
                c: '"',
            });
            same(&One { s: &s });
        }
    }

    #[test]
    fn random_strings_match() {
        const ALPHABET: &[char] = &[
            'a',
            'Z',
            ',',
            '"',
            '\n',
            '\r',
            '\\',
            '\t',
            '\u{1}',
            '\u{1f}',
            ' ',
            '\u{7f}',
            '\u{e9}',
            '\u{201c}',
            '\u{1F600}',
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..5000 {
            let len = next(200);
            let s: String = (0..len).map(|_| ALPHABET[next(ALPHABET.len())]).collect();
            same(&One { s: &s });
            same(&Mixed {
                s: &s,
                o: Some(&s),
                n: None,
                i: -1,
                b: false,
                f: 2.5,
                g: None,
                c: 'x',
            });
        }
    }

    #[test]
    fn every_table_matches() {
        use crate::*;
        for s in samples() {
            let t = s.as_str();
            same_row(&ArticleRow {
                article_id: s.clone(),
                source_path: s.clone(),
                line: Some(7),
                title: Some(s.clone()),
                url: None,
                published: Some(s.clone()),
                n_paragraphs: 3,
                n_original: 2,
                n_duplicate: 1,
                n_chars: 12,
                sha256: s.clone(),
                cell_truncated: t.len() % 2 == 0,
            });
            same_row(&ParagraphRow {
                article_id: t,
                paragraph: 0,
                char_start: 0,
                char_end: u64::MAX,
                sha256: t,
                duplicate_of_article: Some(t),
                duplicate_of_paragraph: None,
                n_chars: 5,
                text: t,
                cell_truncated: t.len() % 2 == 0,
            });
            same_row(&DiagnosticRow {
                path: s.clone(),
                line: None,
                article_id: Some(s.clone()),
                level: s.clone(),
                code: s.clone(),
                message: s.clone(),
            });
            same_row(&MentionRow {
                article_id: t,
                paragraph: 1,
                char_start: 2,
                char_end: 3,
                text: t,
                kind: "PER",
                entity_id: t,
                value: Some(t),
            });
            same_row(&EntityRow {
                entity_id: s.clone(),
                kind: s.clone(),
                name: s.clone(),
                aliases: Some(s.clone()),
                n_mentions: 1,
                n_articles: 1,
                country_code: None,
                geonames_id: Some(42),
                latitude: Some(-12.5),
                longitude: Some(f64::NAN),
                cell_truncated: t.len() % 2 == 0,
            });
            same_row(&RoleRow {
                article_id: t,
                paragraph: 0,
                char_start: 0,
                char_end: 1,
                entity_id: t,
                person: t,
                title: Some(t),
                affiliation: None,
                affiliation_id: Some(t),
            });
            same_row(&QuoteRow {
                article_id: t,
                paragraph: 0,
                char_start: 0,
                char_end: 1,
                text: t,
                speaker_entity_id: None,
                speaker: Some(t),
                cue: Some(t),
                kind: t,
                cell_truncated: t.len() % 2 == 0,
            });
            same_row(&CountRow {
                article_id: t,
                paragraph: 0,
                char_start: 0,
                char_end: 1,
                kind: t,
                number: 3,
                number_max: Some(4),
                lower_bound: true,
                approximate: false,
                place_entity_id: Some(t),
                text: t,
                cell_truncated: t.len() % 2 == 0,
            });
            same_row(&EventRow {
                article_id: t,
                paragraph: 0,
                char_start: 0,
                char_end: 1,
                event_type: t,
                trigger: t,
                date: Some(t),
                place_entity_id: None,
                latitude: Some(48.8566),
                longitude: Some(2.3522),
                actors: Some(s.clone()),
                fatalities: Some(0),
                text: t,
                cell_truncated: t.len() % 2 == 0,
            });
        }
    }

    #[test]
    fn scans_agree_with_bytewise_checks() {
        // Every position of every special byte in words and tails.
        for len in 0..80 {
            for at in 0..len {
                for special in [0u8, 0x1f, b'"', b'\\', b',', b'\n', b'\r', 0x7f, 0x80, 0xff] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    let json = bytes
                        .iter()
                        .position(|&b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(find_json_escape(&bytes), json, "{bytes:?}");
                    let quote = bytes
                        .iter()
                        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
                    assert_eq!(csv_needs_quotes(&bytes), quote, "{bytes:?}");
                    assert_eq!(has_control(&bytes), special < 0x20, "{bytes:?}");
                    let either = bytes
                        .iter()
                        .position(|&b| b < 0x20 || matches!(b, b',' | b'"' | b'\\'));
                    assert_eq!(find_special(&bytes), either, "{bytes:?}");
                }
            }
        }
    }
}
