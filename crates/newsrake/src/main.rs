//! The `newsrake` command: clap arguments → pipeline config → exit code.
//!
//! Exit codes: 0 every input was read; 1 some inputs or lines were skipped
//! (the `diagnostics` table says which); 2 fatal (nothing written, previous
//! tables left as they were), with a one-line `error:` message on stderr.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use newsrake_ingest::Input;
use newsrake_pipeline::Config;

const AFTER_HELP: &str = "\
Examples:
  newsrake run                          # seeds/ -> output/
  newsrake run articles/ --out tables   # a folder of .txt/.jsonl files
  zcat feed.jsonl.gz | newsrake run -   # JSONL on stdin

Exit codes: 0 all inputs read; 1 some inputs or lines skipped (see
OUT/diagnostics.csv); 2 fatal error (nothing written).";

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

Writes OUT/{articles,paragraphs,diagnostics}.{csv,jsonl} and OUT/run.json.
Prints nothing unless something is wrong. Exit codes: 0 all inputs read;
1 some inputs or lines skipped (see OUT/diagnostics.csv); 2 fatal error.")]
    Run(RunArgs),
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// Files or directories to read (.txt: one article per file; .jsonl and
    /// .jsonl.gz: one article per line), or `-` for JSONL on stdin.
    /// Directories are walked recursively in sorted path order.
    #[arg(value_name = "INPUT", default_value = "seeds")]
    inputs: Vec<String>,

    /// Directory the tables are written to (created if missing). Tables are
    /// replaced only when the run succeeds.
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Worker threads (default: one per core). The tables are identical for
    /// any value.
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    jobs: usize,

    /// Input bytes per batch (memory vs. parallelism; tables are identical
    /// for any value). For tests and tuning.
    #[arg(long, value_name = "BYTES", hide = true)]
    batch_bytes: Option<usize>,

    /// Print nothing, not even the summary of skipped inputs (errors still
    /// go to stderr).
    #[arg(long, short)]
    quiet: bool,
}

fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let inputs = args.inputs.iter().map(|s| Input::parse(s)).collect();
    let mut cfg = Config::new(inputs, args.out.clone());
    cfg.jobs = args.jobs;
    if let Some(b) = args.batch_bytes {
        cfg.batch_bytes = b.max(1);
    }
    let report = newsrake_pipeline::run(&cfg)?;
    let skipped = report.skipped();
    if skipped == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    if !args.quiet {
        let reasons: Vec<String> = report
            .inputs
            .skipped_by_reason
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        let _ = writeln!(
            io::stderr(),
            "newsrake: {skipped} input(s) or line(s) skipped ({}); see {}",
            reasons.join(", "),
            args.out.join("diagnostics.csv").display()
        );
    }
    Ok(ExitCode::from(1))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(e) = err.downcast_ref::<io::Error>() {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            let _ = writeln!(io::stderr(), "error: {err:#}");
            ExitCode::from(2)
        }
    }
}
