//! PLACEHOLDER for the map panel (branch `map` replaces this file): draws markers on a plain
//! equirectangular projection so the rest of the app can be built and tested.

use crate::model::GeoPoint;

#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    pub key: u64,
    pub point: GeoPoint,
    pub label: String,
    pub event_count: usize,
    pub color: egui::Color32,
    pub selected: bool,
    pub hovered: bool,
    pub route: Vec<GeoPoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapLink {
    pub from: GeoPoint,
    pub to: GeoPoint,
    pub weight: usize,
    pub highlighted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapLabel {
    pub text: String,
    pub point: GeoPoint,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapViewModel {
    pub markers: Vec<MapMarker>,
    pub links: Vec<MapLink>,
    pub labels: Vec<MapLabel>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MapIntent {
    SelectPlace(u64),
    HoverPlace(Option<u64>),
    PickPoint(GeoPoint),
    SettingsChanged,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapSettings {
    pub online_tiles: bool,
}

#[derive(Default)]
pub struct MapPanel {
    pub settings: MapSettings,
    center: GeoPoint,
}

impl MapPanel {
    pub fn new(settings: MapSettings) -> Self {
        Self { settings, center: GeoPoint::new(42.0, 60.0) }
    }
    pub fn fly_to(&mut self, points: &[GeoPoint]) {
        if let Some(p) = points.first() {
            self.center = *p;
        }
    }
    pub fn fit(&mut self, _points: &[GeoPoint]) {}
    pub fn center(&self) -> GeoPoint {
        self.center
    }
    pub fn map_ui(&mut self, ui: &mut egui::Ui, model: &MapViewModel) -> Vec<MapIntent> {
        let mut intents = Vec::new();
        let (rect, _) = ui.allocate_exact_size(ui.available_size(), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let project = |p: GeoPoint| {
            egui::pos2(
                rect.center().x + ((p.lon - self.center.lon) as f32) * rect.width() / 60.0,
                rect.center().y - ((p.lat - self.center.lat) as f32) * rect.height() / 30.0,
            )
        };
        for l in &model.links {
            painter.line_segment([project(l.from), project(l.to)], egui::Stroke::new(1.0, egui::Color32::GRAY));
        }
        for m in &model.markers {
            let pos = project(m.point);
            let r = 4.0 + (m.event_count as f32).sqrt() * 2.0;
            painter.circle_filled(pos, r, m.color);
            if m.selected {
                painter.circle_stroke(pos, r + 3.0, egui::Stroke::new(2.0, ui.visuals().strong_text_color()));
            }
            let id = ui.scope_id().with(("marker", m.key));
            let resp = ui.interact(egui::Rect::from_center_size(pos, egui::vec2(2.0 * r, 2.0 * r)), id, egui::Sense::click());
            painter.text(pos + egui::vec2(r + 2.0, 0.0), egui::Align2::LEFT_CENTER, &m.label, egui::FontId::proportional(12.0), ui.visuals().text_color());
            if resp.clicked() {
                intents.push(MapIntent::SelectPlace(m.key));
            }
            if resp.hovered() {
                intents.push(MapIntent::HoverPlace(Some(m.key)));
            }
        }
        intents
    }
}
