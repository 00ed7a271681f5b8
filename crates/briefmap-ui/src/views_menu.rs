//! The Views menu (save the current view, paste a shared one, recall, copy or delete a saved
//! one) and its two small windows. Draws `state.views` and returns what the user chose; the
//! views themselves — their file, share text and restoring — are the core's
//! (`briefmap_core::app::saved_view`).

use briefmap_core::app::{AppState, Command};

/// What the user chose in the Views menu or its windows.
#[derive(Debug, Clone)]
pub enum ViewsAction {
    /// Open the "Save view" window.
    AskName,
    /// Open the "Paste view" window.
    AskText,
    /// Save the current view under this name (the shell adds the map and timeline extent).
    Save(String),
    Command(Command),
}

/// Label of the menu entry that opens the "Save view" window.
pub const SAVE_VIEW_LABEL: &str = "Save current view…";
/// Label of the menu entry that opens the "Paste view" window.
pub const PASTE_VIEW_LABEL: &str = "Paste view…";

/// The Views menu's contents (inside `ui.menu_button("Views", …)`).
pub fn views_menu_ui(ui: &mut egui::Ui, state: &AppState) -> Option<ViewsAction> {
    let mut action = None;
    if ui
        .button(SAVE_VIEW_LABEL)
        .on_hover_text(
            "Name what the window shows now — filters, brush, colouring, lanes, map, \
             timeline and selected event — to come back to it",
        )
        .clicked()
    {
        action = Some(ViewsAction::AskName);
    }
    if ui
        .button(PASTE_VIEW_LABEL)
        .on_hover_text("Open a view someone shared as text (briefmap-view:…)")
        .clicked()
    {
        action = Some(ViewsAction::AskText);
    }
    ui.separator();
    let views = &state.views.file.views;
    if views.is_empty() {
        ui.weak("No saved views yet");
    }
    egui::Grid::new("saved_views")
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for view in views {
                let label = if state.is_showing(view) {
                    format!("✔ {}", view.name)
                } else {
                    view.name.clone()
                };
                if ui
                    .button(label)
                    .on_hover_text(format!("Show the view “{}”", view.name))
                    .clicked()
                {
                    action = Some(ViewsAction::Command(Command::RecallView(view.name.clone())));
                }
                if ui
                    .small_button("Copy as text")
                    .on_hover_text(format!(
                        "Copy “{}” as one line of text to paste into Views → Paste view…",
                        view.name
                    ))
                    .clicked()
                {
                    action = Some(ViewsAction::Command(Command::CopyView(view.name.clone())));
                }
                if ui
                    .small_button("Delete")
                    .on_hover_text(format!("Delete the saved view “{}”", view.name))
                    .clicked()
                {
                    action = Some(ViewsAction::Command(Command::DeleteView(view.name.clone())));
                }
                ui.end_row();
            }
        });
    if let Some(path) = &state.views.path {
        ui.separator();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        ui.weak(format!(
            "Kept in {} beside the briefs",
            name.as_deref().unwrap_or("briefmap-views.json")
        ))
        .on_hover_text(briefmap_core::text::shown::shown_path(path));
    }
    if let Some((message, true)) = &state.views.message {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    action
}

/// The "Save view" and "Paste view" windows, while one is open.
#[derive(Debug, Clone, Default)]
pub enum ViewsDialog {
    #[default]
    Closed,
    Name(String),
    /// The text, and whether "Open" was pressed and the core has not answered yet.
    Paste {
        text: String,
        submitted: bool,
    },
}

impl ViewsDialog {
    pub fn is_open(&self) -> bool {
        !matches!(self, ViewsDialog::Closed)
    }

    /// Draws the open window; returns what the user chose.
    pub fn views_dialog_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
    ) -> Option<ViewsAction> {
        let mut action = None;
        let mut open = true;
        let mut close = false;
        match self {
            ViewsDialog::Closed => return None,
            ViewsDialog::Name(name) => {
                egui::Window::new("Save view")
                    .open(&mut open)
                    .collapsible(false)
                    .resizable(false)
                    .show(ctx, |ui| {
                        ui.label(
                            "Saves the filters, brush, colouring, lanes, map extent, timeline \
                             window and selected event under a name (a view of the same name \
                             is replaced).",
                        );
                        let label = ui.label("View name").id;
                        let response = ui
                            .add(
                                egui::TextEdit::singleline(name)
                                    .hint_text("e.g. Caspian gas, 2024")
                                    .desired_width(320.0),
                            )
                            .labelled_by(label);
                        if !response.has_focus() && name.is_empty() {
                            response.request_focus();
                        }
                        let entered =
                            response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let exists = state.views.file.get(name.trim()).is_some();
                        if exists {
                            ui.weak("A view of this name exists: saving replaces it.");
                        }
                        ui.horizontal(|ui| {
                            let can_save = !name.trim().is_empty();
                            if ui
                                .add_enabled(can_save, egui::Button::new("Save"))
                                .clicked()
                                || (entered && can_save)
                            {
                                action = Some(ViewsAction::Save(name.trim().to_string()));
                                close = true;
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
            }
            ViewsDialog::Paste { text, submitted } => {
                // The core's answer to "Open": an error keeps the window open and shows it.
                if *submitted {
                    *submitted = false;
                    match &state.views.message {
                        Some((_, true)) => {}
                        _ => close = true,
                    }
                }
                egui::Window::new("Paste view")
                    .open(&mut open)
                    .collapsible(false)
                    .default_width(460.0)
                    .show(ctx, |ui| {
                        ui.label("Paste a view shared as text (it starts with briefmap-view:).");
                        let label = ui.label("Shared view text").id;
                        ui.add(
                            egui::TextEdit::multiline(text)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label);
                        if let Some((message, true)) = &state.views.message {
                            ui.colored_label(ui.visuals().error_fg_color, message);
                        }
                        ui.horizontal(|ui| {
                            if ui
                                .add_enabled(!text.trim().is_empty(), egui::Button::new("Open"))
                                .clicked()
                            {
                                action =
                                    Some(ViewsAction::Command(Command::PasteView(text.clone())));
                                *submitted = true;
                            }
                            if ui.button("Cancel").clicked() {
                                close = true;
                            }
                        });
                    });
            }
        }
        if close || !open {
            *self = ViewsDialog::Closed;
        }
        action
    }
}
