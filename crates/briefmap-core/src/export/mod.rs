//! Exports of events to the formats analysts already use (GeoJSON, CSV, iCalendar, KML,
//! TimelineJS, an HTML briefing pack). Every exporter takes the same flat `ExportEvent` list,
//! so the GUI can hand over filtered or corrected events and the CLI whole datasets. Text is
//! cleaned once, in `flatten` (`clean`: no forbidden characters, capped lengths), and again by
//! each writer's escaping, for text that does not come through `flatten` (titles).

pub mod clean;
pub mod csv;
pub mod geojson;
pub mod html;
pub mod ics;
pub mod kml;
pub mod timelinejs;

use std::path::Path;

use crate::model::{Brief, DateRange, EventKind, GeoPoint, PlaceKind};
use crate::text::excerpt::excerpt;
use clean::{clean_field, clean_list};

/// Origin of events found by extraction (imported events carry `import:<format>`).
pub const ORIGIN_EXTRACTED: &str = "extracted";

/// Longest evidence excerpt carried into exports, in characters.
pub const EXCERPT_CHARS: usize = 280;

/// One place of an event, resolved to its coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPlace {
    pub name: String,
    pub point: GeoPoint,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub kind: PlaceKind,
    /// Waypoints for routes; empty for points.
    pub route: Vec<GeoPoint>,
}

impl ExportPlace {
    /// A route with at least two waypoints is drawn as a line.
    pub fn is_line(&self) -> bool {
        self.kind.is_route() && self.route.len() >= 2
    }
}

/// An event with everything an export needs from its brief: the single input of every exporter.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEvent {
    /// Stable identifier: `<file>#<index of the event in its brief>`.
    pub id: String,
    pub title: String,
    pub kind: EventKind,
    pub main: bool,
    pub date: Option<DateRange>,
    /// Places with coordinates (names the brief could not resolve are left out).
    pub places: Vec<ExportPlace>,
    pub countries: Vec<String>,
    pub organizations: Vec<String>,
    pub people: Vec<String>,
    /// A short excerpt of the sentence that reports the event ("" when there is no text).
    pub evidence: String,
    pub file: String,
    pub brief_title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<DateRange>,
    /// `extracted`, or `import:csv` / `import:geojson` / `import:timelinejs`.
    pub origin: String,
}

/// Flattens briefs into export events, in brief order then event order; every text field
/// cleaned and capped (`clean`).
pub fn flatten(briefs: &[Brief]) -> Vec<ExportEvent> {
    let mut out = Vec::new();
    for brief in briefs {
        let file = clean_field(&brief.file.display().to_string());
        let origin = match &brief.source {
            Some(s) if s.starts_with("import:") => clean_field(s),
            _ => ORIGIN_EXTRACTED.to_string(),
        };
        let brief_title = clean_field(&brief.title);
        let source = brief.source.as_deref().map(clean_field);
        let url = brief.url.as_deref().map(clean_field);
        for (index, event) in brief.events.iter().enumerate() {
            let places = event
                .places
                .iter()
                .filter_map(|name| brief.place(name))
                .take(clean::MAX_LIST_ITEMS)
                .map(|p| ExportPlace {
                    name: clean_field(&p.name),
                    point: p.point,
                    country: p.country.as_deref().map(clean_field),
                    kind: p.kind,
                    route: p.route.clone(),
                })
                .collect();
            out.push(ExportEvent {
                id: format!("{file}#{index}"),
                title: clean_field(&event.title),
                kind: event.kind,
                main: event.main,
                date: event.date,
                places,
                countries: clean_list(&event.countries),
                organizations: clean_list(&event.organizations),
                people: clean_list(&event.people),
                evidence: clean_field(&excerpt(event.evidence.slice(&brief.text), EXCERPT_CHARS)),
                file: file.clone(),
                brief_title: brief_title.clone(),
                source: source.clone(),
                url: url.clone(),
                published: brief.published,
                origin: origin.clone(),
            });
        }
    }
    out
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A GeoJSON FeatureCollection: a Point (or LineString for routes) per event place.
    Geojson,
    /// One row per event (RFC 4180).
    Csv,
    /// iCalendar: one all-day VEVENT per dated event.
    Ics,
    /// KML 2.2 Placemarks with TimeStamp/TimeSpan (Google Earth's time slider).
    Kml,
    /// Knight Lab TimelineJS JSON.
    Timelinejs,
    /// A self-contained HTML briefing pack.
    Html,
}

/// What the command line, the menu and the file dialogs say of one format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatInfo {
    pub format: ExportFormat,
    /// The name on the command line (`--format geojson`).
    pub name: &'static str,
    /// The usual file ending, without the dot.
    pub extension: &'static str,
    /// The menu entry.
    pub menu_label: &'static str,
    /// One line of help.
    pub help: &'static str,
}

/// Every export format, in menu order: the one table the CLI, the menu and the dialogs read.
pub const FORMATS: [FormatInfo; 6] = [
    FormatInfo {
        format: ExportFormat::Geojson,
        name: "geojson",
        extension: "geojson",
        menu_label: "GeoJSON…",
        help: "a GeoJSON FeatureCollection: a Point (or LineString for routes) per event place",
    },
    FormatInfo {
        format: ExportFormat::Csv,
        name: "csv",
        extension: "csv",
        menu_label: "CSV…",
        help: "one row per event (RFC 4180)",
    },
    FormatInfo {
        format: ExportFormat::Ics,
        name: "ics",
        extension: "ics",
        menu_label: "iCalendar (.ics)…",
        help: "iCalendar: one all-day VEVENT per dated event",
    },
    FormatInfo {
        format: ExportFormat::Kml,
        name: "kml",
        extension: "kml",
        menu_label: "KML (Google Earth)…",
        help: "KML 2.2 Placemarks with TimeStamp/TimeSpan (Google Earth's time slider)",
    },
    FormatInfo {
        format: ExportFormat::Timelinejs,
        name: "timelinejs",
        extension: "json",
        menu_label: "TimelineJS JSON…",
        help: "Knight Lab TimelineJS JSON",
    },
    FormatInfo {
        format: ExportFormat::Html,
        name: "html",
        extension: "html",
        menu_label: "HTML briefing pack…",
        help: "a self-contained HTML briefing pack",
    },
];

impl ExportFormat {
    /// This format's row of `FORMATS`.
    pub fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .unwrap_or(&FORMATS[0])
    }

    /// The usual file ending.
    pub fn extension(self) -> &'static str {
        self.info().extension
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        FORMATS
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.format)
            .ok_or_else(|| {
                let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
                format!("unknown format '{name}' (one of: {})", names.join(", "))
            })
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ExportError {
    #[error("the CSV writer failed: {0}")]
    Csv(String),
    #[error("the KML writer failed: {0}")]
    Xml(String),
}

/// Choices that change what an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    pub csv: csv::CsvCells,
}

/// Renders events in a format; `title` names the calendar, document, timeline or pack.
pub fn render(
    format: ExportFormat,
    events: &[ExportEvent],
    title: &str,
    options: ExportOptions,
) -> Result<String, ExportError> {
    let title = &clean_field(title);
    Ok(match format {
        ExportFormat::Geojson => geojson::to_string(events),
        ExportFormat::Csv => csv::to_string(events, options.csv)?,
        ExportFormat::Ics => ics::to_string(events, title),
        ExportFormat::Kml => kml::to_string(events, title)?,
        ExportFormat::Timelinejs => timelinejs::to_string(events, title),
        ExportFormat::Html => html::html_pack(events, title, &[]),
    })
}

/// The events' date span (earliest start, latest end), if any event is dated.
pub fn date_span(events: &[ExportEvent]) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let start = events
        .iter()
        .filter_map(|e| e.date)
        .map(|d| d.start)
        .min()?;
    let end = events.iter().filter_map(|e| e.date).map(|d| d.end).max()?;
    Some((start, end))
}

/// The file name part of an event's file, for short labels.
pub fn file_name(file: &str) -> &str {
    Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file)
}

/// A stable 64-bit FNV-1a hash, for identifiers that must not change between runs.
pub fn stable_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Event, Place, PlaceRole, Span};

    /// A brief with awkward text: commas, quotes, newlines, markup, non-ASCII.
    pub(crate) fn awkward_brief() -> Brief {
        let text = "Ministers met in Ashgabat, \"quietly\".\n<script>alert(1)</script> Ok.";
        Brief {
            file: PathBuf::from("briefs/awk, \"ward\".txt"),
            language: Some("en".into()),
            title: "Talks <script>alert(1)</script>".into(),
            published: DateRange::parse_iso("2024-04-02"),
            source: Some("Trend & Co".into()),
            url: Some("https://example.org/a?b=1&c=2".into()),
            places: vec![
                Place {
                    name: "Ashgabat".into(),
                    point: GeoPoint::new(37.95, 58.38),
                    country: Some("TM".into()),
                    kind: PlaceKind::Capital,
                    role: PlaceRole::Event,
                    mentions: vec![],
                    route: vec![],
                },
                Place {
                    name: "TAPI pipeline".into(),
                    point: GeoPoint::new(35.0, 65.0),
                    country: None,
                    kind: PlaceKind::Pipeline,
                    role: PlaceRole::Mentioned,
                    mentions: vec![],
                    route: vec![GeoPoint::new(37.0, 62.0), GeoPoint::new(31.0, 70.0)],
                },
            ],
            countries: vec![],
            organizations: vec![],
            people: vec![],
            events: vec![
                Event {
                    main: true,
                    date: DateRange::parse_iso("2024-04-02"),
                    kind: EventKind::Meeting,
                    title: "Gas talks, \"round 2\";\nnext <script>alert(1)</script> — Ашхабад"
                        .into(),
                    places: vec!["Ashgabat".into(), "TAPI pipeline".into()],
                    countries: vec!["TM".into(), "TR".into()],
                    organizations: vec!["Türkmengaz".into(), "BOTAŞ".into()],
                    people: vec!["Serdar Berdimuhamedov".into()],
                    evidence: Span::new(0, text.len()),
                },
                Event {
                    main: false,
                    date: DateRange::month(2024, 5),
                    kind: EventKind::Supply,
                    title: "Swap deliveries".into(),
                    places: vec!["Ashgabat".into()],
                    countries: vec!["TM".into()],
                    organizations: vec![],
                    people: vec![],
                    evidence: Span::new(0, 10),
                },
                Event {
                    main: false,
                    date: DateRange::range(
                        NaiveDate::from_ymd_opt(2024, 6, 3).unwrap_or_default(),
                        NaiveDate::from_ymd_opt(2024, 6, 5).unwrap_or_default(),
                    ),
                    kind: EventKind::Talks,
                    title: "Three-day forum".into(),
                    places: vec![],
                    countries: vec![],
                    organizations: vec!["SOCAR".into()],
                    people: vec![],
                    evidence: Span::new(0, 10),
                },
                Event {
                    main: false,
                    date: DateRange::year(2025),
                    kind: EventKind::Construction,
                    title: "Pipeline works".into(),
                    places: vec!["TAPI pipeline".into()],
                    countries: vec![],
                    organizations: vec![],
                    people: vec![],
                    evidence: Span::new(0, 10),
                },
                Event {
                    main: false,
                    date: None,
                    kind: EventKind::Statement,
                    title: "Undated remark".into(),
                    places: vec![],
                    countries: vec![],
                    organizations: vec![],
                    people: vec![],
                    evidence: Span::new(0, 10),
                },
            ],
            problems: vec![],
            text: Arc::from(text),
            story: vec![],
        }
    }

    #[test]
    fn flatten_resolves_places_and_keeps_brief_facts() {
        let events = flatten(&[awkward_brief()]);
        assert_eq!(events.len(), 5);
        let first = &events[0];
        assert_eq!(first.places.len(), 2);
        assert_eq!(first.places[0].point, GeoPoint::new(37.95, 58.38));
        assert!(first.places[1].is_line());
        assert_eq!(first.origin, ORIGIN_EXTRACTED);
        assert_eq!(first.source.as_deref(), Some("Trend & Co"));
        assert!(first.evidence.starts_with("Ministers met in Ashgabat"));
        assert!(!first.evidence.contains('\n'));
        assert_eq!(events[1].id, format!("{}#1", first.file));
    }
}
