//! newsrake's pipeline: the only crate that knows about threads, the output
//! directory and the incremental state.
//!
//! [`run`] locks the output directory, walks the inputs
//! ([`newsrake_ingest::discover`]), compares them with the previous run's
//! fingerprints to choose a [`mode`](RunInfo::mode), streams the inputs to
//! read in ordered batches, and for each batch:
//! 1. in parallel (rayon): reads, decodes and splits every article and
//!    hashes its paragraphs;
//! 2. in input order: makes ids unique, decides originals and duplicates
//!    against the first-seen index, and writes the rows.
//!
//! Memory is one batch plus the dedup index, whatever the corpus size. A run
//! writes a complete new generation of tables and state and publishes it
//! with one atomic rename (see `output`); `run.json` carries counts and the
//! duration (never the tables, so they are byte-identical for any `--jobs`).
//!
//! Incremental rule: unchanged inputs → nothing is read or rewritten; only new
//! inputs that sort after every previous one → they are read and their rows
//! appended, deduplicated against everything seen before; anything else (an
//! input changed, removed, or new but sorting before an existing one; other
//! command-line inputs or options; a state from another version or
//! corrupted) → a full rebuild. Each mode gives the tables a full rebuild
//! would.

mod entities;
pub mod eval;
mod ids;
mod lock;
mod offsets;
mod output;
mod report;
mod state;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use newsrake_dedup::{Hash, Index, Location};
use newsrake_export::too_long;
use newsrake_export::{
    ArticleRow, CountRow, DiagnosticRow, EventRow, MentionRow, ParagraphRow, QuoteRow, RoleRow,
    RowBuffer,
};
use newsrake_extract::facts::Facts;
use newsrake_extract::{ArticleRef, Extraction, ParagraphRef};
use newsrake_ingest::{Input, JsonlLines, LineRead, ReadResult, Source, SourceKind};
use newsrake_model::{Article, Diagnostic, Level};
use rayon::prelude::*;

pub use lock::lock_path;
pub use report::{Inputs, RunInfo, RunReport};

use crate::offsets::CharOffsets;
use crate::output::{out_err, Generations, Tables};
use crate::state::{Fingerprint, Manifest, Previous};

/// Progress callbacks (a terminal progress bar in the binary).
pub trait Progress: Send + Sync {
    /// Reading starts; `total_bytes` of input to read (0 when unknown).
    fn start(&self, total_bytes: u64);
    /// A batch was committed.
    fn advance(&self, bytes: u64, articles: u64);
    fn finish(&self);
}

/// What to run.
#[derive(Clone)]
pub struct Config {
    pub inputs: Vec<Input>,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// A batch is closed once it holds this many input bytes.
    pub batch_bytes: usize,
    /// Articles larger than this are skipped (`too-large`).
    pub max_article_bytes: usize,
    /// Ignore the previous state and rebuild everything.
    pub full: bool,
    /// Run extraction (mentions, entities, roles). Off: reading, dedup and
    /// the articles/paragraphs tables only (the extraction tables stay empty).
    pub extract: bool,
    /// What is written besides the CSV and JSONL tables, and how.
    pub output: OutputOptions,
    /// [`Workbook::Auto`] writes the workbook when no table has more rows
    /// than this (default: a worksheet's 1,048,575 data rows).
    pub workbook_row_limit: u64,
    /// Set (by a signal handler) to stop the run; the previous tables stay.
    pub interrupt: Arc<AtomicBool>,
    pub progress: Option<Arc<dyn Progress>>,
}

/// Output choices that change the published files (a change rebuilds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutputOptions {
    /// Start every CSV with a UTF-8 byte order mark, so that spreadsheets
    /// read it as UTF-8 (Python's `csv` then wants `encoding="utf-8-sig"`).
    pub csv_bom: bool,
    /// When to write `newsrake.xlsx`, every table as a sheet.
    pub workbook: Workbook,
    /// Write `report.html`, the run report.
    pub report: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            csv_bom: true,
            workbook: Workbook::Auto,
            report: true,
        }
    }
}

/// Data rows a worksheet holds (1,048,576 rows, one of them the header).
pub const WORKSHEET_ROWS: u64 = 1_048_575;

/// When a run writes the workbook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Workbook {
    /// When every table fits on one worksheet (1,048,575 data rows, see
    /// [`Config::workbook_row_limit`]). Past that a spreadsheet is the wrong
    /// tool, and the workbook, rebuilt whole on every run that changes the
    /// tables, would be the slowest part of a nightly run.
    #[default]
    Auto,
    /// Always (long tables continue on further sheets: `mentions (2)`, …).
    Always,
    /// Never.
    Never,
}

impl Config {
    pub fn new(inputs: Vec<Input>, out: PathBuf) -> Config {
        Config {
            inputs,
            out,
            jobs: 0,
            batch_bytes: 4 << 20,
            max_article_bytes: newsrake_ingest::DEFAULT_MAX_ARTICLE_BYTES,
            full: false,
            extract: true,
            output: OutputOptions::default(),
            workbook_row_limit: WORKSHEET_ROWS,
            interrupt: Arc::new(AtomicBool::new(false)),
            progress: None,
        }
    }

    fn input_args(&self) -> Vec<String> {
        self.inputs
            .iter()
            .map(|i| match i {
                Input::Stdin => "-".to_string(),
                Input::Path(p) => p.to_string_lossy().into_owned(),
            })
            .collect()
    }
}

/// A fatal error: the run stopped and the previous tables were left as they
/// were.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    Input(newsrake_ingest::Error),
    Output {
        path: PathBuf,
        source: io::Error,
    },
    /// Another run holds the output directory's lock.
    Locked {
        path: PathBuf,
        holder: String,
    },
    /// Stopped by a signal before publishing.
    Interrupted,
    Threads(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Output { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            Error::Locked { path, holder } => write!(
                f,
                "another newsrake run is using this output directory (lock {} held by {})",
                path.display(),
                if holder.is_empty() {
                    "another process"
                } else {
                    holder
                }
            ),
            Error::Interrupted => write!(f, "interrupted: the previous tables were left in place"),
            Error::Threads(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// What a successful run did.
pub struct Outcome {
    pub report: RunReport,
    /// 0, or 1 when the tables' inputs include skipped files or lines.
    pub exit_code: u8,
    /// Things worth one line on stderr (state rebuilt, stale lock taken over).
    pub notes: Vec<String>,
}

/// One unit of work in a batch, in input order.
enum Unit {
    Txt(usize),
    /// A JSONL line: `Batch::bytes[range]`.
    Line {
        source: usize,
        line: u64,
        range: Range<usize>,
    },
    /// A diagnostic that arose while listing or opening inputs.
    Diag(Diagnostic),
}

impl Unit {
    fn weight(&self, sources: &[Source]) -> usize {
        match self {
            Unit::Txt(i) => sources[*i].stat.map_or(0, |s| s.size as usize),
            Unit::Line { range, .. } => range.len(),
            Unit::Diag(_) => 0,
        }
        .max(64)
    }
}

/// The parallel half of the work on one unit.
#[allow(clippy::large_enum_variant)] // Read is the common case; Diag is rare.
enum Prepared {
    Read {
        result: ReadResult,
        hashes: Vec<Hash>,
        /// For `.txt`: the source index and the SHA-256 of its bytes.
        txt: Option<(usize, Option<Hash>)>,
    },
    Diag(Diagnostic),
}

fn prepare(unit: Unit, bytes: &[u8], sources: &[Source], max_bytes: usize) -> Prepared {
    let (result, txt) = match unit {
        Unit::Diag(d) => return Prepared::Diag(d),
        Unit::Txt(i) => match newsrake_ingest::read_file(&sources[i], max_bytes) {
            Ok(bytes) => {
                let content = newsrake_dedup::hash_bytes(&bytes);
                (
                    newsrake_ingest::txt_from_bytes(&sources[i], &bytes),
                    Some((i, Some(content))),
                )
            }
            Err(d) => (Err(d), Some((i, None))),
        },
        Unit::Line {
            source,
            line,
            range,
        } => (
            newsrake_ingest::parse_jsonl_line(&sources[source], line, &bytes[range]),
            None,
        ),
    };
    let hashes = match &result {
        Ok((article, _)) => {
            let mut key = Vec::new();
            (0..article.paragraphs.len())
                .map(|i| newsrake_dedup::paragraph_hash_with(article.paragraph_text(i), &mut key))
                .collect()
        }
        Err(_) => Vec::new(),
    };
    Prepared::Read {
        result,
        hashes,
        txt,
    }
}

/// The sequential state of a run.
struct State {
    index: Index,
    /// Article ids by ordinal, for `duplicate_of_article`.
    ids: ids::Ids,
    report: RunReport,
    tables: Tables,
    fingerprints: Vec<Option<Fingerprint>>,
    entities: entities::Entities,
    /// A prepared batch waiting to be committed (with its input bytes).
    pending: Option<(Vec<Prepared>, usize)>,
    /// Render buffers of the previous batch, emptied but with their
    /// capacity: reusing them spares the allocator (and the kernel's page
    /// faults on fresh memory) megabytes per batch.
    spare: Vec<Rendered>,
    /// The rows of the last committed batch, written during the next commit
    /// (overlapping its decisions) or by [`State::flush`].
    unwritten: Vec<Rendered>,
}

fn hex(h: &Hash) -> String {
    newsrake_dedup::hex(h)
}

impl State {
    fn diag(&mut self, d: Diagnostic) -> Result<(), Error> {
        match d.level {
            Level::Error => {
                *self
                    .report
                    .inputs
                    .skipped_by_reason
                    .entry(d.code.to_string())
                    .or_default() += 1
            }
            Level::Warning => self.report.warnings += 1,
            Level::Info => {}
        }
        self.tables.diagnostics(&DiagnosticRow {
            path: d.path,
            line: d.line,
            article_id: d.article_id,
            level: d.level.to_string(),
            code: d.code.to_string(),
            message: d.message,
        })
    }

    /// Rename `article` if its id is taken (the id is recorded by
    /// [`State::decide`]).
    fn unique_id(&mut self, article: &mut Article) -> Option<Diagnostic> {
        if !self.ids.contains(&article.id) {
            return None;
        }
        let base = article.id.clone();
        let mut n = 2u64;
        let id = loop {
            let candidate = format!("{base}~{n}");
            if !self.ids.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        article.id = id.clone();
        Some(
            Diagnostic::new(
                &article.source_path,
                article.line,
                Level::Warning,
                "duplicate-id",
                format!("article id {base:?} already used: renamed to {id:?}"),
            )
            .with_article(id),
        )
    }

    /// Sequential half: unique id, first-seen dedup, state records.
    fn decide(&mut self, mut article: Article, hashes: Vec<Hash>) -> Result<Decided, Error> {
        if let Some(d) = self.unique_id(&mut article) {
            self.diag(d)?;
        }
        let ordinal = self.ids.len() as u64;
        self.ids.push(&article.id);
        let werr = |e| out_err(Path::new("state"))(e);
        self.tables.state.record_id(&article.id).map_err(werr)?;
        let mut dups: Vec<Option<Location>> = Vec::with_capacity(hashes.len());
        for (i, h) in hashes.iter().enumerate() {
            let here = Location {
                article: ordinal,
                paragraph: i as u32,
            };
            let dup = self.index.first_seen(*h, here);
            if dup.is_none() {
                self.tables.state.record_original(h, here).map_err(werr)?;
            }
            dups.push(dup);
        }
        Ok(Decided {
            article,
            hashes,
            dups,
        })
    }

    /// Count a rendered run of articles into the report.
    fn count(&mut self, r: &mut Rendered) {
        self.report.articles += std::mem::take(&mut r.n_articles);
        let n_paragraphs = std::mem::take(&mut r.n_paragraphs);
        let n_duplicate = std::mem::take(&mut r.n_duplicate);
        self.report.paragraphs += n_paragraphs;
        self.report.paragraphs_duplicate += n_duplicate;
        self.report.paragraphs_original += n_paragraphs - n_duplicate;
    }

    /// Write the rows of the last committed batch (at the end of the run).
    fn flush(&mut self) -> Result<(), Error> {
        let mut unwritten = std::mem::take(&mut self.unwritten);
        let mut streams = self.tables.take_streams();
        let written = write_runs(&mut streams, &mut self.entities, &mut unwritten);
        self.tables.put_streams(streams);
        written?;
        self.tables.written();
        self.spare.append(&mut unwritten);
        Ok(())
    }

    /// Commit one batch: sequential decisions in input order (while the
    /// previous batch's rows are written), then parallel extraction and
    /// rendering over runs of articles; the rows are written by the next
    /// commit or [`State::flush`].
    fn commit(
        &mut self,
        prepared: Vec<Prepared>,
        sources: &[Source],
        pool: &rayon::ThreadPool,
        extract: bool,
    ) -> Result<(), Error> {
        // The previous batch's rows are written (by whichever thread is
        // free) while this batch is decided: the two touch different files
        // and the writes stay in batch order.
        let mut unwritten = std::mem::take(&mut self.unwritten);
        let mut streams = self.tables.take_streams();
        let mut entities = std::mem::take(&mut self.entities);
        let (written, decided) = pool.install(|| {
            rayon::join(
                || write_runs(&mut streams, &mut entities, &mut unwritten),
                || self.decide_batch(prepared, sources),
            )
        });
        self.tables.put_streams(streams);
        self.entities = entities;
        let wrote = !unwritten.is_empty();
        self.spare.append(&mut unwritten);
        written?;
        if wrote {
            self.tables.written();
        }
        let decided = decided?;
        self.render_batch(decided, pool, extract)
    }

    /// Sequential decisions over a prepared batch, in input order.
    fn decide_batch(
        &mut self,
        prepared: Vec<Prepared>,
        sources: &[Source],
    ) -> Result<Vec<Decided>, Error> {
        let mut decided = Vec::with_capacity(prepared.len());
        for p in prepared {
            match p {
                Prepared::Diag(d) => self.diag(d)?,
                Prepared::Read {
                    result,
                    hashes,
                    txt,
                } => {
                    let is_line = txt.is_none();
                    if let Some((si, content)) = txt {
                        self.fingerprints[si] = Some(fingerprint(&sources[si], content));
                    }
                    match result {
                        Ok((article, warnings)) => {
                            if is_line {
                                self.report.inputs.lines_read += 1;
                            } else {
                                self.report.inputs.files_read += 1;
                            }
                            for w in warnings {
                                self.diag(w)?;
                            }
                            decided.push(self.decide(article, hashes)?);
                        }
                        Err(d) => {
                            if is_line {
                                self.report.inputs.lines_skipped += 1;
                            } else {
                                self.report.inputs.files_skipped += 1;
                            }
                            self.diag(d)?;
                        }
                    }
                }
            }
        }
        Ok(decided)
    }

    /// Extraction and rendering of a decided batch, in parallel; the rows
    /// are kept for the next commit (or [`State::flush`]) to write.
    fn render_batch(
        &mut self,
        decided: Vec<Decided>,
        pool: &rayon::ThreadPool,
        extract: bool,
    ) -> Result<(), Error> {
        // Extraction and row rendering are per article: parallel, over runs
        // of consecutive articles so that each run renders into one buffer
        // per table (few, large writes; no per-article buffers). The
        // articles are dropped by the worker that rendered them. Only the
        // appends, in input order, stay on this thread.
        let threads = pool.current_num_threads().max(1);
        let per_run = decided.len().div_ceil(threads * 8).clamp(1, 256);
        let runs = decided.len().div_ceil(per_run);
        if self.spare.len() < runs {
            self.spare.resize_with(runs, Rendered::default);
        }
        let mut rendered: Vec<Rendered> = self.spare.drain(..runs).collect();
        let ids = &self.ids;
        pool.install(|| {
            decided
                .into_par_iter()
                .chunks(per_run)
                .zip(rendered.par_iter_mut())
                .try_for_each(|(run, r)| {
                    run.into_iter().try_for_each(|d| render(d, ids, extract, r))
                })
        })
        .map_err(out_err(Path::new("rows")))?;
        for r in &mut rendered {
            self.count(r);
        }
        self.unwritten = rendered;
        Ok(())
    }
}

/// Append rendered runs of articles to the tables, in order, and add their
/// extractions to the entity table. The buffers are left empty.
fn write_runs(
    streams: &mut output::Streams,
    entities: &mut entities::Entities,
    runs: &mut [Rendered],
) -> Result<(), Error> {
    for r in runs {
        streams.write_rendered(r)?;
        for x in r.extractions.drain(..) {
            entities.add(x);
        }
    }
    Ok(())
}

/// The rows of a run of consecutive articles, rendered off the main thread.
pub(crate) struct Rendered {
    pub(crate) articles: RowBuffer,
    pub(crate) paragraphs: RowBuffer,
    pub(crate) mentions: RowBuffer,
    pub(crate) roles: RowBuffer,
    pub(crate) quotes: RowBuffer,
    pub(crate) counts: RowBuffer,
    pub(crate) events: RowBuffer,
    /// One per article, in order (empty without extraction).
    extractions: Vec<entities::ArticleEntities>,
    n_articles: u64,
    n_paragraphs: u64,
    n_duplicate: u64,
}

impl Default for Rendered {
    fn default() -> Rendered {
        Rendered {
            articles: RowBuffer::new::<ArticleRow>(),
            paragraphs: RowBuffer::new::<ParagraphRow<'_>>(),
            mentions: RowBuffer::new::<MentionRow<'_>>(),
            roles: RowBuffer::new::<RoleRow<'_>>(),
            quotes: RowBuffer::new::<QuoteRow<'_>>(),
            counts: RowBuffer::new::<CountRow<'_>>(),
            events: RowBuffer::new::<EventRow<'_>>(),
            extractions: Vec::new(),
            n_articles: 0,
            n_paragraphs: 0,
            n_duplicate: 0,
        }
    }
}

/// Extract (when asked) and render every row of one decided article,
/// appending them to `r`.
fn render(d: Decided, ids: &ids::Ids, extract: bool, r: &mut Rendered) -> io::Result<()> {
    let (x, facts) = if extract {
        d.extract()
    } else {
        (Extraction::default(), Facts::default())
    };
    let Decided {
        article,
        hashes,
        dups,
    } = d;
    let n_par = article.paragraphs.len() as u64;
    let n_duplicate = dups.iter().filter(|d| d.is_some()).count() as u64;
    let mut offsets = CharOffsets::new(&article.text);
    let mut hex_buf = [0u8; 64];
    for (i, p) in article.paragraphs.iter().enumerate() {
        let text = article.paragraph_text(i);
        let dup = dups[i];
        let char_start = offsets.char_at(p.start);
        let char_end = offsets.char_at(p.end);
        // A paragraph that is its span has as many chars as the span; only
        // joined (hard-wrapped) ones need counting.
        let n_chars = match article.paragraph_texts[i] {
            None => char_end - char_start,
            Some(_) => text.chars().count() as u64,
        };
        r.paragraphs.push(&ParagraphRow {
            article_id: &article.id,
            paragraph: i as u32,
            char_start,
            char_end,
            sha256: newsrake_dedup::hex_into(&hashes[i], &mut hex_buf),
            duplicate_of_article: dup.map(|l| ids.get(l.article as usize)),
            duplicate_of_paragraph: dup.map(|l| l.paragraph),
            n_chars,
            text,
            cell_truncated: too_long(text),
        })?;
    }
    for m in &x.mentions {
        r.mentions.push(&MentionRow {
            article_id: &article.id,
            paragraph: m.paragraph as u32,
            char_start: offsets.char_at(m.start),
            char_end: offsets.char_at(m.end),
            text: &m.text,
            kind: m.kind.as_str(),
            entity_id: &m.entity_id,
            value: some(&m.value),
        })?;
    }
    for role in &x.roles {
        r.roles.push(&RoleRow {
            article_id: &article.id,
            paragraph: role.paragraph as u32,
            char_start: offsets.char_at(role.start),
            char_end: offsets.char_at(role.end),
            entity_id: &role.entity_id,
            person: &role.person,
            title: some(&role.title),
            affiliation: some(&role.affiliation),
            affiliation_id: some(&role.affiliation_id),
        })?;
    }
    for q in &facts.quotes {
        r.quotes.push(&QuoteRow {
            article_id: &article.id,
            paragraph: q.paragraph as u32,
            char_start: offsets.char_at(q.start),
            char_end: offsets.char_at(q.end),
            text: &q.text,
            speaker_entity_id: some(&q.speaker_entity_id),
            speaker: some(&q.speaker),
            cue: some(&q.cue),
            kind: q.kind,
            cell_truncated: too_long(&q.text),
        })?;
    }
    for c in &facts.counts {
        let text = &article.text[c.sentence_start..c.sentence_end];
        r.counts.push(&CountRow {
            article_id: &article.id,
            paragraph: c.paragraph as u32,
            char_start: offsets.char_at(c.start),
            char_end: offsets.char_at(c.end),
            kind: c.kind,
            number: c.number,
            number_max: c.number_max,
            lower_bound: c.lower_bound,
            approximate: c.approximate,
            place_entity_id: some(&c.place_entity_id),
            text,
            cell_truncated: too_long(text),
        })?;
    }
    for e in &facts.events {
        let text = &article.text[e.start..e.end];
        r.events.push(&EventRow {
            article_id: &article.id,
            paragraph: e.paragraph as u32,
            char_start: offsets.char_at(e.start),
            char_end: offsets.char_at(e.end),
            event_type: e.event_type,
            trigger: &e.trigger,
            date: some(&e.date),
            place_entity_id: some(&e.place_entity_id),
            latitude: e.latitude,
            longitude: e.longitude,
            actors: (!e.actors.is_empty()).then(|| e.actors.join("|")),
            fatalities: e.fatalities,
            text,
            cell_truncated: too_long(text),
        })?;
    }
    r.articles.push(&ArticleRow {
        article_id: article.id.clone(),
        source_path: article.source_path.clone(),
        line: article.line,
        title: article.meta.title.clone(),
        url: article.meta.url.clone(),
        published: article.meta.published.clone(),
        n_paragraphs: n_par,
        n_original: n_par - n_duplicate,
        n_duplicate,
        n_chars: offsets.total(),
        sha256: hex(&newsrake_dedup::hash_key(&article.text)),
        cell_truncated: [&article.meta.title, &article.meta.url]
            .iter()
            .any(|s| s.as_deref().is_some_and(too_long)),
    })?;
    if extract {
        r.extractions.push(entities::ArticleEntities::of(x));
    }
    r.n_articles += 1;
    r.n_paragraphs += n_par;
    r.n_duplicate += n_duplicate;
    Ok(())
}

/// `None` for an empty string: an empty cell / `null`.
fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// An article whose originals and duplicates are decided.
struct Decided {
    article: Article,
    hashes: Vec<Hash>,
    dups: Vec<Option<Location>>,
}

impl Decided {
    /// Extraction over the original paragraphs (pure; runs in parallel).
    fn extract(&self) -> (Extraction, Facts) {
        let paragraphs: Vec<ParagraphRef> = self
            .article
            .paragraphs
            .iter()
            .zip(&self.dups)
            .map(|(p, d)| ParagraphRef {
                start: p.start,
                end: p.end,
                original: d.is_none(),
            })
            .collect();
        let article = ArticleRef {
            text: &self.article.text,
            paragraphs: &paragraphs,
            published: self.article.meta.published.as_deref(),
        };
        newsrake_extract::extract_with_facts(&article)
    }
}

fn kind_name(kind: &SourceKind) -> String {
    match kind {
        SourceKind::Txt => "txt".into(),
        SourceKind::Jsonl => "jsonl".into(),
        SourceKind::JsonlGz => "jsonl.gz".into(),
        SourceKind::Stdin => "stdin".into(),
        SourceKind::Unsupported => "unsupported".into(),
        SourceKind::NotArticle => "not-an-article".into(),
        SourceKind::Unreachable(msg) => format!("unreachable: {msg}"),
    }
}

fn fingerprint(src: &Source, content: Option<Hash>) -> Fingerprint {
    Fingerprint {
        path: src.display.clone(),
        kind: kind_name(&src.kind),
        size: src.stat.map(|s| s.size),
        mtime_ns: src.stat.map(|s| s.mtime_ns),
        sha256: content.map(|h| hex(&h)),
    }
}

/// SHA-256 of a file's bytes, streamed.
fn hash_file(path: &Path) -> Option<Hash> {
    use sha2::{Digest, Sha256};
    let mut f = fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Some(hasher.finalize().into())
}

/// How this run relates to the previous one.
enum Mode {
    Full(String),
    /// Inputs `from..` are new; everything before is unchanged.
    Append {
        from: usize,
        previous: PathBuf,
        manifest: Manifest,
        prefix: Vec<Fingerprint>,
    },
    Unchanged {
        previous: PathBuf,
        manifest: Manifest,
        prefix: Vec<Fingerprint>,
        touched: bool,
    },
}

fn decide(cfg: &Config, gens: &Generations, sources: &[Source], notes: &mut Vec<String>) -> Mode {
    if cfg.full {
        return Mode::Full("--full".into());
    }
    if cfg.inputs.contains(&Input::Stdin) {
        return Mode::Full("stdin is an input".into());
    }
    let Some(previous) = gens.current() else {
        return Mode::Full("no previous run".into());
    };
    let prev = match state::load(&previous) {
        Ok(Some(p)) => p,
        Ok(None) => return Mode::Full("no previous state".into()),
        Err(reason) => {
            notes.push(format!("rebuilding all tables: {reason}"));
            return Mode::Full(reason);
        }
    };
    let Previous {
        manifest,
        fingerprints,
    } = prev;
    if manifest.inputs != cfg.input_args() {
        return Mode::Full("inputs differ from the previous run".into());
    }
    if manifest.max_article_bytes != cfg.max_article_bytes
        || manifest.extract != cfg.extract
        || manifest.output != cfg.output
    {
        return Mode::Full("options differ from the previous run".into());
    }
    if !output::complete(&previous) {
        return Mode::Full("previous tables incomplete".into());
    }
    if fingerprints.len() > sources.len() {
        return Mode::Full(format!(
            "input removed: {}",
            fingerprints[sources.len()].path
        ));
    }
    let mut prefix = Vec::with_capacity(fingerprints.len());
    let mut touched = false;
    for (old, src) in fingerprints.into_iter().zip(sources) {
        let now = fingerprint(src, None);
        if old.path != now.path {
            return Mode::Full(format!(
                "input added or removed before {}",
                old.path.min(now.path)
            ));
        }
        if old.kind != now.kind {
            return Mode::Full(format!("input changed: {}", now.path));
        }
        if old.size == now.size && old.mtime_ns == now.mtime_ns {
            prefix.push(old);
            continue;
        }
        // Size or time differ: the content decides.
        let same = old.size == now.size
            && old.sha256.is_some()
            && old.sha256 == hash_file(&src.path).map(|h| hex(&h));
        if !same {
            return Mode::Full(format!("input changed: {}", now.path));
        }
        touched = true;
        prefix.push(Fingerprint {
            sha256: old.sha256,
            ..now
        });
    }
    if prefix.len() == sources.len() {
        Mode::Unchanged {
            previous,
            manifest,
            prefix,
            touched,
        }
    } else {
        Mode::Append {
            from: prefix.len(),
            previous,
            manifest,
            prefix,
        }
    }
}

/// Run the pipeline. `Ok` means the tables were published; the outcome says
/// whether anything was skipped.
pub fn run(cfg: &Config) -> Result<Outcome, Error> {
    let started = Instant::now();
    let gens = Generations::new(&cfg.out);
    fs::create_dir_all(&gens.meta).map_err(out_err(&gens.meta))?;
    let lock = lock::Lock::acquire(&gens.meta)?;
    let mut notes = Vec::new();
    if let Some(pid) = &lock.stale_from {
        notes.push(format!(
            "took over the lock left by a run that is no longer running (pid {pid})"
        ));
    }
    gens.clean()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        // Extraction (lexicon build, recursive rules) wants more than the 2 MiB default.
        .stack_size(16 << 20)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let sources = newsrake_ingest::discover(&cfg.inputs, Some(&cfg.out)).map_err(Error::Input)?;
    let mode = decide(cfg, &gens, &sources, &mut notes);

    let (gen, start) = match mode {
        Mode::Unchanged {
            previous,
            manifest,
            prefix,
            touched,
        } => {
            let mut report = manifest.report.clone();
            report.run = RunInfo {
                mode: "unchanged".into(),
                reason: String::new(),
                files_unchanged: sources.len() as u64,
                files_processed: 0,
                jobs: pool.current_num_threads(),
                duration_ms: started.elapsed().as_millis() as u64,
            };
            if touched {
                state::write_manifest(&previous.join("state"), &manifest, &prefix)
                    .map_err(out_err(&previous))?;
            }
            output::write_run_json(&previous, &run_json(&report))?;
            gens.link_files()?;
            drop(lock);
            return Ok(Outcome {
                exit_code: manifest.exit_code,
                report,
                notes,
            });
        }
        Mode::Append {
            from,
            previous,
            manifest,
            prefix,
        } => {
            let gen = gens.create_next()?;
            match resume(&gen, &previous, manifest, prefix, from, sources.len()) {
                Ok(start) => (gen, start),
                Err(reason) => {
                    notes.push(format!("rebuilding all tables: {reason}"));
                    let start = Start::fresh(&gen, sources.len(), reason, cfg.output.csv_bom)?;
                    (gen, start)
                }
            }
        }
        Mode::Full(reason) => {
            let gen = gens.create_next()?;
            let start = Start::fresh(&gen, sources.len(), reason, cfg.output.csv_bom)?;
            (gen, start)
        }
    };
    if cfg.extract && pool.current_num_threads() > 1 {
        // Build the extraction lexicon (≈ 0.1 s) on a worker while this
        // thread reads the first batch, instead of on the first article.
        pool.spawn(|| {
            newsrake_extract::lexicon::lex();
        });
    }
    let Start {
        from,
        mut report,
        tables,
        fingerprints,
        index,
        ids,
        entities,
        reason,
    } = start;
    report.version = env!("CARGO_PKG_VERSION").to_string();
    let mut state = State {
        index,
        ids,
        report,
        tables,
        fingerprints,
        entities,
        pending: None,
        spare: Vec::new(),
        unwritten: Vec::new(),
    };

    let result = process(cfg, &pool, &sources, from, &mut state);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&gen);
        return Err(e);
    }
    if cfg.interrupt.load(Ordering::SeqCst) {
        let _ = fs::remove_dir_all(&gen);
        return Err(Error::Interrupted);
    }

    let State {
        mut report,
        tables,
        fingerprints,
        index,
        entities,
        ..
    } = state;
    report.inputs.files_seen = sources.len() as u64;
    report.unique_keys = index.len() as u64;
    report.tables = tables.row_counts();
    let n_entities = tables.finish(entities.into_rows())?;
    report.tables.insert(
        <newsrake_export::EntityRow as newsrake_export::Row>::TABLE.to_string(),
        n_entities,
    );
    report.run = RunInfo {
        mode: if from == 0 {
            "full".into()
        } else {
            "append".into()
        },
        reason,
        files_unchanged: from as u64,
        files_processed: (sources.len() - from) as u64,
        jobs: pool.current_num_threads(),
        duration_ms: started.elapsed().as_millis() as u64,
    };
    let fingerprints: Vec<Fingerprint> = fingerprints
        .into_iter()
        .zip(&sources)
        .map(|(f, s)| f.unwrap_or_else(|| fingerprint(s, None)))
        .collect();
    let exit_code = report.exit_code();
    report.workbook = output::workbook_decision(cfg, &report.tables);
    let manifest = Manifest {
        format: state::FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        inputs: cfg.input_args(),
        max_article_bytes: cfg.max_article_bytes,
        extract: cfg.extract,
        output: cfg.output,
        exit_code,
        report: report.clone(),
    };
    state::write_manifest(&gen.join("state"), &manifest, &fingerprints).map_err(out_err(&gen))?;
    output::write_run_json(&gen, &run_json(&report))?;
    output::write_extras(
        &gen,
        cfg.output,
        &report.workbook,
        pool.current_num_threads(),
    )?;
    if cfg.interrupt.load(Ordering::SeqCst) {
        let _ = fs::remove_dir_all(&gen);
        return Err(Error::Interrupted);
    }
    gens.publish(&gen)?;
    drop(lock);
    Ok(Outcome {
        report,
        exit_code,
        notes,
    })
}

/// Where the sequential state of a run starts from.
struct Start {
    /// First source to read.
    from: usize,
    report: RunReport,
    tables: Tables,
    fingerprints: Vec<Option<Fingerprint>>,
    index: Index,
    ids: ids::Ids,
    entities: entities::Entities,
    reason: String,
}

impl Start {
    fn fresh(gen: &Path, n_sources: usize, reason: String, bom: bool) -> Result<Start, Error> {
        Ok(Start {
            from: 0,
            report: RunReport::new(),
            tables: Tables::create(gen, bom)?,
            fingerprints: vec![None; n_sources],
            index: Index::default(),
            ids: ids::Ids::default(),
            entities: entities::Entities::default(),
            reason,
        })
    }
}

/// Continue from the previous generation: its tables, index, ids and
/// entities. `Err` (a reason) when its state cannot be loaded.
fn resume(
    gen: &Path,
    previous: &Path,
    manifest: Manifest,
    prefix: Vec<Fingerprint>,
    from: usize,
    n_sources: usize,
) -> Result<Start, String> {
    let mut index = Index::default();
    state::load_index(previous, &mut index)?;
    let ids = state::load_ids(previous)?;
    let entities = entities::Entities::load(previous)?;
    let tables = Tables::resume(
        gen,
        previous,
        &manifest.report.tables,
        manifest.output.csv_bom,
    )
    .map_err(|e| e.to_string())?;
    let mut fingerprints: Vec<Option<Fingerprint>> = prefix.into_iter().map(Some).collect();
    fingerprints.resize(n_sources, None);
    Ok(Start {
        from,
        report: manifest.report,
        tables,
        fingerprints,
        index,
        ids,
        entities,
        reason: String::new(),
    })
}

fn run_json(report: &RunReport) -> Vec<u8> {
    let mut body = serde_json::to_vec_pretty(report).expect("report serialises");
    body.push(b'\n');
    body
}

/// The units of one batch, with the bytes of its JSONL lines (one buffer
/// for all of them: no allocation per line).
#[derive(Default)]
struct Batch {
    units: Vec<Unit>,
    bytes: Vec<u8>,
    /// Input bytes the batch stands for (unit weights).
    weight: usize,
}

/// Reads the sources `from..` into batches, in order. Runs beside the
/// commit and the preparation of the two batches before (see `process`),
/// so it keeps its own counts and fingerprints, merged into the state at
/// the end.
struct Reader<'s> {
    sources: &'s [Source],
    /// Next source to open.
    next: usize,
    /// The JSONL source being read, if any.
    open: Option<(usize, JsonlLines)>,
    max: usize,
    batch_bytes: usize,
    inputs: Inputs,
    /// Fingerprints of the JSONL sources read (`.txt` ones are set by the
    /// commit, which hashes their bytes).
    fingerprints: Vec<(usize, Fingerprint)>,
}

impl<'s> Reader<'s> {
    fn new(cfg: &Config, sources: &'s [Source], from: usize) -> Reader<'s> {
        Reader {
            sources,
            next: from,
            open: None,
            max: cfg.max_article_bytes,
            batch_bytes: cfg.batch_bytes,
            inputs: Inputs::default(),
            fingerprints: Vec::new(),
        }
    }

    /// Fill `batch` (emptied first, its buffers kept) with the next units,
    /// until it weighs `batch_bytes` or the sources are exhausted. An empty
    /// batch means the end.
    fn fill(&mut self, batch: &mut Batch) {
        batch.units.clear();
        batch.bytes.clear();
        // A batch's lines weigh about `batch_bytes`: room for them at once,
        // not by doubling and copying megabytes (once per batch buffer).
        batch
            .bytes
            .reserve(self.batch_bytes.min(64 << 20) + (64 << 10));
        batch.weight = 0;
        while batch.weight < self.batch_bytes {
            let Some(unit) = self.next_unit(&mut batch.bytes) else {
                return;
            };
            batch.weight += unit.weight(self.sources);
            batch.units.push(unit);
        }
    }

    /// The next unit in input order (a JSONL line's bytes are appended to
    /// `bytes`), or `None` after the last source.
    fn next_unit(&mut self, bytes: &mut Vec<u8>) -> Option<Unit> {
        loop {
            if let Some((si, lines)) = &mut self.open {
                let si = *si;
                match lines.read_into(bytes) {
                    Some(LineRead::Line { line, range }) => {
                        return Some(Unit::Line {
                            source: si,
                            line,
                            range,
                        })
                    }
                    Some(LineRead::Skipped(d)) => {
                        self.inputs.lines_skipped += 1;
                        return Some(Unit::Diag(d));
                    }
                    Some(LineRead::Fatal(d)) => return Some(Unit::Diag(d)),
                    None => {
                        let hash = lines.content_hash();
                        self.fingerprints
                            .push((si, fingerprint(&self.sources[si], hash)));
                        self.open = None;
                        continue;
                    }
                }
            }
            let si = self.next;
            let src = self.sources.get(si)?;
            self.next += 1;
            let skip = |code: &'static str, msg: String| {
                Diagnostic::new(&src.display, None, Level::Error, code, msg)
            };
            match &src.kind {
                SourceKind::Txt => return Some(Unit::Txt(si)),
                SourceKind::Unsupported => {
                    self.inputs.files_skipped += 1;
                    return Some(Unit::Diag(skip(
                        "unsupported-extension",
                        "skipped: not .txt, .jsonl or .jsonl.gz".into(),
                    )));
                }
                SourceKind::NotArticle => {
                    self.inputs.not_articles += 1;
                    return Some(Unit::Diag(Diagnostic::new(
                        &src.display,
                        None,
                        Level::Info,
                        "not-an-article",
                        "passed over: hidden, README, LICENSE, NOTICE or COPYING",
                    )));
                }
                SourceKind::Unreachable(msg) => {
                    self.inputs.files_skipped += 1;
                    return Some(Unit::Diag(skip("unreachable", format!("skipped: {msg}"))));
                }
                SourceKind::Jsonl | SourceKind::JsonlGz | SourceKind::Stdin => {
                    match JsonlLines::open(src, self.max) {
                        Err(d) => {
                            self.inputs.files_skipped += 1;
                            return Some(Unit::Diag(d));
                        }
                        Ok(lines) => {
                            self.inputs.files_read += 1;
                            self.open = Some((si, lines));
                        }
                    }
                }
            }
        }
    }

    /// Hand the reader's counts and fingerprints to the state.
    fn merge_into(self, state: &mut State) {
        let i = &mut state.report.inputs;
        i.files_read += self.inputs.files_read;
        i.files_skipped += self.inputs.files_skipped;
        i.not_articles += self.inputs.not_articles;
        i.lines_skipped += self.inputs.lines_skipped;
        for (si, f) in self.fingerprints {
            state.fingerprints[si] = Some(f);
        }
    }
}

/// Read sources `from..` in ordered batches and commit them.
///
/// Three batches are in flight: while batch k is committed (in order, on
/// the calling thread, with a parallel rendering step), batch k + 1 is
/// prepared by the other threads and batch k + 2 is read from the inputs.
fn process(
    cfg: &Config,
    pool: &rayon::ThreadPool,
    sources: &[Source],
    from: usize,
    state: &mut State,
) -> Result<(), Error> {
    if let Some(p) = &cfg.progress {
        p.start(
            sources[from..]
                .iter()
                .filter_map(|s| s.stat)
                .map(|s| s.size)
                .sum(),
        );
    }
    let max = cfg.max_article_bytes;
    let mut reader = Reader::new(cfg, sources, from);
    let mut next = Batch::default();
    reader.fill(&mut next);
    // The batch being prepared; its buffers come back for reading.
    let mut current = Batch::default();
    loop {
        if cfg.interrupt.load(Ordering::SeqCst) {
            return Err(Error::Interrupted);
        }
        std::mem::swap(&mut current, &mut next);
        let weight = current.weight;
        let units = std::mem::take(&mut current.units);
        let bytes = &current.bytes;
        let previous = state.pending.take();
        let end = units.is_empty();
        let (committed, prepared) = pool.install(|| {
            rayon::join(
                || commit_pending(state, previous, sources, pool, cfg),
                || {
                    rayon::join(
                        || -> Vec<Prepared> {
                            units
                                .into_par_iter()
                                .map(|u| prepare(u, bytes, sources, max))
                                .collect()
                        },
                        || {
                            if !end {
                                reader.fill(&mut next);
                            }
                        },
                    )
                    .0
                },
            )
        });
        committed?;
        if end {
            break;
        }
        state.pending = Some((prepared, weight));
    }
    state.flush()?;
    reader.merge_into(state);
    if let Some(p) = &cfg.progress {
        p.finish();
    }
    Ok(())
}

/// Commit a prepared batch (if any) and report progress.
fn commit_pending(
    state: &mut State,
    pending: Option<(Vec<Prepared>, usize)>,
    sources: &[Source],
    pool: &rayon::ThreadPool,
    cfg: &Config,
) -> Result<(), Error> {
    let Some((prepared, bytes)) = pending else {
        return Ok(());
    };
    let before = state.report.articles;
    state.commit(prepared, sources, pool, cfg.extract)?;
    if let Some(p) = &cfg.progress {
        p.advance(bytes as u64, state.report.articles - before);
    }
    Ok(())
}

/// Row counts by table name, sorted.
pub type TableCounts = BTreeMap<String, u64>;
