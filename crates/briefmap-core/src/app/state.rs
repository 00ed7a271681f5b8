//! `AppState` and the one place that changes it: `AppState::apply(Command) -> Vec<Effect>`.
//! Views send commands (select, hover, filter, brush, edit, deck edits, presentation, undo…);
//! effects say what must happen outside the state: file effects (save a sidecar or a deck,
//! read a deck, write a pasted brief, read and write the saved views) are carried out by
//! `app::effects`, view effects (fly the map, scroll the timeline, show a saved view's map
//! and timeline extent, copy text, go full screen, load files) by the shell.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, CorrectionsStatus, DiskCorrections, LoadedBrief};
use super::colour::{
    ColourAssignment, ColourBy, LaneAssignment, LaneBy, ValueCounts, assign_colours, assign_lanes,
    lane_dimension,
};
use super::corrections::{AddedEvent, Corrections, EventEdit};
use super::deck::{Deck, DeckState};
use super::filter::{Facet, Filter, FilterEngine, FilterResult, TextHits};
use super::keys::{EventKey, PlaceKey, added_event_key};
use super::presentation::{Presentation, PresentationCommand, view_name};
use super::rows::{NOT_APPLIED, NOT_SAVED};
use super::saved_view::{
    BrushRange, MapExtent, SavedView, TimeWindow, ViewsFile, ViewsState, views_path,
};
use super::store::RowSet;
use super::tally::MapTally;
use super::view::slides::SlidesView;
use crate::corpus::{LoadStats, Progress, TextIndex};

use crate::model::{DateRange, GeoPoint, Problem};
use crate::sources::pasted::{PastedBrief, pasted_brief_dir};
use crate::sources::watch::ChangedFile;
use crate::text::shown::shown_path;

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
    /// Opened folders are not watched for new, changed and deleted briefs (View menu).
    pub live_folder_paused: bool,
}

/// Where a live folder's refresh stands (driven by `app::live`).
#[derive(Debug, Clone, Default)]
pub struct LiveRefresh {
    /// A refresh is running.
    pub running: bool,
    /// Changes came while a load ran: refresh again when it ends.
    pub wanted: bool,
    /// Brief files reported changed since the last refresh began.
    pub(super) changed: std::collections::BTreeSet<PathBuf>,
}

/// Briefs read by the loader, with the problems it met.
#[derive(Debug, Clone, Default)]
pub struct LoadedData {
    pub briefs: Vec<LoadedBrief>,
    pub problems: Vec<Problem>,
    /// Files found, extracted and taken from the cache.
    pub stats: LoadStats,
    /// What happened to the corpus cache (not problems with the user's files).
    pub notes: Vec<String>,
    /// Full-text search over these briefs.
    pub text_index: TextIndex,
    /// When the load began (for the line a finished load writes).
    pub started: Option<std::time::Instant>,
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
    /// Watch the opened folders for new, changed and deleted briefs, or stop.
    SetLiveFolder(bool),
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
    LoadProgress(Progress),
    /// Stop the running loads (what they found is not shown).
    CancelLoad,
    LoadFinished {
        data: LoadedData,
        replace: bool,
    },
    /// Loading could not even start (no thread); the message says why.
    LoadFailed(String),
    /// Files in the opened folders changed and settled (a live folder).
    FilesChanged(Vec<ChangedFile>),
    /// The watcher lost changes: look at everything opened again.
    RefreshAll,
    /// The opened folders could not be watched; the message says why.
    WatchFailed(String),
    /// A refresh started by changes in the opened folders finished.
    RefreshFinished(LoadedData),
    /// A brief's corrections were written; `saved` is what the sidecar now holds (changes
    /// made outside briefmap merged in, if there were any).
    CorrectionsSaved {
        file: PathBuf,
        saved: DiskCorrections,
    },
    /// A brief's corrections could not be saved; the file was left untouched.
    SaveFailed {
        file: PathBuf,
        error: String,
    },
    DismissProblems,
    /// Append these events to the story deck (each once), in this order.
    DeckAdd(Vec<EventKey>),
    DeckRemove(usize),
    /// Move the slide at `from` so that it ends up at `to`.
    DeckMove {
        from: usize,
        to: usize,
    },
    DeckNote {
        index: usize,
        note: String,
    },
    DeckRename(String),
    /// Start an empty deck (undoable).
    DeckNew,
    DeckSave(PathBuf),
    DeckOpen(PathBuf),
    DeckOpened {
        path: PathBuf,
        deck: Deck,
    },
    DeckSaved(PathBuf),
    DeckFailed(String),
    /// Present the shown events (filters and brush applied) in time order.
    PresentView,
    /// Present the story deck in its order.
    PresentDeck,
    Slide(PresentationCommand),
    /// Show slide `index` (0 = title).
    GoToSlide(usize),
    /// Leave the presentation; the event on screen becomes the selection.
    StopPresenting,
    /// Save pasted text as a new brief beside the opened ones, then open it.
    CreateBrief(PastedBrief),
    BriefCreated(PathBuf),
    BriefNotCreated(String),
    /// Save what the window shows under `name` (replacing a view of that name); the shell
    /// says where its map and timeline look.
    SaveView {
        name: String,
        map: Option<MapExtent>,
        timeline: Option<TimeWindow>,
    },
    /// Show the saved view called this.
    RecallView(String),
    DeleteView(String),
    /// Put the saved view called this on the clipboard as a shared view text.
    CopyView(String),
    /// Show the view in a shared view text (pasted by the user).
    PasteView(String),
    /// The views file was read (`ViewsFile::default()` when there is none yet).
    ViewsRead {
        path: PathBuf,
        file: ViewsFile,
    },
    ViewsSaved(PathBuf),
    /// The views file could not be read (`read: true`; it is then never overwritten) or
    /// written.
    ViewsFailed {
        path: PathBuf,
        error: String,
        read: bool,
    },
}

/// What the shell must do after a command.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write this brief's corrections to its sidecar (atomically), merging with changes made
    /// to the file since `base` was read (`None`: it could not be read).
    SaveCorrections {
        file: PathBuf,
        corrections: Corrections,
        base: Option<DiskCorrections>,
    },
    FlyTo(Vec<GeoPoint>),
    ScrollTimelineTo(DateRange),
    ScrollListTo(EventKey),
    StartLoad {
        paths: Vec<PathBuf>,
        replace: bool,
    },
    /// Load everything opened again after changes in the folders (through the cache), and
    /// answer with `Command::RefreshFinished`.
    StartRefresh {
        paths: Vec<PathBuf>,
    },
    /// Write the deck to `path` (atomically).
    SaveDeck {
        path: PathBuf,
        deck: Deck,
    },
    ReadDeck(PathBuf),
    /// Write a pasted brief as a new file in `dir`.
    WriteBrief {
        dir: PathBuf,
        brief: PastedBrief,
    },
    /// Stop the running loads.
    CancelLoad,
    /// A presentation began (the shell goes full screen) or ended (it restores the window).
    PresentationStarted,
    PresentationEnded,
    /// Read the saved views at this path.
    ReadViews(PathBuf),
    /// Write the saved views to `path` (atomically).
    SaveViews {
        path: PathBuf,
        file: ViewsFile,
    },
    /// Move the map and the timeline to exactly these (a recalled view).
    ShowExtent {
        map: Option<MapExtent>,
        timeline: Option<TimeWindow>,
    },
    /// Put this text on the clipboard.
    CopyText(String),
}

/// One undoable change: a brief's corrections, or the story deck, before and after.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Corrections {
        file: PathBuf,
        before: Corrections,
        after: Corrections,
        key: EventKey,
    },
    Deck {
        before: Deck,
        after: Deck,
        /// The slide whose note was typed into: successive keystrokes make one change.
        note_of: Option<usize>,
    },
}

/// A presentation on screen with what its slides show.
#[derive(Debug, Clone)]
pub struct Presenting {
    pub presentation: Presentation,
    pub view: SlidesView,
}

/// Values derived from catalogue + settings + brush, updated only from what changed.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub filtered: FilterResult,
    /// The filtered rows inside the brushed time range (all filtered rows if no brush).
    pub brushed: Vec<u32>,
    pub colours: ColourAssignment,
    pub lanes: LaneAssignment,
    /// The map's counts over `brushed`.
    pub tally: MapTally,
    /// The full-text matches of the filter's text.
    pub text_hits: TextHits,
    engine: FilterEngine,
    colour_counts: ValueCounts,
    lane_counts: Option<ValueCounts>,
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
    /// How far the running load has got, while one runs.
    pub loading: Option<Progress>,
    /// Full-text search over the loaded briefs' texts.
    pub text_index: TextIndex,
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
    /// The story deck being edited.
    pub deck: DeckState,
    /// The presentation on screen, if any.
    pub presenting: Option<Presenting>,
    /// How the last pasted brief fared (the paste dialog shows an error, closes on success).
    pub pasted: Option<Result<PathBuf, String>>,
    /// The saved views beside the opened briefs.
    pub views: ViewsState,
    /// A live folder's refresh: running, or wanted after the running load.
    pub live: LiveRefresh,
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
        self.problems
            .iter()
            .chain(&self.catalog.orphan_problems)
            .chain(&self.views.problem)
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
                        .filter(|&ri| self.catalog.store.places(ri).contains(&pi))
                        .collect();
                    let current = self
                        .selection
                        .and_then(|k| self.catalog.row_index(k))
                        .and_then(|ri| here.iter().position(|&h| h == ri));
                    let next = current.map_or(0, |pos| (pos + 1) % here.len().max(1));
                    if let Some(&ri) = here.get(next) {
                        let key = EventKey(self.catalog.store.key(ri));
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
                    let key = EventKey(self.catalog.store.key(visible[next]));
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
            Command::SetLiveFolder(on) => effects.extend(self.set_live_folder(on)),
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
                        self.catalog.reapply(bi);
                        self.selection = Some(key);
                        self.status = "Event added".into();
                    }
                    dirty.data = true;
                }
            }
            Command::Undo => {
                if let Some(change) = self.undo.pop() {
                    effects.extend(self.restore(&change, true));
                    self.status = "Undone".into();
                    dirty.data |= matches!(change, Change::Corrections { .. });
                    self.redo.push(change);
                }
            }
            Command::Redo => {
                if let Some(change) = self.redo.pop() {
                    effects.extend(self.restore(&change, false));
                    self.status = "Redone".into();
                    dirty.data |= matches!(change, Change::Corrections { .. });
                    self.undo.push(change);
                }
            }
            Command::Open(paths) => {
                for p in &paths {
                    if !self.sources.contains(p) {
                        self.sources.push(p.clone());
                    }
                }
                effects.extend(self.read_views_effect());
                // A views file opened directly is read as views, not loaded.
                let paths: Vec<PathBuf> = paths
                    .into_iter()
                    .filter(|p| !crate::sources::is_views_file(p))
                    .collect();
                if !paths.is_empty() {
                    effects.push(Effect::StartLoad {
                        paths,
                        replace: false,
                    });
                }
            }
            Command::Reload => {
                // The views file too: it may have been mended meanwhile.
                self.views.path = None;
                effects.extend(self.read_views_effect());
                effects.push(Effect::StartLoad {
                    paths: self.sources.clone(),
                    replace: true,
                });
            }
            Command::LoadStarted => self.loading = Some(Progress::default()),
            Command::LoadProgress(progress) => {
                if self.loading.is_some() {
                    self.loading = Some(progress);
                }
            }
            Command::CancelLoad => {
                if self.loading.take().is_some() {
                    self.status = "Loading cancelled".into();
                    effects.push(Effect::CancelLoad);
                }
            }
            Command::LoadFinished { data, .. } if data.stats.cancelled => {}
            Command::LoadFinished { data, replace } => {
                self.loading = None;
                if replace {
                    self.text_index = data.text_index;
                } else {
                    self.text_index.extend(data.text_index);
                }
                for note in data.notes {
                    self.problems.push(Problem {
                        file: PathBuf::from("corpus cache"),
                        error: note,
                    });
                }
                let count = data.briefs.len();
                let events: usize = data.briefs.iter().map(|b| b.brief.events.len()).sum();
                if replace {
                    self.catalog = Catalog::new(data.briefs);
                    self.problems.clear();
                } else {
                    self.catalog.merge_briefs(data.briefs);
                }
                if events > super::memory::LARGE_LOAD_EVENTS {
                    super::memory::release_freed_memory();
                }
                for b in &self.catalog.briefs {
                    if let CorrectionsStatus::ReadOnly(reason) | CorrectionsStatus::Unsaved(reason) =
                        &b.status
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
                self.status = format!(
                    "Loaded {}, {}",
                    plural(count, "brief", "briefs"),
                    plural(self.catalog.len(), "event", "events")
                );
                dirty.data = true;
                if self.live.wanted && self.loading.is_none() {
                    effects.extend(self.start_refresh());
                }
            }
            Command::FilesChanged(changes) => effects.extend(self.files_changed(changes)),
            Command::RefreshAll => effects.extend(self.start_refresh()),
            Command::WatchFailed(error) => {
                let problem = Problem {
                    file: self.sources.first().cloned().unwrap_or_default(),
                    error,
                };
                if !self.problems.contains(&problem) {
                    self.problems.push(problem);
                }
            }
            Command::RefreshFinished(data) => effects.extend(self.refresh_finished(data)),
            Command::LoadFailed(error) => {
                self.loading = None;
                self.live.running = false;
                self.status = error.clone();
                self.problems.push(Problem {
                    file: self.sources.first().cloned().unwrap_or_default(),
                    error,
                });
            }
            Command::CorrectionsSaved { file, saved } => {
                dirty.data |= self.corrections_saved(&file, saved);
            }
            Command::SaveFailed { file, error } => {
                let error = format!(
                    "{NOT_SAVED}: {error} (the edits are kept here, and saved with the next \
                     edit once the file allows it)"
                );
                if let Some(bi) = self.catalog.brief_index(&file) {
                    self.catalog.briefs[bi].status = CorrectionsStatus::Unsaved(error.clone());
                }
                self.status = format!("Could not save corrections for {}", shown_path(&file));
                self.problems
                    .retain(|p| !(p.file == file && p.error.starts_with(NOT_SAVED)));
                self.problems.push(Problem { file, error });
            }
            Command::DismissProblems => self.problems.clear(),
            Command::DeckAdd(keys) => {
                let before = self.deck.deck.clone();
                let mut added = 0;
                for key in keys {
                    added += usize::from(self.deck.deck.add_event(&self.catalog, key));
                }
                self.commit_deck(before, None);
                self.status = match added {
                    0 => "Already in the deck".into(),
                    1 => "Added 1 slide to the deck".into(),
                    n => format!("Added {n} slides to the deck"),
                };
            }
            Command::DeckRemove(index) => {
                let before = self.deck.deck.clone();
                self.deck.deck.remove(index);
                self.commit_deck(before, None);
            }
            Command::DeckMove { from, to } => {
                let before = self.deck.deck.clone();
                self.deck.deck.move_slide(from, to);
                self.commit_deck(before, None);
            }
            Command::DeckNote { index, note } => {
                let before = self.deck.deck.clone();
                self.deck.deck.set_note(index, &note);
                self.commit_deck(before, Some(index));
            }
            Command::DeckRename(name) => {
                let before = self.deck.deck.clone();
                self.deck.deck.name = name;
                self.commit_deck(before, None);
            }
            Command::DeckNew => {
                let before = std::mem::take(&mut self.deck.deck);
                self.deck.path = None;
                self.deck.message = None;
                self.commit_deck(before, None);
                self.deck.dirty = false;
            }
            Command::DeckSave(path) => effects.push(Effect::SaveDeck {
                path,
                deck: self.deck.deck.clone(),
            }),
            Command::DeckOpen(path) => effects.push(Effect::ReadDeck(path)),
            Command::DeckOpened { path, deck } => {
                let missing = deck
                    .resolve(&self.catalog)
                    .iter()
                    .filter(|k| k.is_none())
                    .count();
                self.deck.message = Some(if missing > 0 {
                    (
                        format!(
                            "Opened {}; {missing} slide(s) name events that are not loaded",
                            shown_path(&path)
                        ),
                        true,
                    )
                } else {
                    (format!("Opened {}", shown_path(&path)), false)
                });
                let before = std::mem::replace(&mut self.deck.deck, deck);
                self.commit_deck(before, None);
                self.deck.path = Some(path);
                self.deck.dirty = false;
            }
            Command::DeckSaved(path) => {
                self.deck.message = Some((format!("Saved {}", shown_path(&path)), false));
                self.deck.path = Some(path);
                self.deck.dirty = false;
            }
            Command::DeckFailed(error) => self.deck.message = Some((error, true)),
            Command::PresentView => {
                let name = view_name(&self.catalog, self.filter(), self.brush);
                let presentation =
                    Presentation::from_rows(&self.catalog, &self.derived.brushed, &name);
                effects.extend(self.present(presentation));
            }
            Command::PresentDeck => {
                let presentation = Presentation::from_deck(&self.deck.deck, &self.catalog);
                effects.extend(self.present(presentation));
            }
            Command::Slide(command) => {
                if let Some(p) = &mut self.presenting {
                    p.presentation.apply(command);
                }
            }
            Command::GoToSlide(index) => {
                if let Some(p) = &mut self.presenting {
                    p.presentation.go_to(index);
                }
            }
            Command::StopPresenting => {
                if let Some(p) = self.presenting.take() {
                    effects.push(Effect::PresentationEnded);
                    if let Some(key) = p.presentation.current_event().map(|e| e.key)
                        && self.catalog.row(key).is_some()
                    {
                        self.selection = Some(key);
                        effects.extend(self.focus_effects(key, true));
                    }
                }
            }
            Command::CreateBrief(brief) => {
                self.pasted = None;
                effects.push(Effect::WriteBrief {
                    dir: pasted_brief_dir(&self.sources),
                    brief,
                });
            }
            Command::BriefCreated(file) => {
                self.pasted = Some(Ok(file.clone()));
                self.status = format!("Saved the pasted brief as {}", shown_path(&file));
                effects.extend(self.apply(Command::Open(vec![file])));
            }
            Command::BriefNotCreated(error) => self.pasted = Some(Err(error)),
            Command::SaveView {
                name,
                map,
                timeline,
            } => effects.extend(self.save_view(name.trim(), map, timeline)),
            Command::RecallView(name) => match self.views.file.get(&name).cloned() {
                Some(view) => {
                    effects.extend(self.show_view(&view, &mut dirty));
                    self.views.message = None;
                    self.status = format!("Showing the view \u{201c}{name}\u{201d}");
                }
                None => {
                    self.views.message =
                        Some((format!("There is no saved view called \"{name}\""), true))
                }
            },
            Command::DeleteView(name) => {
                if self.views.file.remove(&name) {
                    self.status = format!("Deleted the view \u{201c}{name}\u{201d}");
                    effects.extend(self.write_views_effect());
                }
            }
            Command::CopyView(name) => {
                if let Some(view) = self.views.file.get(&name) {
                    effects.push(Effect::CopyText(view.share_text()));
                    self.status = format!(
                        "Copied the view \u{201c}{name}\u{201d} as text: paste it into Views \u{2192} \
                         Paste view\u{2026} to open it"
                    );
                }
            }
            Command::PasteView(text) => match SavedView::from_share_text(&text) {
                Ok(view) => {
                    effects.extend(self.show_view(&view, &mut dirty));
                    self.views.message = Some((
                        format!("Showing the shared view \u{201c}{}\u{201d}", view.name),
                        false,
                    ));
                    self.status = format!("Showing the shared view \u{201c}{}\u{201d}", view.name);
                }
                Err(e) => self.views.message = Some((format!("Not opened: {e}"), true)),
            },
            Command::ViewsRead { path, file } => {
                if self.views.path.as_ref() == Some(&path) {
                    self.views.file = file;
                    self.views.unwritable = None;
                    self.views.problem = None;
                }
            }
            Command::ViewsSaved(path) => {
                self.views.message = Some((format!("Saved in {}", shown_path(&path)), false));
            }
            Command::ViewsFailed { path, error, read } => {
                self.views.message = Some((error.clone(), true));
                self.status = error.clone();
                let problem = Problem { file: path, error };
                if read {
                    // Shown until the file can be read (it lasts through reloads).
                    self.views.unwritable = Some(problem.error.clone());
                    self.views.problem = Some(problem);
                } else if !self.problems.contains(&problem) {
                    self.problems.push(problem);
                }
            }
        }
        self.recompute(dirty);
        effects
    }

    /// Reads the views file of the opened sources when it is not the one read already.
    fn read_views_effect(&mut self) -> Option<Effect> {
        let path = views_path(&self.sources)?;
        if self.views.path.as_ref() == Some(&path) {
            return None;
        }
        self.views.path = Some(path.clone());
        Some(Effect::ReadViews(path))
    }

    /// Writes the views, unless there is nowhere to or the file there could not be read.
    fn write_views_effect(&mut self) -> Option<Effect> {
        if let Some(reason) = &self.views.unwritable {
            self.views.message = Some((
                format!("Not saved to disk (the file there is left as it is): {reason}"),
                true,
            ));
            return None;
        }
        let Some(path) = self.views.path.clone() else {
            self.views.message = Some((
                "Kept for this session only: open briefs to save views beside them".into(),
                true,
            ));
            return None;
        };
        Some(Effect::SaveViews {
            path,
            file: self.views.file.clone(),
        })
    }

    /// The view the window shows now, named `name`.
    pub fn current_view(
        &self,
        name: &str,
        map: Option<MapExtent>,
        timeline: Option<TimeWindow>,
    ) -> SavedView {
        SavedView {
            name: name.to_string(),
            filter: self.settings.filter.clone(),
            brush: self.brush.map(|(from, to)| BrushRange { from, to }),
            colour_by: self.settings.colour_by,
            lanes: self.settings.lanes,
            map,
            timeline,
            selected: self
                .selection
                .and_then(|k| super::deck::EventRef::of(&self.catalog, k)),
            extra: serde_json::Map::new(),
        }
    }

    fn save_view(
        &mut self,
        name: &str,
        map: Option<MapExtent>,
        timeline: Option<TimeWindow>,
    ) -> Option<Effect> {
        let view = self.current_view(name, map, timeline);
        if let Err(reason) = view.validate() {
            self.views.message = Some((format!("Not saved: {reason}"), true));
            return None;
        }
        self.views.file.put(view);
        self.views.message = None;
        self.status = format!("Saved the view \u{201c}{name}\u{201d}");
        self.write_views_effect()
    }

    /// Puts back the view's filters, brush, colouring, lanes and selection; the map and the
    /// timeline are the shell's (an effect).
    fn show_view(&mut self, view: &SavedView, dirty: &mut Dirty) -> Vec<Effect> {
        self.settings.filter = view.filter.clone();
        self.brush = view.brush.map(|b| (b.from, b.to));
        self.settings.colour_by = view.colour_by;
        self.settings.lanes = view.lanes;
        self.selection = view.selected_key(&self.catalog);
        dirty.filter = true;
        dirty.brush = true;
        dirty.colours = true;
        let mut effects = vec![Effect::ShowExtent {
            map: view.map,
            timeline: view.timeline,
        }];
        if let Some(key) = self.selection {
            effects.push(Effect::ScrollListTo(key));
        }
        effects
    }

    /// Whether the window shows `view`'s filters, brush, colouring, lanes and selection (the
    /// menu marks it).
    pub fn is_showing(&self, view: &SavedView) -> bool {
        view.filter == self.settings.filter
            && view.brush.map(|b| (b.from, b.to)) == self.brush
            && view.colour_by == self.settings.colour_by
            && view.lanes == self.settings.lanes
            && view.selected_key(&self.catalog) == self.selection
    }

    /// Starts presenting (replacing a running presentation).
    fn present(&mut self, presentation: Presentation) -> Vec<Effect> {
        let started = self.presenting.is_none();
        let view = SlidesView::gather(&self.catalog, &presentation);
        self.presenting = Some(Presenting { presentation, view });
        if started {
            vec![Effect::PresentationStarted]
        } else {
            vec![]
        }
    }

    /// Records a deck edit for undo (typing into one note makes one change).
    fn commit_deck(&mut self, before: Deck, note_of: Option<usize>) {
        if before == self.deck.deck {
            return;
        }
        self.deck.dirty = true;
        let after = self.deck.deck.clone();
        self.redo.clear();
        if let Some(Change::Deck {
            after: last_after,
            note_of: Some(last),
            ..
        }) = self.undo.last_mut()
            && note_of == Some(*last)
        {
            *last_after = after;
            return;
        }
        self.undo.push(Change::Deck {
            before,
            after,
            note_of,
        });
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

    /// Takes in what a save wrote; returns whether the corrections shown changed (changes
    /// made outside briefmap were merged in).
    fn corrections_saved(&mut self, file: &std::path::Path, saved: DiskCorrections) -> bool {
        let Some(bi) = self.catalog.brief_index(file) else {
            return false;
        };
        let loaded = &mut self.catalog.briefs[bi];
        let recovered = loaded.status != CorrectionsStatus::Writable;
        let merged = saved.corrections != loaded.corrections;
        loaded.status = CorrectionsStatus::Writable;
        if merged {
            loaded.corrections = saved.corrections.clone();
        }
        loaded.on_disk = Some(saved);
        let sidecar = shown_path(&crate::sources::sidecar::sidecar_path(file));
        if recovered {
            self.problems.retain(|p| {
                !(p.file == file
                    && (p.error.starts_with(NOT_SAVED) || p.error.starts_with(NOT_APPLIED)))
            });
            self.status = format!("Corrections saved: {sidecar} can be written again");
        }
        if !merged {
            return false;
        }
        // Undo would put back corrections from before the outside change, and so undo it too:
        // this brief's history ends here.
        let other_file =
            |c: &Change| !matches!(c, Change::Corrections { file: f, .. } if f == file);
        self.undo.retain(other_file);
        self.redo.retain(other_file);
        self.catalog.reapply(bi);
        if self
            .selection
            .is_some_and(|k| self.catalog.row(k).is_none())
        {
            self.selection = None;
        }
        self.status = format!(
            "Correction saved, together with the changes made to {sidecar} outside briefmap"
        );
        true
    }

    fn writable(&mut self, bi: usize) -> bool {
        match &self.catalog.briefs[bi].status {
            CorrectionsStatus::Writable | CorrectionsStatus::Unsaved(_) => true,
            CorrectionsStatus::ReadOnly(reason) => {
                self.status = format!(
                    "Corrections for {} are read-only: {reason}",
                    shown_path(&self.catalog.briefs[bi].brief.file)
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
        self.catalog.reapply(bi);
        effects
    }

    fn commit_change(&mut self, bi: usize, before: Corrections, key: EventKey) -> Vec<Effect> {
        let loaded = &self.catalog.briefs[bi];
        let after = loaded.corrections.clone();
        if after == before {
            return vec![];
        }
        let file = loaded.brief.file.clone();
        let base = loaded.on_disk.clone();
        self.undo.push(Change::Corrections {
            file: file.clone(),
            before,
            after: after.clone(),
            key,
        });
        self.redo.clear();
        vec![Effect::SaveCorrections {
            file,
            corrections: after,
            base,
        }]
    }

    /// Puts back the state before (`undo`) or after a change.
    fn restore(&mut self, change: &Change, undo: bool) -> Vec<Effect> {
        let (file, corrections, key) = match change {
            Change::Deck { before, after, .. } => {
                self.deck.deck = if undo { before } else { after }.clone();
                self.deck.dirty = true;
                return vec![];
            }
            Change::Corrections {
                file,
                before,
                after,
                key,
            } => (file, if undo { before } else { after }.clone(), *key),
        };
        let Some(bi) = self.catalog.brief_index(file) else {
            return vec![];
        };
        if !self.writable(bi) {
            return vec![];
        }
        self.catalog.briefs[bi].corrections = corrections.clone();
        self.catalog.reapply(bi);
        if self.catalog.row(key).is_some() {
            self.selection = Some(key);
        } else if self.selection == Some(key) {
            self.selection = None;
        }
        vec![Effect::SaveCorrections {
            file: file.to_path_buf(),
            corrections,
            base: self.catalog.briefs[bi].on_disk.clone(),
        }]
    }

    fn recompute(&mut self, dirty: Dirty) {
        let changes = self.catalog.take_changes();
        let data = dirty.data || !changes.is_empty();
        if data {
            self.data_generation += 1;
        }
        let derived = &mut self.derived;
        let catalog = &self.catalog;
        let settings = &self.settings;
        if data || dirty.colours {
            let colour_by = settings.colour_by;
            if derived.colour_counts.dimension != colour_by || changes.all {
                derived.colour_counts = ValueCounts::of(catalog, colour_by);
            } else {
                derived.colour_counts.update(catalog, &changes);
            }
            let lane_by = lane_dimension(settings.lanes);
            derived.lane_counts = match (lane_by, derived.lane_counts.take()) {
                (None, _) => None,
                (Some(d), Some(mut counts)) if counts.dimension == d && !changes.all => {
                    counts.update(catalog, &changes);
                    Some(counts)
                }
                (Some(d), _) => Some(ValueCounts::of(catalog, d)),
            };
            derived.colours = assign_colours(catalog, &derived.colour_counts);
            derived.lanes = assign_lanes(catalog, derived.lane_counts.as_ref());
        }
        if data || dirty.filter {
            let needle = settings.filter.needle();
            if data || derived.text_hits.query != needle {
                derived.text_hits = match self.text_index.search(&needle) {
                    Ok(files) => TextHits {
                        briefs: files
                            .iter()
                            .filter_map(|f| catalog.brief_index(f).map(|b| b as u32))
                            .collect(),
                        query: needle,
                    },
                    Err(e) => {
                        self.status = format!("Full-text search failed: {e}");
                        TextHits {
                            query: needle,
                            briefs: Vec::new(),
                        }
                    }
                };
            }
            derived.filtered =
                derived
                    .engine
                    .evaluate(&settings.filter, catalog, &derived.text_hits, &changes);
        }
        if data || dirty.filter || dirty.brush || dirty.colours {
            let visible = &derived.filtered.visible;
            // Filled again in place: a million rows are not worth a fresh allocation.
            derived.brushed.clear();
            match self.brush {
                None => derived.brushed.extend_from_slice(visible),
                Some((from, to)) => {
                    use chrono::Datelike;
                    let (from, to) = (from.num_days_from_ce(), to.num_days_from_ce());
                    derived
                        .brushed
                        .extend(visible.iter().copied().filter(|&ri| {
                            catalog
                                .store
                                .day_span(ri)
                                .is_some_and(|(start, end)| end >= from && start <= to)
                        }));
                }
            }
            let shown = match self.brush {
                None => derived.filtered.matched.clone(),
                Some(_) => {
                    let mut shown = RowSet::empty(catalog.store.len() as u32);
                    for &r in &derived.brushed {
                        shown.insert(r);
                    }
                    shown
                }
            };
            derived
                .tally
                .update(catalog, &derived.colours, &shown, &changes);
        }
        if data || dirty.filter || dirty.brush || dirty.colours {
            self.view_generation += 1;
        }
    }
}

/// `1 brief`, `2 briefs`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::DateFix;
    use crate::app::synthetic;
    use crate::sources::pasted::PastedBrief;

    fn loaded(n: usize) -> AppState {
        let mut s = AppState::new(Settings::default(), vec![]);
        s.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(n, 1),
                problems: vec![],
                ..LoadedData::default()
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
            .rows()
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
        s.apply(Command::Select(Some(EventKey(12345))));
        assert_eq!(s.selection, None, "unknown keys select nothing");
    }

    #[test]
    fn clicking_a_place_cycles_through_its_events() {
        let mut s = loaded(200);
        let (pi, place_key) = (0..s.catalog.places.len())
            .map(|i| (i as u32, s.catalog.places[i].key))
            .find(|(i, _)| s.catalog.rows().filter(|r| r.places.contains(i)).count() >= 2)
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
        let key = s.catalog.rows().next().unwrap().key;
        let file = s
            .catalog
            .brief_of(&s.catalog.rows().next().unwrap())
            .file
            .clone();
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
                assert!(corrections.events.is_empty(), "{corrections:?}")
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
        let key = s.catalog.rows().find(|r| r.brief == 0).unwrap().key;
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

    #[test]
    fn deck_edits_go_through_apply_and_undo_in_steps() {
        let mut s = loaded(10);
        let keys: Vec<EventKey> = s.catalog.rows().take(3).map(|r| r.key).collect();
        s.apply(Command::DeckAdd(keys.clone()));
        assert_eq!(s.deck.deck.slides.len(), 3);
        assert!(s.deck.dirty);
        s.apply(Command::DeckAdd(vec![keys[0]]));
        assert_eq!(s.deck.deck.slides.len(), 3, "an event is added once");
        // Typing a note letter by letter is one undo step.
        for note in ["W", "Wa", "Wat", "Watch"] {
            s.apply(Command::DeckNote {
                index: 1,
                note: note.into(),
            });
        }
        s.apply(Command::DeckMove { from: 0, to: 2 });
        assert_eq!(
            s.deck.deck.resolve(&s.catalog),
            vec![Some(keys[1]), Some(keys[2]), Some(keys[0])]
        );
        s.apply(Command::Undo);
        assert_eq!(
            s.deck.deck.resolve(&s.catalog),
            vec![Some(keys[0]), Some(keys[1]), Some(keys[2])]
        );
        assert_eq!(s.deck.deck.slides[1].note, "Watch");
        s.apply(Command::Undo);
        assert_eq!(s.deck.deck.slides[1].note, "");
        s.apply(Command::Undo);
        assert!(s.deck.deck.is_empty());
        assert!(!s.can_undo());
        s.apply(Command::Redo);
        s.apply(Command::Redo);
        assert_eq!(s.deck.deck.slides[1].note, "Watch");
        // Corrections and deck edits share one history.
        s.apply(Command::MarkReviewed(keys[0], true));
        s.apply(Command::DeckRemove(0));
        assert_eq!(s.deck.deck.slides.len(), 2);
        s.apply(Command::Undo);
        assert_eq!(s.deck.deck.slides.len(), 3);
        assert!(s.catalog.row(keys[0]).unwrap().reviewed);
        s.apply(Command::Undo);
        assert!(!s.catalog.row(keys[0]).unwrap().reviewed);
    }

    #[test]
    fn presenting_walks_the_slides_and_leaving_selects_the_event_on_screen() {
        let mut s = loaded(20);
        let effects = s.apply(Command::PresentView);
        assert_eq!(effects, vec![Effect::PresentationStarted]);
        let shown = s.presenting.as_ref().unwrap().presentation.events.len();
        assert_eq!(shown, s.derived.brushed.len());
        s.apply(Command::Slide(PresentationCommand::Next));
        s.apply(Command::Slide(PresentationCommand::Next));
        let on_screen = s
            .presenting
            .as_ref()
            .unwrap()
            .presentation
            .current_event()
            .unwrap()
            .key;
        assert_eq!(
            s.catalog.row_index(on_screen),
            Some(s.derived.brushed[1]),
            "the second event slide shows the second event in time order"
        );
        let effects = s.apply(Command::StopPresenting);
        assert!(effects.contains(&Effect::PresentationEnded));
        assert!(s.presenting.is_none());
        assert_eq!(s.selection, Some(on_screen));
        assert!(s.apply(Command::StopPresenting).is_empty());
    }

    #[test]
    fn a_pasted_brief_is_written_by_an_effect_then_opened() {
        let mut s = loaded(2);
        let dir = tempfile::tempdir().unwrap();
        s.sources = vec![dir.path().to_path_buf()];
        let brief = PastedBrief {
            text: "Talks in Baku.".into(),
            source: None,
            published: None,
        };
        let effects = s.apply(Command::CreateBrief(brief.clone()));
        assert_eq!(
            effects,
            vec![Effect::WriteBrief {
                dir: dir.path().to_path_buf(),
                brief
            }]
        );
        let file = dir.path().join("pasted.txt");
        let effects = s.apply(Command::BriefCreated(file.clone()));
        assert_eq!(s.pasted, Some(Ok(file.clone())));
        // (The sources were set by hand, not opened: their saved views are read now.)
        let views = dir.path().join(crate::app::saved_view::VIEWS_FILE_NAME);
        assert!(
            matches!(&effects[..], [Effect::ReadViews(v), Effect::StartLoad { paths, replace: false }] if paths == &[file] && v == &views),
            "{effects:?}"
        );
    }
}
