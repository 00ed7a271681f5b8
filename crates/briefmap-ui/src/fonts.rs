//! Fonts: egui's defaults plus DejaVu Sans (bundled under `assets/fonts/`, Bitstream Vera /
//! public-domain licence) as a fallback, so every letter of the briefs renders — Cyrillic,
//! Kazakh (ә ғ қ ң ө ұ ү і), Turkmen and Turkish (ş ň ý ž) — without missing-glyph boxes.

use std::sync::Arc;

/// The bundled fallback font.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_NAME: &str = "DejaVuSans";

/// egui's default fonts with DejaVu Sans appended to every family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        DEJAVU_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(DEJAVU_SANS)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(DEJAVU_NAME.to_owned());
    }
    fonts
}

/// Installs the app's fonts into `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Every non-ASCII symbol the UI itself draws (checked by a test against the fonts).
pub const UI_SYMBOLS: &str = "✏☀☾⟲⟳⚠●✔✖▲▼—…–°";
