//! `run.json`: what happened to every input, and how long it took.

use std::collections::BTreeMap;

use serde::Serialize;

/// Input accounting.
#[derive(Clone, Debug, Default, Serialize)]
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

/// The contents of `run.json`.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    pub version: &'static str,
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
    pub jobs: usize,
    pub duration_ms: u64,
}

impl RunReport {
    pub(crate) fn new(jobs: usize) -> RunReport {
        RunReport {
            version: env!("CARGO_PKG_VERSION"),
            inputs: Inputs::default(),
            articles: 0,
            paragraphs: 0,
            paragraphs_original: 0,
            paragraphs_duplicate: 0,
            unique_keys: 0,
            warnings: 0,
            tables: BTreeMap::new(),
            jobs,
            duration_ms: 0,
        }
    }

    /// Files and lines skipped, all reasons together.
    pub fn skipped(&self) -> u64 {
        self.inputs.skipped_by_reason.values().sum()
    }
}
