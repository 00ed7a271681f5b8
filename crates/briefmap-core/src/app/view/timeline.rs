//! The timeline's view model, gathered from the session state: one item per shown event
//! (date, title, colour slot, lane), the lane names, and the selection, hover and brush.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::app::colour::OTHER_SLOT;
use crate::app::{AppState, EventKey};
use crate::model::DateRange;

/// One event as the timeline shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub key: EventKey,
    /// `None` puts the item in the "Undated" tray.
    pub date: Option<DateRange>,
    pub label: Arc<str>,
    /// Colour slot (see `app::colour`).
    pub slot: u8,
    /// Index into [`TimelineViewModel::lanes`] (ignored when there are no lanes).
    pub lane: u32,
}

/// What the timeline shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineViewModel {
    /// Dated items sorted by `date.start` (the widget sorts unsorted input once per
    /// generation); undated ones anywhere.
    pub items: Vec<TimelineItem>,
    /// Swim lane names; empty = no swim lanes.
    pub lanes: Vec<String>,
    pub selected: Option<EventKey>,
    pub hovered: Option<EventKey>,
    /// The brushed time range (inclusive days), if any.
    pub brush: Option<(NaiveDate, NaiveDate)>,
}

impl TimelineViewModel {
    /// The items of the filtered events (the brush does not remove them: it is drawn over).
    pub fn gather(state: &AppState) -> Self {
        let catalog = &state.catalog;
        let slots = &state.derived.colours.slot_of_row;
        let lanes = &state.derived.lanes.lane_of_row;
        let items = state
            .derived
            .filtered
            .visible
            .iter()
            .map(|&ri| {
                let row = &catalog.rows[ri as usize];
                TimelineItem {
                    key: row.key,
                    date: row.event.date,
                    label: row.title.clone(),
                    slot: slots.get(ri as usize).copied().unwrap_or(OTHER_SLOT),
                    lane: lanes.get(ri as usize).copied().unwrap_or(0),
                }
            })
            .collect();
        TimelineViewModel {
            items,
            lanes: state.derived.lanes.labels.clone(),
            selected: state.selection,
            hovered: state.hover.event,
            brush: state.brush,
        }
    }

    /// Brings the flags that change without new data (selection, hover, brush) up to date.
    pub fn refresh_flags(&mut self, state: &AppState) {
        self.selected = state.selection;
        self.hovered = state.hover.event;
        self.brush = state.brush;
    }
}
