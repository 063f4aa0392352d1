//! `newsrake eval`: score extraction against a gold-annotated JSONL file
//! (`{"id", "text", "entities": [{"start", "end", "type"}]}`, code-point
//! offsets) with the scoring rules of `newsrake_extract::eval`: types folded
//! (PERSON→PER; GPE, LOC, FAC→LOC), gold spans nested in a longer gold span
//! dropped, exact = same span and type, partial = overlap and same type,
//! micro-F1 over PER, ORG, LOC.
//!
//! Each document goes through the same ingest (paragraph split), dedup
//! (within the document) and extraction as in `newsrake run`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use newsrake_extract::eval::{micro, score_doc, Counts, Span};
use newsrake_extract::{ArticleRef, ParagraphRef};
use newsrake_ingest::{Source, SourceKind};
use serde::Serialize;

/// Precision, recall and F1 for one type, exact and partial.
#[derive(Clone, Debug, Serialize)]
pub struct TypeScore {
    pub gold: usize,
    pub predicted: usize,
    pub exact_tp: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub partial_precision: f64,
    pub partial_recall: f64,
    pub partial_f1: f64,
}

impl From<&Counts> for TypeScore {
    fn from(c: &Counts) -> TypeScore {
        let (p, r, f) = c.prf();
        let (pp, pr, pf) = c.prf_partial();
        TypeScore {
            gold: c.n_gold,
            predicted: c.n_pred,
            exact_tp: c.tp,
            precision: p,
            recall: r,
            f1: f,
            partial_precision: pp,
            partial_recall: pr,
            partial_f1: pf,
        }
    }
}

/// Quote scores: spans match when they overlap (gold spans may include the
/// quote marks, newsrake's never do); speakers match when the gold speaker
/// and newsrake's speaker name are equal ignoring case, or one contains the
/// other.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteScore {
    pub gold: usize,
    pub predicted: usize,
    /// Predicted quotes overlapping a gold quote.
    pub matched_predicted: usize,
    /// Gold quotes overlapped by a predicted quote.
    pub matched_gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Matched gold quotes that name a speaker.
    pub gold_with_speaker: usize,
    /// ... whose speaker newsrake found.
    pub speaker_correct: usize,
    pub speaker_accuracy: f64,
}

/// The scores of one gold file.
#[derive(Clone, Debug, Serialize)]
pub struct EvalReport {
    pub documents: usize,
    /// Present when the gold file carries `quotes`.
    pub quotes: Option<QuoteScore>,
    /// Per folded type (PER, ORG, LOC, NORP, DATE).
    pub types: BTreeMap<String, TypeScore>,
    /// Micro average over PER, ORG, LOC.
    pub micro: TypeScore,
    /// Extraction throughput over the file's text (MB/s, one thread).
    pub extract_mb_per_s: f64,
}

/// Score extraction on a gold JSONL file. Lines that cannot be read are
/// reported as errors.
pub fn evaluate(path: &Path) -> Result<EvalReport, String> {
    let f =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let src = Source {
        path: path.to_path_buf(),
        display: path.display().to_string(),
        rel: path.display().to_string(),
        kind: SourceKind::Jsonl,
        stat: None,
    };
    let mut total: BTreeMap<String, Counts> = BTreeMap::new();
    let mut documents = 0;
    let mut bytes = 0usize;
    let mut extract_secs = 0f64;
    let mut quotes: Option<QuoteScore> = None;
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let gold_doc: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let gold: Vec<Span> = gold_doc["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| Span {
                        start: e["start"].as_u64().unwrap_or(0) as usize,
                        end: e["end"].as_u64().unwrap_or(0) as usize,
                        kind: e["type"].as_str().unwrap_or("").to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (article, _) =
            match newsrake_ingest::parse_jsonl_line(&src, i as u64 + 1, line.as_bytes()) {
                Ok(a) => a,
                Err(d) if d.code == "empty-text" => continue,
                Err(d) => return Err(format!("line {}: {}", i + 1, d.message)),
            };
        documents += 1;
        bytes += article.text.len();
        // Within-document dedup, as in a run.
        let mut seen = std::collections::HashSet::new();
        let paragraphs: Vec<ParagraphRef> = (0..article.paragraphs.len())
            .map(|k| {
                let p = &article.paragraphs[k];
                let original =
                    seen.insert(newsrake_dedup::paragraph_hash(article.paragraph_text(k)));
                ParagraphRef {
                    start: p.start,
                    end: p.end,
                    original,
                }
            })
            .collect();
        let started = Instant::now();
        let x = newsrake_extract::extract(&ArticleRef {
            text: &article.text,
            paragraphs: &paragraphs,
            published: article.meta.published.as_deref(),
        });
        extract_secs += started.elapsed().as_secs_f64();
        let cp = code_points(&article.text);
        let pred: Vec<Span> = x
            .mentions
            .iter()
            .map(|m| Span {
                start: cp[m.start],
                end: cp[m.end],
                kind: m.kind.as_str().to_string(),
            })
            .collect();
        for (k, c) in score_doc(&gold, &pred) {
            total.entry(k).or_default().add(&c);
        }
        if let Some(gq) = gold_doc["quotes"].as_array() {
            let facts = newsrake_extract::facts::extract_facts(
                &ArticleRef {
                    text: &article.text,
                    paragraphs: &paragraphs,
                    published: None,
                },
                &x,
            );
            let q = quotes.get_or_insert_with(QuoteScore::default);
            let spans: Vec<(usize, usize, String)> = facts
                .quotes
                .iter()
                .map(|p| (cp[p.start], cp[p.end], p.speaker.to_lowercase()))
                .collect();
            let overlaps = |a: usize, b: usize, c: usize, d: usize| a < d && c < b;
            q.predicted += spans.len();
            let gold_spans: Vec<(usize, usize, String)> = gq
                .iter()
                .map(|g| {
                    let speaker = g["speaker"].as_str().unwrap_or("").to_lowercase();
                    (
                        g["start"].as_u64().unwrap_or(0) as usize,
                        g["end"].as_u64().unwrap_or(0) as usize,
                        speaker,
                    )
                })
                .collect();
            q.gold += gold_spans.len();
            q.matched_predicted += spans
                .iter()
                .filter(|p| gold_spans.iter().any(|g| overlaps(p.0, p.1, g.0, g.1)))
                .count();
            for g in &gold_spans {
                let hit = spans.iter().find(|p| overlaps(p.0, p.1, g.0, g.1));
                if hit.is_none() {
                    continue;
                }
                q.matched_gold += 1;
                if !g.2.is_empty() {
                    q.gold_with_speaker += 1;
                    let sp = &hit.expect("checked").2;
                    if !sp.is_empty() && (sp.contains(g.2.as_str()) || g.2.contains(sp.as_str())) {
                        q.speaker_correct += 1;
                    }
                }
            }
        }
    }
    if let Some(q) = quotes.as_mut() {
        q.precision = ratio(q.matched_predicted, q.predicted);
        q.recall = ratio(q.matched_gold, q.gold);
        q.f1 = if q.precision + q.recall > 0.0 {
            2.0 * q.precision * q.recall / (q.precision + q.recall)
        } else {
            0.0
        };
        q.speaker_accuracy = ratio(q.speaker_correct, q.gold_with_speaker);
    }
    Ok(EvalReport {
        documents,
        quotes,
        micro: TypeScore::from(&micro(&total)),
        types: total
            .iter()
            .map(|(k, c)| (k.clone(), TypeScore::from(c)))
            .collect(),
        extract_mb_per_s: bytes as f64 / 1e6 / extract_secs.max(1e-9),
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Code-point offset of every byte offset (char boundaries) of `text`.
fn code_points(text: &str) -> Vec<usize> {
    let mut cp = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (i, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            cp[i + k] = n;
        }
        n += 1;
    }
    cp[text.len()] = n;
    cp
}

impl EvalReport {
    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<22} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>10}\n",
            "type", "gold", "pred", "exact", "P", "R", "F1", "partial F1"
        );
        let row = |name: &str, t: &TypeScore| {
            format!(
                "{:<22} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>10.3}\n",
                name, t.gold, t.predicted, t.exact_tp, t.precision, t.recall, t.f1, t.partial_f1
            )
        };
        for (k, t) in &self.types {
            s += &row(k, t);
        }
        s += &row("micro (PER, ORG, LOC)", &self.micro);
        if let Some(q) = &self.quotes {
            s += &format!(
                "quotes: gold {} predicted {} P {:.3} R {:.3} F1 {:.3}; speakers {}/{} = {:.3}\n",
                q.gold,
                q.predicted,
                q.precision,
                q.recall,
                q.f1,
                q.speaker_correct,
                q.gold_with_speaker,
                q.speaker_accuracy
            );
        }
        s += &format!("documents: {}\n", self.documents);
        s
    }
}
