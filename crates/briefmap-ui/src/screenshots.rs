//! Headless rendering of the main window (egui_kittest + wgpu on the CPU): the harness the UI
//! tests drive, and `write_screenshots` for `briefmap screenshot --out DIR`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use egui_kittest::Harness;

use briefmap_core::app::presentation::SlidePosition;
use briefmap_core::app::state::Settings;
use briefmap_core::app::{Command, EventKey, Facet};
use briefmap_core::text::shown::shown_path;

use super::BriefmapApp;

/// Window size of screenshots and snapshot tests, in points.
pub const WINDOW_SIZE: [f32; 2] = [1440.0, 900.0];

/// A headless window showing `paths`, loaded and settled.
pub fn app_harness(paths: Vec<PathBuf>, settings: Settings) -> Harness<'static, BriefmapApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW_SIZE)
        .with_pixels_per_point(1.0)
        .with_max_steps(64)
        .wgpu()
        .build_eframe(move |cc| {
            let mut app = BriefmapApp::with_settings(
                &cc.egui_ctx,
                settings,
                Default::default(),
                Default::default(),
            );
            app.open(&cc.egui_ctx, paths);
            app.wait_for_loading(&cc.egui_ctx);
            app
        });
    settle(&mut harness);
    harness
}

/// Runs frames until the UI is still (animations such as fly-to included), within limits.
pub fn settle(harness: &mut Harness<'static, BriefmapApp>) {
    harness.run_steps(2);
    // `Err` only says that something still animates (a spinner, a map flight) after the
    // harness's step budget: not a failure, the steps below draw whatever is on screen.
    if harness.try_run_realtime().is_err() {
        harness.run_steps(2);
    }
    harness.run_steps(2);
}

/// Applies a command to the app inside the harness, as a click would.
pub fn apply(harness: &mut Harness<'static, BriefmapApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    settle(harness);
}

/// The one headless renderer: draws what the harness shows (CPU, through wgpu) and writes it
/// to `path` as PNG through the one writer (screenshots, slides, tests); returns the PNG.
pub fn render_png(
    harness: &mut Harness<'static, BriefmapApp>,
    path: &Path,
) -> anyhow::Result<Vec<u8>> {
    let image = harness
        .render()
        .map_err(|e| anyhow::anyhow!("rendering {} failed: {e}", path.display()))?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .with_context(|| format!("cannot encode {}", shown_path(path)))?;
    briefmap_core::sources::write_file(path, &png)?;
    Ok(png)
}

fn save(
    harness: &mut Harness<'static, BriefmapApp>,
    out_dir: &Path,
    name: &str,
) -> anyhow::Result<()> {
    render_png(harness, &out_dir.join(name)).map(drop)
}

/// A country and an organisation that narrow the bundled briefs to a few events.
pub fn demo_filter(app: &BriefmapApp) -> Option<(String, String)> {
    let facets = &app.state.derived.filtered.facets;
    let country = facets.get(&Facet::Country)?.first()?.value.clone();
    let org = facets.get(&Facet::Organization)?.first()?.value.clone();
    Some((country, org))
}

/// The event the detail screenshots show: the first dated one with places and evidence.
pub fn demo_event(app: &BriefmapApp) -> Option<EventKey> {
    let catalog = &app.state.catalog;
    app.state
        .visible()
        .iter()
        .map(|&i| catalog.row_at(i))
        .find(|r| r.event.date.is_some() && !r.places.is_empty() && !r.event.evidence.is_empty())
        .map(|r| r.key)
}

/// Renders the main window (all bundled briefs), a filtered view, the detail panel with
/// highlighted evidence, and an edit in progress to PNG files in `out_dir`.
pub fn write_screenshots(out_dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", shown_path(out_dir)))?;
    // Work on a copy so that nothing (not even a sidecar) in the bundled data changes.
    let copy = tempfile::tempdir().context("cannot create a temporary folder")?;
    let briefs = super::bundled_briefs_dir();
    for entry in std::fs::read_dir(&briefs)
        .with_context(|| format!("cannot read {}", shown_path(&briefs)))?
    {
        let path = entry?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, copy.path().join(name))?;
        }
    }
    let mut harness = app_harness(vec![copy.path().to_path_buf()], Settings::default());
    save(&mut harness, out_dir, "main_window.png")?;

    if let Some((country, org)) = demo_filter(harness.state()) {
        apply(
            &mut harness,
            Command::SetFacet {
                facet: Facet::Country,
                value: country,
                selected: true,
            },
        );
        apply(
            &mut harness,
            Command::SetFacet {
                facet: Facet::Organization,
                value: org,
                selected: true,
            },
        );
    }
    save(&mut harness, out_dir, "filtered.png")?;
    apply(&mut harness, Command::ClearFilters);

    let event = demo_event(harness.state()).context("no event with places to show")?;
    apply(&mut harness, Command::Select(Some(event)));
    save(&mut harness, out_dir, "details.png")?;

    harness.state_mut().start_editing();
    if let Some(draft) = harness.state_mut().draft_mut() {
        draft.date_text = "2025-03".into();
        draft.place_query = "Aktau".into();
    }
    settle(&mut harness);
    save(&mut harness, out_dir, "edit.png")?;

    // Presentation mode: the title slide and an event slide (src/ui/presentation.rs).
    write_presentation_screenshots(&mut harness, out_dir)?;
    drop(harness);

    // A saved view, and the Views menu listing it (src/ui/views_menu.rs).
    let mut harness = app_harness(vec![copy.path().to_path_buf()], Settings::default());
    write_saved_view_screenshot(&mut harness, out_dir)?;
    Ok(())
}

/// Saves what the window shows, with the map's and the timeline's extent, as `name`.
fn save_view_on_screen(harness: &mut Harness<'static, BriefmapApp>, name: String) {
    let (map, timeline) = (
        harness.state().map.extent(),
        harness.state().timeline.window(),
    );
    apply(
        harness,
        Command::SaveView {
            name,
            map: Some(map),
            timeline,
        },
    );
}

/// Filters the window, saves the view, and renders the open Views menu (`saved_view.png`).
pub fn write_saved_view_screenshot(
    harness: &mut Harness<'static, BriefmapApp>,
    out_dir: &Path,
) -> anyhow::Result<()> {
    use egui_kittest::kittest::Queryable as _;
    save_view_on_screen(harness, "All events".into());
    let (country, org) = demo_filter(harness.state()).context("nothing to filter on")?;
    let name = format!(
        "{} · {org}",
        harness.state().state.catalog.country_label(&country)
    );
    apply(
        harness,
        Command::SetFacet {
            facet: Facet::Country,
            value: country,
            selected: true,
        },
    );
    apply(
        harness,
        Command::SetFacet {
            facet: Facet::Organization,
            value: org,
            selected: true,
        },
    );
    if let Some(event) = demo_event(harness.state()) {
        apply(harness, Command::Select(Some(event)));
    }
    save_view_on_screen(harness, name);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Views")
        .click();
    settle(harness);
    save(harness, out_dir, "saved_view.png")
}

/// Renders the title slide and the first event slide with a place (screenshots).
pub fn write_presentation_screenshots(
    harness: &mut Harness<'static, BriefmapApp>,
    out_dir: &std::path::Path,
) -> anyhow::Result<()> {
    apply(harness, Command::PresentView);
    render_to(harness, out_dir, "presentation_title.png")?;
    let with_place = harness
        .state()
        .state
        .presenting
        .as_ref()
        .and_then(|p| {
            (0..p.presentation.events.len())
                .find(|&i| !p.view.focus_at(SlidePosition::Event(i)).is_empty())
        })
        .unwrap_or(0);
    apply(harness, Command::GoToSlide(with_place + 1));
    render_to(harness, out_dir, "presentation_slide.png")?;
    apply(harness, Command::StopPresenting);
    Ok(())
}

fn render_to(
    harness: &mut Harness<'static, BriefmapApp>,
    out_dir: &std::path::Path,
    name: &str,
) -> anyhow::Result<()> {
    render_png(harness, &out_dir.join(name)).map(drop)
}
