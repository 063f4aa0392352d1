//! Throughput of the dedup stage alone, one core, on JSONL shards:
//! `normalize`, `hash_key` and `Index::first_seen` over every non-blank line
//! of every `text`, best of 5 runs (the corpus is parsed once, up front).
//!
//! ```text
//! cargo run --release -p newsrake-dedup --example stage -- target/bench-data/250mb/part-00000.jsonl
//! ```

use std::time::Instant;

use newsrake_dedup::{hash_key, normalize, Index, Location};

fn best(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut secs = f64::MAX;
    let mut out = 0;
    for _ in 0..5 {
        let t = Instant::now();
        out = f();
        secs = secs.min(t.elapsed().as_secs_f64());
    }
    (secs, out)
}

fn main() {
    let mut paras: Vec<(u64, u32, String)> = Vec::new();
    let mut article = 0u64;
    for path in std::env::args().skip(1) {
        let data = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let text = v["text"].as_str().expect("text");
            for (i, p) in text
                .split('\n')
                .filter(|p| !p.trim().is_empty())
                .enumerate()
            {
                paras.push((article, i as u32, p.to_string()));
            }
            article += 1;
        }
    }
    let mb = paras.iter().map(|p| p.2.len()).sum::<usize>() as f64 / (1 << 20) as f64;
    let ascii = paras.iter().filter(|p| p.2.is_ascii()).count();
    println!(
        "{} paragraphs ({:.0}% ASCII), {mb:.1} MB of paragraph text",
        paras.len(),
        100.0 * ascii as f64 / paras.len() as f64
    );
    let mut key = String::new();
    let (t, _) = best(|| {
        paras
            .iter()
            .map(|p| {
                normalize(&p.2, &mut key);
                key.len()
            })
            .sum()
    });
    println!("normalize:                      {:7.0} MB/s", mb / t);
    let (t, _) = best(|| paras.iter().map(|p| hash_key(&p.2)[0] as usize).sum());
    println!("hash_key (SHA-256):             {:7.0} MB/s", mb / t);
    let (t, dups) = best(|| {
        let mut index = Index::default();
        paras
            .iter()
            .filter(|p| {
                normalize(&p.2, &mut key);
                let here = Location {
                    article: p.0,
                    paragraph: p.1,
                };
                index.first_seen(hash_key(&key), here).is_some()
            })
            .count()
    });
    println!(
        "normalize + hash + first_seen:  {:7.0} MB/s ({dups} duplicates)",
        mb / t
    );
    let hashes: Vec<_> = paras
        .iter()
        .map(|p| {
            normalize(&p.2, &mut key);
            hash_key(&key)
        })
        .collect();
    let (t, _) = best(|| {
        let mut index = Index::default();
        hashes
            .iter()
            .zip(&paras)
            .filter(|(h, p)| {
                index
                    .first_seen(
                        **h,
                        Location {
                            article: p.0,
                            paragraph: p.1,
                        },
                    )
                    .is_some()
            })
            .count()
    });
    println!(
        "first_seen alone:               {:7.0} ns per paragraph",
        t * 1e9 / paras.len() as f64
    );
}
