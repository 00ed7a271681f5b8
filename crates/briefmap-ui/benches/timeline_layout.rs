//! Timeline speed: the pure layout + density maths at 10k / 100k / 1M synthetic events, and the
//! full widget UI pass (headless `egui::Context::run_ui`) at the same sizes. Prints medians.
//! Run with `cargo bench --bench timeline_layout`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use briefmap_core::model::DateRange;
use briefmap_core::timeline::layout::IndexEntry;
use briefmap_core::timeline::{DayIndex, LayoutParams, TimeAxis, density_bins, layout_cards};
use briefmap_ui::timeline::{TimelineItem, TimelinePanel, TimelineSettings, TimelineViewModel};
use chrono::{Days, NaiveDate};

/// Deterministic pseudo-random numbers (no external seed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

const SPAN_DAYS: u64 = 3650;
const LANES: u32 = 5;

fn synthetic_items(n: usize) -> Vec<(TimelineItem, String)> {
    let mut rng = Lcg(7);
    let base = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
    let mut items: Vec<(TimelineItem, String)> = (0..n)
        .map(|i| {
            let start = base + Days::new(rng.next() % SPAN_DAYS);
            let date = match rng.next() % 20 {
                0 => None,
                1..=3 => DateRange::month(
                    chrono::Datelike::year(&start),
                    chrono::Datelike::month(&start),
                ),
                4 | 5 => DateRange::year(chrono::Datelike::year(&start)),
                6 => DateRange::range(start, start + Days::new(rng.next() % 30 + 1)),
                _ => Some(DateRange::day(start)),
            };
            let lane = (rng.next() % u64::from(LANES)) as u32;
            let item = TimelineItem {
                key: briefmap_core::app::EventKey(i as u64),
                date,
                title: 0,
                slot: lane as u8,
                lane,
            };
            (item, format!("Event {i} near Atyrau"))
        })
        .collect();
    items.sort_by_key(|(item, _)| item.date.map(|d| d.start));
    items
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn bench_core(n: usize) {
    let labelled = synthetic_items(n);
    let items: Vec<&TimelineItem> = labelled.iter().map(|(i, _)| i).collect();
    let entries: Vec<IndexEntry> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let date = item.date?;
            let start = briefmap_core::timeline::day_number(date.start);
            Some(IndexEntry {
                item_index: i as u32,
                start_day: start,
                end_day: briefmap_core::timeline::day_number(date.end) + 1.0,
                lane: item.lane,
            })
        })
        .collect();
    let t = Instant::now();
    let index = DayIndex::new(entries);
    let build = t.elapsed();
    let width = 1600.0;
    let (first, last) = index.extent().expect("some items");
    let fit = TimeAxis::spanning(first, last, width);
    let zoomed = TimeAxis {
        start_day: first + 1800.0,
        days_per_px: 30.0 / width,
    };
    let params = LayoutParams {
        width_px: width,
        lane_count: LANES,
        max_rows_per_lane: 4,
        ..LayoutParams::default()
    };
    for (name, axis) in [("fit all", fit), ("30 days", zoomed)] {
        let samples = (0..200)
            .map(|k| {
                let axis = axis.panned_px(f64::from(k));
                let t = Instant::now();
                let layout = layout_cards(&index, &axis, &params, |i| {
                    labelled[i as usize].1.len() as f64 * 7.0
                });
                let bins = density_bins(&index.start_days, &axis, width, 3.0);
                black_box((layout, bins));
                t.elapsed()
            })
            .collect();
        let layout = layout_cards(&index, &axis, &params, |i| {
            labelled[i as usize].1.len() as f64 * 7.0
        });
        println!(
            "core  n={n:>8}  {name:<8} layout+density median {}  (cards {}, hidden {}, over_cap {})  [index build once: {}]",
            ms(median(samples)),
            layout.cards.len(),
            layout.hidden,
            layout.over_cap,
            ms(build)
        );
    }
}

fn bench_frame(n: usize) {
    let vm = TimelineViewModel {
        lanes: (0..LANES).map(|i| format!("Lane {i}")).collect(),
        selected: Some(briefmap_core::app::EventKey(5)),
        hovered: None,
        brush: None,
        ..TimelineViewModel::labelled(synthetic_items(n))
    };
    let ctx = egui::Context::default();
    let mut panel = TimelinePanel::new(TimelineSettings::default());
    let input = |time: f64| egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 520.0),
        )),
        time: Some(time),
        ..Default::default()
    };
    let mut frame_no = 0.0;
    let mut run = |panel: &mut TimelinePanel| {
        frame_no += 1.0;
        let t = Instant::now();
        let mut out = ctx.run_ui(input(frame_no / 60.0), |ui| {
            black_box(panel.timeline_ui(ui, &vm, 1));
        });
        let ui_pass = t.elapsed();
        out.textures_delta.clear();
        let shapes = out.shapes.len();
        let t = Instant::now();
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        (ui_pass, t.elapsed(), shapes)
    };
    // Warm egui up (fonts) on an empty view model, so the first real frame measures the
    // per-generation index build.
    let empty = TimelineViewModel::default();
    ctx.run_ui(input(0.0), |ui| {
        black_box(TimelinePanel::new(TimelineSettings::default()).timeline_ui(ui, &empty, 0));
    })
    .textures_delta
    .clear();
    let t = Instant::now();
    run(&mut panel);
    let first = t.elapsed();
    for _ in 0..5 {
        run(&mut panel);
    }
    let fit_axis = panel.axis();
    let zoomed_axis = TimeAxis {
        start_day: fit_axis.start_day + 1800.0,
        days_per_px: 21.0 / 1600.0,
    };
    let close_axis = TimeAxis {
        start_day: fit_axis.start_day + 1800.0,
        days_per_px: 3.0 / 1600.0,
    };
    for (name, axis, pan) in [
        ("fit all, still", fit_axis, false),
        ("fit all, panning", fit_axis, true),
        ("21 days, still", zoomed_axis, false),
        ("21 days, panning", zoomed_axis, true),
        ("3 days, panning", close_axis, true),
    ] {
        panel.set_axis(axis);
        for _ in 0..3 {
            run(&mut panel);
        }
        let mut ui_samples = Vec::new();
        let mut tess_samples = Vec::new();
        let mut shapes = 0;
        for k in 0..120 {
            if pan {
                let mut s = panel.settings();
                if let Some(a) = s.axis.as_mut() {
                    *a = a.panned_px(if k % 2 == 0 { 3.0 } else { -2.0 });
                }
                // Keep the cached index: only the axis changes.
                panel.set_axis(s.axis.unwrap_or(axis));
            }
            let (ui_pass, tess, n_shapes) = run(&mut panel);
            ui_samples.push(ui_pass);
            tess_samples.push(tess);
            shapes = n_shapes;
        }
        println!(
            "frame n={n:>8}  {name:<17} UI pass median {}  (+ tessellation {}, {shapes} shapes)",
            ms(median(ui_samples)),
            ms(median(tess_samples)),
        );
    }
    println!(
        "frame n={n:>8}  first frame (builds the per-generation index): {}",
        ms(first)
    );
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent; keep it quick then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if quick {
        &[10_000]
    } else {
        &[10_000, 100_000, 1_000_000]
    };
    for &n in sizes {
        bench_core(n);
    }
    for &n in sizes {
        bench_frame(n);
    }
}
