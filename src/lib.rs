//! briefmap: reads multilingual news briefs, finds their events (when, where, who), and lays
//! them out on a timeline and a map. Everything outside `ui` is the pure core.

pub mod app;
pub mod bench;
pub mod cli;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod geo;
pub mod import;
pub mod load;
pub mod model;
pub mod sidecar;
pub mod text;
pub mod timeline;
pub mod ui;
