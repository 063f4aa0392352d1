//! The seed article's facts (shared acceptance reading) are in the tables.

use crate::{jsonl, newsrake, root};

#[test]
fn seed_people_places_titles_and_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = root().join("seeds/000_cc71052efe911e2a.txt");
    let run = newsrake(
        &root(),
        &[
            "run",
            seed.to_str().unwrap(),
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0));
    let mentions = jsonl(&tmp.path().join("mentions.jsonl"));
    let entities = jsonl(&tmp.path().join("entities.jsonl"));
    let roles = jsonl(&tmp.path().join("roles.jsonl"));

    // Nothing is read from the duplicate paragraphs 6..10.
    assert!(mentions
        .iter()
        .all(|m| m["paragraph"].as_u64().unwrap() <= 5));
    // Short forms link to the full name met earlier.
    let linked = |text: &str, id: &str| {
        mentions
            .iter()
            .any(|m| m["text"] == text && m["entity_id"] == id)
    };
    assert!(linked("Rubio", "PER:marco-rubio") && linked("Lammy", "PER:david-lammy"));
    assert!(linked("Zelensky", "PER:volodymyr-zelensky") && linked("Witkoff", "PER:steve-witkoff"));
    assert!(linked("U.S.", "GPE:united-states") && linked("UK", "GPE:united-kingdom"));

    let entity = |id: &str| {
        entities
            .iter()
            .find(|e| e["entity_id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let near = |id: &str, lat: f64, lon: f64, cc: &str| {
        let e = entity(id);
        assert_eq!(e["country_code"], cc, "{e}");
        assert!((e["latitude"].as_f64().unwrap() - lat).abs() < 0.1, "{e}");
        assert!((e["longitude"].as_f64().unwrap() - lon).abs() < 0.1, "{e}");
    };
    near("GPE:marhanets-ua", 47.65, 34.63, "UA");
    near("GPE:london-gb", 51.51, -0.13, "GB");
    near("GPE:moscow-ru", 55.75, 37.62, "RU");
    let crimea = entities
        .iter()
        .find(|e| e["name"] == "Crimea")
        .expect("Crimea");
    assert_eq!(crimea["country_code"], "UA");
    for (id, kind) in [
        ("ORG:uk-foreign-office", "ORG"),
        ("NORP:ukrainian", "NORP"),
        ("NORP:pro-russian", "NORP"),
    ] {
        assert_eq!(entity(id)["type"], kind);
    }
    assert_eq!(
        entity("PER:marco-rubio")["n_mentions"],
        2,
        "one full name, one short form; duplicates not counted"
    );

    // No place or title typed as a person or organisation.
    let places = [
        "London",
        "Moscow",
        "Marhanets",
        "Crimea",
        "Ukraine",
        "Russia",
        "France",
        "Germany",
    ];
    for m in &mentions {
        let t = m["text"].as_str().unwrap();
        if m["type"] == "PER" || m["type"] == "ORG" {
            assert!(!places.contains(&t), "{m}");
            assert!(
                ![
                    "President",
                    "Secretary of State",
                    "Defence Secretary",
                    "envoy"
                ]
                .contains(&t),
                "{m}"
            );
        }
    }
    // Titles and affiliations.
    let role = |person: &str, title: &str, affiliation: Option<&str>| {
        assert!(
            roles.iter().any(|r| r["person"] == person
                && r["title"] == title
                && affiliation.is_none_or(|a| r["affiliation"] == a)),
            "{person} / {title} / {affiliation:?} not in {roles:?}"
        );
    };
    role("Marco Rubio", "Secretary of State", Some("U.S."));
    role("Steve Witkoff", "special envoy", Some("U.S."));
    role("David Lammy", "Foreign Secretary", Some("UK"));
    role("Volodymyr Zelensky", "President", Some("Ukraine"));
    role("Vladimir Putin", "President", None);
    role("Yuriy Sak", "adviser", Some("Ukraine"));
    role("John Healey", "Defence Secretary", Some("UK"));
    // Dates.
    let date = |text: &str| {
        mentions
            .iter()
            .find(|m| m["text"] == text && m["type"] == "DATE")
            .unwrap_or_else(|| panic!("{text}"))
    };
    assert_eq!(date("February 2022")["value"], "2022-02");
    assert_eq!(date("2014")["value"], "2014");
    assert!(
        date("Wednesday")["value"].is_null(),
        "relative, no publication date"
    );

    // Quotes, counts, events: each once, though the paragraphs repeat.
    let quotes = jsonl(&tmp.path().join("quotes.jsonl"));
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["text"], "productive");
    assert_eq!(quotes[0]["speaker"], "Marco Rubio");
    assert_eq!(quotes[0]["speaker_entity_id"], "PER:marco-rubio");
    assert_eq!(quotes[0]["cue"], "described \u{2026} as");
    let counts = jsonl(&tmp.path().join("counts.jsonl"));
    assert_eq!(counts.len(), 1, "{counts:?}");
    assert_eq!(
        (counts[0]["kind"].as_str(), counts[0]["number"].as_u64()),
        (Some("killed"), Some(9))
    );
    assert_eq!(counts[0]["place_entity_id"], "GPE:marhanets-ua");
    let events = jsonl(&tmp.path().join("events.jsonl"));
    let strikes: Vec<_> = events
        .iter()
        .filter(|e| e["event_type"] == "air_drone_strike")
        .collect();
    assert_eq!(strikes.len(), 1, "{events:?}");
    assert_eq!(strikes[0]["place_entity_id"], "GPE:marhanets-ua");
    assert_eq!(strikes[0]["fatalities"], 9);
    assert!((strikes[0]["latitude"].as_f64().unwrap() - 47.65).abs() < 0.1);
    assert!(events
        .iter()
        .any(|e| e["event_type"] == "talks" && e["place_entity_id"] == "GPE:london-gb"));
    assert!(
        events.iter().all(|e| e["paragraph"].as_u64().unwrap() <= 5),
        "nothing from duplicates"
    );
}

/// `report.html` for `seeds/` (what `make` builds): the seed's duplicate
/// share, Marhanets on the map, its 9 fatalities on the timeline, each
/// linked to the rows behind it, and nothing fetched from the network.
#[test]
fn seed_report_shows_duplicates_map_and_fatalities() {
    let tmp = tempfile::tempdir().unwrap();
    let run = newsrake(
        &root(),
        &["run", "seeds", "--out", tmp.path().to_str().unwrap()],
    );
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    // The seed's folder is one source: 1 article, 11 paragraphs, 5 duplicates.
    assert!(
        html.contains("<tr><td>seeds/</td><td>1</td><td>11</td><td>5</td><td>45.5 %</td></tr>"),
        "per-source duplicate share"
    );
    assert!(html.contains(r##"<a href="#e-GPE:marhanets-ua"><circle class="place" data-entity="GPE:marhanets-ua" cx="214.62" cy="42.37""##));
    assert!(html.contains(r##"<rect class="fatalities" data-fatalities="9""##));
    assert!(html.contains(r##"<title>9 killed: air_drone_strike</title>"##));
    // The rows behind: Marhanets' mentions and the strike, by article and paragraph.
    assert!(html.contains(r##"<div class="rows" id="e-GPE:marhanets-ua">"##));
    assert!(
        html.contains("<code>000_cc71052efe911e2a.txt</code> ¶4</span> <b>air_drone_strike</b>")
    );
    assert!(!html.contains("<script") && !html.contains("src=\"http"));
}
