//! Colour-by and swim-lane choices, and the stable assignment of colour slots and lanes to
//! values (most frequent first). The UI turns slot numbers into actual colours.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, EventRow};

/// The dimension markers are coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ColourBy {
    #[default]
    Country,
    Organization,
    Kind,
}

impl ColourBy {
    pub const ALL: [ColourBy; 3] = [ColourBy::Country, ColourBy::Organization, ColourBy::Kind];
    pub fn label(self) -> &'static str {
        match self {
            ColourBy::Country => "Country",
            ColourBy::Organization => "Organisation",
            ColourBy::Kind => "Kind",
        }
    }
}

/// Optional swim lanes on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LaneBy {
    #[default]
    None,
    Country,
    Organization,
}

impl LaneBy {
    pub const ALL: [LaneBy; 3] = [LaneBy::None, LaneBy::Country, LaneBy::Organization];
    pub fn label(self) -> &'static str {
        match self {
            LaneBy::None => "none",
            LaneBy::Country => "by country",
            LaneBy::Organization => "by organisation",
        }
    }
}

/// Number of distinct colour slots; the rest share the "other" slot.
pub const COLOUR_SLOTS: usize = 10;
/// The slot for values beyond the first `COLOUR_SLOTS - 1` and for "none".
pub const OTHER_SLOT: u8 = (COLOUR_SLOTS - 1) as u8;

fn value_of(row: &EventRow, dimension: ColourBy) -> Option<&str> {
    match dimension {
        ColourBy::Country => row.event.countries.first().map(String::as_str),
        ColourBy::Organization => row.event.organizations.first().map(String::as_str),
        ColourBy::Kind => Some(row.event.kind.as_str()),
    }
}

/// Colour slot per row plus the legend (label, slot, count).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColourAssignment {
    pub slot_of_row: Vec<u8>,
    pub legend: Vec<(String, u8, usize)>,
}

pub fn assign_colours(catalog: &Catalog, dimension: ColourBy) -> ColourAssignment {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for row in &catalog.rows {
        if let Some(v) = value_of(row, dimension) {
            *counts.entry(v).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let slot: HashMap<&str, u8> = ranked
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (*v, (i.min(COLOUR_SLOTS - 1)) as u8))
        .collect();
    let slot_of_row = catalog
        .rows
        .iter()
        .map(|r| {
            value_of(r, dimension)
                .and_then(|v| slot.get(v).copied())
                .unwrap_or(OTHER_SLOT)
        })
        .collect();
    let label = |v: &str| match dimension {
        ColourBy::Country => catalog.country_label(v),
        _ => v.to_string(),
    };
    let mut legend: Vec<(String, u8, usize)> = ranked
        .iter()
        .take(COLOUR_SLOTS - 1)
        .enumerate()
        .map(|(i, (v, n))| (label(v), i as u8, *n))
        .collect();
    let rest: usize = ranked.iter().skip(COLOUR_SLOTS - 1).map(|(_, n)| n).sum();
    if rest > 0 {
        legend.push(("other".into(), OTHER_SLOT, rest));
    }
    ColourAssignment {
        slot_of_row,
        legend,
    }
}

/// Lane per row plus lane labels (most frequent first; "—" collects rows without a value).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LaneAssignment {
    pub lane_of_row: Vec<u32>,
    pub labels: Vec<String>,
}

pub fn assign_lanes(catalog: &Catalog, lanes: LaneBy) -> LaneAssignment {
    let dimension = match lanes {
        LaneBy::None => {
            return LaneAssignment {
                lane_of_row: vec![0; catalog.rows.len()],
                labels: vec![],
            };
        }
        LaneBy::Country => ColourBy::Country,
        LaneBy::Organization => ColourBy::Organization,
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for row in &catalog.rows {
        *counts
            .entry(value_of(row, dimension).unwrap_or("—"))
            .or_insert(0) += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let lane: HashMap<&str, u32> = ranked
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (*v, i as u32))
        .collect();
    let lane_of_row = catalog
        .rows
        .iter()
        .map(|r| lane[value_of(r, dimension).unwrap_or("—")])
        .collect();
    let labels = ranked
        .iter()
        .map(|(v, _)| {
            if dimension == ColourBy::Country {
                catalog.country_label(v)
            } else {
                v.to_string()
            }
        })
        .collect();
    LaneAssignment {
        lane_of_row,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::synthetic;

    #[test]
    fn the_most_frequent_value_gets_slot_zero_and_lanes_cover_every_row() {
        let catalog = Catalog::new(synthetic::briefs(500, 11));
        let colours = assign_colours(&catalog, ColourBy::Kind);
        assert_eq!(colours.slot_of_row.len(), catalog.rows.len());
        assert_eq!(colours.legend[0].1, 0);
        assert!(
            colours
                .legend
                .windows(2)
                .all(|w| w[0].2 >= w[1].2 || w[1].0 == "other")
        );
        let lanes = assign_lanes(&catalog, LaneBy::Country);
        assert!(
            lanes
                .lane_of_row
                .iter()
                .all(|&l| (l as usize) < lanes.labels.len())
        );
        assert!(lanes.labels.contains(&"Kazakhstan".to_string()));
    }
}
