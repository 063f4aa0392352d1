//! Print the facts found in a text file (one paragraph a line):
//! `cargo run -p newsrake-extract --example facts -- FILE`.
use newsrake_extract::facts::extract_facts;
use newsrake_extract::{extract, ArticleRef, ParagraphRef};

fn main() {
    let path = std::env::args().nth(1).expect("usage: facts FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let paras = ParagraphRef::lines(&text);
    let a = ArticleRef {
        text: &text,
        paragraphs: &paras,
        published: Some("2025-04-23"),
    };
    let x = extract(&a);
    let f = extract_facts(&a, &x);
    for m in &x.mentions {
        println!("MENTION {:?} {:?} {}..{}", m.text, m.kind, m.start, m.end);
    }
    for q in &f.quotes {
        println!(
            "QUOTE p{} {:?} speaker={:?} cue={:?} {}",
            q.paragraph, q.text, q.speaker, q.cue, q.kind
        );
    }
    for c in &f.counts {
        println!(
            "COUNT p{} {:?} {} {} max={:?} lb={} approx={} place={}",
            c.paragraph,
            &text[c.start..c.end],
            c.kind,
            c.number,
            c.number_max,
            c.lower_bound,
            c.approximate,
            c.place_entity_id
        );
    }
    for e in &f.events {
        println!(
            "EVENT p{} {} trig={:?} date={} place={} actors={:?} fat={:?}",
            e.paragraph, e.event_type, e.trigger, e.date, e.place_entity_id, e.actors, e.fatalities
        );
    }
}
