//! Every character of every bundled brief (and every symbol the UI draws) has a glyph in the
//! fonts the app installs: no missing-glyph boxes.

use std::collections::BTreeSet;

use egui::{FontFamily, FontId};

fn briefs_chars() -> BTreeSet<char> {
    let dir = briefmap_ui::bundled_briefs_dir();
    let mut chars = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("data/briefs exists") {
        let path = entry.expect("readable dir entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("briefs are UTF-8");
            chars.extend(text.chars().filter(|c| !c.is_control()));
            files += 1;
        }
    }
    assert!(
        files >= 5,
        "expected the bundled briefs in {}",
        dir.display()
    );
    chars
}

/// Symbols used in labels and buttons of the UI.
const UI_SYMBOLS: &str = briefmap_ui::fonts::UI_SYMBOLS;

fn missing(chars: impl IntoIterator<Item = char>) -> Vec<(char, String)> {
    let ctx = egui::Context::default();
    briefmap_ui::fonts::install_fonts(&ctx);
    // Fonts apply at the start of a pass.
    let mut missing = Vec::new();
    let chars: Vec<char> = chars.into_iter().collect();
    let mut output = ctx.run_ui(Default::default(), |ui| {
        missing.clear();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let font = FontId::new(14.0, family.clone());
            for &c in &chars {
                if !ui.ctx().fonts_mut(|f| f.has_glyph(&font, c)) {
                    missing.push((c, format!("U+{:04X} in {family:?}", c as u32)));
                }
            }
        }
    });
    output.textures_delta.clear();
    missing
}

#[test]
fn every_character_of_the_bundled_briefs_has_a_glyph() {
    let chars = briefs_chars();
    // The letters the issue names must be among those checked.
    for c in "şňýžәғқңөұүі".chars() {
        assert!(missing([c]).is_empty(), "{c} is missing");
    }
    assert!(chars.contains(&'К'), "the briefs contain Cyrillic");
    let missing = missing(chars);
    assert!(missing.is_empty(), "missing glyphs: {missing:?}");
}

#[test]
fn every_symbol_the_ui_draws_has_a_glyph() {
    let missing = missing(UI_SYMBOLS.chars());
    assert!(missing.is_empty(), "missing glyphs: {missing:?}");
}

#[test]
fn the_check_can_fail() {
    assert!(!missing(['\u{10FFFD}']).is_empty());
}
