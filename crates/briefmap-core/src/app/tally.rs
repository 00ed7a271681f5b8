//! What the map counts over the shown events — events per place (in all and per colour
//! slot), per link and per country — kept between changes: when the shown rows change, only
//! the rows that left or joined are counted again (or everything, if that is less work).

use rayon::prelude::*;

use super::catalog::{Catalog, NO_LINK, RowChanges};
use super::colour::{COLOUR_SLOTS, ColourAssignment};
use super::store::{ListColumn, RowSet};

/// Events per place, link and country over a set of rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapTally {
    /// The rows counted.
    rows: RowSet,
    /// The colours the per-slot counts were made with.
    colours: ColourAssignment,
    /// Per place: events, and events per colour slot.
    pub places: Vec<(u32, [u32; COLOUR_SLOTS])>,
    /// Per link (see `Catalog::links`): events.
    pub links: Vec<u32>,
    /// Per country value id (the store's): events.
    pub countries: Vec<u32>,
}

impl MapTally {
    /// Counts `rows` from scratch (in parallel chunks).
    pub fn of(catalog: &Catalog, colours: &ColourAssignment, rows: &RowSet) -> Self {
        let all: Vec<u32> = rows.iter().collect();
        let empty = || MapTally::empty(catalog, colours);
        let mut tally = all
            .par_chunks(32 * 1024)
            .map(|chunk| {
                let mut t = empty();
                for &r in chunk {
                    t.count(catalog, r, 1);
                }
                t
            })
            .reduce_with(MapTally::merge)
            .unwrap_or_else(empty);
        tally.rows = rows.clone();
        tally
    }

    fn empty(catalog: &Catalog, colours: &ColourAssignment) -> Self {
        MapTally {
            rows: RowSet::default(),
            colours: colours.clone(),
            places: vec![(0, [0; COLOUR_SLOTS]); catalog.places.len()],
            links: vec![0; catalog.links.sets.len()],
            countries: vec![0; catalog.store.values(ListColumn::Country).len()],
        }
    }

    fn merge(mut self, other: Self) -> Self {
        for (mine, theirs) in self.places.iter_mut().zip(&other.places) {
            mine.0 += theirs.0;
            for (m, t) in mine.1.iter_mut().zip(&theirs.1) {
                *m += t;
            }
        }
        for (m, t) in self.links.iter_mut().zip(&other.links) {
            *m += t;
        }
        for (m, t) in self.countries.iter_mut().zip(&other.countries) {
            *m += t;
        }
        self
    }

    /// Adds (`delta` 1) or takes away (-1) row `row`.
    fn count(&mut self, catalog: &Catalog, row: u32, delta: i32) {
        let store = &catalog.store;
        let add = |n: &mut u32| *n = n.saturating_add_signed(delta);
        let slot = usize::from(self.colours.slot(catalog, row)).min(COLOUR_SLOTS - 1);
        for &p in store.places(row) {
            if let Some(entry) = self.places.get_mut(p as usize) {
                add(&mut entry.0);
                add(&mut entry.1[slot]);
            }
        }
        let link = catalog.link_of(row);
        if link != NO_LINK
            && let Some(n) = self.links.get_mut(link as usize)
        {
            add(n);
        }
        let countries = store.list(ListColumn::Country, row);
        for (i, &c) in countries.iter().enumerate() {
            if !countries[..i].contains(&c)
                && let Some(n) = self.countries.get_mut(c as usize)
            {
                add(n);
            }
        }
    }

    /// Brings the tally to `rows` after the catalogue changed by `changes`, counting only
    /// the difference when that is smaller than counting again.
    pub fn update(
        &mut self,
        catalog: &Catalog,
        colours: &ColourAssignment,
        rows: &RowSet,
        changes: &RowChanges,
    ) {
        if changes.all || *colours != self.colours {
            *self = Self::of(catalog, colours, rows);
            return;
        }
        // Tables grow with the catalogue (new places, links, countries).
        self.places
            .resize(catalog.places.len(), (0, [0; COLOUR_SLOTS]));
        self.links.resize(catalog.links.sets.len(), 0);
        self.countries
            .resize(catalog.store.values(ListColumn::Country).len(), 0);
        // Dead rows were counted as they were: take them away first.
        for &r in &changes.removed {
            if self.rows.contains(r) {
                self.count(catalog, r, -1);
                self.rows.remove(r);
            }
        }
        if self.rows.count_xor(rows) >= rows.count() {
            *self = Self::of(catalog, colours, rows);
            return;
        }
        let left: Vec<u32> = self.rows.iter_minus(rows).collect();
        let joined: Vec<u32> = rows.iter_minus(&self.rows).collect();
        for r in left {
            self.count(catalog, r, -1);
        }
        for r in joined {
            self.count(catalog, r, 1);
        }
        self.rows = rows.clone();
    }
}
