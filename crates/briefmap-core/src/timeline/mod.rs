//! Timeline maths: the time axis (day ↔ pixel), adaptive ticks, card stacking, fitting all
//! items in view and the density histogram. Pure functions over plain numbers; the egui widget
//! in `ui::timeline` only paints what these return.

pub mod axis;
pub mod density;
pub mod fit;
pub mod layout;
pub mod ticks;

pub use axis::{CardExtent, TimeAxis, date_from_day, day_number};
pub use density::density_bins;
pub use fit::fit_without_hiding;
pub use layout::{CardLayout, DayIndex, LayoutParams, LayoutResult, layout_cards};
pub use ticks::{Tick, TickLevel, TickSet, ticks_for};

#[cfg(test)]
mod boundary_tests {
    /// The timeline maths must stay free of UI crates (the CI grep checks the same).
    #[test]
    fn the_core_names_no_ui_crate() {
        let sources = [
            ("axis.rs", include_str!("axis.rs")),
            ("density.rs", include_str!("density.rs")),
            ("layout.rs", include_str!("layout.rs")),
            ("ticks.rs", include_str!("ticks.rs")),
        ];
        for (file, text) in sources {
            for krate in ["egui", "eframe", "walkers", "rfd", "egui_kittest"] {
                let path = format!("{krate}::");
                assert!(!text.contains(&path), "{file} names {path}");
            }
        }
    }
}
