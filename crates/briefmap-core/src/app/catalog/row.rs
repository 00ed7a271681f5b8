//! One event of the catalogue, materialised from its row for the views that show a single
//! event (details, edit form, slides): the corrected event with its key, origin and places.

use super::Catalog;
use crate::app::corrections::Origin;
use crate::app::keys::EventKey;
use crate::model::Event;

/// One event (after corrections) as the single-event views see it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The row in the catalogue's store.
    pub index: u32,
    pub key: EventKey,
    /// Index into `Catalog::briefs`.
    pub brief: u32,
    pub origin: Origin,
    pub event: Event,
    pub reviewed: bool,
    pub corrected: bool,
    /// Indices into `Catalog::places`, in the event's order.
    pub places: Vec<u32>,
    /// `2025-03-21`, `2024-10`, `2024`, `2024-10-03/2024-10-05` or `undated`.
    pub date_label: String,
}

impl EventRow {
    pub(super) fn of(catalog: &Catalog, row: u32) -> Self {
        let store = &catalog.store;
        let event = store.event(row);
        Self {
            index: row,
            key: EventKey(store.key(row)),
            brief: store.brief(row),
            origin: catalog.origin_of(row),
            date_label: date_label(event.date),
            event,
            reviewed: store.reviewed(row),
            corrected: store.corrected(row),
            places: store.places(row).to_vec(),
        }
    }
}

/// How the views write an event's date: its ISO form, or `undated`.
pub fn date_label(date: Option<crate::model::DateRange>) -> String {
    date.map_or_else(|| "undated".to_string(), |d| d.to_iso())
}
