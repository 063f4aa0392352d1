//! newsrake's pipeline: the only crate that knows about threads and the
//! output directory.
//!
//! [`run`] walks the inputs ([`newsrake_ingest::discover`]), streams them in
//! ordered batches, and for each batch:
//! 1. in parallel (rayon): reads, decodes and splits every article and
//!    hashes its paragraphs;
//! 2. in input order: makes ids unique, decides originals and duplicates
//!    against the first-seen index, and writes the rows.
//!
//! Memory is one batch plus the dedup index, whatever the corpus size. Tables
//! are written to a staging directory and renamed into place only when the
//! run succeeds; `run.json` carries counts and the duration (durations never
//! reach the tables, so they are byte-identical for any `--jobs`).

mod offsets;
mod output;
mod report;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::Instant;

use newsrake_dedup::{Hash, Index, Location};
use newsrake_export::{ArticleRow, DiagnosticRow, ParagraphRow};
use newsrake_ingest::{Input, JsonlLines, RawLine, ReadResult, Source, SourceKind};
use newsrake_model::{Article, Diagnostic, Level};
use rayon::prelude::*;

pub use report::RunReport;

use crate::offsets::CharOffsets;
use crate::output::Output;

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub inputs: Vec<Input>,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// A batch is closed once it holds this many input bytes.
    pub batch_bytes: usize,
}

impl Config {
    pub fn new(inputs: Vec<Input>, out: PathBuf) -> Config {
        Config {
            inputs,
            out,
            jobs: 0,
            batch_bytes: 8 << 20,
        }
    }
}

/// A fatal error: the run stopped and the previous tables were left as they
/// were.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    Input(newsrake_ingest::Error),
    Output { path: PathBuf, source: io::Error },
    Threads(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Output { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            Error::Threads(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// One unit of work in a batch, in input order.
enum Unit {
    Txt(usize),
    Line {
        source: usize,
        line: u64,
        bytes: Vec<u8>,
    },
    /// A diagnostic that arose while listing or opening inputs.
    Diag(Diagnostic),
}

impl Unit {
    fn weight(&self, sources: &[Source]) -> usize {
        match self {
            Unit::Txt(i) => std::fs::metadata(&sources[*i].path)
                .map(|m| m.len() as usize)
                .unwrap_or(0),
            Unit::Line { bytes, .. } => bytes.len(),
            Unit::Diag(_) => 0,
        }
        .max(64)
    }
}

/// The parallel half of the work on one unit.
enum Prepared {
    Read {
        result: ReadResult,
        hashes: Vec<Hash>,
        is_line: bool,
    },
    Diag(Diagnostic),
}

fn prepare(unit: Unit, sources: &[Source]) -> Prepared {
    let (result, is_line) = match unit {
        Unit::Diag(d) => return Prepared::Diag(d),
        Unit::Txt(i) => (newsrake_ingest::read_txt(&sources[i]), false),
        Unit::Line {
            source,
            line,
            bytes,
        } => (
            newsrake_ingest::parse_jsonl_line(&sources[source], line, &bytes),
            true,
        ),
    };
    let hashes = match &result {
        Ok((article, _)) => {
            let mut key = String::new();
            (0..article.paragraphs.len())
                .map(|i| {
                    newsrake_dedup::normalize(article.paragraph_text(i), &mut key);
                    newsrake_dedup::hash_key(&key)
                })
                .collect()
        }
        Err(_) => Vec::new(),
    };
    Prepared::Read {
        result,
        hashes,
        is_line,
    }
}

/// The sequential state of a run.
struct State {
    index: Index,
    /// Article ids by ordinal, for `duplicate_of_article`.
    ids: Vec<Box<str>>,
    seen_ids: HashSet<Box<str>>,
    report: RunReport,
    out: Output,
    /// The prepared batch waiting to be committed.
    pending: Vec<Prepared>,
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
            Level::Info => self.report.inputs.not_articles += 1,
        }
        self.out.diagnostics(&DiagnosticRow {
            path: d.path,
            line: d.line,
            article_id: d.article_id,
            level: d.level.to_string(),
            code: d.code.to_string(),
            message: d.message,
        })
    }

    fn unique_id(&mut self, article: &mut Article) -> Option<Diagnostic> {
        if !self.seen_ids.contains(article.id.as_str()) {
            self.seen_ids.insert(article.id.as_str().into());
            return None;
        }
        let base = article.id.clone();
        let mut n = 2u64;
        let id = loop {
            let candidate = format!("{base}~{n}");
            if !self.seen_ids.contains(candidate.as_str()) {
                break candidate;
            }
            n += 1;
        };
        self.seen_ids.insert(id.as_str().into());
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

    fn article(&mut self, mut article: Article, hashes: &[Hash]) -> Result<(), Error> {
        if let Some(d) = self.unique_id(&mut article) {
            self.diag(d)?;
        }
        let ordinal = self.ids.len() as u64;
        self.ids.push(article.id.as_str().into());
        let dups: Vec<Option<Location>> = hashes
            .iter()
            .enumerate()
            .map(|(i, h)| {
                self.index.first_seen(
                    *h,
                    Location {
                        article: ordinal,
                        paragraph: i as u32,
                    },
                )
            })
            .collect();
        let n_dup = dups.iter().filter(|d| d.is_some()).count() as u64;
        let n_par = article.paragraphs.len() as u64;
        let mut offsets = CharOffsets::new(&article.text);
        for (i, p) in article.paragraphs.iter().enumerate() {
            let text = article.paragraph_text(i);
            let dup = dups[i];
            let char_start = offsets.char_at(p.start);
            let char_end = offsets.char_at(p.end);
            self.out.paragraph(&ParagraphRow {
                article_id: &article.id,
                paragraph: i as u32,
                char_start,
                char_end,
                sha256: newsrake_dedup::hex(&hashes[i]),
                duplicate_of_article: dup.map(|l| &*self.ids[l.article as usize]),
                duplicate_of_paragraph: dup.map(|l| l.paragraph),
                n_chars: text.chars().count() as u64,
                text,
            })?;
        }
        self.report.articles += 1;
        self.report.paragraphs += n_par;
        self.report.paragraphs_duplicate += n_dup;
        self.out.article(&ArticleRow {
            article_id: article.id.clone(),
            source_path: article.source_path.clone(),
            line: article.line,
            title: article.meta.title.clone(),
            url: article.meta.url.clone(),
            published: article.meta.published.clone(),
            n_paragraphs: n_par,
            n_original: n_par - n_dup,
            n_duplicate: n_dup,
            n_chars: offsets.total(),
            sha256: newsrake_dedup::hex(&newsrake_dedup::hash_key(&article.text)),
        })
    }

    fn commit(&mut self, prepared: Vec<Prepared>) -> Result<(), Error> {
        for p in prepared {
            match p {
                Prepared::Diag(d) => self.diag(d)?,
                Prepared::Read {
                    result,
                    hashes,
                    is_line,
                } => match result {
                    Ok((article, warnings)) => {
                        if is_line {
                            self.report.inputs.lines_read += 1;
                        } else {
                            self.report.inputs.files_read += 1;
                        }
                        for w in warnings {
                            self.diag(w)?;
                        }
                        self.article(article, &hashes)?;
                    }
                    Err(d) => {
                        if is_line {
                            self.report.inputs.lines_skipped += 1;
                        } else {
                            self.report.inputs.files_skipped += 1;
                        }
                        self.diag(d)?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// Run the pipeline. `Ok` means the tables were written; the report says
/// whether anything was skipped.
pub fn run(cfg: &Config) -> Result<RunReport, Error> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let sources = newsrake_ingest::discover(&cfg.inputs, Some(&cfg.out)).map_err(Error::Input)?;
    let out = Output::create(&cfg.out)?;
    let mut state = State {
        index: Index::default(),
        ids: Vec::new(),
        seen_ids: HashSet::new(),
        report: RunReport::new(pool.current_num_threads()),
        out,
        pending: Vec::new(),
    };
    state.report.inputs.files_seen = sources.len() as u64;

    let mut batch: Vec<Unit> = Vec::new();
    let mut batch_bytes = 0usize;
    // Batch k is committed (in order, on one pool thread) while batch k + 1
    // is prepared by the others: at most two batches in flight.
    let flush = |batch: &mut Vec<Unit>, state: &mut State| -> Result<(), Error> {
        let units = std::mem::take(batch);
        let previous = std::mem::take(&mut state.pending);
        let (committed, prepared) = pool.install(|| {
            rayon::join(
                || state.commit(previous),
                || -> Vec<Prepared> {
                    units
                        .into_par_iter()
                        .map(|u| prepare(u, &sources))
                        .collect()
                },
            )
        });
        committed?;
        state.pending = prepared;
        Ok(())
    };
    for (si, src) in sources.iter().enumerate() {
        let mut push =
            |unit: Unit, batch: &mut Vec<Unit>, state: &mut State| -> Result<(), Error> {
                batch_bytes += unit.weight(&sources);
                batch.push(unit);
                if batch_bytes >= cfg.batch_bytes {
                    batch_bytes = 0;
                    flush(batch, state)?;
                }
                Ok(())
            };
        match &src.kind {
            SourceKind::Txt => push(Unit::Txt(si), &mut batch, &mut state)?,
            SourceKind::Unsupported => {
                state.report.inputs.files_skipped += 1;
                let d = Diagnostic::new(
                    &src.display,
                    None,
                    Level::Error,
                    "unsupported-extension",
                    "skipped: not .txt, .jsonl or .jsonl.gz",
                );
                push(Unit::Diag(d), &mut batch, &mut state)?;
            }
            SourceKind::NotArticle => {
                let d = Diagnostic::new(
                    &src.display,
                    None,
                    Level::Info,
                    "not-an-article",
                    "passed over: hidden, README, LICENSE, NOTICE or COPYING",
                );
                push(Unit::Diag(d), &mut batch, &mut state)?;
            }
            SourceKind::Unreachable(msg) => {
                state.report.inputs.files_skipped += 1;
                let d = Diagnostic::new(
                    &src.display,
                    None,
                    Level::Error,
                    "unreachable",
                    format!("skipped: {msg}"),
                );
                push(Unit::Diag(d), &mut batch, &mut state)?;
            }
            SourceKind::Jsonl | SourceKind::JsonlGz | SourceKind::Stdin => {
                match JsonlLines::open(src) {
                    Err(d) => {
                        state.report.inputs.files_skipped += 1;
                        push(Unit::Diag(d), &mut batch, &mut state)?;
                    }
                    Ok(lines) => {
                        state.report.inputs.files_read += 1;
                        for raw in lines {
                            match raw {
                                RawLine::Line { line, bytes } => push(
                                    Unit::Line {
                                        source: si,
                                        line,
                                        bytes,
                                    },
                                    &mut batch,
                                    &mut state,
                                )?,
                                RawLine::Fatal(d) => push(Unit::Diag(d), &mut batch, &mut state)?,
                            }
                        }
                    }
                }
            }
        }
    }
    flush(&mut batch, &mut state)?;
    let last = std::mem::take(&mut state.pending);
    state.commit(last)?;

    let State {
        mut report, out, ..
    } = state;
    report.paragraphs_original = report.paragraphs - report.paragraphs_duplicate;
    report.unique_keys = report.paragraphs_original;
    report.tables = out.row_counts();
    report.duration_ms = started.elapsed().as_millis() as u64;
    out.finish(&report)?;
    Ok(report)
}

/// Row counts by table name, sorted.
pub type TableCounts = BTreeMap<String, u64>;
