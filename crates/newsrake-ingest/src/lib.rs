//! Turn files, JSONL lines and stdin into newsrake [`Article`]s.
//!
//! - [`discover`] walks the inputs (files, directories walked recursively and
//!   sorted by path, or `-` for JSONL on stdin) into an ordered list of
//!   [`Source`]s.
//! - [`read_txt`] reads one `.txt` article; [`JsonlLines`] streams the raw
//!   lines of a `.jsonl` / `.jsonl.gz` file or stdin, and [`parse_jsonl_line`]
//!   turns one line into an article. Decoding lives in [`decode`], paragraph
//!   splitting in [`split`].
//!
//! Per-input problems never stop the run: they come back as
//! [`Diagnostic`]s. Only a missing input root is an [`Error`].
//!
//! ```
//! use newsrake_ingest::{parse_jsonl_line, Source, SourceKind};
//! let src = Source::stdin();
//! let (article, diags) = parse_jsonl_line(&src, 1, br#"{"id":"x","text":"One.\n\nTwo."}"#).unwrap();
//! assert_eq!(article.id, "x");
//! assert_eq!(article.paragraphs.len(), 2);
//! assert!(diags.is_empty());
//! ```

pub mod decode;
mod line;
pub mod split;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use newsrake_model::{Article, Diagnostic, Level, Meta};
use sha2::{Digest, Sha256};

use crate::decode::{decode, decode_line, find_nul, has_utf16_bom, DecodeError, Encoding};

/// What kind of input a source is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Txt,
    Jsonl,
    JsonlGz,
    Stdin,
    /// A file with an extension newsrake does not read.
    Unsupported,
    /// Not an article by its name: a hidden file or directory, or a README,
    /// LICENSE, NOTICE or COPYING file. Passed over with an `info` diagnostic.
    NotArticle,
    /// The walker could not list or reach this entry (permission denied,
    /// symlink loop, vanished). The message says why.
    Unreachable(String),
}

/// One input, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Where to read it from.
    pub path: PathBuf,
    /// How the path is shown in tables (`source_path`, `diagnostics.path`).
    pub display: String,
    /// The path relative to the input root: the base of article ids.
    pub rel: String,
    pub kind: SourceKind,
    /// Size and modification time when the source was listed (`None` for
    /// stdin and unreachable entries): the quick half of its fingerprint.
    pub stat: Option<FileStat>,
}

/// Size and modification time of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    pub mtime_ns: i128,
}

impl FileStat {
    /// Stat `path`, following symlinks.
    pub fn of(path: &Path) -> Option<FileStat> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns =
            meta.modified()
                .ok()
                .map_or(0, |t| match t.duration_since(std::time::UNIX_EPOCH) {
                    Ok(d) => d.as_nanos() as i128,
                    Err(e) => -(e.duration().as_nanos() as i128),
                });
        Some(FileStat {
            size: meta.len(),
            mtime_ns,
        })
    }
}

impl Source {
    /// Standard input, read as JSONL.
    pub fn stdin() -> Source {
        Source {
            path: PathBuf::from("-"),
            display: "-".into(),
            rel: "stdin".into(),
            kind: SourceKind::Stdin,
            stat: None,
        }
    }
}

/// An input given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// `-` is stdin; anything else a path.
    pub fn parse(s: &str) -> Input {
        if s == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(s))
        }
    }
}

/// A fatal ingest error.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An input named on the command line does not exist or cannot be read.
    Input { path: PathBuf, source: io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { path, source } => {
                write!(f, "cannot read input {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Input { source, .. } => Some(source),
        }
    }
}

/// True for names that are documentation or hidden, never articles.
pub fn is_not_article(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    name.starts_with('.')
        || ["README", "LICENSE", "LICENCE", "NOTICE", "COPYING"]
            .iter()
            .any(|p| upper.starts_with(p))
}

fn kind_of(path: &Path) -> SourceKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if is_not_article(&name) {
        SourceKind::NotArticle
    } else if name.ends_with(".txt") {
        SourceKind::Txt
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        SourceKind::Jsonl
    } else if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        SourceKind::JsonlGz
    } else {
        SourceKind::Unsupported
    }
}

fn slash_path(p: &Path) -> String {
    let mut out = String::new();
    for c in p.components() {
        // The root is itself the separator: "/tmp/in", not "//tmp/in".
        if !matches!(c, std::path::Component::RootDir) && !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        match c {
            std::path::Component::RootDir => out.push('/'),
            c => out.push_str(&c.as_os_str().to_string_lossy()),
        }
    }
    out
}

/// Walk the inputs into sources, in order: inputs as given, each directory
/// walked recursively (following symlinks, loops reported) and sorted by
/// path. Entries under `exclude` (the output directory) are not read.
pub fn discover(inputs: &[Input], exclude: Option<&Path>) -> Result<Vec<Source>, Error> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut out = Vec::new();
    for input in inputs {
        let root = match input {
            Input::Stdin => {
                out.push(Source::stdin());
                continue;
            }
            Input::Path(p) => p,
        };
        let meta = std::fs::metadata(root).map_err(|e| Error::Input {
            path: root.clone(),
            source: e,
        })?;
        if !meta.is_dir() {
            let rel = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let kind = if meta.is_file() {
                kind_of(root)
            } else {
                SourceKind::Unreachable("not a regular file".into())
            };
            out.push(Source {
                path: root.clone(),
                display: slash_path(root),
                rel,
                kind,
                stat: None,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by(|a, b| a.file_name().cmp(b.file_name()))
            .into_iter()
            .filter_entry(|e| {
                let skip = exclude.as_ref().is_some_and(|ex| {
                    e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|c| &c == ex)
                });
                !skip
            });
        let mut walker = walker;
        while let Some(entry) = walker.next() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() {
                        let hidden =
                            e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                        if hidden {
                            // Hidden directories (.git, .newsrake) are not walked.
                            walker.skip_current_dir();
                            let rel_path = e.path().strip_prefix(root).unwrap_or(e.path());
                            out.push(Source {
                                path: e.path().to_path_buf(),
                                display: slash_path(e.path()),
                                rel: slash_path(rel_path),
                                kind: SourceKind::NotArticle,
                                stat: None,
                            });
                        }
                        continue;
                    }
                    let rel_path = e.path().strip_prefix(root).unwrap_or(e.path());
                    let kind = if e.file_type().is_file() {
                        kind_of(e.path())
                    } else {
                        SourceKind::Unreachable("not a regular file".into())
                    };
                    out.push(Source {
                        path: e.path().to_path_buf(),
                        display: slash_path(e.path()),
                        rel: slash_path(rel_path),
                        kind,
                        stat: None,
                    });
                }
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let rel_path = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let msg = if err.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else if let Some(io) = err.io_error() {
                        io.to_string()
                    } else {
                        err.to_string()
                    };
                    out.push(Source {
                        display: slash_path(&path),
                        rel: slash_path(&rel_path),
                        path,
                        kind: SourceKind::Unreachable(msg),
                        stat: None,
                    });
                }
            }
        }
    }
    for s in &mut out {
        if matches!(
            s.kind,
            SourceKind::Txt | SourceKind::Jsonl | SourceKind::JsonlGz | SourceKind::Unsupported
        ) || (s.kind == SourceKind::NotArticle && s.path.is_file())
        {
            s.stat = FileStat::of(&s.path);
        }
    }
    Ok(out)
}

/// The outcome of reading one input or line: an article plus warnings, or a
/// diagnostic saying why nothing was produced.
pub type ReadResult = Result<(Article, Vec<Diagnostic>), Diagnostic>;

fn io_diag(src: &Source, line: Option<u64>, e: &io::Error) -> Diagnostic {
    let code = match e.kind() {
        io::ErrorKind::NotFound => "vanished",
        io::ErrorKind::PermissionDenied => "permission-denied",
        _ => "io-error",
    };
    Diagnostic::new(
        &src.display,
        line,
        Level::Error,
        code,
        format!("cannot read: {e}"),
    )
}

/// Articles (a `.txt` file or a JSONL line) larger than this many bytes are
/// skipped with a `too-large` diagnostic, so that one monster input cannot
/// exhaust memory. `--max-article-mb` changes it.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 << 20;

fn too_large(src: &Source, line: Option<u64>, size: u64, max: usize) -> Diagnostic {
    Diagnostic::new(
        &src.display,
        line,
        Level::Error,
        "too-large",
        format!("skipped: {size} bytes, over the {max}-byte article limit"),
    )
}

/// Read a `.txt` file's bytes, refusing files over `max_bytes`.
pub fn read_file(src: &Source, max_bytes: usize) -> Result<Vec<u8>, Diagnostic> {
    let f = File::open(&src.path).map_err(|e| io_diag(src, None, &e))?;
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max_bytes as u64 {
        return Err(too_large(src, None, size, max_bytes));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    f.take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_diag(src, None, &e))?;
    if bytes.len() > max_bytes {
        return Err(too_large(src, None, bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

/// Read one `.txt` article: the whole file is one article.
pub fn read_txt(src: &Source) -> ReadResult {
    let bytes = read_file(src, DEFAULT_MAX_ARTICLE_BYTES)?;
    txt_from_bytes(src, &bytes)
}

/// Build a `.txt` article from its bytes (the pure half of [`read_txt`]).
pub fn txt_from_bytes(src: &Source, bytes: &[u8]) -> ReadResult {
    let (text, enc) = decode(bytes).map_err(|DecodeError::Binary { offset }| {
        Diagnostic::new(
            &src.display,
            None,
            Level::Error,
            "binary-file",
            format!("skipped: NUL byte at offset {offset} (binary file)"),
        )
    })?;
    let mut diags = Vec::new();
    if enc == Encoding::Windows1252 {
        diags.push(
            Diagnostic::new(
                &src.display,
                None,
                Level::Warning,
                "decoded-windows-1252",
                "not valid UTF-8: decoded as Windows-1252",
            )
            .with_article(&src.rel),
        );
    }
    let (paragraphs, joined) = split::split_txt(&text);
    if paragraphs.is_empty() {
        let what = if bytes.is_empty() {
            "empty file"
        } else {
            "no text (whitespace only)"
        };
        return Err(Diagnostic::new(
            &src.display,
            None,
            Level::Error,
            "empty-text",
            format!("skipped: {what}"),
        ));
    }
    let mut article = Article::new(&src.rel, &src.display, None, text, paragraphs);
    article.paragraph_texts = joined;
    Ok((article, diags))
}

/// Raw lines of a JSONL source, with 1-based line numbers. A binary file
/// yields one diagnostic and no lines.
pub struct JsonlLines {
    reader: Box<dyn BufRead + Send>,
    src: Source,
    line: u64,
    done: bool,
    failed: bool,
    max_line: usize,
    hasher: Arc<Mutex<Sha256>>,
}

/// Feeds every byte read through SHA-256: the content half of a file's
/// fingerprint, at no extra pass over the file.
struct Hashing<R> {
    inner: R,
    hasher: Arc<Mutex<Sha256>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.lock().expect("hasher lock").update(&buf[..n]);
        Ok(n)
    }
}

/// One raw JSONL line, or a problem with the file.
pub enum RawLine {
    Line {
        line: u64,
        bytes: Vec<u8>,
    },
    /// This line was skipped (too long); reading goes on.
    Skipped(Diagnostic),
    /// The file (or stdin) cannot be read further; nothing more follows.
    Fatal(Diagnostic),
}

impl JsonlLines {
    /// Open a `.jsonl`, `.jsonl.gz` or stdin source. Lines longer than
    /// `max_line` bytes are skipped with a `too-large` diagnostic.
    pub fn open(src: &Source, max_line: usize) -> Result<JsonlLines, Diagnostic> {
        let hasher = Arc::new(Mutex::new(Sha256::new()));
        let hashing = |r: Box<dyn Read + Send>| Hashing {
            inner: r,
            hasher: hasher.clone(),
        };
        let raw: Box<dyn Read + Send> = match src.kind {
            SourceKind::Stdin => Box::new(io::stdin()),
            SourceKind::Jsonl => Box::new(hashing(Box::new(
                File::open(&src.path).map_err(|e| io_diag(src, None, &e))?,
            ))),
            SourceKind::JsonlGz => {
                let f = File::open(&src.path).map_err(|e| io_diag(src, None, &e))?;
                Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
                    1 << 16,
                    hashing(Box::new(f)),
                )))
            }
            _ => unreachable!("JsonlLines::open on a non-JSONL source"),
        };
        let mut raw = raw;
        let mut prefix = Vec::with_capacity(decode::BINARY_SNIFF_LEN);
        (&mut raw)
            .take(decode::BINARY_SNIFF_LEN as u64)
            .read_to_end(&mut prefix)
            .map_err(|e| {
                let mut d = io_diag(src, None, &e);
                if src.kind == SourceKind::JsonlGz && e.kind() != io::ErrorKind::NotFound {
                    d.code = "bad-gzip";
                    d.message = format!("skipped: not a readable gzip stream: {e}");
                }
                d
            })?;
        if has_utf16_bom(&prefix) {
            // Rare: decode the whole stream, then split lines.
            let mut all = prefix;
            raw.read_to_end(&mut all)
                .map_err(|e| io_diag(src, None, &e))?;
            let (text, _) = decode(&all).expect("utf-16 with BOM is never binary");
            return Ok(JsonlLines::from_reader(
                src,
                Box::new(Cursor::new(text.into_bytes())),
                max_line,
                hasher,
            ));
        }
        if let Some(offset) = find_nul(&prefix) {
            return Err(Diagnostic::new(
                &src.display,
                None,
                Level::Error,
                "binary-file",
                format!("skipped: NUL byte at offset {offset} (binary file)"),
            ));
        }
        let reader = BufReader::with_capacity(1 << 16, Cursor::new(prefix).chain(raw));
        Ok(JsonlLines::from_reader(
            src,
            Box::new(reader),
            max_line,
            hasher,
        ))
    }

    fn from_reader(
        src: &Source,
        reader: Box<dyn BufRead + Send>,
        max_line: usize,
        hasher: Arc<Mutex<Sha256>>,
    ) -> JsonlLines {
        JsonlLines {
            reader,
            src: src.clone(),
            line: 0,
            done: false,
            failed: false,
            max_line,
            hasher,
        }
    }

    /// SHA-256 of the file's bytes (compressed bytes for `.gz`), once every
    /// line has been read without error.
    pub fn content_hash(&self) -> Option<[u8; 32]> {
        if !self.done || self.failed || self.src.kind == SourceKind::Stdin {
            return None;
        }
        Some(
            self.hasher
                .lock()
                .expect("hasher lock")
                .clone()
                .finalize()
                .into(),
        )
    }

    /// Append the next line (without its `\n` or `\r\n`) to `buf`, which
    /// may hold earlier lines: a whole batch of lines shares one buffer, so
    /// reading allocates nothing per line. `None` at the end of the input.
    /// A line longer than `max_line` bytes leaves `buf` as it was.
    pub fn read_into(&mut self, buf: &mut Vec<u8>) -> Option<LineRead> {
        if self.done {
            return None;
        }
        let start = buf.len();
        match self.append_line(buf, start) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(len) => {
                self.line += 1;
                if buf.len() - start > self.max_line {
                    buf.truncate(start);
                    return Some(LineRead::Skipped(too_large(
                        &self.src,
                        Some(self.line),
                        len as u64,
                        self.max_line,
                    )));
                }
                if buf.len() > start && buf.last() == Some(&b'\n') {
                    buf.pop();
                }
                if buf.len() > start && buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                Some(LineRead::Line {
                    line: self.line,
                    range: start..buf.len(),
                })
            }
            Err(e) => {
                buf.truncate(start);
                self.done = true;
                self.failed = true;
                let mut d = io_diag(&self.src, Some(self.line + 1), &e);
                d.message = format!("stopped reading after line {}: {e}", self.line);
                Some(LineRead::Fatal(d))
            }
        }
    }

    /// Append up to and including the next `\n` to `buf`, keeping at most
    /// `max_line + 1` bytes past `start`; returns the line's full length.
    fn append_line(&mut self, buf: &mut Vec<u8>, start: usize) -> io::Result<usize> {
        let mut total = 0;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(total);
            }
            let (take, end) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = (self.max_line + 1).saturating_sub(buf.len() - start);
            buf.extend_from_slice(&chunk[..take.min(room)]);
            self.reader.consume(take);
            total += take;
            if end {
                return Ok(total);
            }
        }
    }
}

/// One line read by [`JsonlLines::read_into`], or a problem with the file.
pub enum LineRead {
    /// The line's bytes are `buf[range]`.
    Line { line: u64, range: Range<usize> },
    /// This line was skipped (too long); reading goes on.
    Skipped(Diagnostic),
    /// The file (or stdin) cannot be read further; nothing more follows.
    Fatal(Diagnostic),
}

impl Iterator for JsonlLines {
    type Item = RawLine;

    fn next(&mut self) -> Option<RawLine> {
        let mut buf = Vec::new();
        Some(match self.read_into(&mut buf)? {
            LineRead::Line { line, range } => {
                buf.truncate(range.end);
                RawLine::Line { line, bytes: buf }
            }
            LineRead::Skipped(d) => RawLine::Skipped(d),
            LineRead::Fatal(d) => RawLine::Fatal(d),
        })
    }
}

/// Parse one JSONL line into an article. `text` is required; `id`, `title`,
/// `url`, `source` and `published` are optional; other fields are ignored.
pub fn parse_jsonl_line(src: &Source, line: u64, bytes: &[u8]) -> ReadResult {
    let err = |code: &'static str, msg: String| {
        Diagnostic::new(&src.display, Some(line), Level::Error, code, msg)
    };
    let (decoded, was_1252) = decode_line(bytes);
    if decoded.trim().is_empty() {
        return Err(err("blank-line", "skipped: blank line".into()));
    }
    let parsed = line::parse(&decoded)
        .map_err(|e| err("invalid-json", format!("skipped: invalid JSON: {e}")))?;
    let fields = match parsed {
        line::Parsed::Object(fields) => fields,
        line::Parsed::NotObject(what) => {
            return Err(err(
                "not-an-object",
                format!("skipped: line is {what}, not a JSON object"),
            ))
        }
    };
    let text = match fields.text {
        Some(line::Field::Str(s)) => s,
        Some(_) => {
            return Err(err(
                "missing-text",
                "skipped: `text` is not a string".into(),
            ))
        }
        None => return Err(err("missing-text", "skipped: no `text` field".into())),
    };
    let text = decode::normalize_newlines(text).into_owned();
    let id = fields
        .id
        .and_then(line::Field::scalar_string)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("{}#{line}", src.rel));
    let paragraphs = split::split_lines(&text);
    if paragraphs.is_empty() {
        return Err(err(
            "empty-text",
            "skipped: `text` is empty or whitespace only".into(),
        )
        .with_article(id));
    }
    let mut article = Article::new(id, &src.display, Some(line), text, paragraphs);
    article.meta = Meta {
        title: fields.title.and_then(line::Field::scalar_string),
        url: fields.url.and_then(line::Field::scalar_string),
        source: fields.source.and_then(line::Field::scalar_string),
        published: fields.published.and_then(line::Field::scalar_string),
    };
    let mut diags = Vec::new();
    if was_1252 {
        diags.push(
            Diagnostic::new(
                &src.display,
                Some(line),
                Level::Warning,
                "decoded-windows-1252",
                "not valid UTF-8: decoded as Windows-1252",
            )
            .with_article(&article.id),
        );
    }
    Ok((article, diags))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> Source {
        Source {
            path: "x.jsonl".into(),
            display: "in/x.jsonl".into(),
            rel: "x.jsonl".into(),
            kind: SourceKind::Jsonl,
            stat: None,
        }
    }

    #[test]
    fn absolute_paths_show_one_leading_slash() {
        assert_eq!(slash_path(Path::new("/tmp/in/a.jsonl")), "/tmp/in/a.jsonl");
        assert_eq!(slash_path(Path::new("/")), "/");
        assert_eq!(slash_path(Path::new("in/./a.txt")), "in/a.txt");
        assert_eq!(slash_path(Path::new("../in/a.txt")), "../in/a.txt");
    }

    #[test]
    fn jsonl_fields_and_defaults() {
        let (a, _) = parse_jsonl_line(
            &src(),
            3,
            br#"{"text":"A\r\nB","title":"T","published":"2025-04-23","x":1}"#,
        )
        .unwrap();
        assert_eq!(a.id, "x.jsonl#3");
        assert_eq!(a.text, "A\nB");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.published.as_deref(), Some("2025-04-23"));
        let (a, _) = parse_jsonl_line(&src(), 1, br#"{"id":42,"text":"A"}"#).unwrap();
        assert_eq!(a.id, "42");
    }

    #[test]
    fn a_file_that_vanished_is_a_diagnostic() {
        let gone = Source {
            path: "/nonexistent/newsrake/gone.txt".into(),
            display: "in/gone.txt".into(),
            rel: "gone.txt".into(),
            kind: SourceKind::Txt,
            stat: None,
        };
        let d = read_txt(&gone).unwrap_err();
        assert_eq!((d.code, d.level), ("vanished", Level::Error));
        let d = JsonlLines::open(
            &Source {
                kind: SourceKind::Jsonl,
                ..gone
            },
            1024,
        )
        .err()
        .unwrap();
        assert_eq!(d.code, "vanished");
    }

    #[track_caller]
    fn check_err(line: &[u8], code: &str) {
        assert_eq!(parse_jsonl_line(&src(), 1, line).unwrap_err().code, code);
    }

    #[test]
    fn jsonl_errors() {
        check_err(b"{not json", "invalid-json");
        check_err(b"[1,2]", "not-an-object");
        check_err(b"7", "not-an-object");
        check_err(br#"{"title":"no text"}"#, "missing-text");
        check_err(br#"{"text":5}"#, "missing-text");
        check_err(br#"{"text":" \n "}"#, "empty-text");
        check_err(b"   ", "blank-line");
    }
}
