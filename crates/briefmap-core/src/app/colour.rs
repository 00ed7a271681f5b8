//! Colour-by and swim-lane choices, and the stable assignment of colour slots and lanes to
//! values (most frequent first). The UI turns slot numbers into actual colours.

use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, RowChanges};
use super::store::ListColumn;
use crate::model::EventKind;

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

/// The value a row is coloured (or laned) by: its first country or organisation, or its kind,
/// as an id (the store's for countries and organisations, the index in `EventKind::ALL` for
/// kinds).
fn value_of(catalog: &Catalog, dimension: ColourBy, row: u32) -> Option<u32> {
    let store = &catalog.store;
    match dimension {
        ColourBy::Country => store.list(ListColumn::Country, row).first().copied(),
        ColourBy::Organization => store.list(ListColumn::Organization, row).first().copied(),
        ColourBy::Kind => Some(u32::from(store.kind_id(row))),
    }
}

/// The text of value `id` of `dimension`.
fn value_text(catalog: &Catalog, dimension: ColourBy, id: u32) -> &str {
    let store = &catalog.store;
    match dimension {
        ColourBy::Country => store.values(ListColumn::Country).get(id),
        ColourBy::Organization => store.values(ListColumn::Organization).get(id),
        ColourBy::Kind => EventKind::ALL.get(id as usize).map_or("", |k| k.as_str()),
    }
}

/// Live rows per value of one dimension (and without a value), kept up to date with the
/// rows an edit changes instead of being counted again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueCounts {
    pub dimension: ColourBy,
    /// Per value id.
    counts: Vec<u32>,
    /// Rows without a value.
    none: u32,
}

impl ValueCounts {
    /// Counts every live row.
    pub fn of(catalog: &Catalog, dimension: ColourBy) -> Self {
        let mut counts = ValueCounts {
            dimension,
            ..ValueCounts::default()
        };
        for row in catalog.store.live().iter() {
            counts.add(catalog, row, 1);
        }
        counts
    }

    fn add(&mut self, catalog: &Catalog, row: u32, delta: i64) {
        let slot = match value_of(catalog, self.dimension, row) {
            Some(id) => {
                if self.counts.len() <= id as usize {
                    self.counts.resize(id as usize + 1, 0);
                }
                &mut self.counts[id as usize]
            }
            None => &mut self.none,
        };
        *slot = (i64::from(*slot) + delta).max(0) as u32;
    }

    /// Takes changed rows into account.
    pub fn update(&mut self, catalog: &Catalog, changes: &RowChanges) {
        if changes.all {
            *self = Self::of(catalog, self.dimension);
            return;
        }
        for &row in &changes.removed {
            self.add(catalog, row, -1);
        }
        for &row in &changes.added {
            self.add(catalog, row, 1);
        }
    }

    /// Values with rows, most rows first (ties by value), as (id, count).
    fn ranked<'a>(&self, catalog: &'a Catalog) -> Vec<(u32, &'a str, usize)> {
        let mut ranked: Vec<(u32, &str, usize)> = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(id, &n)| {
                (
                    id as u32,
                    value_text(catalog, self.dimension, id as u32),
                    n as usize,
                )
            })
            .collect();
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
        ranked
    }
}

/// Colour slot per value plus the legend (label, slot, count).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColourAssignment {
    pub dimension: ColourBy,
    /// Per value id of the dimension.
    slot_of_value: Vec<u8>,
    pub legend: Vec<(String, u8, usize)>,
}

impl ColourAssignment {
    /// The colour slot of row `row`.
    pub fn slot(&self, catalog: &Catalog, row: u32) -> u8 {
        value_of(catalog, self.dimension, row)
            .and_then(|id| self.slot_of_value.get(id as usize).copied())
            .unwrap_or(OTHER_SLOT)
    }
}

/// Slots for the most frequent values (the first `COLOUR_SLOTS - 1`), "other" for the rest.
pub fn assign_colours(catalog: &Catalog, counts: &ValueCounts) -> ColourAssignment {
    let dimension = counts.dimension;
    let ranked = counts.ranked(catalog);
    let mut slot_of_value = vec![OTHER_SLOT; catalog_value_count(catalog, dimension)];
    for (i, (id, _, _)) in ranked.iter().enumerate() {
        if let Some(slot) = slot_of_value.get_mut(*id as usize) {
            *slot = i.min(COLOUR_SLOTS - 1) as u8;
        }
    }
    let label = |v: &str| match dimension {
        ColourBy::Country => catalog.country_label(v),
        _ => v.to_string(),
    };
    let mut legend: Vec<(String, u8, usize)> = ranked
        .iter()
        .take(COLOUR_SLOTS - 1)
        .enumerate()
        .map(|(i, (_, v, n))| (label(v), i as u8, *n))
        .collect();
    let rest: usize = ranked
        .iter()
        .skip(COLOUR_SLOTS - 1)
        .map(|(_, _, n)| n)
        .sum();
    if rest > 0 {
        legend.push(("other".into(), OTHER_SLOT, rest));
    }
    ColourAssignment {
        dimension,
        slot_of_value,
        legend,
    }
}

fn catalog_value_count(catalog: &Catalog, dimension: ColourBy) -> usize {
    match dimension {
        ColourBy::Country => catalog.store.values(ListColumn::Country).len(),
        ColourBy::Organization => catalog.store.values(ListColumn::Organization).len(),
        ColourBy::Kind => EventKind::ALL.len(),
    }
}

/// Lane per value plus lane labels (most frequent first; "—" collects rows without a value).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LaneAssignment {
    /// `None` without swim lanes.
    pub dimension: Option<ColourBy>,
    lane_of_value: Vec<u32>,
    none_lane: u32,
    pub labels: Vec<String>,
}

impl LaneAssignment {
    /// The lane of row `row` (0 without lanes).
    pub fn lane(&self, catalog: &Catalog, row: u32) -> u32 {
        let Some(dimension) = self.dimension else {
            return 0;
        };
        match value_of(catalog, dimension, row) {
            Some(id) => self.lane_of_value.get(id as usize).copied().unwrap_or(0),
            None => self.none_lane,
        }
    }
}

/// The dimension lanes group by, if any.
pub fn lane_dimension(lanes: LaneBy) -> Option<ColourBy> {
    match lanes {
        LaneBy::None => None,
        LaneBy::Country => Some(ColourBy::Country),
        LaneBy::Organization => Some(ColourBy::Organization),
    }
}

/// Lanes from the counts of the lane dimension (`None` without swim lanes).
pub fn assign_lanes(catalog: &Catalog, counts: Option<&ValueCounts>) -> LaneAssignment {
    let Some(counts) = counts else {
        return LaneAssignment::default();
    };
    let dimension = counts.dimension;
    let mut ranked: Vec<(Option<u32>, String, usize)> = counts
        .ranked(catalog)
        .into_iter()
        .map(|(id, v, n)| (Some(id), v.to_string(), n))
        .collect();
    if counts.none > 0 {
        ranked.push((None, "—".to_string(), counts.none as usize));
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    }
    let mut lane_of_value = vec![0; catalog_value_count(catalog, dimension)];
    let mut none_lane = 0;
    for (lane, (id, _, _)) in ranked.iter().enumerate() {
        match id {
            Some(id) => {
                if let Some(l) = lane_of_value.get_mut(*id as usize) {
                    *l = lane as u32;
                }
            }
            None => none_lane = lane as u32,
        }
    }
    let labels = ranked
        .iter()
        .map(|(id, v, _)| match (id, dimension) {
            (Some(_), ColourBy::Country) => catalog.country_label(v),
            _ => v.clone(),
        })
        .collect();
    LaneAssignment {
        dimension: Some(dimension),
        lane_of_value,
        none_lane,
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
        let colours = assign_colours(&catalog, &ValueCounts::of(&catalog, ColourBy::Kind));
        assert_eq!(colours.legend[0].1, 0);
        assert!(
            colours
                .legend
                .windows(2)
                .all(|w| w[0].2 >= w[1].2 || w[1].0 == "other")
        );
        // The first slot goes to the most frequent kind, counted the obvious way.
        let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in catalog.rows() {
            *by_kind.entry(r.event.kind.as_str()).or_default() += 1;
        }
        let most = by_kind.values().max().copied().unwrap_or(0);
        assert_eq!(colours.legend[0].2, most);
        let row = catalog
            .rows()
            .find(|r| {
                by_kind[r.event.kind.as_str()] == most
                    && r.event.kind.as_str() == colours.legend[0].0
            })
            .expect("a row of the most frequent kind");
        assert_eq!(colours.slot(&catalog, row.index), 0);
        let lanes = assign_lanes(
            &catalog,
            Some(&ValueCounts::of(&catalog, ColourBy::Country)),
        );
        assert!(
            catalog
                .store
                .live()
                .iter()
                .all(|r| (lanes.lane(&catalog, r) as usize) < lanes.labels.len())
        );
        assert!(lanes.labels.contains(&"Kazakhstan".to_string()));
    }
}
