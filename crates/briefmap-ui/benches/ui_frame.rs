//! One headless UI frame of the whole window (egui pass: all panels, timeline, map, list,
//! filters) with synthetic datasets of 10k, 100k and 1M events. Reports the median and the
//! 90th percentile; the target is ≤ 8 ms median at 100k events. Also reports the (one-off)
//! frame right after a filter change, which rebuilds the cached filter result and view models.
//!
//! Run: `cargo bench --bench ui_frame` (optionally `-- 10000 100000` for chosen sizes).

use std::time::{Duration, Instant};

use briefmap_core::app::state::Settings;
use briefmap_core::app::{Command, Facet, synthetic};
use briefmap_ui::BriefmapApp;

fn raw_input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        time: Some(frame as f64 / 60.0),
        predicted_dt: 1.0 / 60.0,
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut BriefmapApp, n: u64) -> Duration {
    let start = Instant::now();
    let mut output = ctx.run_ui(raw_input(n), |ui| app.frame_ui(ui));
    let elapsed = start.elapsed();
    output.textures_delta.clear();
    elapsed
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn bench(events: usize) {
    let t0 = Instant::now();
    let briefs = synthetic::briefs(events, 42);
    let ctx = egui::Context::default();
    let mut app = BriefmapApp::with_briefs(&ctx, Settings::default(), briefs);
    let setup = t0.elapsed();
    // Warm up: fonts, caches, timeline and map layouts.
    let mut n = 0;
    for _ in 0..10 {
        frame(&ctx, &mut app, n);
        n += 1;
    }
    let mut idle: Vec<Duration> = (0..60)
        .map(|_| {
            n += 1;
            frame(&ctx, &mut app, n)
        })
        .collect();
    idle.sort();
    // With an event selected (details panel with highlighted text, linked views).
    let key = app
        .state
        .catalog
        .row_at(app.state.visible()[events / 2])
        .key;
    app.apply(&ctx, Command::Select(Some(key)));
    for _ in 0..40 {
        n += 1;
        frame(&ctx, &mut app, n);
    }
    let mut selected: Vec<Duration> = (0..60)
        .map(|_| {
            n += 1;
            frame(&ctx, &mut app, n)
        })
        .collect();
    selected.sort();
    // A frame right after a filter change (filter, facet counts and view models rebuilt).
    let mut changed: Vec<Duration> = (0..10)
        .map(|i| {
            n += 1;
            let start = Instant::now();
            app.apply(
                &ctx,
                Command::SetFacet {
                    facet: Facet::Country,
                    value: "KZ".into(),
                    selected: i % 2 == 0,
                },
            );
            if std::env::var_os("UI_FRAME_PROBE").is_some() {
                eprintln!("  apply {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
            }
            let mut output = ctx.run_ui(raw_input(n), |ui| app.frame_ui(ui));
            output.textures_delta.clear();
            start.elapsed()
        })
        .collect();
    changed.sort();
    println!(
        "ui_frame {events:>8} events: idle median {:>7.2} ms (p90 {:>7.2}) | selected median {:>7.2} ms (p90 {:>7.2}) | after a filter change median {:>8.1} ms | setup {:.1} s",
        percentile(&idle, 0.5).as_secs_f64() * 1e3,
        percentile(&idle, 0.9).as_secs_f64() * 1e3,
        percentile(&selected, 0.5).as_secs_f64() * 1e3,
        percentile(&selected, 0.9).as_secs_f64() * 1e3,
        percentile(&changed, 0.5).as_secs_f64() * 1e3,
        setup.as_secs_f64(),
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    for events in sizes {
        bench(events);
    }
}
