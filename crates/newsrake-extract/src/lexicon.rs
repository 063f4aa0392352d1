//! Built-in lexicons: gazetteer, country aliases, demonyms, titles, organisation words, names.
//! All data is embedded with `include_str!`/`include_bytes!` and parsed once into a `OnceLock`.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Small fast non-cryptographic hasher (FxHash-style) for lexicon lookups.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}
impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut c = bytes.chunks_exact(8);
        for ch in &mut c {
            self.add(u64::from_le_bytes(ch.try_into().unwrap()));
        }
        let r = c.remainder();
        if !r.is_empty() {
            self.add(load_le(r));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}
/// The bytes of `r` (at most 8) as a little-endian `u64`, zero-padded: the
/// value `u64::from_le_bytes` gives for `r` copied into `[0; 8]`, read with
/// at most two fixed-size loads instead of a call to `memcpy`.
#[inline]
fn load_le(r: &[u8]) -> u64 {
    let n = r.len();
    debug_assert!(n <= 8);
    if n >= 4 {
        let lo = u32::from_le_bytes(r[..4].try_into().unwrap()) as u64;
        let hi = u32::from_le_bytes(r[n - 4..n].try_into().unwrap()) as u64;
        // `hi` covers bytes n-4..n: shift it to its place (overlap is
        // the same bytes, so OR is exact).
        lo | (hi << (8 * (n - 4)))
    } else if n > 0 {
        // 1..=3 bytes: first, middle and last byte.
        let a = r[0] as u64;
        let m = r[n / 2] as u64;
        let z = r[n - 1] as u64;
        a | (m << (8 * (n / 2))) | (z << (8 * (n - 1)))
    } else {
        0
    }
}

/// Eight ASCII bytes (every byte < 0x80) with 'A'..='Z' lower-cased.
#[inline]
fn ascii_lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, no carry between bytes (all sums < 0x100): the high bit
    // says byte >= 'A', resp. byte > 'Z'.
    let ge_a = x.wrapping_add((0x80 - b'A' as u64) * ONES);
    let gt_z = x.wrapping_add((0x80 - b'Z' as u64 - 1) * ONES);
    let upper = ge_a & !gt_z & (0x80 * ONES);
    x | (upper >> 2)
}

pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fx>>;
pub type HashSet<K> = StdHashSet<K, BuildHasherDefault<Fx>>;

/// A string-keyed map for the lookups made for every capitalised token.
/// Keys of up to 15 bytes (nearly all words) are stored inline, padded and
/// with their length in the last byte, so a lookup compares inside the table
/// instead of following a pointer to a heap `String`: in tables of 10^5
/// words that pointer is one more cache miss per lookup. (A byte array, not
/// a `u128`: no 16-byte alignment, so the buckets stay 17 bytes.) Longer
/// keys use a plain map.
#[derive(Default)]
pub struct ShortKeyMap<V> {
    short: HashMap<[u8; 16], V>,
    long: HashMap<String, V>,
}

impl<V: Copy + Default> ShortKeyMap<V> {
    /// Room for `n` keys without rehashing (the lexicon maps are built once,
    /// with tens of thousands of keys: growing them step by step cost more
    /// than filling them).
    fn with_capacity(n: usize) -> Self {
        ShortKeyMap {
            short: HashMap::with_capacity_and_hasher(n, Default::default()),
            long: HashMap::default(),
        }
    }
    fn pack(w: &str) -> Option<[u8; 16]> {
        let b = w.as_bytes();
        if b.len() > 15 {
            return None;
        }
        // Two zero-padded 8-byte halves, read without a `memcpy` call
        // (same bytes as copying `b` into `[0; 16]`).
        let n = b.len();
        let (lo, hi) = if n > 8 {
            (load_le(&b[..8]), load_le(&b[8..]))
        } else {
            (load_le(b), 0)
        };
        let mut k = [0u8; 16];
        k[..8].copy_from_slice(&lo.to_le_bytes());
        k[8..].copy_from_slice(&hi.to_le_bytes());
        k[15] = n as u8;
        Some(k)
    }
    #[inline]
    pub fn get(&self, w: &str) -> Option<V> {
        match Self::pack(w) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(w).copied(),
        }
    }
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
    /// `get(&w.to_ascii_lowercase())` without building the lower-case
    /// copy, for an ASCII `w` of at most 15 bytes; `None` for any other
    /// `w` (then the caller lower-cases it and calls `get`).
    #[inline]
    pub fn get_ascii_lower(&self, w: &str) -> Option<Option<V>> {
        let b = w.as_bytes();
        let n = b.len();
        if n > 15 {
            return None;
        }
        let (lo, hi) = if n > 8 {
            (load_le(&b[..8]), load_le(&b[8..]))
        } else {
            (load_le(b), 0)
        };
        if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
            return None;
        }
        let mut k = [0u8; 16];
        k[..8].copy_from_slice(&ascii_lower8(lo).to_le_bytes());
        k[8..].copy_from_slice(&ascii_lower8(hi).to_le_bytes());
        k[15] = n as u8;
        Some(self.short.get(&k).copied())
    }
    pub fn entry_or_default(&mut self, w: &str) -> &mut V {
        match Self::pack(w) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(w.to_string()).or_default(),
        }
    }
}
use std::sync::OnceLock;

// Inflated from `data/*.gz` by `build.rs`.
static GAZ: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.tsv"));
static DICT: &str = include_str!(concat!(env!("OUT_DIR"), "/dict_words.txt"));
static REGIONS: &str = include_str!("../data/regions.tsv");
static ALIASES: &str = include_str!("../data/country_aliases.tsv");
static DEMONYMS: &str = include_str!("../data/demonyms.tsv");
static TITLES: &str = include_str!("../data/titles.txt");
static ORG_WORDS: &str = include_str!("../data/org_words.txt");
static ORGS: &str = include_str!("../data/orgs.txt");
static FIRST: &str = include_str!("../data/first_names.txt");
static FIRST_INTL: &str = include_str!("../data/first_names_intl.txt");
static SURNAMES: &str = include_str!("../data/surnames.txt");
static COMMON: &str = include_str!("../data/common_words.txt");

/// Kind of a gazetteer entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Region,
    /// Continent, sea, river, macro-region: typed LOC, not GPE.
    Natural,
    City,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    pub cc: String,
    pub gid: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pop: u64,
    /// US state code of a US state or city ("CA"), "" elsewhere.
    pub admin1: String,
    /// Set on a city with a more populous namesake (or a region of that
    /// name) in the same country: what tells them apart in the entity id
    /// (the US state code, "me" for Portland, Maine; else the GeoNames id).
    /// "" otherwise.
    pub namesake: String,
}

#[derive(Clone, Debug)]
pub struct Demonym {
    /// Canonical form (first form on the line, e.g. "Ukrainian").
    pub canon: String,
    pub cc: String,
}

pub struct Lex {
    pub places: Vec<Place>,
    /// surface -> candidate place indices (exact, case-sensitive)
    pub place_names: HashMap<String, Vec<u32>>,
    pub country_by_cc: HashMap<String, u32>,
    pub demonyms: HashMap<String, Demonym>,
    /// lower-case title phrases
    pub titles: HashSet<String>,
    pub title_max_words: usize,
    /// lower-case title modifiers (Foreign, Deputy, ...)
    pub title_mods: HashSet<String>,
    pub org_suffix: HashSet<String>,
    pub org_prefix: HashSet<String>,
    /// surface -> canonical org name
    pub orgs: HashMap<String, String>,
    pub org_max_words: usize,
    pub surnames: HashSet<String>,
    /// every word-prefix ("New", "New York") of a multi-word place/org/title/demonym key:
    /// `P_PREFIX`, plus `P_ENTRY` when it is a whole key, so that one lookup answers both
    /// "can a longer match follow?" and "is this a match?"
    pub place_prefix: ShortKeyMap<u8>,
    pub org_prefix_keys: ShortKeyMap<u8>,
    pub title_prefix: ShortKeyMap<u8>,
    pub demonym_prefix: ShortKeyMap<u8>,
    /// cased word -> flags: `W_*` bits (first word of an org / place /
    /// demonym key, first name: the first-name list lives only here) and
    /// `C_*` bits (the word itself is in one of the sets and maps below).
    /// Extraction asks each capitalised token several of these questions;
    /// one lookup here, memoised per token, answers them all instead of one
    /// hash of the word per set.
    pub word_flags: ShortKeyMap<u32>,
    /// lower-case word -> flags (L_* bits): title start or modifier, English dictionary word,
    /// common word that is also a name or place (the two word lists live only here)
    pub lower_flags: ShortKeyMap<u8>,
    /// The [`title_gate_key`]s of the `L_TITLE` words: an ASCII word whose
    /// key is not set here is no title start, without a `lower_flags`
    /// lookup (most capitalised words are none).
    pub title_gate: Vec<u64>,
    /// small closed word lists used by the rules
    pub function_caps: HashSet<&'static str>,
    pub prep_loc: HashSet<&'static str>,
    pub loc_head: HashSet<&'static str>,
    pub loc_first: HashSet<&'static str>,
    pub person_title_words: HashSet<&'static str>,
    pub loc_mods: HashSet<&'static str>,
    pub languages: HashSet<&'static str>,
}

/// A 16-bit key of a word for [`Lex::title_gate`]: its length and the low
/// five bits of its first two bytes. Those bits are the same for an ASCII
/// letter in either case, so an ASCII word and its lower-case form have the
/// same key.
#[inline]
pub fn title_gate_key(w: &[u8]) -> usize {
    let b0 = w.first().map_or(0, |&c| c & 31) as usize;
    let b1 = w.get(1).map_or(0, |&c| c & 31) as usize;
    b0 | (b1 << 5) | (w.len().min(63) << 10)
}

fn prefixes<'a>(keys: impl ExactSizeIterator<Item = &'a String>) -> ShortKeyMap<u8> {
    let mut out: ShortKeyMap<u8> = ShortKeyMap::with_capacity(keys.len());
    for k in keys {
        // A space byte is a space char (UTF-8 continuation bytes are >= 0x80).
        for (i, &c) in k.as_bytes().iter().enumerate() {
            if c == b' ' {
                *out.entry_or_default(&k[..i]) |= P_PREFIX;
            }
        }
        *out.entry_or_default(k) |= P_PREFIX | P_ENTRY;
    }
    out
}

/// Bits of the prefix maps: a word-prefix of some key / a whole key.
pub const P_PREFIX: u8 = 1;
pub const P_ENTRY: u8 = 2;

const ALT: u32 = 1 << 31;
pub const W_ORG: u32 = 1;
pub const W_PLACE: u32 = 2;
pub const W_DEM: u32 = 4;
pub const W_FIRST: u32 = 8;
/// `word_flags` bits for exact membership of the word in a set or map of
/// [`Lex`]: `function_caps`, `prep_loc`, `loc_head`, `loc_first`,
/// `person_title_words`, `loc_mods`, `languages`, `org_suffix`,
/// `org_prefix`, `surnames`, `title_mods`, and the keys of `place_names`,
/// `demonyms` and `orgs`.
pub const C_FUNC: u32 = 1 << 4;
pub const C_PREP: u32 = 1 << 5;
pub const C_LOC_HEAD: u32 = 1 << 6;
pub const C_LOC_FIRST: u32 = 1 << 7;
pub const C_PERSON_TITLE: u32 = 1 << 8;
pub const C_LOC_MOD: u32 = 1 << 9;
pub const C_LANG: u32 = 1 << 10;
pub const C_ORG_SUFFIX: u32 = 1 << 11;
pub const C_ORG_PREFIX: u32 = 1 << 12;
pub const C_SURNAME: u32 = 1 << 13;
pub const C_TITLE_MOD: u32 = 1 << 14;
pub const C_PLACE_KEY: u32 = 1 << 15;
pub const C_DEM_KEY: u32 = 1 << 16;
pub const C_ORG_KEY: u32 = 1 << 17;
pub const L_TITLE: u8 = 1;
pub const L_DICT: u8 = 2;
pub const L_COMMON: u8 = 4;

/// `s.split(sep)` for an ASCII `sep`, scanning bytes: the lexicon files are
/// hundreds of thousands of short fields, for which the generic `char`
/// searcher's set-up per match cost more than the scan.
fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.lines()`: lines end at `\n` (a `\r` before it is dropped), and a
/// final `\n` opens no empty line.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// The first `N` tab-separated fields of `line` (the last one ends at the
/// next tab or at the end), `None` when it has fewer: the first `N` of
/// `line.split('\t').collect::<Vec<_>>()`, without the vector.
fn tab_fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut it = split_ascii(line, b'\t');
    for slot in &mut out {
        *slot = it.next()?;
    }
    Some(out)
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    lines(s).filter(|l| !trim(l).is_empty() && !l.starts_with('#'))
}

/// `s.trim()`, answered without a char scan when `s` starts and ends with
/// an ASCII byte that is not white space (nearly every lexicon field): an
/// ASCII byte is a whole char, and only white-space chars are trimmed.
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let solid = |c: &u8| c.is_ascii() && !c.is_ascii_whitespace() && *c != 0x0B;
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if solid(f) && solid(l) => s,
        _ => s.trim(),
    }
}

fn parse_f(s: &str) -> Option<f64> {
    trim(s).parse().ok()
}

pub fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(build)
}

// Hash iteration here only ORs flags or sorts each entry on its own: order-independent.
#[allow(clippy::iter_over_hash_type)]
fn build() -> Lex {
    let mut places: Vec<Place> = Vec::with_capacity(40_000);
    let mut place_names: HashMap<String, Vec<u32>> =
        HashMap::with_capacity_and_hasher(80_000, Default::default());
    let mut country_by_cc = HashMap::default();
    let add_name = |place_names: &mut HashMap<String, Vec<u32>>, n: &str, i: u32| {
        // Fewer than two chars (a char is at most four bytes).
        if n.len() < 2 || (n.len() <= 4 && n.chars().nth(1).is_none()) {
            return;
        }
        // A key is allocated for a new name only.
        match place_names.get_mut(n) {
            Some(v) => {
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            None => {
                place_names.insert(n.to_string(), vec![i]);
            }
        }
    };
    for line in lines(GAZ) {
        let Some(f) = tab_fields::<10>(line) else {
            continue;
        };
        let kind = match f[0] {
            "C" => PlaceKind::Country,
            "S" | "A" => PlaceKind::Region,
            "K" => PlaceKind::Natural,
            _ => PlaceKind::City,
        };
        let i = places.len() as u32;
        places.push(Place {
            name: f[1].to_string(),
            kind,
            cc: f[3].to_string(),
            gid: f[4].parse().ok(),
            lat: parse_f(f[5]),
            lon: parse_f(f[6]),
            pop: f[7].parse().unwrap_or(0),
            admin1: f[9].to_string(),
            namesake: String::new(),
        });
        if kind == PlaceKind::Country {
            country_by_cc.insert(f[3].to_string(), i);
        }
        add_name(&mut place_names, f[1], i);
        if !f[2].is_empty() && f[2] != f[1] {
            add_name(&mut place_names, f[2], i);
        }
        // "St. Petersburg" is as much Saint Petersburg's own name as the
        // Florida city's: without it, the rule below would leave only Florida.
        if let Some(rest) = f[1].strip_prefix("Saint ") {
            add_name(&mut place_names, &format!("St. {rest}"), i);
            add_name(&mut place_names, &format!("St {rest}"), i);
        }
        for a in split_ascii(f[8], b'|') {
            if !a.is_empty() {
                add_name(&mut place_names, a, i | ALT);
            }
        }
    }
    for line in data_lines(REGIONS) {
        let Some(f) = tab_fields::<5>(line) else {
            continue;
        };
        let i = places.len() as u32;
        places.push(Place {
            name: f[0].to_string(),
            kind: if f[1] == "L" {
                PlaceKind::Natural
            } else {
                PlaceKind::Region
            },
            cc: f[2].to_string(),
            gid: None,
            lat: parse_f(f[3]),
            lon: parse_f(f[4]),
            pop: 0,
            admin1: String::new(),
            namesake: String::new(),
        });
        add_name(&mut place_names, f[0], i);
    }
    // Namesakes in one country ("Portland", US: Oregon and Maine) must not
    // share an entity id: all but the most populous get a suffix.
    let mut by_name: HashMap<(&str, &str), Vec<u32>> = HashMap::default();
    for (i, p) in places.iter().enumerate() {
        if matches!(p.kind, PlaceKind::City | PlaceKind::Region) && !p.cc.is_empty() {
            by_name
                .entry((p.name.as_str(), p.cc.as_str()))
                .or_default()
                .push(i as u32);
        }
    }
    let mut suffixes: Vec<(u32, String)> = Vec::new();
    for v in by_name.values_mut().filter(|v| v.len() > 1) {
        v.sort_by(|&a, &b| {
            // (a region keeps the plain id: "Washington" the state is
            // `GPE:washington-us`, the capital `GPE:washington-us-dc`)
            let (pa, pb) = (&places[a as usize], &places[b as usize]);
            let city = |p: &Place| p.kind == PlaceKind::City;
            city(pa)
                .cmp(&city(pb))
                .then(pb.pop.cmp(&pa.pop))
                .then(pa.gid.cmp(&pb.gid))
        });
        for (k, &i) in v.iter().enumerate().skip(1) {
            let p = &places[i as usize];
            // (two regions of one name, GeoNames' and a hand-written one,
            // are one place: only cities take a suffix)
            if p.kind != PlaceKind::City {
                continue;
            }
            // the state code when no other namesake shares the state
            let state_unique = !p.admin1.is_empty()
                && v.iter()
                    .enumerate()
                    .all(|(m, &j)| m == k || places[j as usize].admin1 != p.admin1);
            let sfx = if state_unique {
                p.admin1.to_ascii_lowercase()
            } else {
                p.gid
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| k.to_string())
            };
            suffixes.push((i, sfx));
        }
    }
    drop(by_name);
    for (i, sfx) in suffixes {
        places[i as usize].namesake = sfx;
    }
    for line in data_lines(ALIASES) {
        let mut it = line.split('\t');
        let (Some(a), Some(cc)) = (it.next(), it.next()) else {
            continue;
        };
        let cc = trim(cc);
        if let Some(&ci) = country_by_cc.get(cc) {
            add_name(&mut place_names, trim(a), ci);
        }
    }
    // A surface that is some place's own name never resolves to another place's alternate name
    // ("Pokrovsk" is a city in UA and an old name of Engels, RU).
    for v in place_names.values_mut() {
        if v.iter().any(|&x| x & ALT == 0) {
            v.retain(|&x| x & ALT == 0);
        }
        for x in v.iter_mut() {
            *x &= !ALT;
        }
        v.dedup();
    }
    // Surface lists: countries first, then regions, then cities by population.
    for v in place_names.values_mut() {
        v.sort_by(|&a, &b| {
            let (pa, pb) = (&places[a as usize], &places[b as usize]);
            let rank = |p: &Place| match p.kind {
                PlaceKind::Country => 0,
                PlaceKind::Region => 1,
                // "Washington" alone is the capital far more often than the
                // state (the gazetteer gives states no population, so the
                // city goes first among rank 1)
                PlaceKind::City if p.cc == "US" && p.pop >= 500_000 => 1,
                PlaceKind::Natural => 2,
                PlaceKind::City => 3,
            };
            rank(pa).cmp(&rank(pb)).then(pb.pop.cmp(&pa.pop))
        });
    }

    let mut demonyms = HashMap::default();
    for line in data_lines(DEMONYMS) {
        let mut it = line.split('\t');
        let forms = it.next().unwrap_or("");
        let cc = trim(it.next().unwrap_or("")).to_string();
        let canon = trim(forms.split(',').next().unwrap_or("")).to_string();
        for f in forms.split(',') {
            let f = trim(f);
            if f.is_empty() {
                continue;
            }
            demonyms.insert(
                f.to_string(),
                Demonym {
                    canon: canon.clone(),
                    cc: cc.clone(),
                },
            );
            for p in ["pro-", "anti-", "Pro-", "Anti-"] {
                demonyms.insert(
                    format!("{p}{f}"),
                    Demonym {
                        canon: format!("{}{}", p.to_lowercase(), f),
                        cc: cc.clone(),
                    },
                );
            }
        }
    }

    let mut titles = HashSet::default();
    let mut title_mods = HashSet::default();
    let mut title_max_words = 1;
    for line in data_lines(TITLES) {
        let l = trim(line);
        if let Some(m) = l.strip_prefix('=') {
            title_mods.insert(m.to_lowercase());
        } else {
            title_max_words = title_max_words.max(l.split(' ').count());
            titles.insert(l.to_lowercase());
        }
    }
    let mut org_suffix = HashSet::default();
    let mut org_prefix = HashSet::default();
    for line in data_lines(ORG_WORDS) {
        if let Some(w) = line.strip_prefix("S ") {
            org_suffix.insert(trim(w).to_string());
        } else if let Some(w) = line.strip_prefix("P ") {
            org_prefix.insert(trim(w).to_string());
        }
    }
    let mut orgs = HashMap::default();
    let mut org_max_words = 1;
    for line in data_lines(ORGS) {
        let forms: Vec<&str> = line.split('|').map(str::trim).collect();
        let canon = forms[0].trim_start_matches("The ").to_string();
        for f in forms {
            org_max_words = org_max_words.max(f.split(' ').count());
            orgs.insert(f.to_string(), canon.clone());
        }
    }
    let surnames: HashSet<String> = data_lines(SURNAMES).map(|s| trim(s).to_string()).collect();
    let place_prefix = prefixes(place_names.keys());
    let org_prefix_keys = prefixes(orgs.keys());
    let title_prefix = prefixes(titles.iter());
    let demonym_prefix = prefixes(demonyms.keys());
    let mut word_flags: ShortKeyMap<u32> = ShortKeyMap::with_capacity(
        orgs.len() + place_names.len() + demonyms.len() + surnames.len(),
    );
    fn first_word(k: &str) -> &str {
        split_ascii(k, b' ').next().unwrap_or("")
    }
    // A one-word key is its own first word: its `C_*_KEY` bit goes in with
    // the `W_*` bit (no second pass over these large maps).
    fn first_word_bits(k: &str, first: u32, whole: u32) -> (&str, u32) {
        let w = first_word(k);
        (
            w,
            if w.len() == k.len() {
                first | whole
            } else {
                first
            },
        )
    }
    for k in orgs.keys() {
        let (w, bits) = first_word_bits(k, W_ORG, C_ORG_KEY);
        *word_flags.entry_or_default(w) |= bits;
    }
    for k in place_names.keys() {
        let (w, bits) = first_word_bits(k, W_PLACE, C_PLACE_KEY);
        *word_flags.entry_or_default(w) |= bits;
    }
    for k in demonyms.keys() {
        let (w, bits) = first_word_bits(k, W_DEM, C_DEM_KEY);
        *word_flags.entry_or_default(w) |= bits;
    }
    // The first-name, dictionary and common-word lists are only ever asked
    // "is this word in?": their bits here are all that is kept of them.
    for line in data_lines(FIRST).chain(data_lines(FIRST_INTL)) {
        for w in line.split_whitespace() {
            *word_flags.entry_or_default(w) |= W_FIRST;
        }
    }
    let mut lower_flags: ShortKeyMap<u8> = ShortKeyMap::with_capacity(1 << 16);
    let mut title_gate = vec![0u64; 1 << 10];
    for k in titles.iter().chain(title_mods.iter()) {
        *lower_flags.entry_or_default(first_word(k)) |= L_TITLE;
        let g = title_gate_key(first_word(k).as_bytes());
        title_gate[g >> 6] |= 1 << (g & 63);
    }
    for k in lines(DICT) {
        *lower_flags.entry_or_default(k) |= L_DICT;
    }
    for k in data_lines(COMMON) {
        *lower_flags.entry_or_default(trim(k)) |= L_COMMON;
    }
    let set = |v: &[&'static str]| v.iter().copied().collect::<HashSet<&'static str>>();
    let mut mark = |keys: &mut dyn Iterator<Item = &str>, bit: u32| {
        for k in keys {
            *word_flags.entry_or_default(k) |= bit;
        }
    };
    mark(&mut crate::FUNCTION_CAPS.iter().copied(), C_FUNC);
    mark(&mut crate::PREP_LOC.iter().copied(), C_PREP);
    mark(&mut crate::LOC_HEAD.iter().copied(), C_LOC_HEAD);
    mark(&mut crate::LOC_FIRST.iter().copied(), C_LOC_FIRST);
    mark(
        &mut crate::PERSON_TITLE_ABBR.iter().copied(),
        C_PERSON_TITLE,
    );
    mark(&mut crate::LOC_MODS.iter().copied(), C_LOC_MOD);
    mark(&mut crate::LANGUAGES.iter().copied(), C_LANG);
    mark(&mut org_suffix.iter().map(String::as_str), C_ORG_SUFFIX);
    mark(&mut org_prefix.iter().map(String::as_str), C_ORG_PREFIX);
    mark(&mut surnames.iter().map(String::as_str), C_SURNAME);
    mark(&mut title_mods.iter().map(String::as_str), C_TITLE_MOD);
    Lex {
        place_prefix,
        org_prefix_keys,
        title_prefix,
        demonym_prefix,
        word_flags,
        lower_flags,
        title_gate,
        function_caps: set(crate::FUNCTION_CAPS),
        prep_loc: set(crate::PREP_LOC),
        loc_head: set(crate::LOC_HEAD),
        loc_first: set(crate::LOC_FIRST),
        person_title_words: set(crate::PERSON_TITLE_ABBR),
        loc_mods: set(crate::LOC_MODS),
        languages: set(crate::LANGUAGES),
        places,
        place_names,
        country_by_cc,
        demonyms,
        titles,
        title_max_words,
        title_mods,
        org_suffix,
        org_prefix,
        orgs,
        org_max_words,
        surnames,
    }
}

#[cfg(test)]
mod load_tests {
    use super::{ascii_lower8, load_le};

    /// An ASCII word and its lower-case form share their title gate key.
    #[test]
    fn title_gate_key_ignores_ascii_case() {
        for a in 0..0x80u8 {
            for b in 0..0x80u8 {
                for w in [vec![a], vec![a, b], vec![a, b, b'x']] {
                    let l = w.to_ascii_lowercase();
                    assert_eq!(
                        super::title_gate_key(&w),
                        super::title_gate_key(&l),
                        "{w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn trim_matches_std() {
        let samples = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "\tq\n",
            "\u{b}v\u{c}",
            "é",
            "aé",
        ];
        for s in samples {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
        for c in (0u8..0x80).map(char::from) {
            for s in [
                format!("{c}x{c}"),
                format!("x{c}"),
                format!("{c}x"),
                c.to_string(),
            ] {
                assert_eq!(super::trim(&s), s.trim(), "{s:?}");
            }
        }
    }

    #[test]
    fn splitters_match_std() {
        let samples = [
            "",
            "\n",
            "a",
            "a\tb",
            "\t\t",
            "a\tb\t",
            "x\r\ny\n\nz",
            "x\r",
            "x\r\n\r",
            "é\tß|ü\n\tq|",
            "C\tA\tA\tAF\t1\t2.5\t-3\t42\ta|b\textra",
        ];
        for s in samples {
            assert_eq!(
                super::lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
            for sep in [b'\t', b'|', b' '] {
                assert_eq!(
                    super::split_ascii(s, sep).collect::<Vec<_>>(),
                    s.split(sep as char).collect::<Vec<_>>(),
                    "{s:?}"
                );
            }
            let all: Vec<&str> = s.split('\t').collect();
            let nine = super::tab_fields::<9>(s).map(|f| f.to_vec());
            assert_eq!(nine, (all.len() >= 9).then(|| all[..9].to_vec()), "{s:?}");
            let two = super::tab_fields::<2>(s).map(|f| f.to_vec());
            assert_eq!(two, (all.len() >= 2).then(|| all[..2].to_vec()), "{s:?}");
        }
    }

    #[test]
    fn ascii_lower8_is_to_ascii_lowercase() {
        for start in 0..0x80u8 {
            let b: [u8; 8] = std::array::from_fn(|k| (start + 17 * k as u8) & 0x7f);
            let x = u64::from_le_bytes(b);
            assert_eq!(
                ascii_lower8(x),
                u64::from_le_bytes(b.map(|c| c.to_ascii_lowercase())),
                "{b:?}"
            );
        }
    }

    #[test]
    fn load_le_is_zero_padded_from_le_bytes() {
        let src: Vec<u8> = (1..=8u8).map(|x| x.wrapping_mul(37) ^ 0xA5).collect();
        for n in 0..=8 {
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&src[..n]);
            assert_eq!(load_le(&src[..n]), u64::from_le_bytes(b), "n = {n}");
        }
    }
}
