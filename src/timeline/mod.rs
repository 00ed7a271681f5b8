//! Timeline maths: the time axis (day ↔ pixel), adaptive ticks, card stacking and the density
//! histogram. Pure functions over plain numbers; the egui widget in `ui::timeline` only paints
//! what these return.

pub mod axis;
pub mod density;
pub mod layout;
pub mod ticks;

pub use axis::{TimeAxis, date_from_day, day_number};
pub use density::density_bins;
pub use layout::{CardLayout, DayIndex, LayoutParams, LayoutResult, layout_cards};
pub use ticks::{Tick, TickLevel, TickSet, ticks_for};
