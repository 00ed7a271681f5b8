//! Colours and strokes of the offline map for the light and the dark theme.

use egui::{Color32, Stroke};

/// Everything the map paints with, for one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapStyle {
    pub dark: bool,
    pub sea: Color32,
    pub land: Color32,
    pub coast: Stroke,
    pub border: Stroke,
    pub country_label: Color32,
    pub city_label: Color32,
    pub city_dot: Color32,
    /// Drawn around text so it stays legible over lines and fills.
    pub halo: Color32,
    pub marker_outline: Color32,
    pub marker_text: Color32,
    pub selection: Color32,
    pub link: Stroke,
    pub link_selected: Stroke,
    pub cluster_fill: Color32,
    /// Choropleth shades, lightest (fewest events) first.
    pub choropleth: [Color32; 5],
    pub panel_fill: Color32,
    pub panel_text: Color32,
}

impl MapStyle {
    pub fn for_theme(dark: bool) -> Self {
        if dark {
            Self {
                dark,
                sea: Color32::from_rgb(17, 29, 46),
                land: Color32::from_rgb(47, 52, 58),
                coast: Stroke::new(0.8, Color32::from_rgb(84, 104, 128)),
                border: Stroke::new(1.0, Color32::from_rgb(125, 121, 134)),
                country_label: Color32::from_rgb(168, 163, 174),
                city_label: Color32::from_rgb(214, 212, 206),
                city_dot: Color32::from_rgb(214, 212, 206),
                halo: Color32::from_rgba_unmultiplied(30, 34, 40, 220),
                marker_outline: Color32::from_rgb(20, 22, 26),
                marker_text: Color32::WHITE,
                selection: Color32::from_rgb(255, 214, 64),
                link: Stroke::new(1.5, Color32::from_rgba_unmultiplied(190, 200, 215, 150)),
                link_selected: Stroke::new(2.5, Color32::from_rgb(255, 214, 64)),
                cluster_fill: Color32::from_rgb(88, 104, 128),
                choropleth: [
                    Color32::from_rgb(92, 80, 58),
                    Color32::from_rgb(128, 96, 52),
                    Color32::from_rgb(164, 106, 44),
                    Color32::from_rgb(198, 100, 38),
                    Color32::from_rgb(226, 78, 40),
                ],
                panel_fill: Color32::from_rgba_unmultiplied(27, 30, 35, 235),
                panel_text: Color32::from_rgb(220, 220, 220),
            }
        } else {
            Self {
                dark,
                sea: Color32::from_rgb(184, 213, 232),
                land: Color32::from_rgb(246, 243, 236),
                coast: Stroke::new(0.8, Color32::from_rgb(120, 160, 190)),
                border: Stroke::new(1.0, Color32::from_rgb(160, 146, 160)),
                country_label: Color32::from_rgb(112, 104, 116),
                city_label: Color32::from_rgb(48, 48, 52),
                city_dot: Color32::from_rgb(70, 70, 76),
                halo: Color32::from_rgba_unmultiplied(250, 248, 243, 225),
                marker_outline: Color32::WHITE,
                marker_text: Color32::WHITE,
                selection: Color32::from_rgb(20, 20, 24),
                link: Stroke::new(1.5, Color32::from_rgba_unmultiplied(60, 70, 90, 140)),
                link_selected: Stroke::new(2.5, Color32::from_rgb(20, 20, 24)),
                cluster_fill: Color32::from_rgb(84, 98, 120),
                choropleth: [
                    Color32::from_rgb(254, 240, 190),
                    Color32::from_rgb(254, 210, 128),
                    Color32::from_rgb(253, 164, 84),
                    Color32::from_rgb(240, 108, 56),
                    Color32::from_rgb(204, 52, 40),
                ],
                panel_fill: Color32::from_rgba_unmultiplied(252, 252, 250, 238),
                panel_text: Color32::from_rgb(40, 40, 44),
            }
        }
    }

    /// Shade for choropleth class `class` of `classes`, spreading few classes over the ramp.
    pub fn choropleth_shade(&self, class: usize, classes: usize) -> Color32 {
        let last = self.choropleth.len() - 1;
        let index = if classes <= 1 {
            last / 2
        } else {
            (class * last + (classes - 1) / 2) / (classes - 1)
        };
        self.choropleth[index.min(last)]
    }
}
