//! The timeline's view model, gathered from the session state: one item per shown event
//! (date, title, colour slot, lane), the lane names, and the selection, hover and brush.
//! Titles are not copied: items name their row in the catalogue's shared title arena.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::app::store::Titles;
use crate::app::{AppState, EventKey};
use crate::model::DateRange;

/// One event as the timeline shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub key: EventKey,
    /// `None` puts the item in the "Undated" tray.
    pub date: Option<DateRange>,
    /// Its title's row in [`TimelineViewModel::titles`] (see [`TimelineViewModel::label`]).
    pub title: u32,
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
    /// The items' titles (shared with the catalogue).
    pub titles: Titles,
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
        let mut vm = TimelineViewModel::default();
        vm.gather_again(state);
        vm
    }

    /// [`TimelineViewModel::gather`] into this model, reusing its memory (a million items
    /// are 32 MB: allocating them afresh on every change costs more than filling them).
    pub fn gather_again(&mut self, state: &AppState) {
        let catalog = &state.catalog;
        let store = &catalog.store;
        let colours = &state.derived.colours;
        let lanes = &state.derived.lanes;
        self.items.clear();
        self.items.par_extend(
            state
                .derived
                .filtered
                .visible
                .par_iter()
                .with_min_len(16 * 1024)
                .map(|&row| TimelineItem {
                    key: EventKey(store.key(row)),
                    date: store.date(row),
                    title: row,
                    slot: colours.slot(catalog, row),
                    lane: lanes.lane(catalog, row),
                }),
        );
        self.titles = store.titles().clone();
        self.lanes = lanes.labels.clone();
        self.refresh_flags(state);
    }

    /// The label of `item`.
    pub fn label(&self, item: &TimelineItem) -> &str {
        self.titles.get(item.title)
    }

    /// A view model of items made by hand with their labels (tests, benchmarks); each
    /// item's `title` is set to its label.
    pub fn labelled(items: Vec<(TimelineItem, String)>) -> Self {
        let mut titles = Titles::default();
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, (item, label))| {
                titles.push(i as u32, &label);
                TimelineItem {
                    title: i as u32,
                    ..item
                }
            })
            .collect();
        titles.seal();
        TimelineViewModel {
            items,
            titles,
            ..TimelineViewModel::default()
        }
    }

    /// Brings the flags that change without new data (selection, hover, brush) up to date.
    pub fn refresh_flags(&mut self, state: &AppState) {
        self.selected = state.selection;
        self.hovered = state.hover.event;
        self.brush = state.brush;
    }
}
