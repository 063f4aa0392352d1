//! newsrake's table schemas and their writers.
//!
//! Every table is written twice with the same columns: CSV (UTF-8, header
//! row, RFC 4180 quoting, `\n` line ends, empty cell for a missing value) and
//! JSONL (one object a line, `null` for a missing value). Row types implement
//! [`Row`], whose `COLUMNS` is the schema documented in docs/SCHEMA.md.
//! [`TableWriter`] writes both forms over any [`std::io::Write`].
//!
//! ```
//! use newsrake_export::{DiagnosticRow, TableWriter};
//! let mut w = TableWriter::new::<DiagnosticRow>(Vec::new(), Vec::new(), false).unwrap();
//! w.write(&DiagnosticRow {
//!     path: "in/a.bin".into(), line: None, article_id: None,
//!     level: "error".into(), code: "binary-file".into(), message: "skipped".into(),
//! }).unwrap();
//! let (csv, jsonl) = w.finish().unwrap();
//! assert_eq!(String::from_utf8(csv).unwrap(),
//!     "path,line,article_id,level,code,message\nin/a.bin,,,error,binary-file,skipped\n");
//! assert!(String::from_utf8(jsonl).unwrap().starts_with(r#"{"path":"in/a.bin","line":null"#));
//! ```

use std::io::{self, Write};

use serde::Serialize;

pub mod cell;
mod render;
pub mod workbook;

pub use cell::{spreadsheet_text, too_long, CELL_LIMIT};

/// The UTF-8 byte order mark that makes spreadsheets read a CSV as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A table row: serialises to exactly `COLUMNS`, in order.
pub trait Row: Serialize {
    /// The table's file stem (`articles` → `articles.csv`, `articles.jsonl`).
    const TABLE: &'static str;
    /// Column names, in order.
    const COLUMNS: &'static [&'static str];

    /// Render the row into `csv` and `jsonl` without serde, as the serde
    /// path would, when the type has a hand-written renderer (the tables
    /// with the most rows); `false` (nothing written) when it has none.
    #[doc(hidden)]
    fn render_direct(&self, _csv: &mut Vec<u8>, _jsonl: &mut Vec<u8>) -> bool {
        false
    }
}

/// `articles`: one row per article read.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleRow {
    pub article_id: String,
    pub source_path: String,
    pub line: Option<u64>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub n_paragraphs: u64,
    pub n_original: u64,
    pub n_duplicate: u64,
    pub n_chars: u64,
    pub sha256: String,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    pub cell_truncated: bool,
}

impl Row for ArticleRow {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", &self.article_id);
        d.str(b",\"source_path\":", &self.source_path);
        d.opt_uint(b",\"line\":", self.line);
        d.opt_str(b",\"title\":", self.title.as_deref());
        d.opt_str(b",\"url\":", self.url.as_deref());
        d.opt_str(b",\"published\":", self.published.as_deref());
        d.uint(b",\"n_paragraphs\":", self.n_paragraphs);
        d.uint(b",\"n_original\":", self.n_original);
        d.uint(b",\"n_duplicate\":", self.n_duplicate);
        d.uint(b",\"n_chars\":", self.n_chars);
        d.str(b",\"sha256\":", &self.sha256);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "articles";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "source_path",
        "line",
        "title",
        "url",
        "published",
        "n_paragraphs",
        "n_original",
        "n_duplicate",
        "n_chars",
        "sha256",
        "cell_truncated",
    ];
}

/// `paragraphs`: one row per paragraph, originals and duplicates.
#[derive(Clone, Debug, Serialize)]
pub struct ParagraphRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub sha256: &'a str,
    pub duplicate_of_article: Option<&'a str>,
    pub duplicate_of_paragraph: Option<u32>,
    pub n_chars: u64,
    pub text: &'a str,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    pub cell_truncated: bool,
}

impl Row for ParagraphRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"sha256\":", self.sha256);
        d.opt_str(b",\"duplicate_of_article\":", self.duplicate_of_article);
        d.opt_uint(
            b",\"duplicate_of_paragraph\":",
            self.duplicate_of_paragraph.map(u64::from),
        );
        d.uint(b",\"n_chars\":", self.n_chars);
        d.str(b",\"text\":", self.text);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "paragraphs";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "sha256",
        "duplicate_of_article",
        "duplicate_of_paragraph",
        "n_chars",
        "text",
        "cell_truncated",
    ];
}

/// `diagnostics`: one row per problem with an input.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRow {
    pub path: String,
    pub line: Option<u64>,
    pub article_id: Option<String>,
    pub level: String,
    pub code: String,
    pub message: String,
}

impl Row for DiagnosticRow {
    const TABLE: &'static str = "diagnostics";
    const COLUMNS: &'static [&'static str] =
        &["path", "line", "article_id", "level", "code", "message"];
}

/// `mentions`: one row per entity mention in an original paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct MentionRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub entity_id: &'a str,
    /// Normalised value (dates: ISO `2022-02`); empty when none.
    pub value: Option<&'a str>,
}

impl Row for MentionRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"text\":", self.text);
        d.str(b",\"type\":", self.kind);
        d.str(b",\"entity_id\":", self.entity_id);
        d.opt_str(b",\"value\":", self.value);
        d.end();
        true
    }

    const TABLE: &'static str = "mentions";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "text",
        "type",
        "entity_id",
        "value",
    ];
}

/// `entities`: one row per distinct entity over the whole corpus.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct EntityRow {
    pub entity_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    /// Other surface forms, `|`-separated, sorted.
    pub aliases: Option<String>,
    pub n_mentions: u64,
    pub n_articles: u64,
    pub country_code: Option<String>,
    pub geonames_id: Option<u32>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    #[serde(default)]
    pub cell_truncated: bool,
}

impl Row for EntityRow {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"entity_id\":", &self.entity_id);
        d.str(b",\"type\":", &self.kind);
        d.str(b",\"name\":", &self.name);
        d.opt_str(b",\"aliases\":", self.aliases.as_deref());
        d.uint(b",\"n_mentions\":", self.n_mentions);
        d.uint(b",\"n_articles\":", self.n_articles);
        d.opt_str(b",\"country_code\":", self.country_code.as_deref());
        d.opt_uint(b",\"geonames_id\":", self.geonames_id.map(u64::from));
        d.opt_f64(b",\"latitude\":", self.latitude);
        d.opt_f64(b",\"longitude\":", self.longitude);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "entities";
    const COLUMNS: &'static [&'static str] = &[
        "entity_id",
        "type",
        "name",
        "aliases",
        "n_mentions",
        "n_articles",
        "country_code",
        "geonames_id",
        "latitude",
        "longitude",
        "cell_truncated",
    ];
}

/// `roles`: one row per person given a title or affiliation in the text.
#[derive(Clone, Debug, Serialize)]
pub struct RoleRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub entity_id: &'a str,
    pub person: &'a str,
    pub title: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    pub affiliation_id: Option<&'a str>,
}

impl Row for RoleRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"entity_id\":", self.entity_id);
        d.str(b",\"person\":", self.person);
        d.opt_str(b",\"title\":", self.title);
        d.opt_str(b",\"affiliation\":", self.affiliation);
        d.opt_str(b",\"affiliation_id\":", self.affiliation_id);
        d.end();
        true
    }

    const TABLE: &'static str = "roles";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "entity_id",
        "person",
        "title",
        "affiliation",
        "affiliation_id",
    ];
}

/// `quotes`: one row per quotation in an original paragraph.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub text: &'a str,
    pub speaker_entity_id: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub cue: Option<&'a str>,
    pub kind: &'a str,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    pub cell_truncated: bool,
}

impl Row for QuoteRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"text\":", self.text);
        d.opt_str(b",\"speaker_entity_id\":", self.speaker_entity_id);
        d.opt_str(b",\"speaker\":", self.speaker);
        d.opt_str(b",\"cue\":", self.cue);
        d.str(b",\"kind\":", self.kind);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "quotes";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "text",
        "speaker_entity_id",
        "speaker",
        "cue",
        "kind",
        "cell_truncated",
    ];
}

/// `counts`: one row per number of people killed, injured, ...
#[derive(Clone, Debug, Serialize)]
pub struct CountRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub kind: &'a str,
    pub number: u64,
    pub number_max: Option<u64>,
    pub lower_bound: bool,
    pub approximate: bool,
    pub place_entity_id: Option<&'a str>,
    pub text: &'a str,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    pub cell_truncated: bool,
}

impl Row for CountRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"kind\":", self.kind);
        d.uint(b",\"number\":", self.number);
        d.opt_uint(b",\"number_max\":", self.number_max);
        d.bool(b",\"lower_bound\":", self.lower_bound);
        d.bool(b",\"approximate\":", self.approximate);
        d.opt_str(b",\"place_entity_id\":", self.place_entity_id);
        d.str(b",\"text\":", self.text);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "counts";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "kind",
        "number",
        "number_max",
        "lower_bound",
        "approximate",
        "place_entity_id",
        "text",
        "cell_truncated",
    ];
}

/// `events`: one row per event (a sentence with a trigger, per type).
#[derive(Clone, Debug, Serialize)]
pub struct EventRow<'a> {
    pub article_id: &'a str,
    pub paragraph: u32,
    pub char_start: u64,
    pub char_end: u64,
    pub event_type: &'a str,
    pub trigger: &'a str,
    pub date: Option<&'a str>,
    pub place_entity_id: Option<&'a str>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Entity ids, `|`-separated.
    pub actors: Option<String>,
    pub fatalities: Option<u64>,
    pub text: &'a str,
    /// A cell of this row is cut to 32,767 characters in the CSV and the
    /// workbook (the JSONL holds the whole value).
    pub cell_truncated: bool,
}

impl Row for EventRow<'_> {
    fn render_direct(&self, csv: &mut Vec<u8>, jsonl: &mut Vec<u8>) -> bool {
        let mut d = render::Direct::new(csv, jsonl);
        d.str(b"{\"article_id\":", self.article_id);
        d.uint(b",\"paragraph\":", self.paragraph.into());
        d.uint(b",\"char_start\":", self.char_start);
        d.uint(b",\"char_end\":", self.char_end);
        d.str(b",\"event_type\":", self.event_type);
        d.str(b",\"trigger\":", self.trigger);
        d.opt_str(b",\"date\":", self.date);
        d.opt_str(b",\"place_entity_id\":", self.place_entity_id);
        d.opt_f64(b",\"latitude\":", self.latitude);
        d.opt_f64(b",\"longitude\":", self.longitude);
        d.opt_str(b",\"actors\":", self.actors.as_deref());
        d.opt_uint(b",\"fatalities\":", self.fatalities);
        d.str(b",\"text\":", self.text);
        d.bool(b",\"cell_truncated\":", self.cell_truncated);
        d.end();
        true
    }

    const TABLE: &'static str = "events";
    const COLUMNS: &'static [&'static str] = &[
        "article_id",
        "paragraph",
        "char_start",
        "char_end",
        "event_type",
        "trigger",
        "date",
        "place_entity_id",
        "latitude",
        "longitude",
        "actors",
        "fatalities",
        "text",
        "cell_truncated",
    ];
}

pub(crate) fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .buffer_capacity(4096)
        .from_writer(w)
}

/// Rows of one table rendered to CSV and JSONL bytes in memory: filled in
/// parallel (one buffer per group of articles and table), then appended in
/// order with [`TableWriter::write_buffer`], which empties it but keeps its
/// memory for the next rows.
///
/// Each format's bytes are a list of chunks of about [`CHUNK`] bytes (whole
/// rows): a buffer that outgrows its chunk starts a new one instead of
/// moving everything it holds to a larger allocation, so a run's megabytes
/// of rows are copied once, not once per doubling.
pub struct RowBuffer {
    table: &'static str,
    csv: Chunks,
    jsonl: Chunks,
    rows: u64,
    keys: render::Keys,
}

/// A chunk is closed once it holds this many bytes.
const CHUNK: usize = 64 << 10;

/// Bytes in chunks: the filled ones, the one being filled, and emptied
/// ones kept for reuse.
#[derive(Default)]
struct Chunks {
    full: Vec<Vec<u8>>,
    cur: Vec<u8>,
    spare: Vec<Vec<u8>>,
}

impl Chunks {
    /// Close the current chunk when it is full (between rows).
    #[inline]
    fn seal(&mut self) {
        if self.cur.len() >= CHUNK {
            let next = self
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(CHUNK + CHUNK / 4));
            self.full.push(std::mem::replace(&mut self.cur, next));
        }
    }

    fn len(&self) -> usize {
        self.full.iter().map(Vec::len).sum::<usize>() + self.cur.len()
    }

    /// Write every byte, in order, and empty the chunks (keeping them).
    fn write_to(&mut self, w: &mut impl Write) -> io::Result<()> {
        for c in &self.full {
            w.write_all(c)?;
        }
        w.write_all(&self.cur)?;
        self.clear();
        Ok(())
    }

    fn clear(&mut self) {
        self.cur.clear();
        for mut c in self.full.drain(..) {
            c.clear();
            self.spare.push(c);
        }
    }
}

impl RowBuffer {
    /// An empty buffer for rows of `R`.
    pub fn new<R: Row>() -> RowBuffer {
        RowBuffer {
            table: R::TABLE,
            csv: Chunks::default(),
            jsonl: Chunks::default(),
            rows: 0,
            keys: render::Keys::default(),
        }
    }

    /// Render one row (module `render` says why not with `csv` + `serde_json`).
    pub fn push<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(R::TABLE, self.table, "row rendered for the wrong table");
        if !row.render_direct(&mut self.csv.cur, &mut self.jsonl.cur) {
            render::render_row(row, &mut self.csv.cur, &mut self.jsonl.cur, &mut self.keys)
                .map_err(io::Error::other)?;
        }
        self.csv.seal();
        self.jsonl.seal();
        self.rows += 1;
        Ok(())
    }

    /// Rows rendered.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Bytes rendered (CSV plus JSONL).
    pub fn len(&self) -> usize {
        self.csv.len() + self.jsonl.len()
    }

    /// True when no row is rendered.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// Writes rows of one table as CSV and JSONL at once.
///
/// The writer is made for one [`Row`] type (its header is written by
/// [`TableWriter::new`]); writing a row of another table is a bug caught by a
/// debug assertion.
pub struct TableWriter<W: Write> {
    table: &'static str,
    csv: W,
    jsonl: W,
    rows: u64,
    scratch: RowBuffer,
}

impl<W: Write> TableWriter<W> {
    /// Start a table of `R` rows: writes the CSV header row at once (after a
    /// UTF-8 byte order mark when `bom`), so an empty table still has its
    /// columns.
    pub fn new<R: Row>(mut csv: W, jsonl: W, bom: bool) -> io::Result<Self> {
        if bom {
            csv.write_all(UTF8_BOM)?;
        }
        let mut header = csv_writer(Vec::new());
        header.write_record(R::COLUMNS).map_err(csv_err)?;
        csv.write_all(
            &header
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?,
        )?;
        Ok(Self::resume::<R>(csv, jsonl, 0))
    }

    /// Continue a table whose header and first `rows` rows are already in
    /// `csv` and `jsonl` (opened for appending).
    pub fn resume<R: Row>(csv: W, jsonl: W, rows: u64) -> Self {
        TableWriter {
            table: R::TABLE,
            csv,
            jsonl,
            rows,
            scratch: RowBuffer::new::<R>(),
        }
    }

    /// Append one row to both files.
    pub fn write<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(R::TABLE, self.table, "row written to the wrong table");
        let mut scratch = std::mem::replace(&mut self.scratch, RowBuffer::new::<R>());
        scratch.push(row)?;
        let result = self.write_buffer(&mut scratch);
        self.scratch = scratch;
        result
    }

    /// Append every row of `buf` (and empty it).
    pub fn write_buffer(&mut self, buf: &mut RowBuffer) -> io::Result<()> {
        debug_assert_eq!(buf.table, self.table, "rows written to the wrong table");
        buf.csv.write_to(&mut self.csv)?;
        buf.jsonl.write_to(&mut self.jsonl)?;
        self.rows += std::mem::take(&mut buf.rows);
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flush and hand back the two writers.
    pub fn finish(self) -> io::Result<(W, W)> {
        let TableWriter {
            mut csv, mut jsonl, ..
        } = self;
        csv.flush()?;
        jsonl.flush()?;
        Ok((csv, jsonl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The serialised field names must be the documented columns.
    #[track_caller]
    fn check_columns<R: Row>(row: &R) {
        let v = serde_json::to_value(row).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut cols = R::COLUMNS.to_vec();
        cols.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, cols, "{}", R::TABLE);
    }

    #[test]
    fn columns_match_schemas() {
        check_columns(&ArticleRow {
            article_id: String::new(),
            source_path: String::new(),
            line: None,
            title: None,
            url: None,
            published: None,
            n_paragraphs: 0,
            n_original: 0,
            n_duplicate: 0,
            n_chars: 0,
            sha256: String::new(),
            cell_truncated: false,
        });
        check_columns(&ParagraphRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            sha256: "",
            duplicate_of_article: None,
            duplicate_of_paragraph: None,
            n_chars: 0,
            text: "",
            cell_truncated: false,
        });
        check_columns(&MentionRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            text: "",
            kind: "PER",
            entity_id: "",
            value: None,
        });
        check_columns(&EntityRow {
            entity_id: String::new(),
            kind: String::new(),
            name: String::new(),
            aliases: None,
            n_mentions: 0,
            n_articles: 0,
            country_code: None,
            geonames_id: None,
            latitude: None,
            longitude: None,
            cell_truncated: false,
        });
        check_columns(&RoleRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            entity_id: "",
            person: "",
            title: None,
            affiliation: None,
            affiliation_id: None,
        });
        check_columns(&QuoteRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            text: "",
            speaker_entity_id: None,
            speaker: None,
            cue: None,
            kind: "",
            cell_truncated: false,
        });
        check_columns(&CountRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            kind: "",
            number: 0,
            number_max: None,
            lower_bound: false,
            approximate: false,
            place_entity_id: None,
            text: "",
            cell_truncated: false,
        });
        check_columns(&EventRow {
            article_id: "",
            paragraph: 0,
            char_start: 0,
            char_end: 0,
            event_type: "",
            trigger: "",
            date: None,
            place_entity_id: None,
            latitude: None,
            longitude: None,
            actors: None,
            fatalities: None,
            text: "",
            cell_truncated: false,
        });
        check_columns(&DiagnosticRow {
            path: String::new(),
            line: None,
            article_id: None,
            level: String::new(),
            code: String::new(),
            message: String::new(),
        });
    }

    #[test]
    fn csv_quoting() {
        let mut w = TableWriter::new::<DiagnosticRow>(Vec::new(), Vec::new(), false).unwrap();
        w.write(&DiagnosticRow {
            path: "a,b".into(),
            line: Some(2),
            article_id: Some("say \"hi\"".into()),
            level: "warning".into(),
            code: "x".into(),
            message: "two\nlines".into(),
        })
        .unwrap();
        let (csv, _) = w.finish().unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "path,line,article_id,level,code,message\n\"a,b\",2,\"say \"\"hi\"\"\",warning,x,\"two\nlines\"\n"
        );
    }

    /// Rows spread over many chunks come out whole and in order, the same
    /// bytes as written one by one, and the buffer is reusable after.
    #[test]
    fn chunked_buffer_writes_rows_in_order() {
        let row = |i: usize| DiagnosticRow {
            path: format!("p{i}"),
            line: Some(i as u64),
            article_id: None,
            level: "info".into(),
            code: "c".into(),
            message: "x,y \"z\" ".repeat(i % 97 * 50),
        };
        let mut one = TableWriter::new::<DiagnosticRow>(Vec::new(), Vec::new(), false).unwrap();
        let mut buffered =
            TableWriter::new::<DiagnosticRow>(Vec::new(), Vec::new(), false).unwrap();
        let mut buf = RowBuffer::new::<DiagnosticRow>();
        for round in 0..3 {
            for i in round * 400..(round + 1) * 400 {
                one.write(&row(i)).unwrap();
                buf.push(&row(i)).unwrap();
            }
            assert!(buf.len() > 4 * CHUNK);
            assert_eq!(buf.rows(), 400);
            buffered.write_buffer(&mut buf).unwrap();
            assert_eq!((buf.rows(), buf.len()), (0, 0));
        }
        assert_eq!(one.rows(), buffered.rows());
        assert_eq!(one.finish().unwrap(), buffered.finish().unwrap());
    }
}
