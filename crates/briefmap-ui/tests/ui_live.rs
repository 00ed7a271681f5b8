//! A live folder driven as a user would meet it (issue 11 §3): with a folder open, a filter
//! ticked and an event selected, a brief written into the folder by another program shows up
//! by itself with a quiet notice, whole; a deleted one goes — and the filter and the
//! selection stay. With View → the live-folder switch off nothing is picked up; on again,
//! the app catches up.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use briefmap_ui::{BriefmapApp, LIVE_FOLDER_LABEL};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const NEW_BRIEF: &str = "Astana, 14 May 2025 — Kazakhstan and Uzbekistan agreed on Tuesday in \
                         Astana to build a new power line between Shymkent and Tashkent.";

/// Runs frames (in real time: the watcher waits for files to settle) until `done`, at most
/// 20 s; whether it came.
fn run_until(h: &mut Harness<'static, BriefmapApp>, done: impl Fn(&BriefmapApp) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        h.step();
        if done(h.state()) {
            h.step();
            return true;
        }
        std::thread::sleep(Duration::from_millis(40));
    }
    false
}

fn briefs(h: &Harness<'static, BriefmapApp>) -> usize {
    h.state().state.catalog.briefs.len()
}

fn write_slowly(path: &Path, text: &str) {
    // The first half, a pause (shorter than the watcher's quiet spell), then the rest.
    let (head, tail) = text.split_at(text.len() / 2);
    std::fs::write(path, head).expect("write");
    std::thread::sleep(Duration::from_millis(200));
    let mut whole = head.to_string();
    whole.push_str(tail);
    std::fs::write(path, whole).expect("write");
}

#[test]
fn a_brief_written_into_the_open_folder_appears_and_filter_and_selection_stay() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    h.state_mut().watch_folders(true);
    common::settle(&mut h);
    let before = briefs(&h);

    // Tick a country and select an event of it, as a user would.
    common::tick_a_country_of_some_events(&mut h);
    let (key, title) = {
        let s = &h.state().state;
        let row = common::row_with_a_title_of_its_own(s, s.visible()).expect("an event");
        (row.key, row.event.title.clone())
    };
    h.get_by_role_and_label(Role::Label, &title).click();
    common::settle(&mut h);
    assert_eq!(h.state().state.selection, Some(key));
    let filter = h.state().state.settings.filter.clone();

    // Another program writes a brief into the folder, in two goes.
    let new = dir.path().join("zz_new_power_line.txt");
    write_slowly(&new, NEW_BRIEF);
    assert!(
        run_until(&mut h, |app| app.state.catalog.briefs.len() == before + 1),
        "the new brief was not picked up: {}",
        h.state().state.status
    );
    h.get_by_label_contains("1 new brief");
    let s = &h.state().state;
    let brief = s
        .catalog
        .briefs
        .iter()
        .map(|b| &b.brief)
        .find(|b| b.file == new)
        .expect("the new brief");
    assert_eq!(&*brief.text, NEW_BRIEF, "read whole, not half-written");
    assert!(
        brief.places.iter().any(|p| p.name == "Tashkent"),
        "extracted from the whole text: {:?}",
        brief.places
    );
    assert_eq!(s.selection, Some(key), "the selection stays");
    assert_eq!(s.settings.filter, filter, "the filter stays");

    // Deleted by another program: it goes, with a notice.
    std::fs::remove_file(&new).expect("remove");
    assert!(
        run_until(&mut h, |app| app.state.catalog.briefs.len() == before),
        "the deleted brief stayed: {}",
        h.state().state.status
    );
    h.get_by_label_contains("1 brief removed");
    assert_eq!(h.state().state.selection, Some(key));

    // View → the switch off: a brief written now stays out, for as long as it is off ...
    toggle_live_folder(&mut h);
    assert!(h.state().state.settings.live_folder_paused);
    std::fs::write(&new, NEW_BRIEF).expect("write");
    let until = Instant::now() + Duration::from_millis(2500);
    while Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(40));
    }
    assert_eq!(briefs(&h), before, "nothing is picked up while it is off");
    // ... and on again, the app catches up.
    toggle_live_folder(&mut h);
    assert!(
        run_until(&mut h, |app| app.state.catalog.briefs.len() == before + 1),
        "not caught up: {}",
        h.state().state.status
    );
    h.get_by_label_contains("1 new brief");
}

fn toggle_live_folder(h: &mut Harness<'static, BriefmapApp>) {
    h.get_by_role_and_label(Role::Button, "View").click();
    common::settle(h);
    h.get_by_label(LIVE_FOLDER_LABEL).click();
    common::settle(h);
    h.key_press(egui::Key::Escape);
    common::settle(h);
}
