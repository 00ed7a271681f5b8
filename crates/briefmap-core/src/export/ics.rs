//! iCalendar export (RFC 5545): one all-day VEVENT per dated event (`DTSTART;VALUE=DATE`,
//! exclusive `DTEND`), stable UIDs, text escaped (`\\`, `\;`, `\,`, `\n`), lines folded at 75
//! octets without splitting a character, CRLF line ends; control characters dropped (`clean`).
//! Undated events are left out.

use chrono::Days;

use super::{ExportEvent, stable_hash};

/// Longest content line in octets, before the CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The calendar text.
pub fn to_string(events: &[ExportEvent], title: &str) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//briefmap//briefmap export//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(title)));
    for event in events {
        let Some(date) = event.date else { continue };
        let end = date.end.checked_add_days(Days::new(1)).unwrap_or(date.end);
        let stamp = event.published.map(|p| p.start).unwrap_or(date.start);
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:{:016x}@briefmap",
            stable_hash(&format!("{}\u{1f}{}", event.id, event.title))
        ));
        line(&format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")));
        line(&format!(
            "DTSTART;VALUE=DATE:{}",
            date.start.format("%Y%m%d")
        ));
        line(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", escape_text(&event.title)));
        line(&format!("DESCRIPTION:{}", escape_text(&description(event))));
        line(&format!("CATEGORIES:{}", escape_text(event.kind.as_str())));
        if !event.places.is_empty() {
            let names: Vec<&str> = event.places.iter().map(|p| p.name.as_str()).collect();
            line(&format!("LOCATION:{}", escape_text(&names.join(", "))));
            let point = event.places[0].point;
            line(&format!("GEO:{:.6};{:.6}", point.lat, point.lon));
        }
        if let Some(url) = event.url.as_deref().filter(|u| is_plain_uri(u)) {
            line(&format!("URL:{url}"));
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn description(event: &ExportEvent) -> String {
    let mut parts = vec![format!(
        "{} ({})",
        event.kind.as_str(),
        event.date.map(|d| d.to_iso()).unwrap_or_default()
    )];
    let mut list = |label: &str, items: &[String]| {
        if !items.is_empty() {
            parts.push(format!("{label}: {}", items.join(", ")));
        }
    };
    let places: Vec<String> = event.places.iter().map(|p| p.name.clone()).collect();
    list("Places", &places);
    list("Countries", &event.countries);
    list("Organisations", &event.organizations);
    list("People", &event.people);
    if !event.evidence.is_empty() {
        parts.push(format!("“{}”", event.evidence));
    }
    let source = [event.source.as_deref(), event.url.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if source.is_empty() {
        parts.push(format!("Source: {}", event.file));
    } else {
        parts.push(format!("Source: {source} ({})", event.file));
    }
    parts.join("\n")
}

/// A URL that can be written as a URI value unchanged (no spaces or control characters).
fn is_plain_uri(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && url.chars().all(|c| c.is_ascii_graphic())
}

/// Escapes a TEXT value: backslash, semicolon, comma, and newlines as `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if super::clean::is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so no physical line exceeds 75 octets, with CRLF ends.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn lines_are_folded_on_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "ж".repeat(100)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= MAX_LINE_OCTETS, "{}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ж".repeat(100)));
    }

    #[test]
    fn all_day_events_with_exclusive_ends() {
        let events = flatten(&[awkward_brief()]);
        let text = to_string(&events, "Deck");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 4);
        assert!(text.contains("DTSTART;VALUE=DATE:20240402\r\nDTEND;VALUE=DATE:20240403\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20240501\r\nDTEND;VALUE=DATE:20240601\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20240603\r\nDTEND;VALUE=DATE:20240606\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20250101\r\nDTEND;VALUE=DATE:20260101\r\n"));
        assert!(text.contains("GEO:37.950000;58.380000\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Gas talks\\, \"round 2\"\\;\\nnext"));
        assert_eq!(text, to_string(&events, "Deck"), "deterministic");
    }
}
