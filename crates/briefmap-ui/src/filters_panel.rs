//! The filter panel: date range and facets (countries, organisations, people, kinds,
//! languages, sources) with counts, "Clear filters" and the number of matching events.

use std::collections::HashSet;

use chrono::NaiveDate;

use briefmap_core::app::{AppState, Command, Facet};

/// Values shown per facet before "show all".
const SHORT_LIST: usize = 12;

/// Text buffers of the date fields and which facets are expanded to all values.
#[derive(Default)]
pub struct FiltersPanel {
    from_text: String,
    to_text: String,
    synced: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    show_all: HashSet<Facet>,
}

fn parse_day(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    briefmap_core::model::DateRange::parse_iso(text)
        .map(|d| Some(d.start))
        .ok_or(())
}

impl FiltersPanel {
    pub fn filters_ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let filter = state.filter();
        let range = (filter.date_from, filter.date_to);
        if self.synced != Some(range) {
            self.from_text = range.0.map(|d| d.to_string()).unwrap_or_default();
            self.to_text = range.1.map(|d| d.to_string()).unwrap_or_default();
            self.synced = Some(range);
        }
        ui.horizontal(|ui| {
            ui.heading("Filters");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let clear = ui.add_enabled(
                    !filter.is_empty() || state.brush.is_some(),
                    egui::Button::new("Clear filters"),
                );
                if clear.clicked() {
                    commands.push(Command::ClearFilters);
                }
            });
        });
        let shown = state.visible().len();
        let total = state.catalog.len();
        ui.label(egui::RichText::new(format!("{shown} of {total} events match")).strong());
        if let Some((a, b)) = state.brush {
            ui.label(format!(
                "Map shows {} events brushed {a} – {b}",
                state.derived.brushed.len()
            ));
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label("Date range");
                let mut apply = false;
                egui::Grid::new("date_range").num_columns(2).show(ui, |ui| {
                    for (label, text) in [("From", &mut self.from_text), ("To", &mut self.to_text)]
                    {
                        let label_id = ui.label(label).id;
                        let valid = parse_day(text).is_ok();
                        let edit = egui::TextEdit::singleline(text)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0)
                            .text_color_opt((!valid).then_some(ui.visuals().error_fg_color));
                        let r = ui.add(edit).labelled_by(label_id);
                        let r =
                            r.on_hover_text(format!("{label} date (YYYY, YYYY-MM or YYYY-MM-DD)"));
                        if r.lost_focus() {
                            apply = true;
                        }
                        ui.end_row();
                    }
                });
                if apply
                    && let (Ok(from), Ok(to)) =
                        (parse_day(&self.from_text), parse_day(&self.to_text))
                    && (from, to) != range
                {
                    commands.push(Command::SetDateRange { from, to });
                }
                for facet in Facet::ALL {
                    let Some(values) = state.derived.filtered.facets.get(&facet) else {
                        continue;
                    };
                    if values.is_empty() {
                        continue;
                    }
                    let selected = values.iter().filter(|v| v.selected).count();
                    let title = if selected > 0 {
                        format!("{} ({selected} chosen)", facet.title())
                    } else {
                        facet.title().to_string()
                    };
                    egui::CollapsingHeader::new(title)
                        .id_salt(("facet", facet as u8))
                        .default_open(matches!(
                            facet,
                            Facet::Country | Facet::Organization | Facet::Kind
                        ))
                        .show(ui, |ui| {
                            let all = self.show_all.contains(&facet);
                            let limit = if all { values.len() } else { SHORT_LIST };
                            for v in values.iter().take(limit) {
                                ui.horizontal(|ui| {
                                    let mut on = v.selected;
                                    let text = if v.count == 0 && !v.selected {
                                        egui::RichText::new(&v.label).weak()
                                    } else {
                                        egui::RichText::new(&v.label)
                                    };
                                    if ui.checkbox(&mut on, text).changed() {
                                        commands.push(Command::SetFacet {
                                            facet,
                                            value: v.value.clone(),
                                            selected: on,
                                        });
                                    }
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| {
                                            ui.weak(v.count.to_string());
                                        },
                                    );
                                });
                            }
                            if values.len() > SHORT_LIST {
                                let text = if all {
                                    "Show fewer".to_string()
                                } else {
                                    format!("Show all {}", values.len())
                                };
                                if ui.small_button(text).clicked() {
                                    if all {
                                        self.show_all.remove(&facet);
                                    } else {
                                        self.show_all.insert(facet);
                                    }
                                }
                            }
                        });
                }
            });
        commands
    }
}
