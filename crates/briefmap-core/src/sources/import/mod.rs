//! Imports of events from other tools (CSV, GeoJSON, TimelineJS JSON, in the shapes the exports
//! write, and tolerant of others): each imported file becomes one synthetic `Brief` whose
//! `source` is `import:<format>`, so imported events appear alongside extracted ones. A bad row
//! or feature becomes a problem naming the file and the line or feature; the rest still imports.

pub mod csv;
pub mod geojson;
pub mod timelinejs;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use thiserror::Error;

use super::read::{ReadError, read_capped};
use crate::gazetteer::Gazetteer;
use crate::model::{
    Brief, CountryMention, DateRange, Event, EventKind, GeoPoint, IsoDateError, Organization,
    Person, Place, PlaceKind, PlaceRole, Precision, Span,
};
use crate::text::shown::shown_path;

/// Files larger than this are refused.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file, or a part of it, could not be imported.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ImportError {
    #[error("{}: cannot read the file: {reason}", shown_path(file))]
    Unreadable { file: PathBuf, reason: String },
    #[error(
        "{}: the file is too large ({size} bytes; at most {MAX_IMPORT_BYTES})",
        shown_path(file)
    )]
    TooLarge { file: PathBuf, size: u64 },
    #[error(
        "{}: not a file briefmap imports (CSV, GeoJSON FeatureCollection or TimelineJS JSON)",
        shown_path(file)
    )]
    UnknownFormat { file: PathBuf },
    #[error("{}: the CSV header has no `{column}` column", shown_path(file))]
    MissingColumn { file: PathBuf, column: &'static str },
    #[error("{}: line {line}: {reason}", shown_path(file))]
    Line {
        file: PathBuf,
        line: u64,
        reason: String,
    },
    #[error(
        "{}: line {line}, column {column}: not valid JSON: {reason}",
        shown_path(file)
    )]
    Json {
        file: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{}: not a GeoJSON FeatureCollection", shown_path(file))]
    NotFeatureCollection { file: PathBuf },
    #[error("{}: not a TimelineJS file (no `events` list)", shown_path(file))]
    NotTimeline { file: PathBuf },
    #[error("{}: feature {index}: {reason}", shown_path(file))]
    Feature {
        file: PathBuf,
        index: usize,
        reason: String,
    },
    #[error("{}: event {index}: {reason}", shown_path(file))]
    Slide {
        file: PathBuf,
        index: usize,
        reason: String,
    },
}

/// The formats that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    Geojson,
    Timelinejs,
}

impl ImportFormat {
    /// The brief `source` (and export `origin`) of events imported in this format.
    pub fn origin(self) -> &'static str {
        match self {
            ImportFormat::Csv => "import:csv",
            ImportFormat::Geojson => "import:geojson",
            ImportFormat::Timelinejs => "import:timelinejs",
        }
    }
}

/// An event read from a file, before it is put into a brief.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEvent {
    pub title: String,
    pub kind: EventKind,
    pub main: bool,
    pub date: Option<DateRange>,
    /// Places with coordinates; `role` is `Event`, `mentions` empty.
    pub places: Vec<Place>,
    pub countries: Vec<String>,
    pub organizations: Vec<String>,
    pub people: Vec<String>,
}

pub use super::file_kind::{IMPORT_EXTENSIONS, is_import_file};

/// Imports one file: returns its synthetic brief and the problems with single rows/features.
pub fn import_file(path: &Path) -> Result<(Brief, Vec<String>), ImportError> {
    let text = read(path)?;
    import_text(path, &text)
}

/// Imports text as if read from `path` (the ending and the content choose the format).
pub fn import_text(path: &Path, text: &str) -> Result<(Brief, Vec<String>), ImportError> {
    let Some(format) = detect(path, text) else {
        // Broken JSON is reported where it breaks, not as an unknown format.
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text)
            && path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        {
            return Err(ImportError::Json {
                file: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                reason: e.to_string(),
            });
        }
        return Err(ImportError::UnknownFormat {
            file: path.to_path_buf(),
        });
    };
    let (events, problems) = match format {
        ImportFormat::Csv => csv::read(path, text)?,
        ImportFormat::Geojson => geojson::read(path, text)?,
        ImportFormat::Timelinejs => timelinejs::read(path, text)?,
    };
    Ok((build_brief(path, format, events), problems))
}

fn read(path: &Path) -> Result<String, ImportError> {
    let bytes = read_capped(path, MAX_IMPORT_BYTES).map_err(|e| match e {
        ReadError::TooLarge { size, .. } => ImportError::TooLarge {
            file: path.to_path_buf(),
            size,
        },
        other => ImportError::Unreadable {
            file: path.to_path_buf(),
            reason: other.to_string(),
        },
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ImportError::Unreadable {
        file: path.to_path_buf(),
        reason: format!(
            "not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Chooses the format: `.csv`/`.tsv` are CSV, `.geojson` is GeoJSON, JSON is looked into.
pub fn detect(path: &Path, text: &str) -> Option<ImportFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") | Some("tsv") => Some(ImportFormat::Csv),
        Some("geojson") => Some(ImportFormat::Geojson),
        _ => {
            let value: serde_json::Value = serde_json::from_str(text).ok()?;
            if value.get("type").and_then(|t| t.as_str()) == Some("FeatureCollection") {
                Some(ImportFormat::Geojson)
            } else if value.get("events").is_some_and(|e| e.is_array()) {
                Some(ImportFormat::Timelinejs)
            } else {
                None
            }
        }
    }
}

/// Puts imported events into one synthetic brief: places, countries, organisations and people
/// are the union of the events' (first coordinates win for a repeated place name).
pub fn build_brief(path: &Path, format: ImportFormat, events: Vec<ImportedEvent>) -> Brief {
    let gazetteer = Gazetteer::bundled();
    let mut places: Vec<Place> = Vec::new();
    let mut countries: Vec<CountryMention> = Vec::new();
    let mut organizations: Vec<Organization> = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    // What is listed already, by name: a million events must not rescan the lists.
    let mut seen: [std::collections::HashSet<String>; 4] = Default::default();
    let mut out_events = Vec::with_capacity(events.len());
    for event in events {
        let mut names = Vec::with_capacity(event.places.len());
        for place in event.places {
            names.push(place.name.clone());
            if !seen[0].contains(&place.name) {
                seen[0].insert(place.name.clone());
                places.push(place);
            }
        }
        for code in &event.countries {
            if !seen[1].contains(code) {
                seen[1].insert(code.clone());
                countries.push(CountryMention {
                    code: code.clone(),
                    name: gazetteer.country_name(code).unwrap_or(code).to_string(),
                    mentions: vec![],
                });
            }
        }
        for name in &event.organizations {
            if !seen[2].contains(name) {
                seen[2].insert(name.clone());
                organizations.push(Organization {
                    name: name.clone(),
                    kind: crate::model::OrgKind::Other,
                    country: None,
                    mentions: vec![],
                });
            }
        }
        for name in &event.people {
            if !seen[3].contains(name) {
                seen[3].insert(name.clone());
                people.push(Person {
                    name: name.clone(),
                    role: None,
                    mentions: vec![],
                });
            }
        }
        out_events.push(Event {
            main: event.main,
            date: event.date,
            kind: event.kind,
            title: event.title,
            places: names,
            countries: event.countries,
            organizations: event.organizations,
            people: event.people,
            evidence: Span::new(0, 0),
        });
    }
    Brief {
        file: path.to_path_buf(),
        language: None,
        title: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
        published: None,
        source: Some(format.origin().to_string()),
        url: None,
        places,
        countries,
        organizations,
        people,
        events: out_events,
        problems: vec![],
        text: Arc::from(""),
        story: vec![],
    }
}

/// A place read from a file. Coordinates outside the globe are refused.
pub fn place(
    name: &str,
    point: GeoPoint,
    country: Option<String>,
    kind: Option<PlaceKind>,
) -> Result<Place, String> {
    if !(-90.0..=90.0).contains(&point.lat) || !(-180.0..=180.0).contains(&point.lon) {
        return Err(format!(
            "place `{name}`: coordinates {},{} are not on the globe",
            point.lat, point.lon
        ));
    }
    Ok(Place {
        name: name.to_string(),
        point,
        country: country.map(|c| c.to_uppercase()),
        kind: kind.unwrap_or(PlaceKind::Other),
        role: PlaceRole::Event,
        mentions: vec![],
        route: vec![],
    })
}

/// A place named without coordinates, resolved through the bundled gazetteer.
pub fn gazetteer_place(name: &str) -> Option<Place> {
    let hit = Gazetteer::bundled()
        .search(name, 1)
        .into_iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))?;
    Some(Place {
        name: hit.name,
        point: hit.point,
        country: hit.country,
        kind: hit.kind,
        role: PlaceRole::Event,
        mentions: vec![],
        route: vec![],
    })
}

/// Reads a date from start/end/precision fields as the exports write them, tolerating less:
/// `2024`, `2024-10`, `2024-10-03`, `2024-10-03/2024-10-05`, with or without precision and end.
/// An empty start means an undated event.
pub fn parse_date(start: &str, end: &str, precision: &str) -> Result<Option<DateRange>, String> {
    let (start, end) = (start.trim(), end.trim());
    if start.is_empty() {
        return Ok(None);
    }
    let partial = DateRange::parse_iso_or_range(start).map_err(|e| match e {
        IsoDateError::NotADate => format!("`{start}` is not a date (YYYY-MM-DD)"),
        IsoDateError::EndsBeforeStart => format!("`{start}`: {e}"),
    })?;
    let end_day = if end.is_empty() {
        None
    } else {
        Some(
            DateRange::parse_iso(end)
                .ok_or_else(|| format!("`{end}` is not a date (YYYY-MM-DD)"))?
                .end,
        )
    };
    let precision = match precision.trim().to_ascii_lowercase().as_str() {
        "" => None,
        "day" => Some(Precision::Day),
        "month" => Some(Precision::Month),
        "year" => Some(Precision::Year),
        "range" => Some(Precision::Range),
        other => {
            return Err(format!(
                "`{other}` is not a precision (day, month, year, range)"
            ));
        }
    };
    let day = partial.start;
    let range = |end: NaiveDate| {
        DateRange::range(day, end).ok_or_else(|| format!("the end {end} is before the start {day}"))
    };
    let date = match precision {
        Some(Precision::Day) => DateRange::day(day),
        Some(Precision::Month) => {
            use chrono::Datelike;
            DateRange::month(day.year(), day.month()).ok_or("month out of range")?
        }
        Some(Precision::Year) => {
            use chrono::Datelike;
            DateRange::year(day.year()).ok_or("year out of range")?
        }
        Some(Precision::Range) => range(end_day.unwrap_or(partial.end))?,
        None => match end_day {
            Some(end) if end != partial.end => range(end)?,
            _ => partial,
        },
    };
    Ok(Some(date))
}

/// Splits a multi-valued field on `;` (also `|`), trimming and dropping empty parts.
pub fn split_multi(field: &str) -> Vec<String> {
    field
        .split([';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// An event kind by name; unknown kinds become `other`.
pub fn kind(text: &str) -> EventKind {
    EventKind::parse(text.trim().to_ascii_lowercase().as_str()).unwrap_or(EventKind::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_in_the_exported_and_looser_shapes() {
        assert_eq!(parse_date("", "", ""), Ok(None));
        assert_eq!(
            parse_date("2024-05-01", "2024-05-31", "month"),
            Ok(DateRange::month(2024, 5))
        );
        assert_eq!(parse_date("2024-05", "", ""), Ok(DateRange::month(2024, 5)));
        assert_eq!(parse_date("2025", "", ""), Ok(DateRange::year(2025)));
        assert_eq!(
            parse_date("2024-06-03/2024-06-05", "", ""),
            Ok(DateRange::range(d(2024, 6, 3), d(2024, 6, 5)))
        );
        assert_eq!(
            parse_date("2024-06-03", "2024-06-05", ""),
            Ok(DateRange::range(d(2024, 6, 3), d(2024, 6, 5)))
        );
        assert_eq!(
            parse_date("2024-06-03", "2024-06-03", "Day"),
            Ok(Some(DateRange::day(d(2024, 6, 3))))
        );
        assert!(parse_date("03/06/2024", "", "").is_err());
        assert!(parse_date("2024-06-05", "2024-06-03", "range").is_err());
        assert!(parse_date("2024-06-05", "", "week").is_err());
    }

    #[test]
    fn multi_values_split_on_semicolons() {
        assert_eq!(split_multi(" TM; TR;;"), ["TM", "TR"]);
        assert!(split_multi("").is_empty());
    }

    #[test]
    fn unknown_files_are_refused_by_name() {
        let err = import_text(Path::new("x.json"), "{\"a\": 1}").expect_err("unknown");
        assert!(err.to_string().starts_with("x.json: not a file"), "{err}");
        let err = import_text(Path::new("y.json"), "{\n  \"events\": [,]}").expect_err("bad");
        assert!(
            err.to_string().starts_with("y.json: line 2, column"),
            "{err}"
        );
    }

    #[test]
    fn places_without_coordinates_come_from_the_gazetteer() {
        let place = gazetteer_place("Ashgabat").expect("in the gazetteer");
        assert!((place.point.lat - 37.95).abs() < 0.2, "{:?}", place.point);
        assert!(gazetteer_place("Nowhere-on-earth-xyz").is_none());
    }
}
