//! Time `extract` and `extract_facts` separately over a text file, one
//! paragraph a line, after the lexicons are loaded:
//! `cargo run --release -p newsrake-extract --example speed -- FILE`.
use std::time::Instant;

use newsrake_extract::facts::extract_facts;
use newsrake_extract::{extract, ArticleRef, Extraction, ParagraphRef};

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
    let (mut t_x, mut t_f, mut bytes) = (0f64, 0f64, 0usize);
    for a in &articles {
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
        let r = ArticleRef {
            text: a,
            paragraphs: &paras,
            published: None,
        };
        let t0 = Instant::now();
        let x = run_extract(&r);
        let t1 = Instant::now();
        let f = run_facts(&r, &x);
        let t2 = Instant::now();
        std::hint::black_box(&f);
        t_x += (t1 - t0).as_secs_f64();
        t_f += (t2 - t1).as_secs_f64();
        bytes += a.len();
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{mb:.1} MB: extract {:.1} MB/s, facts {:.1} MB/s, both {:.1} MB/s",
        mb / t_x,
        mb / t_f,
        mb / (t_x + t_f)
    );
}

// Not inlined, so that a profiler can count each call whole:
// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=speed::run_extract ...`.
#[inline(never)]
fn run_extract(r: &ArticleRef<'_>) -> Extraction {
    extract(r)
}

#[inline(never)]
fn run_facts(r: &ArticleRef<'_>, x: &Extraction) -> newsrake_extract::facts::Facts {
    extract_facts(r, x)
}
