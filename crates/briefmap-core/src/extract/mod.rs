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

/// Extracts everything from one brief.
pub fn extract_brief(
    file: PathBuf,
    text: &str,
    publication: &Publication,
    gazetteer: &Gazetteer,
) -> Brief {
    pipeline::run(&document::Document::new(text, publication, gazetteer), file)
}

/// A point for a brief when it names no place: the first country's label point.
pub fn fallback_point(brief: &Brief, gazetteer: &Gazetteer) -> Option<GeoPoint> {
    brief
        .countries
        .first()
        .and_then(|c| gazetteer.country_by_code(&c.code))
        .map(|c| c.point)
}
