//! The map's layers above the basemap, one walkers plugin each, in painting order: marker
//! placement (paints nothing), big countries' names, city names, small countries' names,
//! event links and routes, markers (with hover and click), marker labels. The label budget —
//! one `LabelLayout` — goes from layer to layer in a shared `Frame`, so the layers that place
//! first (markers and their names) keep their places and later ones fit around them.

mod city_labels;
mod country_labels;
mod links;
mod marker_labels;
mod marker_placement;
mod markers;

use std::cell::RefCell;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect};

use super::markers::MarkerGroup;
use briefmap_core::geo::label_layout::{LabelLayout, ScreenRect};

pub use city_labels::CityLabelsLayer;
pub use country_labels::{BIG_COUNTRY_SIDE_PX, CountryLabelsLayer};
pub use links::LinksLayer;
pub use marker_labels::MarkerLabelsLayer;
pub use marker_placement::MarkerPlacementLayer;
pub use markers::{MarkersLayer, OverlayOutput};

/// What the layers of one frame share: the marker groups on screen, the space taken by
/// labels so far, and the marker labels (placed first, painted last).
pub struct Frame {
    visible: Vec<VisibleGroup>,
    labels: LabelLayout,
    marker_labels: Vec<PlacedLabel>,
}

/// Cell size of the label layout's grid, in points.
const LABEL_GRID_PX: f32 = 64.0;

impl Default for Frame {
    fn default() -> Self {
        Self {
            visible: Vec::new(),
            labels: LabelLayout::new(LABEL_GRID_PX),
            marker_labels: Vec::new(),
        }
    }
}

/// The shared frame, filled by `MarkerPlacementLayer` and read by the layers after it.
pub type SharedFrame = RefCell<Frame>;

/// A marker group on screen this frame.
struct VisibleGroup {
    /// Index into the marker cache's groups.
    group: usize,
    pos: Pos2,
    radius: f32,
    selected: bool,
    hovered: bool,
}

impl VisibleGroup {
    fn of<'a>(&self, groups: &'a [MarkerGroup]) -> &'a MarkerGroup {
        &groups[self.group]
    }
}

struct PlacedLabel {
    pos: Pos2,
    galley: Arc<Galley>,
}

fn circle_rect(center: Pos2, radius: f32) -> ScreenRect {
    ScreenRect::from_center_size([center.x, center.y], [radius * 2.0, radius * 2.0])
}

fn screen_rect(rect: Rect) -> ScreenRect {
    ScreenRect {
        min_x: rect.min.x,
        min_y: rect.min.y,
        max_x: rect.max.x,
        max_y: rect.max.y,
    }
}
