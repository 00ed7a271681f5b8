//! Walkers plugin that paints the offline basemap: sea, land (one triangle mesh, coloured per
//! country when the choropleth is on), coasts and borders. Only projects and paints; the
//! geometry is built once in `geo::basemap`.

use std::collections::HashMap;

use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, epaint::Vertex};

use super::position::unit_to_screen;
use super::style::MapStyle;
use briefmap_core::geo::basemap::{Basemap, BorderKind, Resolution, basemap};
use briefmap_core::geo::choropleth::{CountClass, class_of, count_classes};
use briefmap_core::geo::mercator::UnitToScreen;

/// Choropleth classes and the shade of each shaded country, gathered once per frame.
#[derive(Debug, Clone)]
pub struct Choropleth {
    pub classes: Vec<CountClass>,
    pub shades: Vec<Color32>,
    by_alpha2: HashMap<String, Color32>,
}

impl Choropleth {
    pub fn new(counts: &[(String, u32)], style: &MapStyle) -> Self {
        let max = counts.iter().map(|(_, count)| *count).max().unwrap_or(0);
        let classes = count_classes(max, style.choropleth.len());
        let shades: Vec<Color32> = (0..classes.len())
            .map(|class| style.choropleth_shade(class, classes.len()))
            .collect();
        let by_alpha2 = counts
            .iter()
            .filter_map(|(code, count)| {
                class_of(*count, &classes).map(|class| (code.to_ascii_uppercase(), shades[class]))
            })
            .collect();
        Self {
            classes,
            shades,
            by_alpha2,
        }
    }

    pub fn shade(&self, alpha2: Option<&str>) -> Option<Color32> {
        alpha2.and_then(|code| self.by_alpha2.get(code).copied())
    }
}

/// Paints the basemap below everything else.
pub struct BasemapPlugin<'a> {
    pub style: MapStyle,
    /// False when online tiles are drawn: then only the choropleth (translucent) is painted.
    pub draw_land: bool,
    pub choropleth: Option<&'a Choropleth>,
}

impl walkers::Plugin for BasemapPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &walkers::Projector,
        _map_memory: &walkers::MapMemory,
    ) {
        let rect = projector.clip_rect();
        let painter = &ui.painter().with_clip_rect(rect);
        let Some(transform) = unit_to_screen(projector) else {
            return;
        };
        let resolution = Resolution::for_zoom_level(transform.zoom_level());
        let map = match basemap(resolution) {
            Ok(map) => map,
            Err(error) => {
                painter.rect_filled(rect, 0.0, self.style.sea);
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("Basemap unavailable: {error}"),
                    egui::FontId::proportional(14.0),
                    self.style.country_label,
                );
                return;
            }
        };

        if self.draw_land {
            painter.rect_filled(rect, 0.0, self.style.sea);
        }
        let land_alpha = if self.draw_land { 255 } else { 150 };
        if self.draw_land || self.choropleth.is_some() {
            painter.add(Shape::mesh(land_mesh(map, &transform, rect, |alpha2| {
                let shade = self.choropleth.and_then(|c| c.shade(alpha2));
                match (shade, self.draw_land) {
                    (Some(shade), _) => Some(with_alpha(shade, land_alpha)),
                    (None, true) => Some(self.style.land),
                    (None, false) => None,
                }
            })));
        }
        if self.draw_land {
            paint_borders(painter, map, &transform, rect, &self.style);
        }
    }
}

fn with_alpha(color: Color32, alpha: u8) -> Color32 {
    let [r, g, b, _] = color.to_array();
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

fn visible_unit_rect(
    transform: &UnitToScreen,
    rect: Rect,
) -> briefmap_core::geo::mercator::UnitRect {
    transform.visible_rect([rect.min.x, rect.min.y, rect.max.x, rect.max.y])
}

/// One mesh with the land of every country in view, each in the colour `fill` gives it
/// (`None`: leave the country out).
fn land_mesh(
    map: &Basemap,
    transform: &UnitToScreen,
    rect: Rect,
    fill: impl Fn(Option<&str>) -> Option<Color32>,
) -> Mesh {
    let visible = visible_unit_rect(transform, rect);
    let mut mesh = Mesh::default();
    for country in &map.countries {
        if !country.bounds.intersects(&visible) {
            continue;
        }
        let Some(color) = fill(country.alpha2) else {
            continue;
        };
        let base = mesh.vertices.len() as u32;
        let first = country.vertex_range.start as u32;
        mesh.vertices.extend(
            map.vertices[country.vertex_range.clone()]
                .iter()
                .map(|&unit| {
                    let [x, y] = transform.apply(unit);
                    Vertex::untextured(Pos2::new(x, y), color)
                }),
        );
        mesh.indices.extend(
            map.indices[country.index_range.clone()]
                .iter()
                .map(|&index| base + index - first),
        );
    }
    mesh
}

/// Coasts, then borders on top, each polyline simplified to ~1 point per screen point.
fn paint_borders(
    painter: &egui::Painter,
    map: &Basemap,
    transform: &UnitToScreen,
    rect: Rect,
    style: &MapStyle,
) {
    let visible = visible_unit_rect(transform, rect.expand(4.0));
    let zoom_level = transform.zoom_level();
    let widen = ((zoom_level - 3.0) * 0.12).clamp(0.0, 0.6) as f32;
    let coast = Stroke::new(style.coast.width + widen * 0.5, style.coast.color);
    let border = Stroke::new(style.border.width + widen, style.border.color);
    for (kind, stroke) in [(BorderKind::Coast, coast), (BorderKind::Land, border)] {
        let mut shapes = Vec::new();
        for line in map.borders.iter().filter(|line| line.kind == kind) {
            if !line.bounds.intersects(&visible) {
                continue;
            }
            let mut points: Vec<Pos2> = Vec::with_capacity(line.points.len());
            for &unit in &line.points {
                let [x, y] = transform.apply(unit);
                let point = Pos2::new(x, y);
                if points
                    .last()
                    .is_none_or(|last| last.distance_sq(point) >= 0.5)
                {
                    points.push(point);
                }
            }
            if let (Some(&last_point), Some(&last_unit)) = (points.last(), line.points.last()) {
                let [x, y] = transform.apply(last_unit);
                if last_point != Pos2::new(x, y) {
                    points.push(Pos2::new(x, y));
                }
            }
            if points.len() >= 2 {
                shapes.push(Shape::line(points, stroke));
            }
        }
        painter.extend(shapes);
    }
}
