//! The first layer: finds the marker groups on screen, reserves their circles, and places
//! the markers' names before any other label (selected and hovered first, then by events).
//! It paints nothing: markers and their names are painted by the last layers, on top.

use egui::{Rect, pos2, vec2};

use super::super::MapViewModel;
use super::super::markers::{MarkerCache, radius_px};
use super::super::position::unit_to_screen;
use super::super::style::MapStyle;
use super::super::text::galley;
use super::{Frame, PlacedLabel, SharedFrame, VisibleGroup, circle_rect, screen_rect};
use briefmap_core::geo::label_layout::LabelLayout;
use briefmap_core::geo::mercator::UnitToScreen;

const MAX_MARKER_LABELS: usize = 300;

pub struct MarkerPlacementLayer<'a> {
    pub vm: &'a MapViewModel,
    pub markers: &'a MarkerCache,
    pub style: MapStyle,
    pub frame: &'a SharedFrame,
}

impl walkers::Plugin for MarkerPlacementLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let mut frame = Frame::default();
        if let Some(transform) = unit_to_screen(projector) {
            let rect = projector.clip_rect();
            frame.visible = visible_groups(self.vm, self.markers, &transform, rect);
            for marker in &frame.visible {
                frame
                    .labels
                    .occupy(circle_rect(marker.pos, marker.radius + 2.0));
            }
            let painter = ui.painter().with_clip_rect(rect);
            frame.marker_labels = place_marker_labels(
                &painter,
                self.vm,
                self.markers,
                &frame.visible,
                &self.style,
                &mut frame.labels,
            );
        }
        self.frame.replace(frame);
    }
}

/// Marker groups inside the viewport, in painting order: heavy first (so small ones stay
/// clickable on top), selected and hovered last.
fn visible_groups(
    vm: &MapViewModel,
    cache: &MarkerCache,
    transform: &UnitToScreen,
    rect: Rect,
) -> Vec<VisibleGroup> {
    let mut selected = vec![false; cache.groups.len()];
    let mut hovered = vec![false; cache.groups.len()];
    for (marker, &group) in vm.markers.iter().zip(&cache.group_of_marker) {
        if let Some(group) = group_slot(group, cache) {
            selected[group] |= marker.selected;
            hovered[group] |= marker.hovered;
        }
    }
    let mut visible: Vec<VisibleGroup> = cache
        .groups
        .iter()
        .enumerate()
        .filter_map(|(index, group)| {
            let [x, y] = transform.apply(group.center);
            let pos = pos2(x, y);
            let radius = radius_px(group.event_count) + if hovered[index] { 2.0 } else { 0.0 };
            rect.expand(radius + 2.0)
                .contains(pos)
                .then_some(VisibleGroup {
                    group: index,
                    pos,
                    radius,
                    selected: selected[index],
                    hovered: hovered[index],
                })
        })
        .collect();
    let groups = &cache.groups;
    visible.sort_by(|a, b| {
        let (ga, gb) = (a.of(groups), b.of(groups));
        (a.selected || a.hovered)
            .cmp(&(b.selected || b.hovered))
            .then(gb.event_count.cmp(&ga.event_count))
            .then(ga.heaviest.cmp(&gb.heaviest))
    });
    visible
}

fn group_slot(group: u32, cache: &MarkerCache) -> Option<usize> {
    ((group as usize) < cache.groups.len()).then_some(group as usize)
}

fn place_marker_labels(
    painter: &egui::Painter,
    vm: &MapViewModel,
    cache: &MarkerCache,
    visible: &[VisibleGroup],
    style: &MapStyle,
    layout: &mut LabelLayout,
) -> Vec<PlacedLabel> {
    let mut placed = Vec::new();
    // Priority: selected/hovered, then by events (visible is in painting order: reverse it).
    for marker in visible.iter().rev() {
        if placed.len() >= MAX_MARKER_LABELS {
            break;
        }
        let group = marker.of(&cache.groups);
        let heaviest = &vm.markers[group.heaviest as usize];
        if heaviest.label.is_empty() {
            continue;
        }
        let text = if group.members.len() == 1 {
            heaviest.label.clone()
        } else {
            format!("{} +{}", heaviest.label, group.members.len() - 1)
        };
        let strong = marker.selected || marker.hovered;
        let galley = galley(painter, &text, 13.0, style.city_label, 0.0);
        let size = galley.size();
        let right = Rect::from_min_size(
            pos2(
                marker.pos.x + marker.radius + 4.0,
                marker.pos.y - size.y / 2.0,
            ),
            size,
        );
        let left = right.translate(vec2(-(size.x + 2.0 * marker.radius + 8.0), 0.0));
        let free = [right, left]
            .into_iter()
            .find(|candidate| !layout.overlaps(&screen_rect(candidate.expand(2.0))));
        // A selected or hovered marker always gets its name, on the right if nothing is free.
        if let Some(candidate) = free.or(strong.then_some(right)) {
            layout.occupy(screen_rect(candidate.expand(2.0)));
            placed.push(PlacedLabel {
                pos: candidate.min,
                galley,
            });
        }
    }
    placed
}
