//! Time the extraction over a text file, one paragraph a line, after the
//! lexicons are loaded:
//! `cargo run --release -p newsrake-extract --example speed -- FILE`.
//!
//! "both" is `extract_with_facts`, the call the pipeline makes for every
//! article (entities, then quotes, counts and events on the same tokens);
//! "extract" is `extract` alone on the same articles, and "facts" the
//! difference between the two. Each is timed in its own pass over all the
//! articles. (Until session 14 both calls were made article by article,
//! `extract` first, so `extract_with_facts` found the article's words in
//! the processor's cache and looked about 15 % faster than it is.)
use std::time::Instant;

// The `newsrake` binary's allocator: extraction allocates per mention, and
// the system allocator would make it look slower than it runs in the
// pipeline.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use newsrake_extract::{extract, extract_with_facts, ArticleRef, Extraction, ParagraphRef};

fn main() {
    let path = std::env::args().nth(1).expect("usage: speed FILE");
    let text = std::fs::read_to_string(path).expect("read");
    // Articles of ~20 paragraphs.
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let articles: Vec<String> = lines.chunks(20).map(|c| c.join("\n")).collect();
    // Lexicons first (outside `extract`, so that a profile toggled on
    // `extract` sees only the extraction).
    std::hint::black_box(newsrake_extract::lexicon::lex());
    let _ = extract(&ArticleRef {
        text: "Warm up in London.",
        paragraphs: &[],
        published: None,
    });
    let inputs: Vec<(&String, Vec<ParagraphRef>)> = articles
        .iter()
        .map(|a| {
            let mut paras = Vec::new();
            let mut off = 0;
            for l in a.split('\n') {
                paras.push(ParagraphRef {
                    start: off,
                    end: off + l.len(),
                    original: true,
                });
                off += l.len() + 1;
            }
            (a, paras)
        })
        .collect();
    let refs: Vec<ArticleRef<'_>> = inputs
        .iter()
        .map(|(a, paras)| ArticleRef {
            text: a,
            paragraphs: paras,
            published: None,
        })
        .collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    // A warm-up over the first articles (about 1 MB, untimed): the
    // per-thread buffers, the entity-id cache and the allocator's pages
    // are filled once in a run of the pipeline, not once per article, so
    // the timed passes do not pay for them either.
    let mut warm = 0;
    for r in &refs {
        if warm >= 1 << 20 {
            break;
        }
        std::hint::black_box(run_both(r));
        warm += r.text.len();
    }
    // Two passes, each over every article, so that neither call finds the
    // article's text and words in the processor's cache from the other
    // (as in the pipeline, which calls `extract_with_facts` once).
    let t0 = Instant::now();
    for r in &refs {
        std::hint::black_box(run_both(r));
    }
    let t_b = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    for r in &refs {
        std::hint::black_box(run_extract(r));
    }
    let t_x = t0.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    // (the facts' share: what `extract_with_facts` takes beyond `extract`)
    let t_f = (t_b - t_x).max(1e-9);
    println!(
        "{mb:.1} MB: extract {:.1} MB/s, facts {:.1} MB/s, both {:.1} MB/s",
        mb / t_x,
        mb / t_f,
        mb / t_b
    );
}

// Not inlined, so that a profiler can count each call whole:
// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=speed::run_extract ...`.
#[inline(never)]
fn run_extract(r: &ArticleRef<'_>) -> Extraction {
    extract(r)
}

#[inline(never)]
fn run_both(r: &ArticleRef<'_>) -> (Extraction, newsrake_extract::facts::Facts) {
    extract_with_facts(r)
}
