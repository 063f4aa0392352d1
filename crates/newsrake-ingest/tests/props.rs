//! Property tests: no input panics decoding, splitting or JSONL parsing, and
//! paragraph spans always obey their invariants.

use newsrake_ingest::decode::decode;
use newsrake_ingest::split::{is_blank_char, split_lines, split_txt};
use newsrake_ingest::{parse_jsonl_line, txt_from_bytes, Source, SourceKind};
use newsrake_model::Paragraph;
use proptest::prelude::*;

fn src() -> Source {
    Source {
        path: "p.txt".into(),
        display: "p.txt".into(),
        rel: "p.txt".into(),
        kind: SourceKind::Txt,
        stat: None,
    }
}

#[track_caller]
fn check_spans(text: &str, paras: &[Paragraph]) {
    let mut last = 0;
    for p in paras {
        assert!(p.start >= last && p.start < p.end && p.end <= text.len());
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        let s = &text[p.start..p.end];
        assert!(
            !s.starts_with(is_blank_char) && !s.ends_with(is_blank_char),
            "{s:?}"
        );
        last = p.end;
    }
}

/// Text made of the characters that matter to splitting.
fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            Just("\u{200B}".to_string()),
            Just("\u{202E}".to_string()),
            Just(".".to_string()),
            Just("word".to_string()),
            Just("Ukraine\u{2019}s".to_string()),
            "[a-z]{1,12}".prop_map(|s| s),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..200,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((text, _)) = decode(&bytes) {
            prop_assert!(!text.contains('\r'));
        }
    }

    #[test]
    fn txt_spans_are_sound(text in texty()) {
        let (paras, joined) = split_txt(&text);
        prop_assert_eq!(paras.len(), joined.len());
        check_spans(&text, &paras);
        for j in joined.iter().flatten() {
            prop_assert!(!j.contains('\n'));
        }
    }

    #[test]
    fn line_spans_are_sound(text in texty()) {
        check_spans(&text, &split_lines(&text));
    }

    #[test]
    fn txt_from_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = txt_from_bytes(&src(), &bytes);
    }

    #[test]
    fn jsonl_line_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), text in texty()) {
        let _ = parse_jsonl_line(&src(), 1, &bytes);
        let line = serde_json::json!({"id": text.clone(), "text": text}).to_string();
        if let Ok((article, _)) = parse_jsonl_line(&src(), 1, line.as_bytes()) {
            check_spans(&article.text, &article.paragraphs);
        }
    }
}
