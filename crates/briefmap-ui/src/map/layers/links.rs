//! Lines between the places of one event (the selected event's on top) and the routes of
//! pipelines and railways, in their markers' colours.

use egui::{Pos2, Shape, Stroke, pos2};

use super::super::MapViewModel;
use super::super::position::unit_to_screen;
use super::super::style::MapStyle;
use crate::palette::slot_colour;
use briefmap_core::geo::mercator::UnitPoint;

pub struct LinksLayer<'a> {
    pub vm: &'a MapViewModel,
    pub style: MapStyle,
}

impl walkers::Plugin for LinksLayer<'_> {
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
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        let to_screen = |unit: UnitPoint| {
            let [x, y] = transform.apply(unit);
            pos2(x, y)
        };
        paint_links(&painter, self.vm, &to_screen, &self.style);
        paint_routes(&painter, self.vm, &to_screen, &self.style);
    }
}

fn paint_links(
    painter: &egui::Painter,
    vm: &MapViewModel,
    to_screen: &impl Fn(UnitPoint) -> Pos2,
    style: &MapStyle,
) {
    use briefmap_core::geo::mercator::to_unit;
    for selected in [false, true] {
        for link in vm.links.iter().filter(|link| link.selected == selected) {
            if link.points.len() < 2 {
                continue;
            }
            let points: Vec<Pos2> = link.points.iter().map(|&p| to_screen(to_unit(p))).collect();
            let stroke = if selected {
                style.link_selected
            } else {
                style.link
            };
            painter.add(Shape::line(points, stroke));
        }
    }
}

fn paint_routes(
    painter: &egui::Painter,
    vm: &MapViewModel,
    to_screen: &impl Fn(UnitPoint) -> Pos2,
    style: &MapStyle,
) {
    use briefmap_core::geo::mercator::to_unit;
    for marker in vm.markers.iter().filter(|marker| marker.route.len() >= 2) {
        let points: Vec<Pos2> = marker
            .route
            .iter()
            .map(|&p| to_screen(to_unit(p)))
            .collect();
        let width = if marker.selected || marker.hovered {
            4.5
        } else {
            3.0
        };
        painter.add(Shape::line(
            points.clone(),
            Stroke::new(width + 2.5, style.halo),
        ));
        painter.add(Shape::line(
            points,
            Stroke::new(width, slot_colour(marker.slot)),
        ));
    }
}
