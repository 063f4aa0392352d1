//! Quotes with speakers, casualty counts and events: the facts analysts code
//! by hand. Pure, like the rest of the crate: [`extract_facts`] reads the
//! original paragraphs of an article plus its entity [`Extraction`] and
//! returns [`Facts`].
//!
//! - **Quotes**: straight and curly double quotes, « », and top-level curly
//!   single quotes (‘…’, never an apostrophe); a paragraph that opens a quote
//!   and does not close it continues into the next paragraph that opens with
//!   a quote mark; an unbalanced mark inside a paragraph is skipped. The
//!   speaker is the named subject of a cue verb in the same sentence ("X
//!   said", "said X", "according to X", "X described … as"), or, for a
//!   pronoun ("he said") or no name, the nearest person mentioned before.
//! - **Counts**: a number (digits, number words, "a dozen", ranges, "at least",
//!   "dozens") next to a kind word (killed, dead, died, fatalities, injured,
//!   wounded, missing, arrested, displaced, …). ACLED's rule: "casualties" is
//!   its own kind, never a death count.
//! - **Events**: one per (sentence, type) with a trigger word; a small
//!   ACLED-flavoured taxonomy (see [`EVENT_TYPES`]). Place, date, actors and
//!   fatalities come from the same sentence.
//!
//! ```
//! use newsrake_extract::{extract, ArticleRef, ParagraphRef};
//! use newsrake_extract::facts::extract_facts;
//! let text = "A Russian drone strike on Marhanets killed nine people, governor Serhiy Lysak said.";
//! let paras = [ParagraphRef { start: 0, end: text.len(), original: true }];
//! let a = ArticleRef { text, paragraphs: &paras, published: None };
//! let f = extract_facts(&a, &extract(&a));
//! assert_eq!((f.counts[0].kind, f.counts[0].number), ("killed", 9));
//! assert_eq!(f.events[0].event_type, "air_drone_strike");
//! assert_eq!(f.events[0].fatalities, Some(9));
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::lexicon::HashMap;
use crate::token::{tokenize, Tok, TokKind};
use crate::{ArticleRef, Extraction, Id, MentionType, Sentence};

/// A quotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub paragraph: usize,
    /// Byte range of the quoted words, without the marks.
    pub start: usize,
    pub end: usize,
    /// The quoted words (continuation marks of multi-paragraph quotes removed,
    /// paragraphs joined with a space).
    pub text: String,
    pub speaker_entity_id: Id,
    pub speaker: String,
    /// The cue: "said", "told", "described … as", "according to", ...
    pub cue: String,
    /// "direct" (a whole clause) or "partial" (a fragment inside a sentence).
    pub kind: &'static str,
}

/// A number of people killed, injured, ...
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub paragraph: usize,
    /// Byte range of the count phrase ("nine fatalities", "at least 12 people
    /// were killed").
    pub start: usize,
    pub end: usize,
    /// killed, injured, missing, arrested, displaced, casualties.
    pub kind: &'static str,
    pub number: u64,
    /// Upper end of a range ("between 10 and 12"), else None.
    pub number_max: Option<u64>,
    /// "at least", "more than", "over": `number` is a lower bound.
    pub lower_bound: bool,
    /// "dozens", "about", "nearly", "some", ...
    pub approximate: bool,
    pub place_entity_id: Id,
    /// Byte range of the sentence.
    pub sentence_start: usize,
    pub sentence_end: usize,
}

/// An event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub paragraph: usize,
    /// Byte range of the sentence.
    pub start: usize,
    pub end: usize,
    pub event_type: &'static str,
    /// The trigger words as written.
    pub trigger: String,
    /// ISO date from the sentence, else the article's `published` date; ""
    /// when neither resolves.
    pub date: String,
    pub place_entity_id: Id,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Entity ids of the people, organisations, countries and groups in the
    /// sentence (the place excluded), in text order, without repeats.
    pub actors: Vec<Id>,
    /// People killed, from a count in the same sentence.
    pub fatalities: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub quotes: Vec<Quote>,
    pub counts: Vec<Count>,
    pub events: Vec<Event>,
}

/// The event taxonomy: (type, triggers). Multi-word triggers are matched as
/// lower-case word sequences; the first type whose trigger matches in a
/// sentence wins for that trigger.
pub const EVENT_TYPES: &[(&str, &[&str])] = &[
    (
        "air_drone_strike",
        &[
            "drone strike",
            "drone strikes",
            "drone attack",
            "drone attacks",
            "air strike",
            "air strikes",
            "airstrike",
            "airstrikes",
            "air raid",
            "air raids",
            "bombing raid",
            "aerial bombardment",
            "missile strike",
            "missile strikes",
            "missile attack",
            "missile attacks",
            "rocket attack",
            "rocket attacks",
            "bombed",
        ],
    ),
    (
        "shelling",
        &[
            "shelling",
            "shelled",
            "artillery fire",
            "mortar fire",
            "mortar attack",
        ],
    ),
    (
        "explosion",
        &[
            "explosion",
            "blast",
            "car bomb",
            "suicide bombing",
            "roadside bomb",
            "ied",
            "landmine",
        ],
    ),
    (
        "battle",
        &[
            "clashes",
            "clashed",
            "fighting",
            "firefight",
            "gunfight",
            "battle for",
            "offensive",
            "counteroffensive",
        ],
    ),
    (
        "attack",
        &[
            "attack on",
            "attacks on",
            "attacked",
            "gunmen",
            "shooting",
            "stabbing",
            "massacre",
            "ambush",
            "ambushed",
        ],
    ),
    (
        "protest",
        &[
            "protest",
            "protests",
            "protesters",
            "protestors",
            "demonstration",
            "demonstrators",
            "rally",
            "marched",
        ],
    ),
    ("riot", &["riot", "riots", "rioters", "looting"]),
    (
        "arrest",
        &["arrested", "detained", "arrest of", "taken into custody"],
    ),
    (
        "talks",
        &[
            "talks",
            "negotiations",
            "negotiation",
            "peace talks",
            "summit",
            "discussions",
            "meeting",
            "meetings",
            "to meet",
            "will meet",
            "met with",
            "met",
            "meet with",
            "bilateral",
        ],
    ),
    (
        "statement",
        &[
            "issued a statement",
            "said in a statement",
            "joint statement",
            "press conference",
        ],
    ),
];

/// Count kinds: (kind, words). The kind word must be within a few words of
/// the number.
const COUNT_KINDS: &[(&str, &[&str])] = &[
    (
        "killed",
        &[
            "killed",
            "killing",
            "dead",
            "died",
            "die",
            "deaths",
            "death",
            "fatalities",
            "fatality",
            "lives",
            "bodies",
            "slain",
            "massacred",
            "executed",
            "perished",
        ],
    ),
    (
        "injured",
        &[
            "injured",
            "injuring",
            "wounded",
            "wounding",
            "hurt",
            "injuries",
            "hospitalised",
            "hospitalized",
        ],
    ),
    ("missing", &["missing", "unaccounted"]),
    (
        "arrested",
        &[
            "arrested",
            "detained",
            "detaining",
            "arresting",
            "custody",
            "arrests",
        ],
    ),
    (
        "displaced",
        &[
            "displaced",
            "evacuated",
            "homeless",
            "fled",
            "refugees",
            "displacing",
        ],
    ),
    ("casualties", &["casualties", "casualty"]),
];

/// Cue verbs of a quote. (A `match`: a length switch and a few byte
/// comparisons, not a scan of the list, for every word around a quote.)
fn is_cue(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "stated"
            | "states"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "described"
            | "describes"
            | "asked"
            | "warned"
            | "warns"
            | "noted"
            | "notes"
            | "explained"
            | "insisted"
            | "argued"
            | "claimed"
            | "declared"
            | "tweeted"
            | "posted"
            | "announced"
            | "confirmed"
            | "urged"
            | "replied"
            | "responded"
            | "acknowledged"
            | "admitted"
            | "cautioned"
            | "stressed"
            | "emphasised"
            | "emphasized"
            | "commented"
            | "remarked"
            | "continued"
            | "concluded"
            | "recalled"
            | "vowed"
            | "called"
            | "demanded"
            | "pledged"
            | "promised"
            | "predicted"
            | "suggested"
            | "maintained"
            | "conceded"
            | "boasted"
            | "complained"
            | "reported"
            | "testified"
            | "quipped"
    )
}

/// Spans of the sentences of one paragraph (byte ranges into the text),
/// appended to `out`: the splitter's sentence starts (`toks`, the tokens of
/// `text[start..end]` as [`tokenize`] gives them), with the fragments it
/// leaves around quote marks merged into their neighbours.
///
/// [`crate::extract`] calls this while it tokenizes, so that
/// [`extract_facts`] finds the spans in [`Extraction::sentences`] and need
/// not tokenize the text a second time.
pub(crate) fn sentence_spans(
    text: &str,
    start: usize,
    end: usize,
    toks: &[Tok],
    out: &mut Vec<(usize, usize)>,
) {
    // The pieces between the splitter's sentence starts (no vector: each
    // piece runs from the end of the one before).
    let mut s = start;
    let raw = toks
        .iter()
        .skip(1)
        .filter(|t| t.sent_start)
        .map(|t| t.start)
        .chain(std::iter::once(end))
        .map(|b| (std::mem::replace(&mut s, b), b));
    // Merge fragments the splitter leaves around quote marks: a piece with
    // no letters or digits (a lone opening mark), or one that starts in lower
    // case ("…,” said X."), belongs to its neighbour.
    let first = out.len();
    let mut pending: Option<usize> = None;
    for (a, b) in raw {
        let seg = &text[a..b];
        if !seg.chars().any(char::is_alphanumeric) {
            // A lone opening mark starts the next sentence; anything else
            // without words ends the previous one.
            if seg.trim().chars().all(|c| is_open(c) || c == '\u{2018}') {
                pending.get_or_insert(a);
            } else if let Some(last) = out[first..].last_mut() {
                last.1 = b;
            } else {
                pending.get_or_insert(a);
            }
            continue;
        }
        let a = pending.take().unwrap_or(a);
        match out[first..].last_mut() {
            Some(last) if seg.trim_start().starts_with(char::is_lowercase) => last.1 = b,
            _ => out.push((a, b)),
        }
    }
    if let (Some(p), Some(last)) = (pending, out[first..].last_mut()) {
        last.1 = last.1.max(p);
    }
    // Trailing white space off; empty spans out.
    let mut k = first;
    for i in first..out.len() {
        let (a, b) = out[i];
        let b = a + text[a..b].trim_end().len();
        if b > a {
            out[k] = (a, b);
            k += 1;
        }
    }
    out.truncate(k);
}

/// The sentence spans of every original paragraph of `article`: (paragraph,
/// start, end). What [`crate::extract`] leaves in [`Extraction::sentences`].
fn all_sentences(article: &ArticleRef<'_>) -> Vec<Sentence> {
    let mut toks = Vec::new();
    let mut spans = Vec::new();
    let mut out = Vec::new();
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if !p.original {
            continue;
        }
        toks.clear();
        spans.clear();
        tokenize(article.text, p.start, p.end, &mut toks);
        sentence_spans(article.text, p.start, p.end, &toks, &mut spans);
        out.extend(spans.iter().map(|&(start, end)| Sentence {
            paragraph: pi,
            start,
            end,
        }));
    }
    out
}

/// Find all facts in the original paragraphs of `article`.
///
/// `x` is `extract(article)`; its sentence spans are used when it has them
/// (an `Extraction` built by hand may not: then they are computed here).
pub fn extract_facts(article: &ArticleRef<'_>, x: &Extraction) -> Facts {
    facts_of(article, x, None)
}

/// [`extract_facts`], given the tokens [`crate::extract`] made for `x`
/// (those of every original paragraph, in text order): the words of each
/// sentence are read off them ([`words_from_tokens`]) instead of split from
/// the text again. What [`crate::extract_with_facts`] calls.
pub(crate) fn extract_facts_with_tokens(
    article: &ArticleRef<'_>,
    x: &Extraction,
    toks: &[Tok],
) -> Facts {
    facts_of(article, x, Some(toks))
}

fn facts_of(article: &ArticleRef<'_>, x: &Extraction, toks: Option<&[Tok]>) -> Facts {
    let text = article.text;
    // The lower-cased copy is as long as the article: reuse this thread's
    // buffer (a fresh allocation of that size per article is a slow path
    // of malloc).
    let mut lower = LOWER.with(|l| std::mem::take(&mut *l.borrow_mut()));
    lower.clear();
    lower.push_str(text);
    lower.make_ascii_lowercase();
    let facts = facts_with(article, x, text, &lower, toks);
    LOWER.with(|l| *l.borrow_mut() = lower);
    facts
}

thread_local! {
    /// Per-thread buffer for the lower-cased article (no observable state:
    /// overwritten before every use).
    static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn facts_with(
    article: &ArticleRef<'_>,
    x: &Extraction,
    text: &str,
    lower: &str,
    toks: Option<&[Tok]>,
) -> Facts {
    let t = Cased { text, lower };
    // The tokens go with the extraction's own sentences (not with spans
    // computed here for an `Extraction` that has none).
    let toks = toks.filter(|_| !x.sentences.is_empty());
    // The first token not before the current sentence.
    let mut tok_at = 0;
    let mut facts = Facts::default();
    let computed;
    let all: &[Sentence] = if x.sentences.is_empty() {
        computed = all_sentences(article);
        &computed
    } else {
        &x.sentences
    };
    let mut rest = all;
    // (this thread's buffers, cleared: see `Scratch`)
    let mut scratch = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut sents = std::mem::take(&mut scratch.sents);
    let mut ws = recycle(std::mem::take(&mut scratch.ws));
    let mut spans = std::mem::take(&mut scratch.spans);
    let fact_words = fact_word_map();
    let mut fw = std::mem::take(&mut scratch.fw);
    let mut open_quote: OpenQuote = None;
    // The sentences quotes are attributed in: the previous original
    // paragraph's last one (`X said:` closing a paragraph introduces a quote
    // opening the next), then this paragraph's.
    let mut quote_sents = std::mem::take(&mut scratch.quote_sents);
    let mut prev_last: Option<(usize, usize)> = None;
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if !p.original {
            // A duplicate breaks any quote that was running on.
            if let Some((q, true)) = open_quote.take() {
                facts.quotes.push(q);
            }
            prev_last = None;
            continue;
        }
        // Sentences are in paragraph order: this paragraph's come first.
        let n = rest.iter().take_while(|s| s.paragraph <= pi).count();
        sents.clear();
        sents.extend(
            rest[..n]
                .iter()
                .filter(|s| s.paragraph == pi)
                .map(|s| (s.start, s.end)),
        );
        rest = &rest[n..];
        quote_sents.clear();
        quote_sents.extend(prev_last);
        quote_sents.extend_from_slice(&sents);
        prev_last = sents.last().copied();
        quotes_in_paragraph(
            article,
            t,
            x,
            pi,
            &quote_sents,
            &mut open_quote,
            &mut facts.quotes,
        );
        for &(s, e) in &sents {
            match toks {
                Some(toks) => {
                    while tok_at < toks.len() && toks[tok_at].start < s {
                        tok_at += 1;
                    }
                    let first = tok_at;
                    while tok_at < toks.len() && toks[tok_at].start < e {
                        tok_at += 1;
                    }
                    spans_from_tokens(text, &toks[first..tok_at], &mut spans);
                    // Most sentences hold no count and no event: skip
                    // lower-casing their words.
                    if !may_hold_facts(t, fact_words, &spans) {
                        continue;
                    }
                    ws.clear();
                    ws.extend(
                        spans
                            .iter()
                            .map(|&(a, b, ascii)| (a, b, lower_word(t, a, b, ascii))),
                    );
                }
                None => words_into(t, s, e, &mut ws),
            }
            fact_words_into(fact_words, &ws, &mut fw);
            let counts = counts_in_sentence(text, &ws, &fw, x, pi, s, e);
            events_in_sentence(
                article,
                &ws,
                &fw,
                x,
                (pi, s, e),
                &counts,
                &mut scratch.hits,
                &mut facts.events,
            );
            facts.counts.extend(counts);
        }
    }
    if let Some((q, true)) = open_quote {
        facts.quotes.push(q);
    }
    fw.clear();
    scratch.sents = sents;
    scratch.ws = recycle(ws);
    scratch.spans = spans;
    scratch.fw = fw;
    scratch.quote_sents = quote_sents;
    SCRATCH.with(|s| *s.borrow_mut() = scratch);
    facts
}

/// Per-thread buffers of [`facts_with`], kept from one article to the next
/// (no observable state: each is cleared before use).
#[derive(Default)]
struct Scratch {
    sents: Vec<(usize, usize)>,
    quote_sents: Vec<(usize, usize)>,
    spans: Vec<Span>,
    fw: Vec<Option<&'static FactWord>>,
    /// trigger hits of a sentence ([`events_in_sentence`])
    hits: Vec<(usize, usize, usize)>,
    /// Empty between articles: [`recycle`] lends its buffer to the words
    /// of each.
    ws: Vec<Word<'static>>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// `v` emptied, as a vector of words of another lifetime. It keeps the
/// buffer of `v` (the standard library collects a vector's `into_iter`,
/// mapped to a type of the same size, in place); the map never runs.
fn recycle<'b>(mut v: Vec<Word<'_>>) -> Vec<Word<'b>> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Quotes

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{AB}' | '\u{201E}')
}

fn closer_for(c: char) -> &'static [char] {
    match c {
        '\u{201C}' | '\u{201E}' => &['\u{201D}', '"'],
        '\u{AB}' => &['\u{BB}'],
        '"' => &['"', '\u{201D}'],
        '\u{2018}' => &['\u{2019}'],
        _ => &[],
    }
}

/// Quote pairs in `text[start..end]`: (open mark offset, close mark offset or
/// None when the quote is still open at the end).
///
/// Scans bytes: every mark is '"' or starts with 0xC2 (« ») or 0xE2 (“ ” „ ‘ ’),
/// so only those bytes (and '\n', which stops a search for a closer) are
/// decoded.
fn quote_marks(text: &str, start: usize, end: usize) -> Vec<(usize, Option<usize>)> {
    let s = &text[start..end];
    let b = s.as_bytes();
    let char_at = |i: usize| s[i..].chars().next().unwrap_or(' ');
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'"', 0xC2, 0xE2, &b[i..]) {
        let off = i + k;
        let c = char_at(off);
        let cl = c.len_utf8();
        i = off + cl;
        let prev = s[..off].chars().next_back();
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p));
        let single = c == '\u{2018}' && at_word_start;
        if !(is_open(c) || single) {
            continue;
        }
        if c == '"' && !at_word_start && s[i..].chars().next().is_some_and(|n| !n.is_whitespace()) {
            // A straight quote glued between two words is not an opening.
            continue;
        }
        let closers = closer_for(c);
        // The closer is on the same line: the candidates are the bytes
        // memchr3 finds before the next '\n' (0xC2 and 0xE2 are never
        // inside a char, so they start one).
        let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
        let mut j = i;
        let mut found = None;
        while let Some(k) = memchr::memchr3(b'"', 0xC2, 0xE2, &b[j..line_end]) {
            j += k;
            let d = char_at(j);
            let dl = d.len_utf8();
            if closers.contains(&d) {
                let next = s[j + dl..].chars().next();
                // A curly single close must end a word (not "Ukraine’s").
                if d != '\u{2019}' || next.is_none_or(|n| !n.is_alphanumeric()) {
                    found = Some((j, dl));
                    break;
                }
            }
            j += dl;
        }
        match found {
            Some((j, dl)) => {
                out.push((start + off, Some(start + j)));
                i = j + dl;
            }
            None => {
                out.push((start + off, None));
                break;
            }
        }
    }
    out
}

/// Whether `s` has at least `n` words (stops counting there: quotes can be
/// long).
fn has_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n.saturating_sub(1)).is_some()
}

fn trim_span(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let s = &text[a..b];
    let t = s.trim_start();
    a += s.len() - t.len();
    let t2 = t.trim_end();
    b = a + t2.len();
    (a, b)
}

/// A quote still open at the end of a paragraph, and whether it opened the
/// paragraph (then it stands even if nothing continues it).
type OpenQuote = Option<(Quote, bool)>;

fn quotes_in_paragraph(
    article: &ArticleRef<'_>,
    t: Cased<'_>,
    x: &Extraction,
    pi: usize,
    sents: &[(usize, usize)],
    open_quote: &mut OpenQuote,
    out: &mut Vec<Quote>,
) {
    let text = article.text;
    let p = &article.paragraphs[pi];
    let marks = if has_quote_mark(&text[p.start..p.end]) {
        quote_marks(text, p.start, p.end)
    } else {
        Vec::new()
    };
    let first_is_open = text[p.start..p.end].starts_with(is_open);
    let mut rest = &marks[..];
    // A quote running on from the previous paragraph continues only if this
    // paragraph opens with a mark; otherwise it stands as it was (if it
    // opened its paragraph) or was an unbalanced mark (dropped).
    if let Some((mut q, whole)) = open_quote.take() {
        if first_is_open {
            let (open, close) = marks[0];
            let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
            let (a, b) = trim_span(text, open + mark_len, close.unwrap_or(p.end));
            q.text.push(' ');
            q.text.push_str(&text[a..b]);
            q.end = b;
            if close.is_none() {
                *open_quote = Some((q, whole));
                return;
            }
            out.push(q);
            rest = &marks[1..];
        } else if whole {
            out.push(q);
        }
    }
    for (k, &(open, close)) in rest.iter().enumerate() {
        let last = k + 1 == rest.len();
        push_quote(article, t, x, pi, sents, open, close, last, open_quote, out);
    }
}

/// The end of the closing mark at `c`.
fn close_end_of(text: &str, c: usize) -> usize {
    c + text[c..].chars().next().map_or(1, char::len_utf8)
}

/// Words that announce a name in quotes (`also called "Q-West"`); with
/// [`WORKS`], a title (`the video "How To ..."`, `author of "The History of
/// ..."`).
const NAMING: &[&str] = &[
    "called",
    "named",
    "dubbed",
    "nicknamed",
    "codenamed",
    "rename",
    "renamed",
    "pseudonym",
    "name",
    "starred",
    "hashtag",
    "slogan",
    "campaign",
    "operation",
    "programme",
    "program",
    "see",
];
/// Words that announce the title of a work (also names for
/// [`names_a_title`], with [`NAMING`]).
const WORKS: &[&str] = &[
    "entitled",
    "titled",
    "episode",
    "video",
    "song",
    "single",
    "film",
    "movie",
    "book",
    "novel",
    "album",
    "podcast",
    "drama",
    "documentary",
    "opera",
    "musical",
    "painting",
    "sitcom",
    "thriller",
    "comedy",
    "memoir",
    "exhibition",
    "show",
    "series",
    "play",
    "poem",
    "article",
    "column",
    "headline",
];
/// Small words a title may hold in lower case.
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "from", "by", "vs",
    "vs.", "n'", "de", "la", "le",
];

/// A quoted span that is a name or a title, not speech: words in title case
/// (each capitalised but small words), at most twelve, and either announced
/// by a naming word just before the opening mark (`called "Q-West"`, `the
/// book "Peter the Great"`) or a nickname inside a name (`John "J.D."
/// Dorrian`). Speech in quotes is rarely all title case; a lower-case
/// fragment (`called the plan "unrealistic"`) is never one.
fn names_a_title(text: &str, open: usize, words: &str, close: Option<(usize, usize)>) -> bool {
    title_in_quotes(text, open, words, close, false)
}

/// Whether the quoted title-case span is the title of a work (a film, a
/// book, a song...: announced by a word for one), whose words are not the
/// article's names; names announced by "called", "nicknamed", ... are.
pub(crate) fn names_a_work(text: &str, open: usize, words: &str) -> bool {
    title_in_quotes(text, open, words, None, true)
}

/// Whether `w`, the word before an opening mark, may announce the title
/// of a work in [`names_a_work`] (a cheap test before the full one).
pub(crate) fn may_announce_work(w: &str) -> bool {
    matches!(w, "in" | "of") || WORKS.contains(&w)
}

fn title_in_quotes(
    text: &str,
    open: usize,
    words: &str,
    close: Option<(usize, usize)>,
    works_only: bool,
) -> bool {
    let ws: Vec<&str> = words.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| !c.is_lowercase())
    };
    let title_case = ws.len() <= 12
        && ws.first().is_some_and(|w| capitalised(w))
        && ws.iter().all(|w| {
            capitalised(w)
                || TITLE_SMALL.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                        .to_lowercase()
                        .as_str(),
                )
        });
    if !title_case {
        return false;
    }
    let before: Vec<&str> = text[..open].split_whitespace().rev().take(2).collect();
    let prev = before.first().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let prev2 = before.get(1).map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    if works_only {
        return prev.as_deref().is_some_and(|w| WORKS.contains(&w))
            || matches!(
                (prev2.as_deref(), prev.as_deref()),
                (Some("author"), Some("of"))
                    | (Some("starred" | "role" | "roles" | "appeared"), Some("in"))
            );
    }
    let announced = prev
        .as_deref()
        .is_some_and(|w| NAMING.contains(&w) || WORKS.contains(&w))
        || matches!(
            (prev2.as_deref(), prev.as_deref()),
            (
                Some("known" | "author" | "also" | "called"),
                Some("as" | "of")
            ) | (Some("starred" | "role" | "roles" | "appeared"), Some("in"))
        );
    // `John "J.D." Dorrian`: a capitalised word right before the mark and
    // right after the closing one.
    let nickname = ws.len() <= 2
        && text[..open].ends_with(' ')
        && before
            .first()
            .is_some_and(|w| capitalised(w) && !w.ends_with(['.', ',', ':', ';']))
        && close.is_some_and(|(_, end)| {
            text[end..].starts_with(' ')
                && text[end..]
                    .split_whitespace()
                    .next()
                    .is_some_and(capitalised)
        });
    announced || nickname
}

#[allow(clippy::too_many_arguments)]
fn push_quote(
    article: &ArticleRef<'_>,
    t: Cased<'_>,
    x: &Extraction,
    pi: usize,
    sents: &[(usize, usize)],
    open: usize,
    close: Option<usize>,
    last_mark: bool,
    open_quote: &mut OpenQuote,
    out: &mut Vec<Quote>,
) {
    let text = article.text;
    let p = &article.paragraphs[pi];
    let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
    // An unclosed mark that is not the paragraph's last can never close.
    if close.is_none() && !last_mark {
        return;
    }
    let body_end = close.unwrap_or(p.end);
    let (a, b) = trim_span(text, open + mark_len, body_end);
    let words = &text[a..b];
    if !has_words(words, 1)
        || names_a_title(text, open, words, close.map(|c| (c, close_end_of(text, c))))
    {
        return;
    }
    let direct = words.starts_with(|c: char| c.is_uppercase()) && has_words(words, 3);
    let close_end = close.map_or(p.end, |c| {
        c + text[c..].chars().next().map_or(1, char::len_utf8)
    });
    let (mut speaker_entity_id, mut speaker, cue) = attribute(t, x, sents, open, close_end);
    // No cue at all: a quote following another one in the same or the
    // previous paragraph is by the same speaker.
    if cue.is_empty() {
        if let Some(prev) = out
            .last()
            .filter(|q| q.paragraph + 1 >= pi && !q.speaker.is_empty())
        {
            speaker_entity_id = prev.speaker_entity_id.clone();
            speaker = prev.speaker.clone();
        }
    }
    // A fragment nobody is said to have said is a scare quote, a title or a
    // nickname ("so-called “caliphate”", `John “J.D.” Dorrian`): not a quote.
    if !direct && cue.is_empty() && speaker.is_empty() {
        return;
    }
    let q = Quote {
        paragraph: pi,
        start: a,
        end: b,
        text: words.trim_end_matches([',', ' ']).to_string(),
        speaker_entity_id,
        speaker,
        cue,
        kind: if direct { "direct" } else { "partial" },
    };
    match close {
        Some(_) => out.push(q),
        None => *open_quote = Some((q, open == p.start)),
    }
}

/// A word: byte range and its lower-case form (borrowed when it already is).
type Word<'a> = (usize, usize, Cow<'a, str>);

/// The article text and an ASCII-lower-cased copy of it (same byte offsets):
/// the lower-case form of an ASCII word is then a slice of `lower` instead of
/// a new `String`.
#[derive(Clone, Copy)]
struct Cased<'t> {
    text: &'t str,
    lower: &'t str,
}

/// The end of the word at `a..b` without its trailing periods.
#[inline]
fn without_dots(bytes: &[u8], a: usize, b: usize) -> usize {
    let mut e = b;
    while e > a && bytes[e - 1] == b'.' {
        e -= 1;
    }
    e
}

/// The lower-case form of the word at `a..b`, without trailing periods.
/// `ascii`: whether the word is pure ASCII, as the scan in [`words_into`]
/// found; its lower-case form is then its slice of `t.lower` (the same text
/// as the word when it has no upper-case letter), with no pass over it.
#[inline]
fn lower_word<'t>(t: Cased<'t>, a: usize, b: usize, ascii: bool) -> Cow<'t, str> {
    let e = without_dots(t.text.as_bytes(), a, b);
    if ascii {
        return Cow::Borrowed(&t.lower[a..e]);
    }
    lower_non_ascii(&t.text[a..e])
}

/// [`lower_word`] of a word with a non-ASCII char (out of line: rare).
#[inline(never)]
fn lower_non_ascii(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// The lower-case words of `text[a..b]` with their byte ranges: runs of
/// alphanumerics, '-' and (inside a word) '.'.
fn words(t: Cased<'_>, a: usize, b: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(t, a, b, &mut out);
    out
}

/// Byte classes for [`words_into`]: can start (and continue) a word; ends
/// a word (ASCII other than alphanumerics, '-' and '.'); non-ASCII (decode
/// to know). '.' is none of these: it continues a word but cannot start one.
const W_START: u8 = 1;
const W_STOP: u8 = 2;
const W_NON_ASCII: u8 = 4;
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            W_NON_ASCII
        } else if b.is_ascii_alphanumeric() || b == b'-' {
            W_START
        } else if b == b'.' {
            0
        } else {
            W_STOP
        };
        i += 1;
    }
    t
};

/// [`words`] into a reused vector (cleared first). One pass over the bytes:
/// ASCII is classified by table without decoding, and each word learns on
/// the way whether it needs lower-casing.
/// A ',' that separates thousands in a number ("1,200", "3,000,000"): a
/// digit before it, exactly three after it, then no further digit or
/// letter. Such a comma stays inside the word, so that the number is read
/// whole (both word splitters use this test, on the whole text's bytes).
fn thousands_comma(text: &[u8], k: usize) -> bool {
    k > 0
        && text[k - 1].is_ascii_digit()
        && text.len() >= k + 4
        && text[k + 1..k + 4].iter().all(u8::is_ascii_digit)
        && text.get(k + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
}

fn words_into<'t>(t: Cased<'t>, a: usize, b: usize, out: &mut Vec<Word<'t>>) {
    out.clear();
    let s = &t.text[a..b];
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Whether the char at `i` is alphanumeric, and its length (non-ASCII).
    let decode = |i: usize| {
        let ch = s[i..].chars().next().unwrap_or(' ');
        (ch.is_alphanumeric(), ch.len_utf8())
    };
    // The first byte at or after `i` in `class`, else `n`.
    let find = |i: usize, class: u8| {
        bytes[i..]
            .iter()
            .position(|&c| WORD_BYTE[c as usize] & class != 0)
            .map_or(n, |k| i + k)
    };
    let mut i = 0;
    loop {
        // Between words: skip to a word start.
        i = find(i, W_START | W_NON_ASCII);
        if i >= n {
            break;
        }
        if bytes[i] >= 0x80 {
            let (alnum, len) = decode(i);
            if !alnum {
                i += len;
                continue;
            }
        }
        // In a word: alphanumerics, '-' and '.'.
        let start = i;
        let mut ascii = true;
        loop {
            i = find(i, W_STOP | W_NON_ASCII);
            if i < n && bytes[i] == b',' && thousands_comma(t.text.as_bytes(), a + i) {
                i += 1;
                continue;
            }
            if i < n && bytes[i] >= 0x80 {
                let (alnum, len) = decode(i);
                if alnum {
                    ascii = false;
                    i += len;
                    continue;
                }
            }
            break;
        }
        out.push((a + start, a + i, lower_word(t, a + start, a + i, ascii)));
    }
}

/// [`words_into`] for a sentence, read off its tokens `toks` (as
/// [`tokenize`] gives them) instead of its bytes: the same words. A word is
/// a run of adjacent pieces made of alphanumerics, '-' and '.', not starting
/// with '.'. Word, Num and Poss tokens are such pieces, except that a ','
/// or an apostrophe splits them (`Tok::has_sep`); a Punct token is one char,
/// a piece only when it is '-' or '.'; white space is no token.
#[cfg(test)]
fn words_from_tokens<'t>(t: Cased<'t>, toks: &[Tok], out: &mut Vec<Word<'t>>) {
    let mut spans = Vec::new();
    spans_from_tokens(t.text, toks, &mut spans);
    out.clear();
    out.extend(
        spans
            .iter()
            .map(|&(a, b, ascii)| (a, b, lower_word(t, a, b, ascii))),
    );
}

/// A word before lower-casing: byte range and whether it is all ASCII.
type Span = (usize, usize, bool);

/// The words of [`words_from_tokens`], as [`Span`]s (into `out`, cleared
/// first): most sentences hold no fact word, and then none of their words
/// need its lower-case form.
fn spans_from_tokens(text: &str, toks: &[Tok], out: &mut Vec<Span>) {
    out.clear();
    let bytes = text.as_bytes();
    // The word being built: start, end, whether all ASCII.
    let mut cur: Option<Span> = None;
    let flush = |cur: &mut Option<Span>, out: &mut Vec<Span>| {
        if let Some(w) = cur.take() {
            out.push(w);
        }
    };
    // The piece a..b continues the current word when adjacent to it, else
    // ends it and starts the next (when it can start one).
    let piece = |cur: &mut Option<Span>,
                 out: &mut Vec<Span>,
                 a: usize,
                 b: usize,
                 ascii: bool,
                 can_start: bool| {
        match cur {
            Some(w) if w.1 == a => {
                w.1 = b;
                w.2 &= ascii;
            }
            _ => {
                flush(cur, out);
                if can_start {
                    *cur = Some((a, b, ascii));
                }
            }
        }
    };
    for tok in toks {
        if tok.kind == TokKind::Punct {
            match bytes[tok.start] {
                b'-' => piece(&mut cur, out, tok.start, tok.end, true, true),
                b'.' => piece(&mut cur, out, tok.start, tok.end, true, false),
                b',' if thousands_comma(bytes, tok.start) => {
                    piece(&mut cur, out, tok.start, tok.end, true, false)
                }
                _ => flush(&mut cur, out),
            }
        } else if !tok.has_sep {
            piece(&mut cur, out, tok.start, tok.end, tok.ascii, true);
        } else {
            // Split at ',', '\'' and '’' (E2 80 99).
            let mut a = tok.start;
            let mut k = tok.start;
            while k < tok.end {
                let sep = match bytes[k] {
                    b',' if thousands_comma(bytes, k) => 0,
                    b',' | b'\'' => 1,
                    0xE2 if bytes[k + 1..].starts_with(&[0x80, 0x99]) => 3,
                    _ => 0,
                };
                if sep == 0 {
                    k += 1;
                    continue;
                }
                if a < k {
                    piece(&mut cur, out, a, k, text[a..k].is_ascii(), true);
                }
                flush(&mut cur, out);
                k += sep;
                a = k;
            }
            if a < tok.end {
                piece(&mut cur, out, a, tok.end, text[a..tok.end].is_ascii(), true);
            }
        }
    }
    flush(&mut cur, out);
}

const PRONOUNS: &[&str] = &["he", "she"];
/// Verbs that take the quote as their object's description: "described X as".
const AS_CUES: &[&str] = &[
    "described",
    "describes",
    "called",
    "calls",
    "termed",
    "labelled",
    "labeled",
    "branded",
    // "X rejected the remarks as "interference"", "dismissed it as", "hailed
    // the deal as"
    "rejected",
    "dismissed",
    "denounced",
    "condemned",
    "decried",
    "hailed",
    "praised",
    "criticised",
    "criticized",
    "welcomed",
];

/// Speaker entity id, name and cue for a quote at `open..close_end`.
fn attribute(
    t: Cased<'_>,
    x: &Extraction,
    sents: &[(usize, usize)],
    open: usize,
    close_end: usize,
) -> (Id, String, String) {
    let text = t.text;
    let Some(si) = sents.iter().position(|(s, e)| *s <= open && open < *e) else {
        return Default::default();
    };
    let (mut s, e) = sents[si];
    // `X said: "…"`: a quote opening its sentence after a colon belongs to
    // the sentence before.
    if si > 0 && text[s..open].trim().is_empty() && text[..s].trim_end().ends_with(':') {
        s = sents[si - 1].0;
    }
    // The attribution after a quote lives in the sentence holding the
    // closing mark (a quote may span sentences).
    let close_at = close_end.saturating_sub(1);
    let e = sents
        .iter()
        .find(|(s2, e2)| *s2 <= close_at && close_at < *e2)
        .map_or(e, |&(_, e2)| e2)
        .max(close_end.min(text.len()));
    let after = words(t, close_end.min(e), e);
    let before = words(t, s, open.max(s));
    // People first: "said Gen. Joseph Votel, commander of U.S. Central
    // Command" is Votel, not the command.
    let speakers = |a: usize, b: usize| {
        let in_range = move |m: &&crate::Mention| m.start >= a && m.end <= b;
        let per: Vec<&crate::Mention> = x
            .mentions
            .iter()
            .filter(in_range)
            .filter(|m| m.kind == MentionType::Per)
            .collect();
        let org: Vec<&crate::Mention> = x
            .mentions
            .iter()
            .filter(in_range)
            .filter(|m| m.kind == MentionType::Org)
            .collect();
        if per.is_empty() {
            org
        } else {
            per
        }
    };
    let name_of = |m: &crate::Mention| {
        let name = x
            .entities
            .iter()
            .find(|en| en.entity_id == m.entity_id)
            .map(|en| en.name.to_string());
        (m.entity_id.clone(), name.unwrap_or_else(|| m.text.clone()))
    };
    let named = |m: Option<&crate::Mention>, cue: String| {
        m.map(|m| {
            let (id, name) = name_of(m);
            (id, name, cue)
        })
    };
    // "according to X" anywhere in the sentence.
    for ws in [&after, &before] {
        if let Some(i) = ws
            .windows(2)
            .position(|w| w[0].2 == "according" && w[1].2 == "to")
        {
            if let Some(r) = named(
                speakers(ws[i + 1].1, e).first().copied(),
                "according to".into(),
            ) {
                return r;
            }
        }
    }
    // A cue that governs the quote from just before it wins: `X described Y
    // as "…"`, `X said: "…"`, `X said "…"`.
    let before_cue = |i: usize| is_cue(&before[i].2);
    let adjacent_before = match before.last() {
        Some(w) if w.2 == "as" => before.iter().rposition(|w| AS_CUES.contains(&w.2.as_ref())),
        Some(_) => {
            let i = before.len() - 1;
            let gap = &text[before[i].1..open];
            (before_cue(i)
                && gap
                    .chars()
                    .all(|c| c.is_whitespace() || c == ':' || c == ','))
            .then_some(i)
        }
        None => None,
    };
    let subject_or_pronoun = |cue_i: usize, ws: &[Word<'_>], from: usize, cue: String| {
        let cue_at = ws[cue_i].0;
        // "X said" (the subject just before the cue) ... or "X, a spokesman
        // for Y, said": the first name followed by an appositive that runs
        // up to the cue, rather than a name inside it.
        let before_cue = speakers(from, cue_at);
        let subject = before_cue
            .iter()
            .find(|m| {
                let gap = text[m.end..cue_at].trim();
                gap.len() > 1 && gap.starts_with(',') && gap.ends_with(',')
            })
            // (a possessor is not the subject: "Poisson reviewed Galois' paper
            // and declared it …")
            .or(before_cue.iter().rev().find(|m| !possessive(text, m.end)))
            .or(before_cue.last())
            .copied();
        if let Some(r) = named(subject, cue.clone()) {
            return r;
        }
        // ... "said X" ...
        // (up to the quote, when the cue comes before it: a name quoted is
        // not the speaker)
        let until = if ws[cue_i].0 < open { open } else { e };
        let window = (ws[cue_i].1 + 60).min(until.max(ws[cue_i].1));
        if let Some(r) = named(speakers(ws[cue_i].1, window).first().copied(), cue.clone()) {
            return r;
        }
        // ... "the secretary said" / "said the minister": the latest
        // person before it with that word in a stated title ...
        if let Some((id, name)) = titled_person(x, ws, cue_i) {
            return (id, name, cue);
        }
        // ... "he said" / "said she": the person the text was about.
        let pronoun = cue_i > 0 && PRONOUNS.contains(&ws[cue_i - 1].2.as_ref())
            || ws
                .get(cue_i + 1)
                .is_some_and(|w| PRONOUNS.contains(&w.2.as_ref()));
        if pronoun {
            if let Some(r) = named(previous_subject(text, x, open), cue.clone()) {
                return r;
            }
            return (Id::default(), String::new(), cue);
        }
        // A name the entity rules did not type: the capitalised words
        // next to the cue ("Secretary Carter said", "said Spc. Walsh").
        (Id::default(), capitalised_next_to(text, ws, cue_i), cue)
    };
    if let Some(ci) = adjacent_before {
        let mut cue = before[ci].2.to_string();
        if before.last().is_some_and(|w| w.2 == "as") {
            cue = format!("{cue} \u{2026} as");
        }
        return subject_or_pronoun(ci, &before, s, cue);
    }
    // A cue after the quote: "…," X said. / "…," said X. / "…," he said.
    if let Some(ci) = after.iter().position(|w| is_cue(&w.2)) {
        return subject_or_pronoun(
            ci,
            &after,
            close_end.min(after[ci].0),
            after[ci].2.to_string(),
        );
    }
    // A cue before it, further away.
    if let Some(ci) = before.iter().rposition(|w| is_cue(&w.2)) {
        return subject_or_pronoun(ci, &before, s, before[ci].2.to_string());
    }
    (Id::default(), String::new(), String::new())
}

/// Whether the name ending at byte `end` is followed by a possessive mark
/// ("Galois' paper", "Rubio's aides").
fn possessive(text: &str, end: usize) -> bool {
    let rest = &text.as_bytes()[end..];
    let mark = match rest {
        [b'\'', ..] => 1,
        [0xE2, 0x80, 0x99, ..] => 3,
        _ => return false,
    };
    match &rest[mark..] {
        [b's' | b'S', c, ..] => !c.is_ascii_alphanumeric(),
        [b's' | b'S'] | [] => true,
        [c, ..] => c.is_ascii_whitespace(),
    }
}

/// For "the secretary said" / "said the minister" around the cue `ws[i]`:
/// the latest person, before the cue, whose title (a `roles` row) has that
/// word ("Defense Secretary Ash Carter"), with the entity's name.
fn titled_person(x: &Extraction, ws: &[Word<'_>], i: usize) -> Option<(Id, String)> {
    let the_word = |k: usize| (k >= 1 && ws[k - 1].2 == "the").then(|| ws[k].2.as_ref());
    let word = i
        .checked_sub(1)
        .and_then(the_word)
        .or_else(|| ws.get(i + 2).and_then(|_| the_word(i + 2)))?;
    let role = x
        .roles
        .iter()
        .rev()
        .filter(|r| r.start < ws[i].0)
        .find(|r| {
            r.title
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(word))
        })?;
    let name = x
        .entities
        .iter()
        .find(|e| e.entity_id == role.entity_id)
        .map_or_else(|| role.person.clone(), |e| e.name.to_string());
    Some((role.entity_id.clone(), name))
}

/// The run of capitalised words just before the cue word `ws[i]`, else just
/// after it; "" when there is none (or it is a pronoun or determiner).
fn capitalised_next_to(text: &str, ws: &[Word<'_>], i: usize) -> String {
    const NOT_NAMES: &[&str] = &[
        "he",
        "she",
        "they",
        "we",
        "i",
        "it",
        "the",
        "a",
        "an",
        "this",
        "that",
        "officials",
        "police",
    ];
    let cap = |k: usize| {
        text[ws[k].0..].starts_with(char::is_uppercase) && !NOT_NAMES.contains(&ws[k].2.as_ref())
    };
    let mut a = i;
    while a > 0 && cap(a - 1) && i - a < 5 {
        a -= 1;
    }
    // Ranks and titles ("said Col. Travis Caughlin", when the entity rules
    // did not type the name) are not the name; a word may end with the
    // sentence's full stop ("said Burns.").
    let titles = &crate::lexicon::lex().titles;
    let name = |mut a: usize, b: usize| {
        while a <= b {
            if titles.contains(ws[a].2.as_ref()) {
                a += 1;
            } else if a < b && titles.contains(&format!("{} {}", ws[a].2, ws[a + 1].2)) {
                a += 2;
            } else {
                break;
            }
        }
        if a > b {
            return String::new();
        }
        text[ws[a].0..ws[b].1].trim_end_matches('.').to_string()
    };
    if a < i {
        return name(a, i - 1);
    }
    let mut b = i + 1;
    while b < ws.len() && cap(b) && b - i <= 5 {
        b += 1;
    }
    if b > i + 1 {
        return name(i + 1, b - 1);
    }
    String::new()
}

/// For a pronoun: the subject (first person named) of the nearest sentence
/// before `at` that names a person.
fn previous_subject<'x>(text: &str, x: &'x Extraction, at: usize) -> Option<&'x crate::Mention> {
    let persons: Vec<&crate::Mention> = x
        .mentions
        .iter()
        .filter(|m| m.end <= at && m.kind == MentionType::Per)
        .collect();
    let last = *persons.last()?;
    let sentence_start = text[..last.start]
        .rfind(['\n', '.', '!', '?'])
        .map_or(0, |i| i + 1);
    persons.into_iter().find(|m| m.start >= sentence_start)
}

// ---------------------------------------------------------------------------------------------
// Numbers and counts

fn small_number(w: &str) -> Option<u64> {
    // Every number word starts with one of these letters and is short:
    // other words need no comparison.
    if w.len() > 15
        || !matches!(
            w.as_bytes().first(),
            Some(b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')
        )
    {
        return None;
    }
    if let Some(u) = unit_word(w) {
        return Some(u);
    }
    if let Some(t) = tens_word(w) {
        return Some(t * 10);
    }
    let (t, u) = w.split_once('-')?;
    let t = tens_word(t)? * 10;
    let u = unit_word(u).filter(|&i| (1..10).contains(&i))?;
    Some(t + u)
}

/// "zero" ... "nineteen" as a number. (A `match`, not a scan of the list.)
fn unit_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// "twenty" ... "ninety" as a number of tens.
fn tens_word(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 2,
        "thirty" => 3,
        "forty" => 4,
        "fifty" => 5,
        "sixty" => 6,
        "seventy" => 7,
        "eighty" => 8,
        "ninety" => 9,
        _ => return None,
    })
}

/// A number starting at word `i`: (value, approximate, words used).
fn number_at(ws: &[Word<'_>], i: usize) -> Option<(u64, bool, usize)> {
    let w = ws.get(i)?.2.as_ref();
    let next = ws.get(i + 1).map(|x| x.2.as_ref());
    let scale = |n: Option<&str>| match n {
        Some("hundred") => Some(100),
        Some("thousand") => Some(1000),
        Some("million") => Some(1_000_000),
        _ => None,
    };
    if w == "a" || w == "one" {
        if next == Some("dozen") {
            return Some((12, false, 2));
        }
        if let Some(s) = scale(next) {
            return Some((s, w == "a", 2));
        }
    }
    match w {
        "dozen" => return Some((12, false, 1)),
        "dozens" => return Some((24, true, 1)),
        "scores" => return Some((40, true, 1)),
        "hundreds" => return Some((200, true, 1)),
        "thousands" => return Some((2000, true, 1)),
        _ => {}
    }
    // Digits with thousands separators ("1,200"), at most 9 of them. (Such
    // a word starts with a digit, and a number word with a letter: other
    // words skip the counting.)
    let digits_first = w.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let n_digits = if digits_first {
        w.bytes().filter(|&c| c != b',').count()
    } else {
        0
    };
    let base =
        if n_digits > 0 && n_digits <= 9 && w.bytes().all(|c| c == b',' || c.is_ascii_digit()) {
            w.bytes()
                .filter(|&c| c != b',')
                .fold(0u64, |n, c| n * 10 + u64::from(c - b'0'))
        } else {
            small_number(w)?
        };
    if let Some(s) = scale(next) {
        return Some((base * s, false, 2));
    }
    Some((base, false, 1))
}

const LOWER_BOUND: &[&str] = &["least", "more", "over", "exceeding", "upwards"];
const APPROX: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "some",
    "roughly",
    "estimated",
    "up",
];
/// Words that may stand between a number and its kind word.
const FILLER: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "troops",
    "children",
    "women",
    "men",
    "others",
    "residents",
    "police",
    "officers",
    "militants",
    "fighters",
    "workers",
    "protesters",
    "migrants",
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "being",
    "are",
    "be",
    "reportedly",
    "also",
    "and",
    "including",
    "of",
    "them",
    "those",
    "left",
    "people's",
    "ukrainian",
    "russian",
    "palestinian",
    "israeli",
    "syrian",
    "iraqi",
    "afghan",
    "more",
    "other",
    "at",
    "least",
    "in",
    "the",
    "attack",
    "strike",
    "later",
    "confirmed",
    "may",
    "might",
    "could",
    "feared",
    "is",
    "reported",
    "believed",
    "thought",
    "now",
    "so",
    "far",
    "already",
];
/// A number followed by one of these is not a head count.
const NOT_PEOPLE: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "percent",
    "per",
    "%",
    "years",
    "year",
    "year-old",
    "days",
    "hours",
    "minutes",
    "dollars",
    "euros",
    "pounds",
    "tonnes",
    "tons",
    "times",
    "am",
    "pm",
    "drones",
    "missiles",
    "rockets",
    "shells",
    "tanks",
    "aircraft",
    "villages",
    "towns",
    "homes",
    "buildings",
];

fn is_month(w: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    MONTHS.contains(&w)
}

/// The gate key of a word: its first two bytes with its length folded in
/// ("in" and "injured" differ), 16 bits.
const fn gate_key(b: &[u8], len: usize) -> usize {
    let b0 = if len > 0 { b[0] as usize } else { 0 };
    let b1 = if len > 1 { b[1] as usize } else { 0 };
    let len = if len < 31 { len } else { 31 };
    (((b0 << 8) | b1) ^ (len << 11)) & 0xFFFF
}

/// The length of the first word of `s` (up to its first space).
const fn first_word_len(s: &[u8]) -> usize {
    let mut i = 0;
    while i < s.len() && s[i] != b' ' {
        i += 1;
    }
    i
}

/// A 64 Kbit table of the [`gate_key`]s of every count kind word, "toll"
/// and every first word of an event trigger, built at compile time.
static FACT_GATE: [u64; 1024] = {
    const fn set(t: &mut [u64; 1024], b: &[u8], len: usize) {
        let k = gate_key(b, len);
        t[k >> 6] |= 1 << (k & 63);
    }
    let mut t = [0u64; 1024];
    let mut i = 0;
    while i < COUNT_KINDS.len() {
        let words = COUNT_KINDS[i].1;
        let mut j = 0;
        while j < words.len() {
            let b = words[j].as_bytes();
            set(&mut t, b, b.len());
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < EVENT_TYPES.len() {
        let triggers = EVENT_TYPES[i].1;
        let mut j = 0;
        while j < triggers.len() {
            let b = triggers[j].as_bytes();
            set(&mut t, b, first_word_len(b));
            j += 1;
        }
        i += 1;
    }
    set(&mut t, b"toll", 4);
    t
};

/// Whether `w` may be a count kind word, "toll" or the first word of an
/// event trigger: [`FACT_GATE`] rules out most words before any hash lookup.
fn may_be_fact_word(w: &str) -> bool {
    let k = gate_key(w.as_bytes(), w.len());
    FACT_GATE[k >> 6] & (1 << (k & 63)) != 0
}

/// What a word can be in a fact: the count kind it names, whether it is
/// "toll", and the event triggers that start with it (type index, all
/// words). Looked up once per word of a sentence (see [`fact_words_into`]),
/// so that counts and events need no lookup of their own.
#[derive(Default)]
struct FactWord {
    kind: Option<&'static str>,
    toll: bool,
    triggers: Vec<(usize, Vec<&'static str>)>,
}

type FactWords = HashMap<&'static str, FactWord>;

fn fact_word_map() -> &'static FactWords {
    static MAP: OnceLock<FactWords> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: FactWords = HashMap::default();
        for (kind, words) in COUNT_KINDS {
            for w in *words {
                m.entry(*w).or_default().kind.get_or_insert(*kind);
            }
        }
        m.entry("toll").or_default().toll = true;
        for (ti, (_, triggers)) in EVENT_TYPES.iter().enumerate() {
            for t in *triggers {
                let parts: Vec<&'static str> = t.split(' ').collect();
                m.entry(parts[0]).or_default().triggers.push((ti, parts));
            }
        }
        m
    })
}

/// The [`FactWord`] of each word of `ws` (None for most), into `out`
/// (cleared first).
fn fact_words_into<'f>(map: &'f FactWords, ws: &[Word<'_>], out: &mut Vec<Option<&'f FactWord>>) {
    out.clear();
    out.extend(ws.iter().map(|w| {
        if may_be_fact_word(&w.2) {
            map.get(w.2.as_ref())
        } else {
            None
        }
    }));
}

/// Whether the words `spans` (a sentence) can hold a count or an event:
/// whether one of them names a count kind or is "toll", or starts a whole
/// trigger. Else [`counts_in_sentence`] and [`events_in_sentence`] find
/// nothing in the sentence (they look for exactly these first), and its
/// words need no lower-case forms. An ASCII word that the gate rules out
/// is not lower-cased here either.
fn may_hold_facts(t: Cased<'_>, map: &FactWords, spans: &[Span]) -> bool {
    let lower = |&(a, b, ascii): &Span| lower_word(t, a, b, ascii);
    for (i, sp) in spans.iter().enumerate() {
        let &(a, b, ascii) = sp;
        if ascii {
            let e = without_dots(t.text.as_bytes(), a, b);
            let w = &t.lower.as_bytes()[a..e];
            let k = gate_key(w, w.len());
            if FACT_GATE[k >> 6] & (1 << (k & 63)) == 0 {
                continue;
            }
        }
        let w = lower(sp);
        if !may_be_fact_word(&w) {
            continue;
        }
        let Some(f) = map.get(w.as_ref()) else {
            continue;
        };
        if f.kind.is_some() || f.toll {
            return true;
        }
        for (_, parts) in &f.triggers {
            let j = i + parts.len() - 1;
            if j < spans.len()
                && parts[1..]
                    .iter()
                    .zip(&spans[i + 1..])
                    .all(|(p, sp)| lower(sp) == *p)
            {
                return true;
            }
        }
    }
    false
}

/// True when the text holds one of the quotation marks '"', '“', '”', '«',
/// '„', '‘'. Every one is '"' or starts with byte 0xC2 or 0xE2, so memchr
/// finds the candidates and only their next bytes are compared (most hits
/// are other marks: ’, —, –, …), never decoding the text in between.
fn has_quote_mark(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, b).any(|i| match b[i] {
        b'"' => true,
        // « is C2 AB
        0xC2 => b.get(i + 1) == Some(&0xAB),
        // ‘ “ ” „ are E2 80 98 / 9C / 9D / 9E
        _ => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x9C..=0x9E)),
    })
}

fn counts_in_sentence(
    text: &str,
    ws: &[Word<'_>],
    fw: &[Option<&FactWord>],
    x: &Extraction,
    pi: usize,
    s: usize,
    e: usize,
) -> Vec<Count> {
    // Most sentences have no count: look for a kind word first.
    let kind_at = |k: usize| fw[k].and_then(|f| f.kind);
    if !fw.iter().flatten().any(|f| f.kind.is_some() || f.toll) {
        return Vec::new();
    }
    let mut out: Vec<Count> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // Range: "between X and Y" / "X to Y" / "X-Y" (digits).
        let Some((mut n, mut approx, used)) = number_at(ws, i) else {
            i += 1;
            continue;
        };
        // Years and dates are not counts.
        let is_year = ws[i].2.len() == 4 && (1800..=2100).contains(&n) && used == 1;
        let prev = |k: usize| {
            if i >= k {
                Some(ws[i - k].2.as_ref())
            } else {
                None
            }
        };
        // Dates ("December of 384", "24 February"), ages ("aged 89", "at
        // the age of six", "died at 24") and negations are not counts.
        let month_before = prev(1).is_some_and(is_month)
            || prev(2).is_some_and(is_month)
            || ws.get(i + used).is_some_and(|w| is_month(&w.2));
        let negated = prev(1).is_some_and(|p| p == "no" || p == "not");
        let age = prev(1) == Some("aged")
            || (prev(1) == Some("of") && prev(2) == Some("age"))
            || (prev(1) == Some("at") && i >= 2 && kind_at(i - 2).is_some());
        // A reference mark ("[17]") is not a count either.
        let citation = text[..ws[i].0].ends_with('[');
        if is_year || month_before || negated || age || citation {
            i += used;
            continue;
        }
        let mut j = i + used;
        let mut number_max = None;
        if prev(1) == Some("between")
            || matches!(ws.get(j).map(|w| w.2.as_ref()), Some("to" | "and" | "or"))
        {
            if let Some((m, _, u2)) = number_at(ws, j + 1) {
                if m > n {
                    number_max = Some(m);
                    j += 1 + u2;
                }
            }
        }
        let lower_bound = prev(1).is_some_and(|p| LOWER_BOUND.contains(&p))
            || (prev(1) == Some("than") && prev(2) == Some("more"));
        approx |= prev(1).is_some_and(|p| APPROX.contains(&p))
            || (prev(1) == Some("to") && prev(2) == Some("up"));
        if ws
            .get(j)
            .is_some_and(|w| NOT_PEOPLE.contains(&w.2.as_ref()))
        {
            i = j;
            continue;
        }
        // Kind word after the number, within a few filler words...
        let mut kind = None;
        let mut end_word = j;
        let mut k = j;
        while k < ws.len() && k < j + 6 {
            if let Some(kd) = kind_at(k) {
                kind = Some(kd);
                end_word = k;
                break;
            }
            if !FILLER.contains(&ws[k].2.as_ref()) {
                break;
            }
            k += 1;
        }
        // ... or a verb just before it: "killing 9", "killed nine", "the
        // death toll rose to 23" (a noun like "deaths" comes after its number).
        let mut start_word = i;
        if kind.is_none() {
            let lo = i.saturating_sub(4);
            for k in (lo..i).rev() {
                let w = ws[k].2.as_ref();
                let verb = w.ends_with("ed") || w.ends_with("ing");
                if let Some(kd) = kind_at(k).filter(|_| verb) {
                    kind = Some(kd);
                    start_word = k;
                    break;
                }
                if w == "toll" {
                    kind = Some("killed");
                    start_word = k;
                    break;
                }
            }
            end_word = j.saturating_sub(1).max(i);
        }
        let Some(kind) = kind else {
            i = j.max(i + 1);
            continue;
        };
        if lower_bound && prev(1) == Some("than") {
            start_word = start_word.min(i - 2);
        } else if lower_bound || approx {
            start_word =
                start_word.min(i.saturating_sub(if prev(1) == Some("least") { 2 } else { 1 }));
        }
        if n == 0 && number_max.is_none() {
            i = j;
            continue;
        }
        if approx
            && number_max.is_none()
            && matches!(
                ws[i].2.as_ref(),
                "dozens" | "scores" | "hundreds" | "thousands"
            )
        {
            // keep the conventional lower bound
        } else if number_max.is_some() {
            approx = false;
        }
        let (a, b) = (ws[start_word].0, ws[end_word].1);
        if !out.iter().any(|c| c.start < b && a < c.end) {
            out.push(Count {
                paragraph: pi,
                start: a,
                end: b,
                kind,
                number: std::mem::take(&mut n),
                number_max,
                lower_bound,
                approximate: approx,
                place_entity_id: place_in(x, s, e, a)
                    .map(|m| m.entity_id.clone())
                    .unwrap_or_default(),
                sentence_start: s,
                sentence_end: e,
            });
        }
        i = j.max(end_word + 1);
    }
    out
}

/// The place mentioned in the sentence nearest to `at` (GPE or LOC, not a
/// country when a city or region is there too).
///
/// A dateline ("KHARTOUM, Sudan — Fighters killed 200 people near El
/// Fasher") says where the report was filed: another place in the
/// sentence is preferred to it.
fn place_in(x: &Extraction, s: usize, e: usize, at: usize) -> Option<&crate::Mention> {
    let mut places: Vec<&crate::Mention> = x
        .mentions
        .iter()
        .filter(|m| {
            m.start >= s && m.end <= e && matches!(m.kind, MentionType::Gpe | MentionType::Loc)
        })
        .collect();
    let dateline = |m: &crate::Mention| {
        m.start == s
            && m.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !m.text.chars().any(char::is_lowercase)
    };
    if let Some(d) = places.iter().find(|m| dateline(m)) {
        // (the region or country right after the dateline's comma goes
        // with it: "KHARTOUM, Sudan")
        let after = d.end + ", ".len();
        let rest: Vec<&crate::Mention> =
            places.iter().copied().filter(|m| m.start > after).collect();
        if !rest.is_empty() {
            places = rest;
        }
    }
    let is_country = |m: &crate::Mention| {
        x.entities
            .iter()
            .find(|en| en.entity_id == m.entity_id)
            .is_some_and(|en| !ends_with_cc(&en.entity_id, en.country_code))
    };
    let local: Vec<&&crate::Mention> = places.iter().filter(|m| !is_country(m)).collect();
    let pool: Vec<&crate::Mention> = if local.is_empty() {
        places.clone()
    } else {
        local.into_iter().copied().collect()
    };
    pool.into_iter().min_by_key(|m| m.start.abs_diff(at))
}

/// `id.ends_with(&format!("-{}", cc.to_lowercase()))`, without building
/// the suffix for an ASCII `cc` (country codes are).
fn ends_with_cc(id: &str, cc: &str) -> bool {
    if !cc.is_ascii() {
        return id.ends_with(&format!("-{}", cc.to_lowercase()));
    }
    let (id, n) = (id.as_bytes(), cc.len());
    id.len() > n
        && id[id.len() - n - 1] == b'-'
        && id[id.len() - n..].eq_ignore_ascii_case(cc.as_bytes())
        && !id[id.len() - n..].iter().any(u8::is_ascii_uppercase)
}

// ---------------------------------------------------------------------------------------------
// Events

/// Where an event happened: a place introduced by "in", "at", "near", ...,
/// or written just before a trigger ("the London meeting"); for violent
/// events, else the nearest city or region, else country, in the sentence.
fn event_place<'x>(
    x: &'x Extraction,
    ws: &[Word<'_>],
    triggers: &[&str],
    s: usize,
    e: usize,
    at: usize,
    violent: bool,
) -> Option<&'x crate::Mention> {
    const LOCATIVE: &[&str] = &[
        "in", "at", "near", "outside", "inside", "across", "into", "through",
    ];
    let signalled = x
        .mentions
        .iter()
        .filter(|m| {
            m.start >= s && m.end <= e && matches!(m.kind, MentionType::Gpe | MentionType::Loc)
        })
        .filter(|m| {
            let before = ws.iter().rposition(|w| w.1 <= m.start);
            let after = ws.iter().position(|w| w.0 >= m.end);
            let possessive = after.is_some_and(|i| ws[i].2 == "s" && ws[i].0 <= m.end + 3);
            let locative =
                before.is_some_and(|i| LOCATIVE.contains(&ws[i].2.as_ref())) && !possessive;
            // (a word has no space: it is a trigger's first word when the
            // trigger starts with it and goes on with a space, if at all)
            let modifies = after.is_some_and(|i| {
                let w = ws[i].2.as_bytes();
                triggers.iter().any(|t| {
                    let t = t.as_bytes();
                    t.starts_with(w) && t.get(w.len()).is_none_or(|&c| c == b' ')
                })
            });
            locative || modifies
        })
        .min_by_key(|m| m.start.abs_diff(at));
    if signalled.is_some() || !violent {
        return signalled;
    }
    place_in(x, s, e, at)
}

#[allow(clippy::too_many_arguments)]
fn events_in_sentence(
    article: &ArticleRef<'_>,
    ws: &[Word<'_>],
    fw: &[Option<&FactWord>],
    x: &Extraction,
    (pi, s, e): (usize, usize, usize),
    counts: &[Count],
    hits: &mut Vec<(usize, usize, usize)>,
    out: &mut Vec<Event>,
) {
    let text = article.text;
    // Every trigger occurrence: (first word, last word, type index).
    // (`hits`: a buffer kept from one sentence to the next)
    hits.clear();
    for (i, f) in fw.iter().enumerate() {
        let Some(f) = f else { continue };
        for (ti, parts) in &f.triggers {
            let j = i + parts.len() - 1;
            let rest_match = j < ws.len()
                && parts[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, p)| ws[i + 1 + k].2 == *p);
            if rest_match {
                hits.push((i, j, *ti));
            }
        }
    }
    if hits.is_empty() {
        return;
    }
    // Quoted words are what someone said, not what happened.
    if has_quote_mark(&text[s..e]) {
        let quoted = quote_marks(text, s, e);
        let in_quote = |at: usize| quoted.iter().any(|&(o, c)| o <= at && at < c.unwrap_or(e));
        hits.retain(|h| !in_quote(ws[h.0].0));
        if hits.is_empty() {
            return;
        }
    }
    // Word ranges of triggers already claimed by an earlier type
    // ("missile attack" is a strike, so its "attack" is not another event).
    // (at most one per type: an array, where a vector would be allocated
    // for each sentence with events)
    let mut claimed = [(0, 0); EVENT_TYPES.len()];
    let mut n_claimed = 0;
    for (ti, (ty, triggers)) in EVENT_TYPES.iter().enumerate() {
        // The earliest trigger of this type, preferring the longest there.
        let hit = hits
            .iter()
            .filter(|h| {
                h.2 == ti
                    && !claimed[..n_claimed]
                        .iter()
                        .any(|&(a, b)| h.0 <= b && a <= h.1)
            })
            .min_by_key(|h| (h.0, std::cmp::Reverse(h.1)))
            .map(|h| (h.0, h.1));
        let Some((a, b)) = hit else { continue };
        claimed[n_claimed] = (a, b);
        n_claimed += 1;
        let trigger_at = ws[a].0;
        let violent = !matches!(*ty, "talks" | "statement" | "protest" | "riot" | "arrest");
        let place = event_place(x, ws, triggers, s, e, trigger_at, violent);
        let place_entity =
            place.and_then(|m| x.entities.iter().find(|en| en.entity_id == m.entity_id));
        let date = x
            .mentions
            .iter()
            .find(|m| {
                m.start >= s && m.end <= e && m.kind == MentionType::Date && !m.value.is_empty()
            })
            .map(|m| m.value.clone())
            .or_else(|| article.published.map(|p| p.chars().take(10).collect()))
            .unwrap_or_default();
        let mut actors: Vec<Id> = Vec::new();
        for m in x.mentions.iter().filter(|m| m.start >= s && m.end <= e) {
            let is_actor = matches!(
                m.kind,
                MentionType::Per | MentionType::Org | MentionType::Norp
            ) || (m.kind == MentionType::Gpe
                && place.is_none_or(|p| p.entity_id != m.entity_id));
            if is_actor && !actors.contains(&m.entity_id) {
                actors.push(m.entity_id.clone());
            }
        }
        let fatalities = counts
            .iter()
            .filter(|c| c.kind == "killed")
            .map(|c| c.number)
            .max();
        out.push(Event {
            paragraph: pi,
            start: s,
            end: e,
            event_type: ty,
            trigger: text[ws[a].0..ws[b].1].to_string(),
            date,
            place_entity_id: place.map(|m| m.entity_id.clone()).unwrap_or_default(),
            latitude: place_entity.and_then(|en| en.latitude),
            longitude: place_entity.and_then(|en| en.longitude),
            actors,
            fatalities: if matches!(*ty, "talks" | "statement" | "protest" | "arrest") {
                None
            } else {
                fatalities
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition `words_into` implements, char by char.
    fn words_reference(text: &str, a: usize, b: usize) -> Vec<(usize, usize, String)> {
        let lower = |w: &str| {
            let w = w.trim_end_matches('.');
            if w.chars().any(char::is_uppercase) {
                w.to_lowercase()
            } else {
                w.to_string()
            }
        };
        let mut out = Vec::new();
        let s = &text[a..b];
        let mut start = None;
        for (i, c) in s.char_indices() {
            let w = c.is_alphanumeric() || c == '-' || (c == '.' && start.is_some());
            match (w, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push((a + st, a + i, lower(&s[st..i])));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(st) = start {
            out.push((a + st, b, lower(&s[st..])));
        }
        out
    }

    fn small_number_v0(w: &str) -> Option<u64> {
        const UNITS: &[&str] = &[
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        const TENS: &[&str] = &[
            "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        // Every number word starts with one of these letters and is short:
        // other words need no list scan.
        if w.len() > 15
            || !matches!(
                w.as_bytes().first(),
                Some(b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z')
            )
        {
            return None;
        }
        if let Some(i) = UNITS.iter().position(|u| *u == w) {
            return Some(i as u64);
        }
        if let Some(i) = TENS.iter().position(|t| !t.is_empty() && *t == w) {
            return Some(i as u64 * 10);
        }
        let (t, u) = w.split_once('-')?;
        let t = TENS.iter().position(|x| !x.is_empty() && *x == t)? as u64 * 10;
        let u = UNITS
            .iter()
            .position(|x| *x == u)
            .filter(|&i| (1..10).contains(&i))? as u64;
        Some(t + u)
    }

    #[test]
    fn small_number_is_the_list_lookup() {
        let mut words: Vec<String> = [
            "",
            "a",
            "one",
            "zero",
            "nineteen",
            "twenty",
            "ninety-nine",
            "twenty-zero",
            "twenty-ten",
            "ten-one",
            "seventy-seven",
            "sixty-",
            "-six",
            "onee",
            "tens",
            "fifteen-five",
            "fortyfive",
            "e",
            "z",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for t in [
            "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ] {
            for u in [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
            ] {
                words.push(format!("{t}-{u}"));
                words.push(u.to_string());
                words.push(t.to_string());
            }
        }
        for w in &words {
            assert_eq!(small_number(w), small_number_v0(w), "{w:?}");
        }
    }

    #[test]
    fn ends_with_cc_is_the_format_test() {
        let ids = [
            "GPE:london-gb",
            "GPE:london-GB",
            "GPE:x-g",
            "gb",
            "-gb",
            "",
            "-",
            "GPE:é-gb",
            "PER:a-ŉ",
        ];
        for id in ids {
            for cc in ["gb", "GB", "Gb", "", "g", "ŉ", "É"] {
                let want = id.ends_with(&format!("-{}", cc.to_lowercase()));
                assert_eq!(ends_with_cc(id, cc), want, "{id:?} {cc:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn words_match_the_reference(
            text in "([A-Za-z0-9 .,'-]|É|é|’|“|ß|İ|ǅ|Ж|٣|\u{a0}){0,40}",
        ) {
            let lower = text.to_ascii_lowercase();
            let t = Cased { text: &text, lower: &lower };
            let got: Vec<_> = words(t, 0, text.len())
                .into_iter()
                .map(|(a, b, w)| (a, b, w.into_owned()))
                .collect();
            prop_assert_eq!(got, words_reference(&text, 0, text.len()));
        }

        /// `may_hold_facts` is false exactly when no word names a count
        /// kind or "toll" and no whole trigger matches: what counts and
        /// events look for first.
        #[test]
        fn may_hold_facts_matches_the_fact_words(
            words in proptest::collection::vec(
                "(to|meet|Meet|with|will|met|said|in|a|statement|air|strike|Strike|strikes|KILLED|killed|toll|dead.|peace|talks|car|bomb|the|arrest|of|ied|IED|É|Ébomb|,|\\.|-|U\\.S\\.|drone|attack|on|’s)",
                0..12,
            ),
        ) {
            let text = words.join(" ");
            let lower = text.to_ascii_lowercase();
            let t = Cased { text: &text, lower: &lower };
            let mut toks = Vec::new();
            tokenize(&text, 0, text.len(), &mut toks);
            let mut spans = Vec::new();
            spans_from_tokens(&text, &toks, &mut spans);
            let map = fact_word_map();
            let mut ws = Vec::new();
            words_from_tokens(t, &toks, &mut ws);
            let mut fw = Vec::new();
            fact_words_into(map, &ws, &mut fw);
            let kind = fw.iter().flatten().any(|f| f.kind.is_some() || f.toll);
            let trigger = fw.iter().enumerate().any(|(i, f)| {
                f.is_some_and(|f| {
                    f.triggers.iter().any(|(_, parts)| {
                        let j = i + parts.len() - 1;
                        j < ws.len()
                            && parts[1..].iter().enumerate().all(|(k, p)| ws[i + 1 + k].2 == *p)
                    })
                })
            });
            prop_assert_eq!(may_hold_facts(t, map, &spans), kind || trigger, "{}", text);
        }

        /// Words read off the tokens are the words of the text, for a
        /// whole paragraph and for each of its sentences.
        #[test]
        fn words_from_tokens_match_words(
            text in "([A-Za-z0-9 .,'!?:;()-]|É|é|’|‘|“|”|ß|İ|ǅ|Ж|٣|Ⅻ|—|\u{a0}|\u{2009}|U\\.S\\.|Mr\\.|'s|’s|1,200|3\\.5){0,40}",
        ) {
            let lower = text.to_ascii_lowercase();
            let t = Cased { text: &text, lower: &lower };
            let mut toks = Vec::new();
            tokenize(&text, 0, text.len(), &mut toks);
            let mut spans = vec![(0, text.len())];
            sentence_spans(&text, 0, text.len(), &toks, &mut spans);
            let (mut from_toks, mut from_text) = (Vec::new(), Vec::new());
            for (s, e) in spans {
                let in_span: Vec<Tok> =
                    toks.iter().filter(|t| t.start >= s && t.start < e).copied().collect();
                words_from_tokens(t, &in_span, &mut from_toks);
                words_into(t, s, e, &mut from_text);
                prop_assert_eq!(&from_toks, &from_text, "span {}..{}", s, e);
            }
        }
    }
}
