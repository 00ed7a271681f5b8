//! Helpers shared by the UI tests: a temporary copy of the bundled briefs and the harness.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use briefmap_core::app::state::Settings;
use briefmap_core::app::{AppState, EventRow, Facet};
use briefmap_ui::BriefmapApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A temporary copy of `data/briefs` (tests may write sidecars into it).
pub fn briefs_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = briefmap_ui::bundled_briefs_dir();
    for entry in std::fs::read_dir(&src).expect("data/briefs") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

pub fn harness(dir: &Path) -> Harness<'static, BriefmapApp> {
    briefmap_ui::app_harness(vec![dir.to_path_buf()], Settings::default())
}

pub fn settle(h: &mut Harness<'static, BriefmapApp>) {
    briefmap_ui::settle(h);
}

pub fn sidecar(dir: &Path, brief: &Path) -> serde_json::Value {
    let path: PathBuf = dir
        .join(brief.file_name().expect("name"))
        .with_extension("json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("sidecar is JSON")
}

/// Ticks, in the filters panel, a country that some but not all events have; returns its label.
pub fn tick_a_country_of_some_events(h: &mut Harness<'static, BriefmapApp>) -> String {
    let total = h.state().state.catalog.len();
    let country = h.state().state.derived.filtered.facets[&Facet::Country]
        .iter()
        .find(|v| v.count > 1 && v.count < total)
        .expect("a country of some of the events")
        .label
        .clone();
    h.get_by_role_and_label(Role::CheckBox, &country).click();
    settle(h);
    country
}

/// The first of `rows` whose title no other event has (its label then finds it alone).
pub fn row_with_a_title_of_its_own(state: &AppState, rows: &[u32]) -> Option<EventRow> {
    rows.iter().map(|&i| state.catalog.row_at(i)).find(|r| {
        state
            .catalog
            .rows()
            .filter(|o| o.event.title == r.event.title)
            .count()
            == 1
    })
}
