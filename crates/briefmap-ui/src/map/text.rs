//! Map text: labels laid out once and painted with a halo so they read over lines and fills.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Painter, Pos2, vec2};

/// Lays out one line of map text.
pub fn galley(
    painter: &Painter,
    text: &str,
    size_px: f32,
    color: Color32,
    letter_spacing_px: f32,
) -> Arc<Galley> {
    let mut job = LayoutJob::default();
    job.append(
        text,
        0.0,
        TextFormat {
            font_id: FontId::proportional(size_px),
            color,
            extra_letter_spacing: letter_spacing_px,
            ..TextFormat::default()
        },
    );
    painter.layout_job(job)
}

/// Paints `galley` with its top-left at `pos`, ringed by `halo`.
pub fn paint_with_halo(painter: &Painter, pos: Pos2, galley: &Arc<Galley>, halo: Color32) {
    let pos = pos.round();
    for (dx, dy) in [
        (-1.0, 0.0),
        (1.0, 0.0),
        (0.0, -1.0),
        (0.0, 1.0),
        (-1.0, -1.0),
        (1.0, 1.0),
        (-1.0, 1.0),
        (1.0, -1.0),
    ] {
        painter.galley_with_override_text_color(pos + vec2(dx, dy), Arc::clone(galley), halo);
    }
    painter.galley(pos, Arc::clone(galley), Color32::PLACEHOLDER);
}
