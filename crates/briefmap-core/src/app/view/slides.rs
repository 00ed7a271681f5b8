//! What a presentation shows, gathered once when it starts: each event slide's text, the
//! title/summary overview, where each event sits on the timeline strip, and the map — every
//! place of the presentation in a quiet slot, the current event's places in the focus slot and
//! linked, and where the map should look. The UI lays the text out and paints.

use std::collections::HashMap;
use std::sync::Arc;

use crate::app::PlaceKey;
use crate::app::catalog::Catalog;
use crate::app::presentation::{EventSlide, Overview, Presentation, SlidePosition, time_fraction};
use crate::model::GeoPoint;

use super::map::{MapLabel, MapLink, MapMarker, MapViewModel};

/// Colour slot of the presentation's other places.
pub const QUIET_SLOT: u8 = 0;
/// Colour slot of the current event's places (and of all places on title and summary).
pub const FOCUS_SLOT: u8 = 1;

/// Everything gathered for a running presentation's slides.
#[derive(Debug, Clone, Default)]
pub struct SlidesView {
    pub overview: Overview,
    /// One per presented event; `None` when its event is no longer loaded.
    pub slides: Vec<Option<EventSlide>>,
    /// Where each event sits on the timeline strip (0..1), `None` when undated.
    pub strip: Vec<Option<f32>>,
    /// Place keys of each event, to mark its markers.
    places_of_event: Vec<Vec<PlaceKey>>,
    /// Points of each event's places, for the map's focus and link.
    points_of_event: Vec<Vec<GeoPoint>>,
    /// Every place of the presentation, most events first, in the quiet slot.
    base_markers: Vec<MapMarker>,
    /// Every place of the presentation (each once).
    pub all_points: Vec<GeoPoint>,
    country_event_counts: Vec<(String, u32)>,
}

impl SlidesView {
    pub fn gather(catalog: &Catalog, presentation: &Presentation) -> Self {
        let total = presentation.events.len();
        let slides: Vec<Option<EventSlide>> = presentation
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| EventSlide::build(catalog, e, i + 1, total))
            .collect();
        let overview = Overview::build(catalog, presentation);
        let strip = slides
            .iter()
            .map(|s| {
                let date = s.as_ref()?.date?;
                Some(time_fraction(date.start, overview.first?, overview.last?))
            })
            .collect();
        let mut events_at: HashMap<u32, u32> = HashMap::new();
        let mut countries: HashMap<String, u32> = HashMap::new();
        let mut places_of_event = Vec::with_capacity(total);
        let mut points_of_event = Vec::with_capacity(total);
        let mut order: Vec<u32> = Vec::new();
        for e in &presentation.events {
            let Some(row) = catalog.row(e.key) else {
                places_of_event.push(Vec::new());
                points_of_event.push(Vec::new());
                continue;
            };
            for &p in &row.places {
                let n = events_at.entry(p).or_insert(0);
                if *n == 0 {
                    order.push(p);
                }
                *n += 1;
            }
            for c in &row.event.countries {
                *countries.entry(c.clone()).or_insert(0) += 1;
            }
            let places = row.places.iter().map(|&p| &catalog.places[p as usize]);
            places_of_event.push(places.clone().map(|p| p.key).collect());
            points_of_event.push(places.map(|p| p.point).collect());
        }
        let all_points = order
            .iter()
            .map(|&p| catalog.places[p as usize].point)
            .collect();
        let mut ranked: Vec<(u32, u32)> = events_at.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let base_markers = ranked
            .iter()
            .map(|&(p, n)| {
                let place = &catalog.places[p as usize];
                MapMarker {
                    key: place.key,
                    point: place.point,
                    label: place.name.clone(),
                    event_count: n,
                    slot: QUIET_SLOT,
                    selected: false,
                    hovered: false,
                    route: place.route.clone(),
                }
            })
            .collect();
        let mut country_event_counts: Vec<(String, u32)> = countries
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        country_event_counts.sort();
        Self {
            overview,
            slides,
            strip,
            places_of_event,
            points_of_event,
            base_markers,
            all_points,
            country_event_counts,
        }
    }

    /// The map for the slide at `position`: the current event's places marked in the focus
    /// slot and linked; on the title and summary slides every place in the focus slot.
    pub fn map_at(&self, position: SlidePosition, city_labels: Arc<Vec<MapLabel>>) -> MapViewModel {
        let current = match position {
            SlidePosition::Event(i) => Some(i),
            _ => None,
        };
        let keys: &[PlaceKey] = current
            .and_then(|i| self.places_of_event.get(i))
            .map_or(&[], Vec::as_slice);
        let markers = self
            .base_markers
            .iter()
            .map(|m| {
                let on = keys.contains(&m.key);
                MapMarker {
                    selected: on,
                    slot: if on || current.is_none() {
                        FOCUS_SLOT
                    } else {
                        m.slot
                    },
                    ..m.clone()
                }
            })
            .collect();
        let links = current
            .and_then(|i| self.points_of_event.get(i))
            .filter(|points| points.len() >= 2)
            .map(|points| {
                vec![MapLink {
                    points: points.clone(),
                    selected: true,
                }]
            })
            .unwrap_or_default();
        MapViewModel {
            markers,
            links,
            country_event_counts: self.country_event_counts.clone(),
            city_labels,
            pick_mode: false,
        }
    }

    /// Where the map should look at `position`: the event's places, else every place.
    pub fn focus_at(&self, position: SlidePosition) -> &[GeoPoint] {
        match position {
            SlidePosition::Event(i) => self
                .points_of_event
                .get(i)
                .filter(|p| !p.is_empty())
                .map_or(&self.all_points, |p| p),
            _ => &self.all_points,
        }
    }

    /// The title on screen: the presentation's name, an event's title, or "Summary".
    pub fn title_at(&self, position: SlidePosition) -> String {
        match position {
            SlidePosition::Title => self.overview.name.clone(),
            SlidePosition::Event(i) => self
                .slides
                .get(i)
                .and_then(|s| s.as_ref())
                .map(|s| s.title.clone())
                .unwrap_or_default(),
            SlidePosition::Summary => "Summary".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::presentation::PresentedEvent;
    use crate::app::synthetic;

    #[test]
    fn the_current_event_is_marked_and_linked_and_the_rest_stay_quiet() {
        let catalog = Catalog::new(synthetic::briefs(60, 4).into_iter().collect::<Vec<_>>());
        let rows: Vec<_> = catalog
            .rows()
            .filter(|r| r.places.len() >= 2)
            .take(3)
            .collect();
        assert_eq!(rows.len(), 3);
        let presentation = Presentation::new(
            "t",
            rows.iter()
                .map(|r| PresentedEvent {
                    key: r.key,
                    note: String::new(),
                })
                .collect(),
        );
        let view = SlidesView::gather(&catalog, &presentation);
        assert_eq!(view.slides.len(), 3);
        assert!(view.slides.iter().all(Option::is_some));
        let total_events: u32 = view.base_markers.iter().map(|m| m.event_count).sum();
        let expected: usize = rows.iter().map(|r| r.places.len()).sum();
        assert_eq!(total_events as usize, expected);
        let map = view.map_at(SlidePosition::Event(1), Arc::default());
        let marked: Vec<PlaceKey> = map
            .markers
            .iter()
            .filter(|m| m.selected)
            .map(|m| m.key)
            .collect();
        for &p in &rows[1].places {
            assert!(marked.contains(&catalog.places[p as usize].key));
        }
        assert!(
            map.markers
                .iter()
                .all(|m| m.selected == (m.slot == FOCUS_SLOT))
        );
        assert_eq!(map.links.len(), 1);
        assert_eq!(
            view.focus_at(SlidePosition::Event(1)).len(),
            rows[1].places.len()
        );
        let title = view.map_at(SlidePosition::Title, Arc::default());
        assert!(
            title
                .markers
                .iter()
                .all(|m| m.slot == FOCUS_SLOT && !m.selected)
        );
        assert!(title.links.is_empty());
        assert_eq!(view.title_at(SlidePosition::Summary), "Summary");
        assert_eq!(view.title_at(SlidePosition::Event(0)), rows[0].event.title);
    }
}
