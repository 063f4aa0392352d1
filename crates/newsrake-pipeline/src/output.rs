//! The output directory, published atomically as a whole.
//!
//! ```text
//! OUT/articles.csv  -> .newsrake/current/articles.csv   (one link per file)
//! OUT/.newsrake/current -> gen-000007                   (swapped by one rename)
//! OUT/.newsrake/gen-000007/{tables, run.json, state/}
//! OUT/.newsrake/lock
//! ```
//!
//! A run writes a complete new generation directory, then replaces the
//! `current` link with one `rename(2)`: readers, and a run killed at any
//! moment, see either the previous complete set or the new one. Leftover
//! generations of killed runs are removed by the next run.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::BufWriter;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use newsrake_export::{
    ArticleRow, CountRow, DiagnosticRow, EntityRow, EventRow, MentionRow, ParagraphRow, QuoteRow,
    RoleRow, Row, TableWriter,
};

use crate::state::StateWriter;
use crate::{Error, TableCounts};

type W = BufWriter<File>;

/// Tables written row by row as the run goes (and appended to by an
/// incremental run).
const STREAMED: &[&str] = &[
    ArticleRow::TABLE,
    ParagraphRow::TABLE,
    MentionRow::TABLE,
    RoleRow::TABLE,
    QuoteRow::TABLE,
    CountRow::TABLE,
    EventRow::TABLE,
    DiagnosticRow::TABLE,
];

/// The workbook and the report: published when the run wrote them.
pub(crate) const EXTRAS: &[&str] = &[WORKBOOK, REPORT];
pub(crate) const WORKBOOK: &str = "newsrake.xlsx";
pub(crate) const REPORT: &str = "report.html";

/// The tables in the order of the workbook's sheets.
const SHEETS: &[(&str, &[&str])] = &[
    (ArticleRow::TABLE, ArticleRow::COLUMNS),
    (ParagraphRow::TABLE, ParagraphRow::COLUMNS),
    (MentionRow::TABLE, MentionRow::COLUMNS),
    (EntityRow::TABLE, EntityRow::COLUMNS),
    (RoleRow::TABLE, RoleRow::COLUMNS),
    (QuoteRow::TABLE, QuoteRow::COLUMNS),
    (CountRow::TABLE, CountRow::COLUMNS),
    (EventRow::TABLE, EventRow::COLUMNS),
    (DiagnosticRow::TABLE, DiagnosticRow::COLUMNS),
];

/// What `run.json` says of the workbook when it is written.
pub(crate) const WORKBOOK_WRITTEN: &str = "written";

/// Whether this run writes the workbook: [`WORKBOOK_WRITTEN`], or the reason
/// it does not (for `run.json` and the report).
pub(crate) fn workbook_decision(cfg: &crate::Config, rows: &BTreeMap<String, u64>) -> String {
    match cfg.output.workbook {
        crate::Workbook::Always => WORKBOOK_WRITTEN.into(),
        crate::Workbook::Never => "not written: --workbook never".into(),
        crate::Workbook::Auto => {
            // The longest table, the first in sheet order among equals.
            let longest = SHEETS
                .iter()
                .map(|(t, _)| (*t, rows.get(*t).copied().unwrap_or(0)))
                .fold(None, |best: Option<(&str, u64)>, (t, n)| match best {
                    Some((_, m)) if m >= n => best,
                    _ => Some((t, n)),
                });
            match longest {
                Some((table, n)) if n > cfg.workbook_row_limit => format!(
                    "not written: table {table} has {n} rows, more than a worksheet's {} \
                     (use the CSV or JSONL; --workbook always writes it anyway)",
                    cfg.workbook_row_limit
                ),
                _ => WORKBOOK_WRITTEN.into(),
            }
        }
    }
}

/// Write the workbook (when `workbook` says so) and the report of a finished
/// generation, from its tables and `run.json`, and fsync them.
pub(crate) fn write_extras(
    gen: &Path,
    opts: crate::OutputOptions,
    workbook: &str,
    threads: usize,
) -> Result<(), Error> {
    let write_workbook = || -> Result<(), Error> {
        let sheets: Vec<_> = SHEETS
            .iter()
            .map(|&(table, columns)| newsrake_export::workbook::Sheet { table, columns })
            .collect();
        let path = gen.join(WORKBOOK);
        newsrake_export::workbook::write(gen, &sheets, &path, threads).map_err(out_err(&path))?;
        fsync(&path)
    };
    let write_report = |threads: usize| -> Result<(), Error> {
        let path = gen.join(REPORT);
        newsrake_report::write(gen, &path, threads).map_err(out_err(&path))?;
        fsync(&path)
    };
    match (workbook == WORKBOOK_WRITTEN, opts.report) {
        // Both read the finished tables and neither changes them: with more
        // than one thread the workbook and the report are written side by
        // side (the workbook deflates on every thread, so after the shorter
        // report it has them all).
        (true, true) if threads > 1 => std::thread::scope(|s| {
            let book = s.spawn(write_workbook);
            let report = write_report(threads - 1);
            let book = book.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            book.and(report)
        }),
        (book, report) => {
            if book {
                write_workbook()?;
            }
            if report {
                write_report(threads)?;
            }
            Ok(())
        }
    }
}

fn fsync(path: &Path) -> Result<(), Error> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(out_err(path))
}

/// Every file a complete generation has, and `OUT/` links to.
pub(crate) fn published_files() -> Vec<String> {
    let mut names: Vec<String> = STREAMED
        .iter()
        .chain(&[EntityRow::TABLE])
        .flat_map(|t| [format!("{t}.csv"), format!("{t}.jsonl")])
        .collect();
    names.push("run.json".into());
    names
}

pub(crate) fn out_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// `OUT/.newsrake`: the generations and the `current` link.
pub(crate) struct Generations {
    pub(crate) out: PathBuf,
    pub(crate) meta: PathBuf,
}

impl Generations {
    pub(crate) fn new(out: &Path) -> Generations {
        Generations {
            out: out.to_path_buf(),
            meta: out.join(".newsrake"),
        }
    }

    /// The published generation directory, if any.
    pub(crate) fn current(&self) -> Option<PathBuf> {
        let target = fs::read_link(self.meta.join("current")).ok()?;
        let dir = self.meta.join(target);
        dir.is_dir().then_some(dir)
    }

    fn number(name: &str) -> Option<u64> {
        name.strip_prefix("gen-")?.parse().ok()
    }

    /// Remove generations other than the current one (left by killed runs)
    /// and stray temporary links. Call with the lock held.
    pub(crate) fn clean(&self) -> Result<(), Error> {
        let current = self.current();
        let Ok(entries) = fs::read_dir(&self.meta) else {
            return Ok(());
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let stale_gen = Self::number(&name).is_some() && Some(&path) != current.as_ref();
            if stale_gen || name == "staging" {
                fs::remove_dir_all(&path).map_err(out_err(&path))?;
            } else if name.ends_with(".new") {
                let _ = fs::remove_file(&path);
            }
        }
        Ok(())
    }

    /// A fresh directory for the next generation.
    pub(crate) fn create_next(&self) -> Result<PathBuf, Error> {
        let n = self
            .current()
            .and_then(|c| {
                c.file_name()
                    .and_then(|n| Self::number(&n.to_string_lossy()))
            })
            .unwrap_or(0);
        let dir = self.meta.join(format!("gen-{:06}", n + 1));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(out_err(&dir))?;
        }
        fs::create_dir_all(dir.join("state")).map_err(out_err(&dir))?;
        Ok(dir)
    }

    /// Make `gen` the current generation (one atomic rename), make sure every
    /// published name in `OUT/` links through `current`, and remove the
    /// previous generation.
    pub(crate) fn publish(&self, gen: &Path) -> Result<(), Error> {
        let previous = self.current();
        let name = gen.file_name().expect("generation has a name");
        let tmp = self.meta.join("current.new");
        let _ = fs::remove_file(&tmp);
        symlink(name, &tmp).map_err(out_err(&tmp))?;
        sync_dir(gen);
        fs::rename(&tmp, self.meta.join("current")).map_err(out_err(&self.meta))?;
        sync_dir(&self.meta);
        self.link_files()?;
        if let Some(prev) = previous {
            if prev != gen {
                let _ = fs::remove_dir_all(prev);
            }
        }
        Ok(())
    }

    /// `OUT/NAME -> .newsrake/current/NAME` for every published file (and
    /// for the workbook and report when the current generation has them;
    /// their links are removed when it has not).
    pub(crate) fn link_files(&self) -> Result<(), Error> {
        let current = self.meta.join("current");
        for extra in EXTRAS {
            let link = self.out.join(extra);
            if !current.join(extra).is_file()
                && fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink())
            {
                fs::remove_file(&link).map_err(out_err(&link))?;
            }
        }
        let extras = EXTRAS
            .iter()
            .filter(|n| current.join(n).is_file())
            .map(|n| n.to_string());
        for name in published_files().into_iter().chain(extras) {
            let link = self.out.join(&name);
            let target = Path::new(".newsrake").join("current").join(&name);
            if fs::read_link(&link).is_ok_and(|t| t == target) {
                continue;
            }
            let tmp = self.out.join(format!(".{name}.new"));
            let _ = fs::remove_file(&tmp);
            symlink(&target, &tmp).map_err(out_err(&tmp))?;
            fs::rename(&tmp, &link).map_err(out_err(&link))?;
        }
        sync_dir(&self.out);
        Ok(())
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The table writers of one generation being written.
pub(crate) struct Tables {
    gen: PathBuf,
    bom: bool,
    /// `None` only while [`Tables::take_streams`] lent them out.
    streams: Option<Streams>,
    diagnostics: TableWriter<W>,
    pub(crate) state: StateWriter,
    syncer: Syncer,
}

/// Writes the generation's files back to the disk while the run goes on.
///
/// The tables are about three times the input and must be on the disk
/// (`fsync`) before the generation is published. Left to the kernel, dirty
/// pages wait (up to 10 % of RAM, or 30 s), so the final `fsync`s used to
/// write nearly everything at the end, after all the CPU work. Nudged after
/// every batch, this thread `fdatasync`s the files in the background, so the
/// disk works while the CPU does; the final `fsync`s (kept: they are what
/// makes the publication safe) then find little left to write. Errors here
/// are ignored: the final `fsync` reports them.
struct Syncer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Syncer {
    fn start(paths: Vec<PathBuf>) -> Syncer {
        let files: Vec<File> = paths.iter().filter_map(|p| File::open(p).ok()).collect();
        // One pending nudge at most: nudges coalesce while a round runs.
        let (nudge, rounds) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("newsrake-sync".into())
            .spawn(move || {
                while rounds.recv().is_ok() {
                    for f in &files {
                        let _ = f.sync_data();
                    }
                }
            })
            .ok();
        Syncer {
            nudge: Some(nudge),
            thread,
        }
    }

    /// Start a round of writeback unless one is running or due.
    fn nudge(&self) {
        if let Some(n) = &self.nudge {
            let _ = n.try_send(());
        }
    }

    /// Stop the thread (after the round in progress, if any).
    fn stop(mut self) {
        self.nudge = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn writer(path: &Path, append: bool) -> Result<W, Error> {
    let f = if append {
        OpenOptions::new().append(true).open(path)
    } else {
        File::create(path)
    }
    .map_err(out_err(path))?;
    Ok(BufWriter::with_capacity(1 << 16, f))
}

fn open<R: Row>(gen: &Path, resume_from: Option<u64>, bom: bool) -> Result<TableWriter<W>, Error> {
    let csv = writer(
        &gen.join(format!("{}.csv", R::TABLE)),
        resume_from.is_some(),
    )?;
    let jsonl = writer(
        &gen.join(format!("{}.jsonl", R::TABLE)),
        resume_from.is_some(),
    )?;
    match resume_from {
        None => TableWriter::new::<R>(csv, jsonl, bom),
        Some(rows) => Ok(TableWriter::resume::<R>(csv, jsonl, rows)),
    }
    .map_err(out_err(gen))
}

/// The writers of the tables rendered per article (everything but
/// `diagnostics` and `entities`): lent out of [`Tables`] so that a batch's
/// rows can be written while the next batch is decided.
pub(crate) struct Streams {
    gen: PathBuf,
    articles: TableWriter<W>,
    paragraphs: TableWriter<W>,
    mentions: TableWriter<W>,
    roles: TableWriter<W>,
    quotes: TableWriter<W>,
    counts: TableWriter<W>,
    events: TableWriter<W>,
}

impl Streams {
    /// Append a run of articles' rendered rows, table by table.
    pub(crate) fn write_rendered(&mut self, r: &mut crate::Rendered) -> Result<(), Error> {
        let gen = &self.gen;
        let e = |e| out_err(gen)(e);
        self.articles.write_buffer(&mut r.articles).map_err(e)?;
        self.paragraphs.write_buffer(&mut r.paragraphs).map_err(e)?;
        self.mentions.write_buffer(&mut r.mentions).map_err(e)?;
        self.roles.write_buffer(&mut r.roles).map_err(e)?;
        self.quotes.write_buffer(&mut r.quotes).map_err(e)?;
        self.counts.write_buffer(&mut r.counts).map_err(e)?;
        self.events.write_buffer(&mut r.events).map_err(e)?;
        Ok(())
    }
}

impl Tables {
    /// Start empty tables in `gen`.
    pub(crate) fn create(gen: &Path, bom: bool) -> Result<Tables, Error> {
        Self::open_all(gen, None, bom)
    }

    /// Copy the tables and state of `previous` into `gen` and append to them.
    pub(crate) fn resume(
        gen: &Path,
        previous: &Path,
        rows: &TableCounts,
        bom: bool,
    ) -> Result<Tables, Error> {
        for table in STREAMED {
            for ext in ["csv", "jsonl"] {
                let name = format!("{table}.{ext}");
                let to = gen.join(&name);
                fs::copy(previous.join(&name), &to).map_err(out_err(&to))?;
            }
        }
        for name in ["originals.bin", "ids.jsonl"] {
            let to = gen.join("state").join(name);
            fs::copy(previous.join("state").join(name), &to).map_err(out_err(&to))?;
        }
        Self::open_all(gen, Some(rows), bom)
    }

    fn open_all(gen: &Path, rows: Option<&TableCounts>, bom: bool) -> Result<Tables, Error> {
        let resume = |t: &str| rows.map(|r| r.get(t).copied().unwrap_or(0));
        let mut synced: Vec<PathBuf> = STREAMED
            .iter()
            .flat_map(|t| [gen.join(format!("{t}.csv")), gen.join(format!("{t}.jsonl"))])
            .collect();
        synced.push(gen.join("state/originals.bin"));
        synced.push(gen.join("state/ids.jsonl"));
        let state = StateWriter {
            originals: writer(&gen.join("state/originals.bin"), rows.is_some())?,
            ids: writer(&gen.join("state/ids.jsonl"), rows.is_some())?,
        };
        let streams = Streams {
            gen: gen.to_path_buf(),
            articles: open::<ArticleRow>(gen, resume(ArticleRow::TABLE), bom)?,
            paragraphs: open::<ParagraphRow<'_>>(gen, resume(ParagraphRow::TABLE), bom)?,
            mentions: open::<MentionRow<'_>>(gen, resume(MentionRow::TABLE), bom)?,
            roles: open::<RoleRow<'_>>(gen, resume(RoleRow::TABLE), bom)?,
            quotes: open::<QuoteRow<'_>>(gen, resume(QuoteRow::TABLE), bom)?,
            counts: open::<CountRow<'_>>(gen, resume(CountRow::TABLE), bom)?,
            events: open::<EventRow<'_>>(gen, resume(EventRow::TABLE), bom)?,
        };
        Ok(Tables {
            gen: gen.to_path_buf(),
            bom,
            streams: Some(streams),
            diagnostics: open::<DiagnosticRow>(gen, resume(DiagnosticRow::TABLE), bom)?,
            state,
            syncer: Syncer::start(synced),
        })
    }

    /// Lend out the per-article table writers (give them back with
    /// [`Tables::put_streams`]).
    pub(crate) fn take_streams(&mut self) -> Streams {
        self.streams.take().expect("streams are not lent twice")
    }

    pub(crate) fn put_streams(&mut self, streams: Streams) {
        self.streams = Some(streams);
    }

    fn streams(&self) -> &Streams {
        self.streams.as_ref().expect("streams given back")
    }

    /// A batch was written: let the disk catch up in the background.
    pub(crate) fn written(&self) {
        self.syncer.nudge();
    }

    pub(crate) fn diagnostics(&mut self, row: &DiagnosticRow) -> Result<(), Error> {
        self.diagnostics.write(row).map_err(out_err(&self.gen))
    }

    pub(crate) fn row_counts(&self) -> TableCounts {
        let s = self.streams();
        [
            (ArticleRow::TABLE, s.articles.rows()),
            (ParagraphRow::TABLE, s.paragraphs.rows()),
            (MentionRow::TABLE, s.mentions.rows()),
            (RoleRow::TABLE, s.roles.rows()),
            (QuoteRow::TABLE, s.quotes.rows()),
            (CountRow::TABLE, s.counts.rows()),
            (EventRow::TABLE, s.events.rows()),
            (DiagnosticRow::TABLE, self.diagnostics.rows()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// Write the `entities` table whole, then flush and fsync every file of
    /// the generation. Returns the number of entity rows.
    pub(crate) fn finish(self, entities: impl Iterator<Item = EntityRow>) -> Result<u64, Error> {
        let Tables {
            gen,
            bom,
            streams,
            diagnostics,
            state,
            syncer,
        } = self;
        let Streams {
            articles,
            paragraphs,
            mentions,
            roles,
            quotes,
            counts,
            events,
            ..
        } = streams.expect("streams given back");
        syncer.stop();
        let mut ent = open::<EntityRow>(&gen, None, bom)?;
        for row in entities {
            ent.write(&row).map_err(out_err(&gen))?;
        }
        let n_entities = ent.rows();
        let err = |e: std::io::Error| Error::Output {
            path: gen.clone(),
            source: e,
        };
        let close = |w: W| -> Result<(), Error> {
            let file = w.into_inner().map_err(|e| err(e.into_error()))?;
            file.sync_all().map_err(err)
        };
        for t in [
            articles,
            paragraphs,
            mentions,
            roles,
            quotes,
            counts,
            events,
            diagnostics,
            ent,
        ] {
            let (csv, jsonl) = t.finish().map_err(err)?;
            close(csv)?;
            close(jsonl)?;
        }
        close(state.originals)?;
        close(state.ids)?;
        Ok(n_entities)
    }
}

/// Write `run.json` into a generation.
pub(crate) fn write_run_json(gen: &Path, body: &[u8]) -> Result<(), Error> {
    let path = gen.join("run.json");
    crate::state::write_atomic(&path, body).map_err(out_err(&path))
}

/// True when every published file of `gen` exists.
pub(crate) fn complete(gen: &Path) -> bool {
    published_files().iter().all(|n| gen.join(n).is_file())
}
