//! Property tests for the dedup key: no panic, and its shape.

use newsrake_dedup::{normalize, paragraph_hash};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn key_is_trimmed_and_single_spaced(text in any::<String>()) {
        let mut key = String::new();
        normalize(&text, &mut key);
        prop_assert!(!key.starts_with(' ') && !key.ends_with(' '));
        prop_assert!(!key.contains("  "));
        prop_assert!(!key.chars().any(|c| c.is_whitespace() && c != ' '));
    }

    #[test]
    fn case_whitespace_and_quotes_do_not_matter(words in prop::collection::vec("[a-zA-Z']{1,8}", 1..12)) {
        let plain = words.join(" ");
        let noisy = format!("  {}\t", words.join(" \n ").to_uppercase().replace('\'', "\u{2019}"));
        prop_assert_eq!(paragraph_hash(&plain), paragraph_hash(&noisy));
    }
}
