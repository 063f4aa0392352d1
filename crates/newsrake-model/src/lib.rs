//! Record types shared by every newsrake stage.
//!
//! Stage crates (ingest, dedup, extract, export) depend on this crate and on
//! nothing else of newsrake's, so they stay siblings: the pipeline crate is the
//! only one that wires them together.
//!
//! Key types: [`Article`] (an ingested article with its paragraph spans),
//! [`Paragraph`], [`Diagnostic`] (a per-input problem that did not stop the
//! run) and [`Level`].
//!
//! ```
//! use newsrake_model::{Article, Paragraph};
//! let text = "First.\nSecond.".to_string();
//! let a = Article::new("a.txt", "seeds/a.txt", None, text, vec![
//!     Paragraph { start: 0, end: 6 },
//!     Paragraph { start: 7, end: 14 },
//! ]);
//! assert_eq!(a.paragraph_text(1), "Second.");
//! ```

use std::fmt;

use serde::Serialize;

/// A paragraph: a byte range into [`Article::text`], plus the text it stands
/// for when that differs from the range (hard-wrapped lines joined with single
/// spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of the first character in the article text.
    pub start: usize,
    /// Byte offset one past the last character in the article text.
    pub end: usize,
}

/// Optional metadata carried by a JSONL article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// One ingested article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Stable id: the JSONL `id`, or the path relative to the input root
    /// (plus `#line` for JSONL).
    pub id: String,
    /// The path the article was read from, as given on the command line
    /// joined with the walked path (`-` for stdin).
    pub source_path: String,
    /// 1-based line number for JSONL articles.
    pub line: Option<u64>,
    pub meta: Meta,
    /// The article text as ingested: decoded, BOM removed, CRLF/CR as LF.
    pub text: String,
    /// Paragraph spans in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// The paragraph texts, in the same order as `paragraphs`. Equal to the
    /// span's text except for hard-wrapped blocks, whose lines are joined
    /// with single spaces.
    pub paragraph_texts: Vec<Option<String>>,
}

impl Article {
    /// An article whose paragraph texts are exactly their spans.
    pub fn new(
        id: impl Into<String>,
        source_path: impl Into<String>,
        line: Option<u64>,
        text: String,
        paragraphs: Vec<Paragraph>,
    ) -> Article {
        let n = paragraphs.len();
        Article {
            id: id.into(),
            source_path: source_path.into(),
            line,
            meta: Meta::default(),
            text,
            paragraphs,
            paragraph_texts: vec![None; n],
        }
    }

    /// The text of paragraph `i` (joined, for hard-wrapped blocks).
    pub fn paragraph_text(&self, i: usize) -> &str {
        match &self.paragraph_texts[i] {
            Some(joined) => joined,
            None => {
                let p = &self.paragraphs[i];
                &self.text[p.start..p.end]
            }
        }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A file that is not an article (README, LICENSE, a hidden file) was
    /// passed over by design.
    Info,
    /// Something was read in a way the user may not expect (e.g. decoded as
    /// Windows-1252); nothing was lost.
    Warning,
    /// An input file or line was skipped.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// A problem with one input that did not stop the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: Option<u64>,
    pub article_id: Option<String>,
    pub level: Level,
    /// A stable, machine-readable code such as `binary-file`.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about a whole file or one of its lines.
    pub fn new(
        path: impl Into<String>,
        line: Option<u64>,
        level: Level,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            article_id: None,
            level,
            code,
            message: message.into(),
        }
    }

    /// Attach the id of the article the diagnostic is about.
    pub fn with_article(mut self, id: impl Into<String>) -> Diagnostic {
        self.article_id = Some(id.into());
        self
    }

    /// True when the diagnostic means an input or line was skipped.
    pub fn is_skip(&self) -> bool {
        self.level == Level::Error
    }
}
