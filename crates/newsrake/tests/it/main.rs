//! newsrake's integration tests: one binary, run against the built
//! `newsrake` executable on real files.
//!
//! - `golden`: `tests/golden/<case>/in/` → `out/`, byte for byte
//!   (`UPDATE_GOLDEN=1` rewrites `out/`).
//! - `determinism`: `--jobs 1` vs `--jobs 4` (and tiny batches): identical tables.
//! - `cli`: help, exit codes, stdin, fatal errors.
//! - `bad_inputs`: what hostile files turn into.

mod bad_inputs;
mod cli;
mod determinism;
mod golden;
mod hostile;
mod incremental;
mod seed;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The table files every run writes.
pub const TABLE_FILES: &[&str] = &[
    "articles.csv",
    "articles.jsonl",
    "paragraphs.csv",
    "paragraphs.jsonl",
    "mentions.csv",
    "mentions.jsonl",
    "entities.csv",
    "entities.jsonl",
    "roles.csv",
    "roles.jsonl",
    "quotes.csv",
    "quotes.jsonl",
    "counts.csv",
    "counts.jsonl",
    "events.csv",
    "events.jsonl",
    "diagnostics.csv",
    "diagnostics.jsonl",
    "newsrake.xlsx",
    "report.html",
];

/// Run `newsrake` with `args` in `cwd`.
pub fn newsrake(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsrake"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("newsrake runs")
}

/// The rows of a JSONL table.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `run.json` without what varies between runs (the `run` section: mode,
/// duration, thread count).
pub fn stable_run_json(out: &Path) -> String {
    let body = std::fs::read_to_string(out.join("run.json")).expect("run.json written");
    let mut v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.remove("run");
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}
