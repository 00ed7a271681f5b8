//! briefmap: reads multilingual news briefs, finds their events (when, where, who), and lays
//! them out on a timeline and a map. Everything outside `ui` is the pure core.

pub mod geo;
pub mod model;
pub mod ui;
