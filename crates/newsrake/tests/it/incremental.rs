//! Nightly-job behaviour: incremental runs equal full rebuilds, kills leave
//! a complete set, the lock keeps two runs apart.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{newsrake, root, stable_run_json, TABLE_FILES};

/// Paragraphs of real text (the seeds), to build corpora from.
fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    let jsonl = fs::read_to_string(root().join("seeds/re3d-open.jsonl")).unwrap();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for p in v["text"].as_str().unwrap().split('\n') {
            if p.trim().len() > 40 {
                out.push(p.trim().to_string());
            }
        }
    }
    out
}

/// Write `n` articles `first..first+n` as `.txt` files under `dir`: four
/// paragraphs each, one of them shared with an earlier article.
fn make_corpus(dir: &Path, first: usize, n: usize) {
    let paras = seed_paragraphs();
    fs::create_dir_all(dir).unwrap();
    for i in first..first + n {
        let pick = |k: usize| &paras[(i * 7 + k * 13) % paras.len()];
        let body = format!(
            "Report {i}: {}\n{} (item {i})\n{}\nA shared line {}.\n",
            pick(0),
            pick(1),
            pick(2),
            i % 50
        );
        fs::write(dir.join(format!("{i:06}.txt")), body).unwrap();
    }
}

fn tables(out: &Path) -> Vec<Vec<u8>> {
    TABLE_FILES
        .iter()
        .map(|f| fs::read(out.join(f)).unwrap())
        .collect()
}

fn run_ok(args: &[&str]) -> serde_json::Value {
    let run = newsrake(&root(), args);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let out = args[args.iter().position(|a| *a == "--out").unwrap() + 1];
    serde_json::from_str(&fs::read_to_string(Path::new(out).join("run.json")).unwrap()).unwrap()
}

/// Run incrementally into `inc` and fully into `full`; the tables must be
/// byte-identical. Returns the incremental run's mode.
fn check_equals_full(input: &Path, inc: &Path, full: &Path) -> String {
    let input = input.to_str().unwrap();
    let report = run_ok(&["run", input, "--out", inc.to_str().unwrap()]);
    run_ok(&["run", input, "--out", full.to_str().unwrap(), "--full"]);
    let (a, b) = (tables(inc), tables(full));
    for (i, name) in TABLE_FILES.iter().enumerate() {
        assert!(
            a[i] == b[i],
            "{name}: incremental differs from --full ({report})"
        );
    }
    assert_eq!(stable_run_json(inc), stable_run_json(full));
    report["run"]["mode"].as_str().unwrap().to_string()
}

#[test]
fn incremental_equals_full_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let (inc, full) = (tmp.path().join("inc"), tmp.path().join("full"));
    make_corpus(&input, 100, 40);
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    // Nothing changed: nothing read, tables untouched.
    let before = tables(&inc);
    assert_eq!(check_equals_full(&input, &inc, &full), "unchanged");
    assert!(before == tables(&inc));
    // Touched but not changed: still unchanged (the content hash decides).
    let f = input.join("000105.txt");
    let body = fs::read(&f).unwrap();
    fs::write(&f, &body).unwrap();
    assert_eq!(check_equals_full(&input, &inc, &full), "unchanged");
    // New files sorting after the old ones: appended, deduplicated against
    // everything before (they repeat old paragraphs).
    make_corpus(&input, 140, 20);
    fs::write(
        input.join("zzz.txt"),
        "A shared line 7.\nReport 100 is not repeated here.\n",
    )
    .unwrap();
    assert_eq!(check_equals_full(&input, &inc, &full), "append");
    let paragraphs = fs::read_to_string(inc.join("paragraphs.csv")).unwrap();
    assert!(paragraphs
        .lines()
        .any(|l| l.starts_with("zzz.txt,0,") && l.contains(",000107.txt,3,")));
    // A new file sorting first, a changed file, a removed file: full rebuilds.
    make_corpus(&input, 0, 3);
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    fs::write(
        input.join("000120.txt"),
        "Changed text.\nA shared line 20.\n",
    )
    .unwrap();
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    fs::remove_file(input.join("000130.txt")).unwrap();
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    // JSONL inputs too, appended after the .txt files.
    fs::write(
        input.join("zzzz.jsonl"),
        "{\"id\":\"j1\",\"text\":\"A shared line 3.\"}\nnot json\n",
    )
    .unwrap();
    assert_eq!(check_equals_full(&input, &inc, &full), "append");
    assert_eq!(check_equals_full(&input, &inc, &full), "unchanged");
}

#[test]
fn corrupt_or_foreign_state_is_rebuilt_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let out_s = out.to_str().unwrap();
    run_ok(&["run", "seeds", "--out", out_s]);
    let manifest = out.join(".newsrake/current/state/manifest.json");
    let body = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        body.replacen("\"version\": \"", "\"version\": \"0.0.0-old", 1),
    )
    .unwrap();
    let run = newsrake(&root(), &["run", "seeds", "--out", out_s]);
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("rebuilding all tables") && stderr.contains("0.0.0-old"),
        "{stderr}"
    );
    fs::write(
        out.join(".newsrake/current/state/originals.bin"),
        b"garbage",
    )
    .unwrap();
    let run = newsrake(&root(), &["run", "seeds", "--out", out_s]);
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("corrupt state"), "{stderr}");
    let fresh = tmp.path().join("fresh");
    run_ok(&["run", "seeds", "--out", fresh.to_str().unwrap()]);
    assert!(tables(&out) == tables(&fresh));
}

/// Mark a generation's state as written by another build of newsrake (its
/// executable hash, `engine`, made non-hex so it can match no build).
fn written_by_another_build(manifest: &Path) {
    let body = fs::read_to_string(manifest).unwrap();
    let at = body.find("\"engine\": \"").expect("engine in the manifest") + 11;
    fs::write(manifest, format!("{}x{}", &body[..at], &body[at + 1..])).unwrap();
}

#[test]
fn a_new_build_of_newsrake_rebuilds_instead_of_appending_to_the_old_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let (inc, full) = (tmp.path().join("inc"), tmp.path().join("full"));
    make_corpus(&input, 100, 10);
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    // As if the tables had been written by another build (older extraction
    // rules): neither kept as they are nor appended to.
    let manifest = inc.join(".newsrake/current/state/manifest.json");
    written_by_another_build(&manifest);
    let report = run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        inc.to_str().unwrap(),
    ]);
    assert_eq!(report["run"]["mode"], "full", "{report}");
    assert_eq!(
        report["run"]["reason"],
        "newsrake itself changed since the previous run"
    );
    written_by_another_build(&manifest);
    make_corpus(&input, 110, 5);
    assert_eq!(check_equals_full(&input, &inc, &full), "full");
    assert_eq!(check_equals_full(&input, &inc, &full), "unchanged");
}

fn spawn(input: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_newsrake"))
        .current_dir(root())
        .args([
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--batch-bytes",
            "20000",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn published(out: &Path) -> Option<Vec<Vec<u8>>> {
    let files: Vec<Option<Vec<u8>>> = TABLE_FILES
        .iter()
        .map(|f| fs::read(out.join(f)).ok())
        .collect();
    if files.iter().all(Option::is_none) {
        return None;
    }
    Some(
        files
            .into_iter()
            .map(|f| f.expect("a table is missing from a published set"))
            .collect(),
    )
}

#[test]
fn sigkill_at_any_moment_leaves_old_or_new_complete_set() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_corpus(&input, 0, 1500);
    let out = tmp.path().join("out");
    // Killed during the very first run: no tables, or a complete set.
    let mut child = spawn(&input, &out);
    std::thread::sleep(Duration::from_millis(30));
    child.kill().unwrap();
    child.wait().unwrap();
    if let Some(set) = published(&out) {
        assert_eq!(set.len(), TABLE_FILES.len());
    }
    run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let old = published(&out).unwrap();
    // Now grow the corpus and kill the appending run at many moments.
    make_corpus(&input, 1500, 1500);
    let expected_dir = tmp.path().join("expected");
    run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        expected_dir.to_str().unwrap(),
    ]);
    let new = published(&expected_dir).unwrap();
    let (mut saw_old, mut saw_new) = (0, 0);
    for delay_ms in [0u64, 5, 20, 40, 80, 120, 200, 300, 500, 800] {
        let mut child = spawn(&input, &out);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let now = published(&out).expect("a set stays published");
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
            break;
        } else {
            panic!("after SIGKILL at {delay_ms} ms the tables are neither the old nor the new set");
        }
    }
    assert!(
        saw_old > 0,
        "no kill landed before the publish: the test proves nothing"
    );
    run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        published(&out).unwrap() == new,
        "the re-run completes to the full set"
    );
    let leftovers: Vec<_> = fs::read_dir(out.join(".newsrake"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        3,
        "lock, current and one generation: {leftovers:?} ({saw_new} completed)"
    );
}

#[test]
fn a_second_run_on_the_same_output_exits_2_naming_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_corpus(&input, 0, 3000);
    let out = tmp.path().join("out");
    let mut first = spawn(&input, &out);
    // Wait until the first run holds the lock.
    let lock = out.join(".newsrake/lock");
    for _ in 0..500 {
        if fs::read_to_string(&lock).is_ok_and(|s| s.contains("pid=")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = newsrake(
        &root(),
        &[
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let first_status = first.wait().unwrap();
    assert!(first_status.success(), "{first_status:?}");
    assert_eq!(second.status.code(), Some(2), "{second:?}");
    let stderr = String::from_utf8(second.stderr).unwrap();
    assert!(
        stderr.starts_with("error: another newsrake run") && stderr.contains(".newsrake/lock"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("pid={}", first.id())), "{stderr}");
}

#[test]
fn a_stale_lock_is_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let out: PathBuf = tmp.path().join("out");
    fs::create_dir_all(out.join(".newsrake")).unwrap();
    fs::write(out.join(".newsrake/lock"), "pid=999999 started_unix=1\n").unwrap();
    let run = newsrake(&root(), &["run", "seeds", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("took over the lock") && stderr.contains("999999"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(out.join(".newsrake/lock")).unwrap(),
        "",
        "released cleanly"
    );
}

#[test]
fn sigint_stops_cleanly_and_keeps_the_previous_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_corpus(&input, 0, 20);
    let out = tmp.path().join("out");
    run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let old = published(&out).unwrap();
    make_corpus(&input, 20, 3000);
    let child = spawn(&input, &out);
    std::thread::sleep(Duration::from_millis(100));
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    if output.status.code() == Some(130) {
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert!(published(&out).unwrap() == old, "previous tables kept");
        let gens = fs::read_dir(out.join(".newsrake")).unwrap().filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        });
        assert_eq!(gens.count(), 1, "the abandoned generation is removed");
    } else {
        // The run finished before the signal landed: then it published.
        assert_eq!(output.status.code(), Some(0), "{stderr}");
    }
    run_ok(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
}
