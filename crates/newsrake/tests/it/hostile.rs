//! Hostile inputs: none panics, each gives rows or a diagnostic, the run goes
//! on, and every file is accounted for in `run.json`.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};

use crate::{jsonl, newsrake, root};

#[test]
fn hostile_inputs_are_accounted_for_and_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    // A 50 MB JSONL line (over the 16 MiB article limit) between two good lines.
    let mut big =
        b"{\"id\":\"before\",\"text\":\"Before the monster line.\"}\n{\"text\":\"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 50 << 20));
    big.extend_from_slice(b"\"}\n{\"id\":\"after\",\"text\":\"After the monster line.\"}\n");
    fs::write(input.join("a-long-line.jsonl"), &big).unwrap();
    drop(big);
    // A 20 MB .txt file: over the limit, skipped without being read whole.
    fs::write(input.join("b-huge.txt"), vec![b'y'; 20 << 20]).unwrap();
    // Deeply nested directories.
    let mut deep = input.join("c-deep");
    for i in 0..60 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("deep.txt"),
        "Found at the bottom of sixty directories.",
    )
    .unwrap();
    // Unreadable file (root can read it anyway: then it is simply an article).
    let locked = input.join("d-locked.txt");
    fs::write(&locked, "Nobody may read this.").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anything = fs::read(&locked).is_ok();
    // A symlink loop, and a link to nowhere (a file that vanished).
    fs::create_dir(input.join("e-loop")).unwrap();
    symlink("..", input.join("e-loop/up")).unwrap();
    symlink("does-not-exist.txt", input.join("f-vanished.txt")).unwrap();
    // A file name that is not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"g-caf\xe9.txt");
    fs::write(input.join(name), "A name in Latin-1.").unwrap();
    // Zero-width and right-to-left characters.
    fs::write(
        input.join("h-bidi.txt"),
        "\u{200B}\u{200F}\n\u{202E}Kyiv\u{202C} said\u{200B} \u{2067}\u{5E9}\u{5DC}\u{5D5}\u{5DD}\u{2069}.\n\u{FEFF}\n",
    )
    .unwrap();
    // JSONL lines of other JSON types.
    fs::write(
        input.join("i-types.jsonl"),
        "[]\n3.5\nnull\ntrue\n\"s\"\n{\"text\":[\"no\"]}\n",
    )
    .unwrap();
    // A FIFO must not block the run.
    let fifo = input.join("j-fifo.txt");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let out = tmp.path().join("out");
    let run = newsrake(
        &root(),
        &[
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "exit 1, no panic: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let inputs = &report["inputs"];
    let n = |k: &str| inputs[k].as_u64().unwrap();
    assert_eq!(
        n("files_seen"),
        n("files_read") + n("files_skipped") + n("not_articles"),
        "{inputs}"
    );
    let diags = jsonl(&out.join("diagnostics.jsonl"));
    let codes: Vec<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, code: &str| codes.iter().any(|(f, c)| f.starts_with(file) && c == code);
    assert!(has("a-long-line.jsonl", "too-large"), "{codes:?}");
    assert!(has("b-huge.txt", "too-large"), "{codes:?}");
    assert!(
        has("up", "unreachable") || has("e-loop", "unreachable"),
        "symlink loop: {codes:?}"
    );
    assert!(has("f-vanished.txt", "unreachable"), "{codes:?}");
    assert!(
        has("i-types.jsonl", "not-an-object") && has("i-types.jsonl", "missing-text"),
        "{codes:?}"
    );
    if made_fifo {
        assert!(has("j-fifo.txt", "unreachable"), "{codes:?}");
    }
    if !root_reads_anything {
        assert!(has("d-locked.txt", "permission-denied"), "{codes:?}");
    }
    let articles = jsonl(&out.join("articles.jsonl"));
    let ids: Vec<&str> = articles
        .iter()
        .map(|a| a["article_id"].as_str().unwrap())
        .collect();
    for id in ["before", "after", "g-caf\u{FFFD}.txt", "h-bidi.txt"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(ids.iter().any(|i| i.ends_with("d59/deep.txt")), "{ids:?}");
    // The bidi paragraph is one paragraph; the invisible-only lines are blank.
    let paragraphs = jsonl(&out.join("paragraphs.jsonl"));
    let bidi: Vec<&serde_json::Value> = paragraphs
        .iter()
        .filter(|p| p["article_id"] == "h-bidi.txt")
        .collect();
    assert_eq!(bidi.len(), 1, "{bidi:?}");
    // Three JSONL lines over three files: skipped lines counted.
    assert_eq!(n("lines_read"), 2, "{inputs}");
}
