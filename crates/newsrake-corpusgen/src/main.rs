//! `newsrake-corpusgen`: write a deterministic synthetic corpus of JSONL
//! shards for benchmarks.
//!
//! ```text
//! newsrake-corpusgen --mb 250 --out target/bench-data/250mb [--seeds seeds] [--seed 6] [--shard-mb 64]
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

fn main() -> ExitCode {
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
