//! GeoJSON import: a FeatureCollection of Points (LineStrings for routes, null geometries for
//! events without places) with properties as the GeoJSON export writes them; features sharing an
//! `id` are one event with several places. Other properties are ignored; `name`/`headline` stand
//! in for `title`, and `date` may be `YYYY[-MM[-DD]]` or an object `{start, end, precision}`.

use std::path::Path;

use serde_json::{Map, Value};

use super::{ImportError, ImportedEvent, kind, parse_date, place, split_multi};
use crate::model::{GeoPoint, Place, PlaceKind};

/// Reads events from GeoJSON text.
pub fn read(path: &Path, text: &str) -> Result<(Vec<ImportedEvent>, Vec<String>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })?;
    let features = match (
        value.get("type").and_then(Value::as_str),
        value.get("features"),
    ) {
        (Some("FeatureCollection"), Some(Value::Array(features))) => features,
        _ => {
            return Err(ImportError::NotFeatureCollection {
                file: path.to_path_buf(),
            });
        }
    };
    let mut events: Vec<(Option<String>, ImportedEvent)> = Vec::new();
    let mut problems = Vec::new();
    let empty = Map::new();
    for (index, feature) in features.iter().enumerate() {
        let props = feature
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let result = event(props).and_then(|ev| Ok((ev, feature_place(feature, props)?)));
        let (event, place) = match result {
            Ok(found) => found,
            Err(reason) => {
                problems.push(
                    ImportError::Feature {
                        file: path.to_path_buf(),
                        index,
                        reason,
                    }
                    .to_string(),
                );
                continue;
            }
        };
        let id = string(props, &["id"]).filter(|s| !s.is_empty());
        let existing = id.as_ref().and_then(|id| {
            events
                .iter_mut()
                .find(|(other, _)| other.as_ref() == Some(id))
        });
        match existing {
            Some((_, known)) => known.places.extend(place),
            None => {
                let mut event = event;
                event.places.extend(place);
                events.push((id, event));
            }
        }
    }
    Ok((events.into_iter().map(|(_, e)| e).collect(), problems))
}

fn string(props: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match props.get(*k) {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// A list property: a JSON array of strings, or a `;`-joined string.
fn list(props: &Map<String, Value>, key: &str) -> Vec<String> {
    match props.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => split_multi(s),
        _ => Vec::new(),
    }
}

fn event(props: &Map<String, Value>) -> Result<ImportedEvent, String> {
    let title = string(props, &["title", "name", "headline"]).unwrap_or_default();
    if title.is_empty() {
        return Err("no title".into());
    }
    let date = match props.get("date") {
        Some(Value::Object(d)) => parse_date(
            &string(d, &["start"]).unwrap_or_default(),
            &string(d, &["end"]).unwrap_or_default(),
            &string(d, &["precision"]).unwrap_or_default(),
        )?,
        _ => parse_date(
            &string(props, &["date_start", "start", "date"]).unwrap_or_default(),
            &string(props, &["date_end", "end"]).unwrap_or_default(),
            &string(props, &["precision"]).unwrap_or_default(),
        )?,
    };
    Ok(ImportedEvent {
        title,
        kind: kind(&string(props, &["kind"]).unwrap_or_default()),
        main: props.get("main").and_then(Value::as_bool).unwrap_or(false),
        date,
        places: Vec::new(),
        countries: list(props, "countries")
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect(),
        organizations: list(props, "organizations"),
        people: list(props, "people"),
    })
}

fn position(value: &Value) -> Result<GeoPoint, String> {
    let coord = |i: usize| value.get(i).and_then(Value::as_f64);
    match (coord(0), coord(1)) {
        (Some(lon), Some(lat)) => Ok(GeoPoint::new(lat, lon)),
        _ => Err(format!("`{value}` is not a [lon, lat] position")),
    }
}

fn feature_place(feature: &Value, props: &Map<String, Value>) -> Result<Option<Place>, String> {
    let geometry = match feature.get("geometry") {
        None | Some(Value::Null) => return Ok(None),
        Some(g) => g,
    };
    let name = string(props, &["place", "place_name", "title", "name"]).unwrap_or_default();
    let country = string(props, &["place_country", "country"]);
    let place_kind = string(props, &["place_kind"]).and_then(|k| PlaceKind::parse(&k));
    let coordinates = geometry.get("coordinates").unwrap_or(&Value::Null);
    match geometry.get("type").and_then(Value::as_str) {
        Some("Point") => Ok(Some(place(
            &name,
            position(coordinates)?,
            country,
            place_kind,
        )?)),
        Some("LineString") => {
            let route = coordinates
                .as_array()
                .ok_or("a LineString without coordinates")?
                .iter()
                .map(position)
                .collect::<Result<Vec<_>, _>>()?;
            let first = *route.first().ok_or("an empty LineString")?;
            let lat = props.get("place_lat").and_then(Value::as_f64);
            let lon = props.get("place_lon").and_then(Value::as_f64);
            let point = match (lat, lon) {
                (Some(lat), Some(lon)) => GeoPoint::new(lat, lon),
                _ => first,
            };
            let mut place = place(
                &name,
                point,
                country,
                Some(place_kind.unwrap_or(PlaceKind::Pipeline)),
            )?;
            place.route = route;
            Ok(Some(place))
        }
        Some(other) => Err(format!("{other} geometries are not imported")),
        None => Err("a geometry without a type".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_features_and_bad_ones() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[49.87,40.41]},
             "properties":{"name":"Baku forum","date":"2024-06","colour":"red"}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},
             "properties":{"title":"Area"}},
            {"type":"Feature","geometry":null,"properties":{"title":"No date or place"}},
            {"type":"Feature","geometry":null,"properties":{"date":"2024"}}
        ]}"#;
        let (events, problems) = read(Path::new("f.geojson"), text).expect("imports");
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].places[0].point, GeoPoint::new(40.41, 49.87));
        assert_eq!(events[0].places[0].name, "Baku forum");
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].starts_with("f.geojson: feature 1: Polygon"),
            "{}",
            problems[0]
        );
        assert!(problems[1].starts_with("f.geojson: feature 3: no title"));
    }

    #[test]
    fn broken_json_names_the_line() {
        let err = read(Path::new("g.geojson"), "{\n\"type\": }").expect_err("bad JSON");
        assert!(err.to_string().starts_with("g.geojson: line 2"), "{err}");
        let err = read(Path::new("g.geojson"), "[]").expect_err("not a collection");
        assert_eq!(
            err.to_string(),
            "g.geojson: not a GeoJSON FeatureCollection"
        );
    }
}
