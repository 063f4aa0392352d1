//! A deterministic synthetic news corpus for benchmarks, built from the real
//! text in `seeds/`.
//!
//! New paragraphs are recombined from seed sentences (1–4 of them) with a few
//! words swapped for other seed words, so nearly every new paragraph is
//! unique. About a quarter of all paragraphs repeat an earlier one: some
//! exactly, some differing only in case, whitespace or quote style (curly vs
//! straight), all of which newsrake's dedup key folds together. A few
//! articles repeat one of their own paragraphs. The same seed always gives the
//! same bytes; no external RNG (splitmix64).
//!
//! Output: JSONL shards (`part-00000.jsonl`, ...) with `id`, `title`,
//! `published` and `text` (paragraphs separated by blank lines), plus
//! `.corpus.json` (the [`Stats`]; hidden, so newsrake passes over it) written last, so its presence means the
//! corpus is complete.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    pub seed: u64,
    /// Stop after the first article that brings the output to this size.
    pub total_bytes: u64,
    /// Start a new shard once the current one holds this many bytes.
    pub shard_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 6,
            total_bytes: 64 << 20,
            shard_bytes: 64 << 20,
        }
    }
}

/// Share of paragraphs that repeat an earlier article's paragraph.
pub const DUPLICATE_SHARE: f64 = 0.245;
/// Share of articles that repeat one of their own paragraphs.
pub const SELF_REPEAT_SHARE: f64 = 0.03;
const HISTORY: usize = 1 << 16;

/// splitmix64: small, fast, good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6e65_7773_7261_6b65)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }
}

/// The raw material: seed sentences, words and titles.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    pub sentences: Vec<String>,
    pub words: Vec<String>,
    pub titles: Vec<String>,
}

impl Pool {
    /// Read every `.txt` (non-blank lines are paragraphs) and `.jsonl`
    /// (`text` and `title` fields) file in `dir`, in name order.
    pub fn from_dir(dir: &Path) -> io::Result<Pool> {
        let mut names: Vec<_> = fs::read_dir(dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        names.sort();
        let mut paragraphs = Vec::new();
        let mut titles = Vec::new();
        for path in names {
            let name = path.to_string_lossy().to_string();
            if name.ends_with(".txt") {
                let text = fs::read_to_string(&path)?;
                paragraphs.extend(text.lines().map(str::to_string));
            } else if name.ends_with(".jsonl") {
                for line in fs::read_to_string(&path)?.lines() {
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                        continue;
                    };
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        paragraphs.extend(t.lines().map(str::to_string));
                    }
                    if let Some(t) = v.get("title").and_then(|t| t.as_str()) {
                        titles.push(t.to_string());
                    }
                }
            }
        }
        let pool = Pool::from_paragraphs(&paragraphs, titles);
        if pool.sentences.is_empty() || pool.words.is_empty() {
            return Err(io::Error::other(format!(
                "no usable text in {}",
                dir.display()
            )));
        }
        Ok(pool)
    }

    /// Split paragraphs into sentences and collect substitutable words.
    pub fn from_paragraphs(paragraphs: &[String], mut titles: Vec<String>) -> Pool {
        let mut sentences = Vec::new();
        let mut words = std::collections::BTreeSet::new();
        for p in paragraphs {
            let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
            for s in split_sentences(&p) {
                if s.len() >= 20 {
                    sentences.push(s.to_string());
                }
            }
            for w in p.split(' ') {
                if is_word(w) {
                    words.insert(w.to_string());
                }
            }
        }
        if titles.is_empty() {
            titles = sentences.iter().take(100).cloned().collect();
        }
        Pool {
            sentences,
            words: words.into_iter().collect(),
            titles,
        }
    }
}

/// A token that may be swapped: 4+ ASCII letters, nothing else.
fn is_word(w: &str) -> bool {
    w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Sentences end at `. `, `! ` or `? ` followed by an upper-case letter or a
/// quote.
fn split_sentences(p: &str) -> Vec<&str> {
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 2 < b.len() {
        if matches!(b[i], b'.' | b'!' | b'?')
            && b[i + 1] == b' '
            && (b[i + 2].is_ascii_uppercase() || b[i + 2] == b'"')
        {
            out.push(&p[start..=i]);
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    out.push(&p[start..]);
    out
}

/// How a generated paragraph came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    New,
    Exact,
    Case,
    Whitespace,
    Quotes,
    SelfRepeat,
}

/// Counts of what was generated.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub seed: u64,
    pub bytes: u64,
    pub shards: u64,
    pub articles: u64,
    pub paragraphs: u64,
    pub new: u64,
    pub dup_exact: u64,
    pub dup_case: u64,
    pub dup_whitespace: u64,
    pub dup_quotes: u64,
    pub dup_self: u64,
}

impl Stats {
    /// Paragraphs generated as repeats of an earlier one.
    pub fn planned_duplicates(&self) -> u64 {
        self.dup_exact + self.dup_case + self.dup_whitespace + self.dup_quotes + self.dup_self
    }

    fn count(&mut self, k: Kind) {
        self.paragraphs += 1;
        *match k {
            Kind::New => &mut self.new,
            Kind::Exact => &mut self.dup_exact,
            Kind::Case => &mut self.dup_case,
            Kind::Whitespace => &mut self.dup_whitespace,
            Kind::Quotes => &mut self.dup_quotes,
            Kind::SelfRepeat => &mut self.dup_self,
        } += 1;
    }
}

/// One generated article.
#[derive(Clone, Debug, Serialize)]
pub struct GenArticle {
    pub id: String,
    pub title: String,
    pub published: String,
    pub text: String,
    #[serde(skip)]
    pub kinds: Vec<Kind>,
}

/// Generates articles one after another.
pub struct Generator<'a> {
    pool: &'a Pool,
    seed: u64,
    rng: Rng,
    history: Vec<String>,
    n: u64,
    pub stats: Stats,
}

impl<'a> Generator<'a> {
    pub fn new(pool: &'a Pool, seed: u64) -> Generator<'a> {
        Generator {
            pool,
            seed,
            rng: Rng::new(seed),
            history: Vec::new(),
            n: 0,
            stats: Stats {
                seed,
                ..Stats::default()
            },
        }
    }

    fn new_paragraph(&mut self) -> String {
        let k = 1 + self.rng.below(4);
        let mut out = String::new();
        for _ in 0..k {
            let s = &self.pool.sentences[self.rng.below(self.pool.sentences.len())];
            let mut tokens: Vec<&str> = s.split(' ').collect();
            let cands: Vec<usize> = (0..tokens.len()).filter(|&i| is_word(tokens[i])).collect();
            if !cands.is_empty() {
                let swaps = (cands.len() / 8).max(2);
                for _ in 0..swaps {
                    let at = cands[self.rng.below(cands.len())];
                    tokens[at] = &self.pool.words[self.rng.below(self.pool.words.len())];
                }
            } else {
                // Nothing to swap: make it unique with a number.
                tokens.push("(ref");
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&tokens.join(" "));
            if cands.is_empty() {
                out.push_str(&format!(" {})", self.rng.next_u64() % 1_000_000));
            }
        }
        out
    }

    fn remember(&mut self, p: &str) {
        if self.history.len() < HISTORY {
            self.history.push(p.to_string());
        } else {
            let at = self.rng.below(HISTORY);
            self.history[at] = p.to_string();
        }
    }

    fn repeat(&mut self) -> (String, Kind) {
        let orig = self.history[self.rng.below(self.history.len())].clone();
        let roll = self.rng.below(10);
        match roll {
            0..=3 => (orig, Kind::Exact),
            4 | 5 => {
                let t = if self.rng.chance(0.5) {
                    orig.to_ascii_uppercase()
                } else {
                    orig.to_ascii_lowercase()
                };
                (t, Kind::Case)
            }
            6 | 7 => {
                let mut t = String::with_capacity(orig.len() + 16);
                if self.rng.chance(0.5) {
                    t.push_str("  ");
                }
                for (i, w) in orig.split(' ').enumerate() {
                    if i > 0 {
                        t.push_str(match self.rng.below(8) {
                            0 => "  ",
                            1 => " \t",
                            _ => " ",
                        });
                    }
                    t.push_str(w);
                }
                if self.rng.chance(0.5) {
                    t.push_str(" \t");
                }
                (t, Kind::Whitespace)
            }
            _ => {
                let mut t = String::with_capacity(orig.len() + 16);
                let mut open = true;
                for c in orig.chars() {
                    match c {
                        '\'' => t.push('\u{2019}'),
                        '\u{2018}' | '\u{2019}' => t.push('\''),
                        '"' => {
                            t.push(if open { '\u{201C}' } else { '\u{201D}' });
                            open = !open;
                        }
                        '\u{201C}' | '\u{201D}' => t.push('"'),
                        c => t.push(c),
                    }
                }
                (t, Kind::Quotes)
            }
        }
    }

    /// The next article.
    pub fn article(&mut self) -> GenArticle {
        let n = self.n;
        self.n += 1;
        let count = 3 + self.rng.below(10);
        let mut paras: Vec<String> = Vec::with_capacity(count + 1);
        let mut kinds = Vec::with_capacity(count + 1);
        let mut fresh = Vec::new();
        for _ in 0..count {
            if !self.history.is_empty() && self.rng.chance(DUPLICATE_SHARE) {
                let (t, k) = self.repeat();
                paras.push(t);
                kinds.push(k);
            } else {
                let p = self.new_paragraph();
                fresh.push(paras.len());
                paras.push(p);
                kinds.push(Kind::New);
            }
        }
        if self.rng.chance(SELF_REPEAT_SHARE) {
            let from = self.rng.below(paras.len());
            let copy = paras[from].clone();
            let at = from + 1 + self.rng.below(paras.len() - from);
            paras.insert(at, copy);
            kinds.insert(at, Kind::SelfRepeat);
        }
        for i in fresh {
            let p = paras[i].clone();
            self.remember(&p);
        }
        for &k in &kinds {
            self.stats.count(k);
        }
        self.stats.articles += 1;
        let title = self.pool.titles[self.rng.below(self.pool.titles.len())].clone();
        let d = n % (5 * 336);
        GenArticle {
            id: format!("gen{}-{n:09}", self.seed),
            title,
            published: format!(
                "{}-{:02}-{:02}",
                2020 + d / 336,
                1 + (d % 336) / 28,
                1 + d % 28
            ),
            text: paras.join("\n\n"),
            kinds,
        }
    }
}

impl GenArticle {
    /// The article as one JSONL line (with its `\n`).
    pub fn write_json_line(&self, out: &mut Vec<u8>) {
        serde_json::to_writer(&mut *out, self).expect("article serialises");
        out.push(b'\n');
    }
}

/// Write JSONL shards and `corpus.json` into `dir` (created; old shards
/// removed).
pub fn write_corpus(pool: &Pool, cfg: &Config, dir: &Path) -> io::Result<Stats> {
    fs::create_dir_all(dir)?;
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        let name = p.file_name().map(|n| n.to_string_lossy().to_string());
        if name.is_some_and(|n| n.starts_with("part-") || n == ".corpus.json") {
            fs::remove_file(&p)?;
        }
    }
    let mut gen = Generator::new(pool, cfg.seed);
    let mut buf = Vec::with_capacity(1 << 16);
    let mut shard: Option<(BufWriter<File>, u64)> = None;
    let mut total = 0u64;
    while total < cfg.total_bytes {
        let full = match &shard {
            None => true,
            Some((_, n)) => *n >= cfg.shard_bytes,
        };
        if full {
            if let Some((mut w, _)) = shard.take() {
                w.flush()?;
            }
            let path = dir.join(format!("part-{:05}.jsonl", gen.stats.shards));
            gen.stats.shards += 1;
            shard = Some((BufWriter::with_capacity(1 << 20, File::create(path)?), 0));
        }
        buf.clear();
        gen.article().write_json_line(&mut buf);
        let (w, n) = shard.as_mut().expect("a shard is open");
        w.write_all(&buf)?;
        *n += buf.len() as u64;
        total += buf.len() as u64;
    }
    if let Some((mut w, _)) = shard.take() {
        w.flush()?;
    }
    gen.stats.bytes = total;
    let mut body = serde_json::to_vec_pretty(&gen.stats).map_err(io::Error::other)?;
    body.push(b'\n');
    fs::write(dir.join(".corpus.json"), body)?;
    Ok(gen.stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn pool() -> Pool {
        Pool::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")).unwrap()
    }

    fn corpus(pool: &Pool, seed: u64, articles: usize) -> (Vec<u8>, Vec<GenArticle>, Stats) {
        let mut g = Generator::new(pool, seed);
        let mut bytes = Vec::new();
        let mut all = Vec::new();
        for _ in 0..articles {
            let a = g.article();
            a.write_json_line(&mut bytes);
            all.push(a);
        }
        (bytes, all, g.stats)
    }

    #[test]
    fn same_seed_same_bytes() {
        let pool = pool();
        let (a, _, _) = corpus(&pool, 6, 300);
        let (b, _, _) = corpus(&pool, 6, 300);
        let (c, _, _) = corpus(&pool, 7, 300);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn written_corpus_is_deterministic() {
        let pool = pool();
        let cfg = Config {
            seed: 3,
            total_bytes: 300_000,
            shard_bytes: 100_000,
        };
        let tmp = std::env::temp_dir().join(format!("corpusgen-test-{}", std::process::id()));
        let read = |dir: &Path| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let p = e.unwrap().path();
                    let name = p.file_name().unwrap().to_string_lossy().to_string();
                    (name, fs::read(&p).unwrap())
                })
                .collect();
            v.sort();
            v
        };
        let s1 = write_corpus(&pool, &cfg, &tmp).unwrap();
        let first = read(&tmp);
        let s2 = write_corpus(&pool, &cfg, &tmp).unwrap();
        assert_eq!(s1, s2);
        assert_eq!(first, read(&tmp));
        assert!(s1.shards >= 3);
        assert!(s1.bytes >= cfg.total_bytes);
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn about_a_quarter_duplicates_and_every_variant_folds() {
        let pool = pool();
        let (_, articles, stats) = corpus(&pool, 6, 3000);
        let mut seen = HashSet::new();
        let (mut total, mut dups) = (0u64, 0u64);
        for a in &articles {
            let paras: Vec<&str> = a
                .text
                .split('\n')
                .filter(|l| !l.trim().is_empty())
                .collect();
            assert_eq!(paras.len(), a.kinds.len(), "{}", a.id);
            for (p, k) in paras.iter().zip(&a.kinds) {
                total += 1;
                let fresh = seen.insert(newsrake_dedup::paragraph_hash(p));
                // A planned repeat must fold onto its original.
                if *k != Kind::New {
                    assert!(!fresh, "{k:?} variant not detected: {p:?}");
                }
                if !fresh {
                    dups += 1;
                }
            }
        }
        assert_eq!(total, stats.paragraphs);
        let share = dups as f64 / total as f64;
        assert!((0.22..=0.30).contains(&share), "duplicate share {share}");
        // Accidental repeats among new paragraphs stay rare.
        assert!(dups - stats.planned_duplicates() <= total / 200);
        for n in [
            stats.dup_exact,
            stats.dup_case,
            stats.dup_whitespace,
            stats.dup_quotes,
            stats.dup_self,
        ] {
            assert!(n > 0, "{stats:?}");
        }
    }

    #[test]
    fn sentences_split() {
        assert_eq!(
            split_sentences("One two. Three four! \"Five\" six. e.g. seven"),
            vec!["One two.", "Three four!", "\"Five\" six. e.g. seven"]
        );
    }

    #[test]
    fn rng_below_in_range() {
        let mut r = Rng::new(1);
        assert!((0..1000).all(|_| r.below(7) < 7));
    }
}
