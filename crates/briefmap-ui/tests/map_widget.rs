//! Drives the map panel headless through egui_kittest: fit to events, click a marker, and a
//! rendered snapshot of the offline basemap over Central Asia.

use std::sync::Arc;

use briefmap_core::app::PlaceKey;
use briefmap_core::model::GeoPoint;
use briefmap_ui::map::{MapIntent, MapLabel, MapMarker, MapPanel, MapSettings, MapViewModel};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const ASHGABAT: GeoPoint = GeoPoint::new(37.95, 58.38);
const ANKARA: GeoPoint = GeoPoint::new(39.93, 32.85);

struct State {
    panel: MapPanel,
    vm: MapViewModel,
    intents: Vec<MapIntent>,
}

fn marker(key: u64, label: &str, point: GeoPoint, event_count: u32, slot: u8) -> MapMarker {
    MapMarker {
        key: PlaceKey(key),
        point,
        label: label.to_owned(),
        event_count,
        slot,
        selected: false,
        hovered: false,
        route: Vec::new(),
    }
}

fn city(name: &str, lat: f64, lon: f64, population: u64) -> MapLabel {
    MapLabel {
        name: name.to_owned(),
        point: GeoPoint::new(lat, lon),
        population,
    }
}

fn harness(settings: MapSettings, vm: MapViewModel, size: [f32; 2]) -> Harness<'static, State> {
    themed_harness(settings, vm, size, egui::Theme::Light)
}

fn themed_harness(
    settings: MapSettings,
    vm: MapViewModel,
    size: [f32; 2],
    theme: egui::Theme,
) -> Harness<'static, State> {
    let state = State {
        panel: MapPanel::new(settings),
        vm,
        intents: Vec::new(),
    };
    Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .with_theme(theme)
        .build_ui_state(
            |ui, state: &mut State| {
                let intents = state.panel.map_ui(ui, &state.vm);
                state.intents.extend(intents);
            },
            state,
        )
}

fn two_cities() -> MapViewModel {
    MapViewModel {
        markers: vec![
            marker(1, "Ashgabat", ASHGABAT, 3, 1),
            marker(2, "Ankara", ANKARA, 1, 0),
        ],
        ..MapViewModel::default()
    }
}

#[test]
fn fit_to_events_centres_between_the_markers() {
    let settings = MapSettings {
        center: GeoPoint::new(55.0, 10.0),
        zoom_level: 3.0,
        ..MapSettings::default()
    };
    let mut harness = harness(settings, two_cities(), [900.0, 600.0]);
    harness.run();
    harness.get_by_label("Fit to events").click();
    harness.run();

    let panel = &harness.state().panel;
    assert!(!panel.is_flying());
    let center = panel.center();
    assert!(
        center.lon > ANKARA.lon && center.lon < ASHGABAT.lon,
        "centre {center:?}"
    );
    assert!(
        center.lat > ASHGABAT.lat - 1.0 && center.lat < ANKARA.lat + 1.0,
        "centre {center:?}"
    );
    assert!(
        panel.zoom_level() > 3.0,
        "zoomed in to fit: {}",
        panel.zoom_level()
    );
}

#[test]
fn clicking_a_marker_selects_its_place() {
    let settings = MapSettings {
        center: GeoPoint::new(39.0, 45.0),
        zoom_level: 4.0,
        ..MapSettings::default()
    };
    let mut harness = harness(settings, two_cities(), [900.0, 600.0]);
    harness.run();
    harness.get_by_label("Ashgabat").click();
    harness.run();
    let intents = &harness.state().intents;
    assert!(
        intents.contains(&MapIntent::SelectPlace(PlaceKey(1))),
        "intents: {intents:?}"
    );
    assert!(!intents.contains(&MapIntent::SelectPlace(PlaceKey(2))));
}

#[test]
fn hovering_a_marker_reports_it_and_shows_a_tooltip() {
    let settings = MapSettings {
        center: GeoPoint::new(39.0, 45.0),
        zoom_level: 4.0,
        ..MapSettings::default()
    };
    let mut harness = harness(settings, two_cities(), [900.0, 600.0]);
    harness.run();
    harness.get_by_label("Ashgabat").hover();
    harness.run();
    assert!(
        harness
            .state()
            .intents
            .contains(&MapIntent::HoverPlace(Some(PlaceKey(1)))),
        "intents: {:?}",
        harness.state().intents
    );
    assert!(
        harness.query_by_label("3 events").is_some(),
        "tooltip shows the count"
    );
}

#[test]
fn pick_mode_turns_a_click_into_a_point() {
    let settings = MapSettings {
        center: GeoPoint::new(44.0, 62.0),
        zoom_level: 5.0,
        ..MapSettings::default()
    };
    let vm = MapViewModel {
        pick_mode: true,
        ..two_cities()
    };
    let mut harness = harness(settings, vm, [900.0, 600.0]);
    harness.run();
    harness.get_by_label("Map").click();
    harness.run();
    let center = harness.state().panel.center();
    let picked = harness
        .state()
        .intents
        .iter()
        .find_map(|intent| match intent {
            MapIntent::PickPoint(point) => Some(*point),
            _ => None,
        });
    let picked = picked.expect("a click in pick mode picks a point");
    assert!(
        picked.distance_km(center) < 50.0,
        "{picked:?} vs {center:?}"
    );
}

#[test]
fn toggles_report_settings_changes_and_stay_offline_by_default() {
    let mut harness = harness(MapSettings::default(), two_cities(), [900.0, 600.0]);
    harness.run();
    assert!(!harness.state().panel.settings().online_tiles);
    harness.get_by_label("Shade countries").click();
    harness.run();
    assert!(harness.state().panel.settings().choropleth);
    assert!(
        harness
            .state()
            .intents
            .contains(&MapIntent::SettingsChanged)
    );
    let before = harness.state().panel.zoom_level();
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert!((harness.state().panel.zoom_level() - (before + 1.0)).abs() < 1e-6);
}

#[test]
fn snapshot_of_the_offline_basemap_over_central_asia() {
    let cities = Arc::new(vec![
        city("Ashgabat", 37.95, 58.38, 1_030_000),
        city("Tashkent", 41.31, 69.28, 2_860_000),
        city("Almaty", 43.24, 76.89, 2_000_000),
        city("Astana", 51.17, 71.45, 1_350_000),
        city("Baku", 40.41, 49.87, 2_300_000),
        city("Tehran", 35.69, 51.39, 8_700_000),
        city("Bishkek", 42.87, 74.59, 1_070_000),
        city("Dushanbe", 38.56, 68.77, 860_000),
        city("Ankara", 39.93, 32.85, 5_600_000),
        city("Türkmenbaşy", 40.02, 52.97, 73_000),
        city("Aktau", 43.65, 51.17, 190_000),
        city("Atyrau", 47.1, 51.92, 290_000),
        city("Mary", 37.6, 61.83, 126_000),
        city("Samarkand", 39.65, 66.96, 550_000),
        city("Kabul", 34.53, 69.17, 4_400_000),
        city("Tbilisi", 41.72, 44.79, 1_100_000),
    ]);
    let vm = MapViewModel {
        markers: vec![
            marker(1, "Ashgabat", ASHGABAT, 6, 1),
            marker(2, "Galkynysh field", GeoPoint::new(37.3, 62.3), 4, 1),
            marker(3, "Astana", GeoPoint::new(51.17, 71.45), 2, 0),
            marker(4, "Baku", GeoPoint::new(40.41, 49.87), 3, 4),
            marker(5, "Türkmenbaşy", GeoPoint::new(40.02, 52.97), 1, 1),
        ],
        links: vec![briefmap_ui::map::MapLink {
            points: vec![ASHGABAT, GeoPoint::new(40.41, 49.87)],
            selected: false,
        }],
        city_labels: cities,
        ..MapViewModel::default()
    };
    let settings = MapSettings {
        center: GeoPoint::new(42.0, 58.0),
        zoom_level: 4.6,
        ..MapSettings::default()
    };
    let mut harness = harness(settings, vm, [1000.0, 700.0]);
    harness.run();
    harness.snapshot("map_basemap");
}

#[test]
fn snapshot_of_the_choropleth_in_the_dark_theme() {
    let vm = MapViewModel {
        markers: vec![
            marker(1, "Ashgabat", ASHGABAT, 6, 1),
            marker(2, "Ankara", ANKARA, 2, 0),
        ],
        country_event_counts: vec![
            ("TM".to_owned(), 40),
            ("KZ".to_owned(), 12),
            ("UZ".to_owned(), 5),
            ("AZ".to_owned(), 8),
            ("TR".to_owned(), 2),
            ("IR".to_owned(), 3),
            ("RU".to_owned(), 1),
        ],
        ..MapViewModel::default()
    };
    let settings = MapSettings {
        center: GeoPoint::new(42.0, 52.0),
        zoom_level: 3.8,
        choropleth: true,
        ..MapSettings::default()
    };
    let mut harness = themed_harness(settings, vm, [1000.0, 700.0], egui::Theme::Dark);
    harness.run();
    assert!(
        harness.query_by_label("Events per country").is_some(),
        "legend shown"
    );
    harness.snapshot("map_choropleth_dark");
}
