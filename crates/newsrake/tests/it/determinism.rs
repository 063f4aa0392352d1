//! The same inputs give byte-identical tables for any `--jobs` and any batch
//! size.

use std::fs;

use crate::{newsrake, root, stable_run_json, TABLE_FILES};

#[test]
fn jobs_and_batches_do_not_change_tables() {
    let root = root();
    let tmp = tempfile::tempdir().unwrap();
    let inputs = [
        "seeds",
        "tests/golden/bad-inputs/in",
        "tests/golden/cross-dup/in",
        "tests/golden/jsonl/in",
    ];
    let configs: &[&[&str]] = &[
        &["--jobs", "1"],
        &["--jobs", "4"],
        &["--jobs", "4", "--batch-bytes", "1"],
        &["--jobs", "2", "--batch-bytes", "5000"],
    ];
    let mut outputs = Vec::new();
    for (i, extra) in configs.iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        let mut args = vec!["run"];
        args.extend(inputs);
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(extra.iter());
        let run = newsrake(&root, &args);
        assert_eq!(
            run.status.code(),
            Some(1),
            "bad inputs are skipped: {run:?}"
        );
        let files: Vec<Vec<u8>> = TABLE_FILES
            .iter()
            .map(|f| fs::read(out.join(f)).unwrap())
            .collect();
        outputs.push((files, stable_run_json(&out)));
    }
    let (first, rest) = outputs.split_first().unwrap();
    assert!(
        first.0[2].len() > 10_000,
        "the paragraphs table is not trivially small"
    );
    for (i, other) in rest.iter().enumerate() {
        for (f, name) in TABLE_FILES.iter().enumerate() {
            assert!(
                first.0[f] == other.0[f],
                "{name} differs between {:?} and {:?}",
                configs[0],
                configs[i + 1]
            );
        }
        assert_eq!(first.1, other.1, "run.json counts differ");
    }
}

#[test]
fn repeated_runs_are_identical() {
    let root = root();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut seen = Vec::new();
    for _ in 0..2 {
        let run = newsrake(&root, &["run", "seeds", "--out", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(0));
        seen.push(
            TABLE_FILES
                .iter()
                .map(|f| fs::read(out.join(f)).unwrap())
                .collect::<Vec<_>>(),
        );
    }
    assert!(seen[0] == seen[1]);
}
