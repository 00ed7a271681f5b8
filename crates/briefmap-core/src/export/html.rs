//! The HTML briefing pack: one self-contained file (inline CSS, no scripts, images as base64
//! data URIs, no external resources; source URLs appear only as plain links) with a title
//! section, embedded images, a slide-like section per event and a table of events with
//! their sources. Every piece of text from briefs is HTML-escaped.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::{ExportEvent, date_span};

/// The PNG file signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

const STYLE: &str = "
:root{--ink:#1d2430;--muted:#5b6575;--line:#d8dde5;--accent:#1f6f8b;--paper:#fff;}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:#eef1f5}
main{max-width:60rem;margin:0 auto;padding:1rem}
section.slide{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:2rem 2.5rem;margin:1.5rem 0;min-height:18rem;page-break-after:always;break-after:page}
section.cover h1{font-size:2.4rem;margin:0 0 .5rem}
.date{color:var(--accent);font-weight:600;font-size:1.1rem;margin:0}
h2{font-size:1.8rem;margin:.3rem 0 1rem}
dl{display:grid;grid-template-columns:9rem 1fr;gap:.3rem 1rem;margin:0 0 1rem}
dt{color:var(--muted)}dd{margin:0}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid var(--accent);color:var(--muted);font-style:italic}
.source{color:var(--muted);font-size:.9rem;word-break:break-all}
.counts{display:flex;flex-wrap:wrap;gap:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:var(--paper)}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f9}
figure{margin:0}figure img{max-width:100%;height:auto;border:1px solid var(--line)}
figcaption{color:var(--muted);font-size:.9rem}
@media print{body{background:#fff}section.slide{border:none;margin:0}}
";

/// Escapes text for HTML element content and quoted attribute values; what XML 1.0 forbids
/// (control characters) is dropped (`clean`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if super::clean::is_dropped(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The briefing pack. `images` are `(caption, PNG bytes)`; anything that is not a PNG is left
/// out with a note.
pub fn html_pack(events: &[ExportEvent], title: &str, images: &[(String, Vec<u8>)]) -> String {
    let title = &super::clean::clean_field(title);
    let mut ordered: Vec<&ExportEvent> = events.iter().collect();
    // Dated events in time order, undated ones last, each in their given order.
    ordered.sort_by_key(|e| (e.date.is_none(), e.date.map(|d| (d.start, d.end))));

    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    line(&mut out, format!("<title>{}</title>", escape(title)));
    line(
        &mut out,
        format!("<style>{STYLE}</style>\n</head>\n<body>\n<main>"),
    );
    cover(&mut out, events, title);
    for (caption, png) in images {
        figure(&mut out, caption, png);
    }
    for event in &ordered {
        slide(&mut out, event);
    }
    table(&mut out, &ordered);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn cover(out: &mut String, events: &[ExportEvent], title: &str) {
    let span = match date_span(events) {
        Some((start, end)) if start == end => start.to_string(),
        Some((start, end)) => format!("{start} – {end}"),
        None => "undated".to_string(),
    };
    let mut files: Vec<&str> = events.iter().map(|e| e.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    line(
        out,
        format!(
            "<section class=\"slide cover\">\n<h1>{}</h1>\n<p class=\"date\">{}</p>\n<p>{} events from {} briefs</p>",
            escape(title),
            escape(&span),
            events.len(),
            files.len()
        ),
    );
    out.push_str("<div class=\"counts\">\n");
    let gazetteer = crate::gazetteer::Gazetteer::bundled();
    let countries: Vec<String> = events
        .iter()
        .flat_map(|e| &e.countries)
        .map(|code| match gazetteer.country_name(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        })
        .collect();
    counts(out, "Countries", countries.iter());
    counts(
        out,
        "Companies and organisations",
        events.iter().flat_map(|e| &e.organizations),
    );
    out.push_str("</div>\n</section>\n");
}

fn counts<'a>(out: &mut String, heading: &str, names: impl Iterator<Item = &'a String>) {
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names {
        *tally.entry(name.as_str()).or_default() += 1;
    }
    let mut rows: Vec<(&str, usize)> = tally.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    line(
        out,
        format!(
            "<table class=\"tally\">\n<caption>{}</caption>\n<tr><th>Name</th><th>Events</th></tr>",
            escape(heading)
        ),
    );
    for (name, n) in rows {
        line(
            out,
            format!("<tr><td>{}</td><td>{n}</td></tr>", escape(name)),
        );
    }
    out.push_str("</table>\n");
}

fn figure(out: &mut String, caption: &str, png: &[u8]) {
    if !png.starts_with(&PNG_SIGNATURE) {
        line(
            out,
            format!(
                "<section class=\"slide\"><p>Image “{}” left out: not a PNG file.</p></section>",
                escape(caption)
            ),
        );
        return;
    }
    line(
        out,
        format!(
            "<section class=\"slide\">\n<figure>\n<img alt=\"{0}\" src=\"data:image/png;base64,{1}\">\n<figcaption>{0}</figcaption>\n</figure>\n</section>",
            escape(caption),
            BASE64.encode(png)
        ),
    );
}

fn date_label(event: &ExportEvent) -> String {
    event
        .date
        .map(|d| d.to_iso())
        .unwrap_or_else(|| "undated".into())
}

fn slide(out: &mut String, event: &ExportEvent) {
    line(
        out,
        format!(
            "<section class=\"slide event\">\n<p class=\"date\">{}</p>\n<h2>{}</h2>\n<dl>",
            escape(&date_label(event)),
            escape(&event.title)
        ),
    );
    let places: Vec<String> = event.places.iter().map(|p| p.name.clone()).collect();
    for (label, items) in [
        ("Kind", &vec![event.kind.as_str().to_string()]),
        ("Places", &places),
        ("Countries", &event.countries),
        ("Organisations", &event.organizations),
        ("People", &event.people),
    ] {
        if !items.is_empty() {
            line(
                out,
                format!("<dt>{label}</dt><dd>{}</dd>", escape(&items.join(", "))),
            );
        }
    }
    out.push_str("</dl>\n");
    if !event.evidence.is_empty() {
        line(
            out,
            format!("<blockquote>{}</blockquote>", escape(&event.evidence)),
        );
    }
    line(
        out,
        format!("<p class=\"source\">{}</p>\n</section>", source(event)),
    );
}

/// The source as escaped HTML: its name, a plain link to its URL (http/https only), its file.
fn source(event: &ExportEvent) -> String {
    let mut parts = Vec::new();
    if let Some(name) = &event.source {
        parts.push(escape(name));
    }
    if let Some(url) = event.url.as_deref() {
        if url.starts_with("https://") || url.starts_with("http://") {
            parts.push(format!(
                "<a href=\"{0}\" rel=\"noreferrer\">{0}</a>",
                escape(url)
            ));
        } else {
            parts.push(escape(url));
        }
    }
    parts.push(escape(super::file_name(&event.file)));
    parts.join(" · ")
}

fn table(out: &mut String, events: &[&ExportEvent]) {
    out.push_str(
        "<section class=\"events\">\n<h2>Events and sources</h2>\n<table>\n<thead><tr><th>Date</th><th>Event</th><th>Kind</th><th>Places</th><th>Actors</th><th>Source</th></tr></thead>\n<tbody>\n",
    );
    for event in events {
        let places: Vec<&str> = event.places.iter().map(|p| p.name.as_str()).collect();
        let actors: Vec<&str> = event
            .countries
            .iter()
            .chain(&event.organizations)
            .chain(&event.people)
            .map(String::as_str)
            .collect();
        line(
            out,
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"source\">{}</td></tr>",
                escape(&date_label(event)),
                escape(&event.title),
                escape(event.kind.as_str()),
                escape(&places.join(", ")),
                escape(&actors.join(", ")),
                source(event)
            ),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Appends one line of HTML.
fn line(out: &mut String, text: String) {
    out.push_str(&text);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::flatten;
    use crate::export::tests::awkward_brief;

    #[test]
    fn script_in_a_brief_is_escaped() {
        let events = flatten(&[awkward_brief()]);
        let html = html_pack(&events, "Deck <script>alert(1)</script>", &[]);
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("href=\"https://example.org/a?b=1&amp;c=2\""));
    }

    #[test]
    fn images_are_embedded_and_resources_are_local() {
        let events = flatten(&[awkward_brief()]);
        let png = [PNG_SIGNATURE.as_slice(), b"rest"].concat();
        let images = vec![
            ("Map \"all\"".to_string(), png),
            ("not png".to_string(), b"GIF89a".to_vec()),
        ];
        let html = html_pack(&events, "Deck", &images);
        assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgpyZXN0\""));
        assert!(html.contains("alt=\"Map &quot;all&quot;\""));
        assert!(html.contains("left out: not a PNG"));
        assert_eq!(html.matches("src=").count(), 1);
        assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("));
        assert_eq!(html.matches("<section class=\"slide event\">").count(), 5);
        assert!(
            html.contains("<td>Turkmenistan (TM)</td><td>2</td>"),
            "{html}"
        );
    }
}
