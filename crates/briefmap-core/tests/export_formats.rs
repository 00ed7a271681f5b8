//! Every export of the bundled briefs parses in its own format, and CSV, GeoJSON and
//! TimelineJS exports import back without losing dates, precision, places or actors.

use std::path::{Path, PathBuf};

use briefmap_core::export::{self, ExportEvent, ExportFormat, flatten};
use briefmap_core::model::Brief;
use briefmap_core::sources::import::import_text;
use briefmap_core::sources::load_paths;
use quick_xml::Reader;
use quick_xml::events::Event as XmlEvent;
use serde_json::Value;

const AWKWARD_TITLE: &str = "Talks, \"round 2\";\r\nnext <script>alert(1)</script> — Ашхабад";

/// The bundled briefs, the first event's title made awkward (commas, quotes, newlines, markup).
fn briefs() -> Vec<Brief> {
    let dir = briefmap_core::paths::bundled_briefs_dir();
    let dataset = load_paths(&[dir], &|_| {});
    assert!(dataset.problems.is_empty(), "{:?}", dataset.problems);
    let mut briefs = dataset.briefs;
    assert!(briefs.len() >= 5);
    briefs[0].events[0].title = AWKWARD_TITLE.to_string();
    briefs
}

fn events() -> Vec<ExportEvent> {
    let events = flatten(&briefs());
    assert!(events.iter().filter(|e| e.date.is_some()).count() >= 5);
    assert!(events.iter().any(|e| !e.places.is_empty()));
    events
}

#[test]
fn geojson_is_a_feature_collection_of_event_places() {
    let events = events();
    let value: Value = serde_json::from_str(
        &export::render(ExportFormat::Geojson, &events, "t").expect("renders"),
    )
    .expect("JSON");
    assert_eq!(value["type"], "FeatureCollection");
    let features = value["features"].as_array().expect("features");
    let expected: usize = events.iter().map(|e| e.places.len().max(1)).sum();
    assert_eq!(features.len(), expected);
    for f in features {
        assert_eq!(f["type"], "Feature");
        let props = &f["properties"];
        for key in [
            "title",
            "kind",
            "date_start",
            "date_end",
            "precision",
            "countries",
            "organizations",
            "people",
            "source",
            "file",
            "origin",
        ] {
            assert!(props.get(key).is_some(), "{key} in {props}");
        }
        match f["geometry"]["type"].as_str() {
            Some("Point") => {
                let lon = f["geometry"]["coordinates"][0].as_f64().expect("lon");
                let lat = f["geometry"]["coordinates"][1].as_f64().expect("lat");
                assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
            }
            Some("LineString") => {
                assert!(f["geometry"]["coordinates"].as_array().map(Vec::len) >= Some(2))
            }
            None => assert!(f["geometry"].is_null()),
            Some(other) => panic!("unexpected geometry {other}"),
        }
    }
}

#[test]
fn timelinejs_has_a_slide_per_dated_event() {
    let events = events();
    let value: Value = serde_json::from_str(
        &export::render(ExportFormat::Timelinejs, &events, "Deck").expect("renders"),
    )
    .expect("JSON");
    assert_eq!(value["title"]["text"]["headline"], "Deck");
    let slides = value["events"].as_array().expect("events");
    assert_eq!(
        slides.len(),
        events.iter().filter(|e| e.date.is_some()).count()
    );
    let mut ids = std::collections::BTreeSet::new();
    for s in slides {
        assert!(s["start_date"]["year"].is_i64(), "{s}");
        assert!(s["text"]["headline"].is_string());
        assert!(ids.insert(s["unique_id"].as_str().expect("id").to_string()));
    }
    assert!(!value.to_string().contains("<script"));
}

#[test]
fn kml_is_well_formed_with_time_primitives_and_lon_lat() {
    let events = events();
    let text = export::render(ExportFormat::Kml, &events, "Deck & co").expect("renders");
    let mut reader = Reader::from_str(&text);
    let mut stack: Vec<String> = Vec::new();
    let (mut placemarks, mut stamps, mut spans) = (0, 0, 0);
    let mut coordinates = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            XmlEvent::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                match name.as_str() {
                    "Placemark" => placemarks += 1,
                    "TimeStamp" => stamps += 1,
                    "TimeSpan" => spans += 1,
                    _ => {}
                }
                stack.push(name);
            }
            XmlEvent::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                assert_eq!(stack.pop(), Some(name));
            }
            XmlEvent::Text(t) if stack.last().map(String::as_str) == Some("coordinates") => {
                coordinates.push(t.decode().expect("text").to_string());
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty());
    let places: usize = events.iter().map(|e| e.places.len()).sum();
    assert_eq!(placemarks, places);
    let dated_places = |day: bool| -> usize {
        events
            .iter()
            .filter(|e| {
                e.date
                    .is_some_and(|d| (d.precision == briefmap_core::model::Precision::Day) == day)
            })
            .map(|e| e.places.len())
            .sum()
    };
    assert_eq!(stamps, dated_places(true));
    assert_eq!(spans, dated_places(false));
    let first = events
        .iter()
        .flat_map(|e| &e.places)
        .next()
        .expect("a place");
    assert_eq!(
        coordinates[0],
        format!("{},{}", first.point.lon, first.point.lat)
    );
}

#[test]
fn ics_line_structure() {
    let events = events();
    let text = export::render(ExportFormat::Ics, &events, "Deck").expect("renders");
    assert!(text.ends_with("\r\n"));
    let body = text.strip_suffix("\r\n").expect("CRLF end");
    let mut stack = Vec::new();
    let mut vevents = 0;
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line end in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name.to_string());
            vevents += usize::from(name == "VEVENT");
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(name));
        }
    }
    assert!(stack.is_empty());
    assert_eq!(vevents, events.iter().filter(|e| e.date.is_some()).count());
    let unfolded = body.replace("\r\n ", "");
    let mut uids = std::collections::BTreeSet::new();
    for block in unfolded.split("BEGIN:VEVENT").skip(1) {
        for key in [
            "UID:",
            "DTSTAMP:",
            "DTSTART;VALUE=DATE:",
            "DTEND;VALUE=DATE:",
            "SUMMARY:",
        ] {
            assert!(block.contains(&format!("\r\n{key}")), "{key} in {block}");
        }
        let uid = block
            .split("\r\nUID:")
            .nth(1)
            .and_then(|r| r.split("\r\n").next());
        assert!(uids.insert(uid.expect("uid").to_string()));
    }
    assert!(unfolded.contains("SUMMARY:Talks\\, \"round 2\"\\;\\nnext <script>"));
    assert_eq!(
        text,
        export::render(ExportFormat::Ics, &events, "Deck").expect("renders")
    );
}

#[test]
fn csv_header_and_quoting() {
    let events = events();
    let text = export::render(ExportFormat::Csv, &events, "t").expect("renders");
    let header = "id,title,kind,date_start,date_end,precision,places,lat,lon,countries,\
                  organizations,people,source,url,file,origin\r\n";
    assert!(text.starts_with(header));
    assert!(text.contains("\"Talks, \"\"round 2\"\";\r\nnext <script>"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), events.len());
    assert!(rows.iter().all(|r| r.len() == 16));
    assert_eq!(&rows[0][1], AWKWARD_TITLE);
}

#[test]
fn html_pack_escapes_brief_text() {
    let events = events();
    let html = export::html::html_pack(&events, "Deck", &[]);
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("src=\"http"));
    assert_eq!(
        html.matches("<section class=\"slide event\">").count(),
        events.len()
    );
}

/// What a round trip must keep of an event.
fn essentials(e: &ExportEvent) -> impl PartialEq + std::fmt::Debug {
    (
        e.title.clone(),
        e.kind,
        e.date,
        e.places
            .iter()
            .map(|p| (p.name.clone(), p.point.lat.to_bits(), p.point.lon.to_bits()))
            .collect::<Vec<_>>(),
        e.countries.clone(),
        e.organizations.clone(),
        e.people.clone(),
    )
}

fn round_trip(format: ExportFormat, file: &str, origin: &str, dated_only: bool) {
    let events = events();
    let text = export::render(format, &events, "Deck").expect("renders");
    let (brief, problems) = import_text(Path::new(file), &text).expect("imports");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(brief.source.as_deref(), Some(origin));
    assert_eq!(brief.file, PathBuf::from(file));
    let back = flatten(&[brief]);
    let expected: Vec<&ExportEvent> = events
        .iter()
        .filter(|e| !dated_only || e.date.is_some())
        .collect();
    assert_eq!(back.len(), expected.len());
    for (before, after) in expected.iter().zip(&back) {
        assert_eq!(essentials(before), essentials(after));
        assert_eq!(after.origin, origin);
    }
}

#[test]
fn csv_round_trip() {
    round_trip(ExportFormat::Csv, "x/events.csv", "import:csv", false);
}

#[test]
fn geojson_round_trip() {
    round_trip(
        ExportFormat::Geojson,
        "x/events.geojson",
        "import:geojson",
        false,
    );
}

#[test]
fn timelinejs_round_trip() {
    round_trip(
        ExportFormat::Timelinejs,
        "x/timeline.json",
        "import:timelinejs",
        true,
    );
}
