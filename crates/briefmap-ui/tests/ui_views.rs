//! Saved views driven as a user would (issue 11 §4): filter, brush, colour, select; save the
//! view from the Views menu under a typed name; change everything; recall it from the menu and
//! find filters, brush, colouring, selection, map extent and timeline window back; copy it as
//! text and paste it into a fresh window; a broken views file is a problem, never overwritten.

mod common;

use briefmap_core::app::colour::ColourBy;
use briefmap_core::app::saved_view::{SHARE_PREFIX, VIEWS_FILE_NAME, ViewsFile};
use briefmap_ui::BriefmapApp;
use briefmap_ui::views_menu::{PASTE_VIEW_LABEL, SAVE_VIEW_LABEL};
use egui::accesskit::Role;
use egui::{Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const VIEW_NAME: &str = "Kazakh events";

fn open_views_menu(h: &mut Harness<'static, BriefmapApp>) {
    h.get_by_role_and_label(Role::Button, "Views").click();
    common::settle(h);
}

/// Shift+drag across the timeline's plot, from `x0` to `x1` (a brush).
fn shift_drag_timeline(h: &mut Harness<'static, BriefmapApp>, x0: f32, x1: f32) {
    let y = h.get_by_label("Fit all").rect().max.y + 70.0;
    let start = egui::pos2(x0, y);
    h.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    h.hover_at(start);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    h.run();
    let steps = 6;
    for i in 1..=steps {
        h.hover_at(start + Vec2::new((x1 - x0) * i as f32 / steps as f32, 0.0));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(x1, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    common::settle(h);
}

/// Opens the toolbar's "Colour by" list and picks `choice` (the entry right below the list,
/// not an event-list column of the same name).
fn choose_colour_by(h: &mut Harness<'static, BriefmapApp>, choice: ColourBy) {
    let combo = h.get_by_label("Colour by").rect();
    h.get_by_label("Colour by").click();
    common::settle(h);
    h.get_all_by_label(choice.label())
        .min_by_key(|n| (n.rect().min.distance(combo.left_bottom()) * 10.0) as i64)
        .expect("the choice")
        .click();
    common::settle(h);
}

/// Views → Save current view…, type the name, Save.
fn save_view_as(h: &mut Harness<'static, BriefmapApp>, name: &str) {
    open_views_menu(h);
    h.get_by_label(SAVE_VIEW_LABEL).click();
    common::settle(h);
    let field = h.get_by_label("View name");
    field.focus();
    field.type_text(name);
    common::settle(h);
    h.get_by_role_and_label(Role::Button, "Save").click();
    common::settle(h);
}

#[test]
fn a_view_saved_from_the_menu_comes_back_after_everything_changed() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let total = h.state().state.catalog.len();

    // Filter by a country, brush a stretch of the timeline, colour by kind, select an event.
    common::tick_a_country_of_some_events(&mut h);
    shift_drag_timeline(&mut h, 200.0, 1200.0);
    // Zoom the timeline in once (its own "+", not the map's).
    let fit_y = h.get_by_label("Fit all").rect().center().y;
    h.get_all_by_label("+")
        .find(|n| (n.rect().center().y - fit_y).abs() < 4.0)
        .expect("the timeline's zoom-in button")
        .click();
    common::settle(&mut h);
    choose_colour_by(&mut h, ColourBy::Kind);
    let (key, title) = {
        let state = &h.state().state;
        let row = common::row_with_a_title_of_its_own(state, &state.derived.brushed)
            .expect("a brushed event with a title of its own");
        (row.key, row.event.title.clone())
    };
    h.get_by_role_and_label(Role::Label, &title).click();
    common::settle(&mut h);
    let (filter, brush, colour_by, brushed) = {
        let s = &h.state().state;
        assert_eq!(s.selection, Some(key));
        assert!(s.brush.is_some(), "the Shift+drag brushed a time range");
        assert_eq!(s.settings.colour_by, ColourBy::Kind);
        assert!(s.visible().len() < total);
        (
            s.filter().clone(),
            s.brush,
            s.settings.colour_by,
            s.derived.brushed.clone(),
        )
    };
    let map = h.state().map.extent();
    let window = h.state().timeline.window().expect("the timeline was drawn");

    save_view_as(&mut h, VIEW_NAME);
    let file = dir.path().join(VIEWS_FILE_NAME);
    let saved = ViewsFile::load(&file).expect("the views file beside the briefs");
    assert_eq!(saved.views.len(), 1);
    assert_eq!(saved.views[0].name, VIEW_NAME);
    assert!(
        h.query_by_label("View name").is_none(),
        "the Save view window closed"
    );

    // Change everything: clear the filters, colour by country, pan the timeline, fit the map,
    // select nothing.
    h.get_by_label("Clear filters").click();
    common::settle(&mut h);
    choose_colour_by(&mut h, ColourBy::Country);
    h.key_press(egui::Key::Escape);
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "View").click();
    common::settle(&mut h);
    h.get_by_label("Fit map to events").click();
    common::settle(&mut h);
    h.get_by_label("Fit all").click();
    common::settle(&mut h);
    {
        let app = h.state();
        assert_eq!(app.state.visible().len(), total);
        assert_eq!(app.state.selection, None);
        assert_ne!(app.map.extent(), map, "the map moved");
        assert_ne!(app.timeline.window(), Some(window), "the timeline moved");
    }

    // Views → the view's name brings all of it back.
    open_views_menu(&mut h);
    h.get_by_role_and_label(Role::Button, VIEW_NAME).click();
    common::settle(&mut h);
    let app = h.state();
    let s = &app.state;
    assert_eq!(s.filter(), &filter);
    assert_eq!(s.brush, brush);
    assert_eq!(s.settings.colour_by, colour_by);
    assert_eq!(s.selection, Some(key));
    assert_eq!(s.derived.brushed, brushed);
    let now = app.map.extent();
    assert!(
        now.center.distance_km(map.center) < 0.01 && (now.zoom_level - map.zoom_level).abs() < 1e-9,
        "map {now:?} is not the saved {map:?}"
    );
    assert_eq!(app.timeline.window(), Some(window));
    assert_eq!(
        app.timeline_view().selected,
        Some(key),
        "the timeline shows the selection"
    );
    // The menu marks the view shown.
    open_views_menu(&mut h);
    h.get_by_role_and_label(Role::Button, &format!("✔ {VIEW_NAME}"));
}

#[test]
fn a_view_copied_as_text_opens_in_another_window_and_bad_text_says_why() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let kz = h.state().state.catalog.country_label("KZ");
    h.get_by_role_and_label(Role::CheckBox, &kz).click();
    common::settle(&mut h);
    h.key_press(egui::Key::ArrowDown);
    common::settle(&mut h);
    let (filter, selected) = (
        h.state().state.filter().clone(),
        h.state().state.selection.expect("an event is selected"),
    );
    save_view_as(&mut h, VIEW_NAME);

    // Views → Copy as text puts one line on the clipboard.
    open_views_menu(&mut h);
    h.get_by_label("Copy as text").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the view was copied");
    assert!(copied.starts_with(SHARE_PREFIX), "{copied}");
    assert!(!copied.contains(char::is_whitespace));

    // Another window on another copy of the briefs: Views → Paste view…
    let other = common::briefs_copy();
    let mut h2 = common::harness(other.path());
    assert!(h2.state().state.filter().is_empty());
    open_views_menu(&mut h2);
    h2.get_by_label(PASTE_VIEW_LABEL).click();
    common::settle(&mut h2);
    // First something that is not a view: the window stays and says why.
    let field = h2.get_by_label("Shared view text");
    field.focus();
    field.type_text("briefmap-view:not*base64");
    common::settle(&mut h2);
    h2.get_by_role_and_label(Role::Button, "Open").click();
    common::settle(&mut h2);
    assert!(h2.state().state.filter().is_empty());
    assert!(
        h2.query_by_label_contains("damaged").is_some(),
        "the error is shown"
    );
    // Then the copied text.
    let field = h2.get_by_label("Shared view text");
    field.focus();
    h2.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    field.type_text(&copied);
    common::settle(&mut h2);
    h2.get_by_role_and_label(Role::Button, "Open").click();
    common::settle(&mut h2);
    let s = &h2.state().state;
    assert_eq!(s.filter(), &filter);
    let title = |state: &briefmap_core::app::AppState, k| {
        state.catalog.row(k).map(|r| r.event.title.clone())
    };
    assert_eq!(
        s.selection.and_then(|k| title(s, k)),
        title(&h.state().state, selected),
        "the same event, found in the other folder"
    );
    assert!(
        h2.query_by_label("Shared view text").is_none(),
        "the window closed"
    );
}

#[test]
fn the_next_session_finds_the_view_in_the_menu_and_delete_removes_it() {
    let dir = common::briefs_copy();
    let filter = {
        let mut h = common::harness(dir.path());
        common::tick_a_country_of_some_events(&mut h);
        save_view_as(&mut h, VIEW_NAME);
        h.state().state.filter().clone()
    };
    // A new window on the same folder.
    let mut h = common::harness(dir.path());
    assert!(h.state().state.filter().is_empty());
    open_views_menu(&mut h);
    h.get_by_role_and_label(Role::Button, VIEW_NAME).click();
    common::settle(&mut h);
    assert_eq!(h.state().state.filter(), &filter);
    open_views_menu(&mut h);
    h.get_by_label("Delete").click();
    common::settle(&mut h);
    let file = dir.path().join(VIEWS_FILE_NAME);
    assert_eq!(ViewsFile::load(&file).expect("views file").views, []);
    open_views_menu(&mut h);
    assert!(
        h.query_by_role_and_label(Role::Button, VIEW_NAME).is_none(),
        "gone from the menu"
    );
    h.get_by_label("No saved views yet");
}

#[test]
fn a_broken_views_file_is_a_problem_and_is_left_as_it_is() {
    let dir = common::briefs_copy();
    let file = dir.path().join(VIEWS_FILE_NAME);
    std::fs::write(
        &file,
        "{\"format\": \"briefmap-views\", \"views\": [{\"name\": 7}]}",
    )
    .expect("write");
    let mut h = common::harness(dir.path());
    let problem = h
        .state()
        .state
        .all_problems()
        .find(|p| p.file == file)
        .cloned()
        .expect("the views file is a problem");
    assert!(problem.error.contains(VIEWS_FILE_NAME), "{}", problem.error);
    assert!(
        !h.state()
            .state
            .catalog
            .briefs
            .iter()
            .any(|b| b.brief.file == file),
        "not loaded as a brief or an import"
    );
    save_view_as(&mut h, VIEW_NAME);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "{\"format\": \"briefmap-views\", \"views\": [{\"name\": 7}]}"
    );
    open_views_menu(&mut h);
    assert!(h.query_by_label_contains("Not saved to disk").is_some());
}
