//! Scoring of predicted entity spans against gold spans (pure; backs `newsrake eval`).
//!
//! Rules (see shared/data/ner-dev/README.md): types folded PERSON→PER, GPE/LOC/FAC→LOC; gold spans
//! nested inside a longer gold span are dropped; exact = same span and type; partial = any overlap
//! and same type; micro-F1 over PER, ORG, LOC. Offsets are whatever unit the caller uses
//! consistently (the eval binary uses Unicode code points).

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// Fold a type name to the scoring set; None = not scored.
pub fn fold_type(t: &str) -> Option<&'static str> {
    Some(match t {
        "PER" | "PERSON" => "PER",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOC",
        "NORP" => "NORP",
        "DATE" => "DATE",
        _ => return None,
    })
}

pub const MICRO_TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub n_pred: usize,
    pub n_gold: usize,
    /// predictions overlapping a same-type gold span
    pub ptp_pred: usize,
    /// gold spans overlapped by a same-type prediction
    pub ptp_gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.n_pred += o.n_pred;
        self.n_gold += o.n_gold;
        self.ptp_pred += o.ptp_pred;
        self.ptp_gold += o.ptp_gold;
    }
    pub fn prf(&self) -> (f64, f64, f64) {
        prf(self.tp, self.n_pred, self.tp, self.n_gold)
    }
    pub fn prf_partial(&self) -> (f64, f64, f64) {
        prf(self.ptp_pred, self.n_pred, self.ptp_gold, self.n_gold)
    }
}

fn prf(tp_p: usize, np: usize, tp_g: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np == 0 {
        0.0
    } else {
        tp_p as f64 / np as f64
    };
    let r = if ng == 0 {
        0.0
    } else {
        tp_g as f64 / ng as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Fold types and drop gold spans nested inside a longer gold span.
pub fn prepare_gold(gold: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        let nested = gold.iter().enumerate().any(|(j, o)| {
            j != i && o.start <= g.start && g.end <= o.end && (o.end - o.start) > (g.end - g.start)
        });
        if nested {
            continue;
        }
        if let Some(t) = fold_type(&g.kind) {
            let s = Span {
                start: g.start,
                end: g.end,
                kind: t.to_string(),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Score one document: per folded type counts.
pub fn score_doc(gold: &[Span], pred: &[Span]) -> BTreeMap<String, Counts> {
    let gold = prepare_gold(gold);
    let mut pr: Vec<Span> = Vec::new();
    for p in pred {
        if let Some(t) = fold_type(&p.kind) {
            let s = Span {
                start: p.start,
                end: p.end,
                kind: t.to_string(),
            };
            if !pr.contains(&s) {
                pr.push(s);
            }
        }
    }
    let mut m: BTreeMap<String, Counts> = BTreeMap::new();
    for g in &gold {
        let c = m.entry(g.kind.clone()).or_default();
        c.n_gold += 1;
        if pr
            .iter()
            .any(|p| p.kind == g.kind && p.start < g.end && g.start < p.end)
        {
            c.ptp_gold += 1;
        }
    }
    for p in &pr {
        let c = m.entry(p.kind.clone()).or_default();
        c.n_pred += 1;
        if gold.iter().any(|g| g == p) {
            c.tp += 1;
        }
        if gold
            .iter()
            .any(|g| p.kind == g.kind && p.start < g.end && g.start < p.end)
        {
            c.ptp_pred += 1;
        }
    }
    m
}

/// Micro-average over PER, ORG, LOC.
pub fn micro(m: &BTreeMap<String, Counts>) -> Counts {
    let mut c = Counts::default();
    for t in MICRO_TYPES {
        if let Some(x) = m.get(t) {
            c.add(x);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    fn s(a: usize, b: usize, k: &str) -> Span {
        Span {
            start: a,
            end: b,
            kind: k.into(),
        }
    }
    #[test]
    fn nested_dropped_and_folded() {
        let gold = vec![s(0, 10, "PER"), s(6, 10, "GPE"), s(20, 25, "FAC")];
        let pred = vec![s(0, 10, "PER"), s(20, 24, "GPE")];
        let m = score_doc(&gold, &pred);
        assert_eq!(m["PER"].tp, 1);
        assert_eq!(m["LOC"].n_gold, 1);
        assert_eq!(m["LOC"].tp, 0);
        assert_eq!(m["LOC"].ptp_pred, 1);
        let mi = micro(&m);
        assert_eq!((mi.tp, mi.n_pred, mi.n_gold), (1, 2, 2));
    }
}
