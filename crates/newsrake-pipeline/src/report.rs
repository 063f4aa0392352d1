//! `run.json`: what happened to every input, and how long it took.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Input accounting (cumulative over the inputs the tables were made from).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Inputs {
    /// Files (and stdin) found by walking the inputs.
    pub files_seen: u64,
    /// `.txt` files that became an article, and JSONL files opened.
    pub files_read: u64,
    /// Files skipped as a whole (unsupported, binary, empty, unreadable).
    pub files_skipped: u64,
    /// Files passed over by design (hidden, README, LICENSE...): an `info`
    /// row each in `diagnostics`.
    pub not_articles: u64,
    /// JSONL lines that became an article.
    pub lines_read: u64,
    /// JSONL lines skipped (broken JSON, no `text`, ...).
    pub lines_skipped: u64,
    /// Skipped files and lines by diagnostic code.
    pub skipped_by_reason: BTreeMap<String, u64>,
}

/// What this particular run did (the only part of `run.json` that differs
/// between an incremental run and a full rebuild over the same inputs).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RunInfo {
    /// `full`, `append` or `unchanged`.
    pub mode: String,
    /// Why a full rebuild was done (empty otherwise).
    pub reason: String,
    /// Inputs whose fingerprint matched the previous run and were not read.
    pub files_unchanged: u64,
    /// Inputs read by this run.
    pub files_processed: u64,
    pub jobs: usize,
    pub duration_ms: u64,
}

/// The contents of `run.json`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RunReport {
    pub version: String,
    pub inputs: Inputs,
    pub articles: u64,
    pub paragraphs: u64,
    pub paragraphs_original: u64,
    pub paragraphs_duplicate: u64,
    /// Distinct dedup keys held in the index at the end of the run.
    pub unique_keys: u64,
    /// Warnings (nothing lost) in `diagnostics`.
    pub warnings: u64,
    /// Rows written per table.
    pub tables: BTreeMap<String, u64>,
    /// `newsrake.xlsx`: "written", or why not.
    pub workbook: String,
    pub run: RunInfo,
}

impl RunReport {
    pub(crate) fn new() -> RunReport {
        RunReport {
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..RunReport::default()
        }
    }

    /// Files and lines skipped, all reasons together.
    pub fn skipped(&self) -> u64 {
        self.inputs.skipped_by_reason.values().sum()
    }

    /// The exit code these tables call for: 1 when anything was skipped.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.skipped() > 0)
    }
}
