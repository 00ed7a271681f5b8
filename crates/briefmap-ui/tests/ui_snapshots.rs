//! Rendered snapshots of the main views (CPU rendering via wgpu/lavapipe). The reference PNGs
//! live in `tests/snapshots/`; regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots`.

mod common;

use briefmap_core::app::{Command, Facet};
use briefmap_ui::{apply, demo_event, demo_filter, settle};

#[test]
fn snapshots_of_the_main_views() {
    let dir = common::briefs_copy();
    let mut h = common::harness(dir.path());
    h.snapshot("app_main_window");

    let (country, org) = demo_filter(h.state()).expect("facets");
    apply(
        &mut h,
        Command::SetFacet {
            facet: Facet::Country,
            value: country,
            selected: true,
        },
    );
    apply(
        &mut h,
        Command::SetFacet {
            facet: Facet::Organization,
            value: org,
            selected: true,
        },
    );
    h.snapshot("app_filtered");
    apply(&mut h, Command::ClearFilters);

    let key = demo_event(h.state()).expect("an event with places");
    apply(&mut h, Command::Select(Some(key)));
    h.snapshot("app_details");

    h.state_mut().start_editing();
    if let Some(draft) = h.state_mut().draft_mut() {
        draft.date_text = "2025-03".into();
    }
    settle(&mut h);
    h.snapshot("app_edit");

    // Light theme, too.
    apply(&mut h, Command::Select(None));
    apply(
        &mut h,
        Command::SetTheme(briefmap_core::app::state::Theme::Light),
    );
    h.snapshot("app_light");
}
