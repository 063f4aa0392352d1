//! What a spreadsheet does to a cell, and how the CSV avoids it.
//!
//! Two things go wrong when a CSV is double-clicked:
//!
//! - **Formulas.** A cell starting with `=`, `+`, `-` or `@` (or a tab or
//!   carriage return before one) is evaluated by Excel and LibreOffice: news
//!   text quoting "=HYPERLINK(…)" would run. Following OWASP's advice on CSV
//!   injection, such a text cell gets a leading `'`, which spreadsheets show
//!   as text and never evaluate. Only text columns are guarded: numbers,
//!   coordinates and flags are written as they are. The JSONL keeps the raw
//!   value, and so does the workbook, whose cells are typed strings.
//! - **Length.** A cell holds at most 32,767 characters (Excel counts UTF-16
//!   units). Longer text is cut to fit in the CSV and the workbook, and the
//!   row's `cell_truncated` column says so; the JSONL has the whole text.

use std::borrow::Cow;

/// The most characters (UTF-16 code units) a spreadsheet cell holds.
pub const CELL_LIMIT: usize = 32_767;

/// Whether `s` is longer than a spreadsheet cell holds.
pub fn too_long(s: &str) -> bool {
    // A UTF-8 string has at least as many bytes as UTF-16 units.
    s.len() > CELL_LIMIT && s.encode_utf16().nth(CELL_LIMIT).is_some()
}

/// The longest prefix of `s` (on a character boundary) that fits in
/// `limit` UTF-16 units.
pub(crate) fn prefix_fitting(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > limit {
            return &s[..i];
        }
    }
    s
}

/// Whether a spreadsheet would read a cell starting like `s` as a formula.
pub fn looks_like_formula(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// `s` as a spreadsheet text cell: guarded against formula evaluation and
/// cut to [`CELL_LIMIT`].
pub fn spreadsheet_text(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        let mut guarded = String::with_capacity(s.len().min(CELL_LIMIT) + 1);
        guarded.push('\'');
        guarded.push_str(prefix_fitting(s, CELL_LIMIT - 1));
        Cow::Owned(guarded)
    } else {
        Cow::Borrowed(prefix_fitting(s, CELL_LIMIT))
    }
}

/// The reference the fast renderer (`render`) is tested against: the `csv`
/// crate's writer with every text field through [`spreadsheet_text`].
#[cfg(test)]
pub(crate) mod reference {
    use std::io::{self, Write};

    use serde::ser::{self, Impossible, Serialize};

    use super::spreadsheet_text;

    /// Writes one [`Row`](crate::Row) as a CSV record with the `csv` crate,
    /// every text field through [`spreadsheet_text`], numbers exactly as the
    /// `csv` crate's own serializer does (`itoa`, `ryu`). The reference that
    /// the fast renderer (`render`) is tested against.
    pub(crate) fn write_record<W: Write, R: Serialize>(
        wtr: &mut csv::Writer<W>,
        row: &R,
    ) -> io::Result<()> {
        row.serialize(&mut Fields { wtr }).map_err(|e| e.0)?;
        wtr.write_record(None::<&[u8]>).map_err(crate::csv_err)
    }

    /// An I/O error, as serde wants its errors.
    #[derive(Debug)]
    struct Error(io::Error);

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for Error {}

    impl ser::Error for Error {
        fn custom<T: std::fmt::Display>(msg: T) -> Self {
            Error(io::Error::other(msg.to_string()))
        }
    }

    type Result<T = ()> = std::result::Result<T, Error>;

    struct Fields<'w, W: Write> {
        wtr: &'w mut csv::Writer<W>,
    }

    impl<W: Write> Fields<'_, W> {
        fn field(&mut self, bytes: &[u8]) -> Result {
            self.wtr
                .write_field(bytes)
                .map_err(|e| Error(crate::csv_err(e)))
        }
    }

    fn unsupported(what: &str) -> Error {
        Error(io::Error::other(format!("a table row cannot hold {what}")))
    }

    macro_rules! integers {
        ($($name:ident: $t:ty),*) => {$(
            fn $name(self, v: $t) -> Result {
                self.field(itoa::Buffer::new().format(v).as_bytes())
            }
        )*};
    }

    impl<W: Write> ser::Serializer for &mut Fields<'_, W> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Impossible<(), Error>;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStruct = Self;
        type SerializeStructVariant = Impossible<(), Error>;

        integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
            serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

        fn serialize_bool(self, v: bool) -> Result {
            self.field(if v { b"true" } else { b"false" })
        }
        fn serialize_f32(self, v: f32) -> Result {
            self.field(ryu::Buffer::new().format(v).as_bytes())
        }
        fn serialize_f64(self, v: f64) -> Result {
            self.field(ryu::Buffer::new().format(v).as_bytes())
        }
        fn serialize_char(self, v: char) -> Result {
            self.serialize_str(v.encode_utf8(&mut [0; 4]))
        }
        fn serialize_str(self, v: &str) -> Result {
            self.field(spreadsheet_text(v).as_bytes())
        }
        fn serialize_bytes(self, _: &[u8]) -> Result {
            Err(unsupported("bytes"))
        }
        fn serialize_none(self) -> Result {
            self.field(b"")
        }
        fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result {
            self.field(b"")
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result {
            self.field(b"")
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result {
            self.serialize_str(v)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result {
            Err(unsupported("an enum with data"))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
            Err(unsupported("a list"))
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
            Err(unsupported("a tuple"))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct> {
            Err(unsupported("a tuple"))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant> {
            Err(unsupported("a tuple"))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
            Err(unsupported("a map"))
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self> {
            Ok(self)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant> {
            Err(unsupported("an enum with data"))
        }
    }

    impl<W: Write> ser::SerializeStruct for &mut Fields<'_, W> {
        type Ok = ();
        type Error = Error;
        fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, v: &T) -> Result {
            v.serialize(&mut **self)
        }
        fn end(self) -> Result {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_plain_text_is_not() {
        for s in ["=1+2", "+44 20", "-5 degrees", "@SUM(A1)", "\t=x", "\r=x"] {
            assert_eq!(spreadsheet_text(s), format!("'{s}"));
        }
        for s in ["Ukraine’s", "1+2=3", "", " =x", "'quoted'"] {
            assert!(matches!(spreadsheet_text(s), Cow::Borrowed(b) if b == s));
        }
    }

    #[test]
    fn long_text_is_cut_to_the_cell_limit_on_a_char_boundary() {
        let ascii = "a".repeat(40_000);
        assert!(too_long(&ascii));
        assert_eq!(spreadsheet_text(&ascii).len(), CELL_LIMIT);
        assert!(!too_long(&ascii[..CELL_LIMIT]));
        // Astral characters count twice in UTF-16: 16,384 of them are 32,768 units.
        let astral = "😀".repeat(16_384);
        assert!(too_long(&astral));
        let cut = spreadsheet_text(&astral);
        assert_eq!(cut.chars().count(), 16_383);
        assert!(cut.encode_utf16().count() <= CELL_LIMIT);
        // A guarded long cell still fits, mark included.
        let formula = format!("={ascii}");
        let cut = spreadsheet_text(&formula);
        assert!(cut.starts_with("'="));
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        // Multi-byte text under the unit limit but over it in bytes is kept.
        let accents = "é".repeat(20_000);
        assert!(!too_long(&accents));
        assert_eq!(spreadsheet_text(&accents), accents);
    }
}
