//! The detail panel of the selected event: date and precision, title, kind, places, actors,
//! the brief's source and publication date, and the brief's full text with this event's
//! evidence highlighted (and scrolled into view when the selection changes).

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};

use briefmap_core::app::state::plural;
use briefmap_core::app::{AppState, Command, EventKey};
use briefmap_core::corpus::search::match_spans;
use briefmap_core::model::Span;

use super::palette;

/// What the user asked for in the detail panel besides plain commands.
#[derive(Debug, Clone)]
pub enum DetailsAction {
    Command(Command),
    Edit(EventKey),
    AddToBrief(std::path::PathBuf),
}

/// The cached, highlighted brief text of the selected event.
#[derive(Default)]
pub struct DetailsPanel {
    cache_key: Option<(EventKey, u64, bool, String)>,
    job: Option<Arc<LayoutJob>>,
    /// Character index of the first evidence character, to scroll to.
    evidence_char: Option<usize>,
    scroll_pending: bool,
    /// Words of the brief text the search matched.
    search_matches: usize,
}

impl DetailsPanel {
    fn refresh(&mut self, ui: &egui::Ui, state: &AppState, key: EventKey) {
        let dark = ui.visuals().dark_mode;
        let search = state.filter().text.clone();
        let cache_key = (key, state.data_generation, dark, search);
        if self.cache_key.as_ref() == Some(&cache_key) {
            return;
        }
        if self.cache_key.as_ref().map(|k| k.0) != Some(key) {
            self.scroll_pending = true;
        }
        self.cache_key = Some(cache_key);
        let Some(row) = state.catalog.row(key) else {
            self.job = None;
            return;
        };
        let brief = state.catalog.brief_of(&row);
        let evidence = [row.event.evidence];
        let mut mentions: Vec<Span> = Vec::new();
        for name in &row.event.places {
            if let Some(p) = brief.place(name) {
                mentions.extend(&p.mentions);
            }
        }
        for o in brief
            .organizations
            .iter()
            .filter(|o| row.event.organizations.contains(&o.name))
        {
            mentions.extend(&o.mentions);
        }
        for p in brief
            .people
            .iter()
            .filter(|p| row.event.people.contains(&p.name))
        {
            mentions.extend(&p.mentions);
        }
        // The words the search box matched (full-text search), shown as well.
        let matched = match_spans(&brief.text, &state.filter().text);
        self.search_matches = matched.len();
        let (job, first) = highlighted_text(ui, &brief.text, &evidence, &mentions, &matched, dark);
        self.job = Some(Arc::new(job));
        self.evidence_char = first;
    }

    pub fn details_ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Vec<DetailsAction> {
        let mut actions = Vec::new();
        let Some(key) = state.selection else {
            ui.heading("Details");
            ui.label("Select an event on the timeline, the map or in the list to see its details and evidence.");
            self.cache_key = None;
            return actions;
        };
        let Some(row) = state.catalog.row(key) else {
            return actions;
        };
        self.refresh(ui, state, key);
        let catalog = &state.catalog;
        let brief = catalog.brief_of(&row);
        let event = &row.event;
        ui.add(egui::Label::new(egui::RichText::new(&event.title).heading()).wrap());
        ui.horizontal_wrapped(|ui| {
            if row.reviewed {
                ui.label(egui::RichText::new("✔ reviewed").color(ui.visuals().hyperlink_color));
            }
            if row.corrected {
                ui.label(egui::RichText::new("✏ corrected").italics());
            }
            if event.main {
                ui.weak("main event of the brief");
            }
        });
        egui::Grid::new("details_grid")
            .num_columns(2)
            .striped(false)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.strong("Date");
                match event.date {
                    Some(d) => ui.label(format!("{}  ({})", d.to_iso(), d.precision.as_str())),
                    None => ui.label("undated"),
                };
                ui.end_row();
                ui.strong("Kind");
                ui.label(event.kind.as_str());
                ui.end_row();
                ui.strong("Places");
                ui.vertical(|ui| {
                    if row.places.is_empty() {
                        ui.weak("none");
                    }
                    for &p in &row.places {
                        let place = &catalog.places[p as usize];
                        let country = place
                            .country
                            .as_deref()
                            .map(|c| catalog.country_label(c))
                            .unwrap_or_default();
                        ui.label(format!(
                            "{} — {} {}",
                            place.name,
                            place.kind.as_str().replace('_', " "),
                            country
                        ));
                    }
                });
                ui.end_row();
                ui.strong("Countries");
                let countries: Vec<String> = event
                    .countries
                    .iter()
                    .map(|c| catalog.country_label(c))
                    .collect();
                ui.add(egui::Label::new(join_or_none(&countries)).wrap());
                ui.end_row();
                ui.strong("Organisations");
                ui.add(egui::Label::new(join_or_none(&event.organizations)).wrap());
                ui.end_row();
                ui.strong("People");
                ui.add(egui::Label::new(join_or_none(&event.people)).wrap());
                ui.end_row();
                ui.strong("Brief");
                ui.add(egui::Label::new(&brief.title).wrap());
                ui.end_row();
                ui.strong("Source");
                ui.label(brief.source.as_deref().unwrap_or("unknown"));
                ui.end_row();
                ui.strong("Published");
                ui.label(
                    brief
                        .published
                        .map_or_else(|| "unknown".to_string(), |d| d.to_iso()),
                );
                ui.end_row();
                ui.strong("Language");
                ui.label(brief.language.as_deref().unwrap_or("unknown"));
                ui.end_row();
                ui.strong("File");
                let full = briefmap_core::text::shown::shown_path(&brief.file);
                let name = brief.file.file_name().map_or_else(
                    || full.clone(),
                    |n| briefmap_core::text::shown::shown_path(std::path::Path::new(n)),
                );
                ui.add(egui::Label::new(egui::RichText::new(name).small()).wrap())
                    .on_hover_text(full);
                ui.end_row();
            });
        ui.horizontal_wrapped(|ui| {
            if ui.button("Edit event").clicked() {
                actions.push(DetailsAction::Edit(key));
            }
            let mut reviewed = row.reviewed;
            if ui.checkbox(&mut reviewed, "Reviewed").changed() {
                actions.push(DetailsAction::Command(Command::MarkReviewed(key, reviewed)));
            }
            if ui.button("Delete event").clicked() {
                actions.push(DetailsAction::Command(Command::DeleteEvent(key)));
            }
            if ui.button("Add event to this brief").clicked() {
                actions.push(DetailsAction::AddToBrief(brief.file.clone()));
            }
        });
        ui.separator();
        ui.strong("Brief text (evidence highlighted)");
        if self.search_matches > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "{} matching the search",
                    plural(self.search_matches, "word", "words")
                ))
                .background_color(palette::search_match_background(ui.visuals().dark_mode)),
            );
        }
        egui::ScrollArea::vertical()
            .id_salt("brief_text")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(job) = &self.job {
                    let mut job = job.as_ref().clone();
                    job.wrap.max_width = ui.available_width();
                    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
                    let response = ui.add(egui::Label::new(galley.clone()).selectable(true));
                    if self.scroll_pending {
                        self.scroll_pending = false;
                        if let Some(c) = self.evidence_char {
                            let rect = galley
                                .pos_from_cursor(CCursor::new(c))
                                .translate(response.rect.min.to_vec2());
                            ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Min));
                        }
                    }
                }
            });
        actions
    }
}

fn join_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// The brief text as a layout job: evidence spans on a highlight background, mentions of the
/// event's places and actors coloured. Returns the character index of the first evidence.
fn highlighted_text(
    ui: &egui::Ui,
    text: &str,
    evidence: &[Span],
    mentions: &[Span],
    matched: &[Span],
    dark: bool,
) -> (LayoutJob, Option<usize>) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let valid = |s: &Span| {
        !s.is_empty()
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let evidence: Vec<Span> = evidence.iter().copied().filter(valid).collect();
    let mentions: Vec<Span> = mentions.iter().copied().filter(valid).collect();
    let matched: Vec<Span> = matched.iter().copied().filter(valid).collect();
    let mut cuts: BTreeSet<usize> = [0, text.len()].into();
    for s in evidence.iter().chain(&mentions).chain(&matched) {
        cuts.insert(s.start);
        cuts.insert(s.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut job = LayoutJob {
        text: text.to_string(),
        ..Default::default()
    };
    job.wrap.max_width = f32::INFINITY;
    for w in cuts.windows(2) {
        let segment = Span::new(w[0], w[1]);
        if segment.is_empty() {
            continue;
        }
        let mut format = plain.clone();
        if evidence.iter().any(|e| e.contains(segment)) {
            format.background = palette::evidence_background(dark);
            format.color = ui.visuals().strong_text_color();
        }
        if mentions.iter().any(|m| m.contains(segment)) {
            format.color = palette::mention_colour(dark);
            format.underline = egui::Stroke::new(1.0, palette::mention_colour(dark));
        }
        if matched.iter().any(|m| m.contains(segment)) {
            format.background = palette::search_match_background(dark);
            format.color = ui.visuals().strong_text_color();
        }
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(segment.start)..egui::text::ByteIndex(segment.end),
            format,
        });
    }
    let first = evidence
        .iter()
        .map(|e| e.start)
        .min()
        .map(|b| text[..b].chars().count());
    (job, first)
}
