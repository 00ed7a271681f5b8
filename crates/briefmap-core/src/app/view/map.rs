//! The map's view model, gathered from the session state: one marker per place of the shown
//! events (sized by their number, coloured by the slot most of them have), a link per set of
//! places of one event, events per country for the choropleth, and the city labels. Colours
//! are slots; the UI picks the actual colours.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::app::colour::{COLOUR_SLOTS, OTHER_SLOT};
use crate::app::store::ListColumn;
use crate::app::{AppState, PlaceKey};
use crate::gazetteer::Gazetteer;
use crate::model::GeoPoint;

/// A place to mark on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapMarker {
    pub key: PlaceKey,
    pub point: GeoPoint,
    pub label: String,
    /// Number of (filtered) events at this place; sets the marker's size.
    pub event_count: u32,
    /// Colour slot (see `app::colour`).
    pub slot: u8,
    pub selected: bool,
    pub hovered: bool,
    /// Waypoints of a route (pipeline, railway) drawn as a line; empty for a plain place.
    pub route: Vec<GeoPoint>,
}

/// A line linking the places of one event.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLink {
    pub points: Vec<GeoPoint>,
    pub selected: bool,
}

/// A city name to show at suitable zoom levels (bigger cities first).
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    pub name: String,
    pub point: GeoPoint,
    pub population: u64,
}

/// What the map shows this frame.
#[derive(Clone, Debug, Default)]
pub struct MapViewModel {
    pub markers: Vec<MapMarker>,
    pub links: Vec<MapLink>,
    /// Events per country (ISO 3166-1 alpha-2, upper case) for the choropleth.
    pub country_event_counts: Vec<(String, u32)>,
    /// City labels; keep the same `Arc` between frames (its order is cached by pointer).
    pub city_labels: Arc<Vec<MapLabel>>,
    /// When true, a click on the map answers `PickPoint` (e.g. to correct an event's place).
    pub pick_mode: bool,
}

/// Smallest city the main window labels.
pub const MAIN_MAP_MIN_POPULATION: u64 = 100_000;
/// Smallest city a presentation labels: a projector needs a calm background.
pub const SLIDE_MAP_MIN_POPULATION: u64 = 300_000;

/// The cities of at least `min_population` the map may label, from the bundled gazetteer;
/// `None` while the gazetteer is still being built (never blocks: for the UI thread). Each
/// list is made once and shared.
pub fn city_labels(min_population: u64) -> Option<Arc<Vec<MapLabel>>> {
    static MAIN: OnceLock<Arc<Vec<MapLabel>>> = OnceLock::new();
    static SLIDES: OnceLock<Arc<Vec<MapLabel>>> = OnceLock::new();
    let gazetteer = Gazetteer::bundled_if_ready()?;
    let make = || {
        Arc::new(
            gazetteer
                .city_labels(min_population)
                .into_iter()
                .map(|(name, point, population)| MapLabel {
                    name,
                    point,
                    population,
                })
                .collect(),
        )
    };
    Some(match min_population {
        MAIN_MAP_MIN_POPULATION => MAIN.get_or_init(make).clone(),
        SLIDE_MAP_MIN_POPULATION => SLIDES.get_or_init(make).clone(),
        _ => make(),
    })
}

/// The part of the map model that depends on the shown events only (not on selection/hover).
#[derive(Debug, Default, Clone)]
pub struct MapBase {
    pub markers: Vec<MapMarker>,
    pub links: Vec<MapLink>,
    /// Place index (in the catalogue) of each marker.
    place_of_marker: Vec<u32>,
    /// Link index per set of places, for highlighting the selected event's link.
    link_of_places: HashMap<Vec<u32>, usize>,
    pub country_event_counts: Vec<(String, u32)>,
}

impl MapBase {
    /// Markers, links and country counts of the shown (filtered and brushed) events, from
    /// the state's map tally (kept up to date as the shown events change).
    pub fn gather(state: &AppState) -> Self {
        let catalog = &state.catalog;
        let tally = &state.derived.tally;
        let mut places: Vec<(u32, (u32, [u32; COLOUR_SLOTS]))> = tally
            .places
            .iter()
            .enumerate()
            .filter(|(_, c)| c.0 > 0)
            .map(|(pi, c)| (pi as u32, *c))
            .collect();
        // Big markers first so that small ones are drawn on top.
        places.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
        let mut base = MapBase::default();
        for (pi, (count, slot_counts)) in places {
            let Some(place) = catalog.places.get(pi as usize) else {
                continue;
            };
            let slot = slot_counts
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| (**n, usize::MAX - i))
                .map_or(OTHER_SLOT, |(i, _)| i as u8);
            base.markers.push(MapMarker {
                key: place.key,
                point: place.point,
                label: place.name.clone(),
                event_count: count,
                slot,
                selected: false,
                hovered: false,
                route: place.route.clone(),
            });
            base.place_of_marker.push(pi);
        }
        let mut sets: Vec<&[u32]> = tally
            .links
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(id, _)| catalog.links.sets.get(id).map(Vec::as_slice))
            .collect();
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
        let codes = catalog.store.values(ListColumn::Country);
        let mut countries: Vec<(String, u32)> = tally
            .countries
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(id, &n)| (codes.get(id as u32).to_string(), n))
            .collect();
        countries.sort();
        base.country_event_counts = countries;
        base
    }

    /// The map model with the selected and hovered events' markers and link flagged.
    pub fn flagged(&self, state: &AppState, city_labels: Arc<Vec<MapLabel>>) -> MapViewModel {
        let catalog = &state.catalog;
        let places_of = |key: Option<crate::app::EventKey>| -> &[u32] {
            key.and_then(|k| catalog.row_index(k))
                .map_or(&[], |r| catalog.store.places(r))
        };
        let selected_places = places_of(state.selection);
        let hovered_places = places_of(state.hover.event);
        let mut markers = self.markers.clone();
        for (m, &pi) in markers.iter_mut().zip(&self.place_of_marker) {
            m.selected = selected_places.contains(&pi);
            m.hovered = hovered_places.contains(&pi) || state.hover.place == Some(m.key);
        }
        let mut links = self.links.clone();
        if let Some(&li) = self.link_of_places.get(selected_places) {
            links[li].selected = true;
        }
        MapViewModel {
            markers,
            links,
            country_event_counts: self.country_event_counts.clone(),
            city_labels,
            pick_mode: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{LoadedData, Settings};
    use crate::app::{Command, synthetic};

    #[test]
    fn map_tallies_count_each_shown_event_once_per_place_and_country() {
        let mut state = AppState::new(Settings::default(), vec![]);
        state.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(600, 5),
                problems: vec![],
                ..LoadedData::default()
            },
            replace: true,
        });
        let whole = MapBase::gather(&state);
        assert!(!whole.markers.is_empty() && !whole.links.is_empty());
        let total: u32 = whole.markers.iter().map(|m| m.event_count).sum();
        let expected: usize = state
            .derived
            .brushed
            .iter()
            .map(|&ri| state.catalog.store.places(ri).len())
            .sum();
        assert_eq!(
            total as usize, expected,
            "each event counted once per place"
        );
        // Events per country, counted the obvious way.
        let mut by_country: std::collections::BTreeMap<String, u32> = Default::default();
        for &ri in &state.derived.brushed {
            let mut countries = state.catalog.row_at(ri).event.countries;
            countries.sort();
            countries.dedup();
            for c in countries {
                *by_country.entry(c).or_insert(0) += 1;
            }
        }
        let expected: Vec<(String, u32)> = by_country.into_iter().collect();
        assert!(!expected.is_empty());
        assert_eq!(whole.country_event_counts, expected);
        // Narrowed and widened again, the kept tally equals one counted afresh.
        for selected in [true, false, true] {
            state.apply(Command::SetFacet {
                facet: crate::app::Facet::Country,
                value: "KZ".into(),
                selected,
            });
            let kept = MapBase::gather(&state);
            let fresh_tally = crate::app::tally::MapTally::of(
                &state.catalog,
                &state.derived.colours,
                &state.derived.brushed.iter().copied().collect(),
            );
            assert_eq!(state.derived.tally.places, fresh_tally.places);
            assert_eq!(state.derived.tally.links, fresh_tally.links);
            assert_eq!(state.derived.tally.countries, fresh_tally.countries);
            assert!(!kept.markers.is_empty());
        }
    }

    #[test]
    fn the_selected_event_flags_its_markers_and_link() {
        let mut state = AppState::new(Settings::default(), vec![]);
        state.apply(Command::LoadFinished {
            data: LoadedData {
                briefs: synthetic::briefs(200, 5),
                problems: vec![],
                ..LoadedData::default()
            },
            replace: true,
        });
        let row = state
            .catalog
            .rows()
            .find(|r| r.places.len() >= 2)
            .expect("an event with two places");
        state.apply(Command::Select(Some(row.key)));
        let base = MapBase::gather(&state);
        let vm = base.flagged(&state, Arc::default());
        let want: Vec<PlaceKey> = row
            .places
            .iter()
            .map(|&p| state.catalog.places[p as usize].key)
            .collect();
        let mut got: Vec<PlaceKey> = vm
            .markers
            .iter()
            .filter(|m| m.selected)
            .map(|m| m.key)
            .collect();
        got.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        want_sorted.dedup();
        assert_eq!(got, want_sorted);
        assert_eq!(vm.links.iter().filter(|l| l.selected).count(), 1);
    }
}
