//! The corpus cache and full-text search: extraction results kept on disk in SQLite (one
//! database per opened root, in the user's cache folder) so that reopening a folder
//! extracts only new or changed files, and the briefs' texts indexed with FTS5 for the
//! search box. The cache is only a copy: deleting it loses nothing (corrections live in the
//! sidecars), a damaged one is rebuilt, and `--no-cache` ([`CacheMode::Off`]) gives the
//! same results without it.

pub mod db;
pub mod load;
pub mod search;

use std::path::PathBuf;

pub use load::{CorpusLoad, Inputs, LoadStats, Progress, load};
pub use search::TextIndex;

/// The version of extraction whose results the cache holds: a fingerprint of the extraction,
/// lexicon, text, gazetteer and model code and of the bundled gazetteer tables, taken at build
/// time (`build.rs`). Any change to them drops every cached result, which is extracted again.
pub const EXTRACTOR_VERSION: u32 = decimal(env!("BRIEFMAP_EXTRACTOR_FINGERPRINT"));

/// A decimal number written by the build script (at compile time).
const fn decimal(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut value: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        assert!(
            bytes[i].is_ascii_digit(),
            "the fingerprint is a decimal number"
        );
        value = value * 10 + (bytes[i] - b'0') as u32;
        i += 1;
    }
    value
}

/// Environment variable naming another cache folder (tests, or a cache on another disk).
pub const CACHE_DIR_VAR: &str = "BRIEFMAP_CACHE_DIR";

/// Where extraction results are cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheMode {
    /// In this folder (one database per opened root).
    Disk(PathBuf),
    /// Nowhere: everything is extracted (`--no-cache`).
    Off,
}

impl CacheMode {
    /// The user's cache folder (`$BRIEFMAP_CACHE_DIR`, else `briefmap/corpus` in the
    /// platform's cache folder), or `Off` where there is none.
    pub fn user() -> Self {
        if let Some(dir) = std::env::var_os(CACHE_DIR_VAR).filter(|d| !d.is_empty()) {
            return CacheMode::Disk(PathBuf::from(dir));
        }
        match dirs::cache_dir() {
            Some(dir) => CacheMode::Disk(dir.join("briefmap").join("corpus")),
            None => CacheMode::Off,
        }
    }
}

/// The line a finished load writes to standard error.
pub fn load_line(events: usize, stats: &LoadStats, millis: u128, problems: usize) -> String {
    format!(
        "briefmap: loaded {events} events from {} files in {millis} ms ({} from cache, {problems} problems)",
        stats.files, stats.from_cache
    )
}
