//! PLACEHOLDER for the timeline panel (branch `timeline` replaces this): lists items on a
//! simple time axis so the rest of the app can be built and tested.

use chrono::NaiveDate;

use crate::model::DateRange;

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    pub key: u64,
    pub date: Option<DateRange>,
    pub label: String,
    pub color: egui::Color32,
    pub lane: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineViewModel {
    pub items: Vec<TimelineItem>,
    pub lanes: Vec<String>,
    pub selected: Option<u64>,
    pub hovered: Option<u64>,
    pub brush: Option<(NaiveDate, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TimelineIntent {
    Select(u64),
    Hover(Option<u64>),
    Brush(Option<(NaiveDate, NaiveDate)>),
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimelineSettings {}

#[derive(Default)]
pub struct TimelinePanel {
    pub settings: TimelineSettings,
}

impl TimelinePanel {
    pub fn new(settings: TimelineSettings) -> Self {
        Self { settings }
    }
    pub fn fit_all(&mut self) {}
    pub fn scroll_to(&mut self, _date: DateRange) {}
    pub fn timeline_ui(&mut self, ui: &mut egui::Ui, model: &TimelineViewModel, _generation: u64) -> Vec<TimelineIntent> {
        let mut intents = Vec::new();
        ui.label(format!("Timeline: {} events", model.items.len()));
        egui::ScrollArea::horizontal().show(ui, |ui| {
            ui.horizontal(|ui| {
                for item in model.items.iter().take(200) {
                    let text = egui::RichText::new(&item.label).color(item.color);
                    let r = ui.selectable_label(model.selected == Some(item.key), text);
                    if r.clicked() {
                        intents.push(TimelineIntent::Select(item.key));
                    }
                }
            });
        });
        intents
    }
}
