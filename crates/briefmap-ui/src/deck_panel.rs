//! The story deck window: add the selected event (or the filtered ones), reorder slides by
//! dragging or with ↑/↓, write a note per slide, name the deck, save/open it as JSON, present
//! it. Returns what the user chose; file dialogs may be unavailable (no portal) — then nothing
//! happens and the window says so.

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui};

use briefmap_core::app::deck::Deck;
use briefmap_core::app::presentation::Presentation;
use briefmap_core::app::{AppState, EventKey};

/// What the deck window asks the app to do.
#[derive(Debug, Clone)]
pub enum DeckAction {
    Present(Presentation),
    Select(EventKey),
}

/// The deck being edited and the window's state.
#[derive(Default)]
pub struct DeckPanel {
    pub open: bool,
    pub deck: Deck,
    /// Where the deck was last saved or opened from.
    pub path: Option<PathBuf>,
    /// Unsaved changes.
    pub dirty: bool,
    /// A message for the user (`true` = an error).
    pub message: Option<(String, bool)>,
}

impl DeckPanel {
    /// Saves the deck to `path` (atomic); reports the outcome in the window.
    pub fn save_to(&mut self, path: &Path) {
        match self.deck.save(path) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.message = Some((format!("Saved {}", path.display()), false));
            }
            Err(e) => self.message = Some((e.to_string(), true)),
        }
    }

    /// Opens the deck at `path`, replacing the current one; reports the outcome in the window.
    pub fn open_from(&mut self, path: &Path, state: &AppState) {
        match Deck::load(path) {
            Ok(deck) => {
                let missing = deck
                    .resolve(&state.catalog)
                    .iter()
                    .filter(|k| k.is_none())
                    .count();
                self.message = Some(if missing > 0 {
                    (
                        format!(
                            "Opened {}; {missing} slide(s) name events that are not loaded",
                            path.display()
                        ),
                        true,
                    )
                } else {
                    (format!("Opened {}", path.display()), false)
                });
                self.deck = deck;
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.open = true;
            }
            Err(e) => self.message = Some((e.to_string(), true)),
        }
    }

    fn save_dialog(&mut self) {
        let name = format!("{}.json", sanitised_file_stem(&self.deck.name));
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save deck")
            .add_filter("briefmap deck", &["json"])
            .set_file_name(&name);
        if let Some(dir) = self.path.as_deref().and_then(Path::parent) {
            dialog = dialog.set_directory(dir);
        }
        match dialog.save_file() {
            Some(path) => self.save_to(&path),
            None => {
                self.message = Some((
                    "Not saved (no file chosen, or no file dialog on this system)".into(),
                    false,
                ))
            }
        }
    }

    fn open_dialog(&mut self, state: &AppState) {
        match rfd::FileDialog::new()
            .set_title("Open deck")
            .add_filter("briefmap deck", &["json"])
            .pick_file()
        {
            Some(path) => self.open_from(&path, state),
            None => {
                self.message = Some((
                    "No deck opened (no file chosen, or no file dialog on this system)".into(),
                    false,
                ))
            }
        }
    }

    /// The deck window (when open).
    pub fn deck_window_ui(&mut self, ctx: &egui::Context, state: &AppState) -> Vec<DeckAction> {
        let mut actions = Vec::new();
        let mut open = self.open;
        egui::Window::new("Story deck")
            .id(Id::unique("deck_window"))
            .open(&mut open)
            .default_width(420.0)
            .show(ctx, |ui| {
                self.deck_ui(ui, state, &mut actions);
            });
        self.open = open;
        actions
    }

    fn deck_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<DeckAction>) {
        let catalog = &state.catalog;
        ui.horizontal(|ui| {
            let label = ui.label("Deck name").id;
            if ui
                .text_edit_singleline(&mut self.deck.name)
                .labelled_by(label)
                .changed()
            {
                self.dirty = true;
            }
        });
        ui.horizontal_wrapped(|ui| {
            let selected = state.selection.filter(|&k| {
                briefmap_core::app::deck::EventRef::of(catalog, k)
                    .is_none_or(|r| self.deck.position(&r).is_none())
            });
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Add selected event"))
                .on_hover_text("Add the selected event as the last slide")
                .clicked()
                && let Some(key) = selected
            {
                self.dirty |= self.deck.add_event(catalog, key);
            }
            if ui
                .add_enabled(
                    !state.derived.brushed.is_empty(),
                    egui::Button::new("Add filtered events"),
                )
                .on_hover_text("Add every event the filters let through, in time order")
                .clicked()
            {
                for &ri in &state.derived.brushed {
                    self.dirty |= self.deck.add_event(catalog, catalog.rows[ri as usize].key);
                }
            }
            if ui
                .add_enabled(!self.deck.is_empty(), egui::Button::new("Present deck"))
                .clicked()
            {
                actions.push(DeckAction::Present(Presentation::from_deck(
                    &self.deck, catalog,
                )));
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Save deck…").clicked() {
                self.save_dialog();
            }
            if ui.button("Open deck…").clicked() {
                self.open_dialog(state);
            }
            if ui
                .add_enabled(!self.deck.is_empty(), egui::Button::new("New deck"))
                .clicked()
            {
                self.deck = Deck::default();
                self.path = None;
                self.dirty = false;
                self.message = None;
            }
        });
        if let Some((text, error)) = &self.message {
            let colour = if *error {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(RichText::new(text).color(colour).small());
        }
        ui.separator();
        if self.deck.is_empty() {
            ui.weak("No slides yet: select an event and press “Add selected event”.");
            return;
        }
        ui.weak("Drag ☰ to reorder; each slide can carry a note.");
        let keys = self.deck.resolve(catalog);
        let mut moved: Option<(usize, usize)> = None;
        let mut removed = None;
        let count = self.deck.slides.len();
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
                                    None => format!("{} (not loaded)", self.deck.slides[i].title),
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
                                                    actions.push(DeckAction::Select(*k));
                                                }
                                            },
                                        );
                                    },
                                );
                            });
                            let note_label = format!("Note for slide {}", i + 1);
                            let mut note = self.deck.slides[i].note.clone();
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
                                self.dirty |= self.deck.set_note(i, &note);
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
            self.dirty |= self.deck.move_slide(from, to);
        }
        if let Some(i) = removed {
            self.dirty |= self.deck.remove(i).is_some();
        }
        if self.dirty {
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
