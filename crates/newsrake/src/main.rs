//! The `newsrake` command: clap arguments → pipeline config → exit code.
//!
//! Exit codes: 0 every input was read; 1 some inputs or lines were skipped
//! (the `diagnostics` table says which); 2 fatal (nothing written, previous
//! tables left as they were), with a one-line `error:` message on stderr;
//! 130 interrupted by SIGINT/SIGTERM (previous tables left in place).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use newsrake_ingest::Input;
use newsrake_pipeline::{Config, Workbook};

/// mimalloc instead of glibc malloc: articles are allocated by the worker
/// that parses them and freed by the one that renders them, and glibc's
/// cross-thread frees and consolidation were ≈ 10 % of the CPU samples, and
/// extraction allocates and frees small strings by the million (≈ 14 % of a
/// full run's samples). Without transparent huge pages (`no_thp`), its peak
/// RSS stays near glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "\
Examples:
  newsrake run                          # seeds/ -> output/
  newsrake run articles/ --out tables   # a folder of .txt/.jsonl files
  zcat feed.jsonl.gz | newsrake run -   # JSONL on stdin

Exit codes: 0 all inputs read; 1 some inputs or lines skipped (see
OUT/diagnostics.csv); 2 fatal error (nothing written; also when another run
holds OUT's lock); 130 interrupted (previous tables left in place).";

/// Turn a pile of raw news articles into clean, deduplicated,
/// spreadsheet-ready tables.
#[derive(Parser, Debug)]
#[command(name = "newsrake", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read articles, deduplicate their paragraphs and write the tables.
    #[command(after_help = "\
Examples:
  newsrake run
      read seeds/, write output/
  newsrake run news/2025 news/2026 --out tables --jobs 4
      two folders, walked recursively and sorted by path, into tables/
  newsrake run feed.jsonl.gz --out tables
      one article per JSONL line: {\"id\", \"text\", \"title\", \"url\", \"source\", \"published\"}
  cat feed.jsonl | newsrake run - --out tables
      JSONL on stdin

  newsrake run news/ --out tables --full
      ignore the previous run's state and rebuild every table

Writes OUT/{articles,paragraphs,diagnostics}.{csv,jsonl} and OUT/run.json.
Re-runs are incremental: unchanged inputs are not read again. Prints nothing
unless something is wrong. Exit codes: 0 all inputs read; 1 some inputs or
lines skipped (see OUT/diagnostics.csv); 2 fatal error or OUT locked by
another run; 130 interrupted.")]
    Run(RunArgs),

    /// Score entity extraction against a gold-annotated JSONL file.
    #[command(after_help = "\
Gold format: one document a line, {\"id\", \"text\", \"entities\": [{\"start\", \"end\", \"type\"}]}
with Unicode code-point offsets into `text`. Scoring: types folded (PERSON->PER;
GPE, LOC, FAC->LOC), gold spans nested in a longer gold span dropped, exact =
same span and type, partial = overlap and same type; micro-F1 over PER, ORG, LOC.

Examples:
  newsrake eval tests/eval/mini-gold.jsonl
  newsrake eval gold.jsonl --json > scores.json")]
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The gold JSONL file.
    #[arg(value_name = "GOLD")]
    gold: PathBuf,

    /// Print the scores as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let report = newsrake_pipeline::eval::evaluate(&args.gold).map_err(anyhow::Error::msg)?;
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{}", report.table())?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LogFormat {
    /// One plain line per message.
    Text,
    /// One JSON object per message: {"level", "message", ...}.
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum WorkbookArg {
    /// When every table fits on one worksheet.
    Auto,
    /// Always (long tables continue on more sheets).
    Always,
    /// Never.
    Never,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// Files or directories to read (.txt: one article per file; .jsonl and
    /// .jsonl.gz: one article per line), or `-` for JSONL on stdin.
    /// Directories are walked recursively in sorted path order.
    #[arg(value_name = "INPUT", default_value = "seeds")]
    inputs: Vec<String>,

    /// Directory the tables are written to (created if missing). A run
    /// publishes a complete new set of tables at once, only when it succeeds.
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Worker threads (default: one per core). The tables are identical for
    /// any value.
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    jobs: usize,

    /// Rebuild every table from all inputs, ignoring the previous run's
    /// state. Without it, unchanged inputs are not read again and new inputs
    /// that sort after the old ones are appended.
    #[arg(long)]
    full: bool,

    /// Skip extraction: read, deduplicate and write the articles, paragraphs
    /// and diagnostics tables only (mentions, entities and roles stay empty).
    /// The fast path for pure deduplication.
    #[arg(long)]
    no_extract: bool,

    /// When to write `newsrake.xlsx` (the workbook: every table as a
    /// sheet). `auto`: when every table fits on one worksheet (1,048,575
    /// rows); past that, run.json says why it was not written. The workbook
    /// is rebuilt from all the tables on every run that changes them.
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = WorkbookArg::Auto)]
    workbook: WorkbookArg,

    /// Same as `--workbook never`.
    #[arg(long, conflicts_with = "workbook")]
    no_workbook: bool,

    /// Row limit of `--workbook auto` (for tests).
    #[arg(long, hide = true, value_name = "ROWS")]
    workbook_row_limit: Option<u64>,

    /// Do not write `report.html` (the run report).
    #[arg(long)]
    no_report: bool,

    /// Start CSV files without the UTF-8 byte order mark. The mark makes
    /// Excel and LibreOffice read the CSV as UTF-8 when double-clicked;
    /// pandas, DuckDB and R skip it, Python's `csv` module wants
    /// `encoding="utf-8-sig"`.
    #[arg(long)]
    no_csv_bom: bool,

    /// Skip (with a `too-large` diagnostic) any article, .txt file or JSONL
    /// line, larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    max_article_mb: usize,

    /// Input bytes per batch (memory vs. parallelism; tables are identical
    /// for any value). For tests and tuning.
    #[arg(long, value_name = "BYTES", hide = true)]
    batch_bytes: Option<usize>,

    /// Print nothing but fatal errors: no progress bar, no summary of
    /// skipped inputs (the exit code still says 1).
    #[arg(long, short)]
    quiet: bool,

    /// How messages on stderr are written: `text`, or `json` (one object a
    /// line) for log collectors. A progress bar is shown only for `text` on
    /// a terminal.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    log_format: LogFormat,
}

/// Writes messages to stderr in the chosen format.
struct Log {
    format: LogFormat,
    quiet: bool,
}

impl Log {
    fn emit(&self, level: &str, message: &str, extra: Option<serde_json::Value>) {
        if self.quiet && level != "error" {
            return;
        }
        let mut err = io::stderr().lock();
        let _ = match self.format {
            LogFormat::Text if level == "error" => writeln!(err, "error: {message}"),
            LogFormat::Text => writeln!(err, "newsrake: {message}"),
            LogFormat::Json => {
                let mut obj = serde_json::json!({ "level": level, "message": message });
                if let (Some(serde_json::Value::Object(extra)), Some(o)) =
                    (extra, obj.as_object_mut())
                {
                    o.extend(extra);
                }
                writeln!(err, "{obj}")
            }
        };
    }
}

/// A terminal progress bar with articles/s and MB/s.
struct Bar {
    bar: indicatif::ProgressBar,
    articles: std::sync::atomic::AtomicU64,
    started: std::time::Instant,
}

impl newsrake_pipeline::Progress for Bar {
    fn start(&self, total_bytes: u64) {
        self.bar.set_length(total_bytes);
    }

    fn advance(&self, bytes: u64, articles: u64) {
        use std::sync::atomic::Ordering;
        let n = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        self.bar.inc(bytes);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{n} articles, {:.0} articles/s, {:.1} MB/s",
            n as f64 / secs,
            self.bar.position() as f64 / 1e6 / secs
        ));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn run(args: RunArgs, interrupt: Arc<AtomicBool>) -> anyhow::Result<ExitCode> {
    let log = Log {
        format: args.log_format,
        quiet: args.quiet,
    };
    let inputs = args.inputs.iter().map(|s| Input::parse(s)).collect();
    let mut cfg = Config::new(inputs, args.out.clone());
    cfg.jobs = args.jobs;
    cfg.full = args.full;
    cfg.extract = !args.no_extract;
    cfg.output = newsrake_pipeline::OutputOptions {
        csv_bom: !args.no_csv_bom,
        workbook: match (args.no_workbook, args.workbook) {
            (true, _) | (false, WorkbookArg::Never) => Workbook::Never,
            (false, WorkbookArg::Auto) => Workbook::Auto,
            (false, WorkbookArg::Always) => Workbook::Always,
        },
        report: !args.no_report,
    };
    cfg.max_article_bytes = args.max_article_mb.max(1) << 20;
    cfg.interrupt = interrupt;
    if let Some(n) = args.workbook_row_limit {
        cfg.workbook_row_limit = n;
    }
    if let Some(b) = args.batch_bytes {
        cfg.batch_bytes = b.max(1);
    }
    if !args.quiet && args.log_format == LogFormat::Text && io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {msg} ({elapsed})",
            )
            .expect("valid template"),
        );
        cfg.progress = Some(Arc::new(Bar {
            bar,
            articles: Default::default(),
            started: std::time::Instant::now(),
        }));
    }
    let outcome = newsrake_pipeline::run(&cfg)?;
    for note in &outcome.notes {
        log.emit("warning", note, None);
    }
    let report = &outcome.report;
    if outcome.exit_code == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    let skipped = report.skipped();
    let reasons: Vec<String> = report
        .inputs
        .skipped_by_reason
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    let diagnostics = args.out.join("diagnostics.csv");
    log.emit(
        "warning",
        &format!(
            "{skipped} input(s) or line(s) skipped ({}); see {}",
            reasons.join(", "),
            diagnostics.display()
        ),
        Some(serde_json::json!({
            "skipped": skipped,
            "skipped_by_reason": report.inputs.skipped_by_reason,
            "diagnostics": diagnostics.display().to_string(),
        })),
    );
    Ok(ExitCode::from(outcome.exit_code))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // SIGINT/SIGTERM set a flag: the run stops at the next batch and leaves
    // the previous tables in place. A second signal ends the process at once.
    let interrupt = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(&interrupt));
        let _ = signal_hook::flag::register(sig, Arc::clone(&interrupt));
    }
    let (result, log_format) = match cli.command {
        Command::Eval(args) => (eval(args), LogFormat::Text),
        Command::Run(args) => {
            let format = args.log_format;
            (run(args, interrupt), format)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(e) = err.downcast_ref::<io::Error>() {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            let interrupted = matches!(
                err.downcast_ref::<newsrake_pipeline::Error>(),
                Some(newsrake_pipeline::Error::Interrupted)
            );
            Log {
                format: log_format,
                quiet: false,
            }
            .emit("error", &format!("{err:#}"), None);
            ExitCode::from(if interrupted { 130 } else { 2 })
        }
    }
}
