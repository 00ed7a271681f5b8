//! Titles fit for a briefing: the brief's own headline when it has one (the sidecar's title,
//! else its headline line, never furniture), else a short title built from the event itself —
//! its kind, place and actors ("Meeting in Ashgabat: QazaqGaz and Türkmengaz"), at most
//! `MAX_TITLE_CHARS`, never a cut sentence, a timestamp, a disclaimer or a dateline.

use std::path::Path;

use crate::gazetteer::Gazetteer;
use crate::model::{Event, EventKind, Place, PlaceKind};

use super::document::Document;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;

/// The brief's title: its headline, its main event's, or its file name.
pub(super) fn brief_title(doc: &Document<'_>, events: &[Event], file: &Path) -> String {
    headline(doc)
        .or_else(|| events.iter().find(|e| e.main).map(|e| e.title.clone()))
        .unwrap_or_else(|| {
            file.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
}

/// The brief's own headline: the sidecar's title, else the headline line of the text, when it
/// fits on a slide whole.
pub(super) fn headline(doc: &Document<'_>) -> Option<String> {
    let fits = |t: &str| {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = t.trim_end_matches('.').trim().to_string();
        (!t.is_empty() && t.chars().count() <= MAX_TITLE_CHARS).then_some(t)
    };
    doc.publication
        .title
        .as_deref()
        .and_then(fits)
        .or_else(|| doc.layout.title.and_then(|t| fits(t.slice(doc.text))))
}

/// What a built title is made of.
pub(super) struct TitleParts<'e> {
    pub kind: EventKind,
    /// The event's places, by name.
    pub places: &'e [String],
    /// Every place of the brief (for their kinds).
    pub all_places: &'e [Place],
    pub countries: &'e [String],
    pub organizations: &'e [String],
    pub people: &'e [String],
    pub gazetteer: &'e Gazetteer,
}

/// How a title names an event of a kind.
fn kind_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting => "Meeting",
        EventKind::Visit => "Visit",
        EventKind::Talks => "Talks",
        EventKind::Agreement => "Agreement",
        EventKind::Statement => "Statement",
        EventKind::Vote => "Vote",
        EventKind::Ban => "Ban",
        EventKind::Record => "Record",
        EventKind::Deal => "Deal",
        EventKind::Launch => "Launch",
        EventKind::Construction => "Construction",
        EventKind::Supply => "Supplies",
        EventKind::Investment => "Investment",
        EventKind::Appointment => "Appointment",
        EventKind::Accident => "Accident",
        EventKind::Sanction => "Sanctions",
        EventKind::Price => "Prices",
        EventKind::Court => "Court case",
        EventKind::Tender => "Tender",
        EventKind::Other => "Report",
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A title built from the event: "Meeting in Ashgabat: QazaqGaz and Türkmengaz", "Visit to
/// Astana: Olaf Scholz", "Accident at Tengiz field", "Sanctions: Lukoil and Rosneft".
pub(super) fn event_title(parts: &TitleParts<'_>) -> String {
    let label = kind_label(parts.kind);
    let place = parts.places.first().map(|name| {
        let site = parts
            .all_places
            .iter()
            .find(|p| &p.name == name)
            .is_some_and(|p| {
                !matches!(
                    p.kind,
                    PlaceKind::City | PlaceKind::Capital | PlaceKind::Other
                )
            });
        let preposition = match parts.kind {
            EventKind::Visit => "to",
            _ if site => "at",
            _ => "in",
        };
        format!("{preposition} {name}")
    });
    let country_names: Vec<&str> = parts
        .countries
        .iter()
        .map(|c| parts.gazetteer.country_name(c).unwrap_or(c))
        .collect();
    let head = match (&place, country_names.as_slice()) {
        (Some(place), _) => format!("{label} {place}"),
        (None, [one]) => format!("{label} in {one}"),
        _ => label.to_string(),
    };
    // Actors: organisations first, then people; countries when there are none.
    let mut actors: Vec<&str> = parts
        .organizations
        .iter()
        .chain(parts.people)
        .map(String::as_str)
        .collect();
    if actors.is_empty() && (place.is_some() || country_names.len() > 1) {
        actors = country_names;
    }
    let mut title = head.clone();
    for n in (1..=actors.len().min(3)).rev() {
        let candidate = format!("{head}: {}", and_list(&actors[..n]));
        if candidate.chars().count() <= MAX_TITLE_CHARS {
            title = candidate;
            break;
        }
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        // A place name of a hundred characters: the kind alone says it.
        title = label.to_string();
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GeoPoint, PlaceRole};

    fn place(name: &str, kind: PlaceKind) -> Place {
        Place {
            name: name.into(),
            point: GeoPoint::new(40.0, 50.0),
            country: None,
            kind,
            role: PlaceRole::Event,
            mentions: vec![],
            route: vec![],
        }
    }

    fn title(kind: EventKind, places: &[&str], orgs: &[&str], people: &[&str]) -> String {
        let all = [
            place("Ashgabat", PlaceKind::Capital),
            place("Tengiz field", PlaceKind::OilField),
        ];
        let places: Vec<String> = places.iter().map(|s| s.to_string()).collect();
        let orgs: Vec<String> = orgs.iter().map(|s| s.to_string()).collect();
        let people: Vec<String> = people.iter().map(|s| s.to_string()).collect();
        event_title(&TitleParts {
            kind,
            places: &places,
            all_places: &all,
            countries: &["KZ".into()],
            organizations: &orgs,
            people: &people,
            gazetteer: Gazetteer::bundled(),
        })
    }

    #[test]
    fn titles_say_what_where_and_who() {
        assert_eq!(
            title(
                EventKind::Meeting,
                &["Ashgabat"],
                &["QazaqGaz", "Türkmengaz"],
                &[]
            ),
            "Meeting in Ashgabat: QazaqGaz and Türkmengaz"
        );
        assert_eq!(
            title(EventKind::Accident, &["Tengiz field"], &[], &[]),
            "Accident at Tengiz field: Kazakhstan"
        );
        assert_eq!(
            title(
                EventKind::Visit,
                &["Ashgabat"],
                &[],
                &["Kassym-Jomart Tokayev"]
            ),
            "Visit to Ashgabat: Kassym-Jomart Tokayev"
        );
        assert_eq!(
            title(EventKind::Sanction, &[], &["Lukoil", "Rosneft"], &[]),
            "Sanctions in Kazakhstan: Lukoil and Rosneft"
        );
    }

    #[test]
    fn long_titles_drop_actors_never_end_cut() {
        let long = "An Organisation With A Very Long Official Name That Goes On And On";
        let t = title(
            EventKind::Agreement,
            &["Ashgabat"],
            &[long, long, long],
            &[],
        );
        assert!(t.chars().count() <= MAX_TITLE_CHARS, "{t}");
        assert!(!t.ends_with('…'));
        assert!(t.starts_with("Agreement in Ashgabat"));
    }
}
