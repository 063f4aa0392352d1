//! extract() must not panic on odd input (it cannot fail).
use newsrake_extract::{extract, ArticleRef, ParagraphRef};

#[test]
fn never_panics_on_odd_text() {
    let samples = [
        "",
        " ",
        "'s",
        "’s’s",
        "U.S.",
        "U.S",
        "A.",
        "Mr.",
        "Dr. .",
        "...",
        "“”",
        "of of the",
        "The",
        "AND & AND",
        "É",
        "Ünïcödé Nâmé met Zoë Ça in Zürich.",
        "🙂 Emoji 🙂 Paris 🙂",
        "مرحبا بالعالم",
        "Hello\u{200B}World",
        "Al-",
        "al-",
        "-al-Zarqawi",
        "Foo-bar-Baz Qux-",
        "Secretary of",
        "President",
        "Minister for the",
        "Yuriy Sak, an",
        "Yuriy Sak,",
        "X, a",
        "February",
        "24 February",
        "February 31, 2022",
        "2022-",
        "1980-88s",
        "Wednesday",
        "next",
        "last week",
        "HMS",
        "Ph.D.",
        "Ph.",
        "(Mr) (Mrs) [Dr]",
        "A B C D E F G H I J K L M N O P",
        "New York New York New York New York New York New York New York New York",
    ];
    for s in samples {
        for published in [None, Some("2025-04-24"), Some("bad"), Some("2025-13-45")] {
            let paras = [ParagraphRef {
                start: 0,
                end: s.len(),
                original: true,
            }];
            let _ = extract(&ArticleRef {
                text: s,
                paragraphs: &paras,
                published,
            });
        }
    }
    // every prefix/suffix of a mixed sentence, on char boundaries
    let t = "Ukrainian President Volodymyr Zelensky’s envoy, Yuriy Sak, met U.S. officials in Kyiv on 24 February 2022.";
    for (i, _) in t.char_indices() {
        let paras = [
            ParagraphRef {
                start: i,
                end: t.len(),
                original: true,
            },
            ParagraphRef {
                start: 0,
                end: i,
                original: true,
            },
        ];
        let _ = extract(&ArticleRef {
            text: t,
            paragraphs: &paras,
            published: None,
        });
    }
    // bad paragraph ranges are ignored, not panics
    let paras = [
        ParagraphRef {
            start: 5,
            end: 2,
            original: true,
        },
        ParagraphRef {
            start: 0,
            end: 10_000,
            original: true,
        },
        ParagraphRef {
            start: 1,
            end: 4,
            original: true,
        },
    ];
    let _ = extract(&ArticleRef {
        text: "Žižek spoke.",
        paragraphs: &paras,
        published: None,
    });
}
