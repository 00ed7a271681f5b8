//! What the catalogue is made from: a loaded brief with its corrections, and a place events
//! refer to. Plain data, below the catalogue that builds on it.

use super::corrections::Corrections;
use super::keys::PlaceKey;
use crate::model::{Brief, GeoPoint, PlaceKind};
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
