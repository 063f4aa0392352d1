//! Seed expectations from shared/acceptance/seed.md (fixture: copy of shared/seeds/000_cc71052efe911e2a.txt).
use newsrake_extract::{extract, ArticleRef, Extraction, MentionType, ParagraphRef};

const SEED: &str = include_str!("fixtures/seed_000.txt");

fn run(published: Option<&str>) -> Extraction {
    let mut paras = Vec::new();
    let mut off = 0;
    let mut seen: Vec<&str> = Vec::new();
    for l in SEED.split('\n') {
        if !l.trim().is_empty() {
            let original = !seen.contains(&l);
            seen.push(l);
            paras.push(ParagraphRef {
                start: off,
                end: off + l.len(),
                original,
            });
        }
        off += l.len() + 1;
    }
    assert_eq!(paras.len(), 11);
    assert_eq!(paras.iter().filter(|p| p.original).count(), 6);

    extract(&ArticleRef {
        text: SEED,
        paragraphs: &paras,
        published,
    })
}

fn ent<'a>(x: &'a Extraction, id: &str) -> &'a newsrake_extract::Entity {
    x.entities
        .iter()
        .find(|e| e.entity_id == id)
        .unwrap_or_else(|| {
            panic!(
                "missing entity {id}: {:#?}",
                x.entities.iter().map(|e| &e.entity_id).collect::<Vec<_>>()
            )
        })
}

#[test]
fn people_titles_affiliations() {
    let x = run(None);
    let role = |p: &str| {
        x.roles
            .iter()
            .find(|r| r.person == p)
            .unwrap_or_else(|| panic!("no role for {p}: {:#?}", x.roles))
    };
    for (p, t, a) in [
        ("Marco Rubio", "Secretary of State", "U.S."),
        ("Steve Witkoff", "special envoy", "U.S."),
        ("David Lammy", "Foreign Secretary", "UK"),
        ("Volodymyr Zelensky", "President", "Ukraine"),
        ("Yuriy Sak", "adviser", "Ukraine"),
        ("John Healey", "Defence Secretary", "UK"),
    ] {
        let r = role(p);
        assert_eq!((r.title.as_str(), r.affiliation.as_str()), (t, a), "{p}");
        assert_eq!(ent(&x, &r.entity_id).kind, MentionType::Per);
    }
    assert_eq!(role("Vladimir Putin").title, "President");
    // short forms link to the full name
    for (short, id) in [
        ("Rubio", "PER:marco-rubio"),
        ("Lammy", "PER:david-lammy"),
        ("Zelensky", "PER:volodymyr-zelensky"),
        ("Witkoff", "PER:steve-witkoff"),
        ("Putin", "PER:vladimir-putin"),
    ] {
        let m = x
            .mentions
            .iter()
            .find(|m| m.text == short)
            .unwrap_or_else(|| panic!("no mention {short}"));
        assert_eq!(m.entity_id, id);
    }
    // possessive stripped
    assert!(x
        .mentions
        .iter()
        .any(|m| m.text == "Zelensky" && &SEED[m.end..m.end + 2] == "'s"));
    // titles and places are never PER/ORG
    for m in &x.mentions {
        if matches!(m.kind, MentionType::Per | MentionType::Org) {
            assert!(
                ![
                    "President",
                    "Secretary of State",
                    "special envoy",
                    "adviser",
                    "London",
                    "Moscow",
                    "Crimea",
                    "UK",
                    "U.S."
                ]
                .contains(&m.text.as_str()),
                "{m:?}"
            );
        }
    }
    // nothing from duplicate paragraphs
    assert!(x.mentions.iter().all(|m| m.paragraph <= 5));
}

#[test]
fn places_geocoded() {
    let x = run(None);
    let near = |id: &str, cc: &str, lat: f64, lon: f64| {
        let e = ent(&x, id);
        assert_eq!(e.kind, MentionType::Gpe, "{id}");
        assert_eq!(e.country_code, cc, "{id}");
        assert!(
            (e.latitude.unwrap() - lat).abs() < 0.3 && (e.longitude.unwrap() - lon).abs() < 0.3,
            "{id} {e:?}"
        );
    };
    near("GPE:london-gb", "GB", 51.51, -0.13);
    near("GPE:moscow-ru", "RU", 55.75, 37.62);
    near("GPE:marhanets-ua", "UA", 47.65, 34.63);
    near("GPE:crimea-ua", "UA", 45.0, 34.0);
    for (id, cc) in [
        ("GPE:ukraine", "UA"),
        ("GPE:russia", "RU"),
        ("GPE:france", "FR"),
        ("GPE:germany", "DE"),
        ("GPE:united-states", "US"),
        ("GPE:united-kingdom", "GB"),
    ] {
        let e = ent(&x, id);
        assert_eq!(e.country_code, cc);
        assert!(e.latitude.is_some() && e.geonames_id.is_some());
    }
    // U.S. and UK surface forms link to the country entities
    assert!(x
        .mentions
        .iter()
        .any(|m| m.text == "U.S." && m.entity_id == "GPE:united-states"));
    assert!(x
        .mentions
        .iter()
        .any(|m| m.text == "UK" && m.entity_id == "GPE:united-kingdom"));
}

#[test]
fn orgs_norp_dates() {
    let x = run(None);
    assert!(x
        .mentions
        .iter()
        .any(|m| m.text == "UK Foreign Office" && m.kind == MentionType::Org));
    for n in ["Ukrainian", "Russian", "pro-Russian"] {
        assert!(
            x.mentions
                .iter()
                .any(|m| m.text == n && m.kind == MentionType::Norp),
            "{n}"
        );
    }
    let d = |t: &str| {
        x.mentions
            .iter()
            .find(|m| m.text == t && m.kind == MentionType::Date)
            .unwrap_or_else(|| panic!("no date {t}"))
            .value
            .clone()
    };
    assert_eq!(d("February 2022"), "2022-02");
    assert_eq!(d("2014"), "2014");
    assert_eq!(d("Wednesday"), "");
    // with a publication date, Wednesday resolves (2025-04-23 was a Wednesday)
    let y = run(Some("2025-04-24"));
    let w = y.mentions.iter().find(|m| m.text == "Wednesday").unwrap();
    assert_eq!(w.value, "2025-04-23");
}

#[test]
fn ids_are_stable() {
    assert_eq!(run(None), run(None));
}
