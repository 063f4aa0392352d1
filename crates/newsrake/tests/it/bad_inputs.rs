//! Hostile and broken inputs: each becomes rows or a diagnostic, never a
//! panic, and every input file is accounted for in `run.json`.

use std::collections::BTreeMap;
use std::fs;

use crate::{jsonl, newsrake, root};

fn run_bad_inputs() -> (tempfile::TempDir, std::process::Output) {
    let tmp = tempfile::tempdir().unwrap();
    let input = root().join("tests/golden/bad-inputs/in");
    let run = newsrake(
        &root(),
        &[
            "run",
            input.to_str().unwrap(),
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    (tmp, run)
}

#[test]
fn every_input_is_accounted_for() {
    let (tmp, run) = run_bad_inputs();
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("run.json")).unwrap()).unwrap();
    let inputs = &report["inputs"];
    let n = |k: &str| inputs[k].as_u64().unwrap();
    let files_on_disk = fs::read_dir(root().join("tests/golden/bad-inputs/in"))
        .unwrap()
        .count() as u64;
    assert_eq!(n("files_seen"), files_on_disk);
    assert_eq!(
        n("files_seen"),
        n("files_read") + n("files_skipped") + n("not_articles")
    );
    let by_reason: BTreeMap<String, u64> =
        serde_json::from_value(inputs["skipped_by_reason"].clone()).unwrap();
    let skipped: u64 = by_reason.values().sum();
    let diags = jsonl(&tmp.path().join("diagnostics.jsonl"));
    let errors = diags.iter().filter(|d| d["level"] == "error").count() as u64;
    assert_eq!(skipped, errors, "one error row per skipped file or line");
    for code in [
        "binary-file",
        "empty-text",
        "invalid-json",
        "missing-text",
        "not-an-object",
        "unsupported-extension",
        "bad-gzip",
        "blank-line",
    ] {
        assert!(by_reason.contains_key(code), "no {code} in {by_reason:?}");
    }
}

#[test]
fn broken_jsonl_keeps_good_lines() {
    let (tmp, _) = run_bad_inputs();
    let articles = jsonl(&tmp.path().join("articles.jsonl"));
    let from_broken: Vec<(String, u64)> = articles
        .iter()
        .filter(|a| a["source_path"].as_str().unwrap().ends_with("broken.jsonl"))
        .map(|a| {
            (
                a["article_id"].as_str().unwrap().to_string(),
                a["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        from_broken,
        [("ok-1".to_string(), 1), ("ok-4".to_string(), 4)]
    );
    let diags = jsonl(&tmp.path().join("diagnostics.jsonl"));
    let broken: Vec<(u64, &str)> = diags
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("broken.jsonl"))
        .map(|d| (d["line"].as_u64().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(broken, [(2, "invalid-json"), (3, "missing-text")]);
}

#[test]
fn encodings_are_decoded_to_the_same_text() {
    let (tmp, _) = run_bad_inputs();
    let paragraphs = jsonl(&tmp.path().join("paragraphs.jsonl"));
    let text_of = |id: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|p| p["article_id"] == id)
            .map(|p| p["text"].as_str().unwrap().to_string())
            .collect()
    };
    let line = "Ukraine\u{2019}s foreign minister met envoys in London.";
    assert_eq!(text_of("bom.txt"), [line]);
    assert_eq!(text_of("utf16le.txt"), [line, "Second line."]);
    assert_eq!(text_of("utf16be.txt"), [line, "Second line."]);
    assert_eq!(
        text_of("cp1252.txt"),
        ["Ukraine\u{2019}s caf\u{e9} \u{201c}quoted\u{201d} \u{2014} dash."]
    );
    assert_eq!(
        text_of("crlf.txt"),
        [
            "First paragraph.",
            "Second paragraph.",
            "Third, after a CR only.",
            "Fourth."
        ]
    );
    assert_eq!(text_of("gz-1"), ["From a gzipped feed."]);
    // The same sentence in three encodings is one original and two duplicates.
    let dup_of: Vec<&serde_json::Value> = paragraphs
        .iter()
        .filter(|p| p["text"] == line)
        .map(|p| &p["duplicate_of_article"])
        .collect();
    assert_eq!(
        dup_of,
        [
            &serde_json::Value::Null,
            &serde_json::json!("bom.txt"),
            &serde_json::json!("bom.txt")
        ]
    );
}

#[test]
fn repeated_ids_get_a_suffix_and_a_diagnostic() {
    let (tmp, _) = run_bad_inputs();
    let articles = jsonl(&tmp.path().join("articles.jsonl"));
    let ids: Vec<&str> = articles
        .iter()
        .map(|a| a["article_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ok-1") && ids.contains(&"ok-1~2"), "{ids:?}");
    let diags = jsonl(&tmp.path().join("diagnostics.jsonl"));
    assert!(diags
        .iter()
        .any(|d| d["code"] == "duplicate-id" && d["article_id"] == "ok-1~2"));
    assert!(diags
        .iter()
        .any(|d| d["code"] == "decoded-windows-1252" && d["article_id"] == "cp1252.txt"));
}
