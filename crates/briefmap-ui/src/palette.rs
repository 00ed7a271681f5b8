//! Colours: the categorical palette for colour-by slots and the highlight colours, for the
//! light and the dark theme.

use egui::Color32;

use briefmap_core::app::colour::COLOUR_SLOTS;

/// Tableau-10-like categorical colours; the last slot ("other") is grey.
const SLOTS: [Color32; COLOUR_SLOTS] = [
    Color32::from_rgb(78, 121, 167),
    Color32::from_rgb(242, 142, 43),
    Color32::from_rgb(225, 87, 89),
    Color32::from_rgb(118, 183, 178),
    Color32::from_rgb(89, 161, 79),
    Color32::from_rgb(237, 201, 72),
    Color32::from_rgb(176, 122, 161),
    Color32::from_rgb(255, 157, 167),
    Color32::from_rgb(156, 117, 95),
    Color32::from_rgb(150, 150, 150),
];

pub fn slot_colour(slot: u8) -> Color32 {
    SLOTS[(slot as usize).min(COLOUR_SLOTS - 1)]
}

/// Background of evidence spans in the brief text.
pub fn evidence_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(110, 90, 20)
    } else {
        Color32::from_rgb(255, 232, 140)
    }
}

/// Background of the words the search box matched in the brief text.
pub fn search_match_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(30, 95, 140)
    } else {
        Color32::from_rgb(170, 215, 255)
    }
}

/// Colour of place/organisation mentions in the brief text.
pub fn mention_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(130, 190, 255)
    } else {
        Color32::from_rgb(20, 90, 170)
    }
}
