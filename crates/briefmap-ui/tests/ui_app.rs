//! Drives the real app headless, by the labels a user sees: loading the bundled briefs,
//! filtering, linked selection, correcting a date (saved, surviving reload, undone).

mod common;

use std::collections::BTreeSet;

use briefmap_core::app::Facet;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_bundled_briefs_load_into_list_timeline_and_map() {
    let dir = common::briefs_copy();
    let h = common::harness(dir.path());
    let app = h.state();
    let n = app.state.catalog.len();
    assert!(
        app.state.catalog.briefs.len() >= 5,
        "all bundled briefs load"
    );
    assert!(n >= 5, "events are extracted");
    h.get_by_label(&format!("{n} of {n} events"));
    assert_eq!(
        app.timeline_view().items.len(),
        n,
        "every event is on the timeline (undated in the tray)"
    );
    assert!(!app.map_view().markers.is_empty(), "places are on the map");
    // The list shows the events (titles are the accessible names of the title cells).
    let first = app.state.catalog.row_at(app.state.visible()[0]);
    assert!(h.query_all_by_label(&first.event.title).count() >= 1);
}

#[test]
fn filtering_by_a_country_and_a_company_narrows_every_view() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let total = h.state().state.catalog.len();
    let kz = h.state().state.catalog.country_label("KZ");
    h.get_by_role_and_label(Role::CheckBox, &kz).click();
    common::settle(&mut h);
    let after_country = h.state().state.visible().len();
    assert!(after_country > 0 && after_country <= total);
    // A company that some (not necessarily all) Kazakh events involve.
    let org = h.state().state.derived.filtered.facets[&Facet::Organization]
        .iter()
        .find(|v| v.count > 0)
        .expect("an organisation among the Kazakh events")
        .label
        .clone();
    h.get_by_role_and_label(Role::CheckBox, &org).click();
    common::settle(&mut h);

    let app = h.state();
    let state = &app.state;
    let visible: Vec<_> = state
        .visible()
        .iter()
        .map(|&i| state.catalog.row_at(i))
        .collect();
    assert!(!visible.is_empty() && visible.len() <= after_country);
    for row in &visible {
        assert!(
            row.event.countries.iter().any(|c| c == "KZ"),
            "{} is not about Kazakhstan",
            row.event.title
        );
        assert!(
            row.event.organizations.contains(&org),
            "{} does not involve {org}",
            row.event.title
        );
    }
    h.get_by_label(&format!("{} of {total} events", visible.len()));
    // Timeline: exactly the filtered events.
    let timeline: BTreeSet<_> = app.timeline_view().items.iter().map(|i| i.key).collect();
    let expected: BTreeSet<_> = visible.iter().map(|r| r.key).collect();
    assert_eq!(timeline, expected);
    // Map: exactly the places of the filtered events.
    let markers: BTreeSet<_> = app.map_view().markers.iter().map(|m| m.key).collect();
    let places: BTreeSet<_> = visible
        .iter()
        .flat_map(|r| {
            r.places
                .iter()
                .map(|&p| state.catalog.places[p as usize].key)
        })
        .collect();
    assert_eq!(markers, places);
    // List: a filtered-out event's title is gone.
    if let Some(gone) = state.catalog.rows().find(|r| {
        !expected.contains(&r.key) && !visible.iter().any(|v| v.event.title == r.event.title)
    }) {
        assert!(
            h.query_by_label(&gone.event.title).is_none(),
            "{} is still listed",
            gone.event.title
        );
    }

    // One click clears everything.
    h.get_by_label("Clear filters").click();
    common::settle(&mut h);
    assert_eq!(h.state().state.visible().len(), total);
}

#[test]
fn selecting_an_event_in_the_list_centres_the_map_on_its_place() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let (key, title, point) = {
        let state = &h.state().state;
        let row = state
            .visible()
            .iter()
            .map(|&i| state.catalog.row_at(i))
            .find(|r| {
                r.places.len() == 1
                    && state
                        .catalog
                        .rows()
                        .filter(|o| o.event.title == r.event.title)
                        .count()
                        == 1
            })
            .expect("an event with one place");
        (
            row.key,
            row.event.title.clone(),
            state.catalog.places[row.places[0] as usize].point,
        )
    };
    h.get_by_role_and_label(Role::Label, &title).click();
    common::settle(&mut h);
    let app = h.state();
    assert_eq!(app.state.selection, Some(key));
    let centre = app.map.center();
    assert!(
        centre.distance_km(point) < 5.0,
        "map centre {centre:?} is not at {point:?}"
    );
    assert_eq!(
        app.timeline_view().selected,
        Some(key),
        "the timeline shows the selection"
    );
    assert!(
        app.map_view().markers.iter().any(|m| m.selected),
        "the map marks the place"
    );
    // Details show the event's evidence section.
    h.get_by_label("Brief text (evidence highlighted)");

    // Esc clears the selection, arrows step through events in time order.
    h.key_press(Key::Escape);
    common::settle(&mut h);
    assert_eq!(h.state().state.selection, None);
    h.key_press(Key::ArrowDown);
    common::settle(&mut h);
    let first = h.state().state.visible()[0];
    assert_eq!(
        h.state().state.selection,
        Some(h.state().state.catalog.row_at(first).key)
    );
}

#[test]
fn a_corrected_date_is_saved_survives_reload_and_can_be_undone() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let (key, title, file, original) = {
        let state = &h.state().state;
        let row = common::row_with_a_title_of_its_own(state, state.visible()).expect("an event");
        (
            row.key,
            row.event.title.clone(),
            state.catalog.brief_of(&row).file.clone(),
            row.event.date,
        )
    };
    let sidecar_before = common::sidecar(dir.path(), &file);

    h.get_by_role_and_label(Role::Label, &title).click();
    common::settle(&mut h);
    h.get_by_label("Edit event").click();
    common::settle(&mut h);
    let date = h.get_by_role_and_label(Role::TextInput, "Date");
    date.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Date")
        .type_text("2019-07-14");
    common::settle(&mut h);
    assert_eq!(
        h.state().draft().map(|d| d.date_text.as_str()),
        Some("2019-07-14")
    );
    h.get_by_label("Save changes").click();
    common::settle(&mut h);

    let expected = briefmap_core::model::DateRange::parse_iso("2019-07-14");
    assert_eq!(
        h.state().state.catalog.row(key).and_then(|r| r.event.date),
        expected
    );
    // Saved in the sidecar, next to the fields that were already there.
    let saved = common::sidecar(dir.path(), &file);
    let corrections = &saved["corrections"];
    assert_eq!(corrections["version"], 1);
    assert_eq!(corrections["events"][0]["date"]["start"], "2019-07-14");
    assert_eq!(corrections["events"][0]["date"]["precision"], "day");
    for (k, v) in sidecar_before.as_object().expect("object") {
        assert_eq!(&saved[k], v, "field {k} of the sidecar must be kept");
    }

    // File → Reload re-extracts; the correction is applied again.
    h.get_by_role_and_label(Role::Button, "File").click();
    common::settle(&mut h);
    h.get_by_label("Reload").click();
    let ctx = h.ctx.clone();
    h.state_mut().wait_for_loading(&ctx);
    common::settle(&mut h);
    let row = h
        .state()
        .state
        .catalog
        .row(key)
        .expect("same event after reload");
    assert_eq!(row.event.date, expected);
    assert!(row.corrected);

    // Ctrl+Z undoes it, in the app and on disk.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    common::settle(&mut h);
    assert_eq!(
        h.state().state.catalog.row(key).and_then(|r| r.event.date),
        original
    );
    let saved = common::sidecar(dir.path(), &file);
    assert_eq!(saved["corrections"]["events"], serde_json::json!([]));
    // …and Ctrl+Shift+Z redoes it.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    common::settle(&mut h);
    assert_eq!(
        h.state().state.catalog.row(key).and_then(|r| r.event.date),
        expected
    );
}

#[test]
fn a_broken_sidecar_is_reported_and_never_overwritten() {
    let dir = common::briefs_copy();
    let brief = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a brief");
    let sidecar = brief.with_extension("json");
    std::fs::write(&sidecar, "{ this is not json").expect("write");
    let mut h = common::harness(dir.path());
    // The brief may or may not load (the core decides); the app must not touch the file.
    let key = {
        let state = &h.state().state;
        state
            .catalog
            .rows()
            .find(|r| state.catalog.brief_of(r).file == brief)
            .map(|r| r.key)
    };
    if let Some(key) = key {
        let ctx = h.ctx.clone();
        h.state_mut().apply(
            &ctx,
            briefmap_core::app::Command::EditEvent(
                key,
                briefmap_core::app::EventEdit {
                    title: Some("changed".into()),
                    ..Default::default()
                },
            ),
        );
        common::settle(&mut h);
    }
    assert_eq!(
        std::fs::read_to_string(&sidecar).expect("read"),
        "{ this is not json"
    );
    assert!(
        h.state()
            .state
            .all_problems()
            .any(|p| p.file == brief || p.file == sidecar),
        "the problem is listed"
    );
}

#[test]
fn ctrl_f_focuses_the_search_box_and_typing_filters() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let total = h.state().state.catalog.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    common::settle(&mut h);
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    assert!(search.is_focused());
    search.type_text("Ashgabat");
    common::settle(&mut h);
    let shown = h.state().state.visible().len();
    assert!(shown > 0 && shown < total, "{shown} of {total}");
}

/// An eframe storage in memory.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn filters_theme_and_map_position_survive_a_restart() {
    use briefmap_core::app::state::{Settings, Theme};
    use eframe::App as _;
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let kz = h.state().state.catalog.country_label("KZ");
    h.get_by_role_and_label(Role::CheckBox, &kz).click();
    common::settle(&mut h);
    h.get_by_label("☀ Light").click();
    common::settle(&mut h);
    let visible = h.state().state.visible().len();
    let centre = h.state().map.center();
    let mut storage = MemoryStorage::default();
    h.state_mut().save(&mut storage);

    let settings: Settings =
        eframe::get_value(&storage, "briefmap.settings").expect("settings saved");
    assert_eq!(settings.theme, Theme::Light);
    assert!(settings.filter.is_selected(Facet::Country, "KZ"));
    let map: briefmap_ui::map::MapSettings =
        eframe::get_value(&storage, "briefmap.map").expect("map saved");
    assert!(map.center.distance_km(centre) < 1.0);

    let restarted = briefmap_ui::app_harness(vec![dir.path().to_path_buf()], settings);
    assert_eq!(restarted.state().state.visible().len(), visible);
    restarted.get_by_role_and_label(Role::CheckBox, &kz);
    restarted.get_by_label("☾ Dark");
}

#[test]
fn a_brief_pasted_from_the_clipboard_is_saved_and_loaded() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let briefs = h.state().state.catalog.briefs.len();
    h.get_by_role_and_label(Role::Button, "File").click();
    common::settle(&mut h);
    h.get_by_label("New brief from clipboard text…").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::MultilineTextInput, "Brief text")
        .focus();
    h.get_by_role_and_label(Role::MultilineTextInput, "Brief text")
        .type_text("ASHGABAT, March 3. Turkmenistan and Kazakhstan signed a gas supply agreement in Ashgabat.");
    h.get_by_role_and_label(Role::TextInput, "Published")
        .focus();
    h.get_by_role_and_label(Role::TextInput, "Published")
        .type_text("2025-03-03");
    common::settle(&mut h);
    h.get_by_label("Create brief").click();
    common::settle(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut().wait_for_loading(&ctx);
    common::settle(&mut h);
    assert_eq!(h.state().state.catalog.briefs.len(), briefs + 1);
    let pasted = h
        .state()
        .state
        .catalog
        .briefs
        .iter()
        .map(|b| b.brief.file.clone())
        .find(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("pasted-"))
        })
        .expect("the pasted brief is loaded");
    assert!(
        pasted.starts_with(dir.path()),
        "saved beside the opened briefs"
    );
    assert_eq!(
        common::sidecar(dir.path(), &pasted)["published"],
        "2025-03-03"
    );
}

#[test]
fn reviewing_and_deleting_an_event_are_saved_and_undoable() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let total = h.state().state.catalog.len();
    h.key_press(Key::ArrowDown);
    common::settle(&mut h);
    let key = h.state().state.selection.expect("selected");
    let file = {
        let s = &h.state().state;
        s.catalog
            .brief_of(&s.catalog.row(key).expect("row"))
            .file
            .clone()
    };
    h.get_by_role_and_label(Role::CheckBox, "Reviewed").click();
    common::settle(&mut h);
    assert!(h.state().state.catalog.row(key).expect("row").reviewed);
    assert_eq!(
        common::sidecar(dir.path(), &file)["corrections"]["events"][0]["reviewed"],
        true
    );
    h.get_by_label("Delete event").click();
    common::settle(&mut h);
    assert!(h.state().state.catalog.row(key).is_none());
    assert_eq!(h.state().state.catalog.len(), total - 1);
    assert_eq!(
        common::sidecar(dir.path(), &file)["corrections"]["events"][0]["deleted"],
        true
    );
    h.get_by_label("Undo").click();
    common::settle(&mut h);
    assert!(h.state().state.catalog.row(key).is_some());
}

#[test]
fn the_search_box_finds_words_of_the_brief_text_and_the_details_highlight_them() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    common::settle(&mut h);
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    // A word of one brief's text only ("gasification"), typed in part.
    search.type_text("Gasificat");
    common::settle(&mut h);
    let state = &h.state().state;
    let shown: Vec<u32> = state.visible().to_vec();
    assert!(
        !shown.is_empty(),
        "the brief's events are found by its text"
    );
    let briefs: BTreeSet<u32> = shown
        .iter()
        .map(|&r| state.catalog.store.brief(r))
        .collect();
    assert_eq!(briefs.len(), 1, "{briefs:?}");
    let brief = &state.catalog.briefs[*briefs.first().expect("one") as usize].brief;
    assert!(brief.text.to_lowercase().contains("gasification"));
    // No title or name says it: the text did.
    assert!(shown.iter().all(|&r| {
        !state
            .catalog
            .store
            .title(r)
            .to_lowercase()
            .contains("gasificat")
    }));
    let title = state.catalog.store.title(shown[0]).to_string();
    // The title is on the list and on the timeline: either selects the event.
    h.get_all_by_label(&title)
        .next()
        .expect("the event is shown")
        .click();
    common::settle(&mut h);
    assert!(h.state().state.selection.is_some());
    h.get_by_label_contains("matching the search");
    // Cleared, the search shows everything again and the details no longer count matches.
    h.get_by_role_and_label(Role::Button, "✖ Clear").click();
    common::settle(&mut h);
    assert_eq!(
        h.state().state.visible().len(),
        h.state().state.catalog.len()
    );
    assert!(h.query_by_label_contains("matching the search").is_none());
}

#[test]
fn a_load_shows_files_found_extracted_and_from_cache_and_can_be_cancelled() {
    use briefmap_core::app::Command;
    use briefmap_core::corpus::Progress;
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::LoadStarted);
    h.state_mut().apply(
        &ctx,
        Command::LoadProgress(Progress {
            found: 10,
            extracted: 3,
            from_cache: 4,
            failed: 0,
            importing: 0,
        }),
    );
    // The spinner keeps repainting: a few frames, not "until settled".
    h.run_steps(3);
    h.get_by_label_contains("7 of 10 files");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_steps(3);
    assert!(h.state().state.loading.is_none());
    h.get_by_label("Loading cancelled");
    assert!(h.query_by_role_and_label(Role::Button, "Cancel").is_none());
    // An import names what it does, not "0/0".
    h.state_mut().apply(&ctx, Command::LoadStarted);
    h.state_mut().apply(
        &ctx,
        Command::LoadProgress(Progress {
            importing: 1,
            ..Progress::default()
        }),
    );
    h.run_steps(3);
    h.get_by_label_contains("Importing 1 event file");
}
