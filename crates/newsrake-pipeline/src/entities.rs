//! The `entities` table: one row per distinct entity over the whole corpus,
//! aggregated in input order and written whole at the end of a run (sorted by
//! `entity_id`). An incremental run reloads the previous table and goes on
//! aggregating, which gives the same rows as a full rebuild.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use std::path::Path;

use newsrake_export::{too_long, EntityRow};
use newsrake_extract::Extraction;

/// At most this many aliases are kept per entity (the first ones met).
const MAX_ALIASES: usize = 32;

struct Agg {
    row: EntityRow,
    aliases: BTreeSet<String>,
}

impl Agg {
    fn new(e: &newsrake_extract::Entity) -> Agg {
        Agg {
            row: EntityRow {
                entity_id: e.entity_id.clone(),
                kind: e.kind.as_str().to_string(),
                name: e.name.clone(),
                aliases: None,
                n_mentions: 0,
                n_articles: 0,
                country_code: (!e.country_code.is_empty()).then(|| e.country_code.clone()),
                geonames_id: e.geonames_id,
                latitude: e.latitude,
                longitude: e.longitude,
                cell_truncated: false,
            },
            aliases: BTreeSet::new(),
        }
    }
}

/// Keyed by entity id in a hash map (a sorted map cost a dozen string
/// comparisons per mention of a large corpus); sorted once, at the end.
#[derive(Default)]
pub(crate) struct Entities {
    map: HashMap<Box<str>, Agg>,
}

impl Entities {
    /// Count one article's extraction: every mention once, every entity it
    /// mentions once per article.
    pub(crate) fn add(&mut self, x: &Extraction) {
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for m in &x.mentions {
            *counts.entry(&m.entity_id).or_default() += 1;
        }
        for e in &x.entities {
            let Some(&n) = counts.get(e.entity_id.as_str()) else {
                continue;
            };
            if !self.map.contains_key(e.entity_id.as_str()) {
                self.map.insert(e.entity_id.as_str().into(), Agg::new(e));
            }
            let agg = self
                .map
                .get_mut(e.entity_id.as_str())
                .expect("inserted above");
            agg.row.n_mentions += n;
            agg.row.n_articles += 1;
            for a in &e.aliases {
                if agg.aliases.len() >= MAX_ALIASES {
                    break;
                }
                if *a == agg.row.name {
                    continue;
                }
                if a.contains('|') {
                    agg.aliases.insert(a.replace('|', "/"));
                } else if !agg.aliases.contains(a.as_str()) {
                    agg.aliases.insert(a.clone());
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
