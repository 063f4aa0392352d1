//! Paragraph splitting.
//!
//! The rules (documented in docs/SCHEMA.md):
//! - `.txt`: blank lines always separate paragraphs; a non-empty line is a
//!   paragraph of its own, except inside a *hard-wrapped block*, whose lines
//!   join into one paragraph with single spaces. Line `i` of a block of
//!   consecutive non-blank lines is joined to line `i + 1` when the block's
//!   widest line `W` is between [`MIN_WRAP_WIDTH`] and [`MAX_WRAP_WIDTH`]
//!   code points, line `i` plus a space plus the first word of line `i + 1`
//!   would be wider than `W` (a greedy wrapper would have broken there), and
//!   the block shows it was wrapped mid-sentence: at least one such line does
//!   not end a sentence (`.`, `!`, `?`, `:`, `…`, optionally followed by
//!   closing quotes or brackets). So "One sentence.\nAnother." stays two
//!   paragraphs, as one-paragraph-a-line text like the seed needs.
//! - JSONL `text`: every non-blank line is a paragraph; nothing is joined.
//! - Lines are trimmed of whitespace and invisible characters (zero-width,
//!   bidi controls) at both ends;
//!   a line that is empty after trimming is blank.

use newsrake_model::Paragraph;

/// Widest line (in code points) a hard-wrapped block may have.
pub const MAX_WRAP_WIDTH: usize = 80;
/// Narrowest widest-line a block must have to be taken as hard-wrapped, so
/// that lists of short lines (addresses, bylines) stay separate.
pub const MIN_WRAP_WIDTH: usize = 30;

/// Whitespace plus the zero-width characters that render as nothing.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Characters that render as nothing: zero-width spaces and joiners, the
/// BOM, and the bidirectional marks, embeddings, overrides and isolates.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A trimmed, non-blank line: byte range into the text.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
    /// Width in code points.
    width: usize,
    /// Width of the first word, in code points.
    first_word: usize,
    /// The line ends a sentence.
    ends_sentence: bool,
}

fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']', '\u{BB}']);
    core.ends_with(['.', '!', '?', ':', '\u{2026}'])
}

/// Every line of `text` as its trimmed byte range (`start == end` for a
/// blank line).
fn trimmed_lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut offset = 0;
    text.split('\n').map(move |raw| {
        let line_start = offset;
        offset += raw.len() + 1;
        let trimmed = raw.trim_start_matches(is_blank_char);
        let start = line_start + (raw.len() - trimmed.len());
        (start, start + trimmed.trim_end_matches(is_blank_char).len())
    })
}

/// Non-blank lines, grouped into blocks separated by blank lines.
fn blocks(text: &str) -> Vec<Vec<Line>> {
    let mut blocks = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for (start, end) in trimmed_lines(text) {
        let trimmed = &text[start..end];
        if trimmed.is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
            continue;
        }
        let (width, first_word) = if trimmed.is_ascii() {
            let fw = trimmed
                .bytes()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(trimmed.len());
            (trimmed.len(), fw)
        } else {
            let fw = trimmed.chars().take_while(|c| !c.is_whitespace()).count();
            (trimmed.chars().count(), fw)
        };
        block.push(Line {
            start,
            end: start + trimmed.len(),
            width,
            first_word,
            ends_sentence: ends_sentence(trimmed),
        });
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// Split a plain-text article. Returns the paragraph spans and, for joined
/// hard-wrapped paragraphs, their joined text.
///
/// ```
/// use newsrake_ingest::split::split_txt;
/// let (paras, joined) = split_txt("Title\n\nOne.\nTwo.\n");
/// assert_eq!(paras.len(), 3);
/// assert!(joined.iter().all(Option::is_none));
/// ```
pub fn split_txt(text: &str) -> (Vec<Paragraph>, Vec<Option<String>>) {
    let mut paras = Vec::new();
    let mut joined = Vec::new();
    for block in blocks(text) {
        let widest = block.iter().map(|l| l.width).max().unwrap_or(0);
        let full = |i: usize| block[i].width + 1 + block[i + 1].first_word > widest;
        let wrapped = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&widest)
            && (0..block.len().saturating_sub(1)).any(|i| full(i) && !block[i].ends_sentence);
        let mut first = 0;
        for i in 0..block.len() {
            let join_next = wrapped && i + 1 < block.len() && full(i);
            if join_next {
                continue;
            }
            let run = &block[first..=i];
            paras.push(Paragraph {
                start: run[0].start,
                end: run[run.len() - 1].end,
            });
            joined.push(if run.len() > 1 {
                let parts: Vec<&str> = run.iter().map(|l| &text[l.start..l.end]).collect();
                Some(parts.join(" "))
            } else {
                None
            });
            first = i + 1;
        }
    }
    (paras, joined)
}

/// Split a JSONL `text`: every non-blank line is a paragraph (no blocks,
/// widths or sentence ends to work out: nothing is joined).
pub fn split_lines(text: &str) -> Vec<Paragraph> {
    trimmed_lines(text)
        .filter(|(start, end)| start < end)
        .map(|(start, end)| Paragraph { start, end })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_txt(text: &str, expected: &[&str]) {
        let (paras, joined) = split_txt(text);
        let got: Vec<String> = paras
            .iter()
            .zip(&joined)
            .map(|(p, j)| {
                j.clone()
                    .unwrap_or_else(|| text[p.start..p.end].to_string())
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn one_line_one_paragraph() {
        let long = "x".repeat(100);
        check_txt(&format!("{long}\n{long}\n\n\n"), &[&long, &long]);
        check_txt("  a  \n\n\n  b\t\n", &["a", "b"]);
        check_txt("", &[]);
        check_txt(" \n\t\n\u{200B}\n", &[]);
    }

    #[test]
    fn hard_wrapped_blocks_join() {
        let text = "Russia and Ukraine agreed on Tuesday to a limited\n\
                    ceasefire covering energy infrastructure, officials\n\
                    said.\n\
                    \n\
                    The talks in Riyadh lasted twelve hours and ended\n\
                    without a joint statement.\n";
        check_txt(
            text,
            &[
                "Russia and Ukraine agreed on Tuesday to a limited ceasefire covering energy \
                 infrastructure, officials said.",
                "The talks in Riyadh lasted twelve hours and ended without a joint statement.",
            ],
        );
    }

    #[test]
    fn short_lines_stay_apart() {
        // A headline above wrapped text: "Headline" + " " + "Russia" fits, so no join.
        check_txt(
            "Ceasefire talks stall\nRussia and Ukraine agreed on Tuesday to a limited\nceasefire.",
            &[
                "Ceasefire talks stall",
                "Russia and Ukraine agreed on Tuesday to a limited ceasefire.",
            ],
        );
        check_txt(
            "John Smith\n10 Downing Street\nLondon",
            &["John Smith", "10 Downing Street", "London"],
        );
    }

    #[test]
    fn full_lines_ending_sentences_are_not_wrapped() {
        check_txt(
            "Ukraine's foreign minister met envoys in London.\nSecond line.",
            &[
                "Ukraine's foreign minister met envoys in London.",
                "Second line.",
            ],
        );
        check_txt(
            "Officials said the talks were \"productive\".\nThe ceasefire holds.",
            &[
                "Officials said the talks were \"productive\".",
                "The ceasefire holds.",
            ],
        );
    }

    #[test]
    fn jsonl_lines() {
        let text = "a\n\n  b  \nc";
        let p = split_lines(text);
        let got: Vec<&str> = p.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(got, ["a", "b", "c"]);
    }
}
