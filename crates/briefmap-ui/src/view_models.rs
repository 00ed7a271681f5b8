//! Gathers the map and timeline view models from the app state, cached: the heavy part is
//! rebuilt only when the state's `view_generation` changes; selection and hover only touch the
//! (few) map markers and two fields of the timeline model.

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::sync::Arc;

use briefmap_core::app::{AppState, EventKey, Facet, PlaceKey};
use briefmap_core::model::GeoPoint;

use super::map::{MapLabel, MapLink, MapMarker, MapViewModel};
use super::palette::slot_colour;
use super::timeline::{TimelineItem, TimelineViewModel};

#[derive(Default)]
struct MapBase {
    markers: Vec<MapMarker>,
    links: Vec<MapLink>,
    /// Place index (in the catalogue) of each marker.
    place_of_marker: Vec<u32>,
    /// Link index per set of places, for highlighting the selected event's link.
    link_of_places: HashMap<Vec<u32>, usize>,
    country_event_counts: Vec<(String, u32)>,
}

/// What the selected/hovered flags of the map markers depend on.
type FlagsKey = (u64, Option<EventKey>, Option<EventKey>, Option<PlaceKey>);

/// Cached view models for the map and the timeline.
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

/// Cities the map may label (from the gazetteer; computed once).
fn city_labels() -> Arc<Vec<MapLabel>> {
    let labels = briefmap_core::gazetteer::Gazetteer::bundled()
        .city_labels(100_000)
        .into_iter()
        .map(|(name, point, population)| MapLabel {
            name,
            point,
            population,
        })
        .collect();
    Arc::new(labels)
}

impl ViewModels {
    /// Brings both view models up to date with `state`.
    pub fn refresh(&mut self, state: &AppState, pick_mode: bool) {
        // City names come from the gazetteer, which the loader thread builds: never wait for
        // it on the UI thread; label cities from the first frame after it is ready.
        if self.city_labels.is_none()
            && briefmap_core::gazetteer::Gazetteer::bundled_if_ready().is_some()
        {
            self.city_labels = Some(city_labels());
            self.flags_key = None;
        }
        let cities = self.city_labels.clone().unwrap_or_default();
        if self.base_generation != Some(state.view_generation) {
            self.base = build_map_base(state);
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
            self.map = flag_map(&self.base, state);
            self.map.city_labels = cities;
            self.flags_key = Some(flags_key);
        }
        self.map.pick_mode = pick_mode;
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

/// Rows per parallel chunk when tallying the map's markers, links and countries.
const TALLY_CHUNK: usize = 32 * 1024;

/// What the map counts over the shown events.
#[derive(Default)]
struct Tally<'a> {
    /// Events per place, in all and per colour slot, indexed by place.
    counts: Vec<(u32, [u32; 10])>,
    /// Distinct sets of two or more places of one event.
    link_sets: FxHashSet<&'a [u32]>,
    /// Events per country, by the facet index's country id.
    countries: Vec<u32>,
}

impl<'a> Tally<'a> {
    fn of_rows(state: &'a AppState, rows: &[u32]) -> Self {
        let catalog = &state.catalog;
        let slots = &state.derived.colours.slot_of_row;
        let mut tally = Tally {
            counts: vec![(0, [0; 10]); catalog.places.len()],
            countries: vec![0; catalog.facet_index.values(Facet::Country).len()],
            ..Tally::default()
        };
        for &ri in rows {
            let row = &catalog.rows[ri as usize];
            let slot = slots.get(ri as usize).copied().unwrap_or(9) as usize;
            for &p in &row.places {
                if let Some(entry) = tally.counts.get_mut(p as usize) {
                    entry.0 += 1;
                    entry.1[slot.min(9)] += 1;
                }
            }
            if row.places.len() >= 2 {
                tally.link_sets.insert(&row.places);
            }
            for &c in catalog.facet_index.ids(ri as usize, Facet::Country) {
                tally.countries[c as usize] += 1;
            }
        }
        tally
    }

    fn merge(mut self, other: Self) -> Self {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            mine.0 += theirs.0;
            for (m, t) in mine.1.iter_mut().zip(&theirs.1) {
                *m += t;
            }
        }
        self.link_sets.extend(other.link_sets);
        for (mine, theirs) in self.countries.iter_mut().zip(&other.countries) {
            *mine += theirs;
        }
        self
    }
}

fn build_map_base(state: &AppState) -> MapBase {
    build_map_base_in_chunks(state, TALLY_CHUNK)
}

fn build_map_base_in_chunks(state: &AppState, chunk_rows: usize) -> MapBase {
    let catalog = &state.catalog;
    let Tally {
        counts,
        link_sets,
        countries,
    } = state
        .derived
        .brushed
        .par_chunks(chunk_rows.max(1))
        .map(|rows| Tally::of_rows(state, rows))
        .reduce_with(Tally::merge)
        .unwrap_or_default();
    let mut places: Vec<(u32, (u32, [u32; 10]))> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .map(|(pi, c)| (pi as u32, c))
        .collect();
    // Big markers first so that small ones are drawn on top.
    places.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut base = MapBase::default();
    for (pi, (count, slot_counts)) in places {
        let place = &catalog.places[pi as usize];
        let slot = slot_counts
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, usize::MAX - i))
            .map_or(9, |(i, _)| i);
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
    let mut sets: Vec<&[u32]> = link_sets.into_iter().collect();
    sets.sort();
    for set in sets {
        base.link_of_places.insert(set.to_vec(), base.links.len());
        base.links.push(MapLink {
            points: set
                .iter()
                .map(|&p| catalog.places[p as usize].point)
                .collect(),
            selected: false,
        });
    }
    let codes = catalog.facet_index.values(Facet::Country);
    let mut countries: Vec<(String, u32)> = countries
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .filter_map(|(id, n)| Some((codes.get(id)?.clone(), n)))
        .collect();
    countries.sort();
    base.country_event_counts = countries;
    base
}

fn flag_map(base: &MapBase, state: &AppState) -> MapViewModel {
    let catalog = &state.catalog;
    let selected_places: &[u32] = state
        .selection
        .and_then(|k| catalog.row(k))
        .map_or(&[], |r| &r.places);
    let hovered_places: &[u32] = state
        .hover
        .event
        .and_then(|k| catalog.row(k))
        .map_or(&[], |r| &r.places);
    let mut markers = base.markers.clone();
    for (m, &pi) in markers.iter_mut().zip(&base.place_of_marker) {
        m.selected = selected_places.contains(&pi);
        m.hovered = hovered_places.contains(&pi) || state.hover.place == Some(m.key);
    }
    let mut links = base.links.clone();
    if let Some(&li) = base.link_of_places.get(selected_places) {
        links[li].selected = true;
    }
    MapViewModel {
        markers,
        links,
        country_event_counts: base.country_event_counts.clone(),
        city_labels: Arc::default(),
        pick_mode: false,
    }
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
                label: row.title.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use briefmap_core::app::state::{LoadedData, Settings};
    use briefmap_core::app::{Command, synthetic};

    #[test]
    fn chunked_map_tallies_match_one_pass() {
        let mut state = AppState::new(Settings::default(), vec![]);
        state.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(600, 5),
                problems: vec![],
            },
            replace: true,
        });
        let whole = build_map_base_in_chunks(&state, usize::MAX);
        assert!(!whole.markers.is_empty() && !whole.links.is_empty());
        let total: u32 = whole.markers.iter().map(|m| m.event_count).sum();
        let expected: usize = state
            .derived
            .brushed
            .iter()
            .map(|&ri| state.catalog.rows[ri as usize].places.len())
            .sum();
        assert_eq!(
            total as usize, expected,
            "each event counted once per place"
        );
        // Events per country, counted the obvious way.
        let mut by_country: std::collections::BTreeMap<String, u32> = Default::default();
        for &ri in &state.derived.brushed {
            let mut countries = state.catalog.rows[ri as usize].event.countries.clone();
            countries.sort();
            countries.dedup();
            for c in countries {
                *by_country.entry(c).or_insert(0) += 1;
            }
        }
        let expected: Vec<(String, u32)> = by_country.into_iter().collect();
        assert!(!expected.is_empty());
        assert_eq!(whole.country_event_counts, expected);
        for chunk in [1, 9, 100] {
            let chunked = build_map_base_in_chunks(&state, chunk);
            assert_eq!(chunked.markers, whole.markers, "chunks of {chunk}");
            assert_eq!(chunked.links, whole.links);
            assert_eq!(chunked.country_event_counts, whole.country_event_counts);
        }
    }
}
