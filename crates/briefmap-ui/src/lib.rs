//! briefmap's shell (egui/eframe, walkers, rfd): the main window with linked timeline, map,
//! event list, filters and details, the edit form, the deck window, presentation mode, and the
//! one headless renderer (screenshots, slides, snapshot tests).
//!
//! Each frame it polls the loader, gathers the core's view models, draws the panels, and hands
//! the commands they return to `BriefmapApp::apply`, which gives them to
//! `AppState::apply` and carries out the effects: file effects through the core's
//! `app::effects`, view effects (fly the map, scroll, full screen, start a load) here.
//!
//! May depend on: `briefmap-core` and the UI crates. Holds no domain logic, reads and writes
//! no user file itself, and never changes `AppState` except through `apply`.

pub mod map;
pub mod timeline;

mod app;
mod deck_panel;
mod details;
mod dialogs;
mod edit_form;
mod event_list;
pub mod export_menu;
mod filters_panel;
pub mod fonts;
mod loader;
mod palette;
pub mod presentation;
mod screenshots;
pub mod slides_export;
mod top_bar;
pub mod views_menu;

use std::path::PathBuf;

pub use app::BriefmapApp;
pub use edit_form::{DraftTarget, EditDraft};
pub use screenshots::{
    WINDOW_SIZE, app_harness, apply, demo_event, demo_filter, render_png, settle,
    write_presentation_screenshots, write_screenshots,
};
pub use top_bar::{LIVE_FOLDER_LABEL, START_ONLINE_LABEL};

/// Opens the briefmap window on `paths` (files or folders).
pub fn run_gui(paths: Vec<PathBuf>, cache: briefmap_core::corpus::CacheMode) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("briefmap")
            .with_app_id("briefmap")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "briefmap",
        options,
        Box::new(move |cc| Ok(Box::new(BriefmapApp::new(cc, paths, cache)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

pub use briefmap_core::paths::bundled_briefs_dir;
