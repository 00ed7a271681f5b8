//! The edit form: change an event's date and precision, title, kind, places (from the
//! gazetteer or by clicking the map) and actors; or fill in a new event for a brief.

use std::path::PathBuf;

use briefmap_core::app::core_api::{self, GazetteerHit};
use briefmap_core::app::corrections::{AddedEvent, DateFix, EventEdit, PlaceFix};
use briefmap_core::app::date_input::{parse_date_input, with_precision};
use briefmap_core::app::{AppState, Command, EventKey};
use briefmap_core::model::{EventKind, GeoPoint, PlaceKind, Precision};

/// What the form edits.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftTarget {
    Existing(EventKey),
    New(PathBuf),
}

/// The form's fields while the user types.
#[derive(Debug, Clone)]
pub struct EditDraft {
    pub target: DraftTarget,
    pub date_text: String,
    pub title: String,
    pub kind: EventKind,
    pub places: Vec<PlaceFix>,
    pub place_query: String,
    hits_for: String,
    hits: Vec<GazetteerHit>,
    /// The next click on the map adds a place.
    pub picking_on_map: bool,
    pub countries: String,
    pub organizations: String,
    pub people: String,
    pub error: Option<String>,
}

/// What the form asks for.
#[derive(Debug, Clone)]
pub enum EditOutcome {
    Apply(Command),
    Cancel,
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl EditDraft {
    /// A draft filled from an existing event.
    pub fn for_event(state: &AppState, key: EventKey) -> Option<Self> {
        let row = state.catalog.row(key)?;
        let e = &row.event;
        let places = row
            .places
            .iter()
            .map(|&p| {
                let info = &state.catalog.places[p as usize];
                PlaceFix {
                    name: info.name.clone(),
                    point: info.point,
                    country: info.country.clone(),
                    kind: info.kind,
                }
            })
            .collect();
        Some(Self {
            target: DraftTarget::Existing(key),
            date_text: e.date.map(|d| d.to_iso()).unwrap_or_default(),
            title: e.title.clone(),
            kind: e.kind,
            places,
            place_query: String::new(),
            hits_for: String::new(),
            hits: Vec::new(),
            picking_on_map: false,
            countries: e.countries.join(", "),
            organizations: e.organizations.join(", "),
            people: e.people.join(", "),
            error: None,
        })
    }

    /// An empty draft for a new event in `file`.
    pub fn new_event(file: PathBuf) -> Self {
        Self {
            target: DraftTarget::New(file),
            date_text: String::new(),
            title: String::new(),
            kind: EventKind::Other,
            places: Vec::new(),
            place_query: String::new(),
            hits_for: String::new(),
            hits: Vec::new(),
            picking_on_map: false,
            countries: String::new(),
            organizations: String::new(),
            people: String::new(),
            error: None,
        }
    }

    /// Adds the place the user clicked on the map (the nearest gazetteer place if close).
    pub fn pick_point(&mut self, point: GeoPoint) {
        self.picking_on_map = false;
        let place = match core_api::gazetteer_nearest(point, 25.0) {
            Some(hit) => PlaceFix {
                name: hit.name,
                point: hit.point,
                country: hit.country,
                kind: hit.kind,
            },
            None => PlaceFix {
                name: format!("{:.3}°N {:.3}°E", point.lat, point.lon),
                point,
                country: None,
                kind: PlaceKind::Other,
            },
        };
        if !self.places.iter().any(|p| p.name == place.name) {
            self.places.push(place);
        }
    }

    /// The command that applies this draft, or an error to show.
    fn to_command(&self, state: &AppState) -> Result<Command, String> {
        let date = parse_date_input(&self.date_text)?;
        let title = self.title.trim().to_string();
        if title.is_empty() {
            return Err("the title is empty".into());
        }
        let countries: Vec<String> = split_list(&self.countries)
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect();
        let organizations = split_list(&self.organizations);
        let people = split_list(&self.people);
        match &self.target {
            DraftTarget::New(file) => Ok(Command::AddEvent {
                file: file.clone(),
                event: AddedEvent {
                    id: 0,
                    date,
                    title,
                    kind: self.kind,
                    places: self.places.clone(),
                    countries,
                    organizations,
                    people,
                    reviewed: false,
                },
            }),
            DraftTarget::Existing(key) => {
                let row = state
                    .catalog
                    .row(*key)
                    .ok_or("the event no longer exists")?;
                let e = &row.event;
                let current_places: Vec<&str> = row
                    .places
                    .iter()
                    .map(|&p| state.catalog.places[p as usize].name.as_str())
                    .collect();
                let new_places: Vec<&str> = self.places.iter().map(|p| p.name.as_str()).collect();
                let edit = EventEdit {
                    date: (date != e.date).then_some(DateFix::from_option(date)),
                    title: (title != e.title).then_some(title),
                    kind: (self.kind != e.kind).then_some(self.kind),
                    places: (new_places != current_places).then(|| self.places.clone()),
                    countries: (countries != e.countries).then_some(countries),
                    organizations: (organizations != e.organizations).then_some(organizations),
                    people: (people != e.people).then_some(people),
                    reviewed: None,
                    deleted: false,
                };
                Ok(Command::EditEvent(*key, edit))
            }
        }
    }

    pub fn edit_form_ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> Option<EditOutcome> {
        let mut outcome = None;
        ui.heading(match self.target {
            DraftTarget::Existing(_) => "Edit event",
            DraftTarget::New(_) => "New event",
        });
        if let DraftTarget::New(file) = &self.target {
            ui.weak(format!(
                "in {}",
                briefmap_core::text::shown::shown_path(file)
            ));
        }
        egui::Grid::new("edit_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Date").id;
                let parsed = parse_date_input(&self.date_text);
                let edit = egui::TextEdit::singleline(&mut self.date_text)
                    .hint_text("2025-03-21, 2025-03, 2025, a/b, or empty")
                    .desired_width(200.0)
                    .text_color_opt(parsed.is_err().then_some(ui.visuals().error_fg_color));
                ui.add(edit).labelled_by(l);
                ui.end_row();

                let l = ui.label("Precision").id;
                let current = parsed.as_ref().ok().copied().flatten();
                let label = current.map_or("undated", |d| d.precision.as_str());
                egui::ComboBox::from_id_salt("precision")
                    .selected_text(label)
                    .show_ui(ui, |ui| {
                        for p in [
                            Precision::Day,
                            Precision::Month,
                            Precision::Year,
                            Precision::Range,
                        ] {
                            if ui
                                .selectable_label(
                                    current.is_some_and(|d| d.precision == p),
                                    p.as_str(),
                                )
                                .clicked()
                                && let Some(d) = current
                            {
                                self.date_text = with_precision(d, p).to_iso();
                            }
                        }
                    })
                    .response
                    .labelled_by(l);
                ui.end_row();

                let l = ui.label("Title").id;
                ui.add(
                    egui::TextEdit::multiline(&mut self.title)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l);
                ui.end_row();

                let l = ui.label("Kind").id;
                egui::ComboBox::from_id_salt("kind")
                    .selected_text(self.kind.as_str())
                    .show_ui(ui, |ui| {
                        for k in EventKind::ALL {
                            ui.selectable_value(&mut self.kind, k, k.as_str());
                        }
                    })
                    .response
                    .labelled_by(l);
                ui.end_row();

                ui.label("Places");
                ui.vertical(|ui| {
                    let mut remove = None;
                    for (i, p) in self.places.iter().enumerate() {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("✖")
                                .on_hover_text(format!("Remove {}", p.name))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                            ui.label(format!(
                                "{} ({:.2}, {:.2})",
                                p.name, p.point.lat, p.point.lon
                            ));
                        });
                    }
                    if let Some(i) = remove {
                        self.places.remove(i);
                    }
                    ui.horizontal(|ui| {
                        let l = ui.label("Find place").id;
                        ui.add(
                            egui::TextEdit::singleline(&mut self.place_query)
                                .hint_text("gazetteer search")
                                .desired_width(140.0),
                        )
                        .labelled_by(l);
                        let pick = ui.selectable_label(self.picking_on_map, "Pick on map");
                        if pick.clicked() {
                            self.picking_on_map = !self.picking_on_map;
                        }
                    });
                    if self.picking_on_map {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "Click the map to add a place",
                        );
                    }
                    if self.hits_for != self.place_query {
                        let mut hits = core_api::gazetteer_search(&self.place_query, 16);
                        let mut seen = Vec::new();
                        hits.retain(|h| {
                            let id = (h.name.clone(), h.country.clone(), h.kind);
                            let new = !seen.contains(&id);
                            seen.push(id);
                            new
                        });
                        hits.truncate(8);
                        self.hits = hits;
                        self.hits_for = self.place_query.clone();
                    }
                    let mut chosen = None;
                    for hit in &self.hits {
                        let country = hit.country.as_deref().unwrap_or("");
                        let text = format!(
                            "+ {} {} ({}, {:.2}, {:.2})",
                            hit.name,
                            country,
                            hit.kind.as_str().replace('_', " "),
                            hit.point.lat,
                            hit.point.lon
                        );
                        if ui.button(text).clicked() {
                            chosen = Some(hit.clone());
                        }
                    }
                    if let Some(hit) = chosen {
                        if !self.places.iter().any(|p| p.name == hit.name) {
                            self.places.push(PlaceFix {
                                name: hit.name,
                                point: hit.point,
                                country: hit.country,
                                kind: hit.kind,
                            });
                        }
                        self.place_query.clear();
                    }
                });
                ui.end_row();

                for (name, text) in [
                    ("Countries", &mut self.countries),
                    ("Organisations", &mut self.organizations),
                    ("People", &mut self.people),
                ] {
                    let l = ui.label(name).id;
                    ui.add(
                        egui::TextEdit::singleline(text)
                            .hint_text("comma-separated")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l);
                    ui.end_row();
                }
            });
        if let Some(err) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, err);
        }
        ui.horizontal(|ui| {
            let save_label = match self.target {
                DraftTarget::Existing(_) => "Save changes",
                DraftTarget::New(_) => "Add event",
            };
            if ui.button(save_label).clicked() {
                match self.to_command(state) {
                    Ok(cmd) => outcome = Some(EditOutcome::Apply(cmd)),
                    Err(e) => self.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(EditOutcome::Cancel);
            }
        });
        outcome
    }
}
