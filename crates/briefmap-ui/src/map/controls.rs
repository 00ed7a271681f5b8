//! The map's own controls, drawn over it: a toolbar (fit, zoom, online tiles, shading), the
//! choropleth legend and the attribution line. Returns actions; the panel applies them.

use egui::{Align2, Color32, CornerRadius, Frame, Margin, RichText, Stroke, Ui, UiBuilder, vec2};

use super::MapSettings;
use super::basemap_layer::Choropleth;
use super::style::MapStyle;

/// What a control asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ControlAction {
    FitToEvents,
    ZoomBy(f64),
    SettingsChanged,
}

pub struct ControlsState<'a> {
    pub settings: &'a mut MapSettings,
    pub has_markers: bool,
    pub style: MapStyle,
    /// Text of the tile source's attribution while online tiles are shown.
    pub online_attribution: Option<&'static str>,
    pub choropleth: Option<&'a Choropleth>,
}

fn panel_frame(style: &MapStyle) -> Frame {
    Frame::new()
        .fill(style.panel_fill)
        .corner_radius(CornerRadius::same(6))
        .stroke(Stroke::new(1.0, style.panel_text.gamma_multiply(0.15)))
        .inner_margin(Margin::symmetric(6, 4))
}

/// Draws the overlays inside the map's rect (`ui.max_rect()`).
pub fn controls_ui(ui: &mut Ui, state: &mut ControlsState<'_>) -> Vec<ControlAction> {
    let mut actions = Vec::new();
    let rect = ui.max_rect();
    let style = state.style;

    // Toolbar, top left.
    let toolbar_rect = rect.shrink(8.0);
    ui.scope_builder(UiBuilder::new().max_rect(toolbar_rect), |ui| {
        panel_frame(&style).show(ui, |ui| {
            ui.horizontal(|ui| {
                let fit = ui
                    .add_enabled(state.has_markers, egui::Button::new("Fit to events"))
                    .on_hover_text("Zoom so that every marked place is visible");
                if fit.clicked() {
                    actions.push(ControlAction::FitToEvents);
                }
                for (text, name, delta) in [("+", "Zoom in", 1.0), ("−", "Zoom out", -1.0)] {
                    let button = ui.add(
                        egui::Button::new(RichText::new(text).strong()).min_size(vec2(22.0, 0.0)),
                    );
                    button
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
                    if button.on_hover_text(name).clicked() {
                        actions.push(ControlAction::ZoomBy(delta));
                    }
                }
                ui.separator();
                if ui
                    .checkbox(&mut state.settings.online_tiles, "Online tiles")
                    .on_hover_text("Show OpenStreetMap tiles (downloads from the internet)")
                    .changed()
                {
                    actions.push(ControlAction::SettingsChanged);
                }
                if ui
                    .checkbox(&mut state.settings.choropleth, "Shade countries")
                    .on_hover_text("Shade countries by their number of events")
                    .changed()
                {
                    actions.push(ControlAction::SettingsChanged);
                }
            });
        });
    });

    // Legend, bottom left, sized to its rows.
    if let Some(choropleth) = state.choropleth.filter(|c| !c.classes.is_empty()) {
        let row_height = 20.0;
        let height = 16.0 + row_height * (choropleth.classes.len() + 1) as f32;
        let legend_rect = egui::Rect::from_min_size(
            rect.left_bottom() + vec2(8.0, -8.0 - height),
            vec2(170.0, height),
        );
        ui.scope_builder(UiBuilder::new().max_rect(legend_rect), |ui| {
            panel_frame(&style).show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                ui.label(RichText::new("Events per country").strong().size(12.0));
                for (class, shade) in choropleth.classes.iter().zip(&choropleth.shades) {
                    ui.horizontal(|ui| {
                        let (swatch, _) =
                            ui.allocate_exact_size(vec2(18.0, 12.0), egui::Sense::hover());
                        ui.painter().rect(
                            swatch,
                            2.0,
                            *shade,
                            Stroke::new(1.0, style.panel_text.gamma_multiply(0.3)),
                            egui::StrokeKind::Inside,
                        );
                        ui.label(RichText::new(class.label()).size(12.0));
                    });
                }
            });
        });
    }

    // Attribution, bottom right.
    let text = match state.online_attribution {
        Some(source) => format!("© {source}"),
        None => "Natural Earth (public domain) via world-atlas".to_owned(),
    };
    let font = egui::FontId::proportional(11.0);
    let color = style.panel_text.gamma_multiply(0.8);
    let galley = ui.painter().layout_no_wrap(text, font, color);
    let pos = rect.right_bottom() - vec2(6.0, 4.0);
    let text_rect = Align2::RIGHT_BOTTOM.anchor_size(pos, galley.size());
    let painter = ui.painter().with_clip_rect(rect);
    painter.rect_filled(
        text_rect.expand2(vec2(5.0, 2.0)),
        3.0,
        style.panel_fill.gamma_multiply(0.85),
    );
    painter.galley(text_rect.min, galley, Color32::PLACEHOLDER);
    if state.online_attribution.is_some() {
        let link = ui.interact(
            text_rect,
            ui.scope_id().with("briefmap_attribution"),
            egui::Sense::click(),
        );
        link.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Link, true, "OpenStreetMap copyright")
        });
        if link
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .clicked()
        {
            ui.ctx().open_url(egui::OpenUrl::new_tab(
                "https://www.openstreetmap.org/copyright",
            ));
        }
    }
    actions
}
