//! The event catalogue: every loaded brief with its corrections applied, flattened into one
//! table of `EventRow`s (with precomputed labels, so views never format strings per frame),
//! plus the table of places the events refer to.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::corrections::{Corrections, Origin};
use super::facet_index::FacetIndex;
use super::keys::{EventKey, PlaceKey, added_event_key, extracted_event_key, place_key};
use crate::model::{Brief, Event, Problem};
use crate::text::shown::shown_path;

pub use super::rows::{CorrectionsStatus, DiskCorrections, EventRow, LoadedBrief, PlaceInfo};

/// All briefs and their events.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub briefs: Vec<LoadedBrief>,
    pub rows: Vec<EventRow>,
    pub places: Vec<PlaceInfo>,
    /// Row indices sorted by date (undated last), then brief and position.
    pub time_order: Vec<u32>,
    /// ISO code -> English name, from the briefs' country mentions.
    pub country_names: BTreeMap<String, String>,
    /// Corrections that no longer match any extracted event.
    pub orphan_problems: Vec<Problem>,
    /// Each row's facet values as ids, for fast filtering.
    pub facet_index: FacetIndex,
    by_key: HashMap<EventKey, u32>,
    place_by_name: HashMap<String, u32>,
}

impl Catalog {
    pub fn new(briefs: Vec<LoadedBrief>) -> Self {
        let mut catalog = Catalog {
            briefs,
            ..Default::default()
        };
        catalog.guard_shared_sidecars();
        catalog.rebuild();
        catalog
    }

    /// Two briefs whose sidecars are one file (`a.txt` and `a.md` both use `a.json`) would
    /// overwrite each other's corrections: neither applies nor saves any until one is renamed.
    fn guard_shared_sidecars(&mut self) {
        let mut by_sidecar: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        for (i, b) in self.briefs.iter().enumerate() {
            by_sidecar
                .entry(crate::sources::sidecar::sidecar_path(&b.brief.file))
                .or_default()
                .push(i);
        }
        for (sidecar, group) in by_sidecar {
            if group.len() < 2 {
                continue;
            }
            for &i in &group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| shown_path(&self.briefs[j].brief.file))
                    .collect();
                let brief = &mut self.briefs[i];
                brief.corrections = Corrections::default();
                brief.status = CorrectionsStatus::ReadOnly(format!(
                    "shares its sidecar {} with {}: corrections are neither applied nor saved \
                     until one of them is renamed",
                    shown_path(&sidecar),
                    others.join(", ")
                ));
            }
        }
    }

    /// Recomputes rows and places from the briefs and their corrections.
    pub fn rebuild(&mut self) {
        self.rows.clear();
        self.places.clear();
        self.by_key.clear();
        self.place_by_name.clear();
        self.country_names.clear();
        self.orphan_problems.clear();
        for (bi, loaded) in self.briefs.iter().enumerate() {
            let brief = &loaded.brief;
            for c in &brief.countries {
                self.country_names
                    .entry(c.code.clone())
                    .or_insert_with(|| c.name.clone());
            }
            let applied = loaded.corrections.apply(brief);
            for &orphan in &applied.orphans {
                if let Some(c) = loaded.corrections.events.get(orphan) {
                    self.orphan_problems.push(Problem {
                        file: brief.file.clone(),
                        error: format!(
                            "a correction of the {} event #{} no longer matches any extracted event (kept in the sidecar)",
                            c.target.kind.as_str(),
                            c.target.index + 1
                        ),
                    });
                }
            }
            for corrected in applied.events {
                let key = match corrected.origin {
                    Origin::Extracted(m) => {
                        extracted_event_key(&brief.file, m.index, m.kind, m.evidence)
                    }
                    Origin::Added(id) => added_event_key(&brief.file, id),
                };
                let mut place_ids = Vec::with_capacity(corrected.event.places.len());
                for name in &corrected.event.places {
                    let found = brief
                        .place(name)
                        .or_else(|| applied.extra_places.iter().find(|p| &p.name == name));
                    let Some(place) = found else { continue };
                    let id = match self.place_by_name.get(name) {
                        Some(&id) => id,
                        None => {
                            let id = self.places.len() as u32;
                            self.places.push(PlaceInfo {
                                key: place_key(name),
                                name: name.clone(),
                                point: place.point,
                                country: place.country.clone(),
                                kind: place.kind,
                                route: place.route.clone(),
                            });
                            self.place_by_name.insert(name.clone(), id);
                            id
                        }
                    };
                    if !place_ids.contains(&id) {
                        place_ids.push(id);
                    }
                }
                let event = corrected.event;
                let date_label = event
                    .date
                    .map_or_else(|| "undated".to_string(), |d| d.to_iso());
                let search_text = search_text_of(&event, brief, &self.country_names);
                self.by_key.insert(key, self.rows.len() as u32);
                self.rows.push(EventRow {
                    title: event.title.as_str().into(),
                    key,
                    brief: bi as u32,
                    origin: corrected.origin,
                    event,
                    reviewed: corrected.reviewed,
                    corrected: corrected.corrected,
                    places: place_ids,
                    date_label,
                    search_text,
                });
            }
        }
        let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
        order.sort_by_key(|&i| {
            let e = &self.rows[i as usize].event;
            (e.date.is_none(), e.date.map(|d| (d.start, d.end)), i)
        });
        self.time_order = order;
        self.facet_index = FacetIndex::build(&self.rows, &self.briefs);
    }

    pub fn row_index(&self, key: EventKey) -> Option<u32> {
        self.by_key.get(&key).copied()
    }

    pub fn row(&self, key: EventKey) -> Option<&EventRow> {
        self.row_index(key).map(|i| &self.rows[i as usize])
    }

    pub fn brief_of(&self, row: &EventRow) -> &Brief {
        &self.briefs[row.brief as usize].brief
    }

    pub fn brief_index(&self, file: &Path) -> Option<usize> {
        self.briefs.iter().position(|b| b.brief.file == file)
    }

    pub fn place_index(&self, key: PlaceKey) -> Option<u32> {
        self.places
            .iter()
            .position(|p| p.key == key)
            .map(|i| i as u32)
    }

    pub fn country_label(&self, code: &str) -> String {
        self.country_names
            .get(code)
            .cloned()
            .or_else(|| super::core_api::country_name(code).map(str::to_string))
            .unwrap_or_else(|| code.to_string())
    }

    /// Adds or replaces briefs (same file path = same brief).
    pub fn merge_briefs(&mut self, incoming: Vec<LoadedBrief>) {
        for b in incoming {
            match self.brief_index(&b.brief.file) {
                Some(i) => self.briefs[i] = b,
                None => self.briefs.push(b),
            }
        }
        self.guard_shared_sidecars();
        self.rebuild();
    }

    /// The files of all loaded briefs.
    pub fn files(&self) -> Vec<PathBuf> {
        self.briefs.iter().map(|b| b.brief.file.clone()).collect()
    }

    /// Date span covered by all dated events.
    pub fn date_extent(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let first = self
            .time_order
            .first()
            .and_then(|&i| self.rows[i as usize].event.date)?;
        let last_end = self
            .rows
            .iter()
            .filter_map(|r| r.event.date.map(|d| d.end))
            .max()?;
        Some((first.start, last_end))
    }
}

fn search_text_of(event: &Event, brief: &Brief, countries: &BTreeMap<String, String>) -> String {
    let mut text = String::with_capacity(event.title.len() + brief.title.len() + 64);
    text.push_str(&event.title);
    for part in event
        .places
        .iter()
        .chain(&event.organizations)
        .chain(&event.people)
    {
        text.push('\n');
        text.push_str(part);
    }
    for code in &event.countries {
        text.push('\n');
        text.push_str(countries.get(code).map_or(code.as_str(), String::as_str));
    }
    text.push('\n');
    text.push_str(&brief.title);
    if let Some(d) = event.date {
        text.push('\n');
        text.push_str(&d.start.year().to_string());
    }
    text.to_lowercase()
}
