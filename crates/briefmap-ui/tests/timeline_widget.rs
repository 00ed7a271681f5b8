//! Drives the timeline widget headless through egui_kittest, by the labels a user sees:
//! fit all, find cards, select one, the Undated tray, zoom with "+", brushing; plus rendered
//! snapshots in light and dark themes.

use briefmap_core::app::EventKey;
use briefmap_core::model::DateRange;
use briefmap_ui::timeline::{
    TimelineIntent, TimelineItem, TimelinePanel, TimelineSettings, TimelineViewModel,
};
use chrono::NaiveDate;
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct State {
    panel: TimelinePanel,
    vm: TimelineViewModel,
    intents: Vec<TimelineIntent>,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

// Colour slots (teal, green and orange in the palette).
const KZ: u8 = 3;
const TM: u8 = 4;
const UZ: u8 = 1;

fn items() -> Vec<(TimelineItem, String)> {
    let item = |key, date: Option<DateRange>, label: &str, slot, lane| {
        let item = TimelineItem {
            key: EventKey(key),
            date,
            title: 0,
            slot,
            lane,
        };
        (item, label.to_string())
    };
    let mut items = vec![
        item(
            1,
            DateRange::year(2024),
            "Caspian summit preparations",
            TM,
            1,
        ),
        item(
            2,
            Some(DateRange::day(day(2024, 3, 12))),
            "TAPI pipeline talks",
            TM,
            1,
        ),
        item(
            3,
            DateRange::month(2024, 4),
            "Kashagan output update",
            KZ,
            0,
        ),
        item(
            4,
            Some(DateRange::day(day(2024, 5, 21))),
            "CPC terminal outage",
            KZ,
            0,
        ),
        item(
            5,
            DateRange::range(day(2024, 6, 3), day(2024, 6, 20)),
            "Rogun financing round",
            UZ,
            2,
        ),
        item(
            6,
            Some(DateRange::day(day(2024, 9, 30))),
            "Uranium deal signed",
            KZ,
            0,
        ),
        item(7, None, "Gas swap proposal", UZ, 2),
    ];
    items.sort_by_key(|(i, _)| i.date.map(|d| d.start));
    items
}

fn harness(lanes: bool, theme: egui::Theme) -> Harness<'static, State> {
    let vm = TimelineViewModel {
        lanes: if lanes {
            vec![
                "Kazakhstan".into(),
                "Turkmenistan".into(),
                "Uzbekistan".into(),
            ]
        } else {
            Vec::new()
        },
        selected: None,
        hovered: None,
        brush: None,
        ..TimelineViewModel::labelled(items())
    };
    let state = State {
        panel: TimelinePanel::new(TimelineSettings::default()),
        vm,
        intents: Vec::new(),
    };
    Harness::builder()
        .with_size(Vec2::new(1000.0, 360.0))
        .with_theme(theme)
        .build_ui_state(
            |ui, state: &mut State| {
                let intents = state.panel.timeline_ui(ui, &state.vm, 1);
                // Apply intents the way the shell would, so selection shows.
                for intent in &intents {
                    match intent {
                        TimelineIntent::Select(key) => state.vm.selected = Some(*key),
                        TimelineIntent::Hover(key) => state.vm.hovered = *key,
                        TimelineIntent::Brush(range) => state.vm.brush = *range,
                    }
                }
                state.intents.extend(intents);
            },
            state,
        )
}

#[test]
fn cards_are_found_selected_and_zoomed() {
    let mut harness = harness(false, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Fit all").click();
    harness.run();

    for label in [
        "Caspian summit preparations",
        "TAPI pipeline talks",
        "Kashagan output update",
        "CPC terminal outage",
        "Rogun financing round",
        "Uranium deal signed",
    ] {
        harness.get_by_label(label);
    }

    harness.get_by_label("CPC terminal outage").click();
    harness.run();
    assert!(
        harness
            .state()
            .intents
            .contains(&TimelineIntent::Select(EventKey(4))),
        "{:?}",
        harness.state().intents
    );
    assert_eq!(harness.state().vm.selected, Some(EventKey(4)));

    // The undated item is in the tray, and selectable there.
    harness.get_by_label("Undated (1)");
    harness.get_by_label("Gas swap proposal").click();
    harness.run();
    assert!(
        harness
            .state()
            .intents
            .contains(&TimelineIntent::Select(EventKey(7)))
    );

    let before = harness.state().panel.axis().days_per_px;
    harness.get_by_label("+").click();
    harness.run();
    let after = harness.state().panel.axis().days_per_px;
    assert!(after < before * 0.8, "zoom in: {before} -> {after}");
    harness.get_by_label("−").click();
    harness.run();
    let back = harness.state().panel.axis().days_per_px;
    assert!(
        (back - before).abs() < before * 1e-9,
        "zoom out: {before} -> {back}"
    );

    // Settings round-trip through serde (the shell persists them).
    let settings = harness.state().panel.settings();
    let json = serde_json::to_string(&settings).expect("serialise settings");
    let restored: TimelineSettings = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(restored, settings);
    assert_eq!(
        TimelinePanel::new(restored).axis(),
        harness.state().panel.axis()
    );
}

#[test]
fn fit_all_shows_every_card_whole() {
    // The latest event ("Uranium deal signed", 30 Sep) has its label to the right of its day:
    // fitting must leave it room, not just fit the day.
    for width in [1000.0, 640.0] {
        let mut harness = harness(false, egui::Theme::Light);
        harness.set_size(Vec2::new(width, 360.0));
        harness.run();
        harness.get_by_label("Fit all").click();
        harness.run();
        let mut rightmost = 0.0_f32;
        for label in [
            "Caspian summit preparations",
            "TAPI pipeline talks",
            "Kashagan output update",
            "CPC terminal outage",
            "Rogun financing round",
            "Uranium deal signed",
        ] {
            let rect = harness.get_by_label(label).rect();
            assert!(
                rect.min.x >= 0.0 && rect.max.x <= width,
                "{label} at {rect:?} is cut in a view {width} px wide"
            );
            rightmost = rightmost.max(rect.max.x);
        }
        // And the fit is tight: the content reaches near the right edge.
        assert!(
            rightmost > width - 60.0,
            "{rightmost} leaves the view half empty"
        );
    }
}

#[test]
fn brush_mode_drag_emits_a_time_range() {
    let mut harness = harness(false, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Fit all").click();
    harness.run();
    harness.get_by_label("Brush").click();
    harness.run();
    // Drag across the empty lower part of the plot.
    let from = egui::pos2(250.0, 300.0);
    let to = egui::pos2(600.0, 300.0);
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for x in [300.0, 400.0, 500.0, 600.0] {
        harness.hover_at(egui::pos2(x, to.y));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
    let brush = harness
        .state()
        .intents
        .iter()
        .find_map(|i| match i {
            TimelineIntent::Brush(Some(range)) => Some(*range),
            _ => None,
        })
        .expect("a brush intent");
    assert!(brush.0 < brush.1, "{brush:?}");
    assert!(brush.0.to_string().starts_with("2024") || brush.0.to_string().starts_with("2023"));
    // Both clear buttons clear it.
    harness.get_by_label("Clear brush").click();
    harness.run();
    assert_eq!(harness.state().vm.brush, None);
}

fn snapshot(theme: egui::Theme, name: &str) {
    let mut harness = harness(true, theme);
    harness.run();
    harness.get_by_label("Fit all").click();
    harness.run();
    harness.get_by_label("TAPI pipeline talks").click();
    harness.run();
    harness.remove_cursor();
    harness.run();
    harness.snapshot(name);
}

#[test]
fn snapshot_light() {
    snapshot(egui::Theme::Light, "timeline");
}

#[test]
fn snapshot_dark() {
    snapshot(egui::Theme::Dark, "timeline_dark");
}

/// Many synthetic events over three years, in five lanes.
fn dense_vm(n: u64) -> TimelineViewModel {
    let mut seed: u64 = 11;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let colors = [KZ, TM, UZ, 6, 2];
    let places = [
        "Atyrau",
        "Ashgabat",
        "Tashkent",
        "Baku",
        "Aktau",
        "Türkmenbaşy",
    ];
    let base = day(2022, 1, 1);
    let mut items: Vec<(TimelineItem, String)> = (0..n)
        .map(|key| {
            // Clustered: most events in a few busy periods.
            let center = [120, 400, 700, 950][(next() % 4) as usize];
            let offset =
                (next() % 120) as i64 - 60 + (next() % 400) as i64 * i64::from(next() % 5 == 0);
            let start = base + chrono::Duration::days((center + offset).clamp(0, 1090));
            let date = match next() % 12 {
                0 => DateRange::month(
                    chrono::Datelike::year(&start),
                    chrono::Datelike::month(&start),
                ),
                1 => DateRange::year(chrono::Datelike::year(&start)),
                2 => DateRange::range(
                    start,
                    start + chrono::Duration::days((next() % 12 + 2) as i64),
                ),
                _ => Some(DateRange::day(start)),
            };
            let lane = (next() % 5) as u32;
            let label = format!("{} talks #{key}", places[(next() % 6) as usize]);
            let item = TimelineItem {
                key: EventKey(key),
                date,
                title: 0,
                slot: colors[lane as usize],
                lane,
            };
            (item, label)
        })
        .collect();
    items.sort_by_key(|(i, _)| i.date.map(|d| d.start));
    TimelineViewModel {
        lanes: vec![
            "Kazakhstan".into(),
            "Turkmenistan".into(),
            "Uzbekistan".into(),
            "Azerbaijan".into(),
            "Tajikistan".into(),
        ],
        selected: None,
        hovered: None,
        brush: None,
        ..TimelineViewModel::labelled(items)
    }
}

fn dense_snapshot(axis: Option<briefmap_core::timeline::TimeAxis>, brush: bool, name: &str) {
    let mut vm = dense_vm(4_000);
    if brush {
        vm.brush = Some((day(2022, 12, 1), day(2023, 3, 15)));
        // A selection stays visible in density mode.
        vm.selected = vm
            .items
            .iter()
            .find(|i| i.date.is_some_and(|d| d.start >= day(2023, 9, 1)))
            .map(|i| i.key);
    }
    let state = State {
        panel: TimelinePanel::new(TimelineSettings {
            axis,
            ..TimelineSettings::default()
        }),
        vm,
        intents: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1100.0, 420.0))
        .build_ui_state(
            |ui, state: &mut State| {
                state
                    .intents
                    .extend(state.panel.timeline_ui(ui, &state.vm, 1));
            },
            state,
        );
    harness.run();
    harness.snapshot(name);
}

#[test]
fn snapshot_dense_overview_with_brush() {
    // Fit all: thousands of events in view, so each lane shows its density.
    dense_snapshot(None, true, "timeline_overview");
}

#[test]
fn snapshot_dense_zoomed() {
    let start = briefmap_core::timeline::day_number(day(2022, 4, 20));
    let axis = briefmap_core::timeline::TimeAxis {
        start_day: start,
        days_per_px: 40.0 / 980.0,
    };
    dense_snapshot(Some(axis), false, "timeline_dense");
}

fn fitted_harness() -> Harness<'static, State> {
    let mut harness = harness(false, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Fit all").click();
    harness.run();
    harness
}

/// A point in the empty lower part of the plot (below the cards).
const EMPTY_SPOT: egui::Pos2 = egui::pos2(500.0, 300.0);

fn wheel(harness: &Harness<'static, State>, delta: Vec2, modifiers: egui::Modifiers) {
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers,
    });
}

#[test]
fn hovering_a_card_emits_hover_and_leaving_clears_it() {
    let mut harness = fitted_harness();
    harness.get_by_label("TAPI pipeline talks").hover();
    harness.run();
    assert!(
        harness
            .state()
            .intents
            .contains(&TimelineIntent::Hover(Some(EventKey(2))))
    );
    harness.hover_at(EMPTY_SPOT);
    harness.run();
    assert_eq!(
        harness.state().intents.last(),
        Some(&TimelineIntent::Hover(None))
    );
}

#[test]
fn drag_and_wheel_pan_ctrl_wheel_and_pinch_zoom() {
    let mut harness = fitted_harness();
    let before = harness.state().panel.axis();

    // Drag the content 100 px to the right: the view moves back in time.
    harness.hover_at(EMPTY_SPOT);
    harness.run();
    harness.drag_at(EMPTY_SPOT);
    harness.run();
    for dx in [25.0, 50.0, 75.0, 100.0] {
        harness.hover_at(EMPTY_SPOT + Vec2::new(dx, 0.0));
        harness.run();
    }
    harness.drop_at(EMPTY_SPOT + Vec2::new(100.0, 0.0));
    harness.run();
    let dragged = harness.state().panel.axis();
    assert!(
        dragged.start_day < before.start_day,
        "{before:?} -> {dragged:?}"
    );
    assert_eq!(dragged.days_per_px, before.days_per_px);
    assert!(
        harness
            .state()
            .intents
            .iter()
            .all(|i| !matches!(i, TimelineIntent::Brush(_)))
    );

    // A plain wheel pans.
    harness.hover_at(EMPTY_SPOT);
    wheel(&harness, Vec2::new(0.0, -120.0), egui::Modifiers::NONE);
    harness.run();
    let wheeled = harness.state().panel.axis();
    assert!(
        wheeled.start_day > dragged.start_day,
        "{dragged:?} -> {wheeled:?}"
    );
    assert_eq!(wheeled.days_per_px, dragged.days_per_px);

    // Ctrl + wheel zooms in about the pointer.
    wheel(&harness, Vec2::new(0.0, 120.0), egui::Modifiers::CTRL);
    harness.run();
    let zoomed = harness.state().panel.axis();
    assert!(
        zoomed.days_per_px < wheeled.days_per_px,
        "{wheeled:?} -> {zoomed:?}"
    );

    // A pinch (zoom gesture) zooms out again.
    harness.hover_at(EMPTY_SPOT);
    harness.event(egui::Event::Zoom(0.5));
    harness.run();
    let pinched = harness.state().panel.axis();
    assert!(
        pinched.days_per_px > zoomed.days_per_px * 1.5,
        "{zoomed:?} -> {pinched:?}"
    );
}

#[test]
fn scroll_to_brings_a_far_date_into_view_smoothly() {
    let mut harness = fitted_harness();
    let target = DateRange::day(day(2031, 7, 14));
    let width = 1000.0 - 16.0;
    assert!(!harness.state().panel.axis().shows(
        briefmap_core::timeline::day_number(target.start),
        briefmap_core::timeline::day_number(target.start) + 1.0,
        width
    ));
    harness.state_mut().panel.scroll_to(target);
    harness.step();
    harness.step();
    let midway = harness.state().panel.axis();
    harness.run_steps(60);
    let axis = harness.state().panel.axis();
    let day = briefmap_core::timeline::day_number(target.start);
    assert!(axis.shows(day, day + 1.0, width), "{axis:?}");
    assert!(
        !midway.shows(day, day + 1.0, width),
        "moved in steps, not at once"
    );
}

#[test]
fn shift_drag_brushes_without_the_toggle() {
    let mut harness = fitted_harness();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    harness.hover_at(EMPTY_SPOT);
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: EMPTY_SPOT,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::SHIFT,
    });
    harness.run();
    for dx in [40.0, 80.0, 120.0, 160.0] {
        harness.hover_at(EMPTY_SPOT + Vec2::new(dx, 0.0));
        harness.run();
    }
    harness.event(egui::Event::PointerButton {
        pos: EMPTY_SPOT + Vec2::new(160.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
    assert!(
        harness.state().vm.brush.is_some(),
        "{:?}",
        harness.state().intents
    );
    // The × on the brush clears it.
    harness.get_by_label("Remove brush").click();
    harness.run();
    assert_eq!(harness.state().vm.brush, None);
}

#[test]
fn hovering_a_tray_chip_emits_a_single_hover() {
    let mut harness = fitted_harness();
    harness.get_by_label("Gas swap proposal").hover();
    harness.run();
    harness.run_steps(4);
    let hovers: Vec<&TimelineIntent> = harness
        .state()
        .intents
        .iter()
        .filter(|i| matches!(i, TimelineIntent::Hover(_)))
        .collect();
    assert_eq!(hovers, vec![&TimelineIntent::Hover(Some(EventKey(7)))]);
}

#[test]
fn lanes_that_do_not_fit_are_merged_not_dropped() {
    let mut vm = TimelineViewModel {
        lanes: (0..12).map(|i| format!("Country {i}")).collect(),
        ..TimelineViewModel::labelled(items())
    };
    // Only five lanes fit in this height: lanes 4..=11 share the last one.
    for item in &mut vm.items {
        item.lane = match item.key.0 {
            2 => 1,
            3 => 2,
            4 => 3,
            5 => 9,
            6 => 11,
            _ => 0,
        };
    }
    let state = State {
        panel: TimelinePanel::new(TimelineSettings::default()),
        vm,
        intents: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(900.0, 300.0))
        .build_ui_state(
            |ui, state: &mut State| {
                state
                    .intents
                    .extend(state.panel.timeline_ui(ui, &state.vm, 1));
            },
            state,
        );
    harness.run();
    for (_, label) in items().iter().filter(|(i, _)| i.date.is_some()) {
        harness.get_by_label(label);
    }
    harness.snapshot("timeline_many_lanes");
}

#[test]
fn snapshot_compact_bottom_panel() {
    // The size the app's bottom panel starts at.
    let dense = dense_vm(600);
    let mut labelled: Vec<(TimelineItem, String)> = dense
        .items
        .iter()
        .map(|i| (i.clone(), dense.label(i).to_string()))
        .collect();
    let undated = TimelineItem {
        key: EventKey(99_999),
        date: None,
        title: 0,
        slot: KZ,
        lane: 0,
    };
    labelled.push((undated, "Ministerial visit (date unknown)".to_string()));
    let vm = TimelineViewModel {
        lanes: dense.lanes.clone(),
        ..TimelineViewModel::labelled(labelled)
    };
    let state = State {
        panel: TimelinePanel::new(TimelineSettings::default()),
        vm,
        intents: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 230.0))
        .with_theme(egui::Theme::Light)
        .build_ui_state(
            |ui, state: &mut State| {
                state
                    .intents
                    .extend(state.panel.timeline_ui(ui, &state.vm, 1));
            },
            state,
        );
    harness.run();
    // Zoom in three steps about the centre: cards appear.
    for _ in 0..3 {
        harness.get_by_label("+").click();
        harness.run();
    }
    harness.remove_cursor();
    harness.run();
    harness.get_by_label("Ministerial visit (date unknown)");
    harness.snapshot("timeline_compact");
}

#[test]
fn double_click_zooms_in_about_the_pointer() {
    let mut harness = fitted_harness();
    let before = harness.state().panel.axis();
    harness.hover_at(EMPTY_SPOT);
    harness.run();
    // Two clicks within the double-click delay (the harness steps 1/4 s per frame, so the
    // four button events go into one frame).
    harness
        .input_mut()
        .events
        .extend((0..4).map(|k| egui::Event::PointerButton {
            pos: EMPTY_SPOT,
            button: egui::PointerButton::Primary,
            pressed: k % 2 == 0,
            modifiers: egui::Modifiers::NONE,
        }));
    harness.run();
    let after = harness.state().panel.axis();
    assert!(
        (after.days_per_px - before.days_per_px / 2.0).abs() < before.days_per_px * 1e-9,
        "{before:?} -> {after:?}"
    );
}
