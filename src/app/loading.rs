//! Loading briefs together with their corrections (runs on the loader thread): reads the
//! files, then each brief's `"corrections"` sidecar field. A sidecar that cannot be read makes
//! that brief's corrections read-only, so the app never overwrites what it could not parse.

use std::path::{Path, PathBuf};

use super::catalog::{CorrectionsStatus, LoadedBrief};
use super::core_api::{self, LoadProgress};
use super::corrections::{CORRECTIONS_KEY, Corrections};
use super::state::LoadedData;

/// Reads the corrections of one brief from its sidecar.
pub fn read_corrections(file: &Path) -> (Corrections, CorrectionsStatus) {
    match core_api::read_sidecar_field(file, CORRECTIONS_KEY) {
        Ok(value) => match Corrections::from_json(value.as_ref()) {
            Ok(c) => (c, CorrectionsStatus::Writable),
            Err(e) => (
                Corrections::default(),
                CorrectionsStatus::ReadOnly(format!(
                    "corrections not applied, file left untouched: {e}"
                )),
            ),
        },
        Err(e) => (
            Corrections::default(),
            CorrectionsStatus::ReadOnly(format!(
                "corrections not applied, file left untouched: {e}"
            )),
        ),
    }
}

/// Loads `paths` (files or folders, recursively) with their corrections.
pub fn load_with_corrections(
    paths: &[PathBuf],
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> LoadedData {
    // Briefs, plus CSV/GeoJSON/TimelineJS files given by name (imported events).
    let dataset = crate::import::load_with_imports(paths, on_progress);
    let briefs = dataset
        .briefs
        .into_iter()
        .map(|brief| {
            let (corrections, status) = read_corrections(&brief.file);
            LoadedBrief {
                brief,
                corrections,
                status,
            }
        })
        .collect();
    LoadedData {
        briefs,
        problems: dataset.problems,
    }
}

/// Writes one brief's corrections to its sidecar, atomically, keeping all other fields.
pub fn save_corrections(file: &Path, corrections: serde_json::Value) -> Result<(), String> {
    core_api::update_sidecar_field(file, CORRECTIONS_KEY, Some(corrections))
        .map_err(|e| e.to_string())
}
