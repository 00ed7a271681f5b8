//! `briefmap slides`: every slide of a story deck (or of all loaded events) rendered headless
//! to PNG files, and optionally the HTML briefing pack with those slides embedded.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use briefmap_core::app::Command;
use briefmap_core::app::deck::Deck;
use briefmap_core::app::state::Settings;
use briefmap_core::text::shown::shown_path;

/// Renders the slides; returns the PNG files written, in slide order.
pub fn write_slides(
    paths: Vec<PathBuf>,
    deck: Option<&Path>,
    out_dir: &Path,
    html: Option<&Path>,
) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", shown_path(out_dir)))?;
    let deck = match deck {
        Some(path) => Some((path.to_path_buf(), Deck::load(path)?)),
        None => None,
    };
    let mut harness = super::app_harness(paths, Settings::default());
    match deck {
        Some((path, deck)) => {
            super::apply(&mut harness, Command::DeckOpened { path, deck });
            super::apply(&mut harness, Command::PresentDeck);
        }
        None => super::apply(&mut harness, Command::PresentView),
    }
    let count = harness
        .state()
        .state
        .presenting
        .as_ref()
        .map_or(0, |p| p.presentation.slide_count());
    let mut written = Vec::with_capacity(count);
    let mut images = Vec::with_capacity(count);
    for index in 0..count {
        super::apply(&mut harness, Command::GoToSlide(index));
        let path = out_dir.join(format!("slide-{:03}.png", index + 1));
        let png = super::screenshots::render_png(&mut harness, &path)?;
        if html.is_some() {
            images.push((format!("Slide {}", index + 1), png));
        }
        written.push(path);
    }
    if let Some(html_path) = html {
        let briefs = briefmap_core::app::export_view::visible_briefs(&harness.state().state);
        let events = briefmap_core::export::flatten(&briefs);
        let title = harness.state().state.presenting.as_ref().map_or_else(
            || "briefmap briefing".to_string(),
            |p| p.presentation.name.clone(),
        );
        let page = briefmap_core::export::html::html_pack(&events, &title, &images);
        briefmap_core::sources::write_file(html_path, page.as_bytes())?;
    }
    Ok(written)
}
