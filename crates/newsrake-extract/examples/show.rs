//! Print the extraction of a text file (one paragraph a line): cargo run --example show FILE [published]
use newsrake_extract::{extract, ArticleRef, ParagraphRef};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&a[1]).unwrap();
    let paras = ParagraphRef::lines(&text);
    let x = extract(&ArticleRef {
        text: &text,
        paragraphs: &paras,
        published: a.get(2).map(|s| s.as_str()),
    });
    for m in &x.mentions {
        println!(
            "M p{} {:<5} {:<30} {:<28} {}",
            m.paragraph,
            m.kind.as_str(),
            m.text,
            m.entity_id,
            m.value
        );
    }
    for e in &x.entities {
        println!(
            "E {:<30} {} {:?} cc={} gid={:?} {:?},{:?}",
            e.entity_id, e.name, e.aliases, e.country_code, e.geonames_id, e.latitude, e.longitude
        );
    }
    for r in &x.roles {
        println!(
            "R p{} {:<22} title={:<22} affil={:<10} [{}]",
            r.paragraph,
            r.person,
            r.title,
            r.affiliation,
            &text[r.start..r.end]
        );
    }
}
