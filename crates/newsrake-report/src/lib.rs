//! `report.html`: one self-contained page about a run, for people who
//! would rather look at the news than read ten tables.
//!
//! Built from a finished generation's `run.json` and JSONL tables, streamed
//! line by line: whatever the corpus size, the report keeps only bounded
//! top lists and samples in memory. The page has no script, no network
//! reference and no external file: a summary (inputs, skipped inputs and
//! why, duplicate share overall and per source), the most-mentioned people,
//! organisations and places, a map of geocoded places (Natural Earth's land
//! outline, public domain, embedded), a timeline of events and their
//! fatalities, and the quotes with their speakers. Every figure links to
//! the rows behind it: article id, paragraph number and the paragraph's
//! opening words.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;

/// A hash map for the per-line lookups (foldhash, via hashbrown): their
/// order never shows.
type FastMap<K, V> = hashbrown::HashMap<K, V>;

mod html;
mod svg;

use html::{esc, pct};

/// Entries in each top list.
const TOP: usize = 15;
/// Places drawn on the map.
const MAP_PLACES: usize = 300;
/// Rows listed behind one entity or one timeline bucket.
const ROWS_BEHIND: usize = 12;
/// Events with fatalities drawn one by one in a timeline column.
const DEADLY: usize = 40;
/// Quotes listed.
const QUOTES: usize = 200;
/// Sources listed by name (the rest are summed).
const SOURCES: usize = 25;
/// Characters of a paragraph shown beside a row reference.
const SNIPPET: usize = 220;

/// Write `out` from the tables and `run.json` in `dir`.
/// `threads` (at least 1) is how many threads may scan the largest tables.
pub fn write(dir: &Path, out: &Path, threads: usize) -> io::Result<()> {
    let report = Report::load(dir, threads)?;
    std::fs::write(out, report.render())
}

/// A reference to one paragraph of one article.
type ParaKey = (String, u64);

/// The parts of an `articles` row the report reads (borrowed, like the
/// other `...Head` rows: most rows are counted and dropped).
#[derive(Deserialize)]
struct ArticleLine<'a> {
    #[serde(borrow)]
    source_path: Cow<'a, str>,
    line: Option<u64>,
    #[serde(borrow)]
    url: Option<Cow<'a, str>>,
    n_paragraphs: u64,
    n_duplicate: u64,
}

/// What decides whether an `entities` row enters a top list.
#[derive(Deserialize)]
struct EntityHead<'a> {
    #[serde(borrow)]
    entity_id: Cow<'a, str>,
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    n_mentions: u64,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// What puts an `events` row on the timeline.
#[derive(Deserialize)]
struct EventHead<'a> {
    #[serde(borrow)]
    event_type: Cow<'a, str>,
    #[serde(borrow)]
    date: Option<Cow<'a, str>>,
    fatalities: Option<u64>,
}

#[derive(Clone, Deserialize)]
struct EntityLine {
    entity_id: String,
    name: String,
    n_mentions: u64,
    n_articles: u64,
    country_code: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// The parts of a `mentions` row the report reads (borrowed: most rows
/// are looked at and dropped).
#[derive(Deserialize)]
struct MentionLine<'a> {
    #[serde(borrow)]
    article_id: Cow<'a, str>,
    paragraph: u64,
    #[serde(borrow)]
    entity_id: Cow<'a, str>,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Clone, Deserialize)]
struct EventLine {
    article_id: String,
    paragraph: u64,
    event_type: String,
    place_entity_id: Option<String>,
    fatalities: Option<u64>,
    text: String,
}

#[derive(Deserialize)]
struct QuoteLine {
    article_id: String,
    paragraph: u64,
    text: String,
    speaker: Option<String>,
    speaker_entity_id: Option<String>,
    cue: Option<String>,
}

/// A `paragraphs` row's coordinates; its text is parsed only when wanted.
#[derive(Deserialize)]
struct ParagraphKey<'a> {
    #[serde(borrow)]
    article_id: Cow<'a, str>,
    paragraph: u64,
}

#[derive(Deserialize)]
struct ParagraphText<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Default)]
struct Source {
    articles: u64,
    paragraphs: u64,
    duplicates: u64,
}

/// One column of the timeline: events of one day, month or year.
#[derive(Default)]
struct Bucket {
    events: u64,
    fatalities: u64,
    by_type: BTreeMap<String, u64>,
    rows: Vec<EventLine>,
    /// The events with fatalities, each a segment of the column's red bar.
    deadly: Vec<EventLine>,
}

struct Report {
    run: serde_json::Value,
    sources: BTreeMap<String, Source>,
    /// Per list (people, organisations, places, groups): the top entities.
    tops: Vec<(&'static str, Vec<EntityLine>)>,
    places: Vec<EntityLine>,
    names: HashMap<String, String>,
    behind: BTreeMap<String, Vec<(ParaKey, String)>>,
    timeline: BTreeMap<String, Bucket>,
    granularity: &'static str,
    quotes: Vec<QuoteLine>,
    n_quotes: u64,
    snippets: HashMap<ParaKey, String>,
}

/// Call `f` with every line of `DIR/TABLE.jsonl`, as bytes (one reused
/// buffer, 1 MiB reads, no UTF-8 check: the lines that are parsed are
/// checked by the parser).
fn each_line(
    dir: &Path,
    table: &str,
    mut f: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let path = dir.join(format!("{table}.jsonl"));
    let context = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let file = File::open(&path).map_err(context)?;
    lines_of(file, &mut f).map_err(context)
}

/// Call `f` with every line `reader` gives (see [`each_line`]).
fn lines_of(mut reader: impl Read, f: &mut impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
    // `buf[..len]` holds unread bytes; a line longer than the buffer grows it.
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0;
    loop {
        if len == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = reader.read(&mut buf[len..])?;
        if n == 0 {
            // the last line, if the input does not end with a newline
            return if len > 0 { f(&buf[..len]) } else { Ok(()) };
        }
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', &buf[len..len + n]) {
            f(&buf[start..len + nl])?;
            start = len + nl + 1;
        }
        len += n;
        buf.copy_within(start..len, 0);
        len -= start;
    }
}

/// Scan the lines of `DIR/TABLE.jsonl` in `parts` consecutive byte ranges
/// (split at line starts), each on its own thread with its own `T`; the
/// results come back in file order, so merging them in order gives what
/// one pass would. Used for the two largest tables, `mentions` and
/// `paragraphs`, when the run has more than one thread: most of their lines
/// are looked at for one field and dropped.
fn scan_parts<T: Send>(
    dir: &Path,
    table: &str,
    parts: usize,
    init: impl Fn() -> T + Sync,
    f: impl Fn(&mut T, &[u8]) -> io::Result<()> + Sync,
) -> io::Result<Vec<T>> {
    let path = dir.join(format!("{table}.jsonl"));
    let context = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let starts = line_starts(&path, parts.max(1)).map_err(context)?;
    let scan = |from: u64, to: u64| -> io::Result<T> {
        let mut file = File::open(&path)?;
        file.seek(SeekFrom::Start(from))?;
        let mut t = init();
        lines_of(file.take(to - from), &mut |line| f(&mut t, line))?;
        Ok(t)
    };
    let ranges: Vec<(u64, u64)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
    std::thread::scope(|s| {
        let others: Vec<_> = ranges[1..]
            .iter()
            .map(|&(a, b)| s.spawn(move || scan(a, b)))
            .collect();
        let mut out = vec![scan(ranges[0].0, ranges[0].1)];
        for h in others {
            out.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out.into_iter().collect::<io::Result<Vec<T>>>()
    })
    .map_err(context)
}

/// `parts + 1` offsets: 0, the first line start at or after each
/// `i × len / parts`, and the file's length. Ranges may be empty.
fn line_starts(path: &Path, parts: usize) -> io::Result<Vec<u64>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut starts = vec![0];
    let mut buf = vec![0u8; 64 * 1024];
    for i in 1..parts as u64 {
        let prev = *starts.last().expect("starts with 0");
        let target = (len * i / parts as u64).max(prev);
        // A line starts at `target` if the byte before it is a newline.
        let mut at = target.saturating_sub(1).max(prev);
        let start = if target == prev {
            prev
        } else {
            file.seek(SeekFrom::Start(at))?;
            loop {
                let n = file.read(&mut buf)?;
                if n == 0 {
                    break len;
                }
                if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
                    break at + i as u64 + 1;
                }
                at += n as u64;
            }
        };
        starts.push(start);
    }
    starts.push(len);
    Ok(starts)
}

/// The value of the string field `"key":"..."` in one of the tables' own
/// JSONL lines, found by a byte search, when it has no escape (else `None`:
/// the caller parses the line). `key` is `,"name":"` or `{"name":"`. The
/// first match is the field: inside a JSON string every `"` is escaped, so
/// `,"` cannot occur there.
fn quick_str<'a>(line: &'a [u8], key: &memchr::memmem::Finder<'_>) -> Option<&'a [u8]> {
    let at = key.find(line)? + key.needle().len();
    let rest = &line[at..];
    let end = memchr::memchr2(b'"', b'\\', rest)?;
    (rest[end] == b'"').then_some(&rest[..end])
}

/// A field value found by [`quick_field`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Quick<'a> {
    Null,
    Str(&'a str),
    Num(u64),
}

impl<'a> Quick<'a> {
    fn str(self) -> Option<Option<&'a str>> {
        match self {
            Quick::Null => Some(None),
            Quick::Str(s) => Some(Some(s)),
            Quick::Num(_) => None,
        }
    }
    fn num(self) -> Option<Option<u64>> {
        match self {
            Quick::Null => Some(None),
            Quick::Num(n) => Some(Some(n)),
            Quick::Str(_) => None,
        }
    }
}

/// The value after `key` (`,"name":`) in one of the tables' own JSONL
/// lines: `null`, a string without escapes, or an unsigned integer; `None`
/// for anything else (the caller parses the line). Same search rules as
/// [`quick_str`].
fn quick_field<'a>(line: &'a [u8], key: &memchr::memmem::Finder<'_>) -> Option<Quick<'a>> {
    let at = key.find(line)? + key.needle().len();
    let rest = &line[at..];
    match rest.first()? {
        b'n' => rest.starts_with(b"null").then_some(Quick::Null),
        b'"' => {
            let end = memchr::memchr2(b'"', b'\\', &rest[1..])?;
            (rest[1 + end] == b'"')
                .then(|| std::str::from_utf8(&rest[1..1 + end]).ok().map(Quick::Str))
                .flatten()
        }
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let next = rest.get(digits).copied();
            if matches!(next, Some(b'.' | b'e' | b'E')) {
                return None;
            }
            std::str::from_utf8(&rest[..digits])
                .ok()?
                .parse()
                .ok()
                .map(Quick::Num)
        }
        _ => None,
    }
}

/// Searchers for `,"name":` of each field name, for [`quick_field`].
fn field_keys<const N: usize>(names: [&str; N]) -> [memchr::memmem::Finder<'static>; N] {
    names.map(|k| memchr::memmem::Finder::new(&format!(",\"{k}\":")).into_owned())
}

/// The value of the number field `"key":N` (same rules as [`quick_str`]).
fn quick_u64(line: &[u8], key: &memchr::memmem::Finder<'_>) -> Option<u64> {
    let at = key.find(line)? + key.needle().len();
    let digits = line[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&line[at..at + digits])
        .ok()?
        .parse()
        .ok()
}

fn parse<'a, T: Deserialize<'a>>(line: &'a [u8]) -> io::Result<T> {
    serde_json::from_slice(line).map_err(io::Error::other)
}

/// Where an entity with `n` mentions and id `id` goes in a top list of `k`
/// sorted by (n desc, id asc), if it gets in: deterministic for ties.
fn top_pos(list: &[EntityLine], n: u64, id: &str, k: usize) -> Option<usize> {
    let pos = list.partition_point(|x| {
        (std::cmp::Reverse(x.n_mentions), x.entity_id.as_str()) < (std::cmp::Reverse(n), id)
    });
    (pos < k).then_some(pos)
}

/// Insert at `pos` (from [`top_pos`]) and keep `k`.
fn insert_top(list: &mut Vec<EntityLine>, pos: usize, e: EntityLine, k: usize) {
    list.insert(pos, e);
    list.truncate(k);
}

impl Report {
    fn load(dir: &Path, threads: usize) -> io::Result<Report> {
        let run: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("run.json"))?)
            .map_err(io::Error::other)?;

        let mut sources: BTreeMap<String, Source> = BTreeMap::new();
        let keys = field_keys(["source_path", "line", "url", "n_paragraphs", "n_duplicate"]);
        each_line(dir, "articles", |line| {
            let f = |i: usize| quick_field(line, &keys[i]);
            let quick = (|| {
                Some(ArticleLine {
                    source_path: Cow::Borrowed(f(0)?.str()??),
                    line: f(1)?.num()?,
                    url: f(2)?.str()?.map(Cow::Borrowed),
                    n_paragraphs: f(3)?.num()??,
                    n_duplicate: f(4)?.num()??,
                })
            })();
            let a: ArticleLine<'_> = match quick {
                Some(a) => a,
                None => parse(line)?,
            };
            let key = source_of(&a);
            let s = match sources.get_mut(key) {
                Some(s) => s,
                None => sources.entry(key.to_string()).or_default(),
            };
            s.articles += 1;
            s.paragraphs += a.n_paragraphs;
            s.duplicates += a.n_duplicate;
            Ok(())
        })?;

        let lists: [(&str, &[&str]); 4] = [
            ("People", &["PER"]),
            ("Organisations", &["ORG"]),
            ("Places", &["GPE", "LOC"]),
            ("Nationalities and groups", &["NORP"]),
        ];
        let mut tops: Vec<(&'static str, Vec<EntityLine>)> =
            lists.iter().map(|(t, _)| (*t, Vec::new())).collect();
        let mut places = Vec::new();
        each_line(dir, "entities", |line| {
            let e: EntityHead<'_> = parse(line)?;
            let list = lists
                .iter()
                .position(|(_, kinds)| kinds.contains(&&*e.kind));
            let top = list.and_then(|i| top_pos(&tops[i].1, e.n_mentions, &e.entity_id, TOP));
            let place = (e.latitude.is_some() && e.longitude.is_some())
                .then(|| top_pos(&places, e.n_mentions, &e.entity_id, MAP_PLACES))
                .flatten();
            if top.is_none() && place.is_none() {
                return Ok(());
            }
            let full: EntityLine = parse(line)?;
            if let (Some(i), Some(pos)) = (list, top) {
                insert_top(&mut tops[i].1, pos, full.clone(), TOP);
            }
            if let Some(pos) = place {
                insert_top(&mut places, pos, full, MAP_PLACES);
            }
            Ok(())
        })?;
        let mut names: HashMap<String, String> = HashMap::new();
        let mut behind: BTreeMap<String, Vec<(ParaKey, String)>> = BTreeMap::new();
        for e in tops.iter().flat_map(|(_, l)| l).chain(&places) {
            names.insert(e.entity_id.clone(), e.name.clone());
            behind.entry(e.entity_id.clone()).or_default();
        }

        if !behind.is_empty() {
            // Looked up by the id's bytes, once per mention: a hash map to
            // the id's slot; each part of the scan fills its own slots.
            let slot: FastMap<&[u8], usize> = behind
                .keys()
                .enumerate()
                .map(|(i, id)| (id.as_bytes(), i))
                .collect();
            let key = memchr::memmem::Finder::new(b",\"entity_id\":\"");
            let parts = scan_parts(
                dir,
                "mentions",
                threads,
                || vec![Vec::new(); slot.len()],
                |rows: &mut Vec<Vec<(ParaKey, String)>>, line| {
                    let parsed;
                    let id = match quick_str(line, &key) {
                        Some(id) => id,
                        None => {
                            parsed = parse::<MentionLine<'_>>(line)?.entity_id;
                            parsed.as_bytes()
                        }
                    };
                    if let Some(&i) = slot.get(id) {
                        if rows[i].len() < ROWS_BEHIND {
                            let m: MentionLine<'_> = parse(line)?;
                            rows[i].push((
                                (m.article_id.into_owned(), m.paragraph),
                                m.text.into_owned(),
                            ));
                        }
                    }
                    Ok(())
                },
            )?;
            drop(slot);
            // The first rows in file order: part by part.
            for part in parts {
                for (rows, found) in behind.values_mut().zip(part) {
                    let room = ROWS_BEHIND - rows.len();
                    rows.extend(found.into_iter().take(room));
                }
            }
        }

        let mut undated = Bucket::default();
        let mut dated: BTreeMap<String, Bucket> = BTreeMap::new();
        // Day buckets first; coarsened below if there are too many.
        let keys = field_keys(["event_type", "date", "fatalities"]);
        each_line(dir, "events", |line| {
            let f = |i: usize| quick_field(line, &keys[i]);
            let quick = (|| {
                Some(EventHead {
                    event_type: Cow::Borrowed(f(0)?.str()??),
                    date: f(1)?.str()?.map(Cow::Borrowed),
                    fatalities: f(2)?.num()?,
                })
            })();
            let e: EventHead<'_> = match quick {
                Some(e) => e,
                None => parse(line)?,
            };
            let bucket = match e.date.as_deref() {
                // `XXXX-04-24`: the text gave no year.
                Some(d) if !d.starts_with('X') => match dated.get_mut(d) {
                    Some(b) => b,
                    None => dated.entry(d.to_string()).or_default(),
                },
                _ => &mut undated,
            };
            add_event(bucket, &e, line)
        })?;
        let (mut timeline, granularity) = coarsen(dated);
        if undated.events > 0 {
            timeline.insert(svg::UNDATED.to_string(), undated);
        }
        for e in timeline.values().flat_map(|b| &b.rows) {
            if let Some(p) = &e.place_entity_id {
                names.entry(p.clone()).or_insert_with(|| p.clone());
            }
        }

        let mut quotes = Vec::new();
        let mut n_quotes = 0;
        each_line(dir, "quotes", |line| {
            n_quotes += 1;
            if quotes.len() < QUOTES {
                quotes.push(parse(line)?);
            }
            Ok(())
        })?;

        // The opening words of every paragraph referenced above, keyed by
        // article id (looked up by `&str`: no allocation per line).
        let mut wanted: FastMap<Box<[u8]>, BTreeSet<u64>> = FastMap::default();
        let refs = behind.values().flatten().map(|((a, p), _)| (a, *p)).chain(
            timeline
                .values()
                .flat_map(|b| &b.rows)
                .map(|e| (&e.article_id, e.paragraph)),
        );
        for (article, paragraph) in refs {
            wanted
                .entry(article.as_bytes().into())
                .or_default()
                .insert(paragraph);
        }
        let mut snippets = HashMap::new();
        if !wanted.is_empty() {
            let article_key = memchr::memmem::Finder::new(b"{\"article_id\":\"");
            let paragraph_key = memchr::memmem::Finder::new(b",\"paragraph\":");
            let parts = scan_parts(
                dir,
                "paragraphs",
                threads,
                HashMap::new,
                |snippets: &mut HashMap<ParaKey, String>, line| {
                    let quick = quick_str(line, &article_key).zip(quick_u64(line, &paragraph_key));
                    let parsed;
                    let (article, paragraph) = match quick {
                        Some((a, p)) => (a, p),
                        None => {
                            parsed = parse::<ParagraphKey<'_>>(line)?;
                            (parsed.article_id.as_bytes(), parsed.paragraph)
                        }
                    };
                    if wanted
                        .get(article)
                        .is_some_and(|ps| ps.contains(&paragraph))
                    {
                        let t: ParagraphText<'_> = parse(line)?;
                        let article = String::from_utf8_lossy(article).into_owned();
                        snippets.insert((article, paragraph), snippet(&t.text));
                    }
                    Ok(())
                },
            )?;
            snippets.extend(parts.into_iter().flatten());
        }

        Ok(Report {
            run,
            sources,
            tops,
            places,
            names,
            behind,
            timeline,
            granularity,
            quotes,
            n_quotes,
            snippets,
        })
    }

    fn render(&self) -> String {
        let mut h = String::with_capacity(256 * 1024);
        html::head(&mut h);
        self.summary(&mut h);
        self.top_lists(&mut h);
        self.map(&mut h);
        self.timeline(&mut h);
        self.quotes(&mut h);
        self.rows_behind(&mut h);
        html::foot(&mut h);
        h
    }

    fn num(&self, path: &[&str]) -> u64 {
        let mut v = &self.run;
        for p in path {
            v = &v[*p];
        }
        v.as_u64().unwrap_or(0)
    }

    fn summary(&self, h: &mut String) {
        let paragraphs = self.num(&["paragraphs"]);
        let dups = self.num(&["paragraphs_duplicate"]);
        let _ = write!(
            h,
            "<section id=\"summary\"><h2>Run</h2>\n<p class=\"lead\" id=\"duplicate-share\">\
             <b>{dups}</b> of <b>{paragraphs}</b> paragraphs were duplicates \
             ({}): each is read once.</p>\n<table class=\"kv\">",
            pct(dups, paragraphs)
        );
        let rows = [
            ("input files seen", self.num(&["inputs", "files_seen"])),
            ("input files read", self.num(&["inputs", "files_read"])),
            (
                "input files skipped",
                self.num(&["inputs", "files_skipped"]),
            ),
            ("JSONL lines read", self.num(&["inputs", "lines_read"])),
            (
                "JSONL lines skipped",
                self.num(&["inputs", "lines_skipped"]),
            ),
            (
                "not articles (README, ...)",
                self.num(&["inputs", "not_articles"]),
            ),
            ("articles", self.num(&["articles"])),
            ("paragraphs", paragraphs),
            ("original paragraphs", self.num(&["paragraphs_original"])),
            ("duplicate paragraphs", dups),
        ];
        for (k, v) in rows {
            let _ = write!(h, "<tr><th>{k}</th><td>{v}</td></tr>");
        }
        if let Some(workbook) = self.run["workbook"].as_str() {
            let _ = write!(
                h,
                "<tr><th>workbook (newsrake.xlsx)</th><td id=\"workbook\">{}</td></tr>",
                esc(workbook)
            );
        }
        h.push_str("</table>\n");
        if let Some(skipped) = self.run["inputs"]["skipped_by_reason"].as_object() {
            if !skipped.is_empty() {
                h.push_str(
                    "<h3>Skipped inputs, by reason</h3><table><tr><th>reason</th><th>inputs</th></tr>",
                );
                for (reason, n) in skipped {
                    let _ = write!(
                        h,
                        "<tr><td><code>{}</code></td><td>{n}</td></tr>",
                        esc(reason)
                    );
                }
                h.push_str(
                    "</table><p class=\"note\">Each one has a row in <code>diagnostics</code>.</p>",
                );
            }
        }
        h.push_str(
            "<h3>Duplicate share per source</h3>\
             <table id=\"sources\"><tr><th>source</th><th>articles</th><th>paragraphs</th>\
             <th>duplicates</th><th>share</th></tr>",
        );
        let mut sources: Vec<(&String, &Source)> = self.sources.iter().collect();
        sources.sort_by(|a, b| b.1.paragraphs.cmp(&a.1.paragraphs).then(a.0.cmp(b.0)));
        let mut rest = Source::default();
        for (i, (name, s)) in sources.iter().enumerate() {
            if i >= SOURCES {
                rest.articles += s.articles;
                rest.paragraphs += s.paragraphs;
                rest.duplicates += s.duplicates;
                continue;
            }
            source_row(h, &esc(name), s);
        }
        if rest.articles > 0 {
            source_row(
                h,
                &format!("{} other sources", sources.len() - SOURCES),
                &rest,
            );
        }
        h.push_str("</table>\n<p class=\"note\">A source is the article's web host when it has a <code>url</code>, else its JSONL file or the folder of its text file.</p></section>\n");
    }

    fn top_lists(&self, h: &mut String) {
        h.push_str("<section id=\"top\"><h2>Who and where</h2><p class=\"note\">Mentions in original paragraphs only: repeated copy is not counted twice.</p><div class=\"cols\">");
        for (title, list) in &self.tops {
            let _ = write!(h, "<div><h3>{title}</h3>");
            if list.is_empty() {
                h.push_str("<p class=\"note\">none</p></div>");
                continue;
            }
            let max = list.first().map_or(1, |e| e.n_mentions.max(1));
            h.push_str("<table class=\"bars\">");
            for e in list {
                let w = (e.n_mentions as f64 / max as f64 * 100.0).max(1.0);
                let _ = write!(
                    h,
                    "<tr><td><a href=\"#e-{id}\">{name}</a></td><td class=\"bar\"><span style=\"width:{w:.0}%\"></span></td><td>{n}</td><td class=\"note\">{a} art.</td></tr>",
                    id = esc(&e.entity_id),
                    name = esc(&e.name),
                    n = e.n_mentions,
                    a = e.n_articles,
                );
            }
            h.push_str("</table></div>");
        }
        h.push_str("</div></section>\n");
    }

    fn map(&self, h: &mut String) {
        h.push_str("<section id=\"places\"><h2>Map</h2>");
        svg::map(h, &self.places);
        let _ = write!(
            h,
            "<p class=\"note\">{} geocoded places (GeoNames), circle area by mentions; click one for its rows. Land outline: Natural Earth 1:110m (public domain), via world-atlas (ISC).</p></section>",
            self.places.len()
        );
    }

    fn timeline(&self, h: &mut String) {
        h.push_str("<section id=\"when\"><h2>Timeline of events</h2>");
        if self.timeline.is_empty() {
            h.push_str("<p class=\"note\">No events.</p></section>\n");
            return;
        }
        svg::timeline(h, &self.timeline);
        let total: u64 = self.timeline.values().map(|b| b.fatalities).sum();
        let _ = write!(
            h,
            "<p class=\"note\">Events per {} (blue) and their fatalities (red; {total} in all, as reported per event, not deduplicated across articles). Events whose date (or year) the text does not give are under <i>no date</i>. Click a column for its rows.</p></section>",
            self.granularity
        );
    }

    fn quotes(&self, h: &mut String) {
        let _ = write!(
            h,
            "<section id=\"quotes\"><h2>Quotes</h2><p class=\"note\">{} quotes{}.</p><table><tr><th>speaker</th><th>quote</th><th>cue</th><th>where</th></tr>",
            self.n_quotes,
            if self.n_quotes as usize > QUOTES {
                format!(", the first {QUOTES} listed")
            } else {
                String::new()
            }
        );
        for q in &self.quotes {
            let speaker = match (&q.speaker, &q.speaker_entity_id) {
                (Some(s), Some(id)) if self.behind.contains_key(id) => {
                    format!("<a href=\"#e-{}\">{}</a>", esc(id), esc(s))
                }
                (Some(s), _) => esc(s),
                _ => "<span class=\"note\">unattributed</span>".into(),
            };
            let _ = write!(
                h,
                "<tr><td>{speaker}</td><td class=\"q\">“{}”</td><td>{}</td><td>{}</td></tr>",
                esc(&q.text),
                esc(q.cue.as_deref().unwrap_or("")),
                html::row_ref(&q.article_id, q.paragraph),
            );
        }
        h.push_str("</table></section>\n");
    }

    fn rows_behind(&self, h: &mut String) {
        h.push_str("<section id=\"rows\"><h2>Rows behind the figures</h2>");
        for (id, rows) in &self.behind {
            let name = self.names.get(id).map_or(id.as_str(), String::as_str);
            let _ = write!(
                h,
                "<div class=\"rows\" id=\"e-{}\"><h3>{} <code>{}</code></h3><ul>",
                esc(id),
                esc(name),
                esc(id)
            );
            for ((article, paragraph), text) in rows {
                let _ = write!(
                    h,
                    "<li>{} <b>{}</b> — {}</li>",
                    html::row_ref(article, *paragraph),
                    esc(text),
                    esc(self.snippet(article, *paragraph))
                );
            }
            h.push_str("</ul></div>");
        }
        for (key, b) in &self.timeline {
            let _ = write!(
                h,
                "<div class=\"rows\" id=\"t-{}\"><h3>Events, {}: {} ({} fatalities)</h3><ul>",
                esc(key),
                esc(&svg::bucket_label(key)),
                b.events,
                b.fatalities
            );
            for e in &b.rows {
                let place = e
                    .place_entity_id
                    .as_ref()
                    .map(|p| self.names.get(p).map_or(p.as_str(), String::as_str))
                    .unwrap_or("");
                let _ = write!(
                    h,
                    "<li>{} <b>{}</b> {} {} — {}</li>",
                    html::row_ref(&e.article_id, e.paragraph),
                    esc(&e.event_type),
                    esc(place),
                    e.fatalities
                        .map(|f| format!("<span class=\"dead\">{f} killed</span>"))
                        .unwrap_or_default(),
                    esc(&e.text),
                );
            }
            if (b.rows.len() as u64) < b.events {
                h.push_str("<li class=\"note\">…</li>");
            }
            h.push_str("</ul></div>");
        }
        h.push_str("</section>\n");
    }

    fn snippet(&self, article: &str, paragraph: u64) -> &str {
        self.snippets
            .get(&(article.to_string(), paragraph))
            .map_or("", String::as_str)
    }
}

/// Count an event in its bucket; `line` (its whole row) is parsed only
/// when the row is kept.
fn add_event(b: &mut Bucket, e: &EventHead<'_>, line: &[u8]) -> io::Result<()> {
    b.events += 1;
    b.fatalities += e.fatalities.unwrap_or(0);
    match b.by_type.get_mut(&*e.event_type) {
        Some(n) => *n += 1,
        None => {
            b.by_type.insert(e.event_type.to_string(), 1);
        }
    }
    let row = b.rows.len() < ROWS_BEHIND || (e.fatalities.is_some() && b.deadly.len() < DEADLY);
    let deadly = e.fatalities.is_some_and(|f| f > 0) && b.deadly.len() < DEADLY;
    if row || deadly {
        let full: EventLine = parse(line)?;
        if deadly {
            b.deadly.push(full.clone());
        }
        if row {
            b.rows.push(full);
        }
    }
    Ok(())
}

/// Day buckets while they fit the timeline, else months, else years.
fn coarsen(days: BTreeMap<String, Bucket>) -> (BTreeMap<String, Bucket>, &'static str) {
    if days.len() <= svg::MAX_COLUMNS {
        return (days, "day");
    }
    for (len, name) in [(7, "month"), (4, "year")] {
        let keys: BTreeSet<&str> = days.keys().map(|k| &k[..k.len().min(len)]).collect();
        if keys.len() <= svg::MAX_COLUMNS || len == 4 {
            let mut out: BTreeMap<String, Bucket> = BTreeMap::new();
            for (k, b) in days {
                let o = out.entry(k[..k.len().min(len)].to_string()).or_default();
                o.events += b.events;
                o.fatalities += b.fatalities;
                for (t, n) in b.by_type {
                    *o.by_type.entry(t).or_default() += n;
                }
                for r in b.rows {
                    if o.rows.len() < ROWS_BEHIND {
                        o.rows.push(r);
                    }
                }
                for r in b.deadly {
                    if o.deadly.len() < DEADLY {
                        o.deadly.push(r);
                    }
                }
            }
            return (out, name);
        }
    }
    unreachable!("the year granularity always returns")
}

/// The source an article is counted under: the host of its URL, else its
/// JSONL file, else the directory of its file (with the final `/`).
fn source_of<'a>(a: &'a ArticleLine<'_>) -> &'a str {
    if let Some(host) = a.url.as_deref().and_then(host_of) {
        return host;
    }
    if a.line.is_some() {
        return &a.source_path;
    }
    match a.source_path.rfind('/') {
        Some(i) => &a.source_path[..=i],
        None => "./",
    }
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.strip_prefix("www.").unwrap_or(host))
}

fn source_row(h: &mut String, name: &str, s: &Source) {
    let _ = write!(
        h,
        "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        s.articles,
        s.paragraphs,
        s.duplicates,
        pct(s.duplicates, s.paragraphs)
    );
}

fn snippet(text: &str) -> String {
    match text.char_indices().nth(SNIPPET) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_sources() {
        assert_eq!(host_of("https://www.bbc.co.uk/news/x?y"), Some("bbc.co.uk"));
        assert_eq!(
            host_of("http://user@example.org:8080/"),
            Some("example.org")
        );
        assert_eq!(host_of("not a url"), None);
        let a = |path: &'static str, line, url: Option<&'static str>| ArticleLine {
            source_path: path.into(),
            line,
            url: url.map(Into::into),
            n_paragraphs: 0,
            n_duplicate: 0,
        };
        assert_eq!(source_of(&a("in/a.txt", None, None)), "in/");
        assert_eq!(source_of(&a("a.txt", None, None)), "./");
        assert_eq!(source_of(&a("feed.jsonl", Some(3), None)), "feed.jsonl");
        assert_eq!(
            source_of(&a("feed.jsonl", Some(3), Some("https://apnews.com/a"))),
            "apnews.com"
        );
    }

    #[test]
    fn quick_fields_find_the_field_not_look_alikes_in_text() {
        let id = memchr::memmem::Finder::new(b",\"entity_id\":\"");
        let para = memchr::memmem::Finder::new(b",\"paragraph\":");
        // the text holds the same words, escaped: not a match
        let line = br#"{"article_id":"a","paragraph":12,"text":"x,\"entity_id\":\"FAKE\"","entity_id":"PER:real"}"#;
        assert_eq!(quick_str(line, &id), Some(&b"PER:real"[..]));
        assert_eq!(quick_u64(line, &para), Some(12));
        // an escape inside the value: left to the JSON parser
        let escaped = br#"{"article_id":"a\"b","entity_id":"PER:x\\y"}"#;
        assert_eq!(quick_str(escaped, &id), None);
        let article = memchr::memmem::Finder::new(b"{\"article_id\":\"");
        assert_eq!(quick_str(escaped, &article), None);
        assert_eq!(quick_str(b"{}", &id), None);
        assert_eq!(quick_u64(b"{}", &para), None);
    }

    #[test]
    fn quick_field_reads_null_strings_and_integers_or_gives_up() {
        let f = |k: &str| field_keys([k]).into_iter().next().unwrap();
        let line = br#"{"a":"x","date":null,"url":"https://e.org/a","n":12,"lat":47.63,"t":"say \"hi\"","neg":-3}"#;
        assert_eq!(quick_field(line, &f("date")), Some(Quick::Null));
        assert_eq!(
            quick_field(line, &f("url")),
            Some(Quick::Str("https://e.org/a"))
        );
        assert_eq!(quick_field(line, &f("n")), Some(Quick::Num(12)));
        assert_eq!(quick_field(line, &f("lat")), None);
        assert_eq!(quick_field(line, &f("t")), None);
        assert_eq!(quick_field(line, &f("neg")), None);
        assert_eq!(quick_field(line, &f("missing")), None);
    }

    #[test]
    fn each_line_reads_long_and_unterminated_lines() {
        let dir = std::env::temp_dir().join(format!("nr-report-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let long = "x".repeat(3 << 20);
        std::fs::write(dir.join("t.jsonl"), format!("a\n{long}\n\nlast")).unwrap();
        let mut seen = Vec::new();
        each_line(&dir, "t", |l| {
            seen.push(l.len());
            Ok(())
        })
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(seen, [1, 3 << 20, 0, 4]);
    }

    #[test]
    fn scan_parts_sees_every_line_once_in_order() {
        let dir = std::env::temp_dir().join(format!("nr-report-parts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines: Vec<String> = (0..100)
            .map(|i| "x".repeat(i % 7) + &i.to_string())
            .collect();
        for (name, text) in [
            ("t", lines.join("\n") + "\n"),
            ("u", lines.join("\n")),
            ("one", "only".to_string()),
            ("empty", String::new()),
        ] {
            std::fs::write(dir.join(format!("{name}.jsonl")), &text).unwrap();
            let want: Vec<String> = text.lines().map(str::to_string).collect();
            for parts in [1, 2, 3, 7, 150] {
                let got = scan_parts(&dir, name, parts, Vec::new, |v: &mut Vec<String>, l| {
                    v.push(String::from_utf8(l.to_vec()).unwrap());
                    Ok(())
                })
                .unwrap();
                assert_eq!(got.len(), parts, "{name} {parts}");
                assert_eq!(got.concat(), want, "{name} in {parts} parts");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn many_days_become_months() {
        let mut days = BTreeMap::new();
        for m in 1..=12 {
            for d in 1..=28 {
                let b: &mut Bucket = days.entry(format!("2024-{m:02}-{d:02}")).or_default();
                b.events = 1;
                b.fatalities = 2;
            }
        }
        let (months, g) = coarsen(days);
        assert_eq!(g, "month");
        assert_eq!(months.len(), 12);
        assert_eq!(months["2024-03"].events, 28);
        assert_eq!(months["2024-03"].fatalities, 56);
    }
}
