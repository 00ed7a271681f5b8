//! The story deck window: add the selected event (or the filtered ones), reorder slides by
//! dragging or with ↑/↓, write a note per slide, name the deck, save/open it as JSON, present
//! it. Draws `AppState::deck` and returns commands (every edit undoable); file dialogs may be
//! unavailable (no portal) — then nothing happens and the window says so.

use std::path::Path;

use egui::{Id, RichText, Ui};

use briefmap_core::app::deck::EventRef;
use briefmap_core::app::{AppState, Command};

/// The deck window's own state: whether it is open. The deck itself is the core's
/// (`AppState::deck`), changed only through commands.
#[derive(Default)]
pub struct DeckPanel {
    pub open: bool,
}

impl DeckPanel {
    fn save_dialog(&self, state: &AppState) -> Command {
        let deck = &state.deck;
        let name = format!("{}.json", sanitised_file_stem(&deck.deck.name));
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save deck")
            .add_filter("briefmap deck", &["json"])
            .set_file_name(&name);
        if let Some(dir) = deck.path.as_deref().and_then(Path::parent) {
            dialog = dialog.set_directory(dir);
        }
        match dialog.save_file() {
            Some(path) => Command::DeckSave(path),
            None => Command::DeckFailed(
                "Not saved (no file chosen, or no file dialog on this system)".into(),
            ),
        }
    }

    fn open_dialog(&self) -> Command {
        match rfd::FileDialog::new()
            .set_title("Open deck")
            .add_filter("briefmap deck", &["json"])
            .pick_file()
        {
            Some(path) => Command::DeckOpen(path),
            None => Command::DeckFailed(
                "No deck opened (no file chosen, or no file dialog on this system)".into(),
            ),
        }
    }

    /// The deck window (when open); returns what the user asked for.
    pub fn deck_window_ui(&mut self, ctx: &egui::Context, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut open = self.open;
        egui::Window::new("Story deck")
            .id(Id::unique("deck_window"))
            .open(&mut open)
            .default_width(420.0)
            .show(ctx, |ui| {
                self.deck_ui(ui, state, &mut commands);
            });
        self.open = open;
        commands
    }

    fn deck_ui(&mut self, ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
        let catalog = &state.catalog;
        let deck = &state.deck.deck;
        ui.horizontal(|ui| {
            let label = ui.label("Deck name").id;
            let mut name = deck.name.clone();
            if ui
                .text_edit_singleline(&mut name)
                .labelled_by(label)
                .changed()
            {
                commands.push(Command::DeckRename(name));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let selected = state
                .selection
                .filter(|&k| EventRef::of(catalog, k).is_none_or(|r| deck.position(&r).is_none()));
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Add selected event"))
                .on_hover_text("Add the selected event as the last slide")
                .clicked()
                && let Some(key) = selected
            {
                commands.push(Command::DeckAdd(vec![key]));
            }
            if ui
                .add_enabled(
                    !state.derived.brushed.is_empty(),
                    egui::Button::new("Add filtered events"),
                )
                .on_hover_text("Add every event the filters let through, in time order")
                .clicked()
            {
                commands.push(Command::DeckAdd(
                    state
                        .derived
                        .brushed
                        .iter()
                        .map(|&ri| briefmap_core::app::EventKey(catalog.store.key(ri)))
                        .collect(),
                ));
            }
            if ui
                .add_enabled(!deck.is_empty(), egui::Button::new("Present deck"))
                .clicked()
            {
                commands.push(Command::PresentDeck);
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Save deck…").clicked() {
                commands.push(self.save_dialog(state));
            }
            if ui.button("Open deck…").clicked() {
                commands.push(self.open_dialog());
            }
            if ui
                .add_enabled(!deck.is_empty(), egui::Button::new("New deck"))
                .on_hover_text("Start an empty deck (Ctrl+Z brings this one back)")
                .clicked()
            {
                commands.push(Command::DeckNew);
            }
        });
        if let Some((text, error)) = &state.deck.message {
            let colour = if *error {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(RichText::new(text).color(colour).small());
        }
        ui.separator();
        if deck.is_empty() {
            ui.weak("No slides yet: select an event and press “Add selected event”.");
            return;
        }
        ui.weak("Drag ☰ to reorder; each slide can carry a note.");
        let keys = deck.resolve(catalog);
        let mut moved: Option<(usize, usize)> = None;
        let mut removed = None;
        let count = deck.slides.len();
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, key) in keys.iter().enumerate() {
                    let row = key.and_then(|k| catalog.row(k));
                    let frame = egui::Frame::new().inner_margin(4).corner_radius(4);
                    let response = frame
                        .show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.dnd_drag_source(Id::unique(("deck_slide", i)), i, |ui| {
                                    ui.label(RichText::new("☰").strong())
                                        .on_hover_text("Drag to reorder");
                                });
                                ui.label(RichText::new(format!("{}.", i + 1)).strong());
                                let title = match row {
                                    Some(r) => format!("{} · {}", r.date_label, r.event.title),
                                    None => format!("{} (not loaded)", deck.slides[i].title),
                                };
                                // Buttons first (from the right), then the title in what is left.
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        if ui
                                            .small_button("✖")
                                            .on_hover_text("Remove slide")
                                            .clicked()
                                        {
                                            removed = Some(i);
                                        }
                                        if ui
                                            .add_enabled(
                                                i + 1 < count,
                                                egui::Button::new("↓").small(),
                                            )
                                            .on_hover_text("Move down")
                                            .clicked()
                                        {
                                            moved = Some((i, i + 1));
                                        }
                                        if ui
                                            .add_enabled(i > 0, egui::Button::new("↑").small())
                                            .on_hover_text("Move up")
                                            .clicked()
                                        {
                                            moved = Some((i, i - 1));
                                        }
                                        ui.with_layout(
                                            egui::Layout::left_to_right(egui::Align::Center),
                                            |ui| {
                                                let title_response = ui.add(
                                                    egui::Label::new(title)
                                                        .truncate()
                                                        .sense(egui::Sense::click()),
                                                );
                                                if title_response
                                                    .on_hover_text("Select this event")
                                                    .clicked()
                                                    && let Some(k) = key
                                                {
                                                    commands.push(Command::Select(Some(*k)));
                                                }
                                            },
                                        );
                                    },
                                );
                            });
                            let note_label = format!("Note for slide {}", i + 1);
                            let mut note = deck.slides[i].note.clone();
                            let edit = ui.add(
                                egui::TextEdit::multiline(&mut note)
                                    .desired_rows(1)
                                    .desired_width(f32::INFINITY)
                                    .hint_text("Note for this slide"),
                            );
                            edit.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::TextInput, true, &note_label)
                            });
                            if edit.changed() {
                                commands.push(Command::DeckNote { index: i, note });
                            }
                        })
                        .response;
                    if let Some(from) = response.dnd_hover_payload::<usize>()
                        && *from != i
                    {
                        let y = if *from < i {
                            response.rect.bottom()
                        } else {
                            response.rect.top()
                        };
                        ui.painter().hline(
                            response.rect.x_range(),
                            y,
                            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                        );
                    }
                    if let Some(from) = response.dnd_release_payload::<usize>() {
                        moved = Some((*from, i));
                    }
                    ui.separator();
                }
            });
        if let Some((from, to)) = moved {
            commands.push(Command::DeckMove { from, to });
        }
        if let Some(i) = removed {
            commands.push(Command::DeckRemove(i));
        }
        if state.deck.dirty {
            ui.weak("Unsaved changes");
        }
    }
}

/// A deck name usable as a file name.
fn sanitised_file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "deck".into()
    } else {
        stem.to_string()
    }
}
