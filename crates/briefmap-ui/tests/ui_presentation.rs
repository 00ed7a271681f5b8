//! Presentation mode driven headless through the real app: enter with the "Present" button or
//! F5, step through the slides with the keys (and a mouse click), check each slide's title and
//! that the map flies to the event's places, jump by number, leave with Esc; build a story deck
//! in its window, reorder it and present it.

mod common;

use briefmap_core::model::GeoPoint;
use briefmap_ui::BriefmapApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The visible events in time order: title and the points of their places.
fn expected_slides(h: &Harness<'static, BriefmapApp>) -> Vec<(String, Vec<GeoPoint>)> {
    let state = &h.state().state;
    state
        .derived
        .brushed
        .iter()
        .map(|&ri| {
            let row = state.catalog.row_at(ri);
            (
                row.event.title.clone(),
                row.places
                    .iter()
                    .map(|&p| state.catalog.places[p as usize].point)
                    .collect(),
            )
        })
        .collect()
}

fn current_title(h: &Harness<'static, BriefmapApp>) -> String {
    let presenting = h.state().state.presenting.as_ref().expect("presenting");
    presenting.view.title_at(presenting.presentation.position())
}

fn map_centre(h: &Harness<'static, BriefmapApp>) -> GeoPoint {
    h.state()
        .presenter
        .running
        .as_ref()
        .expect("presenting")
        .map
        .center()
}

fn press(h: &mut Harness<'static, BriefmapApp>, key: Key) {
    h.key_press(key);
    common::settle(h);
}

/// The map looks at the event: at its place, or inside the box around its places.
fn assert_map_shows(h: &Harness<'static, BriefmapApp>, title: &str, points: &[GeoPoint]) {
    let centre = map_centre(h);
    match points {
        [] => {}
        [one] => assert!(
            centre.distance_km(*one) < 5.0,
            "{title}: map centre {centre:?} is not at {one:?}"
        ),
        many => {
            let (lat0, lat1) = many.iter().fold((90.0f64, -90.0f64), |(a, b), p| {
                (a.min(p.lat), b.max(p.lat))
            });
            let (lon0, lon1) = many.iter().fold((180.0f64, -180.0f64), |(a, b), p| {
                (a.min(p.lon), b.max(p.lon))
            });
            assert!(
                (lat0 - 0.5..=lat1 + 0.5).contains(&centre.lat)
                    && (lon0 - 0.5..=lon1 + 0.5).contains(&centre.lon),
                "{title}: map centre {centre:?} is outside its places {many:?}"
            );
        }
    }
}

#[test]
fn presenting_walks_the_filtered_events_in_time_order_and_esc_leaves() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let slides = expected_slides(&h);
    assert!(slides.len() >= 5, "the bundled briefs give several events");
    assert!(
        slides.iter().filter(|s| !s.1.is_empty()).count() >= 2,
        "some events have places"
    );

    h.get_by_label("Present").click();
    common::settle(&mut h);
    assert!(h.state().presenter.is_presenting());
    // Title slide: the name, the span, counts by country.
    assert_eq!(current_title(&h), "All events");
    h.get_by_label("All events");
    h.get_by_label("Events by country");

    let mut last_centre = map_centre(&h);
    for (i, (title, points)) in slides.iter().enumerate() {
        press(
            &mut h,
            if i % 2 == 0 {
                Key::ArrowRight
            } else {
                Key::Space
            },
        );
        assert_eq!(&current_title(&h), title, "slide {}", i + 1);
        assert!(
            h.query_all_by_label(title).count() >= 1,
            "the title {title} is on screen"
        );
        h.get_by_label(&format!("{} / {}  ·  All events", i + 1, slides.len()));
        assert_map_shows(&h, title, points);
        if !points.is_empty() {
            let centre = map_centre(&h);
            if i > 0
                && slides[i - 1].1 != *points
                && slides[i - 1].1.len() == 1
                && points.len() == 1
            {
                assert!(
                    centre.distance_km(last_centre) > 1.0,
                    "the map moved for {title}"
                );
            }
            last_centre = centre;
        }
    }
    // Back one (←), forward again (PageDown).
    press(&mut h, Key::ArrowLeft);
    assert_eq!(current_title(&h), slides[slides.len() - 2].0);
    assert_map_shows(&h, &slides[slides.len() - 2].0, &slides[slides.len() - 2].1);
    press(&mut h, Key::PageDown);
    assert_eq!(current_title(&h), slides[slides.len() - 1].0);
    // Past the last event: the summary with counts by country and company.
    press(&mut h, Key::ArrowRight);
    assert_eq!(current_title(&h), "Summary");
    h.get_by_label("By country");
    // Home, End, PageUp.
    press(&mut h, Key::Home);
    assert_eq!(current_title(&h), "All events");
    press(&mut h, Key::End);
    assert_eq!(current_title(&h), "Summary");
    press(&mut h, Key::PageUp);
    assert_eq!(current_title(&h), slides[slides.len() - 1].0);
    // Number + Enter jumps to that event slide.
    h.key_press(Key::Num3);
    h.key_press(Key::Enter);
    common::settle(&mut h);
    assert_eq!(current_title(&h), slides[2].0);
    assert_map_shows(&h, &slides[2].0, &slides[2].1);
    // A mouse click on the slide advances.
    h.drag_at(egui::pos2(200.0, 300.0));
    h.run_steps(1);
    h.drop_at(egui::pos2(200.0, 300.0));
    common::settle(&mut h);
    assert_eq!(current_title(&h), slides[3].0, "a click advances");

    // Esc leaves; the main window shows the event that was on screen.
    press(&mut h, Key::Escape);
    assert!(!h.state().presenter.is_presenting());
    let selected = h
        .state()
        .state
        .selection
        .and_then(|k| h.state().state.catalog.row(k))
        .map(|r| r.event.title.clone());
    assert_eq!(selected.as_deref(), Some(slides[3].0.as_str()));
    h.get_by_label("Present");

    // F5 enters too, and the arrows no longer step the main selection while presenting.
    press(&mut h, Key::F5);
    assert!(h.state().presenter.is_presenting());
    assert_eq!(current_title(&h), "All events");
    press(&mut h, Key::Escape);
    assert!(!h.state().presenter.is_presenting());

    // An unsaved filtered view presents just its events, named after the filter.
    let kz = h.state().state.catalog.country_label("KZ");
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, &kz)
        .click();
    common::settle(&mut h);
    let filtered = expected_slides(&h);
    assert!(!filtered.is_empty() && filtered.len() <= slides.len());
    press(&mut h, Key::F5);
    assert_eq!(current_title(&h), kz);
    assert_eq!(
        h.state()
            .state
            .presenting
            .as_ref()
            .map(|p| p.presentation.events.len()),
        Some(filtered.len())
    );
    press(&mut h, Key::End);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(current_title(&h), filtered[filtered.len() - 1].0);
    press(&mut h, Key::Escape);
}

#[test]
fn a_story_deck_is_built_reordered_and_presented_in_its_order() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let slides = expected_slides(&h);
    let keys: Vec<briefmap_core::app::EventKey> = {
        let state = &h.state().state;
        state
            .derived
            .brushed
            .iter()
            .take(3)
            .map(|&ri| state.catalog.row_at(ri).key)
            .collect()
    };
    h.get_by_label("Story deck").click();
    common::settle(&mut h);
    for &key in &keys {
        briefmap_ui::apply(&mut h, briefmap_core::app::Command::Select(Some(key)));
        h.get_by_label("Add selected event").click();
        common::settle(&mut h);
    }
    assert_eq!(h.state().state.deck.deck.slides.len(), 3);
    // Move the third slide up (↑), then drag, then note the first one.
    h.query_all_by_label("↑")
        .last()
        .expect("↑ of slide 3")
        .click();
    common::settle(&mut h);
    // Drag slide 3 (by its ☰ handle) onto slide 1: [0, 2, 1] becomes [1, 0, 2].
    let handles: Vec<egui::Rect> = h.query_all_by_label("☰").map(|n| n.rect()).collect();
    assert_eq!(handles.len(), 3, "one drag handle per slide");
    let (from, to) = (handles[2].center(), handles[0].center());
    h.drag_at(from);
    h.run_steps(2);
    for step in 1..=6 {
        h.hover_at(from + (to - from) * (step as f32 / 6.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    common::settle(&mut h);
    let order: Vec<_> = h
        .state()
        .state
        .deck
        .deck
        .resolve(&h.state().state.catalog)
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        order,
        vec![keys[1], keys[0], keys[2]],
        "dragging reorders the deck"
    );
    let note = h.get_by_label("Note for slide 1");
    note.focus();
    note.type_text("Why it matters");
    common::settle(&mut h);
    assert_eq!(h.state().state.deck.deck.slides[0].note, "Why it matters");

    // Save and reopen through the same code the dialogs use.
    let path = dir.path().join("story.json");
    briefmap_ui::apply(&mut h, briefmap_core::app::Command::DeckSave(path.clone()));
    assert_eq!(h.state().state.deck.path.as_deref(), Some(path.as_path()));
    assert!(!h.state().state.deck.dirty);
    let reopened = briefmap_core::app::deck::Deck::load(&path).expect("deck reopens");
    assert_eq!(reopened.slides.len(), 3);

    h.get_by_label("Present deck").click();
    common::settle(&mut h);
    assert!(h.state().presenter.is_presenting());
    let order = [1usize, 0, 2];
    for &i in &order {
        press(&mut h, Key::ArrowRight);
        assert_eq!(current_title(&h), slides[i].0);
        assert_map_shows(&h, &slides[i].0, &slides[i].1);
    }
    press(&mut h, Key::Home);
    press(&mut h, Key::ArrowRight);
    h.get_by_label("Why it matters");
    press(&mut h, Key::Escape);
    assert!(!h.state().presenter.is_presenting());
}

/// Renders the title and an event slide in both themes (written to `$BRIEFMAP_SLIDES_OUT` when
/// set, to look at them) and checks they show text that contrasts with the background.
#[test]
fn slides_render_in_the_dark_and_the_light_theme() {
    use briefmap_core::app::state::{Settings, Theme};
    let dir = common::briefs_copy();
    for theme in [Theme::Dark, Theme::Light] {
        let mut h = briefmap_ui::app_harness(
            vec![dir.path().to_path_buf()],
            Settings {
                theme,
                ..Default::default()
            },
        );
        if let Some(dest) = std::env::var_os("BRIEFMAP_SLIDES_OUT") {
            let dest = std::path::Path::new(&dest).join(format!("{theme:?}"));
            std::fs::create_dir_all(&dest).expect("output folder");
            briefmap_ui::write_presentation_screenshots(&mut h, &dest).expect("slides render");
            assert!(
                !h.state().presenter.is_presenting(),
                "the screenshots leave presentation mode"
            );
        }
        h.get_by_label("Present").click();
        common::settle(&mut h);
        for slide in ["title", "event"] {
            if slide == "event" {
                press(&mut h, Key::ArrowRight);
            }
            let image = h.render().expect("renders");
            assert_eq!((image.width(), image.height()), (1440, 900));
            let luma = |p: [u8; 4]| {
                0.3 * f32::from(p[0]) + 0.59 * f32::from(p[1]) + 0.11 * f32::from(p[2])
            };
            let background = luma(image.get_pixel(8, 8).0);
            assert_eq!(
                background < 128.0,
                theme == Theme::Dark,
                "{theme:?} slides have a {theme:?} background"
            );
            // The text column: some strongly contrasting (text) pixels.
            let contrasting = (40..520)
                .flat_map(|x| (60..700).map(move |y| (x, y)))
                .filter(|&(x, y)| (luma(image.get_pixel(x, y).0) - background).abs() > 120.0)
                .count();
            assert!(
                contrasting > 2_000,
                "the {slide} slide ({theme:?}) shows little text: {contrasting} pixels"
            );
        }
        if let Some(dest) = std::env::var_os("BRIEFMAP_SLIDES_OUT") {
            press(&mut h, Key::End);
            let path = std::path::Path::new(&dest)
                .join(format!("{theme:?}"))
                .join("presentation_summary.png");
            h.render()
                .expect("renders")
                .save(path)
                .expect("summary written");
        }
        press(&mut h, Key::Escape);
    }
}
