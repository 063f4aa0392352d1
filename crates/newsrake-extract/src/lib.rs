//! newsrake-extract: entity extraction for newsrake. Pure: no I/O, cannot fail.
//!
//! [`extract`] reads the *original* paragraphs of an [`ArticleRef`] and returns an [`Extraction`]:
//! typed [`Mention`]s (PER, ORG, GPE, LOC, NORP, DATE), the [`Entity`]s they refer to (places
//! geocoded from an embedded GeoNames gazetteer) and [`Role`]s (person, title, affiliation).
//!
//! Approach: rules over capitalised token runs + lexicons (gazetteer, country aliases, demonyms,
//! titles, organisation head words, well-known organisations, US Census + international first
//! names, an English word list). All data is embedded and parsed once (`OnceLock`).
//!
//! Entity ids are stable across articles and runs: `KIND:slug(canonical name)`, with `-cc` (ISO
//! country code, lower case) appended for sub-national places, e.g. `PER:marco-rubio`,
//! `GPE:ukraine`, `GPE:london-gb`, `ORG:uk-foreign-office`, `NORP:ukrainian`, `DATE:2022-02`.
//!
//! ```
//! use newsrake_extract::{extract, ArticleRef, ParagraphRef, MentionType};
//! let text = "UK Defence Secretary John Healey met officials in Kyiv.";
//! let paras = [ParagraphRef { start: 0, end: text.len(), original: true }];
//! let x = extract(&ArticleRef { text, paragraphs: &paras, published: None });
//! assert!(x.mentions.iter().any(|m| m.text == "John Healey" && m.kind == MentionType::Per));
//! assert_eq!(x.roles[0].title, "Defence Secretary");
//! ```

pub mod dates;
pub mod eval;
pub mod facts;
pub mod lexicon;
pub mod token;

use lexicon::{lex, Lex, PlaceKind};
use lexicon::{HashMap, HashSet};

use token::{Tok, TokKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionType {
    Per,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
}

impl MentionType {
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionType::Per => "PER",
            MentionType::Org => "ORG",
            MentionType::Gpe => "GPE",
            MentionType::Loc => "LOC",
            MentionType::Norp => "NORP",
            MentionType::Date => "DATE",
        }
    }
}

/// An entity id ("GPE:ukraine"), shared rather than copied: an entity, its
/// mentions, the roles and facts that name it and the per-thread cache of
/// ids hold one string. Reads as a `&str` (`Deref`, `as_str`); compares,
/// hashes and orders as one; "" (the default) holds no string at all.
#[derive(Clone, Default)]
pub struct Id(Option<std::sync::Arc<str>>);

impl Id {
    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }
}

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id((!s.is_empty()).then(|| s.into()))
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id((!s.is_empty()).then(|| s.into()))
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.as_str().to_string()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        match (&self.0, &other.0) {
            // (the same string, most often, when equal)
            (Some(a), Some(b)) if std::sync::Arc::ptr_eq(a, b) => true,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for Id {}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.as_str()
    }
}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Debug for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A paragraph: byte range in the article text; `original == false` marks a duplicate.
#[derive(Clone, Copy, Debug)]
pub struct ParagraphRef {
    pub start: usize,
    pub end: usize,
    pub original: bool,
}

impl ParagraphRef {
    /// Every non-blank line of `text` as an original paragraph (the JSONL
    /// rule; for examples, tests and gold files).
    pub fn lines(text: &str) -> Vec<ParagraphRef> {
        let mut out = Vec::new();
        let mut off = 0;
        for l in text.split('\n') {
            if !l.trim().is_empty() {
                out.push(ParagraphRef {
                    start: off,
                    end: off + l.len(),
                    original: true,
                });
            }
            off += l.len() + 1;
        }
        out
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ArticleRef<'a> {
    pub text: &'a str,
    pub paragraphs: &'a [ParagraphRef],
    /// ISO date ("2025-04-23" or a longer ISO timestamp), used to resolve relative dates.
    pub published: Option<&'a str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// index into `ArticleRef::paragraphs`
    pub paragraph: usize,
    /// byte offsets into the article text
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionType,
    pub entity_id: Id,
    /// normalised date for DATE ("2022-02-24", "2022-02", "2014", "XXXX-02" when the year is
    /// unknown, "" for a relative date without a publication date), else "".
    pub value: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub entity_id: Id,
    pub kind: MentionType,
    /// (borrowed from the gazetteer for a place)
    pub name: std::borrow::Cow<'static, str>,
    /// other surface forms seen in this article
    pub aliases: Vec<String>,
    pub country_code: &'static str,
    pub geonames_id: Option<u32>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A person's title/affiliation as stated in the text. `start..end` (bytes) covers the phrase that
/// states it (e.g. "UK Defence Secretary John Healey", or "Yuriy Sak, an adviser in Ukraine").
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub entity_id: Id,
    pub person: String,
    pub title: String,
    /// surface of the affiliation (country, organisation), "" when the text gives none nearby
    pub affiliation: String,
    /// entity id of the affiliation, "" if none
    pub affiliation_id: Id,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub roles: Vec<Role>,
    /// The sentences of the original paragraphs, in text order, as
    /// [`facts::extract_facts`] splits them. Not a table: a by-product of
    /// tokenizing for entities, kept so that facts need not tokenize again.
    pub sentences: Vec<Sentence>,
}

/// A sentence: byte range in the article text (trailing white space
/// excluded) and the index of its paragraph in `ArticleRef::paragraphs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CK {
    Per,
    Org,
    Place, // gazetteer place (GPE or LOC by place kind)
    Loc,   // LOC by head word, not in gazetteer
    Norp,
    Date,
    Unknown, // capitalised single token not typed; may be upgraded by linking
}

#[derive(Clone, Debug)]
struct Cand<'a> {
    para: usize,
    a: usize, // token range
    b: usize,
    kind: CK,
    /// The gazetteer entries of the place surface (`Lex::place_names`),
    /// resolved to one in [`link_and_resolve`]. Kept from the lookup that
    /// typed the candidate, so that nothing looks the surface up again.
    place_ids: Option<&'static [u32]>,
    place: Option<u32>,
    canon: Option<&'a str>,
    cc: &'static str,
    value: String,
    /// title token range (in-run or preceding lower-case title)
    title: Option<(usize, usize)>,
    /// index of affiliation candidate
    affil: Option<usize>,
    sent: usize,
    /// typed by a default rule (weak evidence)
    guess: bool,
    /// some person's affiliation points here (its id is needed for roles)
    affil_target: bool,
    /// typed ORG only because it is an acronym
    acro: bool,
}

#[inline]
/// Whether connector `second` may follow connector `first` inside a name:
/// "of the", and the two-word particles of surnames ("Ursula von der
/// Leyen", "Rafael van der Vaart", "Ruud van den Bosch", "Pedro de la
/// Rosa", "Mohammed bin al-Hasan").
fn is_second_connector(first: &str, second: &str) -> bool {
    second == "the"
        || matches!(
            (first, second),
            ("von" | "van", "der" | "den" | "dem")
                | ("de" | "del", "la" | "las" | "los" | "le")
                | ("bin" | "ibn", "al")
        )
}

/// A name written in capitals, each word title-cased ("GAZA CITY" → "Gaza
/// City"); with `lower_particles`, the particles after the first word in
/// lower case ("RIO DE JANEIRO" → "Rio de Janeiro").
fn title_case_caps(surf: &str, lower_particles: bool) -> String {
    let mut tc = String::with_capacity(surf.len());
    for (wi, w) in surf.split(' ').enumerate() {
        if wi > 0 {
            tc.push(' ');
        }
        let particle = lower_particles
            && wi > 0
            && matches!(
                w,
                "DE" | "DA" | "DO" | "DOS" | "DAS" | "DEL" | "DI" | "DU" | "LA" | "OF"
            );
        for (k, ch) in w.chars().enumerate() {
            if k == 0 && !particle {
                tc.push(ch)
            } else {
                tc.extend(ch.to_lowercase())
            }
        }
    }
    tc
}

/// Head words of institutions often named by a founder's or a saint's
/// possessive ("Addenbrooke's Hospital", "Guy's Hospital", "Christ's
/// College").
fn is_possessive_head(w: &str) -> bool {
    matches!(
        w,
        "Hospital"
            | "College"
            | "Cathedral"
            | "Church"
            | "Chapel"
            | "Abbey"
            | "School"
            | "Infirmary"
    )
}

/// A company's legal form written after its name ("Inc.", "Corp.", "Ltd",
/// "PLC", "AG").
fn is_legal_form(w: &str) -> bool {
    matches!(
        w,
        "Inc"
            | "Inc."
            | "Corp"
            | "Corp."
            | "Co"
            | "Co."
            | "Ltd"
            | "Ltd."
            | "LLC"
            | "PLC"
            | "Plc"
            | "plc"
            | "AG"
            | "SA"
            | "SE"
            | "NV"
            | "GmbH"
            | "Limited"
            | "Corporation"
            | "Pcl"
            | "PCL"
            | "JSC"
            | "Tbk"
            | "Bhd"
            | "Bhd."
            | "Berhad"
            | "S.p.A."
            | "SpA"
            | "S.A."
            | "N.V."
            | "ASA"
            | "Oyj"
    )
}

fn is_connector_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "de"
            | "da"
            | "del"
            | "della"
            | "der"
            | "van"
            | "von"
            | "bin"
            | "ibn"
            | "du"
            | "la"
            | "le"
            | "the"
            | "and"
            | "&"
            | "on"
            | "al"
            | "y"
            | "des"
            | "di"
            | "dos"
            | "do"
            | "ten"
            | "ter"
            | "das"
            // ("Van den Broek", "Helena Sousa e Castro", "Njeri wa Kamau",
            // "Kiprono arap Chelimo"; "Dar es Salaam", "Institut de
            // Recherche en Sciences de la Santé")
            | "den"
            | "e"
            | "wa"
            | "arap"
            | "es"
            | "en"
    )
}

pub(crate) const LOC_MODS: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Upper",
    "Lower",
    "Greater",
    "Inner",
    "Outer",
    "Old",
    "New",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
];

pub(crate) const LANGUAGES: &[&str] = &[
    "Latin",
    "Esperanto",
    "Sanskrit",
    "Mandarin",
    "Cantonese",
    "Swahili",
    "Hebrew",
    "Yiddish",
    "Urdu",
    "Hindi",
    "Bengali",
    "Tamil",
    "Telugu",
    "Punjabi",
    "Farsi",
    "Pashto",
    "Dari",
    "Amharic",
    "Tagalog",
    "Lao",
    "Khmer",
    "Catalan",
    "Galician",
    "Basque",
    "Gaelic",
    "Quechua",
    "Guarani",
    "Yoruba",
    "Igbo",
    "Hausa",
    "Zulu",
    "Xhosa",
    "Afrikaans",
    "Creole",
    "Esperanto",
    "Aramaic",
    "Coptic",
    "Akkadian",
    "Sumerian",
];

pub(crate) const LOC_HEAD: &[&str] = &[
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Road",
    "Rd.",
    "Boulevard",
    "Lane",
    "Bridge",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Alps",
    "Cemetery",
    // ("Carnegie Hall", "City Hall", "Wawel Hill", "Nazca Ridge", "the
    // Humboldt Current")
    "Hall",
    "Hill",
    "Ridge",
    "Current",
    "Shoal",
    "Reef",
    "Atoll",
    "Archipelago",
    "Glacier",
    "Volcano",
    "Lagoon",
    "Corridor",
    "Mount",
    "Island",
    "Islands",
    "Park",
    "Square",
    "Valley",
    "County",
    "Province",
    "Oblast",
    "Region",
    "District",
    "Bay",
    "Beach",
    "Airport",
    "Station",
    "Castle",
    "Palace",
    "Cathedral",
    "Basilica",
    "Abbey",
    "Chapel",
    "Tower",
    "Plaza",
    "Harbor",
    "Harbour",
    "Canyon",
    "Desert",
    "Forest",
    "Hills",
    "Heights",
    "Cemetery",
    "Hotel",
    "Museum",
    "Falls",
    "Peninsula",
    "Strait",
    "Gulf",
    "Sea",
    "Ocean",
    "Coast",
    "Highway",
    "Turnpike",
    "Gate",
    "Mosque",
    "Temple",
    "Basin",
    "Plateau",
    "Creek",
    "Canal",
    "Dam",
    "Base",
    "Airbase",
    "Governorate",
    "Prefecture",
    "State",
    "Territory",
    "Territories",
    "Quarter",
    "Neighborhood",
    "Neighbourhood",
    "Port",
    "Mall",
    "Stadium",
    "Arena",
    "Aréna",
    "Oval",
    "Parque",
    "Trail",
    "Statue",
    "Voivodship",
    "Voivodeship",
    "Oblast",
    "Krai",
    "Raion",
    "Canton",
    "Commune",
    "Municipality",
    "Pass",
    "Glacier",
    "Reservoir",
    "Springs",
    "Archipelago",
    "Channel",
    "Cape",
    "Village",
    "City",
    "Town",
    "Parish",
    "Borough",
    "Township",
    "Camp",
    "Field",
    "Fields",
    "Gardens",
    "Memorial",
    "Monument",
    "Passage",
    "Straits",
    "Prison",
    "Penitentiary",
];
pub(crate) const LOC_FIRST: &[&str] = &[
    "Mount",
    "Mt.",
    "Lake",
    "Fort",
    "Port",
    "Cape",
    "Camp",
    "Isle",
    "Gulf",
    "Bay",
    "Lago",
    "Rio",
    "Sierra",
    "Lac",
    // Romance places and venues ("Stade de France", "Foro Italico", "Casa
    // Rosada", "Monte Carlo", "Plaza de Mayo", "Puerto Galera")
    "Stade",
    "Estadio",
    "Estádio",
    "Stadio",
    "Foro",
    "Plaza",
    "Praça",
    "Piazza",
    "Palais",
    "Palacio",
    "Palazzo",
    "Casa",
    "Monte",
    "Mont",
    "Puerto",
    "Isla",
    "Ilha",
    "Île",
    "Cerro",
    "Laguna",
    "Bahía",
    "Punta",
    // Arabic toponym heads (tell, monastery, castle, cape, mountain, valley, well, village, spring)
    "Tal",
    "Tell",
    "Dayr",
    "Deir",
    "Qasr",
    "Ras",
    "Jabal",
    "Jebel",
    "Wadi",
    "Bir",
    "Kafr",
    "Ain",
    "Ayn",
    "Khirbet",
    "Sidi",
    "Kfar",
    // (mountain passes, Irish and Scottish lakes, saints' towns: "Passo
    // Giau", "Lough Corrib", "Loch Ness", "San Luca", "São Tomé")
    "Passo",
    "Lough",
    "Loch",
    "San",
    "Santa",
    "São",
    // (Hawaiian mountains, Romance parks, hospitals and museums: "Mauna
    // Kea", "Parque Lage", "Hospital Británico", "Museo del Prado";
    // cemeteries: "Cemitério do Araçá", "Cimetière du Père-Lachaise")
    "Mauna",
    "Parque",
    "Parc",
    "Hospital",
    "Museo",
    "Teatro",
    "Cemitério",
    "Cementerio",
    "Cimetière",
    "Cimitero",
    // (British prisons: "HMP Birmingham")
    "HMP",
];

pub(crate) const PREP_LOC: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "to",
    "into",
    "outside",
    "across",
    "towards",
    "toward",
    "around",
    "through",
    "throughout",
    "visited",
    "via",
    "of",
    "between",
    "inside",
    "within",
    "across",
];

pub(crate) const FUNCTION_CAPS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Of",
    "As",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Also",
    "There",
    "Here",
    "What",
    "Which",
    "Who",
    "Whom",
    "Why",
    "How",
    "Where",
    "So",
    "Yet",
    "Not",
    "No",
    "Yes",
    "All",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "Every",
    "Other",
    "Such",
    "Then",
    "Thus",
    "Now",
    "Once",
    "Despite",
    "During",
    "Under",
    "Over",
    "About",
    "Against",
    "Among",
    "Between",
    "Without",
    "Within",
    "Until",
    "Because",
    "Unlike",
    "Like",
    "According",
    "Additionally",
    "Furthermore",
    "Moreover",
    "Instead",
    "Still",
    "Even",
    "Just",
    "Only",
    "Perhaps",
    "Today",
    "Tonight",
    "Yesterday",
    "Tomorrow",
    "Please",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Madam",
    "Oh",
    "OK",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Been",
    "Has",
    "Have",
    "Had",
    "Can",
    "Could",
    "Will",
    "Would",
    "Should",
    "Shall",
    "May",
    "Might",
    "Must",
    "Let",
    "Get",
    "See",
    "Note",
    "Figure",
    "Table",
    "Chapter",
    "Section",
    "Part",
    "Page",
    "Fig",
    "Image",
    "Photo",
    "Source",
    "Read",
    "More",
    "Less",
    "Very",
    "Much",
    "Any",
    "Several",
    "Few",
    "One",
    "Two",
    "Three",
    "First",
    "Second",
    "Third",
    "Last",
    "Next",
    "New",
    "Old",
    "Another",
    "Having",
    "Being",
    "Given",
    "Following",
    "Including",
    "Regarding",
    "Whether",
    "Either",
    "Neither",
    "Nor",
    "Via",
    "Per",
    "Upon",
    "Onto",
    "Into",
    "Off",
    "Out",
    "Up",
    "Down",
    "Around",
    "Through",
    "Throughout",
    "Across",
    "Behind",
    "Beyond",
    "Below",
    "Above",
    "Near",
    "Inside",
    "Outside",
    "Toward",
    "Towards",
    "Except",
    "Besides",
];

pub(crate) const PERSON_TITLE_ABBR: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Prof.",
    "Rev.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Gen.",
    "Lt.",
    "Col.",
    "Sgt.",
    "Capt.",
    "Maj.",
    "Adm.",
    "Spc.",
    "Pfc.",
    "Cmdr.",
    "Brig.",
    "President",
    "Prime",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Senator",
    "Minister",
    "Secretary",
    "Chancellor",
    "Governor",
    "Mayor",
    "Ambassador",
    "Judge",
    "Justice",
    "General",
    "Colonel",
    "Captain",
    "Admiral",
    "Sheikh",
    "Emir",
    "Sultan",
    "Ayatollah",
    "Imam",
    "Rabbi",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Professor",
    "Envoy",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Adviser",
    "Advisor",
    "Commander",
    "Chairman",
    "Chairwoman",
    "Director",
    "Chief",
    "Deputy",
    "Officer",
    "Lieutenant",
    "Sergeant",
    "Major",
    "Inspector",
    "Detective",
    "Father",
    "Sister",
    "Saint",
    "St.",
    "Premier",
    "Speaker",
    "Leader",
    "Head",
    "Congressman",
    "Congresswoman",
    "Representative",
    "Marshal",
    "Councillor",
    "Prosecutor",
    "Attorney",
];

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    tok_para: Vec<usize>,
    sent_id: Vec<usize>,
    in_date: Vec<bool>,
    lex: &'static Lex,
    buf: String,
    /// Per-token lexicon flags, computed lazily, one half at a time: the
    /// `word_flags` of the token as written (`lexicon::W_*`, `C_*`: bits
    /// 0-17, valid once `CASED_DONE` is set) and the `lower_flags` of it
    /// lower-cased (`lexicon::L_*` shifted by `L_SHIFT`, valid once
    /// `LOWER_DONE` is set). A rule asks many questions of one token
    /// (first name? surname? function word? organisation suffix?): the
    /// word is hashed once per half, not once per question.
    tflags: Vec<u32>,
    /// title_at memo per token: (lim, end or u32::MAX), where `tflags` has
    /// `TITLE_DONE` (else stale)
    title_memo: Vec<(u32, u32)>,
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    fn surf(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }
    /// Whether a known place or organisation name of two to six words
    /// starts at `s` and ends by `j` ("New York" in "New York Times",
    /// "New Delhi" in "New Delhi and New Zealand").
    /// A leading "The" counts only for places ("The Hague"): an
    /// organisation's name is given without it ("New York Times").
    fn known_name_at(&self, s: usize, j: usize) -> bool {
        let the = self.w(s) == "The";
        (s + 2..=j.min(s + 6)).any(|k| {
            let name = self.surf(s, k);
            self.lex.place_names.contains_key(name)
                || (!the && self.lex.orgs.contains_key(name))
                || (!the && self.lex.demonyms.contains_key(name))
                // (a dateline in capitals: "NEW YORK", "NEW DELHI", at the
                // start of its paragraph)
                || (self.toks[s].allcaps
                    && (s == 0 || self.tok_para[s - 1] != self.tok_para[s])
                    && (s..k).all(|t| self.toks[t].allcaps)
                    && self
                        .lex
                        .place_names
                        .contains_key(title_case_caps(name, false).as_str()))
        })
    }
    fn is_cap_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Word && t.cap && !self.in_date[i]
    }
    fn is_connector(&self, i: usize) -> bool {
        let t = &self.toks[i];
        (t.kind == TokKind::Word || t.kind == TokKind::Punct)
            && !t.cap
            && t.end - t.start <= 4
            && is_connector_word(self.w(i))
    }
    /// A plural possessive inside a name: the apostrophe of "Magistrates'
    /// Court", "Workers' Party" (a dictionary word in -s before it; not
    /// "Galois' Republican friends").
    fn plural_possessive(&mut self, i: usize) -> bool {
        let t = self.toks[i];
        t.kind == TokKind::Punct
            && !t.space_before
            && i > 0
            && i + 1 < self.toks.len()
            && matches!(self.w(i), "'" | "’")
            && self.w(i - 1).ends_with('s')
            && self.toks[i + 1].space_before
            && self.is_cap_word(i + 1)
            && self.is_dict(i - 1)
    }
    /// The `word_flags` bits of token `i` (memoised).
    #[inline]
    fn cased(&mut self, i: usize) -> u32 {
        let f = self.tflags[i];
        if f & CASED_DONE != 0 {
            return f;
        }
        let f = f | CASED_DONE | self.lex.word_flags.get(self.w(i)).unwrap_or(0);
        self.tflags[i] = f;
        f
    }
    /// Whether token `i` has any of the `word_flags` bits `bits`: e.g.
    /// `has(i, C_FUNC)` is `lex.function_caps.contains(w(i))`.
    #[inline]
    fn has(&mut self, i: usize, bits: u32) -> bool {
        self.cased(i) & bits != 0
    }
    /// The `lower_flags` bits of token `i` lower-cased, shifted by
    /// `L_SHIFT` (memoised).
    #[inline]
    fn lower(&mut self, i: usize) -> u32 {
        let f = self.tflags[i];
        if f & LOWER_DONE != 0 {
            return f;
        }
        let w = self.w(i);
        let lf = match self.lex.lower_flags.get_ascii_lower(w) {
            Some(v) => v,
            None => {
                lower_into(&mut self.buf, w);
                self.lex.lower_flags.get(self.buf.as_str())
            }
        };
        let f = f | LOWER_DONE | (lf.unwrap_or(0) as u32) << L_SHIFT;
        self.tflags[i] = f;
        f
    }
    /// Whether `surf(a, b)` may be a key of the lexicon whose first words
    /// carry `flag` in `word_flags`: false only when token `a` is the key's
    /// whole first word and lacks the flag, which spares a lookup in a large
    /// table for most capitalised runs.
    fn may_be_key(&mut self, a: usize, b: usize, flag: u32) -> bool {
        let end = self.toks[a].end;
        let first_word_is_token =
            end == self.toks[b - 1].end || self.text.as_bytes().get(end) == Some(&b' ');
        !first_word_is_token || self.has(a, flag)
    }
    /// Whether token i is a known first name. `word_flags` carries a bit for
    /// every first name, so the per-token flags answer without another
    /// lookup in the (large, cache-unfriendly) name set.
    fn is_first_name(&mut self, i: usize) -> bool {
        self.has(i, lexicon::W_FIRST)
    }
    /// Whether token i, lower-cased, is an English dictionary word (the
    /// `L_DICT` bit of `lower_flags`, built from the same word list).
    fn is_dict(&mut self, i: usize) -> bool {
        self.lower(i) & ((lexicon::L_DICT as u32) << L_SHIFT) != 0
    }
    /// Whether token i, lower-cased, is a common word that is also a name.
    fn is_common(&mut self, i: usize) -> bool {
        self.lower(i) & ((lexicon::L_COMMON as u32) << L_SHIFT) != 0
    }
    /// Whether token i, lower-cased, may start a title (the `L_TITLE` bit of
    /// `lower_flags`). An ASCII token whose key is not in `title_gate` is
    /// none, without the lookup.
    fn is_title_start(&mut self, i: usize) -> bool {
        let t = self.toks[i];
        if self.tflags[i] & LOWER_DONE == 0 && t.ascii {
            let g = lexicon::title_gate_key(&self.text.as_bytes()[t.start..t.end]);
            if self.lex.title_gate[g >> 6] & (1 << (g & 63)) == 0 {
                return false;
            }
        }
        self.lower(i) & ((lexicon::L_TITLE as u32) << L_SHIFT) != 0
    }
    /// longest title at i (modifiers allowed before the title word); returns end
    fn title_at(&mut self, i: usize, lim: usize) -> Option<usize> {
        if i >= lim || !self.is_title_start(i) {
            return None;
        }
        let (l, r) = self.title_memo[i];
        if self.tflags[i] & TITLE_DONE != 0 && l == lim as u32 {
            return if r == u32::MAX {
                None
            } else {
                Some(r as usize)
            };
        }
        let res = self.title_at_raw(i, lim);
        self.title_memo[i] = (lim as u32, res.map(|e| e as u32).unwrap_or(u32::MAX));
        self.tflags[i] |= TITLE_DONE;
        res
    }
    fn title_at_raw(&mut self, i: usize, lim: usize) -> Option<usize> {
        let mut best = None;
        let mut k = i;
        // skip modifiers
        loop {
            if k >= lim || self.toks[k].kind != TokKind::Word {
                break;
            }
            // try title phrases starting at k
            let maxw = self.lex.title_max_words;
            let mut e = k;
            let mut nw = 0;
            while e < lim && nw < maxw {
                let t = self.toks[e];
                if t.kind != TokKind::Word && self.w(e) != "-" {
                    break;
                }
                e += 1;
                nw += 1;
                let s = self.surf(k, e);
                let p = match self.lex.title_prefix.get_ascii_lower(s) {
                    Some(v) => v,
                    None => {
                        lower_into(&mut self.buf, s);
                        self.lex.title_prefix.get(self.buf.as_str())
                    }
                }
                .unwrap_or(0);
                if p == 0 {
                    break;
                }
                if p & lexicon::P_ENTRY != 0 {
                    best = Some(e);
                }
            }
            let wk = self.w(k);
            lower_into(&mut self.buf, wk);
            let is_mod = self.lex.title_mods.contains(self.buf.as_str());
            if let Some(e) = best {
                // ("Justice Minister", "Deputy Minister": a title word that
                // also modifies a title is the longer title's start)
                if is_mod && e == k + 1 && k + 1 < lim {
                    if let Some(e2) = self.title_at_raw(k + 1, lim) {
                        return Some(e2);
                    }
                }
                return best;
            }
            if is_mod {
                lower_into(&mut self.buf, wk);
                // ("Labour MP Jess Phillips", "Labour leader Keir Starmer":
                // the party, not the labour portfolio)
                if matches!(self.buf.as_str(), "labour" | "labor")
                    && k + 1 < lim
                    && matches!(
                        self.w(k + 1).to_ascii_lowercase().as_str(),
                        "mp" | "mps"
                            | "mep"
                            | "meps"
                            | "msp"
                            | "leader"
                            | "councillor"
                            | "councilor"
                            | "candidate"
                            | "peer"
                            | "lawmaker"
                            | "senator"
                            | "backbencher"
                    )
                {
                    break;
                }
                k += 1;
                continue;
            }
            break;
        }
        best
    }
    fn org_at(&mut self, i: usize, lim: usize) -> Option<usize> {
        let lex = self.lex;
        self.longest_known(
            i,
            lim,
            (lexicon::W_ORG, lexicon::C_ORG_KEY),
            lex.org_max_words + 1,
            true,
            |l, sf| l.org_prefix_keys.get(sf).unwrap_or(0),
        )
    }
    fn place_at(&mut self, i: usize, lim: usize) -> Option<usize> {
        self.longest_known(
            i,
            lim,
            (lexicon::W_PLACE, lexicon::C_PLACE_KEY),
            6,
            true,
            |l, sf| l.place_prefix.get(sf).unwrap_or(0),
        )
    }
    fn demonym_at(&mut self, i: usize, lim: usize) -> Option<usize> {
        self.longest_known(
            i,
            lim,
            (lexicon::W_DEM, lexicon::C_DEM_KEY),
            3,
            false,
            |l, sf| l.demonym_prefix.get(sf).unwrap_or(0),
        )
    }
    /// The end of the longest lexicon entry starting at token `i`: extends
    /// while the surface is a known prefix (`lookup` has `P_PREFIX`),
    /// remembers where it is a known entry (`P_ENTRY`); at most `max_words`
    /// tokens, optionally stopping after a possessive.
    ///
    /// `(first, whole)`: the `word_flags` bits for "first word of a key"
    /// and "a key". A one-word surface has no space, so it is a word-prefix
    /// of a key exactly when it is some key's first word: the token's flags
    /// answer the first step without a lookup.
    fn longest_known(
        &mut self,
        i: usize,
        lim: usize,
        (first, whole): (u32, u32),
        max_words: usize,
        stop_at_poss: bool,
        lookup: impl Fn(&Lex, &str) -> u8,
    ) -> Option<usize> {
        if i >= lim {
            return None;
        }
        let f = self.cased(i);
        if f & first == 0 {
            return None;
        }
        let mut best = None;
        let mut e = i;
        while e < lim && e < i + max_words {
            e += 1;
            if stop_at_poss && self.toks[e - 1].kind == TokKind::Poss {
                break;
            }
            let p = if e == i + 1 {
                // (`first` is set: a prefix)
                lexicon::P_PREFIX | if f & whole != 0 { lexicon::P_ENTRY } else { 0 }
            } else {
                lookup(self.lex, self.surf(i, e))
            };
            if p & lexicon::P_PREFIX == 0 {
                break;
            }
            if p & lexicon::P_ENTRY != 0 {
                best = Some(e);
            }
        }
        best
    }
}

/// Bits of `Ctx::tflags` (see there).
const CASED_DONE: u32 = 1 << 30;
/// `Ctx::title_memo` holds the token's entry
const TITLE_DONE: u32 = 1 << 29;
const LOWER_DONE: u32 = 1 << 31;
const L_SHIFT: u32 = 20;

#[inline]
fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Lower-case, dash-separated; Latin diacritics folded (Rafaḩ → rafah) so
/// ids stay stable whichever spelling the gazetteer carries.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    slug_into(&mut out, s);
    out
}

/// [`slug`] appended to `out` (ids are built in one buffer: `KIND:slug`).
fn slug_into(out: &mut String, s: &str) {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let base = out.len();
    let mut dash = false;
    if s.is_ascii() {
        // NFKD leaves ASCII alone and it has no combining marks: skip the
        // decomposition (most names are ASCII). The runs of alphanumerics,
        // lower-cased, joined by single dashes: copied a run at a time.
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if out.len() > base {
                out.push('-');
            }
            let at = out.len();
            out.push_str(&s[start..i]);
            out[at..].make_ascii_lowercase();
        }
    } else {
        for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    out.push(l);
                }
                dash = false;
            } else if out.len() > base && !dash {
                out.push('-');
                dash = true;
            }
        }
    }
    while out.len() > base && out.ends_with('-') {
        out.pop();
    }
}

/// An entity id: `KIND:` + `slug(name)`, or `KIND:` + `name` as it is (ISO
/// dates), then `-cc` when given.
fn entity_id(kind: MentionType, name: &str, slugged: bool, cc: Option<&str>) -> String {
    let mut id = String::with_capacity(kind.as_str().len() + 1 + name.len() + 3);
    id.push_str(kind.as_str());
    id.push(':');
    if slugged {
        slug_into(&mut id, name);
    } else {
        id.push_str(name);
    }
    if let Some(cc) = cc {
        id.push('-');
        // Country codes are ASCII: lower-case them in place (no String).
        if cc.is_ascii() {
            let at = id.len();
            id.push_str(cc);
            id[at..].make_ascii_lowercase();
        } else {
            id.push_str(&cc.to_lowercase());
        }
    }
    id
}

/// Extract mentions, entities and roles from the original paragraphs of an article.
pub fn extract(article: &ArticleRef<'_>) -> Extraction {
    extract_then(article, |_, _| ()).0
}

/// [`extract`], then [`facts::extract_facts`] on its result: the same two
/// results, but the facts read the words of each sentence off the tokens
/// the extraction made instead of splitting the text a second time.
///
/// Never inlined, so that a profile shows the whole extraction stage as one
/// function (it runs once per article: the call costs nothing).
#[inline(never)]
pub fn extract_with_facts(article: &ArticleRef<'_>) -> (Extraction, facts::Facts) {
    extract_then(article, |x, toks| {
        facts::extract_facts_with_tokens(article, x, toks)
    })
}

/// [`extract`], then `then` on the extraction and its tokens (those of
/// every original paragraph, in text order) while they are at hand.
fn extract_then<R>(
    article: &ArticleRef<'_>,
    then: impl FnOnce(&Extraction, &[Tok]) -> R,
) -> (Extraction, R) {
    let lex = lex();
    let text = article.text;
    let mut scratch = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut toks = std::mem::take(&mut scratch.toks);
    let mut tok_para = std::mem::take(&mut scratch.tok_para);
    toks.clear();
    tok_para.clear();
    let mut para_ranges = std::mem::take(&mut scratch.para_ranges);
    let mut sentences = std::mem::take(&mut scratch.sentences);
    let mut spans = std::mem::take(&mut scratch.spans);
    para_ranges.clear();
    sentences.clear();
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if !p.original
            || p.start >= p.end
            || p.end > text.len()
            || !text.is_char_boundary(p.start)
            || !text.is_char_boundary(p.end)
        {
            continue;
        }
        let a = toks.len();
        token::tokenize(text, p.start, p.end, &mut toks);
        spans.clear();
        facts::sentence_spans(text, p.start, p.end, &toks[a..], &mut spans);
        sentences.extend(spans.iter().map(|&(start, end)| Sentence {
            paragraph: pi,
            start,
            end,
        }));
        mark_dateline_end(text, &mut toks[a..]);
        tok_para.resize(toks.len(), pi);
        para_ranges.push((pi, a, toks.len()));
    }
    let n = toks.len();
    // sentence ids; an abbreviation like "U.S." followed by a function word starts a sentence
    let mut sent_id = std::mem::take(&mut scratch.sent_id);
    sent_id.clear();
    sent_id.reserve(n);
    let mut sid = 0;
    for i in 0..n {
        if i > 0 && toks[i - 1].abbr && toks[i].cap && toks[i].kind == TokKind::Word {
            let w = &text[toks[i].start..toks[i].end];
            let pw = &text[toks[i - 1].start..toks[i - 1].end];
            if lex.function_caps.contains(&w)
                && pw.len() > 3
                && !lex.person_title_words.contains(&pw)
            {
                toks[i].sent_start = true;
            }
        }
        // (a paragraph's first token starts a sentence: `tokenize` starts
        // every call with one, so no test of the paragraph here)
        debug_assert!(i == 0 || tok_para[i] == tok_para[i - 1] || toks[i].sent_start);
        if toks[i].sent_start {
            sid += 1;
        }
        sent_id.push(sid);
    }
    let published = dates::parse_published(article.published);
    let mut in_date = std::mem::take(&mut scratch.in_date);
    in_date.clear();
    in_date.resize(n, false);
    let mut date_hits = Vec::new();
    for &(_, a, b) in &para_ranges {
        let mut hits = Vec::new();
        dates::find_dates(&toks[a..b], text, published, &mut hits);
        for mut h in hits {
            h.a += a;
            h.b += a;
            for x in in_date.iter_mut().take(h.b).skip(h.a) {
                *x = true;
            }
            date_hits.push(h);
        }
    }
    let mut cx = Ctx {
        text,
        toks,
        tok_para,
        sent_id,
        in_date,
        lex,
        buf: String::with_capacity(64),
        tflags: std::mem::take(&mut scratch.tflags),
        title_memo: std::mem::take(&mut scratch.title_memo),
    };
    // (valid where `TITLE_DONE` is set in `tflags`: no need to reset it)
    if cx.title_memo.len() < n {
        cx.title_memo.resize(n, (0, 0));
    }
    cx.tflags.clear();
    cx.tflags.resize(n, 0);
    let mut dates: Vec<Cand<'_>> = Vec::with_capacity(date_hits.len());
    for h in date_hits {
        dates.push(Cand {
            para: cx.tok_para[h.a],
            a: h.a,
            b: h.b,
            kind: CK::Date,
            place_ids: None,
            place: None,
            canon: None,
            cc: "",
            value: h.value,
            title: None,
            affil: None,
            sent: cx.sent_id[h.a],
            guess: false,
            affil_target: false,
            acro: false,
        });
    }
    // (room for the dates merged in below too: growing a vector of these
    // large candidates copies them all)
    let mut cands: Vec<Cand<'_>> = Vec::with_capacity(n / 4 + dates.len());
    for &(pi, a, b) in &para_ranges {
        let headline = is_headline(&cx, a, b);
        scan_paragraph(&mut cx, pi, a, b, headline, &mut cands);
    }
    let mut cands = merge_cands(dates, cands);
    long_forms(&mut cx, &mut cands);
    regional_parties(&cx, &mut cands);
    drop_work_titles(&cx, &mut cands);
    // in-run affiliations were recorded as token indices: map to candidate indices
    let mut starts = std::mem::take(&mut scratch.starts);
    starts.clear();
    starts.extend(cands.iter().map(|c| c.a));
    for c in cands.iter_mut() {
        if let Some(t) = c.affil {
            c.affil = starts.iter().position(|&a| a == t);
        }
    }
    sports_teams(&cx, &mut cands);
    facilities_as_places(&cx, &mut cands);
    link_and_resolve(&mut cx, &mut cands);
    let mut out = build_output(&mut cx, &mut cands);
    // (one allocation of the exact size, not the doublings of a growing
    // vector)
    out.sentences = sentences.to_vec();
    let then = then(&out, &cx.toks);
    // hand the buffers back for the next article on this thread
    scratch.toks = cx.toks;
    scratch.tok_para = cx.tok_para;
    scratch.sent_id = cx.sent_id;
    scratch.in_date = cx.in_date;
    scratch.tflags = cx.tflags;
    scratch.title_memo = cx.title_memo;
    scratch.para_ranges = para_ranges;
    scratch.sentences = sentences;
    scratch.spans = spans;
    scratch.starts = starts;
    SCRATCH.with(|s| *s.borrow_mut() = scratch);
    (out, then)
}

/// A dateline ("NEW YORK (Reuters) - Shares of …", "KHARTOUM, Sudan —
/// Fighters …") ends at its dash: the word after it opens the story's first
/// sentence. A dateline is a place in capitals, optionally followed by a
/// comma and a region or country and by an agency in brackets, within the
/// paragraph's first eight tokens.
fn mark_dateline_end(text: &str, toks: &mut [Tok]) {
    let Some(first) = toks.first() else { return };
    if !(first.allcaps && first.kind == TokKind::Word) {
        return;
    }
    let mut in_brackets = false;
    for k in 1..toks.len().min(9) {
        let t = toks[k];
        let w = &text[t.start..t.end];
        match w {
            "(" => in_brackets = true,
            ")" => in_brackets = false,
            "-" | "—" | "–" if !in_brackets => {
                if let Some(next) = toks.get_mut(k + 1) {
                    if next.kind == TokKind::Word && next.cap {
                        next.sent_start = true;
                    }
                }
                return;
            }
            "," => {}
            _ if in_brackets || (t.kind == TokKind::Word && t.cap) => {}
            _ => return,
        }
    }
}

/// The long form of an acronym defined in brackets is one name, however
/// its words were split: "the Intergovernmental Authority on Development
/// (IGAD)", "the Organization for Security and Co-operation in Europe
/// (OSCE)", "the England and Wales Cricket Board (ECB)". The long form is
/// the shortest run of capitalised words and connectors before the bracket
/// whose letters spell the acronym, read from its end, the acronym's first
/// letter opening a word (Schwartz and Hearst's rule for abbreviations).
/// Runs before candidates are mapped to each other (`affil` still holds
/// token indices).
fn long_forms<'a>(cx: &mut Ctx<'a>, cands: &mut Vec<Cand<'a>>) {
    let n = cx.toks.len();
    // (the brackets found in the text by `memchr`, then their tokens: few
    // texts have many)
    let opens: Vec<usize> = memchr::memchr_iter(b'(', cx.text.as_bytes())
        .filter_map(|pos| {
            let i = cx.toks.partition_point(|t| t.start < pos);
            (i < n && cx.toks[i].start == pos).then_some(i)
        })
        .collect();
    for i in opens {
        if i == 0 || i + 2 >= n || !cx.toks[i + 1].allcaps || cx.w(i + 2) != ")" {
            continue;
        }
        let acr: Vec<char> = cx
            .w(i + 1)
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let e = i;
        if !(2..=10).contains(&acr.len()) {
            continue;
        }
        // the words the long form may take, right to left
        let lim = e.saturating_sub(acr.len() + 6);
        let mut s = e;
        let mut found = None;
        let mut exact = false;
        while s > lim {
            let k = s - 1;
            let t = cx.toks[k];
            let w = cx.w(k);
            // ("Co-operation": capitalised, though not a name's word)
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            let ok = cx.sent_id[k] == cx.sent_id[e - 1]
                && ((t.kind == TokKind::Word && (upper || is_connector_word(w)))
                    || matches!(
                        w,
                        "and" | "on" | "in" | "to" | "&" | "," | "-" | "'s" | "’s"
                    )
                    || t.kind == TokKind::Poss);
            if !ok {
                break;
            }
            s = k;
            if t.kind == TokKind::Word && t.cap && found.is_none() && spells(&acr, cx.surf(s, e)) {
                found = Some(s);
            }
            // ("Australian Nursing and Midwifery Federation (ANMF)": a
            // start where the capitalised words' initials are the acronym
            // wins over the first start the letters allow, "Nursing and
            // Midwifery Federation")
            if t.kind == TokKind::Word && t.cap && initials_are(cx, s, e, &acr) {
                found = Some(s);
                exact = true;
                break;
            }
        }
        let Some(s) = found else { continue };
        if e - s < 2 {
            continue;
        }
        // the candidates inside [s, e); none may cross its ends
        let first = cands.partition_point(|c| c.b <= s);
        let mut last = first;
        while last < cands.len() && cands[last].a < e {
            last += 1;
        }
        let inside = &cands[first..last];
        if inside.is_empty()
            || inside
                .iter()
                .any(|c| c.a < s || c.b > e || c.kind == CK::Date)
            || inside
                .iter()
                .all(|c| c.kind == CK::Per && (c.title.is_some() || cx.is_first_name(c.a)))
        {
            continue;
        }
        let whole = inside.len() == 1 && inside[0].a == s && inside[0].b == e;
        // (an organisation's long form: ends in an organisation's word or
        // holds an organisation already; not "Formal Equivalence (F-E)")
        // ("Alliance for Change and Renewal (ACR)": an organisation's first
        // word, and the acronym its initials)
        // ("Strathclyde Partnership for Transport (SPT)": three or more
        // initials, and a word no dictionary has; not "Geographic
        // Information Systems (GIS)", "Gross Domestic Product (GDP)")
        let has_org = inside.iter().any(|c| c.kind == CK::Org && !c.guess);
        let named = |cx: &mut Ctx<'_>| {
            exact
                && acr.len() >= 3
                && (s..e)
                    .any(|k| cx.toks[k].cap && cx.toks[k].kind == TokKind::Word && !cx.is_dict(k))
        };
        if !(cx.has(e - 1, lexicon::C_ORG_SUFFIX)
            || has_org
            || (exact && cx.has(s, lexicon::C_ORG_PREFIX | lexicon::C_ORG_SUFFIX))
            || named(cx))
        {
            continue;
        }
        if whole {
            // (one candidate is the long form already: an unknown name or
            // a guessed person becomes the organisation)
            let c = &mut cands[first];
            if c.kind == CK::Unknown || (c.kind == CK::Per && c.guess) {
                *c = new_cand(cx, c.para, s, e, CK::Org);
            }
            continue;
        }
        let c = new_cand(cx, cands[first].para, s, e, CK::Org);
        cands.splice(first..last, std::iter::once(c));
    }
}

/// "Scottish Labour", "Scottish Greens", "Welsh Conservatives": a
/// nationality right before a party's short name is the name of the
/// party's branch, one organisation.
fn regional_parties<'a>(cx: &Ctx<'a>, cands: &mut Vec<Cand<'a>>) {
    let mut i = 0;
    while i + 1 < cands.len() {
        let (c, d) = (&cands[i], &cands[i + 1]);
        if c.kind == CK::Norp
            && c.b - c.a == 1
            && d.a == c.b
            && d.kind == CK::Org
            && cx.sent_id[c.a] == cx.sent_id[d.a]
            && matches!(
                cx.surf(d.a, d.b),
                "Labour"
                    | "Greens"
                    | "Conservatives"
                    | "Tories"
                    | "Liberal Democrats"
                    | "Lib Dems"
                    | "Socialists"
                    | "Nationalists"
                    | "Unionists"
            )
        {
            let merged = new_cand(cx, c.para, c.a, d.b, CK::Org);
            cands.splice(i..i + 2, std::iter::once(merged));
        }
        i += 1;
    }
}

/// Whether the initials of the capitalised words of tokens `s..e` are
/// `acr` (lower-case letters), in order.
fn initials_are(cx: &Ctx<'_>, s: usize, e: usize, acr: &[char]) -> bool {
    let mut n = 0;
    for k in s..e {
        let t = cx.toks[k];
        if t.kind != TokKind::Word || !t.cap {
            continue;
        }
        let Some(c) = cx.w(k).chars().next().and_then(|c| c.to_lowercase().next()) else {
            return false;
        };
        if acr.get(n) != Some(&c) {
            return false;
        }
        n += 1;
    }
    n == acr.len()
}

/// Whether `acr` (lower-case letters) can be read in `long` from right to
/// left, its first letter at the start of a word.
fn spells(acr: &[char], long: &str) -> bool {
    let chars: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let mut j = chars.len();
    for (ai, &c) in acr.iter().enumerate().rev() {
        loop {
            if j == 0 {
                return false;
            }
            j -= 1;
            let word_start = j == 0 || !chars[j - 1].is_alphanumeric();
            if chars[j] == c && (ai > 0 || word_start) {
                break;
            }
        }
    }
    // (nothing but the first word's start before the first letter)
    true
}

/// "in Phalombe, Mulanje and Thyolo", "to Isabela, Cagayan and Apayao": a
/// name only guessed to be a person, listed with places in a list that
/// ends in "and" or "or", is a place. (Not across a bare comma: "in Kabul,
/// Karzai said".)
fn coordinated_places(cx: &mut Ctx<'_>, cands: &mut [Cand<'_>]) {
    // Some(true): "and"/"or" (with or without a comma), Some(false): ","
    fn sep(cx: &Ctx<'_>, c: &Cand<'_>, n: &Cand<'_>) -> Option<bool> {
        if n.para != c.para {
            return None;
        }
        match (n.a - c.b, cx.w(c.b)) {
            (1, "and" | "or") => Some(true),
            (1, ",") => Some(false),
            (2, ",") if matches!(cx.w(c.b + 1), "and" | "or") => Some(true),
            _ => None,
        }
    }
    // (a place the gazetteer knows: not "Downton Abbey, and Finley")
    let place = |c: &Cand<'_>| c.kind == CK::Place;
    let guessed = |c: &Cand<'_>| c.kind == CK::Per && c.guess && c.title.is_none();
    let mut i = 0;
    while i < cands.len() {
        // the list cands[i..j]
        let mut j = i + 1;
        let mut ends_in_and = false;
        while j < cands.len() && cands[j].a >= cands[j - 1].b {
            match sep(cx, &cands[j - 1], &cands[j]) {
                Some(and) => {
                    j += 1;
                    if and {
                        ends_in_and = true;
                        break;
                    }
                }
                None => break,
            }
        }
        // "the Liben and Afder zones": names listed before a plural noun of
        // places are places
        if ends_in_and
            && j - i >= 2
            && cands[j - 1].b < cx.toks.len()
            && is_place_plural(cx.w(cands[j - 1].b))
            && cands[i..j]
                .iter()
                .all(|c| matches!(c.kind, CK::Place | CK::Loc | CK::Unknown) || guessed(c))
        {
            for c in &mut cands[i..j] {
                if guessed(c) || (c.kind == CK::Unknown && !c.acro) {
                    c.kind = CK::Loc;
                    c.guess = true;
                }
            }
            i = j;
            continue;
        }
        let items = &cands[i..j];
        // (two items only after a place's preposition: "in Ba and Rakiraki")
        let in_prep = cands[i].a > 0
            && matches!(
                cx.w(cands[i].a - 1),
                "in" | "to" | "from" | "near" | "across" | "between" | "around"
            );
        // (a name left untyped: "Mannheim, Halle and Gdańsk", where Halle
        // is also a surname; "Iloilo, Capiz and Negros Occidental")
        let untyped = |c: &Cand<'_>| c.kind == CK::Unknown && !c.acro && c.b - c.a <= 3;
        if ends_in_and
            && (items.len() >= 3 || (items.len() == 2 && in_prep))
            && items
                .iter()
                .all(|c| place(c) || guessed(c) || c.kind == CK::Loc || untyped(c))
        {
            // A place in the list: one the gazetteer knows, or one by its
            // head word or its context ("in Ba and Rakiraki"), but not a
            // citation's authors ("in Moran and Pyle", "from Palmeri and
            // Gazio (1995)").
            let cited = j > 0 && cands[j - 1].b < cx.toks.len() && cx.w(cands[j - 1].b) == "(";
            let surnames = (i..j).any(|k| cx.has(cands[k].a, lexicon::C_SURNAME));
            let anchored = cands[i..j]
                .iter()
                .any(|c| place(c) || (c.kind == CK::Loc && (!c.guess || (!surnames && !cited))));
            // (an untyped name only beside a place the gazetteer knows)
            let gazetteer = cands[i..j].iter().any(place);
            if anchored {
                for c in &mut cands[i..j] {
                    if guessed(c) {
                        c.kind = CK::Loc;
                    } else if untyped(c) && gazetteer {
                        c.kind = if c.place.is_some() {
                            CK::Place
                        } else {
                            CK::Loc
                        };
                        c.guess = c.place.is_none();
                    }
                }
            }
        } else if ends_in_and
            && (items.len() >= 3
                || (cands[i].a > 0
                    && matches!(cx.w(cands[i].a - 1), "with" | "including" | "between")))
            && items.iter().all(|c| c.kind == CK::Org || guessed(c))
            && items.iter().any(|c| c.kind == CK::Org && !c.guess)
            && !(i..j).any(|k| guessed(&cands[k]) && cx.has(cands[k].a, lexicon::C_SURNAME))
        {
            // "a stockpile managed with Gavi and UNICEF": listed with an
            // organisation, a name only guessed to be a person is one too
            for c in &mut cands[i..j] {
                if guessed(c) {
                    c.kind = CK::Org;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Names inside the quoted title of a work are not the article's names:
/// `her drama "The Salt Road"`, `starred in "The Long Harmattan"` (the
/// test of [`facts::names_a_work`]; the quotes table leaves such titles
/// out too). Runs before candidates are mapped to each other, as
/// it removes some.
fn drop_work_titles(cx: &Ctx<'_>, cands: &mut Vec<Cand<'_>>) {
    let n = cx.toks.len();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // (the marks found in the text by `memchr`, then their tokens; an
    // opening mark after a word of the few that announce a work)
    let b = cx.text.as_bytes();
    let marks = memchr::memchr_iter(b'"', b).chain(memchr::memmem::find_iter(b, "“".as_bytes()));
    let mut opens: Vec<usize> = marks
        .filter_map(|pos| {
            let i = cx.toks.partition_point(|t| t.start < pos);
            (i > 0 && i < n && cx.toks[i].start == pos).then_some(i)
        })
        .filter(|&i| {
            let t = &cx.toks[i];
            t.kind == TokKind::Punct
                && t.space_before
                && cx.toks[i - 1].kind == TokKind::Word
                && facts::may_announce_work(cx.w(i - 1))
        })
        .collect();
    opens.sort_unstable();
    let mut next_free = 0;
    for i in opens {
        if i < next_free {
            continue;
        }
        // the closing mark within twelve words, in the same sentence
        let close = (i + 1..n.min(i + 14))
            .take_while(|&k| cx.sent_id[k] == cx.sent_id[i] || cx.w(k) == "\"")
            .find(|&k| matches!(cx.w(k), "\"" | "”"));
        let Some(k) = close else {
            continue;
        };
        if k > i + 1 {
            let open = cx.toks[i].start;
            let words = &cx.text[cx.toks[i].end..cx.toks[k].start];
            if facts::names_a_work(cx.text, open, words) {
                spans.push((i, k));
            }
        }
        next_free = k + 1;
    }
    if spans.is_empty() {
        return;
    }
    cands.retain(|c| {
        !(matches!(
            c.kind,
            CK::Per | CK::Org | CK::Loc | CK::Place | CK::Unknown
        ) && spans.iter().any(|&(o, k)| o < c.a && c.b <= k))
    });
}

/// A hospital or a theatre named as where something happens is a place:
/// "treated at Kenyatta National Hospital", "a memorial at the National
/// Theatre", "taken to the Batangas Medical Center" (but "the hospital said"
/// or "Kenyatta National Hospital's board" stay an organisation).
fn facilities_as_places(cx: &Ctx<'_>, cands: &mut [Cand<'_>]) {
    for c in cands.iter_mut() {
        if c.kind != CK::Org || c.b - c.a < 2 {
            continue;
        }
        let last = cx.w(c.b - 1);
        // (and places of worship: "the funeral will be held at Karasjok
        // Church")
        let facility = matches!(
            last,
            "Hospital"
                | "Clinic"
                | "Infirmary"
                | "Hospice"
                | "Theatre"
                | "Theater"
                | "Church"
                | "Cathedral"
                | "Chapel"
                | "Basilica"
                | "Mosque"
                | "Monastery"
        ) || (matches!(last, "Center" | "Centre")
            && matches!(
                cx.w(c.b - 2),
                "Medical" | "Conference" | "Convention" | "Trade"
            ));
        if !facility {
            continue;
        }
        // A hospital or clinic is where things happen unless it acts:
        // "a nurse at the Royal Hobart Hospital", "Dhaka Shishu Hospital
        // and Kanti Children's Hospital in Kathmandu", "Sunflower Regional
        // Hospital is owned by ..." (but "the University of Mississippi
        // Medical Center in Jackson said", "Guy's Hospital's board").
        let medical = matches!(last, "Hospital" | "Clinic" | "Infirmary" | "Hospice")
            || cx.w(c.b - 2) == "Medical";
        if medical {
            let mut k = c.b;
            // (over "in Jackson", "in Jackson, Miss.,")
            if k < cx.toks.len() && cx.w(k) == "in" {
                k += 1;
                while k < cx.toks.len()
                    && k < c.b + 6
                    && cx.sent_id[k] == c.sent
                    && (cx.toks[k].cap || matches!(cx.w(k), "," | "."))
                {
                    k += 1;
                }
            }
            let acts = k < cx.toks.len()
                && cx.sent_id[k] == c.sent
                && (cx.toks[k].kind == TokKind::Poss
                    || matches!(
                        cx.w(k),
                        "said"
                            | "says"
                            | "announced"
                            | "reported"
                            | "confirmed"
                            | "stated"
                            | "told"
                            | "added"
                            | "employs"
                            | "spokesman"
                            | "spokeswoman"
                            | "spokesperson"
                    ));
            if !acts {
                c.kind = CK::Loc;
                c.canon = None;
            }
            continue;
        }
        let mut k = c.a;
        if k > 0 && matches!(cx.w(k - 1), "the" | "The") {
            k -= 1;
        }
        // ("at" and "in" after a verb only: "treated at", "held at", "died
        // in"; "a neurologist at Addenbrooke's Hospital" is its staff)
        let verb_before = |k: usize| {
            k > 0 && {
                let w = cx.w(k - 1);
                w.ends_with("ed") || matches!(w, "died" | "born" | "held" | "seen")
            }
        };
        if k > 0
            && (matches!(
                cx.w(k - 1),
                "to" | "into" | "outside" | "near" | "from" | "inside"
            ) || (matches!(cx.w(k - 1), "at" | "in") && verb_before(k - 1)))
        {
            c.kind = CK::Loc;
            c.canon = None;
        }
    }
}

/// A town named as a sports team: "Barcelona lost 2-1 to Osasuna",
/// "Liverpool were held to a draw", "Barcelona coach Hansi Flick". A city
/// (or an unknown name read as a place or a person) with a score within
/// four tokens in its sentence, a match verb right after it or a player's
/// or coach's role noun right after it is the club (an organisation).
/// Countries are left alone ("England captain Harry Kane").
fn sports_teams(cx: &Ctx<'_>, cands: &mut [Cand<'_>]) {
    let lex = cx.lex;
    // "3-1" (one token), or "31–24" with an en dash (three tokens, no
    // spaces): at `k`
    let is_score = |k: usize| {
        let t = &cx.toks[k];
        let small = |k: usize| {
            !cx.in_date[k]
                && cx.toks[k].kind == TokKind::Num
                && cx.w(k).len() <= 2
                && cx.w(k).bytes().all(|c| c.is_ascii_digit())
        };
        // (not a date's: "5–6 September 2019")
        t.kind == TokKind::Num && !cx.in_date[k] && {
            let w = cx.w(k).as_bytes();
            let h = w.iter().position(|&c| c == b'-');
            h.is_some_and(|h| {
                (1..=2).contains(&h)
                    && (1..=2).contains(&(w.len() - h - 1))
                    && w.iter()
                        .enumerate()
                        .all(|(i, c)| i == h || c.is_ascii_digit())
            }) || (small(k)
                && k + 2 < cx.toks.len()
                && matches!(cx.w(k + 1), "–" | "—" | "-")
                && !cx.toks[k + 1].space_before
                && !cx.toks[k + 2].space_before
                && small(k + 2))
        }
    };
    // (whether the sentence of `c` has a token at which `pred` holds)
    let sentence_any = |c: &Cand<'_>, pred: &dyn Fn(usize) -> bool| {
        let mut k = c.a;
        while k > 0 && cx.sent_id[k - 1] == c.sent {
            k -= 1;
        }
        while k < cx.toks.len() && cx.sent_id[k] == c.sent {
            if pred(k) {
                return true;
            }
            k += 1;
        }
        false
    };
    // (... a word for which `pred` holds)
    let sentence_has = |c: &Cand<'_>, pred: fn(&str) -> bool| sentence_any(c, &|k| pred(cx.w(k)));
    // (a sentence about a match: a result word in it)
    let match_sentence = |c: &Cand<'_>| {
        sentence_has(c, |w| {
            matches!(
                w,
                "beat"
                    | "beating"
                    | "lost"
                    | "drew"
                    | "won"
                    | "win"
                    | "defeat"
                    | "defeating"
                    | "draw"
                    | "victory"
                    | "against"
            )
        })
    };
    // (a sentence about a game: a word only sport uses)
    let sport_sentence = |c: &Cand<'_>| {
        sentence_has(c, |w| {
            matches!(
                w,
                "wickets"
                    | "innings"
                    | "runs"
                    | "Test"
                    | "goals"
                    | "tries"
                    | "try"
                    | "penalty"
                    | "match"
                    | "Stadium"
                    | "fly-half"
                    | "scrum"
                    | "half-time"
                    | "semi-final"
                    | "quarter-final"
                    | "final"
            )
        })
    };
    // (a score anywhere in the sentence)
    let scored_sentence = |c: &Cand<'_>| sentence_any(c, &is_score);
    let mut teams: Vec<&str> = Vec::new();
    // (towns that played: typed clubs below)
    let mut club_towns: Vec<&str> = Vec::new();
    for c in cands.iter_mut() {
        // a country, in a sentence about a game: "India beat Australia by
        // 184 runs", "Ireland beat New Zealand 22-19" (not "Ukraine defeated
        // the Russian offensive")
        // (England, Scotland and Wales field teams too: regions of GB)
        let country = c.kind == CK::Place
            && c.place_ids.is_some_and(|v| {
                let p = &lex.places[v[0] as usize];
                p.kind == PlaceKind::Country
                    || (p.kind == PlaceKind::Region
                        && matches!(
                            p.name.as_str(),
                            "England" | "Scotland" | "Wales" | "Northern Ireland"
                        ))
            });
        if country {
            let next = (c.b < cx.toks.len()).then(|| cx.w(c.b));
            let prev = (c.a > 0).then(|| cx.w(c.a - 1));
            let versus = next.is_some_and(|w| {
                matches!(
                    w,
                    "beat" | "defeated" | "drew" | "lost" | "won" | "thrashed"
                )
            }) || prev.is_some_and(|w| {
                matches!(
                    w,
                    "beat" | "beating" | "defeated" | "defeating" | "against" | "over"
                )
            });
            // ("Cameroon were held 1–1 by Namibia", "drew 0–0 with Benin",
            // "Senegal edged Mali": weaker words, with a score in the sentence)
            let versus_weak = next.is_some_and(|w| {
                matches!(w, "were" | "edged" | "routed" | "crushed" | "stunned" | "held" | "draw")
            } && !prev.is_some_and(|w| matches!(w, "of" | "in" | "at" | "from")))
                || prev.is_some_and(|w| matches!(w, "by" | "with" | "to"));
            // ("beating Samoa 31–24": a score right after the name is a
            // game's)
            // ("Thailand's 2-2 draw with Malaysia")
            let after = if c.b < cx.toks.len() && cx.toks[c.b].kind == TokKind::Poss {
                c.b + 1
            } else {
                c.b
            };
            let scored = after < cx.toks.len() && cx.sent_id[after] == c.sent && is_score(after);
            // ("Senegal kept their perfect record with a 3–0 win over
            // Burundi", "DR Congo moved top of Group B after beating
            // Tanzania 2–0": the subject of a sentence with a result and a
            // score; not "Mexico, which hosts the World Cup, ...")
            let subject = (c.a == 0
                || cx.sent_id[c.a - 1] != c.sent
                || matches!(cx.w(c.a - 1), "—" | "–" | "-"))
                && next.is_some_and(|w| cx.toks[c.b].kind == TokKind::Word && w != "and");
            // (the sentence is scanned only for a country next to a match
            // word, or opening one: most countries are neither)
            if scored
                || (versus && (sport_sentence(c) || scored_sentence(c)))
                || (versus_weak && scored_sentence(c))
                || (subject && match_sentence(c) && scored_sentence(c))
            {
                teams.push(cx.surf(c.a, c.b));
                as_team(c);
                continue;
            }
        }
        // a city; an unknown name only in a sentence about a match
        let city = match c.kind {
            CK::Place => c
                .place_ids
                .is_some_and(|v| lex.places[v[0] as usize].kind == PlaceKind::City),
            CK::Loc | CK::Unknown => false,
            CK::Per => false,
            _ => continue,
        };
        // a town a player moves from or to: "signed the striker Mamadou
        // Sarr from Metz", "loaned the winger to Brest"
        if city
            && ((c.a > 0 && matches!(cx.w(c.a - 1), "from" | "to"))
                || (c.b < cx.toks.len()
                    && matches!(cx.w(c.b), "signed" | "sold" | "loaned" | "bought" | "paid")))
            && sentence_has(c, |w| {
                matches!(
                    w,
                    "signed"
                        | "signs"
                        | "sign"
                        | "loaned"
                        | "loan"
                        | "transfer"
                        | "sold"
                        | "paid"
                        | "bought"
                        | "fee"
                        | "joined"
                )
            })
            && sentence_has(c, |w| {
                matches!(
                    w,
                    "striker"
                        | "midfielder"
                        | "goalkeeper"
                        | "winger"
                        | "defender"
                        | "forward"
                        | "full-back"
                        | "centre-back"
                        | "playmaker"
                )
            })
        {
            club_towns.push(cx.surf(c.a, c.b));
            as_team(c);
            c.guess = false;
            continue;
        }
        // (people beat people too: "Sinner beat Zverev 6-4"; a venue is
        // not a team: "won 2-1 in Pamplona")
        // (but a lone word only guessed to be a person, no known first
        // name or surname, may be a club: "Tappara coach Mikko Aaltonen",
        // "a 5–2 win over Kärpät")
        let lone_guess = c.kind == CK::Per
            && c.guess
            && c.b - c.a == 1
            && c.title.is_none()
            && lex.word_flags.get(cx.w(c.a)).unwrap_or(0) & (lexicon::W_FIRST | lexicon::C_SURNAME)
                == 0;
        let other = !city && (matches!(c.kind, CK::Loc | CK::Unknown) || lone_guess);
        let venue = c.a > 0
            && matches!(
                cx.w(c.a - 1),
                "in" | "at" | "near" | "from" | "of" | "In" | "At" | "Near" | "From"
            );
        if (!city && !other) || venue {
            continue;
        }
        let sent = c.sent;
        let span = if city { 4 } else { 2 };
        let near_score = (c.a.saturating_sub(span)..c.a)
            .chain(c.b..(c.b + span).min(cx.toks.len()))
            .any(|k| cx.sent_id[k] == sent && is_score(k))
            && (city || match_sentence(c));
        let next = (c.b < cx.toks.len() && cx.sent_id[c.b] == sent).then(|| cx.w(c.b));
        let team_word = next.is_some_and(|w| {
            (city && matches!(w, "were" | "beat" | "defeated" | "drew" | "thrashed"))
                || matches!(
                    w,
                    "coach"
                        | "manager"
                        | "boss"
                        | "midfielder"
                        | "striker"
                        | "defender"
                        | "goalkeeper"
                        | "winger"
                        | "captain"
                )
        });
        // ("a 5–2 win over Kärpät", "lost 2–1 to Lukko", "scored twice for
        // Tappara": a lone name after a match word, a score in the sentence)
        let prev = (c.a > 0 && cx.sent_id[c.a - 1] == sent).then(|| cx.w(c.a - 1));
        let opponent = other
            && prev.is_some_and(|w| matches!(w, "over" | "against" | "to" | "for" | "beat"))
            && match_sentence(c)
            && scored_sentence(c);
        if near_score || team_word || opponent {
            if city || other {
                club_towns.push(cx.surf(c.a, c.b));
            }
            as_team(c);
            c.guess = false;
        }
    }
    // one reading per article: a country that played in one sentence is the
    // team in the others about the game ("Fiji had lost to Samoa in 2023",
    // "the Fiji coach said")
    if teams.is_empty() && club_towns.is_empty() {
        return;
    }
    // in an article about games, a club named "<word> <town>" is its town
    // alone too ("Bayer Leverkusen … Leverkusen sign Ghanaian forward",
    // "Leverkusen's sporting director"); not "University of Manchester",
    // "Deutsche Bank"
    for c in cands.iter() {
        if c.kind != CK::Org
            || !(2..=3).contains(&(c.b - c.a))
            || !(c.a..c.b).all(|k| cx.toks[k].cap && cx.toks[k].kind == TokKind::Word)
            || lex.word_flags.get(cx.w(c.a)).unwrap_or(0)
                & (lexicon::C_ORG_PREFIX | lexicon::C_ORG_SUFFIX | lexicon::C_PLACE_KEY)
                != 0
        {
            continue;
        }
        let town = cx.surf(c.a + 1, c.b);
        if lex.place_names.get(town).is_some_and(|v| {
            v.iter()
                .any(|&p| lex.places[p as usize].kind == PlaceKind::City)
        }) {
            club_towns.push(town);
        }
    }
    for c in cands.iter_mut() {
        // (a lone name that played: "Tappara moved to the top")
        let lone = c.b - c.a == 1
            && (c.kind == CK::Unknown || (c.kind == CK::Per && c.guess && c.title.is_none()));
        if c.kind != CK::Place && !lone {
            continue;
        }
        let next = (c.b < cx.toks.len()).then(|| cx.w(c.b));
        // a town that played is the club wherever the article names it
        // ("Aalborg beat Industria Kielce 34–29 ... Aalborg and Magdeburg
        // meet in Denmark"), unless it is where something happens ("travel
        // to Kiel") or a dateline ("MAGDEBURG, Germany (AP)")
        if club_towns.contains(&cx.surf(c.a, c.b)) {
            let prev = (c.a > 0 && cx.sent_id[c.a - 1] == c.sent).then(|| cx.w(c.a - 1));
            let venue = prev.is_some_and(|w| {
                matches!(
                    w,
                    "in" | "at" | "to" | "from" | "near" | "of" | "In" | "At" | "To" | "From"
                )
            });
            let dateline = cx.toks[c.a].allcaps || next == Some(",");
            if !venue && !dateline {
                as_team(c);
                c.guess = false;
            }
            continue;
        }
        // (in an article about games, any country's coach or players are
        // a team's: "Senegal coach Pape Thiaw", "the future Uruguay
        // captain")
        let squad_role = next.is_some_and(|w| {
            matches!(
                w,
                "coach"
                    | "captain"
                    | "striker"
                    | "midfielder"
                    | "defender"
                    | "goalkeeper"
                    | "winger"
                    | "manager"
            )
        }) && c
            .place_ids
            .is_some_and(|v| lex.places[v[0] as usize].kind == PlaceKind::Country);
        if !squad_role && !teams.contains(&cx.surf(c.a, c.b)) {
            continue;
        }
        let prev = (c.a > 0).then(|| cx.w(c.a - 1));
        // (headline verbs too: "Indonesia stun Saudi Arabia in Jeddah as
        // Japan cruise")
        let headline_verb = |w: &str| {
            matches!(
                w,
                "beat"
                    | "beats"
                    | "stun"
                    | "stuns"
                    | "edge"
                    | "edges"
                    | "rout"
                    | "routs"
                    | "thrash"
                    | "thrashes"
                    | "crush"
                    | "crushes"
                    | "cruise"
                    | "cruises"
                    | "hold"
                    | "holds"
                    | "sink"
                    | "sinks"
            )
        };
        let team_word = next.is_some_and(|w| {
            matches!(
                w,
                "coach" | "captain" | "squad" | "team" | "side" | "fans" | "players"
            ) || headline_verb(w)
        }) || prev.is_some_and(headline_verb)
            || prev.is_some_and(|w| matches!(w, "to" | "against" | "beat" | "over" | "and"))
                && match_sentence(c);
        if team_word || (match_sentence(c) && sport_sentence(c)) {
            as_team(c);
        }
    }
}

/// Type a candidate as a team: an organisation, no longer a place.
fn as_team(c: &mut Cand<'_>) {
    c.kind = CK::Org;
    c.place_ids = None;
    c.place = None;
    c.canon = None;
    c.cc = "";
}

/// The date candidates followed by the others, sorted by `(a, b)`,
/// stably (as `sort_by_key` on the concatenation would).
///
/// Both lists usually come in text order already: then each date is
/// inserted at its place (before any other candidate with the same key, as
/// the stable sort puts it), one block move of the tail per date, instead
/// of moving every (large) candidate through a permutation.
fn merge_cands<'a>(dates: Vec<Cand<'a>>, rest: Vec<Cand<'a>>) -> Vec<Cand<'a>> {
    let key = |c: &Cand<'_>| (c.a, c.b);
    let sorted = |cs: &[Cand<'_>]| cs.windows(2).all(|w| key(&w[0]) <= key(&w[1]));
    if sorted(&dates) && sorted(&rest) {
        let mut out = rest;
        out.reserve(dates.len());
        // Last date first: the later dates already in place keep the
        // dates among themselves in their order.
        for d in dates.into_iter().rev() {
            let at = out.partition_point(|c| key(c) < key(&d));
            out.insert(at, d);
        }
        return out;
    }
    let mut all = dates;
    all.extend(rest);
    sort_cands(&mut all);
    all
}

/// Sort the candidates by `(a, b)`, stably (as `sort_by_key` would): sorts
/// `(a, b, index)` keys (distinct, so an unstable sort keeps ties in index
/// order) and then moves each candidate once, instead of moving the large
/// `Cand`s around inside the sort or reading them through indices in it.
fn sort_cands(cands: &mut Vec<Cand<'_>>) {
    let mut order: Vec<(usize, usize, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (c.a, c.b, i))
        .collect();
    if order.is_sorted() {
        return;
    }
    order.sort_unstable();
    let mut slots: Vec<Option<Cand<'_>>> = cands.drain(..).map(Some).collect();
    cands.extend(
        order
            .iter()
            .map(|&(_, _, i)| slots[i].take().expect("a permutation takes each slot once")),
    );
}

/// Per-thread reusable buffers (no observable state: every buffer is cleared before use).
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    tok_para: Vec<usize>,
    sent_id: Vec<usize>,
    in_date: Vec<bool>,
    tflags: Vec<u32>,
    title_memo: Vec<(u32, u32)>,
    para_ranges: Vec<(usize, usize, usize)>,
    sentences: Vec<Sentence>,
    spans: Vec<(usize, usize)>,
    starts: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Whether paragraph tokens `a..b` read as a headline: at least three
/// words of four letters or more, 70 % of them capitalised, and not a long
/// run of sentences.
///
/// Stops as soon as the answer is known to be no (both tests only get
/// worse as tokens come): an ordinary paragraph is settled a few words in
/// instead of at its last token.
fn is_headline(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let mut words = 0;
    let mut caps = 0;
    let mut end_punct = false;
    for i in a..b {
        let t = &cx.toks[i];
        if t.kind == TokKind::Word && t.end - t.start > 3 {
            words += 1;
            if t.cap {
                caps += 1;
            } else {
                // Even if every token left were a capitalised word,
                // `caps * 10 >= words * 7` (that is, 3 capitalised words
                // per 7 others) could not hold.
                let most_caps = caps + (b - i - 1);
                if 3 * most_caps < 7 * (words - caps) {
                    return false;
                }
            }
        }
        // (a one-byte test: no slicing of the text per token)
        if t.kind == TokKind::Punct
            && t.end - t.start == 1
            && matches!(cx.text.as_bytes()[t.start], b'.' | b'!' | b'?')
        {
            end_punct = true;
        }
        if end_punct && words > 12 {
            return false;
        }
    }
    // (a paragraph that ends in a full stop after a lower-case word is a
    // sentence full of names, not a headline: "The mayor met John Smith and
    // Seán Ó Ríordáin.")
    let full_stop = b > a + 1
        && cx.toks[b - 1].kind == TokKind::Punct
        && cx.text.as_bytes()[cx.toks[b - 1].start] == b'.'
        && caps < words;
    words >= 3 && caps * 10 >= words * 7 && !full_stop
}

fn new_cand<'a>(cx: &Ctx<'a>, para: usize, a: usize, b: usize, kind: CK) -> Cand<'a> {
    Cand {
        para,
        a,
        b,
        kind,
        place_ids: None,
        place: None,
        canon: None,
        cc: "",
        value: String::new(),
        title: None,
        affil: None,
        sent: cx.sent_id[a],
        guess: false,
        affil_target: false,
        acro: false,
    }
}

/// Find capitalised runs and classify them.
fn scan_paragraph<'a>(
    cx: &mut Ctx<'a>,
    pi: usize,
    a: usize,
    b: usize,
    headline: bool,
    out: &mut Vec<Cand<'a>>,
) {
    let mut i = a;
    while i < b {
        // lower-case demonyms are not entities; hyphenated pro-X forms are
        if cx.toks[i].kind == TokKind::Word && !cx.in_date[i] && !cx.toks[i].cap {
            // (the first byte before the slice: few words start with 'p' or 'a')
            let pro_anti = matches!(cx.text.as_bytes()[cx.toks[i].start], b'p' | b'a') && {
                let w = cx.w(i);
                w.starts_with("pro-") || w.starts_with("anti-")
            };
            if let Some(d) = pro_anti.then(|| cx.lex.demonyms.get(cx.w(i))).flatten() {
                let mut c = new_cand(cx, pi, i, i + 1, CK::Norp);
                c.canon = Some(d.canon.as_str());
                c.cc = d.cc.as_str();
                out.push(c);
            }
            i += 1;
            continue;
        }
        if !cx.is_cap_word(i) {
            i += 1;
            continue;
        }
        // "Moody's", "Christie's": a known company named with a possessive
        if i + 1 < b && cx.toks[i + 1].kind == TokKind::Poss {
            if let Some(canon) = cx.lex.orgs.get(cx.surf(i, i + 2)) {
                let mut c = new_cand(cx, pi, i, i + 2, CK::Org);
                c.canon = Some(canon.as_str());
                out.push(c);
                i += 2;
                continue;
            }
        }
        // build run [i, j)
        let mut j = i + 1;
        loop {
            if j < b
                && cx.is_cap_word(j)
                && cx.sent_id[j] == cx.sent_id[i]
                && !(cx.w(j) == "I" && pronoun_i(cx, j))
            {
                j += 1;
                continue;
            }
            // "Côte d'Ivoire", "Giscard d'Estaing": an elided article or
            // preposition joined to a capitalised word
            if j < b && elided_cap(cx, j) && cx.sent_id[j] == cx.sent_id[i] {
                j += 1;
                continue;
            }
            // "Harwell Holdings plc": a lower-case legal form
            if j < b && cx.w(j) == "plc" && cx.has(j - 1, lexicon::C_ORG_SUFFIX) {
                j += 1;
                break;
            }
            if j + 1 < b && cx.plural_possessive(j) {
                j += 2;
                continue;
            }
            // "St. Peter's Square", "St Mary's Hospital", "King's College":
            // a saint's or a monarch's possessive inside a place or an
            // organisation's name
            if j + 1 < b
                && cx.toks[j].kind == TokKind::Poss
                && cx.is_cap_word(j + 1)
                && cx.sent_id[j + 1] == cx.sent_id[i]
                && (((j >= i + 2 && matches!(cx.w(j - 2), "St." | "St" | "Saint"))
                    || matches!(cx.w(j - 1), "King" | "Queen"))
                    && cx.has(
                        j + 1,
                        lexicon::C_LOC_HEAD | lexicon::C_ORG_SUFFIX | lexicon::C_ORG_PREFIX,
                    )
                    // ("Addenbrooke's Hospital", "Guy's Hospital": a founder's
                    // name before an institution's head word)
                    || (j == i + 1
                        && is_possessive_head(cx.w(j + 1))
                        && !cx.has(
                            i,
                            lexicon::C_PLACE_KEY | lexicon::C_ORG_KEY | lexicon::C_DEM_KEY,
                        )))
            {
                j += 2;
                continue;
            }
            // connectors followed by a capitalised word (allow "of the")
            if j < b && cx.is_connector(j) {
                let mut k = j + 1;
                if k < b && is_second_connector(cx.w(j), cx.w(k)) {
                    k += 1;
                }
                let cw = cx.w(j);
                // ("New York for the First Congress": a place named whole
                // before "for" is not the start of a longer name)
                let ok_conn = cw != "the"
                    && k < b
                    && cx.is_cap_word(k)
                    && cx.sent_id[k] == cx.sent_id[i]
                    && !(cw == "for"
                        && cx.lex.place_names.contains_key(cx.surf(i, j))
                        // ("Alliance for Change": Alliance, Ohio, is an
                        // organisation's head word too)
                        && !cx.has(j - 1, lexicon::C_ORG_SUFFIX | lexicon::C_ORG_PREFIX));
                if ok_conn {
                    j = k;
                    continue;
                }
            }
            // "Ministry of Trade, Industry and Fisheries", "Department for
            // Environment, Food and Rural Affairs": a ministry's portfolios
            if j < b
                && cx.w(j) == ","
                && (cx.has(i, lexicon::C_ORG_PREFIX)
                    || (cx.w(i) == "The" && cx.has(i + 1, lexicon::C_ORG_PREFIX)))
                && (i + 1..j).any(|k| matches!(cx.w(k), "of" | "for"))
            {
                if let Some(e) = portfolio_list(cx, j, b) {
                    // (the name ends with the list: "… and Tourism and the
                    // Ministry of Defence" is two)
                    j = e;
                }
            }
            break;
        }
        // a storm's name, also at a sentence start where "Typhoon" would be
        // stripped as an ordinary word ("Typhoon Yagi killed …")
        if j - i >= 2 && matches!(cx.w(i), "Typhoon" | "Hurricane" | "Cyclone") {
            i = j;
            continue;
        }
        let mut s0 = i;
        // (mid-sentence, a capitalised "New" or "Old" before an organisation or
        // place head word is part of the name: "the New Culture Movement")
        let named_mid_sentence = |cx: &mut Ctx<'_>| {
            i > 0
                && !cx.toks[i].sent_start
                && !cx.toks[i].allcaps
                && !matches!(cx.w(i), "The" | "A" | "An")
                && matches!(
                    cx.w(i - 1),
                    "the" | "of" | "for" | "at" | "in" | "on" | "along" | "near" | "from" | "off"
                )
                && cx.has(j - 1, lexicon::C_ORG_SUFFIX | lexicon::C_LOC_HEAD)
        };
        if j - i > 1
            && cx.has(i, lexicon::C_FUNC)
            && !named_mid_sentence(cx)
            && !cx.known_name_at(i, j)
        {
            while s0 < j
                && (cx.has(s0, lexicon::C_FUNC) || cx.is_connector(s0))
                && j - s0 > 1
                && !cx.known_name_at(s0, j)
            {
                s0 += 1;
            }
        }
        // a sentence-initial ordinary word ("Key U.S. officials") is not part of the name
        if s0 < j && j - s0 > 1 && cx.toks[s0].sent_start {
            // ("Shares of Tesla Inc. slid", "Residents of Gaza City fled":
            // the name's head word does not make the sentence's first word
            // part of it when "of" comes between)
            let of_after = cx.w(s0 + 1) == "of";
            // ("Van den Broek told …": a surname particle)
            let particle = s0 + 1 < j
                && cx.is_connector(s0 + 1)
                && matches!(
                    cx.w(s0),
                    "Van" | "Von" | "De" | "Di" | "Da" | "Du" | "Ter" | "Ten"
                );
            let lexical = particle
                || chinese_name(cx, s0, j)
                || cx.is_first_name(s0)
                || cx.has(s0, lexicon::C_PLACE_KEY)
                || cx.known_name_at(s0, j)
                || cx.has(s0, lexicon::C_DEM_KEY)
                || cx.org_at(s0, j).is_some()
                || cx.title_at(s0, j).is_some()
                || (!of_after && cx.has(j - 1, lexicon::C_ORG_SUFFIX))
                || cx.has(s0, lexicon::C_ORG_PREFIX)
                || cx.has(s0, lexicon::C_LOC_FIRST)
                || (!of_after && cx.has(j - 1, lexicon::C_LOC_HEAD));
            if !lexical && cx.is_dict(s0) {
                s0 += 1;
                while s0 < j && cx.is_connector(s0) {
                    s0 += 1;
                }
            }
        }
        if s0 < j {
            let n0 = out.len();
            classify_run(cx, pi, s0, j, headline, out);
            // "Marburg virus", "Lassa fever", "Zika virus": a disease, not a
            // place or a person
            // ("Parkinson's disease", "Crohn's disease", "Down syndrome")
            let disease_at =
                |k: usize| matches!(cx.w(k), "virus" | "fever" | "disease" | "flu" | "syndrome");
            if j < b
                && (disease_at(j)
                    || (j + 1 < b && cx.toks[j].kind == TokKind::Poss && disease_at(j + 1)))
            {
                let k = out[n0..].iter().position(|c| {
                    c.b == j && matches!(c.kind, CK::Place | CK::Loc | CK::Per | CK::Unknown)
                });
                if let Some(k) = k {
                    out.remove(n0 + k);
                }
            }
            // a numbered unit: "the 5th Special Forces Group", "507th ARW"
            if let Some(c) = out.get_mut(n0) {
                if c.a == s0
                    && s0 > a
                    && c.kind == CK::Org
                    && (c.acro || is_unit_word(cx.w(c.b - 1)))
                    && cx.sent_id[s0 - 1] == cx.sent_id[s0]
                    && is_ordinal(cx.w(s0 - 1))
                {
                    c.a -= 1;
                    c.canon = None;
                }
            }
        }
        i = j;
    }
}

/// Whether token `k` is a word like "d'Ivoire", "d’Estaing", "l'Aquila":
/// an elided French or Italian "de"/"le" joined to a capitalised word.
#[inline]
fn elided_cap(cx: &Ctx<'_>, k: usize) -> bool {
    let t = &cx.toks[k];
    if t.kind != TokKind::Word || t.cap || !matches!(cx.text.as_bytes()[t.start], b'd' | b'l') {
        return false;
    }
    let w = cx.w(k);
    let rest = w[1..]
        .strip_prefix('\'')
        .or_else(|| w[1..].strip_prefix('’'));
    rest.and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Whether tokens `a..b` are a name in the Chinese order of Singapore,
/// Malaysia and Hong Kong: a common Chinese surname, then a given name of
/// two capitalised syllables ("Tan Keng Hock", "Lee Hsien Loong").
#[inline]
fn chinese_name(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let syllable = |w: &str| {
        let mut cs = w.chars();
        (2..=5).contains(&w.len())
            && cs.next().is_some_and(|c| c.is_ascii_uppercase())
            && cs.all(|c| c.is_ascii_lowercase())
    };
    b == a + 3
        && matches!(
            cx.w(a),
            "Tan"
                | "Lim"
                | "Lee"
                | "Ng"
                | "Goh"
                | "Ong"
                | "Teo"
                | "Chua"
                | "Koh"
                | "Wong"
                | "Chan"
                | "Cheung"
                | "Lau"
                | "Leung"
                | "Yeo"
                | "Toh"
                | "Chong"
                | "Liew"
                | "Yap"
                | "Wee"
                | "Soh"
                | "Foo"
                | "Chew"
                | "Kwek"
                | "Heng"
                | "Seah"
                | "Quek"
                | "Tay"
                | "Loh"
                | "Khoo"
                | "Ang"
                | "Chia"
                | "Chee"
                | "Lai"
                | "Yong"
                | "Low"
                | "Sim"
                | "Tsang"
                | "Kwok"
                | "Fung"
                | "Tse"
                | "Yip"
                | "Lam"
                | "Cheng"
                | "Chow"
                | "Leong"
                | "Siew"
        )
        && cx.toks[a + 1].kind == TokKind::Word
        && cx.toks[a + 2].kind == TokKind::Word
        && syllable(cx.w(a + 1))
        && syllable(cx.w(a + 2))
}

/// Whether the capitalised "I" at `k` is the pronoun ("In Munich I had"),
/// not a regnal or serial numeral ("Elizabeth I", "World War I"): a verb
/// follows it.
fn pronoun_i(cx: &Ctx<'_>, k: usize) -> bool {
    k + 1 < cx.toks.len()
        && matches!(
            cx.w(k + 1),
            "had"
                | "have"
                | "am"
                | "think"
                | "thought"
                | "said"
                | "saw"
                | "met"
                | "went"
                | "felt"
                | "knew"
                | "know"
                | "would"
                | "could"
                | "can"
                | "do"
                | "did"
                | "got"
                | "found"
                | "remember"
                | "love"
                | "loved"
                | "want"
                | "wanted"
                | "lived"
                | "worked"
                | "spent"
                | "learned"
                | "began"
                | "started"
                | "never"
                | "also"
                | "just"
                | "still"
                | "really"
                | "’m"
                | "'m"
                | "’ve"
                | "'ve"
                | "’d"
                | "'d"
        )
}

/// The end of ", Industry and Fisheries" or ", Food, and Rural Affairs"
/// from the comma at `j`: capitalised English words (one or two per item,
/// no names of places, peoples, organisations or people), the last item
/// after "and" or "&". `None` when the words after the comma are not such
/// a list.
fn portfolio_list(cx: &mut Ctx<'_>, mut j: usize, b: usize) -> Option<usize> {
    let sent = cx.sent_id[j];
    let mut plain = |cx: &mut Ctx<'_>, k: usize| {
        k < b
            && cx.sent_id[k] == sent
            && cx.is_cap_word(k)
            && cx.is_dict(k)
            && !cx.is_first_name(k)
            && !cx.has(
                k,
                lexicon::C_PLACE_KEY
                    | lexicon::C_DEM_KEY
                    | lexicon::C_ORG_KEY
                    | lexicon::C_ORG_PREFIX
                    | lexicon::C_PERSON_TITLE,
            )
    };
    // (an item's second word may be an organisation's: "Local Government")
    let item = |cx: &mut Ctx<'_>, k: usize, plain: &mut dyn FnMut(&mut Ctx<'_>, usize) -> bool| {
        if !plain(cx, k) {
            return None;
        }
        let second = k + 1 < b
            && cx.sent_id[k + 1] == cx.sent_id[k]
            && (plain(cx, k + 1)
                || (cx.is_cap_word(k + 1)
                    && cx.has(k + 1, lexicon::C_ORG_PREFIX | lexicon::C_ORG_SUFFIX)));
        Some(if second { k + 2 } else { k + 1 })
    };
    for round in 0..4 {
        // j is at a comma
        let mut k = j + 1;
        if k < b && matches!(cx.w(k), "and" | "&") {
            // (not ", and County of Maui" right after the name)
            if round == 0 {
                return None;
            }
            k += 1;
            return item(cx, k, &mut plain);
        }
        let e = item(cx, k, &mut plain)?;
        if e < b && matches!(cx.w(e), "and" | "&") {
            return item(cx, e + 1, &mut plain);
        }
        if !(e < b && cx.w(e) == ",") {
            return None;
        }
        j = e;
    }
    None
}

/// A football club named by its town and a club word ("Manchester United",
/// "Real Madrid", "Bayern Munich", "Leicester City"): an organisation, not a
/// place. "City" and "Town" count only after a British town, since "Mexico
/// City" or "Cape Town" are places (and are whole gazetteer names, checked
/// before this).
fn football_club(cx: &mut Ctx<'_>, a: usize, b: usize) -> bool {
    if !(2..=3).contains(&(b - a)) || !(a..b).all(|k| cx.is_cap_word(k)) {
        return false;
    }
    let town_is = |cx: &mut Ctx<'_>, s: usize, e: usize, gb: bool| {
        cx.place_at(s, e) == Some(e)
            && cx.lex.place_names.get(cx.surf(s, e)).is_some_and(|v| {
                let p = &cx.lex.places[v[0] as usize];
                p.kind == PlaceKind::City && (!gb || p.cc == "GB")
            })
    };
    let prefix = matches!(
        cx.w(a),
        "Real"
            | "Atlético"
            | "Atletico"
            | "Inter"
            | "AC"
            | "FC"
            | "Bayern"
            | "Borussia"
            | "Olympique"
            | "Sporting"
            | "Dynamo"
            | "Dinamo"
            | "Deportivo"
    );
    if prefix && town_is(cx, a + 1, b, false) {
        return true;
    }
    match cx.w(b - 1) {
        "United" | "Rovers" | "Wanderers" | "Albion" | "Athletic" | "Hotspur" | "FC" => {
            town_is(cx, a, b - 1, false)
        }
        "City" | "Town" => town_is(cx, a, b - 1, true),
        _ => false,
    }
}

/// Whether the word at `b` says the capitalised name before it is a place
/// ("Gandaki province", "Kupiansk district", "Beit Hanoun town").
fn place_noun_after(cx: &Ctx<'_>, b: usize) -> bool {
    // ("the Nuseirat refugee camp")
    if b + 1 < cx.toks.len() && cx.w(b) == "refugee" && cx.w(b + 1) == "camp" {
        return true;
    }
    b < cx.toks.len()
        && cx.toks[b].kind == TokKind::Word
        && !cx.toks[b].cap
        && (matches!(
            cx.w(b),
            "province"
                | "region"
                | "district"
                | "county"
                | "oblast"
                | "prefecture"
                | "governorate"
                | "municipality"
                | "village"
                | "town"
                | "township"
                | "valley"
                | "river"
                | "island"
                | "peninsula"
                // (facilities: "Rome's Gemelli hospital", "Tahrir square")
                | "hospital"
                | "airport"
                | "stadium"
                | "prison"
                | "mosque"
                | "cathedral"
                | "square"
                // (land, water and works: "the Simandou mountains", "the
                // Escondida mine", "the Majnoon field", "the Kolaka coast")
                | "mountains"
                | "hills"
                | "mine"
                | "field"
                | "oilfield"
                | "gasfield"
                | "coast"
                | "dam"
                | "refinery"
                | "lighthouse"
                | "highway"
                | "canal"
                | "lake"
                | "desert"
                | "plateau"
                | "glacier"
                | "volcano"
                | "zone"
                // (parts of a city: "the Govan ward")
                | "ward"
                | "constituency"
                | "suburb"
                | "borough"
        ) || is_place_plural(cx.w(b)))
}

/// Plural nouns of places: "the Liben and Afder zones", "the Genale and
/// Dawa rivers".
fn is_place_plural(w: &str) -> bool {
    matches!(
        w,
        "provinces"
            | "regions"
            | "districts"
            | "counties"
            | "zones"
            | "villages"
            | "towns"
            | "rivers"
            | "islands"
            | "mountains"
            | "valleys"
            | "settlements"
            | "fields"
            | "oilfields"
            | "states"
    )
}

/// Whether the words at `b` name what kind of organisation the capitalised
/// word before them is ("Sanseito party", "Yonhap news agency").
fn org_noun_after(cx: &Ctx<'_>, b: usize) -> bool {
    let n = cx.toks.len();
    if b >= n || cx.toks[b].kind != TokKind::Word || (cx.toks[b].cap && cx.w(b) != "CEO") {
        return false;
    }
    // "Spotify chief executive Daniel Ek", "Tesla CEO": a company's officer
    if matches!(
        cx.w(b),
        "CEO" | "chairman" | "chairwoman" | "founder" | "co-founder" | "boss"
    ) || (cx.w(b) == "chief" && b + 1 < n && matches!(cx.w(b + 1), "executive" | "operating"))
    {
        return true;
    }
    match cx.w(b) {
        "party" | "militia" | "movement" | "agency" | "newspaper" | "broadcaster" | "faction"
        | "bloc" | "alliance" | "coalition" | "conglomerate" | "airline" | "carrier"
        | "automaker" | "carmaker" | "retailer" | "lender" | "insurer" | "startup" | "union"
        | "daily" | "magazine" | "publisher" | "regulator" | "chipmaker" | "driver" => true,
        "news" => b + 1 < n && matches!(cx.w(b + 1), "agency" | "network" | "channel" | "outlet"),
        _ => false,
    }
}

/// Whether the word before `a` names what kind of organisation the
/// capitalised name at `a` is: "the populist party Chega", "the newspaper
/// Folha de S.Paulo", "railway operator Deutsche Bahn", "the band Wet Leg".
fn org_noun_before(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    // "operated by PKP Intercity", "distributed by Neon": a business's work
    if a >= 2
        && cx.w(a - 1) == "by"
        && matches!(
            cx.w(a - 2),
            "operated" | "published" | "distributed" | "manufactured" | "acquired" | "bought"
        )
    {
        return true;
    }
    // "the city's water utility, Sawaco, urged": the noun, then the name
    // between commas
    let k = if a >= 2 && cx.w(a - 1) == "," {
        a - 1
    } else {
        a
    };
    if k != a
        && !(b < cx.toks.len()
            && cx.w(b) == ","
            // (not the nouns that are a person's trade too: "his
            // publisher, Simrock, who")
            && !matches!(
                cx.w(k - 1),
                "publisher" | "label" | "band" | "club" | "operator" | "miner" | "manufacturer"
            ))
    {
        return false;
    }
    k > 0
        && cx.toks[k - 1].kind == TokKind::Word
        && !cx.toks[k - 1].cap
        && matches!(
            cx.w(k - 1),
            "party"
                | "alliance"
                | "coalition"
                | "bloc"
                | "utility"
                | "consultancy"
                | "daily"
                | "organisation"
                | "organization"
                | "association"
                | "federation"
                | "foundation"
                | "watchdog"
                | "think-tank"
                | "fund"
                | "network"
                | "website"
                | "giant"
                | "state-owned"
                | "state-run"
                | "newspaper"
                | "magazine"
                | "broadcaster"
                | "airline"
                | "carrier"
                | "carmaker"
                | "automaker"
                | "retailer"
                | "supermarket"
                | "lender"
                | "insurer"
                | "startup"
                | "start-up"
                | "miner"
                | "publisher"
                | "label"
                | "band"
                | "club"
                | "union"
                | "operator"
                | "company"
                | "firm"
                | "group"
                | "conglomerate"
                | "regulator"
                | "manufacturer"
                | "chipmaker"
                | "outlet"
                | "militia"
                | "charity"
                | "supplier"
                | "subsidiary"
                | "brokerage"
                | "drugmaker"
                | "grocer"
                | "steelmaker"
                | "brewer"
                | "shipbuilder"
                | "shipowner"
        )
}

/// "5th", "321st", "2nd", "3rd" (digits and an English ordinal suffix).
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&digits) && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// The head word of a numbered military unit ("the 82nd Airborne Division").
fn is_unit_word(w: &str) -> bool {
    matches!(
        w,
        "Army"
            | "Battalion"
            | "Brigade"
            | "Command"
            | "Company"
            | "Corps"
            | "Detachment"
            | "Division"
            | "Fleet"
            | "Force"
            | "Forces"
            | "Group"
            | "Platoon"
            | "Regiment"
            | "Squadron"
            | "Wing"
    )
}

/// "Lee Jae-myung of the Democratic Party", "Aryna Sabalenka of Belarus",
/// "Sathyan Mokeri of the Communist Party of India": a person named in full
/// (two or three capitalised words) at `a`, then "of" and a known place or
/// organisation (or a name with an organisation's head word) that runs to
/// `b`. Returns the index of "of" and where the second name starts.
fn person_of(cx: &mut Ctx<'_>, a: usize, b: usize) -> Option<(usize, usize)> {
    let k =
        (a + 2..b.saturating_sub(1).min(a + 4)).find(|&k| cx.w(k) == "of" && !cx.toks[k].cap)?;
    let r = if cx.w(k + 1) == "the" { k + 2 } else { k + 1 };
    // (the cheap tests first: most runs with "of" are one name)
    let from = r < b
        && (cx.place_at(r, b) == Some(b)
            || cx.org_at(r, b) == Some(b)
            || (r..b).any(|t| cx.has(t, lexicon::C_ORG_SUFFIX))
            // ("Ayumi Hoshino of JAXA": an organisation's acronym)
            || (b == r + 1 && cx.toks[r].allcaps && !is_non_org_acronym(cx.w(r))));
    // ("Ousmane Kébé of Red Bull Salzburg": a short name with a known place
    // or organisation in it, after a name of no English words)
    let from = from
        || (r < b
            && b - r <= 3
            && (a..k).all(|t| !cx.is_dict(t))
            && (r..b).any(|t| cx.has(t, lexicon::C_PLACE_KEY | lexicon::C_ORG_KEY)));
    // (a known first name or surname first, or words that are neither
    // English nor a known name of another kind: "Aryna Sabalenka")
    // ("Wanjiru wa Kamau of Kenya": a surname's particle inside)
    let person =
        from && (a..k).all(|t| {
            (cx.is_cap_word(t)
                && !cx.has(
                    t,
                    lexicon::C_ORG_SUFFIX | lexicon::C_ORG_PREFIX | lexicon::C_LOC_HEAD,
                ))
                || (t > a && t + 1 < k && cx.is_connector(t) && cx.w(t) != "of")
        }) && (cx.is_first_name(a)
            || cx.has(a, lexicon::C_SURNAME)
            // (a surname may be a town's name too: "Sathyan Mokeri")
            || (a..k).all(|t| {
                let keys = if t == a {
                    lexicon::C_PLACE_KEY | lexicon::C_ORG_KEY | lexicon::C_DEM_KEY
                } else {
                    lexicon::C_ORG_KEY | lexicon::C_DEM_KEY
                };
                !cx.has(t, keys) && !cx.is_dict(t)
            }))
            && cx.title_at(a, k).is_none();
    person.then_some((k, r))
}

fn split_run_on_and(cx: &Ctx<'_>, a: usize, b: usize) -> Option<usize> {
    (a + 1..b).find(|&k| {
        matches!(cx.w(k), "and" | "&" | "the" | "on")
            && !cx.toks[k].cap
            // ("JPMorgan Chase & Co.": a company's legal form)
            && !(matches!(cx.w(k), "&" | "and")
                && k + 1 < b
                && matches!(cx.w(k + 1), "Co." | "Co"))
    })
}

fn classify_run<'a>(
    cx: &mut Ctx<'a>,
    pi: usize,
    a: usize,
    b: usize,
    headline: bool,
    out: &mut Vec<Cand<'a>>,
) {
    if b <= a || !cx.is_cap_word(a) {
        return;
    }
    // degrees and languages are not entities here
    if cx.w(a) == "Ph." || (b - a == 1 && cx.has(a, lexicon::C_LANG)) {
        return;
    }
    // vessel names ("HMS Daring", "USS Hopper") and storms ("Typhoon Yagi",
    // "Hurricane Milton") are not PER/ORG/LOC
    if b - a >= 2
        && matches!(
            cx.w(a),
            "HMS"
                | "USS"
                | "FS"
                | "INS"
                | "HMAS"
                | "HMCS"
                | "HMNZS"
                | "RFS"
                | "MV"
                | "SS"
                | "Typhoon"
                | "Hurricane"
                | "Cyclone"
        )
    {
        return;
    }
    // sports events and festivals ("2032 Summer Olympics", "World Cup",
    // "Cannes Film Festival") and instruments ("James Webb Space
    // Telescope"): things the tables do not type
    // (also prizes, awards, wars, games and the leagues that are
    // competitions: "Monaco Grand Prix", "International Booker Prize",
    // "Congo War", "Commonwealth Games", "Champions League", "Order of the
    // Niger")
    let event_end = |cx: &Ctx<'_>| {
        // ("Copa Libertadores", "Copa América", "Palme d'Or", "Ballon d'Or")
        (b - a >= 2 && (cx.w(a) == "Copa" || matches!(cx.w(b - 1), "d'Or" | "d’Or")))
            || matches!(
                cx.w(b - 1),
                "Olympics" | "Paralympics" | "Cup" | "Championships" | "Festival" | "Telescope"
            )
            || (b - a >= 2
                && (matches!(
                    cx.w(b - 1),
                    "Prix" | "Prize" | "Prizes" | "Awards" | "Award" | "Games" | "Marathon" | "War"
                ) || (cx.w(b - 1) == "League"
                    && matches!(
                        cx.w(b - 2),
                        "Champions" | "Europa" | "Conference" | "Premier" | "Nations"
                    ))
                    || (cx.w(a) == "Order" && cx.w(a + 1) == "of")))
    };
    if event_end(cx) && !(b - a == 1 && cx.w(a) == "Cup") {
        // (but the organiser named first is one: "FIFA World Cup")
        if let Some(e) = cx.org_at(a, b).filter(|&e| e < b - 1) {
            let mut c = new_cand(cx, pi, a, e, CK::Org);
            c.canon = Some(cx.lex.orgs[cx.surf(a, e)].as_str());
            out.push(c);
        }
        return;
    }
    // fast path: a lone function word ("The", "He", "In")
    if b - a == 1 && cx.has(a, lexicon::C_FUNC) {
        return;
    }
    // diseases named after a person ("Alzheimer's drug", "Parkinson's
    // patients")
    if b - a == 1
        && b < cx.toks.len()
        && cx.toks[b].kind == TokKind::Poss
        && matches!(
            cx.w(a),
            "Alzheimer"
                | "Parkinson"
                | "Crohn"
                | "Huntington"
                | "Asperger"
                | "Tourette"
                | "Hodgkin"
        )
    {
        return;
    }
    // a US legislator's party and state ("Elizabeth Warren, D-Mass.",
    // "R-Ohio", "I-Vt.")
    if b - a == 1 && {
        let w = cx.w(a).as_bytes();
        w.len() >= 4
            && matches!(w[0], b'D' | b'R' | b'I')
            && w[1] == b'-'
            && w[2].is_ascii_uppercase()
    } {
        return;
    }
    let lex = cx.lex;
    // whole-run lexicon
    let whole = cx.surf(a, b);
    // (a one-token run: the token's flags say whether it is a key)
    let known_org = if b - a == 1 {
        cx.has(a, lexicon::C_ORG_KEY)
    } else {
        cx.may_be_key(a, b, lexicon::W_ORG) && lex.orgs.contains_key(whole)
    };
    if known_org {
        let mut c = new_cand(cx, pi, a, b, CK::Org);
        c.canon = Some(lex.orgs[whole].as_str());
        out.push(c);
        return;
    }
    let whole_place = if b - a > 1 && cx.may_be_key(a, b, lexicon::W_PLACE) {
        lex.place_names.get(whole)
    } else {
        None
    };
    if let Some(v) = whole_place {
        let mut c = new_cand(cx, pi, a, b, CK::Place);
        c.place_ids = Some(v);
        out.push(c);
        return;
    }
    // "Gulf of Finland", "Bay of Bengal", "Sea of Azov", "Isle of Wight":
    // a body of water or land named by what it is of is one place
    if b - a >= 3
        && b - a <= 6
        && matches!(
            cx.w(a),
            "Gulf" | "Bay" | "Sea" | "Strait" | "Straits" | "Isle" | "Lake" | "Cape" | "Mount"
        )
        && cx.w(a + 1) == "of"
        && {
            let r = if cx.w(a + 2) == "the" { a + 3 } else { a + 2 };
            r < b && (r..b).all(|k| cx.is_cap_word(k) || cx.is_connector(k))
        }
    {
        out.push(new_cand(cx, pi, a, b, CK::Loc));
        return;
    }
    if football_club(cx, a, b) {
        out.push(new_cand(cx, pi, a, b, CK::Org));
        return;
    }
    // "Lee Jae-myung of the Democratic Party", "Aryna Sabalenka of
    // Belarus": a person named in full, then "of" and the organisation or
    // place they are from, is two names, not one
    if let Some((k, r)) = person_of(cx, a, b) {
        let mut c = new_cand(cx, pi, a, k, CK::Per);
        c.guess = !cx.is_first_name(a);
        out.push(c);
        classify_run(cx, pi, r, b, headline, out);
        return;
    }
    // "Kettle Moraine Creamery Inc. of Plymouth": a company's legal form
    // ends its name; "of" names where it is
    if let Some(k) = (a + 2..b.saturating_sub(1))
        .find(|&k| cx.w(k) == "of" && is_legal_form(cx.w(k - 1)) && cx.is_cap_word(k + 1))
    {
        classify_run(cx, pi, a, k, headline, out);
        classify_run(cx, pi, k + 1, b, headline, out);
        return;
    }
    // "St. Peter's Square", "King's College": a saint's or a monarch's
    // possessive joined into a name (see `scan_paragraph`) is a place or an
    // organisation by its last word, not a titled person
    if b - a >= 3
        && (matches!(cx.w(a), "St." | "St" | "Saint" | "King" | "Queen")
            || (cx.toks[a + 1].kind == TokKind::Poss && is_possessive_head(cx.w(a + 2))))
        && (a + 1..b - 1).any(|k| cx.toks[k].kind == TokKind::Poss)
    {
        let kind = if cx.has(b - 1, lexicon::C_ORG_SUFFIX | lexicon::C_ORG_PREFIX) {
            Some(CK::Org)
        } else if cx.has(b - 1, lexicon::C_LOC_HEAD) {
            Some(CK::Loc)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push(new_cand(cx, pi, a, b, kind));
            return;
        }
    }
    let first = cx.w(a);
    let has_of = (a..b).any(|k| matches!(cx.w(k), "of" | "for") && !cx.toks[k].cap);
    // (a word in capitals is an acronym, not an organisation head, unless it
    // is a company's legal form: "Vale SA", "Siemens AG")
    let org_suffix = b - a >= 2
        && cx.has(b - 1, lexicon::C_ORG_SUFFIX)
        && (!cx.toks[b - 1].allcaps || is_legal_form(cx.w(b - 1)));
    let org_prefix = b - a >= 2
        && cx.has(a, lexicon::C_ORG_PREFIX)
        // ("Central Avenue": a street)
        && (has_of || !cx.has(b - 1, lexicon::C_LOC_HEAD))
        && (has_of
            || !matches!(
                first,
                "University"
                    | "Ministry"
                    | "Department"
                    | "Bank"
                    | "Institute"
                    | "Academy"
                    | "College"
                    | "Office"
                    | "Council"
                    | "Court"
                    | "Commission"
                    | "Committee"
                    | "Board"
                    | "House"
                    | "Organization"
                    | "Organisation"
                    | "Association"
                    | "Federation"
                    | "Union"
                    | "League"
                    | "Society"
                    | "Church"
                    | "Museum"
                    | "Government"
                    | "Party"
                    | "Secretariat"
                    | "Agency"
                    | "Bureau"
                    | "Order"
                    | "Assembly"
                    | "Chamber"
                    | "Congress"
                    | "Parliament"
                    | "Senate"
            ));
    // "Linguistic Society of America", "Academy of Dramatic Art": an org head word followed by of/for
    let inner_org_head = (a + 1..b.saturating_sub(1)).any(|k| {
        cx.has(k, lexicon::C_ORG_SUFFIX)
            && matches!(
                cx.w(k + 1),
                "of" | "for" | "de" | "des" | "di" | "do" | "da" | "del" | "für"
            )
    });
    // "Federal Reserve Chair Jerome Powell": an organisation, then a title
    // and a name; not one organisation (unless the run ends in an
    // organisation's head word: "Queen Elizabeth Hospital")
    let inner_title = !org_suffix
        && (org_prefix || inner_org_head)
        && (a + 1..b - 1).any(|k| {
            cx.toks[k].cap
                && !cx.is_connector(k - 1)
                && cx.title_at(k, b).is_some_and(|te| {
                    te < b && cx.is_cap_word(te) && (cx.is_first_name(te) || !cx.is_dict(te))
                })
        });
    // (whether the run starts with a title: asked only of an org-like run;
    // "St." before an organisation's head word is Saint: "St. Andrews University")
    if (org_suffix || org_prefix || inner_org_head)
        && !inner_title
        && (first == "St." || cx.title_at(a, b).is_none())
    {
        // a run joined by "and" that is not an org name on both sides: split
        let mut c = new_cand(cx, pi, a, b, CK::Org);
        // ("the Bill & Melinda Gates Foundation and the Ford Foundation":
        // an "and the" between two organisations' head words is where the
        // run splits, whatever "&" or "and" comes before it)
        // ("the Newfoundland and Labrador Court of Appeal and the Trinidad
        // and Tobago Football Association": each side with a head word)
        let and_the = (a + 1..b.saturating_sub(2)).find(|&k| {
            cx.w(k) == "and"
                && cx.w(k + 1) == "the"
                && (cx.has(k - 1, lexicon::C_ORG_SUFFIX)
                    || (a..k).any(|t| {
                        cx.toks[t].cap && cx.has(t, lexicon::C_ORG_SUFFIX | lexicon::C_ORG_PREFIX)
                    }))
                && (cx.has(k + 2, lexicon::C_ORG_PREFIX) || cx.has(b - 1, lexicon::C_ORG_SUFFIX))
        });
        // ("the Jenner Institute and Zhang Xiaoming of Peking University")
        let and_person = (a + 1..b.saturating_sub(3)).find(|&k| {
            cx.w(k) == "and"
                && cx.has(k - 1, lexicon::C_ORG_SUFFIX)
                && person_of(cx, k + 1, b).is_some()
        });
        if let Some(k) = and_the.or(and_person) {
            classify_run(cx, pi, a, k, headline, out);
            let s = if cx.w(k + 1) == "the" { k + 2 } else { k + 1 };
            classify_run(cx, pi, s, b, headline, out);
            return;
        }
        // ("University of Nairobi and Moi University", "Union for the
        // Homeland and the Radical Civic Union": two organisations, each
        // with its own head word, the first named with "of"/"for")
        if has_of && cx.has(a, lexicon::C_ORG_PREFIX) && cx.has(b - 1, lexicon::C_ORG_SUFFIX) {
            if let Some(k) = (a + 2..b.saturating_sub(2))
                .find(|&k| cx.w(k) == "and" && (a + 1..k).any(|m| matches!(cx.w(m), "of" | "for")))
            {
                let s = if cx.w(k + 1) == "the" { k + 2 } else { k + 1 };
                // (the second a name of its own, not "Department of Climate
                // Change and Meteorological Services")
                if s + 1 < b
                    && cx.is_cap_word(s)
                    && (cx.w(b - 1) == cx.w(a)
                        || !cx.is_dict(s)
                        || cx.has(s, lexicon::C_PLACE_KEY | lexicon::C_DEM_KEY))
                {
                    classify_run(cx, pi, a, k, headline, out);
                    classify_run(cx, pi, s, b, headline, out);
                    return;
                }
            }
        }
        if let Some(k) = split_run_on_and(cx, a, b) {
            // ("Securities and Exchange Commission", "Food and Drug
            // Administration", "National Film and Video Censors Board":
            // common words before "and" name nothing by themselves)
            // (after a country's or an agency's short name: "U.S. Food and
            // Drug Administration", "IGAD Climate Prediction and
            // Applications Centre")
            // ("Australian Nursing and Midwifery Federation", "West African
            // Economic and Monetary Union": after a nationality)
            let lead = if k > a + 1
                && (cx.toks[a].allcaps || cx.w(a).ends_with('.') || cx.has(a, lexicon::C_PLACE_KEY))
            {
                a + 1
            } else {
                let d = if matches!(cx.w(a), "West" | "East" | "North" | "South" | "Central") {
                    cx.demonym_at(a + 1, k)
                } else {
                    cx.demonym_at(a, k)
                };
                match d {
                    Some(e) if e < k => e,
                    _ => a,
                }
            };
            let common_left = cx.w(k) == "and"
                && k - lead <= 2
                && cx.has(b - 1, lexicon::C_ORG_SUFFIX)
                && cx.w(k + 1) != "the"
                && cx.org_at(a, k) != Some(k)
                && !cx.has(k - 1, lexicon::C_ORG_SUFFIX)
                && (lead..k).all(|t| {
                    cx.is_dict(t)
                        && !cx.has(
                            t,
                            lexicon::C_PLACE_KEY
                                | lexicon::C_ORG_KEY
                                | lexicon::C_DEM_KEY
                                | lexicon::C_SURNAME,
                        )
                        && !cx.is_first_name(t)
                });
            // ("University of Cape Town and the Max Planck Institute": two
            // organisations, each with its own head word, joined by "and the")
            let two_orgs = k + 2 < b
                && cx.w(k) == "and"
                && cx.w(k + 1) == "the"
                && (cx.has(a, lexicon::C_ORG_PREFIX) || cx.has(k - 1, lexicon::C_ORG_SUFFIX))
                && (cx.has(k + 2, lexicon::C_ORG_PREFIX) || cx.has(b - 1, lexicon::C_ORG_SUFFIX));
            // ("Bosnia and Herzegovina Football Federation": a country's
            // name holds the "and")
            let in_place = cx.place_at(a, b).is_some_and(|e| e > k + 1);
            if (!has_of || two_orgs) && cx.w(k) != "&" && !common_left && !in_place {
                classify_run(cx, pi, a, k, headline, out);
                // ("Israel and the West Bank": the part after starts at
                // its first capitalised word)
                let mut s = k + 1;
                while s < b && cx.is_connector(s) {
                    s += 1;
                }
                if s < b {
                    classify_run(cx, pi, s, b, headline, out);
                }
                return;
            }
        }
        c.canon = None;
        out.push(c);
        return;
    }
    // "and"/"the"/"on" inside a non-org run: split and classify the parts
    // (not inside a place's name: "Bosnia and Herzegovina")
    if let Some(k) =
        split_run_on_and(cx, a, b).filter(|&k| cx.place_at(a, b).is_none_or(|e| e <= k + 1))
    {
        // ("Postlethwaite & Netterville", "Procter & Gamble": a firm; not
        // two places, "Priest & Washington")
        // (spaced, so not "R&D"; not two authors cited: "(Makel & Plucker,
        // 2014)", "Carrano & Biewener [7]")
        let n = cx.toks.len();
        let cited = (b..(b + 3).min(n)).any(|t| {
            let w = cx.w(t);
            w == "[" || (w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
        });
        if cx.w(k) == "&"
            && k == a + 1
            && k + 2 == b
            && !headline
            && !cited
            && cx.toks[k].start > cx.toks[a].end
            && cx.toks[b - 1].start > cx.toks[k].end
            && [a, k + 1].into_iter().all(|t| {
                cx.is_cap_word(t)
                    && cx.w(t).len() >= 3
                    && !cx.has(t, lexicon::C_PLACE_KEY | lexicon::C_LOC_HEAD)
            })
        {
            out.push(new_cand(cx, pi, a, b, CK::Org));
            return;
        }
        classify_run(cx, pi, a, k, headline, out);
        if k + 1 < b {
            let mut s = k + 1;
            while s < b && cx.is_connector(s) {
                s += 1;
            }
            if s < b {
                classify_run(cx, pi, s, b, headline, out);
            }
        }
        return;
    }
    // segmentation
    let mut i = a;
    let mut pending_title: Option<(usize, usize)> = None;
    let mut pending_affil: Option<usize> = None;
    while i < b {
        if cx.is_connector(i) || !cx.is_cap_word(i) {
            i += 1;
            continue;
        }
        let org_e = cx.org_at(i, b);
        let mut place_e = cx.place_at(i, b);
        // "Marco Rubio": a first name followed by a capitalised word starts a person name
        if place_e == Some(i + 1)
            && org_e.is_none()
            && cx.is_first_name(i)
            && i + 1 < b
            && cx.is_cap_word(i + 1)
        {
            place_e = None;
        }
        let dem_e = cx.demonym_at(i, b);
        // ("the Thai company": a nationality, not a town known by that name
        // too, Alor Setar)
        if dem_e.is_some() && dem_e == place_e {
            let s = cx.surf(i, place_e.unwrap_or(i));
            if lex.place_names.get(s).is_some_and(|v| {
                v.iter()
                    .all(|&p| lex.places[p as usize].kind == PlaceKind::City)
            }) {
                place_e = None;
            }
        }
        let title_e = cx.title_at(i, b);
        let best = [
            org_e.map(|e| (e, 3)),
            place_e.map(|e| (e, 2)),
            dem_e.map(|e| (e, 1)),
            title_e.map(|e| (e, 0)),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|&(e, pri)| (e, pri))
        // ("Palacio de Convenciones", "Plaza de Mayo": a place's head word
        // that is a name by itself too, then "de" and a name: one name,
        // segmented as an unknown one)
        .filter(|&(e, pri)| {
            !(e == i + 1
                && pri != 3
                && e + 1 < b
                && cx.is_connector(e)
                && cx.has(i, lexicon::C_LOC_FIRST))
        });
        match best {
            Some((e, 0)) => {
                // title; absorb "of/for X" continuations that are not places/orgs
                let mut te = e;
                while te + 1 < b && matches!(cx.w(te), "of" | "for") {
                    let mut k = te + 1;
                    if k < b && cx.w(k) == "the" {
                        k += 1;
                    }
                    if k >= b {
                        break;
                    }
                    // "Minister for the Middle East Tobias Ellwood": a regional portfolio is part of the title
                    // when a person name follows; "President of Ukraine" keeps Ukraine as the affiliation
                    if let Some(pe) = cx.place_at(k, b) {
                        let natural = cx
                            .lex
                            .place_names
                            .get(cx.surf(k, pe))
                            .map(|v| cx.lex.places[v[0] as usize].kind == PlaceKind::Natural)
                            .unwrap_or(false);
                        if natural
                            && te == e
                            && matches!(cx.w(te), "for")
                            && pe < b
                            && cx.is_first_name(pe)
                        {
                            te = pe;
                        }
                        break;
                    }
                    if cx.org_at(k, b).is_some() {
                        break;
                    }
                    let mut m = k;
                    while m < b
                        && cx.is_cap_word(m)
                        && cx.place_at(m, b).is_none()
                        && cx.org_at(m, b).is_none()
                        && !(m > k && cx.is_first_name(m))
                    {
                        m += 1;
                    }
                    if m == k {
                        break;
                    }
                    te = m;
                }
                pending_title = Some((i, te));
                i = te;
            }
            Some((e, pri)) => {
                // lexicon entity; if followed by unknown capitalised words, the whole is one name
                let next_unknown =
                    e < b && cx.is_cap_word(e) && !cx.is_connector(e) && !cx.is_first_name(e) && {
                        let (o, p, d, t) = (
                            cx.org_at(e, b),
                            cx.place_at(e, b),
                            cx.demonym_at(e, b),
                            cx.title_at(e, b),
                        );
                        o.is_none() && p.is_none() && d.is_none() && t.is_none()
                    };
                if next_unknown && pri != 3 {
                    let ce = chunk_end(cx, e, b);
                    // "the Colombian Egan Bernal", "the Dutchman Tallon
                    // Griekspoor": a nationality, then a person's name (words
                    // that are neither English nor a name's head word)
                    if pri == 1
                        && ce - e <= 3
                        && (e..ce).all(|k| {
                            cx.is_cap_word(k)
                                && !cx.is_dict(k)
                                && !cx.has(
                                    k,
                                    lexicon::C_ORG_SUFFIX
                                        | lexicon::C_ORG_PREFIX
                                        | lexicon::C_LOC_HEAD
                                        | lexicon::C_FUNC,
                                )
                        })
                    {
                        let mut c = new_cand(cx, pi, i, e, CK::Norp);
                        let d = &lex.demonyms[cx.surf(i, e)];
                        c.canon = Some(d.canon.as_str());
                        c.cc = d.cc.as_str();
                        out.push(c);
                        // (the name after it is segmented on its own)
                        i = e;
                        continue;
                    }
                    classify_chunk(
                        cx,
                        pi,
                        i,
                        ce,
                        pending_title.take(),
                        pending_affil.take(),
                        headline,
                        Some(pri),
                        out,
                    );
                    i = ce;
                    continue;
                }
                // "Justice Kennedy", "President Lincoln": a one-word town name right
                // after a person's title is that person's name
                if pri == 2
                    && e - i == 1
                    && pending_title.is_some_and(|(_, te)| te == i)
                    && lex.place_names[cx.w(i)]
                        .iter()
                        .all(|&p| lex.places[p as usize].kind == PlaceKind::City)
                {
                    // (with the rest of the name: "Attorney General Merrick
                    // Garland", two town names)
                    let e = chunk_end(cx, i, b);
                    classify_chunk(
                        cx,
                        pi,
                        i,
                        e,
                        pending_title.take(),
                        pending_affil.take(),
                        headline,
                        None,
                        out,
                    );
                    i = e;
                    continue;
                }
                // "the Nokia Arena", "Carnegie Hall": a known company's name
                // on a venue is the venue
                if pri == 3
                    && e < b
                    && matches!(
                        cx.w(e),
                        "Arena" | "Stadium" | "Dome" | "Hall" | "Theatre" | "Theater"
                    )
                {
                    out.push(new_cand(cx, pi, i, e + 1, CK::Loc));
                    i = e + 1;
                    continue;
                }
                let kind = match pri {
                    3 => CK::Org,
                    2 => CK::Place,
                    _ => CK::Norp,
                };
                let mut c = new_cand(cx, pi, i, e, kind);
                let s = cx.surf(i, e);
                match kind {
                    CK::Org => c.canon = Some(lex.orgs[s].as_str()),
                    CK::Place => c.place_ids = Some(&lex.place_names[s]),
                    _ => {
                        let d = &lex.demonyms[s];
                        c.canon = Some(d.canon.as_str());
                        c.cc = d.cc.as_str();
                    }
                }
                // single-token ambiguous city names need context
                // (`place_ids` is set exactly for a place)
                if e - i == 1 && c.place_ids.is_some_and(|v| !place_context_ok(cx, i, v)) {
                    let mut cc2 = new_cand(cx, pi, i, e, CK::Unknown);
                    cc2.place_ids = c.place_ids;
                    out.push(cc2);
                    i = e;
                    continue;
                }
                // "Apple Inc. Chief Executive Tim Cook": a known company's
                // legal form after its name is part of the name
                if kind == CK::Org && e < b && is_legal_form(cx.w(e)) {
                    c.b = e + 1;
                } else if kind == CK::Org
                    && e + 1 < b
                    && matches!(cx.w(e), "&" | "and")
                    && matches!(cx.w(e + 1), "Co." | "Co" | "Company")
                {
                    // ("JPMorgan Chase & Co.", "Eli Lilly and Co")
                    c.b = e + 2;
                }
                if pending_title.is_none() {
                    pending_affil = Some(i);
                }
                i = c.b;
                out.push(c);
            }
            None => {
                let mut ce = chunk_end(cx, i, b);
                // "Professor Koichi Nakano of Sophia University": after a
                // person's title the name ends at "of" (but "King Abdullah
                // University of Science" is one name)
                if pending_title.is_some_and(|(_, te)| te == i) {
                    if let Some(k) = (i + 1..ce).find(|&k| matches!(cx.w(k), "of" | "for")) {
                        if !cx.has(k - 1, lexicon::C_ORG_SUFFIX | lexicon::C_LOC_HEAD) {
                            ce = k;
                        }
                    }
                }
                classify_chunk(
                    cx,
                    pi,
                    i,
                    ce,
                    pending_title.take(),
                    pending_affil.take(),
                    headline,
                    None,
                    out,
                );
                i = ce;
            }
        }
    }
}

/// Sentence-initial or common-word single-token places need support.
/// `places`: the gazetteer entries of token `i` (`Lex::place_names`).
fn place_context_ok(cx: &mut Ctx<'_>, i: usize, places: &[u32]) -> bool {
    let lex = cx.lex;
    let top = &lex.places[places[0] as usize];
    if top.kind != PlaceKind::City {
        return !(cx.toks[i].sent_start && cx.has(i, lexicon::C_FUNC));
    }
    if cx.is_first_name(i) && i + 1 < cx.toks.len() && cx.is_cap_word(i + 1) {
        return false;
    }
    let prep = i > 0 && cx.has(i - 1, lexicon::C_PREP);
    let common = cx.is_common(i) || cx.is_dict(i);
    if common || cx.has(i, lexicon::C_FUNC) {
        return prep && top.pop >= 50_000;
    }
    if cx.is_first_name(i) {
        return prep || top.pop >= 250_000;
    }
    if cx.has(i, lexicon::C_SURNAME) {
        return prep || top.pop >= 100_000;
    }
    true
}

fn chunk_end(cx: &mut Ctx<'_>, s: usize, b: usize) -> usize {
    let mut e = s + 1;
    while e < b {
        if cx.is_cap_word(e) {
            // ("Hassan Sheikh Mohamud": "Sheikh" inside a Somali name)
            if cx.has(e, lexicon::C_PERSON_TITLE)
                && cx.title_at(e, b).is_some()
                && !(matches!(cx.w(e), "Sheikh" | "Shaikh" | "Sheekh")
                    && cx.is_first_name(e - 1)
                    && e + 1 < b
                    && cx.is_cap_word(e + 1)
                    && cx.title_at(e + 1, b).is_none())
            {
                break;
            }
            // "Zorvex CEO Jensen Huang": a company, an officer's title, a person
            if matches!(cx.w(e), "CEO" | "CFO" | "COO" | "CTO") {
                break;
            }
            // "Los Angeles County Sheriff Robert Luna", "Nvidia Corp. Chief
            // Financial Officer Colette Kress": a name, then a title and a
            // person named in full (a first name and another capitalised
            // word) is two things, not one long name
            if cx.is_title_start(e) && !matches!(cx.w(e), "St." | "Saint") {
                if let Some(te) = cx.title_at(e, b) {
                    if te + 1 < b
                        && cx.is_first_name(te)
                        && cx.is_cap_word(te + 1)
                        && cx.sent_id[te + 1] == cx.sent_id[e]
                    {
                        break;
                    }
                }
            }
            e += 1;
            continue;
        }
        if cx.plural_possessive(e) {
            e += 2;
            continue;
        }
        if elided_cap(cx, e) {
            e += 1;
            continue;
        }
        if cx.is_connector(e) {
            // names with "of": keep for non-person chunks only
            if cx.is_first_name(s) && matches!(cx.w(e), "of" | "for") {
                break;
            }
            // "Residents of Gaza City", "Thousands of Afghans": a word capitalised only
            // because it opens the sentence is not part of a name
            if e == s + 1
                && cx.toks[s].sent_start
                && cx.is_dict(s)
                && !cx.has(
                    s,
                    lexicon::C_LOC_FIRST | lexicon::C_LOC_HEAD | lexicon::C_ORG_PREFIX,
                )
            {
                break;
            }
            let mut k = e + 1;
            while k < b && cx.is_connector(k) {
                k += 1;
            }
            if k < b && cx.is_cap_word(k) {
                e = k;
                continue;
            }
        }
        break;
    }
    e
}

#[allow(clippy::too_many_arguments)]
fn classify_chunk<'a>(
    cx: &mut Ctx<'a>,
    pi: usize,
    a: usize,
    b: usize,
    title: Option<(usize, usize)>,
    affil: Option<usize>,
    headline: bool,
    lex_first: Option<u8>,
    out: &mut Vec<Cand<'a>>,
) {
    let lex = cx.lex;
    let nw = (a..b).filter(|&k| cx.is_cap_word(k)).count();
    let first = cx.w(a);
    let person_title = title.is_some();
    let mut kind = CK::Unknown;
    let mut guess = false;
    let mut acro = false;
    // (not after a particle of personal names: "Njeri wa Kamau")
    let inner_place = nw >= 2
        && (a + 1..b).any(|k| cx.is_cap_word(k) && cx.has(k, lexicon::C_PLACE_KEY))
        && !(a + 1..b).any(|k| {
            matches!(
                cx.w(k),
                "wa" | "arap" | "bin" | "ibn" | "van" | "von" | "den" | "e"
            )
        });
    // "King Fahd International Airport", "Queen Elizabeth Hospital": a title
    // right before a place or organisation name is part of the name
    // "said Capt. The Syrian Democratic Forces …": the title ended a sentence
    if title.is_some() && b - a >= 2 && cx.has(a, lexicon::C_FUNC) {
        classify_run(cx, pi, a + 1, b, headline, out);
        return;
    }
    // (a rank abbreviation, "said Col.", ends a sentence or precedes a name)
    // ("St." is Saint here: "St. Andrews University", "St. Mary's Hospital")
    let name_title = title.filter(|&(_, te)| {
        te == a
            && (!cx.w(te - 1).ends_with('.') || cx.w(te - 1) == "St.")
            && !cx.has(a, lexicon::C_FUNC)
    });
    if let Some((ts, te)) = name_title {
        let kind = if cx.has(b - 1, lexicon::C_LOC_HEAD) {
            Some(CK::Loc)
        } else if cx.has(b - 1, lexicon::C_ORG_SUFFIX) && !cx.toks[b - 1].allcaps {
            Some(CK::Org)
        } else {
            None
        };
        if let Some(kind) = kind {
            debug_assert!(ts < te);
            out.push(new_cand(cx, pi, ts, b, kind));
            return;
        }
    }
    if nw >= 2
        && !person_title
        && !headline
        && ((a >= 1 && cx.w(a - 1) != "," && org_noun_before(cx, a, b))
            || org_apposition(cx, b)
            || works_at(cx, a)
            || plays_for(cx, a)
            // ("the ACLU of New Mexico": an organisation's acronym, then
            // where it works)
            || (cx.toks[a].allcaps
                && cx.w(a + 1) == "of"
                && first.len() >= 3
                && !is_non_org_acronym(first)
                && !cx.has(a, lexicon::C_PLACE_KEY)))
    {
        // "the firm Baker Botts", "gas supplier Engie Romania", "Intuitive
        // Machines, a company from Houston": the noun says what the name
        // is, whatever its words look like
        kind = CK::Org;
    } else if chinese_name(cx, a, b) {
        // "Tan Keng Hock", "Lim Soo Choo", "Ng Eng Hen": a Chinese surname
        // and a two-syllable given name
        kind = CK::Per;
    } else if nw >= 2 && first == "Air" && !person_title {
        // "Air Canada", "Air India Express", "Air Force": an airline or a
        // service, though a country follows
        kind = CK::Org;
    } else if nw >= 2 {
        if cx.has(b - 1, lexicon::C_LOC_HEAD)
            || cx.has(a, lexicon::C_LOC_FIRST)
            || (!person_title && !headline && !cx.is_first_name(a) && place_noun_after(cx, b))
        {
            // ("Ivano Frankivsk region")
            kind = CK::Loc;
        } else if cx.has(b - 1, lexicon::C_DEM_KEY) && !person_title {
            // "Theravada Buddhist": a group, not a person
            kind = CK::Unknown;
        } else if first == "Al"
            && nw == 2
            && !person_title
            && !cx.has(b - 1, lexicon::C_SURNAME)
            && !cx.is_first_name(b - 1)
            && !cx.is_dict(b - 1)
        {
            // "Al Huwayjah": Arabic article + unknown word is a place far more often than "Al Gore"
            kind = CK::Loc;
        } else if (lex_first == Some(2) || cx.has(a, lexicon::C_PLACE_KEY))
            && !person_title
            && nw <= 3
            && {
                // "Houston Astros", "Tampa Bay Rays": a town and a plural is a team
                let last = cx.w(b - 1);
                last.len() > 3
                    && last.ends_with('s')
                    && !last.ends_with("ss")
                    && !cx.has(b - 1, lexicon::C_SURNAME | lexicon::C_DEM_KEY)
                    && !cx.is_first_name(b - 1)
                    // ("Chelsea McCombs": after a first name, only a common plural)
                    && (!cx.is_first_name(a) || cx.is_dict(b - 1))
            }
        {
            kind = CK::Org;
        } else if !person_title
            && cx.has(b - 1, lexicon::C_ORG_SUFFIX)
            && !cx.toks[b - 1].allcaps
            && !cx.has(b - 1, lexicon::C_SURNAME)
        {
            // "Sophia University", "George Washington University"
            kind = CK::Org;
        } else if cx.is_first_name(a) || person_title {
            kind = CK::Per;
        } else if (a..b).all(|k| cx.toks[k].allcaps || cx.is_connector(k)) {
            kind = CK::Org;
        } else if lex_first == Some(2) && nw == 2 && b - a == 2 && {
            let surname = cx.has(b - 1, lexicon::C_SURNAME);
            let word = cx.is_dict(b - 1);
            lex.place_names.get(first).is_some_and(|v| {
                v.iter().all(|&p| {
                    let p = &lex.places[p as usize];
                    p.kind == PlaceKind::City
                        && ((p.pop < 100_000 && (surname || !word)) || (surname && !word))
                        && !cx.has(
                            b - 1,
                            lexicon::C_ORG_SUFFIX | lexicon::C_LOC_HEAD | lexicon::C_ORG_PREFIX,
                        )
                            // (buildings: "Carnegie Hall")
                            && !matches!(cx.w(b - 1), "Hall" | "House" | "Lodge" | "Field")
                })
            })
        } {
            // "Kaja Kallas", "Hansi Flick", "Paris Hilton": a city's name
            // followed by a surname, or a small town's by a word that is
            // no English word, is a person
            kind = CK::Per;
            guess = true;
        } else if lex_first == Some(1) || lex_first == Some(2) {
            // "French Revolution", "Moscow Times": not a person
            kind = if lex_first == Some(2) {
                CK::Org
            } else {
                CK::Unknown
            };
        } else if inner_place && !headline && (cx.is_dict(a) || cx.has(a, lexicon::C_LOC_MOD)) {
            // "Southern Senegal", "Greater Manchester"
            kind = CK::Loc;
        } else if !headline
            && !person_title
            && born_in(cx, a)
            && (a..b).all(|k| !cx.is_cap_word(k) || !cx.is_dict(k))
        {
            // "a dairy farm in Moc Chau", "born in Škofja Loka"
            kind = CK::Loc;
            guess = true;
        } else if cx.has(b - 1, lexicon::C_SURNAME) && !cx.is_dict(b - 1) {
            kind = CK::Per;
        } else {
            let mut dict_words = 0;
            for k in a..b {
                if cx.is_cap_word(k) && cx.is_dict(k) {
                    dict_words += 1;
                }
            }
            if inner_place
                && !headline
                && nw <= 3
                && !cx.is_dict(a)
                && !cx.has(a, lexicon::C_PLACE_KEY)
                && person_context(cx, a, b)
            {
                // "Its spokesman, Aliou Bah Diallo, said", "Daisuke
                // Kawaguchi, who": a name whose words are also towns' names,
                // where the sentence speaks of a person (as sure as a known
                // first name: "Kawaguchi" alone later is this person, not
                // the town)
                kind = CK::Per;
            } else if inner_place && !headline {
                kind = CK::Loc;
            } else if !headline
                && !cx.is_first_name(a)
                && (org_noun_after(cx, b) || org_noun_before(cx, a, b))
            {
                // "The IG Metall union", "railway operator Deutsche Bahn"
                kind = CK::Org;
            } else if !headline
                && !person_title
                && !cx.is_first_name(a)
                && (dict_words == 0
                    || (nw == 2 && cx.has(a, lexicon::C_LOC_MOD) && !cx.is_dict(b - 1)))
                && {
                    // "in Sucha Beskidzka", "in North Kordofan", "the town of
                    // Puerto Galera": where, not who
                    let prev = if a > 0 { cx.w(a - 1) } else { "" };
                    matches!(
                        prev,
                        "in" | "near"
                            | "outside"
                            | "across"
                            | "around"
                            | "throughout"
                            | "towards"
                            | "toward"
                            | "into"
                            | "via"
                            | "inside"
                            | "within"
                    ) || (prev == "of"
                        && a >= 2
                        && (is_place_of_noun(&cx.w(a - 2).to_ascii_lowercase())
                            || matches!(cx.w(a - 2), "state" | "mayor" | "governor")))
                }
            {
                kind = CK::Loc;
                guess = true;
            } else if dict_words == 0 && !headline {
                kind = CK::Per;
                guess = true;
            }
        }
    } else {
        let t = cx.toks[a];
        let has_digit = first.bytes().any(|c| c.is_ascii_digit());
        let contraction = first.contains(['\'', '’']) && {
            let (p, _) = first.split_once(['\'', '’']).unwrap_or((first, ""));
            cx.lex.function_caps.contains(p) || p.len() <= 1
        };
        let camel = camel_brand(first);
        let acro_like = {
            let core = first.trim_end_matches('s');
            core.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && core.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        };
        if has_digit
            || contraction
            // (events and diseases named by a coinage, not names of
            // people, places or organisations)
            || matches!(first, "Brexit" | "Covid" | "Megxit")
            || dates::month_of(first).is_some()
            || dates::weekday_of(first).is_some()
            || (acro_like && is_non_org_acronym(first.trim_end_matches('s')))
        {
            kind = CK::Unknown;
        } else if camel {
            // "WestJet", "ResearchGate": brand names
            kind = CK::Org;
        } else if acro_like && !t.allcaps {
            // "CJTF-OIR", "VBIEDs"-like forms: organisation if not a known non-org acronym
            kind = CK::Org;
            acro = true;
        } else if first == "Parliament" {
            // (named without "the": "Under the constitution, Parliament must
            // approve", "told Parliament")
            kind = CK::Org;
        } else if a > 0
            && matches!(cx.w(a - 1), "the" | "The" | "this" | "This" | "our" | "Our")
            && is_institution(first)
            && !(a + 1 < cx.toks.len() && cx.is_cap_word(a + 1))
        {
            // "the Court ruled", "the Senate voted", "the Coalition said": an
            // institution named by its head word
            kind = CK::Org;
        } else if person_title && !cx.has(a, lexicon::C_FUNC) {
            // (not "said Maj. The secretary …")
            kind = CK::Per;
        } else if t.allcaps
            && first.chars().count() <= 12
            && !is_roman(first)
            && !is_non_org_acronym(first)
            // (a word set in capitals, "WHEREAS", "UPDATE", is not an acronym)
            && !(first.len() >= 5 && cx.is_dict(a))
        {
            kind = CK::Org;
            acro = true;
        } else if cx.has(a, lexicon::C_FUNC) {
            kind = CK::Unknown;
        } else if !headline && place_noun_after(cx, b) && !cx.is_dict(a) && !cx.is_common(a) {
            // "Nepal's Gandaki province", "the Kupiansk district"
            kind = CK::Loc;
            guess = true;
        } else if !headline
            && (org_noun_after(cx, b) || org_noun_before(cx, a, b))
            && !cx.is_dict(a)
            && !cx.is_common(a)
        {
            // "the populist Sanseito party", "the Yonhap news agency",
            // "Spotify chief executive Daniel Ek" (at a sentence start too)
            kind = CK::Org;
        } else if !headline && !t.sent_start && !cx.is_dict(a) && !cx.is_common(a) {
            let prev = if a > 0 { cx.w(a - 1) } else { "" };
            // "residents of Lindos", "the village of Yahidne", and where a
            // named person lives: "Ahmed Khan, of Harehills,"
            let place_of = prev == "of"
                && a >= 2
                && (cx.w(a - 2) == "," && a >= 3 && cx.toks[a - 3].cap
                    || is_place_of_noun(&cx.w(a - 2).to_ascii_lowercase())
                    // ("the southern part of Luzon")
                    || (cx.w(a - 2) == "part" && a >= 3 && is_compass_adj(cx.w(a - 3))));
            // "sank off Marinduque" (not "sent off Mbappé")
            let off = prev == "off"
                && a >= 2
                && !matches!(
                    cx.w(a - 2),
                    "sent"
                        | "send"
                        | "sends"
                        | "sending"
                        | "took"
                        | "take"
                        | "takes"
                        | "taking"
                        | "paid"
                        | "pay"
                        | "laid"
                        | "lay"
                        | "called"
                        | "call"
                        | "fought"
                        | "fight"
                        | "held"
                        | "hold"
                        | "saw"
                        | "see"
                        | "seen"
                        | "sees"
                        | "sold"
                        | "sell"
                        | "kicked"
                        | "kick"
                        | "shook"
                        | "shake"
                        | "show"
                        | "showed"
                        | "showing"
                );
            if stake_in(cx, a) || works_at(cx, a) || plays_for(cx, a) || org_apposition(cx, b) {
                // "shares in Hoshikawa", "a stake in Halvorsen", "analysts
                // at Berenberg", "Colterm, the municipal heating company,": a
                // company
                kind = CK::Org;
            } else if (a > 0
                && (cx.has(a - 1, lexicon::C_PREP) || off)
                && prev != "of"
                && !cx.is_first_name(a))
                || (place_of && !cx.is_first_name(a))
                || born_in(cx, a)
                || (place_like_suffix(first)
                    && !cx.is_first_name(a)
                    && !cx.has(a, lexicon::C_SURNAME))
            {
                kind = CK::Loc;
            } else {
                kind = CK::Per;
            }
            guess = true;
        }
    }
    // all-caps dateline ("WASHINGTON (Reuters) -"): a place written in capitals
    let mut dateline_place = None;
    if kind == CK::Org
        && ((nw == 1 && first.len() > 3) || (2..=4).contains(&(b - a)))
        && (a..b).all(|k| cx.toks[k].allcaps)
    {
        // ("GAZA CITY", "RIO DE JANEIRO": each word title-cased, then with
        // the particles in lower case)
        let surf = cx.surf(a, b);
        for lower_particles in [false, true] {
            let tc = title_case_caps(surf, lower_particles);
            if let Some(v) = lex.place_names.get(tc.as_str()) {
                dateline_place = Some(v[0]);
                kind = CK::Place;
                break;
            }
        }
    }
    // "Chișinău", "Kiên Giang", "Marinduque" spelled "Marindúque": the
    // gazetteer holds GeoNames' names, many in ASCII only; a guessed name
    // with diacritics is looked up without them
    let mut folded_place = None;
    if dateline_place.is_none()
        && (guess || kind == CK::Unknown)
        && !person_title
        && !cx.surf(a, b).is_ascii()
    {
        folded_place = lex.place_names.get(fold_diacritics(cx.surf(a, b)).as_str());
        if folded_place.is_some() {
            kind = CK::Place;
            guess = false;
        }
    }
    let mut c = new_cand(cx, pi, a, b, kind);
    c.place = dateline_place;
    c.place_ids = folded_place.map(|v| v.as_slice());
    if let Some(p) = dateline_place {
        c.cc = lex.places[p as usize].cc.as_str();
    }
    c.guess = guess;
    c.acro = acro;
    if kind == CK::Per {
        c.title = title;
        if title.is_some() {
            c.affil = affil;
        }
    }
    out.push(c);
}

/// `s` without its diacritics: "Chișinău" → "Chisinau", "Łódź" → "Lodz".
fn fold_diacritics(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            c => out.push(c),
        }
    }
    out
}

/// The nouns before "of" that make the name after it a place: "residents
/// of Lindos", "the village of Yahidne", "the town of Sucha Beskidzka".
fn is_place_of_noun(w: &str) -> bool {
    matches!(
        w,
        "residents"
            | "village"
            | "town"
            | "city"
            | "outskirts"
            | "suburbs"
            | "island"
            | "islands"
            | "province"
            | "region"
            | "district"
            | "county"
            | "municipality"
            | "port"
            // (where in a place: "the western side of Viti Levu", "the
            // capital of Bougainville")
            | "coast"
            | "side"
            | "shores"
            | "edge"
            | "heart"
            | "capital"
            | "slopes"
            | "banks"
            | "tip"
            | "atoll"
            | "archipelago"
    )
}

/// Head words that, capitalised after "the", name one institution ("the Court",
/// "the Senate", "the Kremlin").
fn is_institution(w: &str) -> bool {
    matches!(
        w,
        "Court"
            | "Parliament"
            | "House"
            | "Senate"
            | "Congress"
            | "Assembly"
            | "Legislature"
            | "Academy"
            | "Army"
            | "Navy"
            | "Church"
            | "Council"
            | "Commission"
            | "Committee"
            | "Ministry"
            | "Department"
            | "Cabinet"
            | "Kremlin"
            | "Pentagon"
            | "Vatican"
            | "Coalition"
            | "Police"
            | "Society"
            | "Board"
            | "Bureau"
            | "Agency"
            | "Corps"
            | "Alliance"
            | "Foundation"
            | "Institute"
            | "University"
            | "College"
            | "Administration"
            | "Authority"
            | "Tribunal"
            | "Secretariat"
    )
}

/// CamelCase single words ("WestJet") are brands; surname prefixes (McDonald, DeSantis, MacArthur) are not.
fn camel_brand(w: &str) -> bool {
    if !w.is_ascii() || w.len() < 4 {
        return false;
    }
    let b = w.as_bytes();
    if !b[0].is_ascii_uppercase() || !b.iter().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    for i in 1..b.len() {
        if b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
            let pre = &w[..i];
            return !matches!(
                pre,
                "Mc" | "Mac"
                    | "De"
                    | "Di"
                    | "Da"
                    | "Le"
                    | "La"
                    | "Du"
                    | "Van"
                    | "Von"
                    | "Fitz"
                    | "St"
                    | "Ma"
                    | "Al"
                    | "El"
            );
        }
    }
    false
}

/// Whether the words around the name at `a..b` speak of a person: it says
/// or writes something ("said", "told"), is followed by ", who", or stands in
/// apposition to a person's role ("its spokesman, X,", "an engineer at the
/// plant, X,").
fn person_context(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = cx.toks.len();
    let next = |k: usize| if k < n { cx.w(k) } else { "" };
    let said = |w: &str| {
        matches!(
            w,
            "said" | "says" | "told" | "wrote" | "added" | "argued" | "insisted" | "asked"
        )
    };
    // ("Orange's head of Africa, Jean-Baptiste Koffi Amani, told
    // reporters"; "Paraguayan defender Ramón Ayala Cáceres headed the
    // winner": a role right before the name)
    if said(next(b))
        || (next(b) == "," && (next(b + 1) == "who" || said(next(b + 1))))
        || (a >= 1
            && (is_role_noun(cx.w(a - 1))
                || matches!(
                    cx.w(a - 1),
                    "defender"
                        | "striker"
                        | "midfielder"
                        | "goalkeeper"
                        | "forward"
                        | "winger"
                        | "coach"
                        | "captain"
                )))
    {
        return true;
    }
    // "Kenji Kawaguchi, 46," / "Kenji Kawaguchi, a spokesman for Toyota,":
    // an age or a role in apposition after the name
    if next(b) == ","
        && (next(b + 1).bytes().all(|c| c.is_ascii_digit()) && next(b + 2) == ","
            || matches!(next(b + 1), "a" | "an" | "the")
                && (b + 2..b + 5).any(|k| is_role_noun(next(k))))
    {
        return true;
    }
    a >= 2 && cx.w(a - 1) == "," && next(b) == "," && {
        let w = cx.w(a - 2);
        is_role_noun(w) || matches!(w, "plant" | "company")
    }
}

/// Nouns for what a person is or does, as used in apposition to a name
/// ("its spokesman, Aliou Bah Diallo,", "Kenji Kawaguchi, a spokesman").
fn is_role_noun(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "engineer"
            | "director"
            | "chairman"
            | "chairwoman"
            | "leader"
            | "president"
            | "coordinator"
            | "convener"
            | "official"
            | "lawyer"
            | "founder"
            | "secretary"
            | "governor"
            | "mayor"
            | "minister"
            | "commander"
            | "chief"
            | "head"
            | "ambassador"
            | "adviser"
            | "advisor"
            | "economist"
            | "analyst"
            | "professor"
            | "researcher"
    )
}

/// Whether the name at `a` follows "in" after a word that asks where:
/// "born in Lorraine", "a farm in Moc Chau", "based in Ba".
fn born_in(cx: &Ctx<'_>, a: usize) -> bool {
    a >= 2
        && matches!(cx.w(a - 1), "in" | "near")
        && matches!(
            cx.w(a - 2),
            "born"
                | "based"
                | "raised"
                | "died"
                | "lives"
                | "lived"
                | "living"
                | "located"
                | "headquartered"
                | "farm"
                | "village"
                | "town"
                | "home"
                | "house"
                | "school"
                | "hospital"
                | "camp"
                | "mine"
                | "factory"
                | "plant"
        )
}

/// Whether the name at `a` follows "at" after a person's work: "analysts
/// at Berenberg", "a former trader at Enron", "job cuts at Kessler-Brandt".
#[inline]
fn works_at(cx: &Ctx<'_>, a: usize) -> bool {
    a >= 2
        && cx.w(a - 1) == "at"
        && matches!(
            cx.w(a - 2),
            "trader"
                | "traders"
                | "analyst"
                | "analysts"
                | "economist"
                | "economists"
                | "strategist"
                | "strategists"
                | "executive"
                | "executives"
                | "employee"
                | "employees"
                | "banker"
                | "bankers"
                | "researcher"
                | "researchers"
                | "partner"
                | "manager"
                | "managers"
                | "job"
                | "jobs"
                | "cuts"
                | "layoffs"
                | "shareholders"
                | "investors"
        )
}

/// Whether the name at `a` follows "plays for", "signed for", "scored
/// for": a club.
fn plays_for(cx: &Ctx<'_>, a: usize) -> bool {
    a >= 2
        && cx.w(a - 1) == "for"
        && matches!(
            cx.w(a - 2),
            "plays" | "played" | "playing" | "play" | "signed" | "scored" | "starred" | "captained"
        )
}

/// Whether the name ending at `b` has a company noun in apposition: "Intuitive
/// Machines, a company from Houston,", "Colterm, the municipal heating
/// company,", "Sonatel, Orange's Senegalese unit,".
#[inline]
fn org_apposition(cx: &Ctx<'_>, b: usize) -> bool {
    let n = cx.toks.len();
    if !(b + 2 < n && cx.w(b) == ",") {
        return false;
    }
    let start = b + 1;
    if !matches!(cx.w(start), "a" | "an" | "the") && cx.toks[start + 1].kind != TokKind::Poss {
        return false;
    }
    (start + 1..(start + 6).min(n))
        // (not past "of": "X, a member of the rebel group,")
        .take_while(|&k| !matches!(cx.w(k), "," | "." | ";" | "who" | "which" | "that" | "of"))
        .any(|k| {
            matches!(
                cx.w(k),
                "company" | "firm" | "subsidiary" | "unit" | "conglomerate" | "lender" | "insurer" | "carrier"
                    | "retailer" | "supplier" | "startup" | "start-up" | "brokerage"
                    | "manufacturer" | "carmaker" | "automaker" | "chipmaker"
                    | "drugmaker" | "utility" | "bank" | "airline" | "group" | "party" | "union"
                    | "agency" | "militia" | "organisation" | "organization" | "association"
                    | "foundation" | "charity" | "alliance" | "coalition" | "movement"
            )
            // (an apposition, not an attribution: "Ivan Espinosa, the
            // company said", "X, the company's founder")
            && k + 1 < n
                && matches!(
                    cx.w(k + 1),
                    "," | "." | ";" | ")" | "from" | "in" | "based" | "that" | "which" | "owned"
                        | "controlled" | "founded" | "run" | "with" | "of" | "listed" | "whose"
                )
        })
}

/// Whether the name at `a` follows "shares in", "a stake in", "invest
/// in": what one owns a part of is a company, not a place.
fn stake_in(cx: &Ctx<'_>, a: usize) -> bool {
    a >= 2
        && cx.w(a - 1) == "in"
        && matches!(
            cx.w(a - 2),
            "shares"
                | "Shares"
                | "stake"
                | "stakes"
                | "share"
                | "holding"
                | "holdings"
                | "invest"
                | "invested"
                | "investing"
                | "investment"
                | "investments"
        )
}

/// "northern", "south-eastern", "central": where in a place.
fn is_compass_adj(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "north-eastern"
            | "north-western"
            | "south-eastern"
            | "south-western"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "upper"
            | "lower"
            | "remote"
            | "mountainous"
    )
}

/// Endings typical of place names (Moravia, Langeland, Strasbourg, Kazakhstan, Yorkshire).
fn place_like_suffix(w: &str) -> bool {
    w.len() > 5
        && [
            "ia", "ah", "land", "burg", "bourg", "ville", "stan", "shire", "polis", "grad", "abad",
            "pur", "sk", "heim", "dorf", "holm", "vik", "fjord", "town", "chester", "mouth",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Frequent all-caps words that are not organisations. (A `match`: a
/// length switch and a few byte comparisons, not a scan of the list.)
fn is_non_org_acronym(w: &str) -> bool {
    matches!(
        w,
        "TV" | "GDP"
            | "CEO"
            | "CFO"
            | "CTO"
            | "COO"
            | "AI"
            | "PhD"
            | "DNA"
            | "RNA"
            | "LED"
            | "GPS"
            | "GIS"
            | "HIV"
            | "AIDS"
            | "COVID"
            | "OK"
            | "USB"
            | "PC"
            | "IT"
            | "HR"
            | "PR"
            | "VIP"
            | "FAQ"
            | "UFO"
            | "CD"
            | "DVD"
            | "IQ"
            | "ID"
            | "PDF"
            | "URL"
            | "HTML"
            | "API"
            | "CPU"
            | "GPU"
            | "SMS"
            | "MP"
            | "MPs"
            | "AM"
            | "PM"
            | "BC"
            | "AD"
            | "BCE"
            | "CE"
            | "UTC"
            | "GMT"
            | "EST"
            | "PST"
            | "OMG"
            | "LOL"
            | "USD"
            | "EUR"
            | "GBP"
            | "DKK"
            | "SEK"
            | "NOK"
            | "CHF"
            | "JPY"
            | "CNY"
            | "RUB"
            | "UAH"
            | "ISBN"
            | "DOI"
            | "NB"
            | "PS"
            | "TBA"
            | "TBD"
            | "ETA"
            | "FYI"
            | "ASAP"
            | "DIY"
            | "RSVP"
            | "VAT"
            | "GMO"
            | "LGBT"
            | "LGBTQ"
            | "POW"
            | "POWs"
            | "IED"
            | "IEDs"
            | "VBIED"
            | "UAV"
            | "UAVs"
            | "RPG"
            | "AK"
            | "WMD"
            | "CBRN"
            | "KIA"
            | "WIA"
            | "MIA"
            | "HQ"
            | "UK"
            | "US"
            | "USA"
            | "EU"
            | "II"
            | "III"
            | "IV"
            | "VI"
            | "PPE"
            | "ICU"
            | "ER"
            | "MRI"
            | "CT"
            | "NFT"
            | "ETF"
            | "IPO"
            | "M&A"
            | "B2B"
            | "SUV"
            | "EV"
            | "EVs"
            | "CO2"
            | "NGO"
            | "NGOs"
    )
}

fn is_roman(w: &str) -> bool {
    w.len() <= 5
        && w.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M' | 'D'))
}

/// Resolve places, link short forms, attach roles.
/// Whether town `p` can be the one a qualifier `q` (a country or a US
/// state) places it in: "Pasadena, California".
fn lies_in(p: &lexicon::Place, q: &lexicon::Place) -> bool {
    p.cc == q.cc && (q.admin1.is_empty() || p.admin1 == q.admin1)
}

fn link_and_resolve<'a>(cx: &mut Ctx<'a>, cands: &mut [Cand<'a>]) {
    let lex = cx.lex;
    // countries mentioned (for disambiguation)
    let mut doc_cc: HashMap<&'static str, usize> = HashMap::default();
    for c in cands.iter() {
        if let Some(v) = c.place_ids {
            if c.kind == CK::Place {
                let p = &lex.places[v[0] as usize];
                // (and a city that has no namesake within a twentieth of
                // its size: "Manchester, Glasgow and Cardiff" is in Britain,
                // though the article mentions California elsewhere)
                let dominant = || {
                    p.kind == PlaceKind::City
                        && v.get(1)
                            .is_none_or(|&q| lex.places[q as usize].pop.saturating_mul(20) < p.pop)
                };
                if p.kind == PlaceKind::Country || p.kind == PlaceKind::Region || dominant() {
                    *doc_cc.entry(p.cc.as_str()).or_default() += 1;
                }
            }
        }
        if c.kind == CK::Norp && !c.cc.is_empty() {
            *doc_cc.entry(c.cc).or_default() += 1;
        }
    }
    // "Seattle, Washington", "Columbus, Georgia": the reading of the
    // qualifier that has the city in it (the state, not the capital or the
    // country)
    for ci in 0..cands.len().saturating_sub(1) {
        let (c, n) = (&cands[ci], &cands[ci + 1]);
        let (Some(v), Some(nv)) = (c.place_ids, n.place_ids) else {
            continue;
        };
        if nv.len() < 2
            || n.kind != CK::Place
            || n.a != c.b + 1
            || cx.w(c.b) != ","
            || lex.places[v[0] as usize].kind != PlaceKind::City
        {
            continue;
        }
        let k = nv.iter().position(|&qi| {
            let q = &lex.places[qi as usize];
            matches!(q.kind, PlaceKind::Region | PlaceKind::Country)
                && v.iter().any(|&pi| lies_in(&lex.places[pi as usize], q))
        });
        if let Some(k) = k.filter(|&k| k > 0) {
            cands[ci + 1].place_ids = Some(&nv[k..=k]);
        }
    }
    // "Washington state": the state
    for c in cands.iter_mut() {
        if let Some(v) = c.place_ids {
            if v.len() > 1
                && c.b < cx.toks.len()
                && cx.w(c.b) == "state"
                && lex.places[v[0] as usize].kind == PlaceKind::City
            {
                if let Some(k) = v
                    .iter()
                    .position(|&pi| lex.places[pi as usize].kind == PlaceKind::Region)
                {
                    c.place_ids = Some(&v[k..=k]);
                }
            }
        }
    }
    let mut qualified_cities: Vec<u32> = Vec::new();
    for ci in 0..cands.len() {
        let Some(v) = cands[ci].place_ids else {
            continue;
        };
        let mut best = v[0];
        let top = &lex.places[v[0] as usize];
        if top.kind == PlaceKind::City && v.len() > 1 {
            // "Paris, Texas", "London, Ontario": a region or country right after
            // the comma decides
            let c = &cands[ci];
            let qualifier = cands
                .get(ci + 1)
                .filter(|n| n.kind == CK::Place && n.a == c.b + 1 && cx.w(c.b) == ",")
                .and_then(|n| n.place_ids);
            // ("Pasadena, California": the state's own city, not the larger
            // Pasadena in Texas; "Columbus, Georgia": the US state, since no
            // Columbus is in the country Georgia)
            let mut qualified = None;
            for &qi in qualifier.unwrap_or(&[]) {
                let q = &lex.places[qi as usize];
                if !matches!(q.kind, PlaceKind::Region | PlaceKind::Country) {
                    continue;
                }
                let hit = v
                    .iter()
                    .copied()
                    .filter(|&pi| lies_in(&lex.places[pi as usize], q))
                    .max_by_key(|&pi| lex.places[pi as usize].pop);
                if let Some(pi) = hit {
                    qualified = Some(pi);
                    break;
                }
            }
            if let Some(pi) = qualified {
                best = pi;
                qualified_cities.push(pi);
            } else {
                // a city in a country the article mentions wins, else population; but
                // a city dwarfed by a namesake (Moscow, Idaho; London, Ontario) needs
                // the qualifier above: a mention of the country is not enough
                let top_pop = v
                    .iter()
                    .map(|&pi| lex.places[pi as usize].pop)
                    .max()
                    .unwrap_or(0);
                let mut best_score = (0usize, 0u64);
                for &pi in v.iter() {
                    let p = &lex.places[pi as usize];
                    if p.pop.saturating_mul(20) < top_pop {
                        continue;
                    }
                    let sc = (doc_cc.get(p.cc.as_str()).copied().unwrap_or(0), p.pop);
                    if sc > best_score {
                        best_score = sc;
                        best = pi;
                    }
                }
            }
        }
        let c = &mut cands[ci];
        c.place = Some(best);
        c.cc = lex.places[best as usize].cc.as_str();
    }
    // one sense per article: "Pasadena, California" then "in Pasadena" is
    // the same Pasadena
    if !qualified_cities.is_empty() {
        for c in cands.iter_mut() {
            if let (Some(v), Some(p)) = (c.place_ids, c.place) {
                if !qualified_cities.contains(&p) {
                    if let Some(&q) = v.iter().find(|q| qualified_cities.contains(q)) {
                        c.place = Some(q);
                        c.cc = lex.places[q as usize].cc.as_str();
                    }
                }
            }
        }
    }
    // "off the coast of Hokkaido, Japan", "in Kuje, Nigeria": a guessed name
    // right before ", <country or region>" is a place in it (not when the
    // country goes on: "said Kato, Japan's envoy")
    for ci in 0..cands.len().saturating_sub(1) {
        let (c, n) = (&cands[ci], &cands[ci + 1]);
        if c.kind == CK::Per
            && c.guess
            && c.title.is_none()
            && n.kind == CK::Place
            && n.a == c.b + 1
            && cx.w(c.b) == ","
            && n.place.is_some_and(|p| {
                matches!(
                    lex.places[p as usize].kind,
                    PlaceKind::Country | PlaceKind::Region
                )
            })
            && (n.b >= cx.toks.len()
                || matches!(cx.w(n.b), "," | "." | ";" | ")" | "and" | "on" | "in"))
        {
            cands[ci].kind = CK::Loc;
        }
    }
    coordinated_places(cx, cands);
    // "a Conservative councillor for Newlands", "the lawmaker for Amansie
    // West": the seat an elected member sits for is a place
    for c in cands.iter_mut() {
        if (c.kind == CK::Unknown || (c.kind == CK::Per && c.guess))
            && c.a >= 2
            && cx.w(c.a - 1) == "for"
            && matches!(
                cx.w(c.a - 2),
                "councillor"
                    | "councilor"
                    | "MP"
                    | "lawmaker"
                    | "legislator"
                    | "deputy"
                    | "senator"
                    | "assemblyman"
                    | "assemblywoman"
                    | "MLA"
                    | "MSP"
            )
        {
            c.kind = CK::Loc;
            c.guess = false;
        }
    }
    // acronyms defined in the text as "Long Form (ACR)": keep ORG only if the long form is an organisation
    let mut acro_ok: HashMap<&'a str, bool> = HashMap::default();
    for (ci, c) in cands.iter().enumerate() {
        if !c.acro || c.a < 2 || c.b >= cx.toks.len() || cx.w(c.a - 1) != "(" || cx.w(c.b) != ")" {
            continue;
        }
        let acr = cx.w(c.a);
        let before = c.a - 1;
        // the candidate (or lower-case phrase) right before "("
        let prev = cands[..ci].iter().rev().find(|p| p.b == before);
        // demote only on clear evidence: the long form is lower-case ("compact fluorescent lamps (CFLs)")
        // or a capitalised phrase we could not type as a name ("Geographic Information Systems (GIS)")
        let org = match prev {
            Some(p) => !(p.kind == CK::Unknown || (p.kind == CK::Per && p.guess)),
            None => {
                let t = cx.toks[before - 1];
                t.kind != TokKind::Word || t.cap
            }
        };
        acro_ok.entry(acr).or_insert(org);
    }
    for c in cands.iter_mut() {
        if c.acro {
            if let Some(false) = acro_ok.get(cx.w(c.a)) {
                c.kind = CK::Unknown;
            }
        }
    }
    // person names: last token (and full) -> canonical
    // (Sized for the article up front: growing these maps rehashes them
    // several times per article.)
    let mut per_last: HashMap<&'a str, &'a str> =
        HashMap::with_capacity_and_hasher(2 * cands.len(), Default::default());
    for c in cands.iter() {
        if c.kind == CK::Per && c.b - c.a >= 2 && !c.guess {
            let full = cx.surf(c.a, c.b);
            // (the surname comes first in "Tan Keng Hock": "Tan said")
            let lastw = if chinese_name(cx, c.a, c.b) {
                cx.w(c.a)
            } else {
                cx.w(c.b - 1)
            };
            per_last.entry(lastw).or_insert(full);
            per_last.entry(full).or_insert(full);
        }
    }
    // guessed full names ("Raila Odinga": no known first name) lend their
    // surname only to a word nothing else typed ("Odinga was defeated" at the
    // start of a sentence); they never override place evidence
    let mut guess_last: HashMap<&'a str, &'a str> = HashMap::default();
    for c in cands.iter() {
        if c.kind == CK::Per && c.b - c.a >= 2 && c.guess {
            let lastw = cx.w(c.b - 1);
            if !per_last.contains_key(lastw) {
                guess_last.entry(lastw).or_insert(cx.surf(c.a, c.b));
            }
        }
    }
    if !guess_last.is_empty() {
        // (a word the article sets as a place anywhere keeps that reading:
        // "Eegimaa", "Vava'u" also when written "Vava’u")
        let placey: HashSet<String> = cands
            .iter()
            .filter(|c| {
                c.b - c.a == 1
                    && matches!(c.kind, CK::Loc | CK::Place)
                    && !(c.kind == CK::Loc && c.guess && cx.w(c.a).contains('-'))
            })
            .map(|c| cx.w(c.a).replace('’', "'"))
            .collect();
        guess_last.retain(|w, _| !placey.contains(&w.replace('’', "'")));
    }
    // unknown single tokens: a surface seen after a locative preposition anywhere in the article is a place
    let mut loc_ctx: HashMap<&str, bool> =
        HashMap::with_capacity_and_hasher(cands.len(), Default::default());
    for c in cands.iter() {
        if c.b - c.a == 1 && (c.guess || c.kind == CK::Unknown || c.kind == CK::Loc) {
            let w = cx.w(c.a);
            let prev = if c.a > 0 { cx.w(c.a - 1) } else { "" };
            // "west of Mosul", "north-east of Raqqa"
            let compass_of = prev == "of"
                && c.a > 1
                && cx.w(c.a - 2).split('-').all(|p| {
                    matches!(
                        p,
                        "north"
                            | "south"
                            | "east"
                            | "west"
                            | "northeast"
                            | "northwest"
                            | "southeast"
                            | "southwest"
                    )
                });
            let e = loc_ctx.entry(w).or_insert(false);
            if (compass_of
                || matches!(
                    prev,
                    "in" | "near"
                        | "into"
                        | "inside"
                        | "outside"
                        | "throughout"
                        | "across"
                        | "In"
                        | "Near"
                        | "Inside"
                        | "Outside"
                        | "Throughout"
                        | "Across"
                ))
                && !cx.is_first_name(c.a)
                && !stake_in(cx, c.a)
            {
                *e = true;
            }
        }
    }
    // a guessed person name that the article mostly writes as "the X" is not a person
    // ("the Chathams"); once in a while "the X" is a modifier ("the Galois memorial")
    let mut the_ctx: HashMap<&str, (u32, u32)> = HashMap::default();
    for c in cands.iter() {
        if c.b - c.a == 1 && c.guess && c.kind == CK::Per {
            let e = the_ctx.entry(cx.w(c.a)).or_default();
            e.1 += 1;
            // "the Asad regime", "the Maduro government": a leader's name, not "the X"
            let leader_noun = c.b < cx.toks.len()
                && matches!(
                    cx.w(c.b),
                    "regime" | "administration" | "government" | "presidency" | "cabinet"
                );
            if c.a > 0 && matches!(cx.w(c.a - 1), "the" | "The") && !leader_noun {
                e.0 += 1;
            }
        }
    }
    for c in cands.iter_mut() {
        if c.b - c.a == 1
            && c.guess
            && c.kind == CK::Per
            && the_ctx
                .get(cx.w(c.a))
                .is_some_and(|&(the, all)| the > 0 && 2 * the >= all)
            && !per_last.contains_key(cx.w(c.a))
        {
            c.kind = if loc_ctx.get(cx.w(c.a)).copied().unwrap_or(false) {
                CK::Loc
            } else {
                CK::Unknown
            };
        }
    }
    // one sense per article: a town name the text sets as a place somewhere
    // ("in Cleveland", "Dayton, Ohio"), or a city uses before the person of
    // that surname is named, is the town everywhere in it (a headline or lede
    // may give a surname alone before the full name: "Rubio", a Venezuelan
    // town of 50,000, only for the first of these)
    let mut first_person: HashMap<&str, usize> = HashMap::default();
    for c in cands.iter().filter(|_| !per_last.is_empty()) {
        if c.kind == CK::Per && c.b - c.a >= 2 && !c.guess {
            first_person.entry(cx.w(c.b - 1)).or_insert(c.a);
        }
    }
    let mut placed: HashSet<&str> = HashSet::default();
    for c in cands.iter().filter(|_| !per_last.is_empty()) {
        if c.b - c.a == 1 && c.place.is_some() && per_last.contains_key(cx.w(c.a)) {
            let before_person = first_person.get(cx.w(c.a)).is_some_and(|&p| c.a < p)
                && c.place
                    .is_some_and(|p| lex.places[p as usize].pop >= 100_000);
            let locative = before_person
                || (c.a > 0 && cx.has(c.a - 1, lexicon::C_PREP) && cx.w(c.a - 1) != "of")
                || (c.b + 1 < cx.toks.len()
                    && cx.w(c.b) == ","
                    && cx.has(c.b + 1, lexicon::C_PLACE_KEY));
            if locative {
                placed.insert(cx.w(c.a));
            }
        }
    }
    for c in cands.iter_mut() {
        let single = c.b - c.a == 1;
        if single
            && c.guess
            && c.kind == CK::Per
            && loc_ctx.get(cx.w(c.a)).copied().unwrap_or(false)
            && !per_last.contains_key(cx.w(c.a))
        {
            c.kind = CK::Loc;
        }
        if single && matches!(c.kind, CK::Unknown | CK::Per | CK::Loc | CK::Place) {
            let w = cx.w(c.a);
            if w.chars().count() < 2 || cx.has(c.a, lexicon::C_FUNC) {
                continue;
            }
            if let Some(full) = per_last.get(w) {
                // "Scott C. Dayton … Dayton said": the person, unless the
                // text sets the word as a place ("in Dayton", "Dayton, Ohio");
                // a country or region stays a place
                let locative = placed.contains(w);
                let is_country = c
                    .place
                    .map(|p| {
                        let p = &lex.places[p as usize];
                        p.kind != PlaceKind::City || locative
                    })
                    .unwrap_or(false);
                if !is_country {
                    c.kind = CK::Per;
                    c.canon = Some(*full);
                    c.place = None;
                    c.place_ids = None;
                }
            } else if let Some(full) = guess_last.get(w) {
                // (a double-barrelled surname only guessed to be a place:
                // "Akosua Boateng-Mensah … Boateng-Mensah, 38,")
                if (c.kind == CK::Unknown && !c.acro && !cx.is_dict(c.a) && !cx.is_common(c.a))
                    || (c.kind == CK::Per && c.guess)
                    || (c.kind == CK::Loc && c.guess && w.contains('-'))
                {
                    c.kind = CK::Per;
                    c.canon = Some(*full);
                }
            }
        }
        if c.kind == CK::Per && c.canon.is_none() {
            let full = cx.surf(c.a, c.b);
            c.canon = Some(per_last.get(full).copied().unwrap_or(full));
        }
    }
    // "the Court" after "the Supreme Court": the institution named in full in the article
    let mut org_head: HashMap<&'a str, &'a str> = HashMap::default();
    for c in cands.iter() {
        if c.kind == CK::Org && c.b - c.a >= 2 && is_institution(cx.w(c.b - 1)) {
            org_head
                .entry(cx.w(c.b - 1))
                .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
        }
    }
    if !org_head.is_empty() {
        for c in cands.iter_mut() {
            if c.kind == CK::Org && c.b - c.a == 1 && c.canon.is_none() {
                if let Some(full) = org_head.get(cx.w(c.a)) {
                    c.canon = Some(full);
                }
            }
        }
    }
    // an acronym of an organisation named in full in the article is that
    // organisation: "LDP" after "Liberal Democratic Party", "DoD" after
    // "Department of Defense"
    let mut initials: HashMap<String, &'a str> = HashMap::default();
    let unlinked_acronym = cands
        .iter()
        .any(|c| c.kind == CK::Org && c.b - c.a == 1 && c.canon.is_none() && cx.toks[c.a].allcaps);
    for c in cands.iter().filter(|_| unlinked_acronym) {
        if c.kind == CK::Org && c.b - c.a >= 2 {
            let letters: String = (c.a..c.b)
                .filter(|&k| cx.is_cap_word(k))
                .filter_map(|k| cx.w(k).chars().next())
                .collect();
            if letters.chars().count() >= 2 {
                initials
                    .entry(letters)
                    .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
            }
        }
    }
    if !initials.is_empty() {
        for c in cands.iter_mut() {
            if c.kind == CK::Org && c.b - c.a == 1 && c.canon.is_none() {
                let key: String = cx
                    .w(c.a)
                    .chars()
                    .filter(|ch| ch.is_alphabetic())
                    .flat_map(char::to_uppercase)
                    .collect();
                if let Some(full) = initials.get(&key) {
                    c.canon = Some(full);
                }
            }
        }
    }
    // one reading per name in an article: a guessed single-word name typed as a person in
    // some places and as a place in others (by the word before it) takes the majority
    // reading ("reviewed Galois' paper", "confided to Galois")
    let mut votes: HashMap<&str, (u32, u32)> = HashMap::default();
    for c in cands.iter() {
        if c.b - c.a == 1 && c.guess && matches!(c.kind, CK::Per | CK::Loc) {
            let e = votes.entry(cx.w(c.a)).or_default();
            if c.kind == CK::Per {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    for c in cands.iter_mut() {
        if c.b - c.a != 1 || !c.guess || !matches!(c.kind, CK::Per | CK::Loc) {
            continue;
        }
        let w = cx.w(c.a);
        let Some(&(per, loc)) = votes.get(w) else {
            continue;
        };
        if c.kind == CK::Loc && per > loc && !loc_ctx.get(w).copied().unwrap_or(false) {
            c.kind = CK::Per;
            c.canon = Some(per_last.get(w).copied().unwrap_or(w));
        } else if c.kind == CK::Per && loc > per && !per_last.contains_key(w) {
            c.kind = CK::Loc;
            c.canon = None;
        }
    }
    // a word guessed to be a person that the article elsewhere shows to be an
    // organisation ("a complaint by Spotify … Spotify chief executive Daniel Ek")
    let guessed_person = cands
        .iter()
        .any(|c| c.b - c.a == 1 && c.guess && c.kind == CK::Per);
    let orgs_seen: HashSet<&str> = cands
        .iter()
        .filter(|c| guessed_person && c.b - c.a == 1 && c.kind == CK::Org && !c.acro && !c.guess)
        .map(|c| cx.w(c.a))
        .collect();
    if !orgs_seen.is_empty() {
        for c in cands.iter_mut() {
            if c.b - c.a == 1 && c.guess && c.kind == CK::Per && orgs_seen.contains(cx.w(c.a)) {
                c.kind = CK::Org;
                c.guess = false;
                c.canon = None;
            }
        }
    }
    org_short_forms(cx, cands, &per_last);
    lone_guesses(cx, cands, &per_last, &guess_last);
    // a name left untyped where the words around it gave no evidence (at the start of a
    // sentence, in a heading) takes the type the article gives the same name elsewhere
    let mut typed: HashMap<&'a str, Option<usize>> =
        HashMap::with_capacity_and_hasher(cands.len(), Default::default());
    for (ci, c) in cands.iter().enumerate() {
        if matches!(c.kind, CK::Per | CK::Loc | CK::Place | CK::Org) {
            let e = typed.entry(cx.surf(c.a, c.b)).or_insert(Some(ci));
            if let Some(d) = *e {
                if cands[d].kind != c.kind || cands[d].place != c.place {
                    *e = None;
                }
            }
        }
    }
    for ci in 0..cands.len() {
        let c = &cands[ci];
        if c.kind != CK::Unknown || c.acro {
            continue;
        }
        let Some(&Some(d)) = typed.get(cx.surf(c.a, c.b)) else {
            continue;
        };
        let all_words = (c.a..c.b).all(|k| {
            let t = cx.toks[k];
            t.kind == TokKind::Word && (t.cap || cx.is_connector(k))
        });
        let w = cx.w(c.a);
        if !all_words
            || w.bytes().any(|b| b.is_ascii_digit())
            || (c.b - c.a == 1
                && (cx.has(c.a, lexicon::C_FUNC)
                    || dates::month_of(w).is_some()
                    || dates::weekday_of(w).is_some()))
        {
            continue;
        }
        let donor = &cands[d];
        let (kind, canon, place, place_ids, cc, guess) = (
            donor.kind,
            donor.canon,
            donor.place,
            donor.place_ids,
            donor.cc,
            donor.guess,
        );
        let c = &mut cands[ci];
        c.kind = kind;
        c.canon = canon;
        c.place = place;
        c.place_ids = place_ids;
        c.cc = cc;
        c.guess = guess;
    }
    // lower-case titles before a person ("special envoy Steve Witkoff", "U.S. envoy Witkoff")
    let n = cands.len();
    for ci in 0..n {
        if cands[ci].kind != CK::Per || cands[ci].title.is_some() {
            continue;
        }
        let a = cands[ci].a;
        let mut k = a;
        let mut tstart = None;
        while k > 0 {
            let j = k - 1;
            let t = cx.toks[j];
            if t.kind != TokKind::Word || t.cap || cx.in_date[j] || cx.sent_id[j] != cx.sent_id[a] {
                break;
            }
            if let Some(e) = cx.title_at(j, a) {
                if e == a || tstart.is_some() {
                    tstart = Some(j);
                    k = j;
                    continue;
                }
            }
            // modifier before a title
            if tstart.is_some() && cx.has(j, lexicon::C_TITLE_MOD) {
                tstart = Some(j);
                k = j;
                continue;
            }
            break;
        }
        if let Some(ts) = tstart {
            // verify whole span is a title
            if cx.title_at(ts, a) == Some(a) {
                cands[ci].title = Some((ts, a));
                // affiliation: a place/org/norp ending right before the title
                if ts > 0 {
                    let mut pe = ts;
                    if cx.toks[pe - 1].kind == TokKind::Poss {
                        pe -= 1;
                    }
                    if let Some(ai) = (0..ci).rev().find(|&x| cands[x].b == pe) {
                        if matches!(cands[ai].kind, CK::Place | CK::Org | CK::Norp) {
                            cands[ci].affil = Some(ai);
                        }
                    }
                }
            }
        }
    }
    // appositive: "Yuriy Sak, an adviser in Ukraine's strategic sector"
    for ci in 0..n {
        if cands[ci].kind != CK::Per || cands[ci].title.is_some() {
            continue;
        }
        let b = cands[ci].b;
        if b + 2 >= cx.toks.len() || cx.w(b) != "," {
            continue;
        }
        let mut k = b + 1;
        if matches!(
            cx.w(k),
            "a" | "an" | "the" | "its" | "his" | "her" | "their"
        ) {
            k += 1;
        }
        let lim = (k + 8).min(cx.toks.len());
        // optional affiliation adjective/place before the title ("the Ukrainian president")
        let mut pre_aff = None;
        if let Some(x) = cands
            .iter()
            .position(|c| c.a == k && matches!(c.kind, CK::Place | CK::Norp | CK::Org))
        {
            pre_aff = Some(x);
            k = cands[x].b;
            if k < cx.toks.len() && cx.toks[k].kind == TokKind::Poss {
                k += 1;
            }
        }
        if let Some(te) = cx.title_at(k, lim) {
            cands[ci].title = Some((k, te));
            let mut aff = pre_aff;
            if aff.is_none()
                && te < cx.toks.len()
                && matches!(cx.w(te), "in" | "at" | "of" | "for" | "with" | "to")
            {
                // first place/org/norp before the next comma/period
                let mut e = te + 1;
                while e < cx.toks.len() && !matches!(cx.w(e), "," | "." | ";") && e < te + 10 {
                    e += 1;
                }
                aff = (ci + 1..n).find(|&x| {
                    cands[x].a > te
                        && cands[x].a < e
                        && matches!(cands[x].kind, CK::Place | CK::Org | CK::Norp)
                });
            }
            cands[ci].affil = aff;
        }
    }
    // fallback affiliation: nearest preceding place/norp in the sentence with no other person between,
    // or the affiliation of a coordinated preceding person ("X and special envoy Y")
    let mut fallback_from: Vec<bool> = vec![false; n];
    for ci in 0..n {
        if cands[ci].kind != CK::Per || cands[ci].title.is_none() || cands[ci].affil.is_some() {
            continue;
        }
        // an organisation or place written right before the title
        // ("Lebanese Parliament Speaker Nabih Berri", "Tory MP …")
        if let Some((ts, _)) = cands[ci].title {
            let mut pe = ts;
            if pe > 0 && cx.toks[pe - 1].kind == TokKind::Poss {
                pe -= 1;
            }
            if let Some(ai) = (0..ci).rev().find(|&x| cands[x].b == pe) {
                if matches!(cands[ai].kind, CK::Place | CK::Org | CK::Norp)
                    && cands[ai].sent == cands[ci].sent
                {
                    cands[ci].affil = Some(ai);
                    continue;
                }
            }
        }
        let sent = cands[ci].sent;
        let mut x = ci;
        while x > 0 {
            x -= 1;
            let c = &cands[x];
            if c.sent != sent {
                break;
            }
            if c.kind == CK::Per {
                // coordinated: "... Marco Rubio and special envoy Steve Witkoff"
                let gap_ok = cx.toks[c.b..cands[ci].a]
                    .iter()
                    .all(|t| t.kind == TokKind::Word && !t.cap || cx.text[t.start..t.end] == *",");
                if fallback_from[x] && gap_ok && cands[x].affil.is_some() {
                    cands[ci].affil = cands[x].affil;
                    fallback_from[ci] = true;
                }
                break;
            }
            // (only close by, not past an organisation, and not a place
            // that qualifies a noun: in "blocked a Texas law, in a 5-4
            // decision written by Chief Justice John Roberts" Texas is not his)
            if c.kind == CK::Org {
                break;
            }
            if matches!(c.kind, CK::Place | CK::Norp) {
                let start = cands[ci]
                    .title
                    .map_or(cands[ci].a, |t| t.0.min(cands[ci].a));
                let modifier = c.a > 0
                    && matches!(cx.w(c.a - 1), "a" | "an" | "A" | "An")
                    && c.b < cx.toks.len()
                    && cx.toks[c.b].kind == TokKind::Word
                    && !cx.toks[c.b].cap;
                if start.saturating_sub(c.b) <= FALLBACK_AFFIL_GAP && !modifier {
                    cands[ci].affil = Some(x);
                    fallback_from[ci] = true;
                }
                break;
            }
        }
    }
}

/// At most this many tokens between a place and the title of a person it
/// is taken as the affiliation of, when nothing closer gives one ("In
/// Ukraine, Foreign Minister Dmytro Kuleba said").
const FALLBACK_AFFIL_GAP: usize = 8;

/// A company named in full and then by its first word: "Suraksha
/// Pharmaceuticals … Suraksha said", "Tsingshan Holding Group …
/// Tsingshan did not respond"; and a name in brackets right after an
/// organisation: "Aneka Tambang (Antam)", "the Mining Advocacy Network
/// (Jatam)". The word becomes that organisation wherever it was only
/// guessed or left untyped (not where the article names a person of that
/// surname, or a known place).
fn org_short_forms<'a>(
    cx: &mut Ctx<'a>,
    cands: &mut [Cand<'a>],
    per_last: &HashMap<&'a str, &'a str>,
) {
    let n = cx.toks.len();
    let mut first: HashMap<&'a str, &'a str> = HashMap::default();
    let mut stripped: HashMap<&'a str, &'a str> = HashMap::default();
    for ci in 0..cands.len() {
        let c = &cands[ci];
        if c.kind != CK::Org {
            continue;
        }
        if c.b - c.a >= 2
            && cx.has(c.b - 1, lexicon::C_ORG_SUFFIX)
            && cx.toks[c.a].cap
            && cx.toks[c.a].kind == TokKind::Word
            && !cx.toks[c.a].allcaps
            && (c.a + 1..c.b).all(|k| cx.toks[k].cap)
        {
            let a = c.a;
            if !cx.is_dict(a)
                && !cx.is_first_name(a)
                && !cx.has(
                    a,
                    lexicon::C_PLACE_KEY
                        | lexicon::C_DEM_KEY
                        | lexicon::C_FUNC
                        | lexicon::C_ORG_PREFIX,
                )
            {
                first
                    .entry(cx.w(a))
                    .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
            }
        }
        // "Meridian Land Holdings Ltd." → "Meridian Land", "Orange S.A." →
        // "Orange": the name without its legal form and head words
        if c.b - c.a >= 2
            && is_legal_form(cx.w(c.b - 1))
            && (c.a..c.b).all(|k| cx.toks[k].kind != TokKind::Punct)
        {
            let mut e = c.b - 1;
            let mut heads = false;
            while e > c.a + 1
                && (is_legal_form(cx.w(e - 1)) || cx.has(e - 1, lexicon::C_ORG_SUFFIX))
            {
                heads |= !is_legal_form(cx.w(e - 1));
                e -= 1;
            }
            let short = cx.surf(c.a, e);
            // (one English word left after head words is no name: "General
            // Motors Co." is not "General"; "Harwell Holdings plc" is "Harwell")
            if (c.a..e).all(|k| cx.toks[k].cap && cx.toks[k].kind == TokKind::Word)
                && !cx.has(c.a, lexicon::C_FUNC)
                && (e - c.a >= 2 || !cx.toks[c.a].allcaps)
                && !(e == c.a + 1 && heads && (cx.is_dict(c.a) || cx.is_first_name(c.a)))
            {
                stripped
                    .entry(short)
                    .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
                // ("Studio Kazahana Inc." → "Kazahana", "Banco Itaú S.A." →
                // "Itaú": nor its first word when that is an organisation's
                // head; the rest no English word or first name)
                if e - c.a >= 2
                    && cx.has(c.a, lexicon::C_ORG_PREFIX)
                    && (c.a + 1..e).all(|k| !cx.is_dict(k) && !cx.is_first_name(k))
                {
                    stripped
                        .entry(cx.surf(c.a + 1, e))
                        .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
                }
            }
        }
        // "Aneka Tambang (Antam)"
        if ci + 1 < cands.len() {
            let d = &cands[ci + 1];
            if d.b - d.a == 1
                && d.a == c.b + 1
                && cx.w(c.b) == "("
                && d.b < n
                && cx.w(d.b) == ")"
                && (d.guess || d.kind == CK::Unknown)
                && !cx.toks[d.a].allcaps
            {
                first
                    .entry(cx.w(d.a))
                    .or_insert_with(|| c.canon.unwrap_or_else(|| cx.surf(c.a, c.b)));
            }
        }
    }
    if first.is_empty() && stripped.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        // ("Siam Chanthara said", "a Meridian Land subsidiary", "Orange
        // and MTN": the company's name without its legal form, whatever
        // else it was guessed to be)
        if !stripped.is_empty()
            && !c.acro
            && (c.kind == CK::Unknown
                || (c.guess && matches!(c.kind, CK::Per | CK::Loc))
                || (c.kind == CK::Place
                    && c.b - c.a == 1
                    && !c.place.is_some_and(|p| {
                        matches!(
                            cx.lex.places[p as usize].kind,
                            PlaceKind::Country | PlaceKind::Region
                        )
                    })))
        {
            if let Some(full) = stripped.get(cx.surf(c.a, c.b)) {
                c.kind = CK::Org;
                c.canon = Some(full);
                c.guess = false;
                c.place = None;
                c.place_ids = None;
                c.cc = "";
                continue;
            }
        }
        if c.b - c.a != 1 || c.acro || !((c.guess && c.kind == CK::Per) || c.kind == CK::Unknown) {
            continue;
        }
        let w = cx.w(c.a);
        if per_last.contains_key(w) {
            continue;
        }
        if let Some(full) = first.get(w) {
            c.kind = CK::Org;
            c.canon = Some(full);
            c.guess = false;
            c.place = None;
            c.place_ids = None;
            c.cc = "";
        }
    }
}
/// News names a person in full before it shortens the name ("Marco Rubio
/// … Rubio"). A single capitalised word that was only guessed to be a
/// person everywhere in the article (no title, not a known first name or
/// surname, not the short form of a full name there) is more often a
/// company, a place or a word than a person: "Naver said", "shares in
/// Inditex", "across Sulawesi". It is left untyped, unless the text cites
/// it as an author ("(Brieber 2014)", "Heidenreich & Turano", "Binderman et
/// al.") or a party ("Lynch v. Overholser"), or gives an age ("Moreau, 45,").
fn lone_guesses<'a>(
    cx: &mut Ctx<'a>,
    cands: &mut [Cand<'a>],
    per_last: &HashMap<&'a str, &'a str>,
    guess_last: &HashMap<&'a str, &'a str>,
) {
    if !cands
        .iter()
        .any(|c| c.kind == CK::Per && c.guess && c.b - c.a == 1)
    {
        return;
    }
    let n = cx.toks.len();
    let lone = |cx: &mut Ctx<'a>, c: &Cand<'a>| {
        c.kind == CK::Per
            && c.b - c.a == 1
            && c.guess
            && c.title.is_none()
            && !cx.is_first_name(c.a)
            && !cx.has(c.a, lexicon::C_SURNAME)
    };
    let mut keep: HashMap<&'a str, bool> = HashMap::default();
    for c in cands.iter() {
        if c.kind != CK::Per {
            continue;
        }
        let w = cx.surf(c.a, c.b);
        if !lone(cx, c) {
            keep.insert(w, true);
            continue;
        }
        let (a, b) = (c.a, c.b);
        let para = c.para;
        let tok = |k: usize| (k < n && cx.tok_para[k] == para).then(|| cx.w(k));
        let year = (b..(b + 8).min(n)).any(|k| {
            cx.tok_para[k] == para && {
                let t = cx.w(k);
                t.len() == 4
                    && t.bytes().all(|d| d.is_ascii_digit())
                    && matches!(&t[..2], "15" | "16" | "17" | "18" | "19" | "20")
            }
        });
        let cited = year
            || matches!(tok(b), Some("et" | "&" | "v." | "v"))
            || (a > 0 && matches!(tok(a - 1), Some("&" | "v." | "v")))
            // "Moreau, 45, said"
            || (tok(b) == Some(",")
                && tok(b + 1).is_some_and(|t| t.bytes().all(|d| d.is_ascii_digit()))
                && tok(b + 2) == Some(","));
        // a person's words or their people: "Quispe said", "said Hendra",
        // "Karbouly's office", "Galois, who"
        let nb = if tok(b).is_some_and(|t| matches!(t, "’s" | "'s" | "’" | "'")) {
            b + 1
        } else {
            b
        };
        let person_cue = matches!(
            tok(nb),
            Some(
                "said" | "says" | "told" | "added" | "argued" | "wrote" | "asked" | "insisted"
                    | "warned" | "himself" | "herself"
            )
        ) || (nb == b && tok(b) == Some(",") && tok(b + 1) == Some("who"))
            || (nb > b
                && matches!(
                    tok(nb),
                    Some(
                        "wife" | "husband" | "office" | "government" | "aides" | "son"
                            | "daughter" | "father" | "mother" | "spokesman" | "spokeswoman"
                            | "spokesperson" | "lawyer" | "lawyers" | "family"
                    )
                ))
            || (a > 0 && matches!(tok(a - 1), Some("said" | "says")))
            // "the Asad regime", "the Maduro government"
            || matches!(
                tok(b),
                Some("regime" | "government" | "administration" | "presidency")
            );
        let e = keep.entry(w).or_insert(false);
        *e |= cited || person_cue || per_last.contains_key(w) || guess_last.contains_key(w);
    }
    for c in cands.iter_mut() {
        if c.kind == CK::Per
            && c.b - c.a == 1
            && c.guess
            && keep.get(cx.surf(c.a, c.b)) == Some(&false)
        {
            c.kind = CK::Unknown;
            c.canon = None;
        }
    }
}

/// The first 8 bytes of `id` as a big-endian number, zero-padded: for two
/// ids whose numbers differ, the numbers order as the strings do.
fn id_prefix(id: &str) -> u64 {
    let b = id.as_bytes();
    let mut k = [0u8; 8];
    let n = b.len().min(8);
    k[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(k)
}

/// Entity ids already made on this thread: an id depends only on the
/// place (gazetteer index) or on `(kind, slugged, name)`, and the same
/// entities come back article after article, so slugging each name again
/// is wasted. Bounded: emptied when it grows past `IdCache::MAX` names.
#[derive(Default)]
struct IdCache {
    places: HashMap<u32, Id>,
    /// by `kind as usize * 2 + slugged`, name -> id
    names: [HashMap<Box<str>, Id>; 12],
    len: usize,
}

impl IdCache {
    const MAX: usize = 1 << 13;
    fn room(&mut self) {
        if self.len >= Self::MAX {
            *self = IdCache::default();
        }
        self.len += 1;
    }
    fn place(&mut self, pi: u32, make: impl FnOnce() -> String) -> Id {
        if let Some(id) = self.places.get(&pi) {
            return id.clone();
        }
        self.room();
        let id = Id::from(make());
        self.places.insert(pi, id.clone());
        id
    }
    fn name(&mut self, kind: MentionType, slugged: bool, name: &str) -> Id {
        let m = &self.names[kind as usize * 2 + slugged as usize];
        if let Some(id) = m.get(name) {
            return id.clone();
        }
        self.room();
        let id = Id::from(entity_id(kind, name, slugged, None));
        self.names[kind as usize * 2 + slugged as usize].insert(name.into(), id.clone());
        id
    }
}

thread_local! {
    static IDS: std::cell::RefCell<IdCache> = std::cell::RefCell::new(IdCache::default());
}

fn build_output(cx: &mut Ctx<'_>, cands: &mut [Cand<'_>]) -> Extraction {
    IDS.with(|ids| build_output_with(cx, cands, &mut ids.borrow_mut()))
}

fn build_output_with(cx: &mut Ctx<'_>, cands: &mut [Cand<'_>], ids: &mut IdCache) -> Extraction {
    for i in 0..cands.len() {
        if let Some(x) = cands[i].affil {
            if cands[i].kind == CK::Per && cands[i].title.is_some() {
                cands[x].affil_target = true;
            }
        }
    }
    let cands: &[Cand<'_>] = cands;
    let lex = cx.lex;
    // entity per (kind, key): key is the place index for gazetteer places, else the canonical name
    let mut by_place: HashMap<u32, usize> =
        HashMap::with_capacity_and_hasher(cands.len(), Default::default());
    let mut by_name: HashMap<(MentionType, &str), usize> =
        HashMap::with_capacity_and_hasher(cands.len(), Default::default());
    // (At most one entity per candidate: sized up front, the vector never
    // grows and moves its entities.)
    let mut ents: Vec<Entity> = Vec::with_capacity(cands.len());
    let mut mentions = Vec::with_capacity(cands.len());
    // the mention each candidate became (roles need their entity ids)
    let mut mention_of: Vec<Option<usize>> = vec![None; cands.len()];
    let text_all = cx.text;
    for (ci, c) in cands.iter().enumerate() {
        let surf: &str = &text_all[cx.toks[c.a].start..cx.toks[c.b - 1].end];
        let (kind, ei) = match c.kind {
            CK::Unknown => continue,
            CK::Place => {
                let pi = c.place.unwrap_or(0);
                let p = &lex.places[pi as usize];
                let kind = if p.kind == PlaceKind::Natural {
                    MentionType::Loc
                } else {
                    MentionType::Gpe
                };
                let ei = *by_place.entry(pi).or_insert_with(|| {
                    let national = p.kind == PlaceKind::Country || p.cc.is_empty();
                    let id = ids.place(pi, || {
                        let mut id =
                            entity_id(kind, &p.name, true, (!national).then_some(p.cc.as_str()));
                        if !p.namesake.is_empty() {
                            id.push('-');
                            id.push_str(&p.namesake);
                        }
                        id
                    });
                    ents.push(Entity {
                        entity_id: id,
                        kind,
                        name: std::borrow::Cow::Borrowed(p.name.as_str()),
                        aliases: vec![],
                        country_code: p.cc.as_str(),
                        geonames_id: p.gid,
                        latitude: p.lat,
                        longitude: p.lon,
                    });
                    ents.len() - 1
                });
                (kind, ei)
            }
            _ => {
                let kind = match c.kind {
                    CK::Per => MentionType::Per,
                    CK::Org => MentionType::Org,
                    CK::Loc => MentionType::Loc,
                    CK::Date => MentionType::Date,
                    _ => MentionType::Norp,
                };
                let name: &str = if kind == MentionType::Date {
                    if c.value.is_empty() {
                        surf
                    } else {
                        c.value.as_str()
                    }
                } else {
                    c.canon.unwrap_or(surf)
                };
                let ei = *by_name.entry((kind, name)).or_insert_with(|| {
                    let iso_date = kind == MentionType::Date && !c.value.is_empty();
                    let id = ids.name(kind, !iso_date, name);
                    ents.push(Entity {
                        entity_id: id,
                        kind,
                        name: std::borrow::Cow::Owned(name.to_string()),
                        aliases: vec![],
                        country_code: c.cc,
                        geonames_id: None,
                        latitude: None,
                        longitude: None,
                    });
                    ents.len() - 1
                });
                (kind, ei)
            }
        };
        let en = &mut ents[ei];
        if en.name != surf && !en.aliases.iter().any(|a| a == surf) {
            en.aliases.push(surf.to_string());
        }
        let eid = en.entity_id.clone();
        mention_of[ci] = Some(mentions.len());
        mentions.push(Mention {
            paragraph: c.para,
            start: cx.toks[c.a].start,
            end: cx.toks[c.b - 1].end,
            text: surf.to_string(),
            kind,
            entity_id: eid,
            value: c.value.clone(),
        });
    }
    // merge entities that got the same id from different keys (e.g. two spellings of one slug)
    // (Sorting a permutation moves 4-byte indices instead of whole entities;
    // the sort is stable, so ties keep their creation order as before.)
    // (Keyed by the id's first 8 bytes as a big-endian number, zero-padded,
    // which orders like the bytes it holds: most comparisons end there
    // instead of in a `memcmp` call. With the index last the keys are
    // distinct, so an unstable sort gives the stable order.)
    let mut order: Vec<(u64, &str, u32)> = ents
        .iter()
        .enumerate()
        .map(|(i, e)| (id_prefix(&e.entity_id), e.entity_id.as_str(), i as u32))
        .collect();
    order.sort_unstable();
    let order: Vec<u32> = order.into_iter().map(|(_, _, i)| i).collect();
    let mut slots: Vec<Option<Entity>> = ents.into_iter().map(Some).collect();
    let mut ents: Vec<Entity> = order
        .iter()
        // (`map`, not `filter_map`: the collect knows the length and
        // allocates once; `order` holds each index once)
        .map(|&i| slots[i as usize].take().expect("each entity once"))
        .collect();
    ents.dedup_by(|b, a| {
        if a.entity_id == b.entity_id {
            for al in b.aliases.drain(..) {
                if !a.aliases.contains(&al) {
                    a.aliases.push(al);
                }
            }
            true
        } else {
            false
        }
    });
    let id_of = |ci: usize| mention_of[ci].map_or(Id::default(), |m| mentions[m].entity_id.clone());
    let mut roles = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        if c.kind != CK::Per {
            continue;
        }
        let Some((ta, tb)) = c.title else { continue };
        let title = cx.surf(ta, tb).to_string();
        let (affiliation, affiliation_id, astart, aend) = match c.affil {
            Some(x) => {
                let ac = &cands[x];
                let s = match ac.kind {
                    CK::Norp if !ac.cc.is_empty() => lex
                        .country_by_cc
                        .get(ac.cc)
                        .map(|&p| lex.places[p as usize].name.clone())
                        .unwrap_or_else(|| cx.surf(ac.a, ac.b).to_string()),
                    _ => cx.surf(ac.a, ac.b).to_string(),
                };
                let aid = match ac.kind {
                    CK::Norp if !ac.cc.is_empty() => lex
                        .country_by_cc
                        .get(ac.cc)
                        .map(|&p| Id::from(format!("GPE:{}", slug(&lex.places[p as usize].name))))
                        .unwrap_or_default(),
                    _ => id_of(x),
                };
                (s, aid, cx.toks[ac.a].start, cx.toks[ac.b - 1].end)
            }
            None => (String::new(), Id::default(), usize::MAX, 0),
        };
        let ps = cx.toks[c.a].start;
        let pe = cx.toks[c.b - 1].end;
        let ts = cx.toks[ta].start;
        let te = cx.toks[tb - 1].end;
        // role span: contiguous phrase when the affiliation is adjacent, else title+person
        let mut start = ps.min(ts);
        let mut end = pe.max(te);
        if astart != usize::MAX && cands[c.affil.unwrap()].para == c.para {
            let before = aend <= start
                && cx.text[aend..start]
                    .trim_start_matches(['\'', '’', 's'])
                    .trim()
                    .is_empty();
            let after =
                astart >= end && astart - end <= 40 && !cx.text[end..astart].contains(['.', ';']);
            if before || after {
                start = start.min(astart);
                end = end.max(aend);
            }
        }
        roles.push(Role {
            paragraph: c.para,
            start,
            end,
            entity_id: id_of(ci),
            person: c.canon.unwrap_or_default().to_string(),
            title,
            affiliation,
            affiliation_id,
        });
    }
    Extraction {
        mentions,
        entities: ents,
        roles,
        sentences: Vec::new(),
    }
}

#[cfg(test)]
mod id_tests {
    use super::id_prefix;

    /// Where two ids' prefixes differ, they order as the ids do.
    #[test]
    fn id_prefix_orders_like_the_ids() {
        let ids = [
            "",
            "A",
            "A\0",
            "AB",
            "GPE:kyiv",
            "GPE:kyiv-ua",
            "GPE:kyi",
            "ORG:un",
            "PER:a",
            "PER:abcdefgh",
            "PER:abcd",
            "PER:é",
            "PER:z",
        ];
        for a in ids {
            for b in ids {
                let (pa, pb) = (id_prefix(a), id_prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
    }
}
