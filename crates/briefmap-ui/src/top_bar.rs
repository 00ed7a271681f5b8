//! The menu bar and the toolbar (search, match count, colour-by, lanes, theme, fit).

use briefmap_core::app::colour::{ColourBy, LaneBy};
use briefmap_core::app::state::Theme;
use briefmap_core::app::{AppState, Command};

/// The View menu's switch for the live folder.
pub const LIVE_FOLDER_LABEL: &str = "Pick up new briefs in opened folders";

/// What the user chose in the menu or toolbar.
#[derive(Debug, Clone)]
pub enum TopBarAction {
    Command(Command),
    OpenFolder,
    OpenFiles,
    PasteBrief,
    ShowProblems,
    FitMap,
    FitTimeline,
    /// Presentation mode of the filtered events (src/ui/presentation.rs).
    Present,
    /// Show or hide the story deck window.
    ToggleDeck,
    /// File → Export (src/ui/export_menu.rs).
    Export(super::export_menu::ExportChoice),
    /// View → the persistent "start with online map tiles" preference.
    StartOnline(bool),
    /// The Views menu (src/ui/views_menu.rs).
    Views(super::views_menu::ViewsAction),
}

/// The View menu's entry for the persistent online-tiles preference: says what it does.
pub const START_ONLINE_LABEL: &str =
    "Start every session with online map tiles (sends map requests to OpenStreetMap at each start)";

/// Draws the menu bar; `start_online` is the persistent online-tiles preference.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, start_online: bool) -> Vec<TopBarAction> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open folder…").clicked() {
                actions.push(TopBarAction::OpenFolder);
            }
            if ui.button("Open files…").clicked() {
                actions.push(TopBarAction::OpenFiles);
            }
            if ui.button("New brief from clipboard text…").clicked() {
                actions.push(TopBarAction::PasteBrief);
            }
            ui.separator();
            if ui
                .add_enabled(!state.sources.is_empty(), egui::Button::new("Reload"))
                .clicked()
            {
                actions.push(TopBarAction::Command(Command::Reload));
            }
            if ui.button("Problems…").clicked() {
                actions.push(TopBarAction::ShowProblems);
            }
            ui.separator();
            if let Some(choice) = super::export_menu::export_menu_ui(ui) {
                actions.push(TopBarAction::Export(choice));
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(
                    state.can_undo(),
                    egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                actions.push(TopBarAction::Command(Command::Undo));
            }
            if ui
                .add_enabled(
                    state.can_redo(),
                    egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z"),
                )
                .clicked()
            {
                actions.push(TopBarAction::Command(Command::Redo));
            }
            ui.separator();
            if ui.button("Clear filters").clicked() {
                actions.push(TopBarAction::Command(Command::ClearFilters));
            }
        });
        ui.menu_button("View", |ui| {
            if ui.button("Fit map to events").clicked() {
                actions.push(TopBarAction::FitMap);
            }
            if ui.button("Fit timeline").clicked() {
                actions.push(TopBarAction::FitTimeline);
            }
            ui.separator();
            let dark = state.settings.theme == Theme::Dark;
            if ui
                .button(if dark { "Light theme" } else { "Dark theme" })
                .clicked()
            {
                actions.push(TopBarAction::Command(Command::SetTheme(if dark {
                    Theme::Light
                } else {
                    Theme::Dark
                })));
            }
            ui.separator();
            let mut live = !state.settings.live_folder_paused;
            if ui
                .checkbox(&mut live, LIVE_FOLDER_LABEL)
                .on_hover_text(
                    "On (the default): briefs that another program writes, changes or \
                     deletes in the opened folders are picked up by themselves. Off: nothing \
                     changes until File → Reload.",
                )
                .changed()
            {
                actions.push(TopBarAction::Command(Command::SetLiveFolder(live)));
            }
            let mut on = start_online;
            if ui
                .checkbox(&mut on, START_ONLINE_LABEL)
                .on_hover_text(
                    "Off (the default): every start is offline, whatever the map's \
                     \"Online tiles\" switch was last time. On: online tiles are turned on at \
                     every start, until you turn this off.",
                )
                .changed()
            {
                actions.push(TopBarAction::StartOnline(on));
            }
        });
        ui.menu_button("Views", |ui| {
            if let Some(action) = super::views_menu::views_menu_ui(ui, state) {
                actions.push(TopBarAction::Views(action));
            }
        });
    });
    actions
}

/// Draws the toolbar. `search` is the text box buffer; returns the actions and the search box id.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    search: &mut String,
    focus_search: bool,
) -> (Vec<TopBarAction>, egui::Id) {
    let mut actions = Vec::new();
    let mut search_id = egui::Id::NULL;
    ui.horizontal(|ui| {
        let label = ui.label("Search").id;
        let response = ui.add(
            egui::TextEdit::singleline(search)
                .id_salt("search")
                .hint_text("Search events (Ctrl+F)")
                .desired_width(240.0),
        );
        let response = response.labelled_by(label).on_hover_text("Search");
        search_id = response.id;
        if focus_search {
            response.request_focus();
        }
        if response.changed() {
            actions.push(TopBarAction::Command(Command::SetText(search.clone())));
        }
        let shown = state.visible().len();
        let total = state.catalog.len();
        ui.label(egui::RichText::new(format!("{shown} of {total} events")).strong());
        if ui
            .add_enabled(
                !state.filter().is_empty() || state.brush.is_some(),
                egui::Button::new("✖ Clear"),
            )
            .on_hover_text("Clear filters")
            .clicked()
        {
            actions.push(TopBarAction::Command(Command::ClearFilters));
        }
        ui.separator();
        let colour_label = ui.label("Colour by").id;
        egui::ComboBox::from_id_salt("colour_by")
            .selected_text(state.settings.colour_by.label())
            .show_ui(ui, |ui| {
                for c in ColourBy::ALL {
                    if ui
                        .selectable_label(state.settings.colour_by == c, c.label())
                        .clicked()
                    {
                        actions.push(TopBarAction::Command(Command::SetColourBy(c)));
                    }
                }
            })
            .response
            .labelled_by(colour_label);
        let lanes_label = ui.label("Lanes").id;
        egui::ComboBox::from_id_salt("lanes")
            .selected_text(state.settings.lanes.label())
            .show_ui(ui, |ui| {
                for l in LaneBy::ALL {
                    if ui
                        .selectable_label(state.settings.lanes == l, l.label())
                        .clicked()
                    {
                        actions.push(TopBarAction::Command(Command::SetLanes(l)));
                    }
                }
            })
            .response
            .labelled_by(lanes_label);
        ui.separator();
        if ui
            .button("Present")
            .on_hover_text("Present the filtered events full screen (F5)")
            .clicked()
        {
            actions.push(TopBarAction::Present);
        }
        if ui
            .button("Story deck")
            .on_hover_text("Pick, order and annotate events to present")
            .clicked()
        {
            actions.push(TopBarAction::ToggleDeck);
        }
        ui.separator();
        let dark = state.settings.theme == Theme::Dark;
        let theme_label = if dark { "☀ Light" } else { "☾ Dark" };
        if ui
            .button(theme_label)
            .on_hover_text("Switch between light and dark theme")
            .clicked()
        {
            actions.push(TopBarAction::Command(Command::SetTheme(if dark {
                Theme::Light
            } else {
                Theme::Dark
            })));
        }
    });
    (actions, search_id)
}
