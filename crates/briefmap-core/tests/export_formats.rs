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
        &export::render(ExportFormat::Geojson, &events, "t", Default::default()).expect("renders"),
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
        &export::render(
            ExportFormat::Timelinejs,
            &events,
            "Deck",
            Default::default(),
        )
        .expect("renders"),
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
    let text = export::render(ExportFormat::Kml, &events, "Deck & co", Default::default())
        .expect("renders");
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
    let text =
        export::render(ExportFormat::Ics, &events, "Deck", Default::default()).expect("renders");
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
        export::render(ExportFormat::Ics, &events, "Deck", Default::default()).expect("renders")
    );
}

#[test]
fn csv_header_and_quoting() {
    let events = events();
    let text =
        export::render(ExportFormat::Csv, &events, "t", Default::default()).expect("renders");
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
    let text = export::render(format, &events, "Deck", Default::default()).expect("renders");
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

/// Text a hostile brief or sidecar may carry: terminal escapes, NUL and other C0 controls,
/// DEL and C1, non-characters, and spreadsheet formulas.
const HOSTILE: &str = "=HYPERLINK(\"http://evil\",\"x\")\u{1b}[2J\u{0}\u{1}\u{8}\u{b}\u{c}\u{7f}\u{85}\u{fffe}\u{ffff} <b>&</b>";

/// The events of the bundled briefs with hostile text in every field a brief or sidecar
/// controls, and a title of 12 MB (lxml refuses text nodes over 10 MB).
fn hostile_events() -> Vec<ExportEvent> {
    let mut briefs = briefs();
    let brief = &mut briefs[0];
    brief.title = format!("{HOSTILE}{}", "t".repeat(12 << 20));
    brief.source = Some(format!("@SUM(A1){HOSTILE}"));
    brief.url = Some(format!("-1+2{HOSTILE}"));
    let event = &mut brief.events[0];
    event.title = format!("+{HOSTILE}");
    event.organizations = vec![format!("-{HOSTILE}"), "\tTab Org".into(), "\rCR Org".into()];
    event.people = (0..5000).map(|i| format!("Person {i}")).collect();
    flatten(&briefs)
}

/// XML 1.0's `Char` production: what may appear anywhere in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{a}' | '\u{d}' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[test]
fn kml_of_hostile_text_is_well_formed_xml_with_bounded_text_nodes() {
    let events = hostile_events();
    let text =
        export::render(ExportFormat::Kml, &events, HOSTILE, Default::default()).expect("renders");
    if let Some(bad) = text.chars().find(|&c| !is_xml_char(c)) {
        panic!("KML holds U+{:04X}, which XML 1.0 forbids", bad as u32);
    }
    let mut reader = Reader::from_str(&text);
    let mut longest = 0;
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            XmlEvent::Start(_) => depth += 1,
            XmlEvent::End(_) => depth -= 1,
            XmlEvent::Text(t) => {
                let unescaped = t.decode().expect("text decodes");
                longest = longest.max(unescaped.len());
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert!(longest < 1_000_000, "a text node of {longest} bytes");
    assert!(text.contains("=HYPERLINK"), "the text itself is kept");
}

#[test]
fn html_and_ics_of_hostile_text_carry_no_control_characters() {
    let events = hostile_events();
    let html =
        export::render(ExportFormat::Html, &events, HOSTILE, Default::default()).expect("renders");
    if let Some(bad) = html
        .chars()
        .find(|&c| !is_xml_char(c) || c == '\u{7f}' || c == '\u{85}')
    {
        panic!("HTML holds U+{:04X}", bad as u32);
    }
    assert!(!html.contains("<b>&</b>"), "markup is escaped");
    assert!(
        html.len() < 8 << 20,
        "the 12 MB title is cut: {} bytes",
        html.len()
    );
    let ics =
        export::render(ExportFormat::Ics, &events, HOSTILE, Default::default()).expect("renders");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
        if let Some(bad) = line.chars().find(|c| c.is_control() && *c != '\t') {
            panic!("iCalendar line holds U+{:04X}: {line:?}", bad as u32);
        }
    }
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_neutralised_unless_raw() {
    let events = hostile_events();
    let safe =
        export::render(ExportFormat::Csv, &events, "t", Default::default()).expect("renders");
    let mut reader = csv::Reader::from_reader(safe.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), events.len());
    for row in &rows {
        for (column, cell) in row.iter().enumerate() {
            // Computed columns: kind, dates, precision, lat, lon (numbers may be negative).
            if [2, 3, 4, 5, 7, 8].contains(&column) {
                continue;
            }
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "column {column} starts a formula: {cell:?}"
            );
        }
    }
    assert!(rows[0][1].starts_with("'+=HYPERLINK"), "{}", &rows[0][1]);
    assert!(rows[0][10].starts_with("'-=HYPERLINK"), "{}", &rows[0][10]);
    assert!(rows[0][12].starts_with("'@SUM"), "{}", &rows[0][12]);

    let options = export::ExportOptions {
        csv: export::csv::CsvCells::Raw,
    };
    let raw = export::render(ExportFormat::Csv, &events, "t", options).expect("renders");
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    let first = reader.records().next().expect("a row").expect("row");
    assert!(first[1].starts_with("+=HYPERLINK"), "{}", &first[1]);
    assert!(first[10].starts_with("-=HYPERLINK"), "{}", &first[10]);

    // A neutralised export imports back to the values themselves.
    let (brief, problems) = import_text(Path::new("x/events.csv"), &safe).expect("imports");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(brief.events[0].title.starts_with("+=HYPERLINK"));
}
