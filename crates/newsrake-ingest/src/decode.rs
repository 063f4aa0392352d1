//! Bytes to text: BOM sniffing, UTF-16, the Windows-1252 fallback, binary
//! detection and line-ending normalisation.

use std::borrow::Cow;

/// How a byte buffer was decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8 and no BOM: read as Windows-1252.
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8 (bom)",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// How many leading bytes are searched for NUL to call a file binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why bytes could not be decoded as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte at this offset within the first 8 KiB (and no UTF-16 BOM).
    Binary { offset: usize },
}

/// True when `bytes` starts with a UTF-16 byte-order mark.
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Offset of a NUL byte within the first [`BINARY_SNIFF_LEN`] bytes, if any.
pub fn find_nul(bytes: &[u8]) -> Option<usize> {
    let n = bytes.len().min(BINARY_SNIFF_LEN);
    bytes[..n].iter().position(|&b| b == 0)
}

/// Decode a whole file: UTF-8 (BOM optional), UTF-16 LE/BE with BOM, else
/// Windows-1252. A NUL in the first 8 KiB of a file without a UTF-16 BOM
/// means binary. Line ends are normalised to `\n`.
///
/// ```
/// use newsrake_ingest::decode::{decode, Encoding};
/// let (text, enc) = decode(b"caf\xe9\r\nbar").unwrap();
/// assert_eq!(text, "caf\u{e9}\nbar");
/// assert_eq!(enc, Encoding::Windows1252);
/// ```
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let (text, enc): (Cow<'_, str>, Encoding) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (String::from_utf8_lossy(rest), Encoding::Utf8Bom)
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            let (t, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes[2..]);
            (t, Encoding::Utf16Le)
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            let (t, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(&bytes[2..]);
            (t, Encoding::Utf16Be)
        } else {
            if let Some(offset) = find_nul(bytes) {
                return Err(DecodeError::Binary { offset });
            }
            match std::str::from_utf8(bytes) {
                Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
                Err(_) => {
                    let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    (t, Encoding::Windows1252)
                }
            }
        };
    Ok((normalize_newlines(text).into_owned(), enc))
}

/// Decode one line of a JSONL file (no BOM handling beyond a leading UTF-8
/// BOM): UTF-8, else Windows-1252. The flag says whether the fallback was used.
pub fn decode_line(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => {
            let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (t, true)
        }
    }
}

/// CRLF and lone CR become LF. Borrows when there is nothing to change.
pub fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &[u8], text: &str, enc: Encoding) {
        assert_eq!(decode(input).unwrap(), (text.to_string(), enc));
    }

    #[test]
    fn encodings() {
        check(b"plain", "plain", Encoding::Utf8);
        check(b"\xEF\xBB\xBFbom", "bom", Encoding::Utf8Bom);
        check(b"\xFF\xFEh\x00i\x00", "hi", Encoding::Utf16Le);
        check(b"\xFE\xFF\x00h\x00i", "hi", Encoding::Utf16Be);
        check(b"Ukraine\x92s", "Ukraine\u{2019}s", Encoding::Windows1252);
        check(
            "Ukraine\u{2019}s".as_bytes(),
            "Ukraine\u{2019}s",
            Encoding::Utf8,
        );
    }

    #[test]
    fn newlines() {
        check(b"a\r\nb\rc\n", "a\nb\nc\n", Encoding::Utf8);
        check(b"\r\r\n", "\n\n", Encoding::Utf8);
    }

    #[test]
    fn binary() {
        assert_eq!(decode(b"ab\x00cd"), Err(DecodeError::Binary { offset: 2 }));
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(decode(&late).is_ok(), "a NUL past 8 KiB is not sniffed");
    }
}
