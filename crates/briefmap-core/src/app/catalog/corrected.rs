//! Applying one brief's corrections to its rows: each extracted event whose correction
//! changed gets a new row (or none, if deleted) and its old row dies; events whose correction
//! did not change keep their rows. Added events are rows of their own.

use rustc_hash::FxHashMap;

use super::{Catalog, PlaceLookup, place_id};
use crate::app::corrections::{AddedEvent, EventEdit, PlaceFix};
use crate::app::keys::{EventKey, added_event_key};
use crate::app::store::RowMeta;
use crate::model::{Event, Place, Problem};

/// One brief's corrections as they are applied now.
#[derive(Debug, Clone, Default)]
pub(super) struct Applied {
    /// Extracted index → the edit applied to it and the row showing the result (`None`: the
    /// edit deletes the event).
    edits: FxHashMap<u32, (EventEdit, Option<u32>)>,
    /// The added events, in order, with their rows.
    added: Vec<(AddedEvent, u32)>,
}

impl Applied {
    /// The rows the corrections made.
    pub(super) fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.edits
            .values()
            .filter_map(|(_, row)| *row)
            .chain(self.added.iter().map(|(_, row)| *row))
    }

    /// The id of the added event at `k` (its position after the extracted events).
    pub(super) fn added_id(&self, k: usize) -> Option<u64> {
        self.added.get(k).map(|(a, _)| a.id)
    }
}

impl Catalog {
    /// Brings brief `bi`'s rows in line with its corrections; returns the rows that died and
    /// the rows that were added or came back.
    pub(super) fn apply_corrections(&mut self, bi: usize) -> (Vec<u32>, Vec<u32>) {
        let base = self.base[bi].clone();
        let corrections = self.briefs[bi].corrections.clone();
        let store = &self.store;
        let at = |i: usize| base.start + i as u32;
        let found =
            corrections.resolve_all(base.len(), &|i| (store.kind(at(i)), store.evidence(at(i))));
        let file = self.briefs[bi].brief.file.clone();
        let mut orphans = Vec::new();
        let mut wanted: FxHashMap<u32, &EventEdit> = FxHashMap::default();
        for (correction, found) in corrections.events.iter().zip(found) {
            match found {
                Some(i) => {
                    wanted.insert(i as u32, &correction.edit);
                }
                None => orphans.push(Problem {
                    file: file.clone(),
                    error: format!(
                        "a correction of the {} event #{} no longer matches any extracted event (kept in the sidecar)",
                        correction.target.kind.as_str(),
                        correction.target.index + 1
                    ),
                }),
            }
        }
        self.orphans[bi] = orphans;

        let old = std::mem::take(&mut self.applied[bi]);
        let mut new = Applied::default();
        let (mut dead, mut born) = (Vec::new(), Vec::new());
        for (i, (edit, row)) in old.edits {
            if wanted.get(&i) == Some(&&edit) {
                new.edits.insert(i, (edit, row));
                continue;
            }
            dead.extend(row);
            if !wanted.contains_key(&i) {
                // No correction any more: the extracted event is back.
                self.store.revive(at(i as usize));
                born.push(at(i as usize));
            }
        }
        let mut indices: Vec<u32> = wanted.keys().copied().collect();
        indices.sort_unstable();
        for i in indices {
            if new.edits.contains_key(&i) {
                continue;
            }
            let edit = wanted[&i];
            let base_row = at(i as usize);
            if self.store.is_live(base_row) {
                dead.push(base_row);
            }
            let row = (!edit.deleted).then(|| {
                let mut event = self.store.event(base_row);
                let mut extra = Vec::new();
                edit.apply_to(&mut event, &mut extra);
                let key = EventKey(self.store.key(base_row));
                let meta = (edit.reviewed.unwrap_or(false), edit.changes_event());
                self.push_overlay(bi, &event, &extra, key, meta, i)
            });
            born.extend(row);
            new.edits.insert(i, (edit.clone(), row));
        }
        let same_added = old.added.len() == corrections.added.len()
            && old
                .added
                .iter()
                .zip(&corrections.added)
                .all(|((a, _), b)| a == b);
        if same_added {
            new.added = old.added;
        } else {
            dead.extend(old.added.iter().map(|(_, row)| *row));
            for (k, added) in corrections.added.iter().enumerate() {
                let extra: Vec<Place> = added.places.iter().map(PlaceFix::to_place).collect();
                let key = added_event_key(&file, added.id);
                let position = (base.len() + k) as u32;
                let meta = (added.reviewed, true);
                let row = self.push_overlay(bi, &added.to_event(), &extra, key, meta, position);
                born.push(row);
                new.added.push((added.clone(), row));
            }
        }
        self.applied[bi] = new;
        for &row in &dead {
            self.store.kill(row);
        }
        born.sort_unstable();
        dead.sort_unstable();
        (dead, born)
    }

    /// Adds a row for a corrected or added event of brief `bi`.
    fn push_overlay(
        &mut self,
        bi: usize,
        event: &Event,
        extra: &[Place],
        key: EventKey,
        (reviewed, corrected): (bool, bool),
        position: u32,
    ) -> u32 {
        let Catalog {
            briefs,
            store,
            places,
            place_by_name,
            place_by_key,
            links,
            link_of_row,
            position: positions,
            overlay_by_key,
            ..
        } = self;
        let lookup = PlaceLookup::new(&briefs[bi].brief, extra);
        let mut place_ids = Vec::new();
        for name in &event.places {
            if let Some(place) = lookup.find(name) {
                let id = place_id(places, place_by_name, place_by_key, place);
                if !place_ids.contains(&id) {
                    place_ids.push(id);
                }
            }
        }
        let row = store.push(
            event,
            RowMeta {
                brief: bi as u32,
                key: key.0,
                reviewed,
                corrected,
                places: &place_ids,
            },
        );
        link_of_row.push(links.intern(&place_ids));
        positions.push(position);
        overlay_by_key.insert(key, row);
        row
    }

    /// The origin of row `row` (see [`super::EventRow`]).
    pub(super) fn origin_of(&self, row: u32) -> crate::app::corrections::Origin {
        use crate::app::corrections::{EventMatch, Origin};
        let bi = self.store.brief(row) as usize;
        let base = self.base.get(bi).cloned().unwrap_or_default();
        let position = self.position.get(row as usize).copied().unwrap_or(0);
        if (position as usize) < base.len() {
            let extracted = base.start + position;
            Origin::Extracted(EventMatch {
                index: position as usize,
                kind: self.store.kind(extracted),
                evidence: self.store.evidence(extracted),
            })
        } else {
            let k = position as usize - base.len();
            Origin::Added(
                self.applied
                    .get(bi)
                    .and_then(|a| a.added_id(k))
                    .unwrap_or(0),
            )
        }
    }
}
