//! Map geometry for the offline basemap, UI-free: TopoJSON decoding, Web-Mercator maths,
//! the triangulated country basemap, marker clustering, label collision and view fitting.
//! Nothing here depends on the UI crates; the map widget in `ui::map` only projects and paints.

pub mod basemap;
pub mod choropleth;
pub mod cluster;
pub mod iso3166;
pub mod label_layout;
pub mod mercator;
pub mod polygon;
pub mod topojson;
pub mod view;

use thiserror::Error;

/// What can go wrong while building map geometry from data.
#[derive(Debug, Error)]
pub enum GeoError {
    #[error("TopoJSON is not valid JSON or has an unexpected shape: {0}")]
    Json(#[from] serde_json::Error),
    #[error("TopoJSON has no object named {0:?}")]
    MissingObject(String),
    #[error("TopoJSON refers to arc {index}, but only {count} arcs exist")]
    BadArcIndex { index: i64, count: usize },
    #[error("TopoJSON position has fewer than two coordinates")]
    ShortPosition,
}
