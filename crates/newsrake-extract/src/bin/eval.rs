//! Score extract() against a gold JSONL file (shared/data/ner-dev format).
//! Usage: eval FILE.jsonl [--dump] [--titles-in-per] [--bench N]
//!   --dump           print FP/FN spans per doc to stderr
//!   --titles-in-per  re3d convention: score a PER mention with its stated title (role span)
//!   --bench N        also time N passes of extract() over the corpus and print MB/s
use newsrake_extract::eval::{micro, score_doc, Counts, Span};
use newsrake_extract::{extract, ArticleRef, ParagraphRef};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: eval FILE.jsonl");
    let dump = args.iter().any(|a| a == "--dump");
    let titles_in_per = args.iter().any(|a| a == "--titles-in-per");
    let bench: usize = args
        .iter()
        .position(|a| a == "--bench")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let data = std::fs::read_to_string(path).expect("read");
    let mut total: BTreeMap<String, Counts> = BTreeMap::new();
    let mut docs: Vec<(String, Vec<ParagraphRef>)> = Vec::new();
    for line in data.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v["text"].as_str().unwrap_or("").to_string();
        let mut paras = Vec::new();
        let mut off = 0;
        for l in text.split('\n') {
            if !l.trim().is_empty() {
                paras.push(ParagraphRef {
                    start: off,
                    end: off + l.len(),
                    original: true,
                });
            }
            off += l.len() + 1;
        }
        let x = extract(&ArticleRef {
            text: &text,
            paragraphs: &paras,
            published: None,
        });
        // byte -> code point offsets
        let mut cp = vec![0usize; text.len() + 1];
        let mut c = 0;
        for (i, ch) in text.char_indices() {
            for k in 0..ch.len_utf8() {
                cp[i + k] = c;
            }
            c += 1;
        }
        cp[text.len()] = c;
        let mut pred: Vec<Span> = x
            .mentions
            .iter()
            .map(|m| Span {
                start: cp[m.start],
                end: cp[m.end],
                kind: m.kind.as_str().to_string(),
            })
            .collect();
        if titles_in_per {
            for r in &x.roles {
                if let Some(p) = pred
                    .iter_mut()
                    .find(|p| p.kind == "PER" && p.start >= cp[r.start] && p.end <= cp[r.end])
                {
                    p.start = cp[r.start].min(p.start);
                    p.end = cp[r.end].max(p.end);
                }
            }
        }
        let gold: Vec<Span> = v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| Span {
                        start: e["start"].as_u64().unwrap_or(0) as usize,
                        end: e["end"].as_u64().unwrap_or(0) as usize,
                        kind: e["type"].as_str().unwrap_or("").to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let m = score_doc(&gold, &pred);
        for (k, c) in &m {
            total.entry(k.clone()).or_default().add(c);
        }
        if dump {
            let chars: Vec<char> = text.chars().collect();
            let g = newsrake_extract::eval::prepare_gold(&gold);
            let s = |sp: &Span| chars[sp.start..sp.end].iter().collect::<String>();
            for p in &pred {
                let t = newsrake_extract::eval::fold_type(&p.kind).unwrap_or("");
                if !matches!(t, "PER" | "ORG" | "LOC") {
                    continue;
                }
                if !g
                    .iter()
                    .any(|x| x.start == p.start && x.end == p.end && x.kind == t)
                {
                    let over: Vec<String> = g
                        .iter()
                        .filter(|x| x.start < p.end && p.start < x.end)
                        .map(|x| format!("{}:{}", x.kind, s(x)))
                        .collect();
                    let ctx: String = chars
                        [p.start.saturating_sub(30)..(p.end + 30).min(chars.len())]
                        .iter()
                        .collect::<String>()
                        .replace('\n', " ");
                    eprintln!("FP\t{}\t{}\t{}\t{}", t, s(p), over.join(" | "), ctx);
                }
            }
            for x in &g {
                if !matches!(x.kind.as_str(), "PER" | "ORG" | "LOC") {
                    continue;
                }
                if !pred.iter().any(|p| {
                    p.start == x.start
                        && p.end == x.end
                        && newsrake_extract::eval::fold_type(&p.kind) == Some(x.kind.as_str())
                }) {
                    let over: Vec<String> = pred
                        .iter()
                        .filter(|p| x.start < p.end && p.start < x.end)
                        .map(|p| format!("{}:{}", p.kind, s(p)))
                        .collect();
                    eprintln!("FN\t{}\t{}\t{}", x.kind, s(x), over.join(" | "));
                }
            }
        }
        docs.push((text, paras));
    }
    println!("{path}");
    println!(
        "{:<6} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>5} {:>5} {:>5}",
        "type", "P", "R", "F1", "pP", "pR", "pF1", "tp", "pred", "gold"
    );
    for (k, c) in &total {
        let (p, r, f) = c.prf();
        let (pp, pr, pf) = c.prf_partial();
        println!(
            "{k:<6} {p:>6.3} {r:>6.3} {f:>6.3} | {pp:>6.3} {pr:>6.3} {pf:>6.3} | {:>5} {:>5} {:>5}",
            c.tp, c.n_pred, c.n_gold
        );
    }
    let mi = micro(&total);
    let (p, r, f) = mi.prf();
    let (pp, pr, pf) = mi.prf_partial();
    println!(
        "{:<6} {p:>6.3} {r:>6.3} {f:>6.3} | {pp:>6.3} {pr:>6.3} {pf:>6.3} | {:>5} {:>5} {:>5}",
        "MICRO", mi.tp, mi.n_pred, mi.n_gold
    );
    println!("micro-F1 exact {f:.3} partial {pf:.3}");
    if bench > 0 {
        let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
        let _ = extract(&ArticleRef {
            text: "warm up",
            paragraphs: &[],
            published: None,
        });
        let c0 = cpu_ticks();
        let t0 = std::time::Instant::now();
        let mut nm = 0;
        for _ in 0..bench {
            for (t, p) in &docs {
                nm += extract(&ArticleRef {
                    text: t,
                    paragraphs: p,
                    published: None,
                })
                .mentions
                .len();
            }
        }
        let s = t0.elapsed().as_secs_f64();
        let cpu = (cpu_ticks() - c0) as f64 / 100.0;
        println!("bench: {} passes x {} bytes in {:.3}s wall = {:.1} MB/s wall; {:.2}s CPU = {:.1} MB/s per CPU-second (1 thread, {} mentions)", bench, bytes, s, (bench * bytes) as f64 / s / 1e6, cpu, (bench * bytes) as f64 / cpu.max(0.01) / 1e6, nm);
    }
}

/// user+system CPU time of this thread in clock ticks (Linux /proc; 0 elsewhere)
fn cpu_ticks() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    // after ")": state is field 3; utime = field 14, stime = field 15 (1-based in proc(5))
    let g = |i: usize| {
        f.get(i - 3)
            .and_then(|x| x.parse::<u64>().ok())
            .unwrap_or(0)
    };
    g(14) + g(15)
}
