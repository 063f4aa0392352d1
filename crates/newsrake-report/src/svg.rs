//! The two figures, drawn as inline SVG: a map and a timeline.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::html::esc;
use crate::{Bucket, EntityLine};

/// Natural Earth 1:110m land, equirectangular: x = lon + 180, y = 90 - lat.
const LAND: &str = include_str!("../data/land-110m.path");

/// Timeline columns at most (more days become months, then years).
pub(crate) const MAX_COLUMNS: usize = 60;

/// The timeline key of events without a date.
pub(crate) const UNDATED: &str = "undated";

/// Places labelled by name on the map.
const LABELLED: usize = 12;

/// The map: land, then one circle per place (area by mentions), each a link
/// to the place's rows.
pub(crate) fn map(h: &mut String, places: &[EntityLine]) {
    h.push_str(
        "<svg id=\"map\" viewBox=\"0 6 360 144\" role=\"img\" aria-label=\"map of places\">\
         <path class=\"land\" d=\"",
    );
    h.push_str(LAND.trim_end());
    h.push_str("\"/>");
    // Biggest first, so small circles stay clickable on top.
    for (i, p) in places.iter().enumerate().rev() {
        let (Some(lat), Some(lon)) = (p.latitude, p.longitude) else {
            continue;
        };
        let (x, y) = (lon + 180.0, 90.0 - lat);
        let r = (0.9 + (p.n_mentions as f64).sqrt() * 0.9).min(9.0);
        let _ = write!(
            h,
            "<a href=\"#e-{id}\"><circle class=\"place\" data-entity=\"{id}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{r:.2}\"><title>{name}{cc}: {n} mentions</title></circle>",
            id = esc(&p.entity_id),
            name = esc(&p.name),
            cc = p
                .country_code
                .as_deref()
                .map(|c| format!(" ({})", esc(c)))
                .unwrap_or_default(),
            n = p.n_mentions,
        );
        if i < LABELLED {
            let _ = write!(
                h,
                "<text class=\"label\" x=\"{:.2}\" y=\"{:.2}\">{}</text>",
                x + r + 0.6,
                y + 1.0,
                esc(&p.name)
            );
        }
        h.push_str("</a>");
    }
    h.push_str("</svg>");
}

/// A bucket key as shown: the date, or "no date".
pub(crate) fn bucket_label(key: &str) -> String {
    if key == UNDATED {
        "no date".into()
    } else {
        key.to_string()
    }
}

/// The timeline: one column per bucket, events up (blue) and fatalities
/// down (red), each column a link to its rows.
pub(crate) fn timeline(h: &mut String, buckets: &BTreeMap<String, Bucket>) {
    const W: f64 = 1000.0;
    const LEFT: f64 = 40.0;
    const BAR: f64 = 80.0; // height of the tallest bar, each way
    let mid = 20.0 + BAR;
    let height = mid + BAR + 70.0;
    let n = buckets.len().max(1) as f64;
    let step = ((W - LEFT) / n).min(70.0);
    let bar_w = (step * 0.7).max(2.0);
    let max_events = buckets.values().map(|b| b.events).max().unwrap_or(1).max(1) as f64;
    let max_dead = buckets
        .values()
        .map(|b| b.fatalities)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let _ = write!(
        h,
        "<svg id=\"timeline\" viewBox=\"0 0 {W} {height}\" role=\"img\" aria-label=\"timeline of events and fatalities\">\
         <text class=\"axis\" x=\"2\" y=\"{:.0}\">events</text>\
         <text class=\"axis\" x=\"2\" y=\"{:.0}\">killed</text>\
         <line x1=\"{LEFT}\" x2=\"{W}\" y1=\"{mid}\" y2=\"{mid}\" stroke=\"#9aa5b1\" stroke-width=\"1\"/>",
        mid - 6.0,
        mid + 16.0,
    );
    let rotate = buckets.len() > 14;
    for (i, (key, b)) in buckets.iter().enumerate() {
        let x = LEFT + i as f64 * step + (step - bar_w) / 2.0;
        let eh = (b.events as f64 / max_events * BAR).max(1.0);
        let fh = b.fatalities as f64 / max_dead * BAR;
        let _ = write!(
            h,
            "<a href=\"#t-{k}\"><g class=\"column\" data-bucket=\"{k}\" data-events=\"{e}\" data-fatalities=\"{f}\">\
             <title>{label}: {e} events, {f} killed</title>\
             <rect class=\"events\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{eh:.1}\"/>",
            mid - eh,
            k = esc(key),
            e = b.events,
            f = b.fatalities,
            label = esc(&bucket_label(key)),
        );
        if b.fatalities > 0 {
            // One red segment per event, largest first, each labelled when
            // there is room; events beyond the drawn ones share the rest.
            let mut y = mid;
            let mut drawn = 0;
            let mut deadly: Vec<&crate::EventLine> = b.deadly.iter().collect();
            deadly.sort_by_key(|e| std::cmp::Reverse(e.fatalities));
            for e in deadly {
                let f = e.fatalities.unwrap_or(0);
                let seg = f as f64 / max_dead * BAR;
                let _ = write!(
                    h,
                    "<rect class=\"fatalities\" data-fatalities=\"{f}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{seg:.1}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{f} killed: {}</title></rect>",
                    esc(&e.event_type),
                );
                if seg >= 13.0 && bar_w >= 14.0 {
                    let _ = write!(
                        h,
                        "<text class=\"count\" fill=\"#fff\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{f}</text>",
                        x + bar_w / 2.0,
                        y + seg / 2.0 + 4.0
                    );
                }
                y += seg;
                drawn += f;
            }
            if b.fatalities > drawn {
                let seg = (b.fatalities - drawn) as f64 / max_dead * BAR;
                let _ = write!(
                    h,
                    "<rect class=\"fatalities\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{seg:.1}\"/>"
                );
            }
            let _ = write!(
                h,
                "<text class=\"count fatalities total\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar_w / 2.0,
                mid + fh + 13.0,
                b.fatalities
            );
        }
        let lx = x + bar_w / 2.0;
        let ly = mid + BAR + 28.0;
        if rotate {
            let _ = write!(
                h,
                "<text class=\"axis\" transform=\"translate({lx:.1},{ly:.1}) rotate(-50)\" text-anchor=\"end\">{}</text>",
                esc(&bucket_label(key))
            );
        } else {
            let _ = write!(
                h,
                "<text class=\"axis\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>",
                esc(&bucket_label(key))
            );
        }
        h.push_str("</g></a>");
    }
    h.push_str("</svg>");
}
