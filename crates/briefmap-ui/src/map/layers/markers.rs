//! Place markers (clusters with a halo and their event count), and what the user does with
//! them: hover, click to select a place, click a cluster to zoom in, click to pick a point.

use egui::{Color32, CursorIcon, Rect, Sense, Stroke, vec2};

use super::super::markers::{MarkerCache, MarkerGroup};
use super::super::position::from_position;
use super::super::style::MapStyle;
use super::super::{MapIntent, MapViewModel};
use super::{SharedFrame, VisibleGroup};
use crate::palette::slot_colour;
use briefmap_core::app::PlaceKey;
use briefmap_core::model::GeoPoint;

/// Most interactive markers per frame (the rest are still drawn).
const MAX_INTERACTIVE_MARKERS: usize = 3_000;

/// What the markers learned from the user this frame.
#[derive(Debug, Default)]
pub struct OverlayOutput {
    pub intents: Vec<MapIntent>,
    /// Key of the marker under the pointer (a cluster's heaviest member).
    pub hovered: Option<PlaceKey>,
    /// A cluster was clicked: zoom to show these points.
    pub fit_points: Option<Vec<GeoPoint>>,
}

pub struct MarkersLayer<'a> {
    pub vm: &'a MapViewModel,
    pub markers: &'a MarkerCache,
    pub style: MapStyle,
    pub frame: &'a SharedFrame,
    pub output: &'a mut OverlayOutput,
}

impl walkers::Plugin for MarkersLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        let vm = self.vm;
        let groups = &self.markers.groups;
        let frame = self.frame.borrow();
        let visible = &frame.visible;
        for marker in visible {
            paint_marker(&painter, marker, marker.of(groups), &self.style);
        }

        // Interaction: the last marker painted is on top, so it is registered last.
        let mut marker_clicked = false;
        for marker in visible.iter().rev().take(MAX_INTERACTIVE_MARKERS).rev() {
            let group = marker.of(groups);
            let heaviest = &vm.markers[group.heaviest as usize];
            let id = ui.scope_id().with(("briefmap_marker", heaviest.key));
            let hit =
                Rect::from_center_size(marker.pos, vec2(1.0, 1.0) * (marker.radius * 2.0 + 4.0));
            let hit_response = ui.interact(hit, id, Sense::click());
            let accessible = if group.members.len() == 1 {
                heaviest.label.clone()
            } else {
                format!("{} places near {}", group.members.len(), heaviest.label)
            };
            hit_response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
            if hit_response.hovered() {
                self.output.hovered = Some(heaviest.key);
            }
            let hit_response = hit_response
                .on_hover_cursor(CursorIcon::PointingHand)
                .on_hover_ui(|ui| tooltip_ui(ui, vm, group));
            if hit_response.clicked() {
                marker_clicked = true;
                let members: Vec<GeoPoint> = group
                    .members
                    .iter()
                    .map(|&m| vm.markers[m as usize].point)
                    .collect();
                let same_place = members
                    .iter()
                    .all(|point| point.distance_km(heaviest.point) < 0.05);
                if vm.pick_mode && group.members.len() == 1 {
                    self.output
                        .intents
                        .push(MapIntent::PickPoint(heaviest.point));
                } else if same_place {
                    self.output
                        .intents
                        .push(MapIntent::SelectPlace(heaviest.key));
                } else {
                    self.output.fit_points = Some(members);
                }
            }
        }

        if vm.pick_mode {
            if response.hovered() {
                ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
            }
            if response.clicked()
                && !marker_clicked
                && let Some(pointer) = response.interact_pointer_pos()
            {
                let point = from_position(projector.unproject(pointer.to_vec2()));
                self.output.intents.push(MapIntent::PickPoint(point));
            }
        }
    }
}

fn paint_marker(
    painter: &egui::Painter,
    marker: &VisibleGroup,
    group: &MarkerGroup,
    style: &MapStyle,
) {
    let fill = group.slot.map_or(style.cluster_fill, slot_colour);
    if group.members.len() > 1 {
        let [r, g, b, _] = fill.to_array();
        painter.circle_filled(
            marker.pos,
            marker.radius + 4.0,
            Color32::from_rgba_unmultiplied(r, g, b, 70),
        );
    }
    painter.circle(
        marker.pos,
        marker.radius,
        fill,
        Stroke::new(1.5, style.marker_outline),
    );
    if marker.selected {
        painter.circle_stroke(
            marker.pos,
            marker.radius + 3.5,
            Stroke::new(2.5, style.selection),
        );
    }
    if group.event_count > 1 && marker.radius >= 8.5 {
        let text = group.event_count.to_string();
        let size_px = (marker.radius * 0.9).clamp(9.5, 13.0);
        painter.text(
            marker.pos,
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(size_px),
            style.marker_text,
        );
    }
}

fn tooltip_ui(ui: &mut egui::Ui, vm: &MapViewModel, group: &MarkerGroup) {
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    if group.members.len() == 1 {
        let marker = &vm.markers[group.heaviest as usize];
        ui.strong(&marker.label);
        let n = u64::from(marker.event_count);
        ui.label(format!("{n} event{}", plural(n)));
    } else {
        ui.strong(format!(
            "{} places · {} event{}",
            group.members.len(),
            group.event_count,
            plural(group.event_count)
        ));
        let mut members: Vec<_> = group
            .members
            .iter()
            .map(|&m| &vm.markers[m as usize])
            .collect();
        members.sort_by_key(|marker| std::cmp::Reverse(marker.event_count));
        for marker in members.iter().take(8) {
            ui.label(format!("{} — {}", marker.label, marker.event_count));
        }
        if members.len() > 8 {
            ui.weak(format!("… and {} more", members.len() - 8));
        }
        ui.weak("Click to zoom in");
    }
    if vm.pick_mode {
        ui.weak("Click to pick this place");
    }
}
