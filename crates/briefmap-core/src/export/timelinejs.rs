//! TimelineJS JSON export (Knight Lab): a title slide and one slide per dated event, with
//! `start_date`/`end_date` as `{year, month, day}` (month and year precision omit the finer
//! fields). Headlines and texts are HTML in TimelineJS, so they are HTML-escaped. Each event also
//! carries `location` (its first place) and a `briefmap` object with everything else, which
//! TimelineJS ignores and the import reads back. Undated events are left out.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

use super::html::escape;
use super::{ExportEvent, date_span, stable_hash};
use crate::model::{DateRange, Precision};

/// The timeline as a JSON value.
pub fn to_value(events: &[ExportEvent], title: &str) -> Value {
    let dated: Vec<&ExportEvent> = events.iter().filter(|e| e.date.is_some()).collect();
    let span = date_span(events)
        .map(|(s, e)| format!("{s} – {e}"))
        .unwrap_or_default();
    let slides: Vec<Value> = dated
        .iter()
        .filter_map(|e| e.date.map(|d| slide(e, d)))
        .collect();
    json!({
        "title": {
            "text": {
                "headline": escape(title),
                "text": escape(&format!("{} events. {span}", slides.len())),
            }
        },
        "events": slides,
    })
}

/// The timeline, pretty-printed, with a final newline.
pub fn to_string(events: &[ExportEvent], title: &str) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(events, title)).unwrap_or_default();
    s.push('\n');
    s
}

/// `{year, month?, day?}` as precise as `precision` allows.
pub fn date_object(date: NaiveDate, precision: Precision) -> Value {
    let mut object = Map::new();
    object.insert("year".into(), json!(date.year()));
    if precision != Precision::Year {
        object.insert("month".into(), json!(date.month()));
    }
    if matches!(precision, Precision::Day | Precision::Range) {
        object.insert("day".into(), json!(date.day()));
    }
    Value::Object(object)
}

fn slide(event: &ExportEvent, date: DateRange) -> Value {
    let mut slide = Map::new();
    slide.insert("start_date".into(), date_object(date.start, date.precision));
    if date.precision == Precision::Range {
        slide.insert("end_date".into(), date_object(date.end, date.precision));
    }
    slide.insert(
        "text".into(),
        json!({"headline": escape(&event.title), "text": body(event)}),
    );
    slide.insert("group".into(), json!(event.kind.as_str()));
    slide.insert(
        "unique_id".into(),
        json!(format!("event-{:016x}", stable_hash(&event.id))),
    );
    if let Some(place) = event.places.first() {
        slide.insert(
            "location".into(),
            json!({"name": place.name, "lat": place.point.lat, "lon": place.point.lon}),
        );
    }
    let places: Vec<Value> = event
        .places
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "lat": p.point.lat,
                "lon": p.point.lon,
                "country": p.country,
                "kind": p.kind.as_str(),
            })
        })
        .collect();
    slide.insert(
        "briefmap".into(),
        json!({
            "id": event.id,
            "kind": event.kind.as_str(),
            "precision": date.precision.as_str(),
            "date_start": date.start.to_string(),
            "date_end": date.end.to_string(),
            "places": places,
            "countries": event.countries,
            "organizations": event.organizations,
            "people": event.people,
            "source": event.source,
            "url": event.url,
            "file": event.file,
            "origin": event.origin,
        }),
    );
    Value::Object(slide)
}

/// The slide's body: places, actors, evidence and a link to the source, as escaped HTML.
fn body(event: &ExportEvent) -> String {
    let mut parts = Vec::new();
    let places: Vec<String> = event.places.iter().map(|p| p.name.clone()).collect();
    for (label, items) in [
        ("Places", &places),
        ("Countries", &event.countries),
        ("Organisations", &event.organizations),
        ("People", &event.people),
    ] {
        if !items.is_empty() {
            parts.push(format!(
                "<p><b>{label}:</b> {}</p>",
                escape(&items.join(", "))
            ));
        }
    }
    if !event.evidence.is_empty() {
        parts.push(format!(
            "<blockquote>{}</blockquote>",
            escape(&event.evidence)
        ));
    }
    let source = escape(event.source.as_deref().unwrap_or("source"));
    match event.url.as_deref() {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            parts.push(format!("<p><a href=\"{}\">{source}</a></p>", escape(url)))
        }
        _ if event.source.is_some() => parts.push(format!("<p>{source}</p>")),
        _ => {}
    }
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn dates_as_precise_as_known_and_text_escaped() {
        let events = flatten(&[awkward_brief()]);
        let value: Value = serde_json::from_str(&to_string(&events, "Deck")).expect("valid JSON");
        let slides = value["events"].as_array().expect("events");
        assert_eq!(slides.len(), 4);
        assert_eq!(
            slides[0]["start_date"],
            json!({"year": 2024, "month": 4, "day": 2})
        );
        assert!(slides[0].get("end_date").is_none());
        assert_eq!(slides[1]["start_date"], json!({"year": 2024, "month": 5}));
        assert_eq!(
            slides[2]["end_date"],
            json!({"year": 2024, "month": 6, "day": 5})
        );
        assert_eq!(slides[3]["start_date"], json!({"year": 2025}));
        let headline = slides[0]["text"]["headline"].as_str().unwrap_or_default();
        assert!(headline.contains("&lt;script&gt;"));
        assert!(!value.to_string().contains("<script"));
        assert_eq!(slides[0]["location"]["name"], "Ashgabat");
    }
}
