//! Golden tests: every case under `tests/golden/` is run and its tables
//! compared byte for byte with `out/`.

use std::fs;
use std::path::Path;

use crate::{newsrake, root, stable_run_json, TABLE_FILES};

fn check_case(case: &Path, update: bool) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = newsrake(
        case,
        &["run", "in", "--out", out.to_str().unwrap(), "--jobs", "2"],
    );
    let mut got: Vec<(String, Vec<u8>)> = TABLE_FILES
        .iter()
        .map(|f| {
            (
                f.to_string(),
                fs::read(out.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")),
            )
        })
        .collect();
    got.push(("run.json".into(), stable_run_json(&out).into_bytes()));
    let status = format!(
        "exit code: {}\nstderr: {}",
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stderr).replace(out.to_str().unwrap(), "OUT")
    );
    got.push(("status.txt".into(), status.into_bytes()));

    let expected_dir = case.join("out");
    let mut failures = Vec::new();
    if update {
        fs::create_dir_all(&expected_dir).unwrap();
    }
    for (name, bytes) in got {
        let path = expected_dir.join(&name);
        if update {
            fs::write(&path, &bytes).unwrap();
            continue;
        }
        match fs::read(&path) {
            Ok(expected) if expected == bytes => {}
            Ok(expected) => failures.push(format!(
                "{}: differs\n--- expected\n{}\n--- got\n{}",
                path.display(),
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&bytes)
            )),
            Err(_) => failures.push(format!("{}: missing (run `make bless`)", path.display())),
        }
    }
    failures
}

#[test]
fn golden() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut cases: Vec<_> = fs::read_dir(root().join("tests/golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("in").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "golden cases found: {cases:?}");
    let failures: Vec<String> = cases.iter().flat_map(|c| check_case(c, update)).collect();
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
