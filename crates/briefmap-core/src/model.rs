//! The data model: briefs, the places, countries, organisations, people and events found in
//! them, and dates that carry their precision. Plain data, serialisable, UI-free.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A point on the globe in degrees (WGS84). Always latitude first in our code.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: GeoPoint) -> f64 {
        let (la1, la2) = (self.lat.to_radians(), other.lat.to_radians());
        let dla = la2 - la1;
        let dlo = (other.lon - self.lon).to_radians();
        let a = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().asin()
    }
}

/// A byte range `[start, end)` into a brief's UTF-8 text. Serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers, or "" if it does not fit the text.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Self {
        Self { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(span: Span) -> Self {
        [span.start, span.end]
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
    /// An explicit span of days ("from 3 to 5 March", "this week").
    Range,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Range => "range",
        }
    }
}

/// Why a typed or imported ISO date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IsoDateError {
    #[error("not a date (use 2025-03-21, 2025-03, 2025 or 2025-03-21/2025-03-25)")]
    NotADate,
    #[error("the range ends before it starts")]
    EndsBeforeStart,
}

/// An inclusive range of days with its precision. A day-precise date has `start == end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: Precision,
}

impl DateRange {
    pub fn day(date: NaiveDate) -> Self {
        Self {
            start: date,
            end: date,
            precision: Precision::Day,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Self {
            start,
            end: next.pred_opt()?,
            precision: Precision::Month,
        })
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        })
    }

    /// An explicit range; `None` if `end` is before `start`.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Option<Self> {
        (start <= end).then_some(Self {
            start,
            end,
            precision: Precision::Range,
        })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the sidecar's `published`).
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => DateRange::year(num(y, 4)? as i32),
            [y, m] => DateRange::month(num(y, 4)? as i32, num(m, 2)?),
            [y, m, d] => Some(DateRange::day(NaiveDate::from_ymd_opt(
                num(y, 4)? as i32,
                num(m, 2)?,
                num(d, 2)?,
            )?)),
            _ => None,
        }
    }

    /// A date as `parse_iso` reads it, or a range of two such dates written `A/B` (also
    /// `A..B`), from A's first day to B's last (`2025-03-21/2025-04` ends on 30 April).
    pub fn parse_iso_or_range(text: &str) -> Result<Self, IsoDateError> {
        let text = text.trim();
        match text.split_once('/').or_else(|| text.split_once("..")) {
            Some((a, b)) => {
                let start = Self::parse_iso(a).ok_or(IsoDateError::NotADate)?;
                let end = Self::parse_iso(b).ok_or(IsoDateError::NotADate)?;
                Self::range(start.start, end.end).ok_or(IsoDateError::EndsBeforeStart)
            }
            None => Self::parse_iso(text).ok_or(IsoDateError::NotADate),
        }
    }

    /// The shortest ISO form that says what is known: `2024`, `2024-10`, `2024-10-03`, or
    /// `2024-10-03/2024-10-05` for a range.
    pub fn to_iso(&self) -> String {
        match self.precision {
            Precision::Day => self.start.format("%Y-%m-%d").to_string(),
            Precision::Month => format!("{:04}-{:02}", self.start.year(), self.start.month()),
            Precision::Year => format!("{:04}", self.start.year()),
            Precision::Range => format!(
                "{}/{}",
                self.start.format("%Y-%m-%d"),
                self.end.format("%Y-%m-%d")
            ),
        }
    }

    /// Middle of the range as days since the Common Era (for layout).
    pub fn mid_day_number(&self) -> f64 {
        (self.start.num_days_from_ce() as f64 + self.end.num_days_from_ce() as f64) / 2.0
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Capital,
    City,
    Port,
    Terminal,
    OilField,
    GasField,
    OilGasField,
    BorderCrossing,
    IndustrialSite,
    Refinery,
    PowerPlant,
    Pipeline,
    Railway,
    Road,
    Region,
    Sea,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 17] = [
        PlaceKind::Capital,
        PlaceKind::City,
        PlaceKind::Port,
        PlaceKind::Terminal,
        PlaceKind::OilField,
        PlaceKind::GasField,
        PlaceKind::OilGasField,
        PlaceKind::BorderCrossing,
        PlaceKind::IndustrialSite,
        PlaceKind::Refinery,
        PlaceKind::PowerPlant,
        PlaceKind::Pipeline,
        PlaceKind::Railway,
        PlaceKind::Road,
        PlaceKind::Region,
        PlaceKind::Sea,
        PlaceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Capital => "capital",
            PlaceKind::City => "city",
            PlaceKind::Port => "port",
            PlaceKind::Terminal => "terminal",
            PlaceKind::OilField => "oil_field",
            PlaceKind::GasField => "gas_field",
            PlaceKind::OilGasField => "oil_gas_field",
            PlaceKind::BorderCrossing => "border_crossing",
            PlaceKind::IndustrialSite => "industrial_site",
            PlaceKind::Refinery => "refinery",
            PlaceKind::PowerPlant => "power_plant",
            PlaceKind::Pipeline => "pipeline",
            PlaceKind::Railway => "railway",
            PlaceKind::Road => "road",
            PlaceKind::Region => "region",
            PlaceKind::Sea => "sea",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Pipelines, railways and roads are drawn as routes rather than points.
    pub fn is_route(self) -> bool {
        matches!(
            self,
            PlaceKind::Pipeline | PlaceKind::Railway | PlaceKind::Road
        )
    }
}

/// Why a place is named in a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    /// Where something the brief reports happened.
    Event,
    /// Named, but nothing happened there in the story.
    Mentioned,
    /// The publisher's dateline, not where the story happened.
    Dateline,
}

impl PlaceRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceRole::Event => "event",
            PlaceRole::Mentioned => "mentioned",
            PlaceRole::Dateline => "dateline",
        }
    }
}

/// A place found in a brief, resolved to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical (English) name from the gazetteer.
    pub name: String,
    #[serde(flatten)]
    pub point: GeoPoint,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub kind: PlaceKind,
    pub role: PlaceRole,
    pub mentions: Vec<Span>,
    /// Waypoints for routes (pipelines, railways); empty for points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route: Vec<GeoPoint>,
}

/// A country the brief talks about (by name or adjective).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMention {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    /// English name.
    pub name: String,
    pub mentions: Vec<Span>,
}

/// What an organisation is: filters can offer companies apart from state bodies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OrgKind {
    /// Companies, state-owned companies, banks, consortia, consultancies, traders.
    Company,
    /// Ministries, governments, agencies, parliaments, courts, embassies, regulators.
    State,
    /// International bodies: the UN and its agencies, EU institutions, development banks, SCO.
    International,
    /// News agencies and outlets.
    Media,
    #[default]
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Company,
        OrgKind::State,
        OrgKind::International,
        OrgKind::Media,
        OrgKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Company => "company",
            OrgKind::State => "state",
            OrgKind::International => "international",
            OrgKind::Media => "media",
            OrgKind::Other => "other",
        }
    }

    /// The kind of a gazetteer organisation from its table's finer `kind` column.
    pub fn from_table(kind: &str) -> Self {
        match kind {
            "company" | "state_company" | "bank" | "consortium" => OrgKind::Company,
            "ministry" | "agency" | "government" | "legislature" | "court" | "embassy" => {
                OrgKind::State
            }
            "international" => OrgKind::International,
            "media" => OrgKind::Media,
            _ => OrgKind::Other,
        }
    }
}

/// An organisation (company, ministry, agency…) under its canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    #[serde(default)]
    pub kind: OrgKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub mentions: Vec<Span>,
}

/// A person, once per person across name variants, with the role the text gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub mentions: Vec<Span>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Meeting,
    Visit,
    Talks,
    Agreement,
    Statement,
    Vote,
    Ban,
    Record,
    Deal,
    Launch,
    Construction,
    Supply,
    Investment,
    Appointment,
    Accident,
    Sanction,
    Price,
    Court,
    Tender,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 20] = [
        EventKind::Meeting,
        EventKind::Visit,
        EventKind::Talks,
        EventKind::Agreement,
        EventKind::Statement,
        EventKind::Vote,
        EventKind::Ban,
        EventKind::Record,
        EventKind::Deal,
        EventKind::Launch,
        EventKind::Construction,
        EventKind::Supply,
        EventKind::Investment,
        EventKind::Appointment,
        EventKind::Accident,
        EventKind::Sanction,
        EventKind::Price,
        EventKind::Court,
        EventKind::Tender,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Visit => "visit",
            EventKind::Talks => "talks",
            EventKind::Agreement => "agreement",
            EventKind::Statement => "statement",
            EventKind::Vote => "vote",
            EventKind::Ban => "ban",
            EventKind::Record => "record",
            EventKind::Deal => "deal",
            EventKind::Launch => "launch",
            EventKind::Construction => "construction",
            EventKind::Supply => "supply",
            EventKind::Investment => "investment",
            EventKind::Appointment => "appointment",
            EventKind::Accident => "accident",
            EventKind::Sanction => "sanction",
            EventKind::Price => "price",
            EventKind::Court => "court",
            EventKind::Tender => "tender",
            EventKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Something that happened, as a brief reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The event the brief is about (one per brief).
    pub main: bool,
    pub date: Option<DateRange>,
    pub kind: EventKind,
    pub title: String,
    /// Canonical place names (see `Brief::places`).
    pub places: Vec<String>,
    /// ISO alpha-2 codes.
    pub countries: Vec<String>,
    /// Canonical organisation names.
    pub organizations: Vec<String>,
    /// Person names as in `Brief::people`.
    pub people: Vec<String>,
    /// The sentence (or clause) that reports the event.
    pub evidence: Span,
}

/// Facts about a brief's publication, from its sidecar (or the text's own header).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Publication {
    pub published: Option<DateRange>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// One brief with everything extraction found in it. The JSON form is the CLI contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub file: PathBuf,
    pub language: Option<String>,
    pub title: String,
    pub published: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub places: Vec<Place>,
    pub countries: Vec<CountryMention>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    pub events: Vec<Event>,
    pub problems: Vec<String>,
    /// The brief's full text (not part of the CLI output).
    #[serde(skip)]
    pub text: Arc<str>,
    /// The byte ranges of the text that are the story (the rest is page furniture).
    #[serde(skip)]
    pub story: Vec<Span>,
}

impl Brief {
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.name == name)
    }

    pub fn main_event(&self) -> Option<&Event> {
        self.events.iter().find(|e| e.main)
    }
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: PathBuf,
    pub error: String,
}

/// `file: reason`, safe to print: control characters in either are escaped.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::text::shown::shown_path(&self.file),
            crate::text::shown::shown(&self.error)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_with_their_precision() {
        let y = DateRange::parse_iso("2024").unwrap();
        assert_eq!(y.precision, Precision::Year);
        assert_eq!(y.end, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
        let m = DateRange::parse_iso("2024-02").unwrap();
        assert_eq!(m.end, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(m.to_iso(), "2024-02");
        let d = DateRange::parse_iso("2025-03-21").unwrap();
        assert_eq!(d.start, d.end);
        assert_eq!(d.to_iso(), "2025-03-21");
        for bad in [
            "",
            "24",
            "2024-2",
            "2024-13",
            "2024-02-30",
            "abcd",
            "2024-01-01-01",
        ] {
            assert!(
                DateRange::parse_iso(bad).is_none(),
                "{bad} should not parse"
            );
        }
    }

    #[test]
    fn spans_serialise_as_pairs() {
        let json = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(json, "[3,9]");
        let back: Span = serde_json::from_str("[4,7]").unwrap();
        assert_eq!(back, Span::new(4, 7));
    }

    #[test]
    fn place_flattens_its_point() {
        let place = Place {
            name: "Ankara".into(),
            point: GeoPoint::new(39.92, 32.85),
            country: Some("TR".into()),
            kind: PlaceKind::Capital,
            role: PlaceRole::Event,
            mentions: vec![Span::new(2, 14)],
            route: vec![],
        };
        let value = serde_json::to_value(&place).unwrap();
        assert_eq!(value["lat"], 39.92);
        assert_eq!(value["lon"], 32.85);
        assert_eq!(value["kind"], "capital");
        assert_eq!(value["role"], "event");
        assert!(value.get("route").is_none());
    }

    #[test]
    fn distance_between_ashgabat_and_ankara_is_about_2000_km() {
        let ashgabat = GeoPoint::new(37.95, 58.38);
        let ankara = GeoPoint::new(39.92, 32.85);
        let d = ashgabat.distance_km(ankara);
        assert!((2150.0..2300.0).contains(&d), "{d}");
    }
}
