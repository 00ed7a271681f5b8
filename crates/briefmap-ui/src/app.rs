//! The eframe app: gathers view models from `AppState`, draws the panels (menu, toolbar,
//! filters, map, event list, timeline, details/edit form, status bar), collects the commands
//! they return, and applies them in one place (`BriefmapApp::apply`), carrying out effects.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Instant;

use briefmap_core::app::catalog::LoadedBrief;
use briefmap_core::app::effects::{Carried, carry_out};
use briefmap_core::app::state::plural;
use briefmap_core::app::state::{LoadedData, Settings, Theme};
use briefmap_core::app::view::ViewModels;
use briefmap_core::app::{AppState, Command, Effect};
use briefmap_core::corpus::{CacheMode, Progress, load_line};
use briefmap_core::sources::watch::FolderWatch;

use super::details::{DetailsAction, DetailsPanel};
use super::dialogs::{PasteDialog, problems_ui};
use super::edit_form::{EditDraft, EditOutcome};
use super::event_list::EventList;
use super::filters_panel::FiltersPanel;
use super::loader::Loader;
use super::map::{MapIntent, MapPanel, MapSettings};
use super::palette::slot_colour;
use super::timeline::{TimelineIntent, TimelinePanel, TimelineSettings};
use super::top_bar::{TopBarAction, menu_bar_ui, toolbar_ui};
use super::views_menu::{ViewsAction, ViewsDialog};

const SETTINGS_KEY: &str = "briefmap.settings";
const MAP_SETTINGS_KEY: &str = "briefmap.map";
const TIMELINE_SETTINGS_KEY: &str = "briefmap.timeline";

/// The briefmap window.
pub struct BriefmapApp {
    pub state: AppState,
    pub map: MapPanel,
    pub timeline: TimelinePanel,
    loader: Loader,
    views: ViewModels,
    filters: FiltersPanel,
    list: EventList,
    details: DetailsPanel,
    draft: Option<EditDraft>,
    paste: Option<PasteDialog>,
    /// The "Save view" / "Paste view" window.
    views_dialog: ViewsDialog,
    show_problems: bool,
    search: String,
    search_id: Option<egui::Id>,
    focus_search: bool,
    applied_theme: Option<Theme>,
    /// Presentation mode and the story deck (src/ui/presentation.rs, src/ui/deck_panel.rs).
    pub presenter: super::presentation::Presenter,
    /// File → Export, including exports waiting for a screenshot.
    pub exporter: super::export_menu::Exporter,
    /// The live folder: watches what is opened, when switched on.
    live: LiveWatch,
}

/// Watching the opened folders for new, changed and deleted briefs.
#[derive(Default)]
struct LiveWatch {
    on: bool,
    /// The sources being watched (a new source restarts the watch).
    watched: Vec<PathBuf>,
    watch: Option<FolderWatch>,
}

impl LiveWatch {
    /// Commands for what changed in the opened folders (restarting the watch when the
    /// sources changed); asks for a frame when a waiting change is due.
    fn poll(&mut self, ctx: &egui::Context, sources: &[PathBuf], paused: bool) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.on || paused {
            // Stopped: the next start watches afresh.
            self.watch = None;
            self.watched.clear();
            return commands;
        }
        if self.watched != sources {
            self.watched = sources.to_vec();
            let wake = ctx.clone();
            self.watch = match FolderWatch::start(sources, move || wake.request_repaint()) {
                Ok(watch) => Some(watch),
                Err(e) => {
                    commands.push(Command::WatchFailed(e.to_string()));
                    None
                }
            };
        }
        let Some(watch) = &mut self.watch else {
            return commands;
        };
        let now = Instant::now();
        let changes = watch.poll(now);
        if watch.take_lost() {
            commands.push(Command::RefreshAll);
        } else if !changes.is_empty() {
            commands.push(Command::FilesChanged(changes));
        }
        for error in watch.take_errors() {
            commands.push(Command::WatchFailed(format!(
                "watching for new briefs: {error}"
            )));
        }
        if let Some(due) = watch.next_due(now) {
            ctx.request_repaint_after(due);
        }
        commands
    }
}

impl BriefmapApp {
    /// The app as eframe creates it: settings from storage, loading `paths` in the background
    /// through the corpus cache `cache`.
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>, cache: CacheMode) -> Self {
        Self::from_storage(&cc.egui_ctx, cc.storage, paths, cache)
    }

    /// The app as a new session starts it from saved settings (`None`: nothing saved). Online
    /// map tiles are on only if the user asked for them at every start.
    pub fn from_storage(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        paths: Vec<PathBuf>,
        cache: CacheMode,
    ) -> Self {
        let settings: Settings = storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let map_settings: MapSettings = storage
            .and_then(|s| eframe::get_value::<MapSettings>(s, MAP_SETTINGS_KEY))
            .unwrap_or_default()
            .at_start();
        let timeline_settings: TimelineSettings = storage
            .and_then(|s| eframe::get_value(s, TIMELINE_SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(ctx, settings, map_settings, timeline_settings);
        app.set_cache(cache);
        app.watch_folders(true);
        app.open(ctx, paths);
        app
    }

    /// An app with the given settings and nothing loaded yet.
    pub fn with_settings(
        ctx: &egui::Context,
        settings: Settings,
        map_settings: MapSettings,
        timeline_settings: TimelineSettings,
    ) -> Self {
        super::fonts::install_fonts(ctx);
        let search = settings.filter.text.clone();
        Self {
            state: AppState::new(settings, Vec::new()),
            map: MapPanel::new(map_settings),
            timeline: TimelinePanel::new(timeline_settings),
            loader: Loader::default(),
            views: ViewModels::default(),
            filters: FiltersPanel::default(),
            list: EventList::default(),
            details: DetailsPanel::default(),
            draft: None,
            paste: None,
            views_dialog: ViewsDialog::Closed,
            show_problems: false,
            search,
            search_id: None,
            focus_search: false,
            applied_theme: None,
            presenter: Default::default(),
            exporter: Default::default(),
            live: LiveWatch::default(),
        }
    }

    /// An app showing already loaded briefs (benchmarks, tests).
    pub fn with_briefs(ctx: &egui::Context, settings: Settings, briefs: Vec<LoadedBrief>) -> Self {
        let mut app = Self::with_settings(
            ctx,
            settings,
            MapSettings::default(),
            TimelineSettings::default(),
        );
        app.apply(
            ctx,
            Command::LoadFinished {
                data: LoadedData {
                    briefs,
                    ..LoadedData::default()
                },
                replace: true,
            },
        );
        app
    }

    /// Whether new, changed and deleted files in the opened folders are picked up while the
    /// app runs (on in the window; off in tests and screenshots unless they ask for it).
    pub fn watch_folders(&mut self, on: bool) {
        self.live.on = on;
        if !on {
            self.live = LiveWatch::default();
        }
    }

    /// Where loads cache their extraction results (none unless set).
    pub fn set_cache(&mut self, cache: CacheMode) {
        self.loader.cache = cache;
    }

    /// Opens files or folders (loaded in the background).
    pub fn open(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if !paths.is_empty() {
            self.apply(ctx, Command::Open(paths));
        }
    }

    /// Waits for running loads and applies their results (tests, screenshots).
    pub fn wait_for_loading(&mut self, ctx: &egui::Context) {
        for cmd in self.loader.wait_all() {
            self.apply(ctx, cmd);
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_busy()
    }

    /// Starts editing the selected event (as the "Edit event" button does).
    pub fn start_editing(&mut self) {
        if let Some(key) = self.state.selection {
            self.draft = EditDraft::for_event(&self.state, key);
        }
    }

    /// The timeline's current view model (tests).
    pub fn timeline_view(&self) -> &super::timeline::TimelineViewModel {
        &self.views.timeline
    }

    /// The map's current view model (tests).
    pub fn map_view(&self) -> &super::map::MapViewModel {
        &self.views.map
    }

    pub fn draft(&self) -> Option<&EditDraft> {
        self.draft.as_ref()
    }

    pub fn draft_mut(&mut self) -> Option<&mut EditDraft> {
        self.draft.as_mut()
    }

    /// Applies one command and carries out its effects, and the commands those report, in
    /// order. The only place state changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let mut queue = VecDeque::from([command]);
        while let Some(command) = queue.pop_front() {
            let finished_load = match &command {
                Command::LoadFinished { data, .. } | Command::RefreshFinished(data)
                    if !data.stats.cancelled =>
                {
                    Some((
                        data.briefs
                            .iter()
                            .map(|b| b.brief.events.len())
                            .sum::<usize>(),
                        data.stats,
                        data.problems.len(),
                        data.started,
                    ))
                }
                _ => None,
            };
            let effects = self.state.apply(command);
            if let Some((events, stats, problems, Some(started))) = finished_load {
                // One line per finished load, for scripts (and for us).
                eprintln!(
                    "{}",
                    load_line(events, &stats, started.elapsed().as_millis(), problems)
                );
            }
            for effect in effects {
                match carry_out(effect) {
                    Carried::Done(outcomes) => queue.extend(outcomes),
                    Carried::Shell(effect) => queue.extend(self.carry_out_view_effect(ctx, effect)),
                }
            }
        }
        let search_focused = self
            .search_id
            .is_some_and(|id| ctx.memory(|m| m.has_focus(id)));
        if self.search != self.state.settings.filter.text && !search_focused {
            self.search = self.state.settings.filter.text.clone();
        }
        // Editing ends when its event disappears or another one is selected.
        if self.draft.as_ref().is_some_and(|d| match &d.target {
            super::edit_form::DraftTarget::Existing(k) => {
                self.state.catalog.row(*k).is_none() || self.state.selection != Some(*k)
            }
            super::edit_form::DraftTarget::New(_) => false,
        }) {
            self.draft = None;
        }
    }

    /// Carries out an effect on the views (map, timeline, list, window, loader); returns the
    /// commands it leads to.
    fn carry_out_view_effect(&mut self, ctx: &egui::Context, effect: Effect) -> Vec<Command> {
        match effect {
            Effect::FlyTo(points) => match points.as_slice() {
                [point] => self
                    .map
                    .fly_to(*point, Some(self.map.zoom_level().max(5.0))),
                _ => self.map.fit(&points),
            },
            Effect::ScrollTimelineTo(date) => self.timeline.scroll_to(date),
            Effect::ScrollListTo(key) => self.list.scroll_to(key),
            Effect::StartLoad { paths, replace } => {
                let finish = move |data| Command::LoadFinished { data, replace };
                return match self.loader.start(ctx, paths, finish) {
                    Ok(()) => vec![Command::LoadStarted],
                    Err(error) => vec![Command::LoadFailed(error)],
                };
            }
            Effect::StartRefresh { paths } => {
                return match self.loader.start(ctx, paths, Command::RefreshFinished) {
                    Ok(()) => vec![Command::LoadStarted],
                    Err(error) => vec![Command::LoadFailed(error)],
                };
            }
            Effect::CancelLoad => self.loader.cancel_all(),
            Effect::PresentationStarted => self.presenter.started(ctx, self.map.settings()),
            Effect::PresentationEnded => self.presenter.ended(ctx),
            Effect::ShowExtent { map, timeline } => {
                if let Some(extent) = map {
                    self.map.show_extent(extent);
                }
                if let Some(window) = timeline {
                    self.timeline.show_window(window);
                }
            }
            Effect::CopyText(text) => ctx.copy_text(text),
            file_effect @ (Effect::SaveCorrections { .. }
            | Effect::SaveDeck { .. }
            | Effect::ReadDeck(_)
            | Effect::WriteBrief { .. }
            | Effect::ReadViews(_)
            | Effect::SaveViews { .. }) => {
                // `carry_out` handles every file effect; reaching here is a bug worth seeing.
                eprintln!("briefmap: a file effect reached the shell: {file_effect:?}");
            }
        }
        Vec::new()
    }

    fn keyboard_commands(&mut self, ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let mut out = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)) {
                self.focus_search = true;
            }
            if typing {
                return;
            }
            if i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )) || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
            {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)) {
                out.push(Command::Undo);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowDown)
                || i.consume_key(Modifiers::NONE, Key::ArrowRight)
            {
                out.push(Command::Step(1));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowUp)
                || i.consume_key(Modifiers::NONE, Key::ArrowLeft)
            {
                out.push(Command::Step(-1));
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::Select(None));
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                out.push(Command::PresentView);
            }
        });
        out
    }

    fn handle_top_bar(
        &mut self,
        ctx: &egui::Context,
        action: TopBarAction,
        commands: &mut Vec<Command>,
    ) {
        match action {
            TopBarAction::Command(c) => commands.push(c),
            TopBarAction::OpenFolder => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("Open a folder of briefs")
                    .pick_folder()
                {
                    commands.push(Command::Open(vec![dir]));
                }
            }
            TopBarAction::OpenFiles => {
                if let Some(files) = rfd::FileDialog::new()
                    .set_title("Open briefs")
                    .add_filter(
                        "Briefs and event files",
                        &["txt", "md", "csv", "tsv", "geojson", "json"],
                    )
                    .pick_files()
                {
                    commands.push(Command::Open(files));
                }
            }
            TopBarAction::PasteBrief => self.paste = Some(PasteDialog::default()),
            TopBarAction::ShowProblems => self.show_problems = true,
            TopBarAction::FitMap => {
                let points = self.views.marker_points();
                self.map.fit(&points);
            }
            TopBarAction::FitTimeline => self.timeline.fit_all(),
            TopBarAction::StartOnline(on) => self.map.set_start_online(on),
            TopBarAction::Present => commands.push(Command::PresentView),
            TopBarAction::ToggleDeck => self.presenter.deck.open = !self.presenter.deck.open,
            TopBarAction::Export(super::export_menu::ExportChoice::DeckSlides) => self
                .exporter
                .start_deck_slides(ctx, &self.state.deck.deck, self.state.sources.clone()),
            TopBarAction::Export(choice) => self.exporter.start(ctx, &self.state, choice),
            TopBarAction::Views(action) => self.handle_views(action, commands),
        }
    }

    /// Opens the views' windows, or turns the user's choice into a command.
    fn handle_views(&mut self, action: ViewsAction, commands: &mut Vec<Command>) {
        match action {
            ViewsAction::AskName => {
                // Saving again the view on screen offers its name (saving replaces it).
                let shown = self.state.views.file.views.iter();
                let name = shown
                    .filter(|v| self.state.is_showing(v))
                    .map(|v| v.name.clone())
                    .next()
                    .unwrap_or_default();
                self.views_dialog = ViewsDialog::Name(name);
            }
            ViewsAction::AskText => {
                self.views_dialog = ViewsDialog::Paste {
                    text: String::new(),
                    submitted: false,
                }
            }
            ViewsAction::Save(name) => commands.push(Command::SaveView {
                name,
                map: Some(self.map.extent()),
                timeline: self.timeline.window(),
            }),
            ViewsAction::Command(c) => commands.push(c),
        }
    }

    /// One frame of the whole window (without eframe's `Frame`, for tests and benchmarks).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands: Vec<Command> = self.loader.poll();
        let paused = self.state.settings.live_folder_paused;
        commands.extend(self.live.poll(&ctx, &self.state.sources, paused));
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Command::Open(dropped));
        }
        self.exporter.poll(&self.state);
        self.exporter.message_ui(&ctx);
        // Presentation mode (F5) owns the whole window and its keys while it runs.
        if let Some(more) = self.presenter.present_frame_ui(ui, &self.state) {
            for c in commands.into_iter().chain(more) {
                self.apply(&ctx, c);
            }
            return;
        }
        commands.extend(self.keyboard_commands(&ctx));
        for c in commands.drain(..) {
            self.apply(&ctx, c);
        }
        if self.applied_theme != Some(self.state.settings.theme) {
            ctx.set_theme(match self.state.settings.theme {
                Theme::Light => egui::Theme::Light,
                Theme::Dark => egui::Theme::Dark,
            });
            self.applied_theme = Some(self.state.settings.theme);
        }
        self.views.refresh(
            &self.state,
            self.draft.as_ref().is_some_and(|d| d.picking_on_map),
        );

        let mut top_actions = Vec::new();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            top_actions.extend(menu_bar_ui(
                ui,
                &self.state,
                self.map.settings().start_online,
            ));
            let focus = std::mem::take(&mut self.focus_search);
            let (actions, search_id) = toolbar_ui(ui, &self.state, &mut self.search, focus);
            top_actions.extend(actions);
            self.search_id = Some(search_id);
        });
        for a in top_actions {
            self.handle_top_bar(&ctx, a, &mut commands);
        }

        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(progress) = self.state.loading {
                    ui.spinner();
                    let bar = egui::ProgressBar::new(progress_fraction(&progress))
                        .desired_width(160.0)
                        .text(progress_text(&progress));
                    ui.add(bar).on_hover_text(progress_detail(&progress));
                    if ui
                        .button("Cancel")
                        .on_hover_text("Stop loading (what is shown stays as it is)")
                        .clicked()
                    {
                        commands.push(Command::CancelLoad);
                    }
                }
                if self.map.online() {
                    ui.label(
                        egui::RichText::new("● Online: map tiles from OpenStreetMap")
                            .color(ui.visuals().warn_fg_color)
                            .strong(),
                    )
                    .on_hover_text(
                        "While online tiles are on, the parts of the map you look at are \
                         downloaded from tile.openstreetmap.org, which sees your address and \
                         the areas viewed. Untick \"Online tiles\" on the map to go offline.",
                    );
                }
                let problems = self.state.all_problems().count();
                if problems > 0
                    && ui
                        .button(
                            egui::RichText::new(format!("⚠ {problems} problems"))
                                .color(ui.visuals().warn_fg_color),
                        )
                        .clicked()
                {
                    self.show_problems = true;
                }
                if ui
                    .add_enabled(self.state.can_undo(), egui::Button::new("Undo"))
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.state.can_redo(), egui::Button::new("Redo"))
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.label(&self.state.status);
            });
        });

        egui::Panel::bottom("timeline_panel")
            .resizable(true)
            .default_size(230.0)
            .min_size(120.0)
            .show(ui, |ui| {
                let intents =
                    self.timeline
                        .timeline_ui(ui, &self.views.timeline, self.state.view_generation);
                for intent in intents {
                    match intent {
                        TimelineIntent::Select(k) => commands.push(Command::Select(Some(k))),
                        TimelineIntent::Hover(h) => {
                            if h != self.state.hover.event {
                                commands.push(Command::Hover(h));
                            }
                        }
                        TimelineIntent::Brush(b) => commands.push(Command::Brush(b)),
                    }
                }
            });

        egui::Panel::left("filters_panel")
            .resizable(true)
            .default_size(240.0)
            .min_size(180.0)
            .show(ui, |ui| {
                commands.extend(self.filters.filters_ui(ui, &self.state));
            });

        egui::Panel::right("details_panel")
            .resizable(true)
            .default_size(400.0)
            .min_size(260.0)
            .show(ui, |ui| {
                if let Some(draft) = &mut self.draft {
                    let state = &self.state;
                    let outcome = egui::ScrollArea::vertical()
                        .id_salt("edit_scroll")
                        .show(ui, |ui| draft.edit_form_ui(ui, state))
                        .inner;
                    match outcome {
                        Some(EditOutcome::Apply(c)) => {
                            commands.push(c);
                            self.draft = None;
                        }
                        Some(EditOutcome::Cancel) => self.draft = None,
                        None => {}
                    }
                } else {
                    for action in self.details.details_ui(ui, &self.state) {
                        match action {
                            DetailsAction::Command(c) => commands.push(c),
                            DetailsAction::Edit(key) => {
                                self.draft = EditDraft::for_event(&self.state, key)
                            }
                            DetailsAction::AddToBrief(file) => {
                                self.draft = Some(EditDraft::new_event(file))
                            }
                        }
                    }
                }
            });

        egui::CentralPanel::default().show(ui, |ui| {
            egui::Panel::bottom("list_panel")
                .resizable(true)
                .default_size(220.0)
                .min_size(80.0)
                .show(ui, |ui| {
                    commands.extend(self.list.event_list_ui(ui, &self.state));
                });
            ui.horizontal_wrapped(|ui| {
                ui.weak(format!(
                    "Colour: {}",
                    self.state.settings.colour_by.label().to_lowercase()
                ));
                for (label, slot, _) in &self.state.derived.colours.legend {
                    ui.label(egui::RichText::new("●").color(slot_colour(*slot)));
                    ui.label(egui::RichText::new(label).small());
                }
            });
            let intents = self.map.map_ui(ui, &self.views.map);
            for intent in intents {
                match intent {
                    MapIntent::SelectPlace(p) => {
                        if self.draft.as_ref().is_some_and(|d| d.picking_on_map) {
                            continue;
                        }
                        commands.push(Command::SelectPlace(p));
                    }
                    MapIntent::HoverPlace(p) => {
                        if p != self.state.hover.place
                            && (p.is_some() || self.state.hover.place.is_some())
                        {
                            commands.push(Command::HoverPlace(p));
                        }
                    }
                    MapIntent::PickPoint(point) => {
                        if let Some(d) = self.draft.as_mut().filter(|d| d.picking_on_map) {
                            d.pick_point(point);
                        }
                    }
                    MapIntent::SettingsChanged => {}
                }
            }
        });

        if let Some(paste) = &mut self.paste {
            // The last pasted brief's fate: saved (close the dialog) or an error to show.
            match &self.state.pasted {
                Some(Ok(_)) if paste.submitted => self.paste = None,
                Some(Err(e)) if paste.submitted => {
                    paste.error = Some(e.clone());
                    paste.submitted = false;
                }
                _ => {}
            }
        }
        if let Some(paste) = &mut self.paste {
            match paste.paste_ui(&ctx) {
                Some(Ok(pasted)) => {
                    paste.submitted = true;
                    commands.push(Command::CreateBrief(pasted));
                }
                Some(Err(())) => self.paste = None,
                None => {}
            }
        }
        if let Some(action) = self.views_dialog.views_dialog_ui(&ctx, &self.state) {
            self.handle_views(action, &mut commands);
        }
        if self.show_problems {
            let mut open = true;
            if problems_ui(&ctx, &self.state, &mut open) {
                commands.push(Command::DismissProblems);
            }
            self.show_problems = open;
        }
        commands.extend(self.presenter.deck_window_ui(&ctx, &self.state));
        let files_hovered = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if files_hovered {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop briefs or folders to open them",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }

        for c in commands {
            self.apply(&ctx, c);
        }
        if self.loader.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

/// How much of a load is done, 0 to 1.
fn progress_fraction(p: &Progress) -> f32 {
    if p.found > 0 {
        p.done() as f32 / p.found as f32
    } else {
        0.0
    }
}

/// The progress bar's text: what the load is doing now.
fn progress_text(p: &Progress) -> String {
    if p.importing > 0 {
        format!(
            "Importing {}…",
            plural(p.importing, "event file", "event files")
        )
    } else if p.found == 0 {
        "Looking for files…".to_string()
    } else {
        format!("{} of {} files", p.done(), p.found)
    }
}

/// Found, extracted, from the cache.
fn progress_detail(p: &Progress) -> String {
    format!(
        "{} found · {} extracted · {} from cache{}",
        p.found,
        p.extracted,
        p.from_cache,
        if p.failed > 0 {
            format!(" · {} unusable", p.failed)
        } else {
            String::new()
        }
    )
}

impl eframe::App for BriefmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, MAP_SETTINGS_KEY, &self.map.settings());
        eframe::set_value(storage, TIMELINE_SETTINGS_KEY, &self.timeline.settings());
    }
}
