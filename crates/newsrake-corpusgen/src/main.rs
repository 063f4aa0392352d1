//! `newsrake-corpusgen`: write a deterministic synthetic corpus of JSONL
//! shards for benchmarks.
//!
//! ```text
//! newsrake-corpusgen --mb 250 --out target/bench-data/250mb [--seeds seeds] [--seed 6] [--shard-mb 64]
//! newsrake-corpusgen --index-bytes N   # heap bytes of a dedup Index holding N distinct keys
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use newsrake_corpusgen::{write_corpus, Config, Pool};

const USAGE: &str =
    "usage: newsrake-corpusgen --mb N --out DIR [--seeds DIR] [--seed S] [--shard-mb M]";

fn parse() -> Result<(Config, PathBuf, PathBuf), String> {
    let mut cfg = Config::default();
    let mut out = None;
    let mut seeds = PathBuf::from("seeds");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--mb" => cfg.total_bytes = num(&val()?)? << 20,
            "--shard-mb" => cfg.shard_bytes = num(&val()?)? << 20,
            "--seed" => cfg.seed = num(&val()?)?,
            "--out" => out = Some(PathBuf::from(val()?)),
            "--seeds" => seeds = PathBuf::from(val()?),
            "-h" | "--help" => return Err(USAGE.into()),
            _ => return Err(format!("unknown argument {a:?}\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    Ok((cfg, seeds, out))
}

fn num(s: &str) -> Result<u64, String> {
    s.parse().map_err(|_| format!("not a number: {s:?}"))
}

/// Fill a real `newsrake_dedup::Index` with `n` distinct digests and print
/// its heap size: the benchmark's bytes-per-unique-paragraph figure.
fn index_bytes(n: u64) -> ExitCode {
    let mut index = newsrake_dedup::Index::default();
    for i in 0..n {
        let h = newsrake_dedup::hash_key(&i.to_string());
        let here = newsrake_dedup::Location {
            article: i / 8,
            paragraph: (i % 8) as u32,
        };
        index.first_seen(h, here);
    }
    let bytes = index.heap_bytes();
    println!(
        "{{\"unique_keys\":{n},\"heap_bytes\":{bytes},\"bytes_per_key\":{:.1}}}",
        bytes as f64 / n.max(1) as f64
    );
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "--index-bytes" {
        return match args[2].parse() {
            Ok(n) => index_bytes(n),
            Err(_) => {
                let _ = writeln!(std::io::stderr(), "--index-bytes needs a number");
                ExitCode::from(2)
            }
        };
    }
    let (cfg, seeds, out) = match parse() {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            return ExitCode::from(2);
        }
    };
    let result = Pool::from_dir(&seeds).and_then(|pool| write_corpus(&pool, &cfg, &out));
    match result {
        Ok(stats) => {
            println!(
                "{}",
                serde_json::to_string(&stats).expect("stats serialise")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}
