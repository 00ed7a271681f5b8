//! Walkers plugin for everything above the basemap: country names, city names, event links,
//! routes, clustered place markers with their labels, and marker hover/click. Label placement
//! is greedy by priority (markers, then cities, then countries); painting then goes bottom-up.

use std::sync::Arc;

use egui::{Color32, CursorIcon, Galley, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use super::cities::{CityIndex, min_population};
use super::markers::{MarkerCache, MarkerGroup, radius_px};
use super::position::{from_position, unit_to_screen};
use super::style::MapStyle;
use super::text::{galley, paint_with_halo};
use super::{MapIntent, MapViewModel};
use crate::palette::slot_colour;
use briefmap_core::app::PlaceKey;
use briefmap_core::geo::basemap::{Resolution, basemap};
use briefmap_core::geo::label_layout::{LabelLayout, ScreenRect};
use briefmap_core::geo::mercator::{UnitRect, UnitToScreen};
use briefmap_core::model::GeoPoint;

/// Most interactive markers per frame (the rest are still drawn).
const MAX_INTERACTIVE_MARKERS: usize = 3_000;
const MAX_MARKER_LABELS: usize = 300;
const MAX_CITY_LABELS: usize = 150;
/// Countries whose largest polygon is at least this wide on screen get their name before cities.
const BIG_COUNTRY_SIDE_PX: f32 = 160.0;

/// What the overlay learned from the user this frame.
#[derive(Debug, Default)]
pub struct OverlayOutput {
    pub intents: Vec<MapIntent>,
    /// Key of the marker under the pointer (a cluster's heaviest member).
    pub hovered: Option<PlaceKey>,
    /// A cluster was clicked: zoom to show these points.
    pub fit_points: Option<Vec<GeoPoint>>,
}

pub struct OverlayPlugin<'a> {
    pub vm: &'a MapViewModel,
    pub markers: &'a MarkerCache,
    pub cities: &'a CityIndex,
    pub style: MapStyle,
    pub country_labels: bool,
    pub output: &'a mut OverlayOutput,
}

/// A marker group on screen this frame.
struct Visible<'a> {
    group: &'a MarkerGroup,
    pos: Pos2,
    radius: f32,
    selected: bool,
    hovered: bool,
}

struct PlacedLabel {
    pos: Pos2,
    galley: Arc<Galley>,
}

impl walkers::Plugin for OverlayPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let Some(transform) = unit_to_screen(projector) else {
            return;
        };
        let rect = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(rect);
        let style = &self.style;
        let vm = self.vm;
        let to_screen = |unit| {
            let [x, y] = transform.apply(unit);
            pos2(x, y)
        };

        let visible = visible_groups(vm, self.markers, &transform, rect);

        // Placement, by priority.
        let mut layout = LabelLayout::new(64.0);
        for marker in &visible {
            layout.occupy(circle_rect(marker.pos, marker.radius + 2.0));
        }
        let marker_labels = place_marker_labels(&painter, vm, &visible, style, &mut layout);
        // Big countries' names beat city names; small countries' names come last.
        let mut country_labels = Vec::new();
        if self.country_labels {
            country_labels = place_country_labels(
                &painter,
                &transform,
                rect,
                style,
                &mut layout,
                BIG_COUNTRY_SIDE_PX..f32::INFINITY,
            );
        }
        let city_labels =
            place_city_labels(&painter, self.cities, &transform, rect, style, &mut layout);
        if self.country_labels {
            country_labels.extend(place_country_labels(
                &painter,
                &transform,
                rect,
                style,
                &mut layout,
                0.0..BIG_COUNTRY_SIDE_PX,
            ));
        }

        // Painting, bottom-up.
        for label in &country_labels {
            paint_with_halo(&painter, label.pos, &label.galley, style.halo);
        }
        for (dot, label) in &city_labels {
            painter.circle(*dot, 2.6, style.city_dot, Stroke::new(1.0, style.halo));
            paint_with_halo(&painter, label.pos, &label.galley, style.halo);
        }
        paint_links(&painter, vm, &to_screen, style);
        paint_routes(&painter, vm, &to_screen, style);
        for marker in &visible {
            paint_marker(&painter, marker, style);
        }
        for label in &marker_labels {
            paint_with_halo(&painter, label.pos, &label.galley, style.halo);
        }

        // Interaction: the last marker painted is on top, so it is registered last.
        let mut marker_clicked = false;
        for marker in visible.iter().rev().take(MAX_INTERACTIVE_MARKERS).rev() {
            let group = marker.group;
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

fn circle_rect(center: Pos2, radius: f32) -> ScreenRect {
    ScreenRect::from_center_size([center.x, center.y], [radius * 2.0, radius * 2.0])
}

fn screen_rect(rect: Rect) -> ScreenRect {
    ScreenRect {
        min_x: rect.min.x,
        min_y: rect.min.y,
        max_x: rect.max.x,
        max_y: rect.max.y,
    }
}

/// Marker groups inside the viewport, in painting order: heavy first (so small ones stay
/// clickable on top), selected and hovered last.
fn visible_groups<'a>(
    vm: &MapViewModel,
    cache: &'a MarkerCache,
    transform: &UnitToScreen,
    rect: Rect,
) -> Vec<Visible<'a>> {
    let mut selected = vec![false; cache.groups.len()];
    let mut hovered = vec![false; cache.groups.len()];
    for (marker, &group) in vm.markers.iter().zip(&cache.group_of_marker) {
        if let Some(group) = group_slot(group, cache) {
            selected[group] |= marker.selected;
            hovered[group] |= marker.hovered;
        }
    }
    let mut visible: Vec<Visible<'a>> = cache
        .groups
        .iter()
        .enumerate()
        .filter_map(|(index, group)| {
            let [x, y] = transform.apply(group.center);
            let pos = pos2(x, y);
            let radius = radius_px(group.event_count) + if hovered[index] { 2.0 } else { 0.0 };
            rect.expand(radius + 2.0).contains(pos).then_some(Visible {
                group,
                pos,
                radius,
                selected: selected[index],
                hovered: hovered[index],
            })
        })
        .collect();
    visible.sort_by(|a, b| {
        (a.selected || a.hovered)
            .cmp(&(b.selected || b.hovered))
            .then(b.group.event_count.cmp(&a.group.event_count))
            .then(a.group.heaviest.cmp(&b.group.heaviest))
    });
    visible
}

fn group_slot(group: u32, cache: &MarkerCache) -> Option<usize> {
    ((group as usize) < cache.groups.len()).then_some(group as usize)
}

fn place_marker_labels(
    painter: &egui::Painter,
    vm: &MapViewModel,
    visible: &[Visible<'_>],
    style: &MapStyle,
    layout: &mut LabelLayout,
) -> Vec<PlacedLabel> {
    let mut placed = Vec::new();
    // Priority: selected/hovered, then by events (visible is in painting order: reverse it).
    for marker in visible.iter().rev() {
        if placed.len() >= MAX_MARKER_LABELS {
            break;
        }
        let group = marker.group;
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

fn place_country_labels(
    painter: &egui::Painter,
    transform: &UnitToScreen,
    rect: Rect,
    style: &MapStyle,
    layout: &mut LabelLayout,
    side_px_range: std::ops::Range<f32>,
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

fn paint_links(
    painter: &egui::Painter,
    vm: &MapViewModel,
    to_screen: &impl Fn(briefmap_core::geo::mercator::UnitPoint) -> Pos2,
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
    to_screen: &impl Fn(briefmap_core::geo::mercator::UnitPoint) -> Pos2,
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

fn paint_marker(painter: &egui::Painter, marker: &Visible<'_>, style: &MapStyle) {
    let group = marker.group;
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
