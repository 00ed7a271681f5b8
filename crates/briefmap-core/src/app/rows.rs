//! The catalogue's rows: a loaded brief with its corrections, a place events refer to, and one
//! event as every view sees it. Plain data, below the catalogue, the facet index and the
//! filter that build and read it.

use super::corrections::{Corrections, Origin};
use super::keys::{EventKey, PlaceKey};
use crate::model::{Brief, Event, GeoPoint, PlaceKind};
use crate::sources::sidecar::SidecarVersion;

/// The start of the reason given when a sidecar's corrections could not be read.
pub const NOT_APPLIED: &str = "corrections not applied, file left untouched";
/// The start of the reason given when a brief's corrections could not be saved.
pub const NOT_SAVED: &str = "corrections not saved";

/// Whether the app may write this brief's corrections back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionsStatus {
    /// Saved as they are (or nothing to save yet).
    Writable,
    /// The sidecar could not be read or parsed, or the last save was refused (the file could
    /// not be written, or was changed outside briefmap in the same corrections): the file is
    /// left untouched and edits are kept in memory. Each later edit reads the file again and
    /// saves if it now can, so a sidecar fixed on disk becomes writable without a restart.
    Unsaved(String),
    /// Never saved (two briefs share one sidecar): edits are refused.
    ReadOnly(String),
}

/// A brief's corrections as its sidecar held them when last read or written, with the
/// sidecar's version: what a save compares the file with, and merges against.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskCorrections {
    pub corrections: Corrections,
    pub version: SidecarVersion,
}

impl DiskCorrections {
    /// No sidecar, so no corrections.
    pub fn absent() -> Self {
        Self {
            corrections: Corrections::default(),
            version: SidecarVersion::Absent,
        }
    }
}

/// One brief as loaded, with the corrections read from its sidecar.
#[derive(Debug, Clone)]
pub struct LoadedBrief {
    pub brief: Brief,
    pub corrections: Corrections,
    pub status: CorrectionsStatus,
    /// What the sidecar held when last read or written; `None` when it could not be read.
    pub on_disk: Option<DiskCorrections>,
}

impl LoadedBrief {
    /// A brief with no sidecar.
    pub fn new(brief: Brief) -> Self {
        Self {
            brief,
            corrections: Corrections::default(),
            status: CorrectionsStatus::Writable,
            on_disk: Some(DiskCorrections::absent()),
        }
    }
}

/// A place events refer to, shared by all briefs that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    pub key: PlaceKey,
    pub name: String,
    pub point: GeoPoint,
    pub country: Option<String>,
    pub kind: PlaceKind,
    pub route: Vec<GeoPoint>,
}

/// One event (after corrections) as every view sees it.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub key: EventKey,
    /// Index into `Catalog::briefs`.
    pub brief: u32,
    pub origin: Origin,
    pub event: Event,
    pub reviewed: bool,
    pub corrected: bool,
    /// Indices into `Catalog::places`, in the event's order.
    pub places: Vec<u32>,
    /// `2025-03-21`, `2024-10`, `2024`, `2024-10-03/2024-10-05` or `undated`.
    pub date_label: String,
    /// Lower-case text searched by the free-text filter.
    pub search_text: String,
    /// The event's title, shared with the views (cheap to hand to a million timeline items).
    pub title: std::sync::Arc<str>,
}
