//! The `entities` table: one row per distinct entity over the whole corpus,
//! aggregated in input order and written whole at the end of a run (sorted by
//! `entity_id`). An incremental run reloads the previous table and goes on
//! aggregating, which gives the same rows as a full rebuild.

use std::collections::BTreeSet;

// foldhash (through hashbrown): the ids hashed here are short and many, and
// SipHash showed in profiles; the order of a map never reaches a table.
use hashbrown::HashMap;
use std::io::BufRead;
use std::path::Path;

use newsrake_export::{too_long, EntityRow};
use newsrake_extract::{Entity, Extraction};

/// At most this many aliases are kept per entity (the first ones met).
const MAX_ALIASES: usize = 32;

struct Agg {
    row: EntityRow,
    aliases: BTreeSet<String>,
}

impl Agg {
    fn new(e: newsrake_extract::Entity) -> Agg {
        Agg {
            row: EntityRow {
                entity_id: e.entity_id.into(),
                kind: e.kind.as_str().to_string(),
                name: e.name.into_owned(),
                aliases: None,
                n_mentions: 0,
                n_articles: 0,
                country_code: (!e.country_code.is_empty()).then(|| e.country_code.to_string()),
                geonames_id: e.geonames_id,
                latitude: e.latitude,
                longitude: e.longitude,
                cell_truncated: false,
            },
            aliases: BTreeSet::new(),
        }
    }
}

/// What the entity table takes from one article: each entity it mentions
/// and how many times. Built on the worker that extracted the article, so
/// that the serial part (adding it up, in input order) only looks each
/// entity up once and the article's mentions are freed where they were made.
pub(crate) struct ArticleEntities(Vec<(Entity, u64)>);

impl ArticleEntities {
    pub(crate) fn of(x: Extraction) -> ArticleEntities {
        let mut n = vec![0u64; x.entities.len()];
        {
            let index: HashMap<&str, usize> = x
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.entity_id.as_str(), i))
                .collect();
            for m in &x.mentions {
                if let Some(&i) = index.get(m.entity_id.as_str()) {
                    n[i] += 1;
                }
            }
        }
        ArticleEntities(
            x.entities
                .into_iter()
                .zip(n)
                .filter(|&(_, n)| n > 0)
                .collect(),
        )
    }
}

/// Keyed by entity id in a hash map (a sorted map cost a dozen string
/// comparisons per mention of a large corpus); sorted once, at the end.
#[derive(Default)]
pub(crate) struct Entities {
    map: HashMap<Box<str>, Agg>,
}

impl Entities {
    /// Count one article: every mention once, every entity it mentions
    /// once per article.
    pub(crate) fn add(&mut self, x: ArticleEntities) {
        for (mut e, n) in x.0 {
            let aliases = std::mem::take(&mut e.aliases);
            let agg = match self.map.get_mut(e.entity_id.as_str()) {
                Some(agg) => agg,
                None => self
                    .map
                    .entry(e.entity_id.as_str().into())
                    .or_insert(Agg::new(e)),
            };
            agg.row.n_mentions += n;
            agg.row.n_articles += 1;
            for a in aliases {
                if agg.aliases.len() >= MAX_ALIASES {
                    break;
                }
                if a == agg.row.name {
                    continue;
                }
                if a.contains('|') {
                    agg.aliases.insert(a.replace('|', "/"));
                } else if !agg.aliases.contains(a.as_str()) {
                    agg.aliases.insert(a);
                }
            }
        }
    }

    /// Reload a previous `entities.jsonl`.
    pub(crate) fn load(gen: &Path) -> Result<Entities, String> {
        let f = std::fs::File::open(gen.join("entities.jsonl")).map_err(|e| e.to_string())?;
        let mut map = HashMap::new();
        for line in std::io::BufReader::new(f).lines() {
            let line = line.map_err(|e| e.to_string())?;
            let row: EntityRow =
                serde_json::from_str(&line).map_err(|e| format!("corrupt entities table: {e}"))?;
            let aliases = row
                .aliases
                .as_deref()
                .map(|a| a.split('|').map(str::to_string).collect())
                .unwrap_or_default();
            map.insert(row.entity_id.as_str().into(), Agg { row, aliases });
        }
        Ok(Entities { map })
    }

    /// The rows, sorted by entity id, one at a time (the aggregate is
    /// consumed, not copied: it is the largest thing a long run holds).
    pub(crate) fn into_rows(self) -> impl Iterator<Item = EntityRow> {
        // Sorted below, so the hash order never shows.
        #[allow(clippy::iter_over_hash_type)]
        let mut aggs: Vec<Agg> = self.map.into_values().collect();
        aggs.sort_unstable_by(|a, b| a.row.entity_id.cmp(&b.row.entity_id));
        aggs.into_iter().map(|a| {
            let mut row = a.row;
            row.aliases = (!a.aliases.is_empty())
                .then(|| a.aliases.into_iter().collect::<Vec<_>>().join("|"));
            row.cell_truncated =
                too_long(&row.name) || row.aliases.as_deref().is_some_and(too_long);
            row
        })
    }
}
