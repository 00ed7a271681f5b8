//! The core APIs the GUI uses (loading, sidecars, gazetteer), gathered in one place.

use crate::gazetteer::Gazetteer;
use crate::model::GeoPoint;

pub use crate::gazetteer::GazetteerHit;
pub use crate::sources::sidecar::{
    SidecarError, read_sidecar_field, sidecar_path, update_sidecar_field,
};
pub use crate::sources::{Dataset, LoadProgress, brief_from_text, load_paths};

/// Places whose names match what the user typed (for the edit form).
pub fn gazetteer_search(query: &str, limit: usize) -> Vec<GazetteerHit> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    Gazetteer::bundled().search(query, limit)
}

/// The gazetteer place nearest to a point clicked on the map, if within `max_km`.
pub fn gazetteer_nearest(point: GeoPoint, max_km: f64) -> Option<GazetteerHit> {
    Gazetteer::bundled().nearest(point, max_km)
}

/// English name of an ISO country code.
pub fn country_name(code: &str) -> Option<&'static str> {
    Gazetteer::bundled().country_name(code)
}
