//! `AppState` and the one place that changes it: `AppState::apply(Command) -> Vec<Effect>`.
//! Views send commands (select, hover, filter, brush, edit, undo…); effects tell the shell
//! what to do outside the state (save a sidecar, fly the map, scroll the timeline, load files).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, CorrectionsStatus, LoadedBrief};
use super::colour::{
    ColourAssignment, ColourBy, LaneAssignment, LaneBy, assign_colours, assign_lanes,
};
use super::corrections::{AddedEvent, Corrections, EventEdit};
use super::filter::{Facet, Filter, FilterResult};
use super::keys::{EventKey, PlaceKey, added_event_key};
use crate::model::{DateRange, GeoPoint, Problem};

/// Light or dark look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    Light,
    #[default]
    Dark,
}

/// What survives a restart (besides window layout and map/timeline settings).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub filter: Filter,
    pub colour_by: ColourBy,
    pub lanes: LaneBy,
    pub theme: Theme,
}

/// Briefs read by the loader, with the problems it met.
#[derive(Debug, Clone, Default)]
pub struct LoadedData {
    pub briefs: Vec<LoadedBrief>,
    pub problems: Vec<Problem>,
}

/// Everything a view can ask for.
#[derive(Debug, Clone)]
pub enum Command {
    Select(Option<EventKey>),
    /// Selects the first (in time) visible event at this place, or the next one there if one
    /// is selected already (repeated clicks cycle through a place's events).
    SelectPlace(PlaceKey),
    Hover(Option<EventKey>),
    HoverPlace(Option<PlaceKey>),
    /// Moves the selection through the visible events in time order (+1 next, -1 previous).
    Step(i32),
    SetFacet {
        facet: Facet,
        value: String,
        selected: bool,
    },
    SetText(String),
    SetDateRange {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    ClearFilters,
    Brush(Option<(NaiveDate, NaiveDate)>),
    SetColourBy(ColourBy),
    SetLanes(LaneBy),
    SetTheme(Theme),
    EditEvent(EventKey, EventEdit),
    DeleteEvent(EventKey),
    AddEvent {
        file: PathBuf,
        event: AddedEvent,
    },
    MarkReviewed(EventKey, bool),
    Undo,
    Redo,
    /// Open more files or folders (added to what is loaded).
    Open(Vec<PathBuf>),
    /// Load everything opened so far again.
    Reload,
    LoadStarted,
    LoadProgress {
        done: usize,
        total: usize,
    },
    LoadFinished {
        data: LoadedData,
        replace: bool,
    },
    SaveFailed {
        file: PathBuf,
        error: String,
    },
    DismissProblems,
}

/// What the shell must do after a command.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write this brief's corrections to its sidecar (atomically).
    SaveCorrections {
        file: PathBuf,
        corrections: serde_json::Value,
    },
    FlyTo(Vec<GeoPoint>),
    ScrollTimelineTo(DateRange),
    ScrollListTo(EventKey),
    StartLoad {
        paths: Vec<PathBuf>,
        replace: bool,
    },
}

/// One undoable change: a brief's corrections before and after.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    file: PathBuf,
    before: Corrections,
    after: Corrections,
    key: EventKey,
}

/// Values derived from catalogue + settings + brush, recomputed only when those change.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub filtered: FilterResult,
    /// The filtered rows inside the brushed time range (all filtered rows if no brush).
    pub brushed: Vec<u32>,
    pub colours: ColourAssignment,
    pub lanes: LaneAssignment,
}

#[derive(Debug, Clone, Default)]
pub struct Hover {
    pub event: Option<EventKey>,
    pub place: Option<PlaceKey>,
}

/// The whole state of the app, UI-free.
#[derive(Debug, Clone, Default)]
pub struct AppState {
    pub catalog: Catalog,
    pub settings: Settings,
    pub selection: Option<EventKey>,
    pub hover: Hover,
    pub brush: Option<(NaiveDate, NaiveDate)>,
    /// `Some((done, total))` while a load runs.
    pub loading: Option<(usize, usize)>,
    /// Files and folders the user opened (what Reload reloads).
    pub sources: Vec<PathBuf>,
    /// Files that could not be used, and failed saves.
    pub problems: Vec<Problem>,
    /// A one-line message for the status bar.
    pub status: String,
    pub derived: Derived,
    /// Bumped whenever `catalog` changes.
    pub data_generation: u64,
    /// Bumped whenever anything in `derived` changes.
    pub view_generation: u64,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

#[derive(Default)]
struct Dirty {
    data: bool,
    filter: bool,
    brush: bool,
    colours: bool,
}

impl AppState {
    pub fn new(settings: Settings, sources: Vec<PathBuf>) -> Self {
        let mut state = AppState {
            settings,
            sources,
            ..Default::default()
        };
        state.recompute(Dirty {
            data: true,
            ..Default::default()
        });
        state
    }

    pub fn filter(&self) -> &Filter {
        &self.settings.filter
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Problems from loading, saving and stale corrections.
    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().chain(&self.catalog.orphan_problems)
    }

    /// The visible events (filtered) in time order.
    pub fn visible(&self) -> &[u32] {
        &self.derived.filtered.visible
    }

    /// Applies one command; the only way state changes.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let mut dirty = Dirty::default();
        let mut effects = Vec::new();
        match command {
            Command::Select(key) => {
                self.selection = key.filter(|k| self.catalog.row(*k).is_some());
                if let Some(k) = self.selection {
                    effects.extend(self.focus_effects(k, true));
                }
            }
            Command::SelectPlace(place) => {
                if let Some(pi) = self.catalog.place_index(place) {
                    // The first event there, or the next one if an event there is selected.
                    let here: Vec<u32> = self
                        .derived
                        .brushed
                        .iter()
                        .copied()
                        .filter(|&ri| self.catalog.rows[ri as usize].places.contains(&pi))
                        .collect();
                    let current = self
                        .selection
                        .and_then(|k| self.catalog.row_index(k))
                        .and_then(|ri| here.iter().position(|&h| h == ri));
                    let next = current.map_or(0, |pos| (pos + 1) % here.len().max(1));
                    if let Some(&ri) = here.get(next) {
                        let key = self.catalog.rows[ri as usize].key;
                        self.selection = Some(key);
                        effects.extend(self.focus_effects(key, false));
                    }
                }
            }
            Command::Hover(key) => {
                self.hover = Hover {
                    event: key,
                    place: None,
                }
            }
            Command::HoverPlace(place) => self.hover = Hover { event: None, place },
            Command::Step(delta) => {
                let visible = &self.derived.filtered.visible;
                if !visible.is_empty() {
                    let current = self
                        .selection
                        .and_then(|k| self.catalog.row_index(k))
                        .and_then(|ri| visible.iter().position(|&v| v == ri));
                    let next = match current {
                        Some(pos) => (pos as i64 + i64::from(delta))
                            .clamp(0, visible.len() as i64 - 1)
                            as usize,
                        None if delta >= 0 => 0,
                        None => visible.len() - 1,
                    };
                    let key = self.catalog.rows[visible[next] as usize].key;
                    self.selection = Some(key);
                    effects.extend(self.focus_effects(key, true));
                }
            }
            Command::SetFacet {
                facet,
                value,
                selected,
            } => {
                self.settings.filter.set_selected(facet, &value, selected);
                dirty.filter = true;
            }
            Command::SetText(text) => {
                if self.settings.filter.text != text {
                    self.settings.filter.text = text;
                    dirty.filter = true;
                }
            }
            Command::SetDateRange { from, to } => {
                self.settings.filter.date_from = from;
                self.settings.filter.date_to = to;
                dirty.filter = true;
            }
            Command::ClearFilters => {
                self.settings.filter = Filter::default();
                self.brush = None;
                dirty.filter = true;
            }
            Command::Brush(range) => {
                self.brush = range.map(|(a, b)| if a <= b { (a, b) } else { (b, a) });
                dirty.brush = true;
            }
            Command::SetColourBy(c) => {
                self.settings.colour_by = c;
                dirty.colours = true;
            }
            Command::SetLanes(l) => {
                self.settings.lanes = l;
                dirty.colours = true;
            }
            Command::SetTheme(t) => self.settings.theme = t,
            Command::EditEvent(key, edit) => {
                effects.extend(self.change_event(key, edit));
                dirty.data = true;
            }
            Command::DeleteEvent(key) => {
                effects.extend(self.change_event(
                    key,
                    EventEdit {
                        deleted: true,
                        ..Default::default()
                    },
                ));
                if self.catalog.row(key).is_none() || !effects.is_empty() {
                    self.selection = None;
                }
                dirty.data = true;
            }
            Command::MarkReviewed(key, reviewed) => {
                effects.extend(self.change_event(
                    key,
                    EventEdit {
                        reviewed: Some(reviewed),
                        ..Default::default()
                    },
                ));
                dirty.data = true;
            }
            Command::AddEvent { file, event } => {
                if let Some(bi) = self.catalog.brief_index(&file) {
                    if self.writable(bi) {
                        let before = self.catalog.briefs[bi].corrections.clone();
                        let id = self.catalog.briefs[bi].corrections.add(event);
                        let key = added_event_key(&file, id);
                        effects.extend(self.commit_change(bi, before, key));
                        self.catalog.rebuild();
                        self.selection = Some(key);
                        self.status = "Event added".into();
                    }
                    dirty.data = true;
                }
            }
            Command::Undo => {
                if let Some(change) = self.undo.pop() {
                    effects.extend(self.restore(&change.file, change.before.clone(), change.key));
                    self.status = "Undone".into();
                    self.redo.push(change);
                    dirty.data = true;
                }
            }
            Command::Redo => {
                if let Some(change) = self.redo.pop() {
                    effects.extend(self.restore(&change.file, change.after.clone(), change.key));
                    self.status = "Redone".into();
                    self.undo.push(change);
                    dirty.data = true;
                }
            }
            Command::Open(paths) => {
                for p in &paths {
                    if !self.sources.contains(p) {
                        self.sources.push(p.clone());
                    }
                }
                effects.push(Effect::StartLoad {
                    paths,
                    replace: false,
                });
            }
            Command::Reload => {
                effects.push(Effect::StartLoad {
                    paths: self.sources.clone(),
                    replace: true,
                });
            }
            Command::LoadStarted => self.loading = Some((0, 0)),
            Command::LoadProgress { done, total } => self.loading = Some((done, total)),
            Command::LoadFinished { data, replace } => {
                self.loading = None;
                let count = data.briefs.len();
                if replace {
                    self.catalog = Catalog::new(data.briefs);
                    self.problems.clear();
                } else {
                    self.catalog.merge_briefs(data.briefs);
                }
                for b in &self.catalog.briefs {
                    if let CorrectionsStatus::ReadOnly(reason) = &b.status
                        && !self.problems.iter().any(|p| p.file == b.brief.file)
                    {
                        self.problems.push(Problem {
                            file: b.brief.file.clone(),
                            error: reason.clone(),
                        });
                    }
                }
                for p in data.problems {
                    if !self.problems.contains(&p) {
                        self.problems.push(p);
                    }
                }
                if self
                    .selection
                    .is_some_and(|k| self.catalog.row(k).is_none())
                {
                    self.selection = None;
                }
                self.status = format!("Loaded {count} briefs, {} events", self.catalog.rows.len());
                dirty.data = true;
            }
            Command::SaveFailed { file, error } => {
                if let Some(bi) = self.catalog.brief_index(&file) {
                    self.catalog.briefs[bi].status =
                        CorrectionsStatus::ReadOnly(format!("not saved: {error}"));
                }
                self.status = format!("Could not save corrections for {}", file.display());
                self.problems.push(Problem {
                    file,
                    error: format!("corrections not saved: {error}"),
                });
            }
            Command::DismissProblems => self.problems.clear(),
        }
        self.recompute(dirty);
        effects
    }

    /// Effects that bring `key` into view everywhere.
    fn focus_effects(&self, key: EventKey, fly: bool) -> Vec<Effect> {
        let Some(row) = self.catalog.row(key) else {
            return vec![];
        };
        let mut out = Vec::new();
        if fly {
            let points: Vec<GeoPoint> = row
                .places
                .iter()
                .map(|&p| self.catalog.places[p as usize].point)
                .collect();
            if !points.is_empty() {
                out.push(Effect::FlyTo(points));
            }
        }
        if let Some(d) = row.event.date {
            out.push(Effect::ScrollTimelineTo(d));
        }
        out.push(Effect::ScrollListTo(key));
        out
    }

    fn writable(&mut self, bi: usize) -> bool {
        match &self.catalog.briefs[bi].status {
            CorrectionsStatus::Writable => true,
            CorrectionsStatus::ReadOnly(reason) => {
                self.status = format!(
                    "Corrections for {} are read-only: {reason}",
                    self.catalog.briefs[bi].brief.file.display()
                );
                false
            }
        }
    }

    fn change_event(&mut self, key: EventKey, edit: EventEdit) -> Vec<Effect> {
        let Some(row) = self.catalog.row(key) else {
            return vec![];
        };
        let (bi, origin) = (row.brief as usize, row.origin);
        if !self.writable(bi) {
            return vec![];
        }
        let before = self.catalog.briefs[bi].corrections.clone();
        if !self.catalog.briefs[bi].corrections.record(origin, edit) {
            return vec![];
        }
        self.status = "Correction saved".into();
        let effects = self.commit_change(bi, before, key);
        self.catalog.rebuild();
        effects
    }

    fn commit_change(&mut self, bi: usize, before: Corrections, key: EventKey) -> Vec<Effect> {
        let loaded = &self.catalog.briefs[bi];
        let after = loaded.corrections.clone();
        if after == before {
            return vec![];
        }
        let file = loaded.brief.file.clone();
        self.undo.push(Change {
            file: file.clone(),
            before,
            after: after.clone(),
            key,
        });
        self.redo.clear();
        vec![Effect::SaveCorrections {
            file,
            corrections: after.to_json(),
        }]
    }

    fn restore(
        &mut self,
        file: &std::path::Path,
        corrections: Corrections,
        key: EventKey,
    ) -> Vec<Effect> {
        let Some(bi) = self.catalog.brief_index(file) else {
            return vec![];
        };
        if !self.writable(bi) {
            return vec![];
        }
        self.catalog.briefs[bi].corrections = corrections.clone();
        self.catalog.rebuild();
        if self.catalog.row(key).is_some() {
            self.selection = Some(key);
        } else if self.selection == Some(key) {
            self.selection = None;
        }
        vec![Effect::SaveCorrections {
            file: file.to_path_buf(),
            corrections: corrections.to_json(),
        }]
    }

    fn recompute(&mut self, dirty: Dirty) {
        if dirty.data {
            self.data_generation += 1;
        }
        if dirty.data || dirty.colours {
            self.derived.colours = assign_colours(&self.catalog, self.settings.colour_by);
            self.derived.lanes = assign_lanes(&self.catalog, self.settings.lanes);
        }
        if dirty.data || dirty.filter {
            self.derived.filtered = self.settings.filter.evaluate(&self.catalog);
        }
        if dirty.data || dirty.filter || dirty.brush {
            self.derived.brushed = match self.brush {
                None => self.derived.filtered.visible.clone(),
                Some((from, to)) => self
                    .derived
                    .filtered
                    .visible
                    .iter()
                    .copied()
                    .filter(|&ri| {
                        self.catalog.rows[ri as usize]
                            .event
                            .date
                            .is_some_and(|d| d.end >= from && d.start <= to)
                    })
                    .collect(),
            };
        }
        if dirty.data || dirty.filter || dirty.brush || dirty.colours {
            self.view_generation += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::DateFix;
    use crate::app::synthetic;

    fn loaded(n: usize) -> AppState {
        let mut s = AppState::new(Settings::default(), vec![]);
        s.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(n, 1),
                problems: vec![],
            },
            replace: true,
        });
        s
    }

    #[test]
    fn selecting_flies_to_the_places_and_scrolls_the_timeline() {
        let mut s = loaded(50);
        let row = s
            .catalog
            .rows
            .iter()
            .find(|r| r.event.date.is_some() && !r.places.is_empty())
            .unwrap()
            .clone();
        let effects = s.apply(Command::Select(Some(row.key)));
        assert_eq!(s.selection, Some(row.key));
        let expected: Vec<GeoPoint> = row
            .places
            .iter()
            .map(|&p| s.catalog.places[p as usize].point)
            .collect();
        assert!(effects.contains(&Effect::FlyTo(expected)));
        assert!(effects.contains(&Effect::ScrollTimelineTo(row.event.date.unwrap())));
        s.apply(Command::Select(None));
        assert_eq!(s.selection, None);
        s.apply(Command::Select(Some(12345)));
        assert_eq!(s.selection, None, "unknown keys select nothing");
    }

    #[test]
    fn clicking_a_place_cycles_through_its_events() {
        let mut s = loaded(200);
        let (pi, place_key) = (0..s.catalog.places.len())
            .map(|i| (i as u32, s.catalog.places[i].key))
            .find(|(i, _)| {
                s.catalog
                    .rows
                    .iter()
                    .filter(|r| r.places.contains(i))
                    .count()
                    >= 2
            })
            .unwrap();
        s.apply(Command::SelectPlace(place_key));
        let first = s.selection.unwrap();
        assert!(s.catalog.row(first).unwrap().places.contains(&pi));
        s.apply(Command::SelectPlace(place_key));
        let second = s.selection.unwrap();
        assert_ne!(first, second);
        assert!(s.catalog.row(second).unwrap().places.contains(&pi));
    }

    #[test]
    fn stepping_walks_the_visible_events_in_time_order() {
        let mut s = loaded(30);
        s.apply(Command::Step(1));
        let first = s.selection.unwrap();
        assert_eq!(s.catalog.row_index(first), Some(s.visible()[0]));
        s.apply(Command::Step(1));
        assert_eq!(
            s.catalog.row_index(s.selection.unwrap()),
            Some(s.visible()[1])
        );
        s.apply(Command::Step(-5));
        assert_eq!(s.selection, Some(first));
    }

    #[test]
    fn filters_and_brush_narrow_the_views_and_clear_in_one_step() {
        let mut s = loaded(300);
        let all = s.visible().len();
        let generation = s.view_generation;
        s.apply(Command::SetFacet {
            facet: Facet::Country,
            value: "TR".into(),
            selected: true,
        });
        assert!(s.visible().len() < all);
        assert!(s.view_generation > generation);
        let from = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        s.apply(Command::Brush(Some((to, from))));
        assert_eq!(s.brush, Some((from, to)), "brush is normalised");
        assert!(s.derived.brushed.len() < s.visible().len());
        s.apply(Command::ClearFilters);
        assert_eq!(s.visible().len(), all);
        assert_eq!(s.derived.brushed.len(), all);
    }

    #[test]
    fn an_edit_saves_and_undo_redo_restore_it() {
        let mut s = loaded(20);
        let key = s.catalog.rows[0].key;
        let file = s.catalog.brief_of(&s.catalog.rows[0]).file.clone();
        let date = DateRange::day(NaiveDate::from_ymd_opt(2001, 2, 3).unwrap());
        let effects = s.apply(Command::EditEvent(
            key,
            EventEdit {
                date: Some(DateFix::Dated(date)),
                ..Default::default()
            },
        ));
        assert!(matches!(&effects[..], [Effect::SaveCorrections { file: f, .. }] if *f == file));
        assert_eq!(s.catalog.row(key).unwrap().event.date, Some(date));
        assert_eq!(s.catalog.row(key).unwrap().date_label, "2001-02-03");
        assert!(s.can_undo());
        let effects = s.apply(Command::Undo);
        assert_ne!(s.catalog.row(key).unwrap().event.date, Some(date));
        match &effects[..] {
            [Effect::SaveCorrections { corrections, .. }] => {
                assert_eq!(corrections["events"], serde_json::json!([]))
            }
            other => panic!("{other:?}"),
        }
        s.apply(Command::Redo);
        assert_eq!(s.catalog.row(key).unwrap().event.date, Some(date));
        // Delete, then undo brings it back.
        s.apply(Command::DeleteEvent(key));
        assert!(s.catalog.row(key).is_none());
        s.apply(Command::Undo);
        assert!(s.catalog.row(key).is_some());
    }

    #[test]
    fn read_only_corrections_are_never_overwritten() {
        let mut s = loaded(5);
        s.catalog.briefs[0].status =
            CorrectionsStatus::ReadOnly("sidecar is not valid JSON".into());
        let key = s.catalog.rows.iter().find(|r| r.brief == 0).unwrap().key;
        let effects = s.apply(Command::EditEvent(
            key,
            EventEdit {
                title: Some("x".into()),
                ..Default::default()
            },
        ));
        assert!(effects.is_empty());
        assert_ne!(s.catalog.row(key).unwrap().event.title, "x");
        assert!(s.status.contains("read-only"));
    }

    #[test]
    fn added_events_are_selected_and_reload_keeps_the_selection_by_key() {
        let mut s = loaded(5);
        let file = s.catalog.briefs[0].brief.file.clone();
        let event = AddedEvent {
            id: 0,
            date: None,
            title: "Added".into(),
            kind: crate::model::EventKind::Other,
            places: vec![],
            countries: vec![],
            organizations: vec![],
            people: vec![],
            reviewed: false,
        };
        let effects = s.apply(Command::AddEvent {
            file: file.clone(),
            event,
        });
        assert_eq!(effects.len(), 1);
        let key = s.selection.unwrap();
        assert_eq!(s.catalog.row(key).unwrap().event.title, "Added");
        assert!(
            s.visible().contains(&s.catalog.row_index(key).unwrap()),
            "undated events stay visible"
        );
    }
}
