//! Quotes, counts and events on the team's real-world style sentences
//! (`tests/facts/cases.txt`): every expected row, and no other.

use newsrake_extract::facts::extract_facts;
use newsrake_extract::{extract, ArticleRef, ParagraphRef};

struct Case {
    name: String,
    paragraphs: Vec<String>,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let data = include_str!("facts/cases.txt");
    let mut out: Vec<Case> = Vec::new();
    for line in data.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            out.push(Case {
                name: name.to_string(),
                paragraphs: Vec::new(),
                expected: Vec::new(),
            });
        } else if let Some(p) = line.strip_prefix("| ") {
            out.last_mut().unwrap().paragraphs.push(p.to_string());
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            out.last_mut()
                .unwrap()
                .expected
                .push(line.trim().to_string());
        }
    }
    out
}

fn render(paragraphs: &[String]) -> Vec<String> {
    let text = paragraphs.join("\n");
    let mut paras = Vec::new();
    let mut off = 0;
    for p in paragraphs {
        paras.push(ParagraphRef {
            start: off,
            end: off + p.len(),
            original: true,
        });
        off += p.len() + 1;
    }
    let a = ArticleRef {
        text: &text,
        paragraphs: &paras,
        published: None,
    };
    let x = extract(&a);
    let f = extract_facts(&a, &x);
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let mut rows = Vec::new();
    for q in &f.quotes {
        rows.push(format!(
            "quote: {} / {} / {} / {}",
            q.text,
            dash(&q.speaker),
            dash(&q.cue),
            q.kind
        ));
    }
    for c in &f.counts {
        let mut n = c.number.to_string();
        if let Some(m) = c.number_max {
            n += &format!("-{m}");
        }
        if c.lower_bound {
            n += " lb";
        }
        if c.approximate {
            n += " approx";
        }
        rows.push(format!(
            "count: {} {n} @{}",
            c.kind,
            dash(&c.place_entity_id)
        ));
    }
    for e in &f.events {
        let fat = e.fatalities.map_or("-".to_string(), |n| n.to_string());
        rows.push(format!(
            "event: {} @{} fat={fat}",
            e.event_type,
            dash(&e.place_entity_id)
        ));
    }
    rows
}

#[test]
fn facts_cases() {
    let cases = cases();
    let n_sentences: usize = cases.iter().map(|c| c.paragraphs.len()).sum();
    assert!(n_sentences >= 40, "{n_sentences} paragraphs of test text");
    let mut failures = Vec::new();
    for case in &cases {
        let got = render(&case.paragraphs);
        if got != case.expected {
            failures.push(format!(
                "## {}\n  expected:\n    {}\n  got:\n    {}",
                case.name,
                case.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
