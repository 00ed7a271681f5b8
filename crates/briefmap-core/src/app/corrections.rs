//! The analyst's corrections to one brief's events, as stored in the brief's sidecar under the
//! key `"corrections"` (versioned JSON). Corrections name the extracted event they change by
//! its index, kind and evidence span, so they still find it after a re-extraction and are
//! re-applied every time the brief is loaded. Added events live here too.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    Brief, DateRange, Event, EventKind, GeoPoint, Place, PlaceKind, PlaceRole, Span,
};

/// The sidecar key the corrections are stored under.
pub const CORRECTIONS_KEY: &str = "corrections";
/// The format version this build writes and understands.
pub const CORRECTIONS_VERSION: u32 = 1;

#[derive(Debug, Error, PartialEq)]
pub enum CorrectionsError {
    #[error("the corrections are not valid JSON for this app: {0}")]
    Invalid(String),
    #[error(
        "the corrections were written by a newer briefmap (format {found}, this build reads {CORRECTIONS_VERSION})"
    )]
    TooNew { found: u32 },
}

/// Which extracted event a correction applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventMatch {
    pub index: usize,
    pub kind: EventKind,
    pub evidence: Span,
}

impl EventMatch {
    pub fn of(index: usize, event: &Event) -> Self {
        Self {
            index,
            kind: event.kind,
            evidence: event.evidence,
        }
    }
}

/// A date as corrected by the user: either a known date or explicitly "undated".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DateFix {
    Undated,
    Dated(DateRange),
}

impl DateFix {
    pub fn from_option(date: Option<DateRange>) -> Self {
        date.map_or(DateFix::Undated, DateFix::Dated)
    }
    pub fn to_option(self) -> Option<DateRange> {
        match self {
            DateFix::Undated => None,
            DateFix::Dated(d) => Some(d),
        }
    }
}

/// A place chosen by the user (from the gazetteer or by clicking the map).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceFix {
    pub name: String,
    #[serde(flatten)]
    pub point: GeoPoint,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub kind: PlaceKind,
}

impl PlaceFix {
    pub fn to_place(&self) -> Place {
        Place {
            name: self.name.clone(),
            point: self.point,
            country: self.country.clone(),
            kind: self.kind,
            role: PlaceRole::Event,
            mentions: Vec::new(),
            route: Vec::new(),
        }
    }
    pub fn from_place(place: &Place) -> Self {
        Self {
            name: place.name.clone(),
            point: place.point,
            country: place.country.clone(),
            kind: place.kind,
        }
    }
}

/// Field-level changes to an event; `None` leaves the field as extracted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateFix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<PlaceFix>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizations: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<bool>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

impl EventEdit {
    /// Whether the edit changes the event (more than marking it reviewed).
    pub fn changes_event(&self) -> bool {
        *self
            != EventEdit {
                reviewed: self.reviewed,
                ..Default::default()
            }
    }

    /// Later changes win field by field.
    pub fn merge(&mut self, later: EventEdit) {
        let EventEdit {
            date,
            title,
            kind,
            places,
            countries,
            organizations,
            people,
            reviewed,
            deleted,
        } = later;
        if date.is_some() {
            self.date = date;
        }
        if title.is_some() {
            self.title = title;
        }
        if kind.is_some() {
            self.kind = kind;
        }
        if places.is_some() {
            self.places = places;
        }
        if countries.is_some() {
            self.countries = countries;
        }
        if organizations.is_some() {
            self.organizations = organizations;
        }
        if people.is_some() {
            self.people = people;
        }
        if reviewed.is_some() {
            self.reviewed = reviewed;
        }
        self.deleted |= deleted;
    }

    /// Applies the changes to `event`; corrected places are pushed to `extra_places`.
    pub fn apply_to(&self, event: &mut Event, extra_places: &mut Vec<Place>) {
        if let Some(date) = self.date {
            event.date = date.to_option();
        }
        if let Some(title) = &self.title {
            event.title = title.clone();
        }
        if let Some(kind) = self.kind {
            event.kind = kind;
        }
        if let Some(places) = &self.places {
            event.places = places.iter().map(|p| p.name.clone()).collect();
            extra_places.extend(places.iter().map(PlaceFix::to_place));
            // Countries follow the places unless the user set them too.
            if self.countries.is_none() {
                for code in places.iter().filter_map(|p| p.country.clone()) {
                    if !event.countries.contains(&code) {
                        event.countries.push(code);
                    }
                }
            }
        }
        if let Some(countries) = &self.countries {
            event.countries = countries.clone();
        }
        if let Some(organizations) = &self.organizations {
            event.organizations = organizations.clone();
        }
        if let Some(people) = &self.people {
            event.people = people.clone();
        }
    }
}

/// One correction of an extracted event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCorrection {
    #[serde(rename = "match")]
    pub target: EventMatch,
    #[serde(flatten)]
    pub edit: EventEdit,
}

/// An event the user added to a brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedEvent {
    pub id: u64,
    #[serde(default)]
    pub date: Option<DateRange>,
    pub title: String,
    pub kind: EventKind,
    #[serde(default)]
    pub places: Vec<PlaceFix>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub reviewed: bool,
}

impl AddedEvent {
    pub fn to_event(&self) -> Event {
        let mut countries = self.countries.clone();
        for code in self.places.iter().filter_map(|p| p.country.clone()) {
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        Event {
            main: false,
            date: self.date,
            kind: self.kind,
            title: self.title.clone(),
            places: self.places.iter().map(|p| p.name.clone()).collect(),
            countries,
            organizations: self.organizations.clone(),
            people: self.people.clone(),
            evidence: Span::new(0, 0),
        }
    }

    /// Folds an edit into the added event itself.
    pub fn apply_edit(&mut self, edit: &EventEdit) {
        let mut event = self.to_event();
        let mut places = Vec::new();
        edit.apply_to(&mut event, &mut places);
        self.date = event.date;
        self.title = event.title;
        self.kind = event.kind;
        if let Some(p) = &edit.places {
            self.places = p.clone();
        }
        if let Some(c) = &edit.countries {
            self.countries = c.clone();
        }
        self.organizations = event.organizations;
        self.people = event.people;
        if let Some(r) = edit.reviewed {
            self.reviewed = r;
        }
    }
}

/// Where an event of the catalogue comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The extracted event at this index (`EventMatch` says what it looked like).
    Extracted(EventMatch),
    /// A user-added event with this id.
    Added(u64),
}

/// An event after the corrections were applied.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectedEvent {
    pub origin: Origin,
    pub event: Event,
    pub reviewed: bool,
    /// True when the user changed anything about it (or added it).
    pub corrected: bool,
}

/// The result of applying corrections to a brief.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppliedCorrections {
    pub events: Vec<CorrectedEvent>,
    /// Places the corrections introduced (not in `Brief::places`).
    pub extra_places: Vec<Place>,
    /// Corrections (by position in `Corrections::events`) that match no extracted event.
    pub orphans: Vec<usize>,
}

/// All corrections of one brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corrections {
    pub version: u32,
    #[serde(default)]
    pub events: Vec<EventCorrection>,
    #[serde(default)]
    pub added: Vec<AddedEvent>,
}

impl Default for Corrections {
    fn default() -> Self {
        Self {
            version: CORRECTIONS_VERSION,
            events: Vec::new(),
            added: Vec::new(),
        }
    }
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.added.is_empty()
    }

    /// Reads the sidecar value (`None` when the sidecar has no corrections).
    pub fn from_json(value: Option<&serde_json::Value>) -> Result<Self, CorrectionsError> {
        let Some(value) = value else {
            return Ok(Self::default());
        };
        if value.is_null() {
            return Ok(Self::default());
        }
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| CorrectionsError::Invalid("no \"version\" number".into()))?;
        if version > u64::from(CORRECTIONS_VERSION) {
            return Err(CorrectionsError::TooNew {
                found: version as u32,
            });
        }
        serde_json::from_value(value.clone()).map_err(|e| CorrectionsError::Invalid(e.to_string()))
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Finds the extracted event a correction means: same index, kind and evidence; else the
    /// only event with that kind and evidence; else the only event with that evidence.
    pub fn resolve(target: &EventMatch, events: &[Event], taken: &[bool]) -> Option<usize> {
        Self::resolve_in(
            target,
            events.len(),
            &|i| (events[i].kind, events[i].evidence),
            taken,
        )
    }

    /// [`Corrections::resolve`] over `len` events known by their (kind, evidence).
    pub fn resolve_in(
        target: &EventMatch,
        len: usize,
        identity: &dyn Fn(usize) -> (EventKind, Span),
        taken: &[bool],
    ) -> Option<usize> {
        let free = |i: usize| !taken.get(i).copied().unwrap_or(true);
        if target.index < len
            && identity(target.index) == (target.kind, target.evidence)
            && free(target.index)
        {
            return Some(target.index);
        }
        let unique = |pred: &dyn Fn(EventKind, Span) -> bool| {
            let mut found = (0..len).filter(|&i| {
                let (kind, evidence) = identity(i);
                free(i) && pred(kind, evidence)
            });
            let first = found.next()?;
            found.next().is_none().then_some(first)
        };
        unique(&|kind, evidence| kind == target.kind && evidence == target.evidence).or_else(|| {
            unique(&|_, evidence| evidence == target.evidence && !target.evidence.is_empty())
        })
    }

    /// Which extracted event (of `len`, known by their kind and evidence) each correction of
    /// `self.events` applies to; `None` for one that matches no event any more.
    pub fn resolve_all(
        &self,
        len: usize,
        identity: &dyn Fn(usize) -> (EventKind, Span),
    ) -> Vec<Option<usize>> {
        let mut taken = vec![false; if self.events.is_empty() { 0 } else { len }];
        self.events
            .iter()
            .map(|correction| {
                let found = Self::resolve_in(&correction.target, len, identity, &taken);
                if let Some(i) = found {
                    taken[i] = true;
                }
                found
            })
            .collect()
    }

    /// The brief's events with every correction applied (deleted ones left out).
    pub fn apply(&self, brief: &Brief) -> AppliedCorrections {
        let mut out = AppliedCorrections::default();
        let mut edits: Vec<Option<&EventEdit>> = vec![None; brief.events.len()];
        let events = &brief.events;
        let found = self.resolve_all(events.len(), &|i| (events[i].kind, events[i].evidence));
        for (ci, (correction, found)) in self.events.iter().zip(found).enumerate() {
            match found {
                Some(i) => edits[i] = Some(&correction.edit),
                None => out.orphans.push(ci),
            }
        }
        for (i, extracted) in brief.events.iter().enumerate() {
            let mut event = extracted.clone();
            let edit = edits[i];
            if let Some(edit) = edit {
                if edit.deleted {
                    continue;
                }
                edit.apply_to(&mut event, &mut out.extra_places);
            }
            out.events.push(CorrectedEvent {
                origin: Origin::Extracted(EventMatch::of(i, extracted)),
                event,
                reviewed: edit.and_then(|e| e.reviewed).unwrap_or(false),
                corrected: edit.is_some_and(EventEdit::changes_event),
            });
        }
        for added in &self.added {
            out.extra_places
                .extend(added.places.iter().map(PlaceFix::to_place));
            out.events.push(CorrectedEvent {
                origin: Origin::Added(added.id),
                event: added.to_event(),
                reviewed: added.reviewed,
                corrected: true,
            });
        }
        out
    }

    /// Records `edit` for the event from `origin` (merging with an earlier correction).
    /// Returns false if there is no such added event.
    pub fn record(&mut self, origin: Origin, edit: EventEdit) -> bool {
        match origin {
            Origin::Extracted(target) => {
                if let Some(existing) = self.events.iter_mut().find(|c| c.target == target) {
                    existing.edit.merge(edit);
                } else {
                    self.events.push(EventCorrection { target, edit });
                }
                true
            }
            Origin::Added(id) => {
                let Some(pos) = self.added.iter().position(|a| a.id == id) else {
                    return false;
                };
                if edit.deleted {
                    self.added.remove(pos);
                } else {
                    self.added[pos].apply_edit(&edit);
                }
                true
            }
        }
    }

    /// Adds a new event; returns its id.
    pub fn add(&mut self, mut event: AddedEvent) -> u64 {
        let id = self.added.iter().map(|a| a.id).max().unwrap_or(0) + 1;
        event.id = id;
        self.added.push(event);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::sync::Arc;

    fn event(kind: EventKind, evidence: (usize, usize), title: &str) -> Event {
        Event {
            main: false,
            date: None,
            kind,
            title: title.into(),
            places: vec![],
            countries: vec!["KZ".into()],
            organizations: vec![],
            people: vec![],
            evidence: Span::new(evidence.0, evidence.1),
        }
    }

    fn brief(events: Vec<Event>) -> Brief {
        Brief {
            file: "b.txt".into(),
            language: Some("en".into()),
            title: "t".into(),
            published: None,
            source: None,
            url: None,
            places: vec![],
            countries: vec![],
            organizations: vec![],
            people: vec![],
            events,
            problems: vec![],
            text: Arc::from("text"),
            story: vec![],
        }
    }

    fn day(y: i32, m: u32, d: u32) -> DateRange {
        DateRange::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn a_date_fix_survives_reextraction_that_reorders_events() {
        let first = brief(vec![
            event(EventKind::Meeting, (0, 10), "a"),
            event(EventKind::Deal, (11, 20), "b"),
        ]);
        let mut c = Corrections::default();
        let target = EventMatch::of(1, &first.events[1]);
        c.record(
            Origin::Extracted(target),
            EventEdit {
                date: Some(DateFix::Dated(day(2025, 3, 21))),
                ..Default::default()
            },
        );
        // Re-extraction put a new event in front.
        let second = brief(vec![
            event(EventKind::Visit, (30, 40), "new"),
            event(EventKind::Meeting, (0, 10), "a"),
            event(EventKind::Deal, (11, 20), "b"),
        ]);
        let applied = c.apply(&second);
        assert!(applied.orphans.is_empty());
        let deal = applied
            .events
            .iter()
            .find(|e| e.event.kind == EventKind::Deal)
            .unwrap();
        assert_eq!(deal.event.date, Some(day(2025, 3, 21)));
        assert!(deal.corrected);
        assert!(
            applied
                .events
                .iter()
                .filter(|e| e.event.kind != EventKind::Deal)
                .all(|e| e.event.date.is_none())
        );
    }

    #[test]
    fn unmatched_corrections_are_reported_not_dropped() {
        let mut c = Corrections::default();
        let target = EventMatch {
            index: 0,
            kind: EventKind::Ban,
            evidence: Span::new(5, 9),
        };
        c.record(
            Origin::Extracted(target),
            EventEdit {
                title: Some("x".into()),
                ..Default::default()
            },
        );
        let applied = c.apply(&brief(vec![event(EventKind::Meeting, (0, 4), "a")]));
        assert_eq!(applied.orphans, vec![0]);
        assert_eq!(applied.events[0].event.title, "a");
        assert_eq!(c.events.len(), 1, "the correction is kept");
    }

    #[test]
    fn delete_hides_and_later_edits_merge_field_by_field() {
        let b = brief(vec![
            event(EventKind::Meeting, (0, 4), "a"),
            event(EventKind::Deal, (5, 9), "b"),
        ]);
        let mut c = Corrections::default();
        let t0 = Origin::Extracted(EventMatch::of(0, &b.events[0]));
        c.record(
            t0,
            EventEdit {
                title: Some("A".into()),
                ..Default::default()
            },
        );
        c.record(
            t0,
            EventEdit {
                kind: Some(EventKind::Visit),
                ..Default::default()
            },
        );
        let applied = c.apply(&b);
        assert_eq!(applied.events[0].event.title, "A");
        assert_eq!(applied.events[0].event.kind, EventKind::Visit);
        c.record(
            Origin::Extracted(EventMatch::of(1, &b.events[1])),
            EventEdit {
                deleted: true,
                ..Default::default()
            },
        );
        assert_eq!(c.apply(&b).events.len(), 1);
    }

    #[test]
    fn added_events_get_fresh_ids_and_places() {
        let mut c = Corrections::default();
        let place = PlaceFix {
            name: "Aktau".into(),
            point: GeoPoint::new(43.65, 51.16),
            country: Some("KZ".into()),
            kind: PlaceKind::Port,
        };
        let added = AddedEvent {
            id: 0,
            date: Some(day(2024, 1, 2)),
            title: "Ferry".into(),
            kind: EventKind::Launch,
            places: vec![place],
            countries: vec![],
            organizations: vec![],
            people: vec![],
            reviewed: false,
        };
        assert_eq!(c.add(added.clone()), 1);
        assert_eq!(c.add(added), 2);
        let applied = c.apply(&brief(vec![]));
        assert_eq!(applied.events.len(), 2);
        assert_eq!(applied.events[0].event.countries, vec!["KZ".to_string()]);
        assert_eq!(applied.extra_places.len(), 2);
        assert!(c.record(
            Origin::Added(1),
            EventEdit {
                deleted: true,
                ..Default::default()
            }
        ));
        assert_eq!(c.apply(&brief(vec![])).events.len(), 1);
    }

    #[test]
    fn json_round_trips_and_refuses_newer_versions() {
        let mut c = Corrections::default();
        c.record(
            Origin::Extracted(EventMatch {
                index: 2,
                kind: EventKind::Talks,
                evidence: Span::new(1, 2),
            }),
            EventEdit {
                date: Some(DateFix::Undated),
                reviewed: Some(true),
                ..Default::default()
            },
        );
        let json = c.to_json();
        assert_eq!(json["version"], 1);
        assert_eq!(
            json["events"][0]["match"]["evidence"],
            serde_json::json!([1, 2])
        );
        assert_eq!(json["events"][0]["date"]["state"], "undated");
        assert_eq!(Corrections::from_json(Some(&json)).unwrap(), c);
        let newer = serde_json::json!({"version": 9, "events": []});
        assert_eq!(
            Corrections::from_json(Some(&newer)),
            Err(CorrectionsError::TooNew { found: 9 })
        );
        assert!(matches!(
            Corrections::from_json(Some(&serde_json::json!({"events": 3}))),
            Err(CorrectionsError::Invalid(_))
        ));
        assert_eq!(
            Corrections::from_json(None).unwrap(),
            Corrections::default()
        );
    }
}
