//! The event catalogue: every loaded brief with its corrections applied, as rows of the
//! columnar [`EventStore`], plus the places the events refer to, the time order, the facet
//! postings and the key → row lookup. Loading adds briefs in one batch; an edit re-applies one
//! brief's corrections and replaces only the rows whose correction changed (see
//! `corrected`). Every change is reported as [`RowChanges`] so that filters and views update
//! from what changed.

mod corrected;
mod row;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::corrections::Corrections;
use super::facet_index::FacetIndex;
use super::keys::{EventKey, PlaceKey, extracted_event_key_in, file_hasher, place_key};
use super::store::{EventStore, RowMeta};
use crate::model::{Brief, Event, Place, Problem};
use crate::text::shown::shown_path;

pub use super::rows::{CorrectionsStatus, DiskCorrections, LoadedBrief, PlaceInfo};
use corrected::Applied;
pub use row::EventRow;

/// Rows that died and rows that were added by one change of the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowChanges {
    /// Everything changed (a first load): consumers start again.
    pub all: bool,
    pub removed: Vec<u32>,
    pub added: Vec<u32>,
}

impl RowChanges {
    pub fn is_empty(&self) -> bool {
        !self.all && self.removed.is_empty() && self.added.is_empty()
    }
}

/// Sets of two or more places that one event links, each stored once.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub sets: Vec<Vec<u32>>,
    by_set: FxHashMap<Vec<u32>, u32>,
}

impl Links {
    fn intern(&mut self, places: &[u32]) -> u32 {
        if places.len() < 2 {
            return NO_LINK;
        }
        if let Some(&id) = self.by_set.get(places) {
            return id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(places.to_vec());
        self.by_set.insert(places.to_vec(), id);
        id
    }
}

/// What `update_indices` builds again from scratch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rebuild {
    /// Time order and key index (a first load).
    All,
    /// The key index (briefs were added or replaced).
    Keys,
    /// Nothing: merge the changed rows in (an edit).
    Nothing,
}

/// A row without a link.
pub const NO_LINK: u32 = u32::MAX;

/// All briefs and their events.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The briefs, in load order; their `events` live in `store` (see `extracted_events`).
    pub briefs: Vec<LoadedBrief>,
    /// Every event as a row (dead rows stay, out of `store.live()`).
    pub store: EventStore,
    pub places: Vec<PlaceInfo>,
    /// Live rows sorted by date (undated last), then brief and position in the brief.
    pub time_order: Vec<u32>,
    /// ISO code -> English name, from the briefs' country mentions.
    pub country_names: BTreeMap<String, String>,
    /// Corrections that no longer match any extracted event.
    pub orphan_problems: Vec<Problem>,
    /// Posting lists and counts per facet value.
    pub facet_index: FacetIndex,
    /// The place sets events link on the map.
    pub links: Links,
    /// Per row: its link (`NO_LINK` for fewer than two places).
    link_of_row: Vec<u32>,
    /// Per row: its place in its brief (extracted index, then added events after them).
    position: Vec<u32>,
    /// Per brief: the rows of its extracted events, in order.
    base: Vec<Range<u32>>,
    /// Per brief: the corrections as applied, with the rows they made.
    applied: Vec<Applied>,
    /// Per brief: its corrections that match no event.
    orphans: Vec<Vec<Problem>>,
    place_by_name: FxHashMap<String, u32>,
    place_by_key: FxHashMap<PlaceKey, u32>,
    /// Keys of all extracted rows, sorted, with their rows.
    base_keys: Vec<u64>,
    base_key_rows: Vec<u32>,
    /// Keys of rows made by corrections (corrected and added events).
    overlay_by_key: FxHashMap<EventKey, u32>,
    brief_by_file: FxHashMap<PathBuf, u32>,
    changes: RowChanges,
}

impl Catalog {
    pub fn new(briefs: Vec<LoadedBrief>) -> Self {
        let mut catalog = Catalog::default();
        catalog.merge_briefs(briefs);
        catalog
    }

    /// Adds or replaces briefs (same file path = same brief). Rows of briefs not named are
    /// untouched.
    pub fn merge_briefs(&mut self, incoming: Vec<LoadedBrief>) {
        let first_load = self.store.is_empty();
        let mut changed: Vec<u32> = Vec::with_capacity(incoming.len());
        let mut removed = Vec::new();
        for mut loaded in incoming {
            let events = std::mem::take(&mut loaded.brief.events);
            let bi = match self.brief_by_file.get(&loaded.brief.file) {
                Some(&bi) => {
                    removed.extend(self.live_rows_of(bi as usize));
                    self.briefs[bi as usize] = loaded;
                    // Its corrections are applied afresh to its new rows.
                    self.applied[bi as usize] = Applied::default();
                    bi
                }
                None => {
                    let bi = self.briefs.len() as u32;
                    self.brief_by_file.insert(loaded.brief.file.clone(), bi);
                    self.briefs.push(loaded);
                    self.base.push(0..0);
                    self.applied.push(Applied::default());
                    self.orphans.push(Vec::new());
                    bi
                }
            };
            self.add_extracted(bi, &events);
            changed.push(bi);
        }
        for &row in &removed {
            self.store.kill(row);
        }
        self.store.seal();
        let mut added: Vec<u32> = Vec::new();
        for &bi in &changed {
            added.extend(self.base[bi as usize].clone());
        }
        // Briefs that share a sidecar apply none of their corrections.
        let guarded = self.guard_shared_sidecars();
        for bi in changed.iter().copied().chain(guarded) {
            let (dead, born) = self.apply_corrections(bi as usize);
            removed.extend(dead);
            added.extend(born);
        }
        self.store.seal();
        added.retain(|&r| self.store.is_live(r));
        added.sort_unstable();
        added.dedup();
        removed.sort_unstable();
        removed.dedup();
        self.update_indices(
            &removed,
            &added,
            if first_load {
                Rebuild::All
            } else {
                Rebuild::Keys
            },
        );
        self.refresh_orphans();
        if first_load {
            self.changes = RowChanges {
                all: true,
                ..RowChanges::default()
            };
        } else {
            self.note_changes(removed, added);
        }
    }

    /// Re-applies brief `bi`'s corrections (after they changed): only rows whose correction
    /// changed are replaced.
    pub fn reapply(&mut self, bi: usize) {
        let (removed, added) = self.apply_corrections(bi);
        self.store.seal();
        self.update_indices(&removed, &added, Rebuild::Nothing);
        self.refresh_orphans();
        self.note_changes(removed, added);
    }

    /// What changed since the last call (taken: the next call starts empty).
    pub fn take_changes(&mut self) -> RowChanges {
        std::mem::take(&mut self.changes)
    }

    fn note_changes(&mut self, removed: Vec<u32>, added: Vec<u32>) {
        if self.changes.all {
            return;
        }
        self.changes.removed.extend(removed);
        self.changes.added.extend(added);
    }

    /// Adds the extracted events of brief `bi` as its base rows.
    fn add_extracted(&mut self, bi: u32, events: &[Event]) {
        let Catalog {
            briefs,
            store,
            places,
            place_by_name,
            place_by_key,
            country_names,
            facet_index,
            links,
            link_of_row,
            position,
            base,
            ..
        } = self;
        let brief = &briefs[bi as usize].brief;
        for c in &brief.countries {
            if !country_names.contains_key(&c.code) {
                country_names.insert(c.code.clone(), c.name.clone());
            }
        }
        facet_index.set_brief(bi, brief);
        let hasher = file_hasher(&brief.file);
        let lookup = PlaceLookup::new(brief, &[]);
        let start = store.len() as u32;
        store.reserve(events.len());
        let mut place_ids: Vec<u32> = Vec::with_capacity(4);
        for (i, event) in events.iter().enumerate() {
            place_ids.clear();
            for name in &event.places {
                if let Some(place) = lookup.find(name) {
                    let id = place_id(places, place_by_name, place_by_key, place);
                    if !place_ids.contains(&id) {
                        place_ids.push(id);
                    }
                }
            }
            let key = extracted_event_key_in(hasher, i, event.kind, event.evidence);
            store.push(
                event,
                RowMeta {
                    brief: bi,
                    key: key.0,
                    reviewed: false,
                    corrected: false,
                    places: &place_ids,
                },
            );
            link_of_row.push(links.intern(&place_ids));
            position.push(i as u32);
        }
        base[bi as usize] = start..store.len() as u32;
    }

    /// Keeps the time order, the facet postings and the key lookup in step with the rows
    /// that died and were added.
    fn update_indices(&mut self, removed: &[u32], added: &[u32], rebuild: Rebuild) {
        for &row in removed {
            if let Some(key) = self.key_of_overlay(row) {
                self.overlay_by_key.remove(&key);
            }
            self.facet_index.remove_row(&self.store, row);
        }
        for &row in added {
            self.facet_index.add_row(&self.store, row);
        }
        if rebuild == Rebuild::All {
            let (order, keys) = rayon::join(
                || self.sorted_by_time(self.store.live().iter().collect()),
                || self.sorted_base_keys(),
            );
            self.time_order = order;
            (self.base_keys, self.base_key_rows) = keys;
            return;
        }
        if rebuild == Rebuild::Keys {
            // Briefs were added or replaced: their extracted rows join the key index.
            (self.base_keys, self.base_key_rows) = self.sorted_base_keys();
        }
        // Where each dead and each new row is in the time order: found by binary search (a
        // dead row keeps its data, and live rows' order keys are unique), then one pass
        // copies the runs in between.
        let order = &self.time_order;
        let position = |key: (u64, u64)| order.partition_point(|&r| self.order_key(r) < key);
        let mut dead: Vec<usize> = removed
            .iter()
            .map(|&r| position(self.order_key(r)))
            .filter(|&at| order.get(at).is_some_and(|&r| !self.store.is_live(r)))
            .collect();
        dead.sort_unstable();
        dead.dedup();
        let mut inserts: Vec<(usize, (u64, u64), u32)> = added
            .iter()
            .map(|&r| {
                let key = self.order_key(r);
                (position(key), key, r)
            })
            .collect();
        inserts.sort_unstable();
        let mut merged = Vec::with_capacity(order.len() + inserts.len());
        let mut from = 0;
        let (mut ins, mut gone) = (inserts.iter().peekable(), dead.iter().peekable());
        loop {
            let next_insert = ins.peek().map(|i| i.0);
            let next_dead = gone.peek().map(|&&d| d);
            let at = match (next_insert, next_dead) {
                (None, None) => break,
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) | (None, Some(a)) => a,
            };
            merged.extend_from_slice(&order[from..at]);
            from = at;
            if next_insert == Some(at) {
                merged.extend(ins.next().map(|i| i.2));
            } else {
                gone.next();
                from = at + 1;
            }
        }
        merged.extend_from_slice(&order[from..]);
        if merged.len() != self.store.live_count() {
            merged.retain(|&r| self.store.is_live(r));
        }
        self.time_order = merged;
    }

    /// `rows` sorted by date (undated last), then brief and position.
    fn sorted_by_time(&self, rows: Vec<u32>) -> Vec<u32> {
        let mut keyed: Vec<((u64, u64), u32)> =
            rows.into_iter().map(|r| (self.order_key(r), r)).collect();
        keyed.par_sort_unstable();
        keyed.into_iter().map(|(_, r)| r).collect()
    }

    /// The time order of a row as two numbers: (undated, start, end) and (brief, position).
    fn order_key(&self, row: u32) -> (u64, u64) {
        let days = match self.store.day_span(row) {
            // Days from the Common Era fit 31 bits for any year briefs speak of.
            Some((start, end)) => {
                let day = |d: i32| (i64::from(d) + (1 << 30)).clamp(0, (1 << 31) - 1) as u64;
                (day(start) << 31) | day(end)
            }
            None => 1 << 62,
        };
        let brief = u64::from(self.store.brief(row));
        (days, (brief << 32) | u64::from(self.position[row as usize]))
    }

    fn sorted_base_keys(&self) -> (Vec<u64>, Vec<u32>) {
        let mut pairs: Vec<(u64, u32)> = self
            .base
            .iter()
            .flat_map(|r| r.clone())
            .map(|row| (self.store.key(row), row))
            .collect();
        pairs.par_sort_unstable();
        pairs.into_iter().unzip()
    }

    fn key_of_overlay(&self, row: u32) -> Option<EventKey> {
        let key = EventKey(self.store.key(row));
        (self.overlay_by_key.get(&key) == Some(&row)).then_some(key)
    }

    /// Two briefs whose sidecars are one file (`a.txt` and `a.md` both use `a.json`) would
    /// overwrite each other's corrections: neither applies nor saves any until one is renamed.
    /// Returns the briefs whose corrections were dropped.
    fn guard_shared_sidecars(&mut self) -> Vec<u32> {
        let mut by_sidecar: FxHashMap<PathBuf, Vec<usize>> = FxHashMap::default();
        for (i, b) in self.briefs.iter().enumerate() {
            by_sidecar
                .entry(crate::sources::sidecar::sidecar_path(&b.brief.file))
                .or_default()
                .push(i);
        }
        let mut guarded = Vec::new();
        let mut shared: Vec<(PathBuf, Vec<usize>)> = by_sidecar
            .into_iter()
            .filter(|(_, group)| group.len() >= 2)
            .collect();
        shared.sort();
        for (sidecar, group) in shared {
            for &i in &group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| shown_path(&self.briefs[j].brief.file))
                    .collect();
                let brief = &mut self.briefs[i];
                let status = CorrectionsStatus::ReadOnly(format!(
                    "shares its sidecar {} with {}: corrections are neither applied nor saved \
                     until one of them is renamed",
                    shown_path(&sidecar),
                    others.join(", ")
                ));
                if brief.status != status || !brief.corrections.is_empty() {
                    brief.corrections = Corrections::default();
                    brief.status = status;
                    guarded.push(i as u32);
                }
            }
        }
        guarded
    }

    fn refresh_orphans(&mut self) {
        self.orphan_problems = self.orphans.iter().flatten().cloned().collect();
    }

    /// Number of live events.
    pub fn len(&self) -> usize {
        self.store.live_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live row of `key`.
    pub fn row_index(&self, key: EventKey) -> Option<u32> {
        if let Some(&row) = self.overlay_by_key.get(&key) {
            return Some(row);
        }
        let at = self.base_keys.binary_search(&key.0).ok()?;
        let row = self.base_key_rows[at];
        self.store.is_live(row).then_some(row)
    }

    /// The event of `key` (materialised: for one event at a time).
    pub fn row(&self, key: EventKey) -> Option<EventRow> {
        self.row_index(key).map(|r| self.row_at(r))
    }

    /// The event of row `row` (materialised: for one event at a time).
    pub fn row_at(&self, row: u32) -> EventRow {
        EventRow::of(self, row)
    }

    /// Every live event in row order (materialised: for checks and small catalogues).
    pub fn rows(&self) -> impl Iterator<Item = EventRow> + '_ {
        self.store.live().iter().map(|r| self.row_at(r))
    }

    /// The rows of brief `bi`'s live events.
    pub fn live_rows_of(&self, bi: usize) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .base
            .get(bi)
            .cloned()
            .unwrap_or_default()
            .filter(|&r| self.store.is_live(r))
            .collect();
        if let Some(applied) = self.applied.get(bi) {
            rows.extend(applied.rows().filter(|&r| self.store.is_live(r)));
        }
        rows
    }

    /// Brief `bi`'s events as extracted (before corrections).
    pub fn extracted_events(&self, bi: usize) -> Vec<Event> {
        self.base
            .get(bi)
            .cloned()
            .unwrap_or_default()
            .map(|r| self.store.event(r))
            .collect()
    }

    /// The link (place set) of row `row`, `NO_LINK` if none.
    pub fn link_of(&self, row: u32) -> u32 {
        self.link_of_row
            .get(row as usize)
            .copied()
            .unwrap_or(NO_LINK)
    }

    pub fn brief_of(&self, row: &EventRow) -> &Brief {
        &self.briefs[row.brief as usize].brief
    }

    pub fn brief_index(&self, file: &Path) -> Option<usize> {
        self.brief_by_file.get(file).map(|&i| i as usize)
    }

    pub fn place_index(&self, key: PlaceKey) -> Option<u32> {
        self.place_by_key.get(&key).copied()
    }

    pub fn country_label(&self, code: &str) -> String {
        self.country_names
            .get(code)
            .cloned()
            .or_else(|| super::core_api::country_name(code).map(str::to_string))
            .unwrap_or_else(|| code.to_string())
    }

    /// The files of all loaded briefs.
    pub fn files(&self) -> Vec<PathBuf> {
        self.briefs.iter().map(|b| b.brief.file.clone()).collect()
    }

    /// Date span covered by all dated events.
    pub fn date_extent(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let first = self.time_order.first().and_then(|&r| self.store.date(r))?;
        let last_end = self
            .time_order
            .iter()
            .filter_map(|&r| self.store.day_span(r).map(|(_, end)| end))
            .max()?;
        Some((
            first.start,
            chrono::NaiveDate::from_num_days_from_ce_opt(last_end)?,
        ))
    }
}

/// The index of `place` in the catalogue's places (the first brief naming it defines it).
fn place_id(
    places: &mut Vec<PlaceInfo>,
    by_name: &mut FxHashMap<String, u32>,
    by_key: &mut FxHashMap<PlaceKey, u32>,
    place: &Place,
) -> u32 {
    if let Some(&id) = by_name.get(&place.name) {
        return id;
    }
    let id = places.len() as u32;
    let key = place_key(&place.name);
    places.push(PlaceInfo {
        key,
        name: place.name.clone(),
        point: place.point,
        country: place.country.clone(),
        kind: place.kind,
        route: place.route.clone(),
    });
    by_name.insert(place.name.clone(), id);
    by_key.entry(key).or_insert(id);
    id
}

/// Finds the places an event of one brief names: the brief's own, then `extra` ones (from
/// the corrections).
struct PlaceLookup<'a> {
    brief: &'a Brief,
    extra: &'a [Place],
    /// For briefs with many places (imports), by name.
    by_name: Option<FxHashMap<&'a str, &'a Place>>,
}

impl<'a> PlaceLookup<'a> {
    fn new(brief: &'a Brief, extra: &'a [Place]) -> Self {
        let by_name = (brief.places.len() > 16).then(|| {
            let mut map = FxHashMap::default();
            for p in &brief.places {
                map.entry(p.name.as_str()).or_insert(p);
            }
            map
        });
        Self {
            brief,
            extra,
            by_name,
        }
    }

    fn find(&self, name: &str) -> Option<&'a Place> {
        match &self.by_name {
            Some(map) => map.get(name).copied(),
            None => self.brief.place(name),
        }
        .or_else(|| self.extra.iter().find(|p| p.name == name))
    }
}
