//! File → Export: the events the window shows, in the formats other tools read (GeoJSON, CSV,
//! iCalendar, KML, TimelineJS), a PNG of the current view, and the HTML briefing pack with a
//! picture of the view embedded. Screenshots come from the renderer a frame later, so PNG and
//! HTML exports wait for them here.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use briefmap_core::app::AppState;
use briefmap_core::app::deck::Deck;
use briefmap_core::app::export_view::visible_briefs;
use briefmap_core::export::{ExportFormat, FORMATS, flatten, html::html_pack, render};
use briefmap_core::text::shown::shown_path;

/// What the user asked to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Data(ExportFormat),
    /// A PNG of the window as it is.
    Png,
    /// The HTML briefing pack, with a picture of the window.
    HtmlPack,
    /// Every slide of the story deck as PNG, plus the HTML pack with the slides.
    DeckSlides,
}

/// The Export submenu; returns what was chosen.
pub fn export_menu_ui(ui: &mut egui::Ui) -> Option<ExportChoice> {
    let mut choice = None;
    ui.menu_button("Export", |ui| {
        ui.label("The events shown (filters applied)");
        // The HTML pack has an entry of its own below: the window's picture goes into it.
        for info in FORMATS.iter().filter(|f| f.format != ExportFormat::Html) {
            if ui.button(info.menu_label).clicked() {
                choice = Some(ExportChoice::Data(info.format));
            }
        }
        ui.separator();
        if ui.button(ExportFormat::Html.info().menu_label).clicked() {
            choice = Some(ExportChoice::HtmlPack);
        }
        if ui.button("PNG image of this view…").clicked() {
            choice = Some(ExportChoice::Png);
        }
        if ui.button("Story deck slides (PNG + HTML)…").clicked() {
            choice = Some(ExportChoice::DeckSlides);
        }
    });
    choice
}

/// Runs exports; holds the one waiting for a screenshot and the last outcome to show.
#[derive(Default)]
pub struct Exporter {
    pending: Option<(ExportChoice, PathBuf)>,
    /// Where the renderer's screenshot callback leaves the picture.
    shot: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    /// The last outcome ("Saved …" or an error), shown until dismissed.
    pub message: Option<String>,
    /// The outcome of slides rendering on a background thread, when it is done.
    background: Arc<Mutex<Option<String>>>,
    /// Slides are being rendered.
    pub rendering_slides: bool,
}

impl Exporter {
    /// Asks where to save (native dialog), then exports or waits for a screenshot.
    pub fn start(&mut self, ctx: &egui::Context, state: &AppState, choice: ExportChoice) {
        let (name, extension) = match choice {
            ExportChoice::Data(format) => ("briefmap-events", format.extension()),
            ExportChoice::Png => ("briefmap-view", "png"),
            ExportChoice::HtmlPack => ("briefmap-briefing", ExportFormat::Html.extension()),
            ExportChoice::DeckSlides => return,
        };
        let Some(path) = rfd::FileDialog::new()
            .set_title("Export")
            .set_file_name(format!("{name}.{extension}"))
            .add_filter(extension, &[extension])
            .save_file()
        else {
            return;
        };
        self.export_to(ctx, state, choice, path);
    }

    /// Exports to a chosen path (also the entry point for tests, which have no dialog).
    pub fn export_to(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        choice: ExportChoice,
        path: PathBuf,
    ) {
        match choice {
            ExportChoice::Data(format) => {
                let events = flatten(&visible_briefs(state));
                // CSV from the menu is for spreadsheets: formula cells are neutralised.
                match render(format, &events, "briefmap events", Default::default()) {
                    Ok(text) => self.finish(&path, text.as_bytes()),
                    Err(e) => self.message = Some(format!("Could not export: {e}")),
                }
            }
            ExportChoice::DeckSlides => {}
            ExportChoice::Png | ExportChoice::HtmlPack => {
                self.pending = Some((choice, path));
                let slot = Arc::clone(&self.shot);
                let repaint = ctx.clone();
                ctx.request_screenshot(move |image| {
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(image);
                    }
                    repaint.request_repaint();
                });
                ctx.request_repaint();
            }
        }
    }

    /// Whether an export waits for a screenshot.
    pub fn is_waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Picks up a screenshot the renderer delivered and completes the waiting export.
    pub fn poll(&mut self, state: &AppState) {
        if let Some(outcome) = self.background.lock().ok().and_then(|mut slot| slot.take()) {
            self.rendering_slides = false;
            self.message = Some(outcome);
        }
        if self.pending.is_none() {
            return;
        }
        let image = self.shot.lock().ok().and_then(|mut slot| slot.take());
        let Some(image) = image else {
            return;
        };
        let Some((choice, path)) = self.pending.take() else {
            return;
        };
        let png = match encode_png(&image) {
            Ok(png) => png,
            Err(e) => {
                self.message = Some(format!("Could not encode the picture: {e}"));
                return;
            }
        };
        match choice {
            ExportChoice::Png => self.finish(&path, &png),
            ExportChoice::HtmlPack => {
                let events = flatten(&visible_briefs(state));
                let html = html_pack(
                    &events,
                    "briefmap briefing",
                    &[("The timeline and the map as shown".to_string(), png)],
                );
                self.finish(&path, html.as_bytes());
            }
            ExportChoice::Data(_) | ExportChoice::DeckSlides => {}
        }
    }

    /// Asks for a folder, then renders every slide of `deck` there (and `briefing.html`).
    pub fn start_deck_slides(&mut self, ctx: &egui::Context, deck: &Deck, sources: Vec<PathBuf>) {
        if deck.is_empty() {
            self.message = Some("The story deck is empty: add events in Story deck first.".into());
            return;
        }
        let Some(folder) = rfd::FileDialog::new()
            .set_title("Folder for the slides")
            .pick_folder()
        else {
            return;
        };
        self.deck_slides_to(ctx, deck, sources, folder);
    }

    /// Renders the deck's slides into `folder` on a background thread (offscreen, like
    /// `briefmap slides`); the outcome shows when it is done.
    pub fn deck_slides_to(
        &mut self,
        ctx: &egui::Context,
        deck: &Deck,
        sources: Vec<PathBuf>,
        folder: PathBuf,
    ) {
        let deck_file = folder.join("deck.json");
        if let Err(e) = deck.save(&deck_file) {
            self.message = Some(format!("Could not save the deck: {e}"));
            return;
        }
        self.rendering_slides = true;
        self.message = Some(format!(
            "Rendering the slides into {}…",
            shown_path(&folder)
        ));
        let done = Arc::clone(&self.background);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let html = folder.join("briefing.html");
            let outcome = match super::slides_export::write_slides(
                sources,
                Some(&deck_file),
                &folder,
                Some(&html),
            ) {
                Ok(files) => format!(
                    "Saved {} slides and briefing.html in {}",
                    files.len(),
                    shown_path(&folder)
                ),
                Err(e) => format!("Could not render the slides: {e:#}"),
            };
            if let Ok(mut slot) = done.lock() {
                *slot = Some(outcome);
            }
            repaint.request_repaint();
        });
    }

    fn finish(&mut self, path: &std::path::Path, bytes: &[u8]) {
        self.message = Some(match briefmap_core::sources::write_file(path, bytes) {
            Ok(()) => format!("Saved {}", shown_path(path)),
            Err(e) => format!("Could not save: {e}"),
        });
    }

    /// A small window with the last outcome.
    pub fn message_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = self.message.clone() else {
            return;
        };
        let mut open = true;
        egui::Window::new("Export")
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label(message);
            });
        if !open {
            self.message = None;
        }
    }
}

/// PNG bytes of a screenshot.
pub fn encode_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "the picture has the wrong size".to_string())?;
    let mut out = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
