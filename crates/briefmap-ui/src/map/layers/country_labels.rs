//! Country names at their label points: the big countries' before the city names, the
//! small ones' after, each where the labels placed so far leave room.

use std::ops::Range;

use egui::{Rect, pos2};

use super::super::position::unit_to_screen;
use super::super::style::MapStyle;
use super::super::text::{galley, paint_with_halo};
use super::{PlacedLabel, SharedFrame, screen_rect};
use briefmap_core::geo::basemap::{Resolution, basemap};
use briefmap_core::geo::label_layout::LabelLayout;
use briefmap_core::geo::mercator::UnitToScreen;

/// Countries whose largest polygon is at least this wide on screen get their name before cities.
pub const BIG_COUNTRY_SIDE_PX: f32 = 160.0;

pub struct CountryLabelsLayer<'a> {
    pub style: MapStyle,
    pub frame: &'a SharedFrame,
    /// The on-screen widths of the countries this layer names.
    pub side_px_range: Range<f32>,
}

impl walkers::Plugin for CountryLabelsLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let Some(transform) = unit_to_screen(projector) else {
            return;
        };
        let rect = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(rect);
        let mut frame = self.frame.borrow_mut();
        let placed = place_country_labels(
            &painter,
            &transform,
            rect,
            &self.style,
            &mut frame.labels,
            self.side_px_range.clone(),
        );
        for label in &placed {
            paint_with_halo(&painter, label.pos, &label.galley, self.style.halo);
        }
    }
}

fn place_country_labels(
    painter: &egui::Painter,
    transform: &UnitToScreen,
    rect: Rect,
    style: &MapStyle,
    layout: &mut LabelLayout,
    side_px_range: Range<f32>,
) -> Vec<PlacedLabel> {
    let Ok(map) = basemap(Resolution::for_zoom_level(transform.zoom_level())) else {
        return Vec::new();
    };
    let mut countries: Vec<_> = map.countries.iter().collect();
    countries.sort_by(|a, b| b.label_polygon_area.total_cmp(&a.label_polygon_area));
    let bounds = screen_rect(rect.shrink(4.0));
    let mut placed = Vec::new();
    for country in countries {
        let side_px = (country.label_polygon_area.sqrt() * transform.scale_px) as f32;
        if side_px < 36.0 || !side_px_range.contains(&side_px) || country.name.is_empty() {
            continue;
        }
        let [x, y] = transform.apply(country.label_unit);
        let size_px = (10.0 + side_px / 80.0).clamp(10.5, 15.0);
        let spacing = (size_px * 0.12).round();
        let text = country.name.to_uppercase();
        let galley = galley(painter, &text, size_px, style.country_label, spacing);
        let size = galley.size();
        if size.x > side_px * 2.4 {
            continue;
        }
        // The label point first, then a little above or below it.
        let step = size.y * 1.1;
        for dy in [0.0, -step, step, -2.0 * step, 2.0 * step] {
            if dy.abs() > side_px * 0.35 {
                continue;
            }
            let text_rect = Rect::from_center_size(pos2(x, y + dy), size);
            let area = screen_rect(text_rect.expand(3.0));
            if area.inside(&bounds) && layout.try_place(area) {
                placed.push(PlacedLabel {
                    pos: text_rect.min,
                    galley,
                });
                break;
            }
        }
    }
    placed
}
