//! Extraction: from a brief's raw text (and what its sidecar says of its publication) to its
//! language, story, places, countries, organisations, people and events, each with evidence.
//! Deterministic: dates are resolved against the publication date, never the clock.
//!
//! A pipeline of stages (`pipeline`): the `document` (layout, tokens, sentences), then name
//! mentions, organisations, countries, people, places and routes, dates, events and titles,
//! each stage in a module of its own; language knowledge comes from `crate::lexicon`.

mod countries;
pub mod dates;
mod document;
pub mod events;
mod main_event;
pub mod names;
mod organizations;
pub mod orgs;
pub mod people;
mod pipeline;
mod places;
pub mod routes;
mod source;
mod title;

use std::path::PathBuf;

use crate::gazetteer::Gazetteer;
use crate::model::{Brief, GeoPoint, Publication};

/// Text past this many bytes is not searched for events (a news brief is a few kilobytes;
/// this is about 40,000 words). It bounds the time one brief can take whatever it holds: the
/// most degenerate text measured takes about 0.3 s at this size on one core here.
pub const MAX_EXTRACTED_BYTES: usize = 256 * 1024;

/// Extracts everything from one brief. A text longer than `MAX_EXTRACTED_BYTES` is kept
/// whole (shown and searchable), but events are found in its first part only — cut at a line
/// or a space — and the brief says so among its problems.
pub fn extract_brief(
    file: PathBuf,
    text: &str,
    publication: &Publication,
    gazetteer: &Gazetteer,
) -> Brief {
    let head = extracted_part(text);
    let mut brief = pipeline::run(&document::Document::new(head, publication, gazetteer), file);
    if head.len() < text.len() {
        brief.text = std::sync::Arc::from(text);
        brief.problems.push(format!(
            "only the first {} KiB of its {} KiB were searched for events (a brief is read \
             up to {} KiB)",
            head.len() / 1024,
            text.len().div_ceil(1024),
            MAX_EXTRACTED_BYTES / 1024
        ));
    }
    brief
}

/// The part of `text` extraction reads: all of it, or its first `MAX_EXTRACTED_BYTES` cut
/// after the last line break (else space) in their second half.
fn extracted_part(text: &str) -> &str {
    if text.len() <= MAX_EXTRACTED_BYTES {
        return text;
    }
    let mut end = MAX_EXTRACTED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let half = MAX_EXTRACTED_BYTES / 2;
    let cut = head
        .rfind('\n')
        .filter(|&i| i > half)
        .or_else(|| head.rfind(char::is_whitespace).filter(|&i| i > half))
        .unwrap_or(end);
    &text[..cut]
}

/// A point for a brief when it names no place: the first country's label point.
pub fn fallback_point(brief: &Brief, gazetteer: &Gazetteer) -> Option<GeoPoint> {
    brief
        .countries
        .first()
        .and_then(|c| gazetteer.country_by_code(&c.code))
        .map(|c| c.point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_brief_is_kept_whole_but_searched_for_events_in_its_first_part() {
        let lead = "Ashgabat, 3 June 2024 — Turkmenistan and Kazakhstan signed a gas agreement \
                    in Ashgabat on Monday.\n";
        let filler = "Les discussions se poursuivent. ".repeat(MAX_EXTRACTED_BYTES / 32 + 10);
        let text = format!("{lead}{filler}\nBaku hosted talks on Tuesday.\n");
        let publication = Publication {
            published: crate::model::DateRange::parse_iso("2024-06-05"),
            ..Publication::default()
        };
        let brief = extract_brief(
            PathBuf::from("huge.txt"),
            &text,
            &publication,
            Gazetteer::bundled(),
        );
        assert_eq!(&*brief.text, text.as_str(), "the text is kept whole");
        let places: Vec<&str> = brief.places.iter().map(|p| p.name.as_str()).collect();
        assert!(places.contains(&"Ashgabat"), "{places:?}");
        assert!(!places.contains(&"Baku"), "past the cut: {places:?}");
        assert!(
            brief
                .problems
                .iter()
                .any(|p| p.starts_with("only the first 255 KiB of its")),
            "{:?}",
            brief.problems
        );
        // Cut at a space, never inside a word or a character.
        let head = extracted_part(&text);
        assert!(
            text[head.len()..].starts_with(' ') && !head.ends_with(' '),
            "{:?}",
            &head[head.len() - 20..]
        );
    }

    #[test]
    fn a_brief_of_ordinary_length_is_read_whole() {
        let text = "Ankara — Türkiye ile Azerbaycan arasında yeni bir anlaşma imzalandı.";
        assert_eq!(extracted_part(text), text);
        let cyrillic = "Ашхабад ".repeat(MAX_EXTRACTED_BYTES / 15 + 1);
        let head = extracted_part(&cyrillic);
        assert!(head.len() <= MAX_EXTRACTED_BYTES && head.ends_with("Ашхабад"));
    }
}
