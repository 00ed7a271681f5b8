//! Small windows: the Problems list and "New brief from clipboard text".

use briefmap_core::app::AppState;
use briefmap_core::sources::pasted::PastedBrief;
use briefmap_core::text::shown::{elide_middle, shown, shown_path};

/// What the user typed into "New brief from clipboard text".
#[derive(Debug, Clone, Default)]
pub struct PasteDialog {
    pub text: String,
    pub source: String,
    pub published: String,
    pub error: Option<String>,
    /// "Create brief" was pressed and the core has not answered yet.
    pub submitted: bool,
}

impl PasteDialog {
    /// Returns `Some(Ok(..))` on "Create brief", `Some(Err(()))` on close.
    pub fn paste_ui(&mut self, ctx: &egui::Context) -> Option<Result<PastedBrief, ()>> {
        let mut result = None;
        let mut open = true;
        egui::Window::new("New brief from clipboard text")
            .open(&mut open)
            .default_size([520.0, 420.0])
            .show(ctx, |ui| {
                ui.label("Paste the brief's text below (Ctrl+V). It is saved as a new .txt file beside the briefs you opened.");
                egui::Grid::new("paste_meta").num_columns(2).show(ui, |ui| {
                    let l = ui.label("Source").id;
                    ui.add(egui::TextEdit::singleline(&mut self.source).hint_text("e.g. Trend")).labelled_by(l);
                    ui.end_row();
                    let l = ui.label("Published").id;
                    ui.add(egui::TextEdit::singleline(&mut self.published).hint_text("YYYY-MM-DD")).labelled_by(l);
                    ui.end_row();
                });
                let l = ui.label("Brief text").id;
                egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                    ui.add(egui::TextEdit::multiline(&mut self.text).desired_rows(12).desired_width(f32::INFINITY))
                        .labelled_by(l);
                });
                if let Some(e) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.horizontal(|ui| {
                    if ui.button("Create brief").clicked() {
                        let published = self.published.trim();
                        if self.text.trim().is_empty() {
                            self.error = Some("the text is empty".into());
                        } else if !published.is_empty() && briefmap_core::model::DateRange::parse_iso(published).is_none() {
                            self.error = Some("Published must be YYYY, YYYY-MM or YYYY-MM-DD".into());
                        } else {
                            result = Some(Ok(PastedBrief {
                                text: self.text.clone(),
                                source: Some(self.source.trim().to_string()).filter(|s| !s.is_empty()),
                                published: Some(published.to_string()).filter(|s| !s.is_empty()),
                            }));
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        result = Some(Err(()));
                    }
                });
            });
        if !open {
            result = Some(Err(()));
        }
        result
    }
}

/// Longest file name shown in the Problems window; a longer one is cut in its middle (its
/// folder's start and its own name stay readable) and shown whole on hover.
pub const PROBLEM_PATH_CHARS: usize = 96;

/// The Problems window; returns true if the user asked to dismiss all problems. Names and
/// reasons are shown with their control characters escaped (`shown`), long names elided.
pub fn problems_ui(ctx: &egui::Context, state: &AppState, open: &mut bool) -> bool {
    let mut dismiss = false;
    egui::Window::new("Problems")
        .open(open)
        .default_size([560.0, 300.0])
        .max_width(720.0)
        .show(ctx, |ui| {
            let problems: Vec<_> = state.all_problems().collect();
            if problems.is_empty() {
                ui.label("No problems: every file could be used.");
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for p in &problems {
                    let full = shown_path(&p.file);
                    let short = elide_middle(&full, PROBLEM_PATH_CHARS);
                    let name = ui.add(
                        egui::Label::new(egui::RichText::new(short.as_ref()).monospace().strong())
                            .wrap(),
                    );
                    if short.len() != full.len() {
                        name.on_hover_ui(|ui| {
                            ui.set_max_width(640.0);
                            ui.add(egui::Label::new(egui::RichText::new(&full).monospace()).wrap());
                        });
                    }
                    ui.add(egui::Label::new(shown(&p.error).as_ref()).wrap());
                    ui.separator();
                }
            });
            if !problems.is_empty() && ui.button("Dismiss").clicked() {
                dismiss = true;
            }
        });
    dismiss
}
