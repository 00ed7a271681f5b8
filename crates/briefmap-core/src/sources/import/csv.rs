//! CSV import: the columns the CSV export writes (matched by name, in any order, any case;
//! common aliases such as `date`, `start`, `latitude` accepted). Only `title` and `date_start`
//! are required; an empty `date_start` is an undated event. Places take their `;`-joined
//! `lat`/`lon` in the same order, or, without coordinates, come from the gazetteer by name.
//! A cell the CSV export neutralised against formula injection (`'=…`) reads as its value.

use std::path::Path;

use super::{ImportError, ImportedEvent, gazetteer_place, kind, parse_date, place, split_multi};
use crate::export::clean::unneutralise_formula;
use crate::model::{GeoPoint, Place};

/// Accepted header names of each column, the exported name first.
const COLUMNS: [(&str, &[&str]); 12] = [
    ("title", &["title", "headline", "name", "event"]),
    ("date_start", &["date_start", "start_date", "start", "date"]),
    ("date_end", &["date_end", "end_date", "end"]),
    ("precision", &["precision"]),
    ("kind", &["kind", "type", "category"]),
    ("places", &["places", "place", "location"]),
    ("lat", &["lat", "latitude"]),
    ("lon", &["lon", "lng", "long", "longitude"]),
    ("countries", &["countries", "country"]),
    (
        "organizations",
        &["organizations", "organisations", "companies"],
    ),
    ("people", &["people", "persons"]),
    ("main", &["main"]),
];

/// Reads events from CSV text (tab-separated when the file ends in `.tsv`).
pub fn read(path: &Path, text: &str) -> Result<(Vec<ImportedEvent>, Vec<String>), ImportError> {
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::Line {
            file: path.to_path_buf(),
            line: 1,
            reason: e.to_string(),
        })?
        .clone();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(_, names)| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_ascii_lowercase().as_str()))
        })
        .collect();
    for required in [0, 1] {
        if index[required].is_none() {
            return Err(ImportError::MissingColumn {
                file: path.to_path_buf(),
                column: COLUMNS[required].0,
            });
        }
    }
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(line_error(path, line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // A cell the export neutralised (`'=…`) stands for what follows the `'`.
        let field = |column: usize| -> &str {
            unneutralise_formula(
                index[column]
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim(),
            )
        };
        match event(&field) {
            Ok(event) => events.push(event),
            Err(reason) => problems.push(line_error(path, line, reason)),
        }
    }
    Ok((events, problems))
}

fn line_error(path: &Path, line: u64, reason: String) -> String {
    ImportError::Line {
        file: path.to_path_buf(),
        line,
        reason,
    }
    .to_string()
}

fn event<'a>(field: &dyn Fn(usize) -> &'a str) -> Result<ImportedEvent, String> {
    let title = field(0);
    if title.is_empty() {
        return Err("the title is empty".into());
    }
    let date = parse_date(field(1), field(2), field(3))?;
    Ok(ImportedEvent {
        title: title.to_string(),
        kind: kind(field(4)),
        main: matches!(
            field(11).to_ascii_lowercase().as_str(),
            "true" | "yes" | "1"
        ),
        date,
        places: places(field(5), field(6), field(7))?,
        countries: split_multi(field(8))
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect(),
        organizations: split_multi(field(9)),
        people: split_multi(field(10)),
    })
}

fn places(names: &str, lats: &str, lons: &str) -> Result<Vec<Place>, String> {
    let names = split_multi(names);
    let (lats, lons) = (split_multi(lats), split_multi(lons));
    if lats.is_empty() && lons.is_empty() {
        return names
            .iter()
            .map(|n| gazetteer_place(n).ok_or_else(|| format!("place `{n}` has no coordinates")))
            .collect();
    }
    if lats.len() != names.len() || lons.len() != names.len() {
        return Err(format!(
            "{} places but {} latitudes and {} longitudes",
            names.len(),
            lats.len(),
            lons.len()
        ));
    }
    let number = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("`{s}` is not a coordinate"))
    };
    names
        .iter()
        .zip(lats.iter().zip(&lons))
        .map(|(name, (lat, lon))| {
            place(name, GeoPoint::new(number(lat)?, number(lon)?), None, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    #[test]
    fn tolerant_of_order_aliases_and_missing_columns() {
        let text = "Date,Headline,Place\n2024-05,\"Talks, again\",Ashgabat\n,Undated,\n";
        let (events, problems) = read(Path::new("a.csv"), text).expect("imports");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].title, "Talks, again");
        assert_eq!(events[0].date.map(|d| d.precision), Some(Precision::Month));
        assert_eq!(events[0].places[0].name, "Ashgabat");
        assert_eq!(events[1].date, None);
    }

    #[test]
    fn bad_rows_are_problems_with_their_line() {
        let text = "title,date_start,places,lat,lon\n\
                    ok,2024-01-02,Baku,40.4,49.9\n\
                    bad date,02/01/2024,,,\n\
                    ,2024-01-02,,,\n\
                    bad lat,2024-01-02,Baku,north,49.9\n\
                    also ok,2024,,,\n";
        let (events, problems) = read(Path::new("b.csv"), text).expect("imports");
        assert_eq!(events.len(), 2);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("b.csv: line 3: `02/01/2024`"),
            "{}",
            problems[0]
        );
        assert!(problems[1].contains("line 4: the title is empty"));
        assert!(problems[2].contains("line 5: `north` is not a coordinate"));
    }

    #[test]
    fn a_header_without_title_is_an_error() {
        let err = read(Path::new("c.csv"), "date_start,x\n2024,1\n").expect_err("no title");
        assert_eq!(
            err.to_string(),
            "c.csv: the CSV header has no `title` column"
        );
    }
}
