//! City names (with their dots) where the labels placed so far leave room: bigger cities
//! first, fewer as the map zooms out.

use egui::{Pos2, Rect, Stroke, pos2, vec2};

use super::super::cities::{CityIndex, min_population};
use super::super::position::unit_to_screen;
use super::super::style::MapStyle;
use super::super::text::{galley, paint_with_halo};
use super::{PlacedLabel, SharedFrame, screen_rect};
use briefmap_core::geo::label_layout::LabelLayout;
use briefmap_core::geo::mercator::{UnitRect, UnitToScreen};

const MAX_CITY_LABELS: usize = 150;

pub struct CityLabelsLayer<'a> {
    pub cities: &'a CityIndex,
    pub style: MapStyle,
    pub frame: &'a SharedFrame,
}

impl walkers::Plugin for CityLabelsLayer<'_> {
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
        let style = &self.style;
        let mut frame = self.frame.borrow_mut();
        let placed = place_city_labels(
            &painter,
            self.cities,
            &transform,
            rect,
            style,
            &mut frame.labels,
        );
        for (dot, label) in &placed {
            painter.circle(*dot, 2.6, style.city_dot, Stroke::new(1.0, style.halo));
            paint_with_halo(&painter, label.pos, &label.galley, style.halo);
        }
    }
}

fn place_city_labels(
    painter: &egui::Painter,
    cities: &CityIndex,
    transform: &UnitToScreen,
    rect: Rect,
    style: &MapStyle,
    layout: &mut LabelLayout,
) -> Vec<(Pos2, PlacedLabel)> {
    let labels = cities.labels();
    let min_population = min_population(transform.zoom_level());
    let visible: UnitRect =
        transform.visible_rect([rect.min.x, rect.min.y, rect.max.x, rect.max.y]);
    let bounds = screen_rect(rect.shrink(2.0));
    let mut placed = Vec::new();
    for &index in &cities.order {
        if placed.len() >= MAX_CITY_LABELS {
            break;
        }
        let label = &labels[index as usize];
        if label.population < min_population {
            break;
        }
        let unit = cities.units[index as usize];
        if !visible.contains(unit) {
            continue;
        }
        let [x, y] = transform.apply(unit);
        let dot = pos2(x, y);
        let galley = galley(painter, &label.name, 12.0, style.city_label, 0.0);
        let size = galley.size();
        let text_rect = Rect::from_min_size(pos2(dot.x + 5.0, dot.y - size.y / 2.0), size);
        let area = screen_rect(
            text_rect
                .union(Rect::from_center_size(dot, vec2(6.0, 6.0)))
                .expand(4.0),
        );
        if !area.inside(&bounds) || !layout.try_place(area) {
            continue;
        }
        placed.push((
            dot,
            PlacedLabel {
                pos: text_rect.min,
                galley,
            },
        ));
    }
    placed
}
