//! View gathers: the plain view models the map, the timeline and the slides draw, computed
//! from the session state in the core and shared by the main window, the presentation and the
//! exports. Colours are slots (`app::colour`), never actual colours. `ViewModels` caches them:
//! the heavy part is rebuilt only when the state's `view_generation` changes; selection and
//! hover only touch the map's flags and two fields of the timeline model.

pub mod map;
pub mod slides;
pub mod timeline;

use std::sync::Arc;

use crate::app::{AppState, EventKey, PlaceKey};
use crate::model::GeoPoint;

use map::{MAIN_MAP_MIN_POPULATION, MapBase, MapLabel, MapViewModel, city_labels};
use timeline::TimelineViewModel;

/// What the map markers' selected/hovered flags depend on.
type FlagsKey = (u64, Option<EventKey>, Option<EventKey>, Option<PlaceKey>);

/// Cached view models for the main window's map and timeline.
#[derive(Default)]
pub struct ViewModels {
    base_generation: Option<u64>,
    base: MapBase,
    flags_key: Option<FlagsKey>,
    pub map: MapViewModel,
    timeline_generation: Option<u64>,
    pub timeline: TimelineViewModel,
    city_labels: Option<Arc<Vec<MapLabel>>>,
}

impl ViewModels {
    /// Brings both view models up to date with `state`.
    pub fn refresh(&mut self, state: &AppState, pick_mode: bool) {
        // City names come from the gazetteer, which the loader thread builds: never wait for
        // it; label cities from the first refresh after it is ready.
        if self.city_labels.is_none()
            && let Some(labels) = city_labels(MAIN_MAP_MIN_POPULATION)
        {
            self.city_labels = Some(labels);
            self.flags_key = None;
        }
        if self.base_generation != Some(state.view_generation) {
            self.base = MapBase::gather(state);
            self.base_generation = Some(state.view_generation);
            self.flags_key = None;
        }
        let flags_key = (
            state.view_generation,
            state.selection,
            state.hover.event,
            state.hover.place,
        );
        if self.flags_key != Some(flags_key) {
            self.map = self
                .base
                .flagged(state, self.city_labels.clone().unwrap_or_default());
            self.flags_key = Some(flags_key);
        }
        self.map.pick_mode = pick_mode;
        if self.timeline_generation != Some(state.view_generation) {
            self.timeline.gather_again(state);
            self.timeline_generation = Some(state.view_generation);
        }
        self.timeline.refresh_flags(state);
    }

    /// Points of every marker (for "fit to events").
    pub fn marker_points(&self) -> Vec<GeoPoint> {
        self.map.markers.iter().map(|m| m.point).collect()
    }
}
