//! The "Undated" tray: a strip of chips for the items without a date, so they are never
//! dropped. Chips are clickable (select) and hoverable like cards.

use egui::{CornerRadius, FontId, Role, Sense, Stroke, StrokeKind, WidgetInfo, vec2};

use super::{TRAY_HEIGHT, TimelineIntent, TimelineViewModel};
use crate::palette::slot_colour;
use briefmap_core::app::EventKey;

/// At most this many chips are built per frame; the rest are counted.
const MAX_CHIPS: usize = 300;

/// Shows the tray; returns the hovered item's key.
pub fn undated_tray_ui(
    ui: &mut egui::Ui,
    vm: &TimelineViewModel,
    undated: &[u32],
    intents: &mut Vec<TimelineIntent>,
) -> Option<EventKey> {
    let mut hovered = None;
    ui.allocate_ui(vec2(ui.available_width(), TRAY_HEIGHT), |ui| {
        ui.horizontal_centered(|ui| {
            ui.strong(format!("Undated ({})", undated.len()))
                .on_hover_text("Events whose date could not be found");
            egui::ScrollArea::horizontal()
                .id_salt("timeline_undated_tray")
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for &i in undated.iter().take(MAX_CHIPS) {
                            let Some(item) = vm.items.get(i as usize) else {
                                continue;
                            };
                            let selected = vm.selected == Some(item.key);
                            let response = chip_ui(
                                ui,
                                vm.label(item),
                                slot_colour(item.slot),
                                selected,
                                vm.hovered == Some(item.key),
                            );
                            if response.clicked() {
                                intents.push(TimelineIntent::Select(item.key));
                            }
                            if response.hovered() {
                                hovered = Some(item.key);
                            }
                        }
                        if undated.len() > MAX_CHIPS {
                            ui.weak(format!("+{} more", undated.len() - MAX_CHIPS));
                        }
                    });
                });
        });
    });
    hovered
}

fn chip_ui(
    ui: &mut egui::Ui,
    label: &str,
    color: egui::Color32,
    selected: bool,
    highlighted: bool,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let font = FontId::proportional(12.5);
    let galley = ui
        .painter()
        .layout_no_wrap(label.to_owned(), font, visuals.text_color());
    let size = vec2(galley.size().x + 26.0, 22.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, label));
    let painter = ui.painter();
    let fill = if selected {
        visuals.selection.bg_fill
    } else if response.hovered() || highlighted {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.widgets.inactive.weak_bg_fill
    };
    let stroke = if selected {
        Stroke::new(1.5, visuals.selection.stroke.color)
    } else {
        Stroke::new(1.0, color.gamma_multiply(0.8))
    };
    painter.rect(
        rect,
        CornerRadius::same(11),
        fill,
        stroke,
        StrokeKind::Inside,
    );
    painter.circle_filled(rect.left_center() + vec2(11.0, 0.0), 4.5, color);
    let text_pos = rect.left_center() + vec2(20.0, -galley.size().y / 2.0);
    painter.galley(text_pos, galley, visuals.text_color());
    response.on_hover_text("No date found — select to see the event")
}
