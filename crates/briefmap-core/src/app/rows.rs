//! What the catalogue is made from: a loaded brief with its corrections, and a place events
//! refer to. Plain data, below the catalogue that builds on it.

use super::corrections::Corrections;
use super::keys::PlaceKey;
use crate::model::{Brief, GeoPoint, PlaceKind};

/// Whether the app may write this brief's corrections back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionsStatus {
    Writable,
    /// The sidecar (or its corrections) could not be read: the app will not overwrite it.
    ReadOnly(String),
}

/// One brief as loaded, with the corrections read from its sidecar.
#[derive(Debug, Clone)]
pub struct LoadedBrief {
    pub brief: Brief,
    pub corrections: Corrections,
    pub status: CorrectionsStatus,
}

impl LoadedBrief {
    pub fn new(brief: Brief) -> Self {
        Self {
            brief,
            corrections: Corrections::default(),
            status: CorrectionsStatus::Writable,
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
