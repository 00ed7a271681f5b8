//! TimelineJS JSON import: each slide in `events` with a `start_date` becomes an event (its
//! precision from which of year/month/day are given, a range when `end_date` differs), its
//! title the headline without HTML. The `briefmap` object our export adds (places, actors, exact
//! precision) is used when present; otherwise `location` gives the place and `group` the kind.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::{ImportError, ImportedEvent, kind, parse_date, place};
use crate::model::{DateRange, GeoPoint, Place, PlaceKind};

/// Reads events from TimelineJS JSON text.
pub fn read(path: &Path, text: &str) -> Result<(Vec<ImportedEvent>, Vec<String>), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })?;
    let Some(slides) = value.get("events").and_then(Value::as_array) else {
        return Err(ImportError::NotTimeline {
            file: path.to_path_buf(),
        });
    };
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for (index, slide) in slides.iter().enumerate() {
        match event(slide) {
            Ok(event) => events.push(event),
            Err(reason) => problems.push(
                ImportError::Slide {
                    file: path.to_path_buf(),
                    index,
                    reason,
                }
                .to_string(),
            ),
        }
    }
    Ok((events, problems))
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A date part given as a number or a numeric string.
fn number(object: &Value, key: &str) -> Result<Option<i64>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("`{key}` {n} is not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("`{key}` \"{s}\" is not a number")),
        Some(other) => Err(format!("`{key}` {other} is not a number")),
    }
}

/// A TimelineJS date object as the range of days it names.
fn date_object(object: &Value) -> Result<DateRange, String> {
    let year = number(object, "year")?.ok_or("a date without a year")?;
    let year = i32::try_from(year).map_err(|_| format!("year {year} is out of range"))?;
    let month = number(object, "month")?;
    let day = number(object, "day")?;
    let bad = || format!("{object} is not a calendar date");
    let as_u32 = |n: i64| u32::try_from(n).map_err(|_| bad());
    match (month, day) {
        (None, _) => DateRange::year(year).ok_or_else(bad),
        (Some(m), None) => DateRange::month(year, as_u32(m)?).ok_or_else(bad),
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, as_u32(m)?, as_u32(d)?)
            .map(DateRange::day)
            .ok_or_else(bad),
    }
}

/// Headline text without markup and with HTML entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = quick_xml::escape::unescape(&text)
        .map(|t| t.into_owned())
        .unwrap_or(text);
    decoded.trim().to_string()
}

fn event(slide: &Value) -> Result<ImportedEvent, String> {
    let start = slide.get("start_date").ok_or("no start_date")?;
    let extension = slide.get("briefmap").filter(|b| b.is_object());
    let mut date = date_object(start)?;
    if let Some(end) = slide.get("end_date").filter(|e| e.is_object()) {
        let end = date_object(end)?;
        if end.end != date.end {
            date = DateRange::range(date.start, end.end)
                .ok_or("the end_date is before the start_date")?;
        }
    }
    if let Some(ext) = extension {
        let exact = parse_date(
            str_of(ext, "date_start").unwrap_or(""),
            str_of(ext, "date_end").unwrap_or(""),
            str_of(ext, "precision").unwrap_or(""),
        )?;
        date = exact.unwrap_or(date);
    }
    let title = slide
        .get("text")
        .and_then(|t| str_of(t, "headline"))
        .map(plain_text)
        .unwrap_or_default();
    if title.is_empty() {
        return Err("no headline".into());
    }
    let strings = |key: &str| -> Vec<String> {
        extension
            .and_then(|e| e.get(key))
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let places = match extension
        .and_then(|e| e.get("places"))
        .and_then(Value::as_array)
    {
        Some(items) => items.iter().map(place_of).collect::<Result<Vec<_>, _>>()?,
        None => slide
            .get("location")
            .filter(|l| l.is_object())
            .map(place_of)
            .transpose()?
            .into_iter()
            .collect(),
    };
    let kind_name = extension
        .and_then(|e| str_of(e, "kind"))
        .or_else(|| str_of(slide, "group"))
        .unwrap_or("");
    Ok(ImportedEvent {
        title,
        kind: kind(kind_name),
        main: false,
        date: Some(date),
        places,
        countries: strings("countries")
            .into_iter()
            .map(|c| c.to_uppercase())
            .collect(),
        organizations: strings("organizations"),
        people: strings("people"),
    })
}

/// A place from `{name, lat, lon, country?, kind?}`.
fn place_of(value: &Value) -> Result<Place, String> {
    let lat = value.get("lat").and_then(Value::as_f64);
    let lon = value.get("lon").and_then(Value::as_f64);
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(format!("location {value} has no lat/lon"));
    };
    place(
        str_of(value, "name").unwrap_or(""),
        GeoPoint::new(lat, lon),
        str_of(value, "country").map(str::to_string),
        str_of(value, "kind").and_then(PlaceKind::parse),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    #[test]
    fn knight_lab_slides_with_string_dates() {
        let text = r#"{"title":{"text":{"headline":"T"}},"events":[
            {"start_date":{"year":"2024","month":"3"},"text":{"headline":"<b>Gas &amp; oil</b>"},
             "location":{"name":"Baku","lat":40.41,"lon":49.87},"group":"deal"},
            {"start_date":{"year":2024,"month":3,"day":1},"end_date":{"year":2024,"month":3,"day":4},
             "text":{"headline":"Forum"}},
            {"text":{"headline":"No date"}},
            {"start_date":{"year":2024,"month":2,"day":30},"text":{"headline":"Bad day"}}
        ]}"#;
        let (events, problems) = read(Path::new("t.json"), text).expect("imports");
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].title, "Gas & oil");
        assert_eq!(events[0].date.map(|d| d.precision), Some(Precision::Month));
        assert_eq!(events[0].kind.as_str(), "deal");
        assert_eq!(events[0].places[0].name, "Baku");
        assert_eq!(events[1].date.map(|d| d.precision), Some(Precision::Range));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("t.json: event 2: no start_date"));
        assert!(problems[1].contains("event 3"));
    }
}
