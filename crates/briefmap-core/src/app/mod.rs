//! The pure application core behind the GUI: the event catalogue (briefs with the user's
//! corrections applied), filters with facet counts, selection, undo/redo, and the one place
//! (`AppState::apply`) where commands change state. Nothing here names a UI toolkit.

pub mod catalog;
pub mod colour;
pub mod core_api;
pub mod corrections;
pub mod date_input;
pub mod deck;
pub mod effects;
pub mod export_view;
pub mod facet;
pub mod facet_index;
pub mod filter;
pub mod keys;
pub mod live;
pub mod loading;
pub mod memory;
pub mod merge;
pub mod presentation;
pub mod rows;
pub mod saved_view;
pub mod state;
pub mod store;
pub mod synthetic;
pub mod tally;
pub mod view;

pub use catalog::{Catalog, EventRow, LoadedBrief, RowChanges};
pub use corrections::{Corrections, EventEdit};
pub use filter::{Facet, Filter};
pub use keys::{EventKey, PlaceKey};
pub use state::{AppState, Command, Effect};
