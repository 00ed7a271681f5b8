//! Map benchmarks (run: `cargo bench --bench map_layout`): building the offline basemap,
//! clustering 10k / 100k / 1M markers, and one headless frame of the map panel with as many
//! markers. Prints medians; no external benchmark framework.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use briefmap_core::geo::basemap::{Basemap, Resolution};
use briefmap_core::geo::cluster::{ClusterPoint, cluster_points};
use briefmap_core::model::GeoPoint;
use briefmap_ui::map::{MapMarker, MapPanel, MapSettings, MapViewModel};

/// Deterministic pseudo-random numbers in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1e3)
}

/// Markers scattered over Central Asia and around it, weighted towards a few hubs.
fn markers(count: usize) -> Vec<MapMarker> {
    let mut rng = Lcg(42);
    (0..count)
        .map(|i| {
            let hub = [
                (37.95, 58.38),
                (41.31, 69.28),
                (51.17, 71.45),
                (40.41, 49.87),
            ][i % 4];
            let spread = if i % 3 == 0 { 12.0 } else { 2.0 };
            MapMarker {
                key: briefmap_core::app::PlaceKey(i as u64),
                point: GeoPoint::new(
                    hub.0 + (rng.next() - 0.5) * spread,
                    hub.1 + (rng.next() - 0.5) * spread * 1.5,
                ),
                label: format!("Place {i}"),
                event_count: 1 + (rng.next() * 5.0) as u32,
                slot: 1,
                selected: i == 0,
                hovered: false,
                route: Vec::new(),
            }
        })
        .collect()
}

fn bench_basemap() {
    for resolution in [Resolution::Coarse110m, Resolution::Fine50m] {
        let duration = time(5, || Basemap::build(resolution.topojson(), resolution));
        let map = Basemap::build(resolution.topojson(), resolution).expect("embedded data");
        println!(
            "basemap {resolution:?}: build {} (median of 5), {} countries, {} vertices, {} triangles, {} border lines",
            ms(duration),
            map.countries.len(),
            map.vertices.len(),
            map.indices.len() / 3,
            map.borders.len()
        );
    }
}

fn bench_clustering() {
    for count in [10_000usize, 100_000, 1_000_000] {
        let mut rng = Lcg(7);
        let on_screen: Vec<ClusterPoint> = (0..count)
            .map(|i| ClusterPoint {
                key: i as u64,
                x: (rng.next() * 1920.0) as f32,
                y: (rng.next() * 1080.0) as f32,
                weight: 1 + (i % 5) as u32,
            })
            .collect();
        let world: Vec<ClusterPoint> = (0..count)
            .map(|i| ClusterPoint {
                key: i as u64,
                x: (rng.next() * 262_144.0) as f32,
                y: (rng.next() * 262_144.0) as f32,
                weight: 1,
            })
            .collect();
        let runs = if count >= 1_000_000 { 5 } else { 11 };
        let screen_time = time(runs, || cluster_points(&on_screen, 52.0));
        let world_time = time(runs, || cluster_points(&world, 52.0));
        let clusters = cluster_points(&on_screen, 52.0).clusters.len();
        println!(
            "cluster {count:>9} markers: on a 1920x1080 screen {} ({clusters} clusters); spread over a zoom-10 world {}",
            ms(screen_time),
            ms(world_time)
        );
    }
}

fn bench_frames() {
    for count in [10_000usize, 100_000, 1_000_000] {
        let ctx = egui::Context::default();
        let vm = MapViewModel {
            markers: markers(count),
            city_labels: Arc::new(Vec::new()),
            ..MapViewModel::default()
        };
        let mut panel = MapPanel::new(MapSettings {
            center: GeoPoint::new(42.0, 60.0),
            zoom_level: 4.5,
            ..MapSettings::default()
        });
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..egui::RawInput::default()
        };
        let mut frame = || {
            let _ = ctx.run_ui(input(), |ui| {
                panel.map_ui(ui, &vm);
            });
        };
        let first = time(1, &mut frame);
        let steady = time(15, &mut frame);
        println!(
            "map frame with {count:>9} markers: first {} (builds basemap, clusters), steady {} median",
            ms(first),
            ms(steady)
        );
    }
}

fn main() {
    bench_basemap();
    bench_clustering();
    bench_frames();
}
