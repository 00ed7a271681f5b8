//! GeoJSON export (RFC 7946): a FeatureCollection with a Point feature per event place, a
//! LineString for route places (pipelines, railways, roads), and one feature with a null
//! geometry for an event without places, so that no event is lost.

use serde_json::{Map, Value, json};

use super::{ExportEvent, ExportPlace};

/// The FeatureCollection as a JSON value.
pub fn to_value(events: &[ExportEvent]) -> Value {
    let mut features = Vec::new();
    for event in events {
        if event.places.is_empty() {
            features.push(feature(event, None));
        }
        for place in &event.places {
            features.push(feature(event, Some(place)));
        }
    }
    json!({"type": "FeatureCollection", "features": features})
}

/// The FeatureCollection, pretty-printed, with a final newline.
pub fn to_string(events: &[ExportEvent]) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(events)).unwrap_or_default();
    s.push('\n');
    s
}

fn feature(event: &ExportEvent, place: Option<&ExportPlace>) -> Value {
    let mut props = Map::new();
    props.insert("id".into(), json!(event.id));
    props.insert("title".into(), json!(event.title));
    props.insert("kind".into(), json!(event.kind.as_str()));
    props.insert("main".into(), json!(event.main));
    props.insert(
        "date_start".into(),
        json!(event.date.map(|d| d.start.to_string())),
    );
    props.insert(
        "date_end".into(),
        json!(event.date.map(|d| d.end.to_string())),
    );
    props.insert(
        "precision".into(),
        json!(event.date.map(|d| d.precision.as_str())),
    );
    let geometry = match place {
        Some(place) => {
            props.insert("place".into(), json!(place.name));
            props.insert("place_kind".into(), json!(place.kind.as_str()));
            props.insert("place_country".into(), json!(place.country));
            if place.is_line() {
                // The line's coordinates are its waypoints; keep the place's own point too.
                props.insert("place_lat".into(), json!(place.point.lat));
                props.insert("place_lon".into(), json!(place.point.lon));
                let coords: Vec<Value> =
                    place.route.iter().map(|p| json!([p.lon, p.lat])).collect();
                json!({"type": "LineString", "coordinates": coords})
            } else {
                json!({"type": "Point", "coordinates": [place.point.lon, place.point.lat]})
            }
        }
        None => Value::Null,
    };
    props.insert("countries".into(), json!(event.countries));
    props.insert("organizations".into(), json!(event.organizations));
    props.insert("people".into(), json!(event.people));
    props.insert("source".into(), json!(event.source));
    props.insert("url".into(), json!(event.url));
    props.insert("file".into(), json!(event.file));
    props.insert("brief_title".into(), json!(event.brief_title));
    props.insert(
        "published".into(),
        json!(event.published.map(|d| d.to_iso())),
    );
    props.insert("origin".into(), json!(event.origin));
    json!({"type": "Feature", "geometry": geometry, "properties": props})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn points_lines_and_placeless_events() {
        let events = flatten(&[awkward_brief()]);
        let value: Value = serde_json::from_str(&to_string(&events)).expect("valid JSON");
        assert_eq!(value["type"], "FeatureCollection");
        let features = value["features"].as_array().expect("features");
        let kinds: Vec<&str> = features
            .iter()
            .map(|f| f["geometry"]["type"].as_str().unwrap_or("null"))
            .collect();
        assert_eq!(
            kinds,
            ["Point", "LineString", "Point", "null", "LineString", "null"]
        );
        let first = &features[0];
        assert_eq!(first["geometry"]["coordinates"][0], 58.38);
        assert_eq!(first["geometry"]["coordinates"][1], 37.95);
        assert_eq!(first["properties"]["precision"], "day");
        assert_eq!(first["properties"]["countries"][1], "TR");
        assert_eq!(first["properties"]["origin"], "extracted");
    }
}
