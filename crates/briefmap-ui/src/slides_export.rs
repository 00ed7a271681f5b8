//! `briefmap slides`: every slide of a story deck (or of all loaded events) rendered headless
//! to PNG files, and optionally the HTML briefing pack with those slides embedded.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use briefmap_core::app::deck::Deck;
use briefmap_core::app::presentation::Presentation;
use briefmap_core::app::state::Settings;

/// Renders the slides; returns the PNG files written, in slide order.
pub fn write_slides(
    paths: Vec<PathBuf>,
    deck: Option<&Path>,
    out_dir: &Path,
    html: Option<&Path>,
) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let deck = match deck {
        Some(path) => Some(Deck::load(path).map_err(|e| anyhow::anyhow!("{e}"))?),
        None => None,
    };
    let mut harness = super::app_harness(paths, Settings::default());
    let ctx = harness.ctx.clone();
    {
        let app = harness.state_mut();
        let map_settings = app.map.settings();
        let presentation = match &deck {
            Some(deck) => Presentation::from_deck(deck, &app.state.catalog),
            None => Presentation::from_view(&app.state, "All events"),
        };
        app.presenter
            .start(&ctx, presentation, &app.state, map_settings);
    }
    super::settle(&mut harness);
    let count = harness
        .state()
        .presenter
        .running
        .as_ref()
        .map(|r| r.presentation.slide_count())
        .unwrap_or(0);
    let mut written = Vec::with_capacity(count);
    let mut images = Vec::with_capacity(count);
    for index in 0..count {
        if let Some(running) = harness.state_mut().presenter.running.as_mut() {
            running.presentation.go_to(index);
        }
        super::settle(&mut harness);
        let image = harness
            .render()
            .map_err(|e| anyhow::anyhow!("rendering slide {} failed: {e}", index + 1))?;
        let path = out_dir.join(format!("slide-{:03}.png", index + 1));
        image
            .save(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        if html.is_some() {
            let png =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            images.push((format!("Slide {}", index + 1), png));
        }
        written.push(path);
    }
    if let Some(html_path) = html {
        let briefs = briefmap_core::app::export_view::visible_briefs(&harness.state().state);
        let events = briefmap_core::export::flatten(&briefs);
        let title = deck
            .as_ref()
            .map(|d| d.name.as_str())
            .unwrap_or("briefmap briefing");
        let page = briefmap_core::export::html::html_pack(&events, title, &images);
        briefmap_core::sources::write_file(html_path, page.as_bytes())?;
    }
    Ok(written)
}
