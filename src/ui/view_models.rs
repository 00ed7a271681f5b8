//! Gathers the map and timeline view models from the app state, cached: the heavy part is
//! rebuilt only when the state's `view_generation` changes; selection and hover only touch the
//! (few) map markers and two fields of the timeline model.

use std::collections::HashMap;

use crate::app::{AppState, EventKey, PlaceKey};
use crate::model::GeoPoint;

use super::map::{MapLink, MapMarker, MapViewModel};
use super::palette::slot_colour;
use super::timeline::{TimelineItem, TimelineViewModel};

#[derive(Default)]
struct MapBase {
    markers: Vec<MapMarker>,
    links: Vec<MapLink>,
    /// Place index (in the catalogue) of each marker.
    place_of_marker: Vec<u32>,
    /// Link index per (place, place) pair, for highlighting.
    link_of_pair: HashMap<(u32, u32), usize>,
}

/// Cached view models for the map and the timeline.
#[derive(Default)]
pub struct ViewModels {
    base_generation: Option<u64>,
    base: MapBase,
    flags_key: Option<(u64, Option<EventKey>, Option<EventKey>, Option<PlaceKey>)>,
    pub map: MapViewModel,
    timeline_generation: Option<u64>,
    pub timeline: TimelineViewModel,
}

impl ViewModels {
    /// Brings both view models up to date with `state`.
    pub fn refresh(&mut self, state: &AppState) {
        if self.base_generation != Some(state.view_generation) {
            self.base = build_map_base(state);
            self.base_generation = Some(state.view_generation);
            self.flags_key = None;
        }
        let flags_key = (state.view_generation, state.selection, state.hover.event, state.hover.place);
        if self.flags_key != Some(flags_key) {
            self.map = flag_map(&self.base, state);
            self.flags_key = Some(flags_key);
        }
        if self.timeline_generation != Some(state.view_generation) {
            self.timeline = build_timeline(state);
            self.timeline_generation = Some(state.view_generation);
        }
        self.timeline.selected = state.selection;
        self.timeline.hovered = state.hover.event;
        self.timeline.brush = state.brush;
    }

    /// Points of every marker (for "fit to events").
    pub fn marker_points(&self) -> Vec<GeoPoint> {
        self.map.markers.iter().map(|m| m.point).collect()
    }
}

fn build_map_base(state: &AppState) -> MapBase {
    let catalog = &state.catalog;
    let slots = &state.derived.colours.slot_of_row;
    let mut counts: HashMap<u32, (usize, [u32; 10])> = HashMap::new();
    let mut pairs: HashMap<(u32, u32), usize> = HashMap::new();
    for &ri in &state.derived.brushed {
        let row = &catalog.rows[ri as usize];
        let slot = slots.get(ri as usize).copied().unwrap_or(9) as usize;
        for &p in &row.places {
            let entry = counts.entry(p).or_insert((0, [0; 10]));
            entry.0 += 1;
            entry.1[slot.min(9)] += 1;
        }
        for w in row.places.windows(2) {
            let pair = (w[0].min(w[1]), w[0].max(w[1]));
            *pairs.entry(pair).or_insert(0) += 1;
        }
    }
    let mut places: Vec<(u32, (usize, [u32; 10]))> = counts.into_iter().collect();
    // Big markers first so that small ones are drawn on top.
    places.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut base = MapBase::default();
    for (pi, (count, slot_counts)) in places {
        let place = &catalog.places[pi as usize];
        let slot = slot_counts.iter().enumerate().max_by_key(|(i, n)| (**n, usize::MAX - i)).map_or(9, |(i, _)| i);
        base.markers.push(MapMarker {
            key: place.key,
            point: place.point,
            label: place.name.clone(),
            event_count: count,
            color: slot_colour(slot as u8),
            selected: false,
            hovered: false,
            route: place.route.clone(),
        });
        base.place_of_marker.push(pi);
    }
    let mut pairs: Vec<((u32, u32), usize)> = pairs.into_iter().collect();
    pairs.sort();
    for ((a, b), weight) in pairs {
        base.link_of_pair.insert((a, b), base.links.len());
        base.links.push(MapLink {
            from: catalog.places[a as usize].point,
            to: catalog.places[b as usize].point,
            weight,
            highlighted: false,
        });
    }
    base
}

fn flag_map(base: &MapBase, state: &AppState) -> MapViewModel {
    let catalog = &state.catalog;
    let selected_places: &[u32] = state.selection.and_then(|k| catalog.row(k)).map_or(&[], |r| &r.places);
    let hovered_places: &[u32] = state.hover.event.and_then(|k| catalog.row(k)).map_or(&[], |r| &r.places);
    let mut markers = base.markers.clone();
    for (m, &pi) in markers.iter_mut().zip(&base.place_of_marker) {
        m.selected = selected_places.contains(&pi);
        m.hovered = hovered_places.contains(&pi) || state.hover.place == Some(m.key);
    }
    let mut links = base.links.clone();
    for w in selected_places.windows(2) {
        if let Some(&li) = base.link_of_pair.get(&(w[0].min(w[1]), w[0].max(w[1]))) {
            links[li].highlighted = true;
        }
    }
    MapViewModel { markers, links, labels: Vec::new() }
}

fn build_timeline(state: &AppState) -> TimelineViewModel {
    let catalog = &state.catalog;
    let slots = &state.derived.colours.slot_of_row;
    let lanes = &state.derived.lanes.lane_of_row;
    let items = state
        .derived
        .filtered
        .visible
        .iter()
        .map(|&ri| {
            let row = &catalog.rows[ri as usize];
            TimelineItem {
                key: row.key,
                date: row.event.date,
                label: row.event.title.clone(),
                color: slot_colour(slots.get(ri as usize).copied().unwrap_or(9)),
                lane: lanes.get(ri as usize).copied().unwrap_or(0),
            }
        })
        .collect();
    TimelineViewModel {
        items,
        lanes: state.derived.lanes.labels.clone(),
        selected: state.selection,
        hovered: state.hover.event,
        brush: state.brush,
    }
}
