//! Property test: no text makes extraction panic, and every offset it
//! returns is a char boundary inside an original paragraph.

use newsrake_extract::facts::extract_facts;
use newsrake_extract::{extract, ArticleRef, ParagraphRef};
use proptest::prelude::*;

fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\"".to_string()),
            Just("\u{201C}".to_string()),
            Just("\u{201D}".to_string()),
            Just("\u{2018}".to_string()),
            Just("\u{2019}s".to_string()),
            Just("«".to_string()),
            Just(". ".to_string()),
            Just("U.S.".to_string()),
            Just("killed".to_string()),
            Just("at least".to_string()),
            Just("twenty-three".to_string()),
            Just("between 10 and".to_string()),
            Just("said".to_string()),
            Just("he said".to_string()),
            Just("according to".to_string()),
            Just("Marco Rubio".to_string()),
            Just("London".to_string()),
            Just("Secretary of State".to_string()),
            Just("drone strike".to_string()),
            Just("February 2022".to_string()),
            "[A-Z][a-z]{0,8}",
            "[0-9]{1,5}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..120,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_never_panics(text in newsy(), dup_mask in any::<u32>()) {
        let mut paras = Vec::new();
        let mut off = 0;
        for (i, line) in text.split('\n').enumerate() {
            let t = line.trim();
            if !t.is_empty() {
                let start = off + (line.len() - line.trim_start().len());
                paras.push(ParagraphRef { start, end: start + t.len(), original: dup_mask & (1 << (i % 32)) == 0 });
            }
            off += line.len() + 1;
        }
        let a = ArticleRef { text: &text, paragraphs: &paras, published: Some("2025-04-23") };
        let x = extract(&a);
        let f = extract_facts(&a, &x);
        let inside = |p: usize, s: usize, e: usize| {
            let para = &paras[p];
            para.original && para.start <= s && s <= e && e <= para.end && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        for m in &x.mentions {
            prop_assert!(inside(m.paragraph, m.start, m.end), "{m:?}");
        }
        for c in &f.counts {
            prop_assert!(inside(c.paragraph, c.start, c.end), "{c:?}");
        }
        for e in &f.events {
            prop_assert!(inside(e.paragraph, e.start, e.end), "{e:?}");
        }
        for q in &f.quotes {
            prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end) && q.start <= q.end, "{q:?}");
        }
    }
}
