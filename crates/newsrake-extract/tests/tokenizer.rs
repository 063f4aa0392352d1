//! Differential test: the byte-level tokenizer gives exactly the tokens of
//! the original char-by-char one (kept in `tests/reference/token_v0.rs`) on
//! the seed texts, the fact cases and random text made of the characters
//! the tokenizer treats specially.

#[path = "reference/token_v0.rs"]
mod token_v0;

use newsrake_extract::token::{tokenize, TokKind};
use proptest::prelude::*;

fn same_tokens(text: &str) -> Result<(), String> {
    let mut new = Vec::new();
    let mut old = Vec::new();
    // Per line, like paragraphs, plus the whole text in one call.
    let mut ranges = vec![(0, text.len())];
    let mut off = 0;
    for l in text.split('\n') {
        ranges.push((off, off + l.len()));
        off += l.len() + 1;
    }
    for (a, b) in ranges {
        new.clear();
        old.clear();
        tokenize(text, a, b, &mut new);
        token_v0::tokenize(text, a, b, &mut old);
        let key_new: Vec<_> = new
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    TokKind::Word => 0,
                    TokKind::Num => 1,
                    TokKind::Poss => 2,
                    TokKind::Punct => 3,
                };
                let flags = (t.cap, t.allcaps, t.sent_start, t.abbr, t.space_before);
                (t.start, t.end, kind, flags)
            })
            .collect();
        let key_old: Vec<_> = old
            .iter()
            .map(|t| {
                let kind = match t.kind {
                    token_v0::TokKind::Word => 0,
                    token_v0::TokKind::Num => 1,
                    token_v0::TokKind::Poss => 2,
                    token_v0::TokKind::Punct => 3,
                };
                let flags = (t.cap, t.allcaps, t.sent_start, t.abbr, t.space_before);
                (t.start, t.end, kind, flags)
            })
            .collect();
        if key_new != key_old {
            let k = key_new
                .iter()
                .zip(&key_old)
                .position(|(x, y)| x != y)
                .unwrap_or(key_new.len().min(key_old.len()));
            let at = key_new.get(k).or(key_old.get(k)).map_or(a, |t| t.0);
            let from = (a..=at)
                .rev()
                .find(|&i| at - i >= 40 && text.is_char_boundary(i));
            return Err(format!(
                "…{:?}: first difference at token {k}: new {:?} old {:?}",
                &text[from.unwrap_or(a)..at],
                key_new.get(k),
                key_old.get(k)
            ));
        }
    }
    Ok(())
}

#[test]
fn same_tokens_on_real_text() {
    let mut texts: Vec<String> = vec![
        include_str!("facts/cases.txt").to_string(),
        include_str!("fixtures/seed_000.txt").to_string(),
    ];
    for dir in ["../../seeds", "../../tests/eval"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    // Larger corpora when present (not in the repository).
    if let Ok(p) = std::env::var("NEWSRAKE_TOKEN_CORPUS") {
        texts.push(std::fs::read_to_string(p).expect("NEWSRAKE_TOKEN_CORPUS"));
    }
    for t in &texts {
        if let Err(e) = same_tokens(t) {
            panic!("{e}");
        }
    }
}

fn tricky() -> impl Strategy<Value = String> {
    const SPECIAL: &[&str] = &[
        " ", "\n", "\t", "\u{a0}", "\u{2003}", "\u{85}", "-", "'", "’", "‘", "\"", "“", "”", ".",
        ",", ":", "*", "•", "!", "?", "(", "—", "s", "S", "a", "Z", "al", "Mr", "Sept", "approx",
        "U", "é", "É", "Ж", "中", "٣", "ǅ", "1", "42",
    ];
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(SPECIAL).prop_map(str::to_string),
            "[A-Za-z]{1,6}",
            "[0-9]{1,4}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn same_tokens_on_random_text(text in tricky()) {
        if let Err(e) = same_tokens(&text) {
            prop_assert!(false, "{}", e);
        }
    }
}
