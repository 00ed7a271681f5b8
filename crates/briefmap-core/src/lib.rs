//! briefmap's pure core: everything from a brief file to the numbers a view draws, with no
//! UI toolkit in its dependencies (the compiler keeps that wall: this crate's `Cargo.toml`
//! has no egui, eframe, walkers, rfd or wgpu).
//!
//! - `sources`: brief files, sidecars, imported event files, the one reader and the one
//!   atomic writer;
//! - `text`, `gazetteer`, `extract`: language handling, the bundled place/organisation
//!   tables, and extraction (a pipeline of stages, one lexicon per language);
//! - `model`: briefs, events, places, dates with their precision;
//! - `app`: the catalogue (briefs + the user's corrections), facets and filters, decks, and
//!   the session state with `Command`/`Effect`/`AppState::apply`, the only place state
//!   changes; view gathers for the map, timeline and slides (colour *slots*, not colours);
//! - `timeline`, `geo`: time-axis and map maths; `export`: one table of export formats.
//!
//! May depend on: serde, chrono, rayon and other data crates. Must not depend on: any UI,
//! windowing or GPU crate.

pub mod app;
pub mod bench;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod geo;
pub mod lexicon;
pub mod model;
pub mod paths;
pub mod sources;
pub mod text;
pub mod timeline;
