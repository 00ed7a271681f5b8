//! KML 2.2 export (opens in Google Earth with its time slider): a Placemark per event place,
//! `<TimeStamp>` for day-precise dates and `<TimeSpan>` otherwise, Point coordinates as
//! `lon,lat`, LineStrings for routes. Written with `quick-xml`, which escapes all text; what
//! XML 1.0 forbids in text is dropped first (`clean`).

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::clean::clean_text;
use super::{ExportError, ExportEvent, ExportPlace};
use crate::model::Precision;

/// The KML namespace.
pub const KML_NS: &str = "http://www.opengis.net/kml/2.2";

/// The KML document.
pub fn to_string(events: &[ExportEvent], title: &str) -> Result<String, ExportError> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_document(&mut writer, events, title).map_err(|e| ExportError::Xml(e.to_string()))?;
    let mut text =
        String::from_utf8(writer.into_inner()).map_err(|e| ExportError::Xml(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn write_document(
    writer: &mut Writer<Vec<u8>>,
    events: &[ExportEvent],
    title: &str,
) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("kml")
        .with_attribute(("xmlns", KML_NS))
        .write_inner_content(|w| {
            w.create_element("Document").write_inner_content(|w| {
                text_element(w, "name", title)?;
                for event in events {
                    for place in &event.places {
                        placemark(w, event, place)?;
                    }
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&clean_text(text)))?;
    Ok(())
}

fn placemark(w: &mut Writer<Vec<u8>>, event: &ExportEvent, place: &ExportPlace) -> io::Result<()> {
    w.create_element("Placemark").write_inner_content(|w| {
        text_element(w, "name", &event.title)?;
        text_element(w, "description", &description(event, place))?;
        if let Some(date) = event.date {
            if date.precision == Precision::Day {
                w.create_element("TimeStamp")
                    .write_inner_content(|w| text_element(w, "when", &date.start.to_string()))?;
            } else {
                w.create_element("TimeSpan").write_inner_content(|w| {
                    text_element(w, "begin", &date.start.to_string())?;
                    text_element(w, "end", &date.end.to_string())
                })?;
            }
        }
        w.create_element("ExtendedData").write_inner_content(|w| {
            for (name, value) in [
                ("kind", event.kind.as_str().to_string()),
                ("place", place.name.clone()),
                ("place_kind", place.kind.as_str().to_string()),
                ("countries", event.countries.join(";")),
                ("organizations", event.organizations.join(";")),
                ("people", event.people.join(";")),
                ("source", event.source.clone().unwrap_or_default()),
                ("file", event.file.clone()),
                ("origin", event.origin.clone()),
            ] {
                w.create_element("Data")
                    .with_attribute(("name", name))
                    .write_inner_content(|w| text_element(w, "value", &value))?;
            }
            Ok(())
        })?;
        if place.is_line() {
            let coords: Vec<String> = place
                .route
                .iter()
                .map(|p| format!("{},{}", p.lon, p.lat))
                .collect();
            w.create_element("LineString").write_inner_content(|w| {
                text_element(w, "tessellate", "1")?;
                text_element(w, "coordinates", &coords.join(" "))
            })?;
        } else {
            w.create_element("Point").write_inner_content(|w| {
                text_element(
                    w,
                    "coordinates",
                    &format!("{},{}", place.point.lon, place.point.lat),
                )
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn description(event: &ExportEvent, place: &ExportPlace) -> String {
    let mut lines = vec![format!(
        "{} · {} · {}",
        event.kind.as_str(),
        event.date.map(|d| d.to_iso()).unwrap_or_default(),
        place.name
    )];
    for (label, items) in [
        ("Countries", &event.countries),
        ("Organisations", &event.organizations),
        ("People", &event.people),
    ] {
        if !items.is_empty() {
            lines.push(format!("{label}: {}", items.join(", ")));
        }
    }
    if !event.evidence.is_empty() {
        lines.push(format!("“{}”", event.evidence));
    }
    let source = [event.source.as_deref(), event.url.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !source.is_empty() {
        lines.push(format!("Source: {source}"));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use quick_xml::Reader;

    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn well_formed_with_time_primitives() {
        let events = flatten(&[awkward_brief()]);
        let text = to_string(&events, "Deck & <friends>").expect("KML renders");
        let mut reader = Reader::from_str(&text);
        let mut depth = 0i32;
        let mut names = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    depth += 1;
                    names.push(String::from_utf8_lossy(e.name().as_ref()).to_string());
                }
                Event::End(_) => depth -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        assert_eq!(names.iter().filter(|n| *n == "Placemark").count(), 4);
        assert_eq!(names.iter().filter(|n| *n == "TimeStamp").count(), 2);
        assert_eq!(names.iter().filter(|n| *n == "TimeSpan").count(), 2);
        assert_eq!(names.iter().filter(|n| *n == "LineString").count(), 2);
        assert!(text.contains("<coordinates>58.38,37.95</coordinates>"));
        assert!(text.contains("<when>2024-04-02</when>"));
        assert!(!text.contains("<script"));
    }
}
