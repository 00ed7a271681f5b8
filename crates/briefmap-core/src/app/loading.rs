//! Loading briefs together with their corrections (runs on the loader thread): reads the
//! files, then each brief's `"corrections"` sidecar field. A sidecar that cannot be read makes
//! that brief's corrections read-only, so the app never overwrites what it could not parse.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::catalog::{CorrectionsStatus, LoadedBrief};
use super::core_api;
use super::corrections::{CORRECTIONS_KEY, Corrections};
use super::state::LoadedData;
use crate::corpus::{self, CacheMode, Inputs, Progress};

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

/// Loads `paths` (files or folders, recursively) with their corrections, extracting every
/// brief (no cache).
pub fn load_with_corrections(
    paths: &[PathBuf],
    on_progress: &(dyn Fn(Progress) + Sync),
) -> LoadedData {
    load_through_cache(paths, &CacheMode::Off, on_progress, &AtomicBool::new(false))
}

/// Loads `paths` (files or folders, recursively; event files named directly are imported)
/// through the corpus cache `cache`, with their corrections. `cancel` stops it early.
pub fn load_through_cache(
    paths: &[PathBuf],
    cache: &CacheMode,
    on_progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> LoadedData {
    let load = corpus::load(paths, Inputs::BriefsAndImports, cache, on_progress, cancel);
    let dataset = load.dataset;
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
        stats: load.stats,
        notes: load.notes,
        text_index: load.text_index,
        started: None,
    }
}

/// Writes one brief's corrections to its sidecar, atomically, keeping all other fields.
pub fn save_corrections(file: &Path, corrections: serde_json::Value) -> Result<(), String> {
    core_api::update_sidecar_field(file, CORRECTIONS_KEY, Some(corrections))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::EventEdit;
    use crate::app::state::{AppState, Command, Effect, Settings};

    fn load(paths: &[PathBuf]) -> AppState {
        let mut state = AppState::new(Settings::default(), vec![]);
        state.apply(Command::LoadFinished {
            data: load_with_corrections(paths, &|_| {}),
            replace: true,
        });
        state
    }

    /// The key of the first event of the brief whose file name is `name`.
    fn first_event_of(state: &AppState, name: &str) -> crate::app::EventKey {
        state
            .catalog
            .rows()
            .find(|r| state.catalog.brief_of(r).file.ends_with(name))
            .unwrap_or_else(|| panic!("{name} has an event"))
            .key
    }

    #[test]
    fn corrections_of_imported_files_never_touch_the_import_or_a_namesake_json() {
        let dir = tempfile::tempdir().expect("temp dir");
        let story = dir.path().join("story.json");
        let story_text = r#"{"events":[{"start_date":{"year":"2024","month":"5"},"text":{"headline":"Talks in Baku"}}]}"#;
        std::fs::write(&story, story_text).expect("write story");
        let csv = dir.path().join("events.csv");
        std::fs::write(&csv, "title,date_start\nPipeline deal,2024-06-02\n").expect("write csv");
        // Another tool's file that happens to share the CSV's name.
        let namesake = dir.path().join("events.json");
        let namesake_text = r#"{"owner": "another tool"}"#;
        std::fs::write(&namesake, namesake_text).expect("write namesake");

        let mut state = load(&[story.clone(), csv.clone()]);
        assert_eq!(state.catalog.len(), 2, "{:?}", state.problems);
        let keys: Vec<_> = state.catalog.rows().map(|r| r.key).collect();
        for (i, key) in keys.into_iter().enumerate() {
            let edit = EventEdit {
                title: Some(format!("Corrected {i}")),
                ..EventEdit::default()
            };
            for effect in state.apply(Command::EditEvent(key, edit)) {
                if let Effect::SaveCorrections { file, corrections } = effect {
                    save_corrections(&file, corrections).expect("saved");
                }
            }
        }
        assert_eq!(std::fs::read_to_string(&story).unwrap(), story_text);
        assert_eq!(std::fs::read_to_string(&namesake).unwrap(), namesake_text);
        assert!(dir.path().join("story.json.briefmap.json").is_file());
        assert!(dir.path().join("events.csv.briefmap.json").is_file());

        // A reload applies the corrections again.
        let reloaded = load(&[story, csv]);
        let mut titles: Vec<String> = reloaded.catalog.rows().map(|r| r.event.title).collect();
        titles.sort();
        assert_eq!(titles, ["Corrected 0", "Corrected 1"]);
    }

    #[test]
    fn briefs_sharing_a_sidecar_neither_apply_nor_save_corrections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = "Le 3 mars 2025, QazaqGaz a signé un accord à Astana.";
        std::fs::write(dir.path().join("a.txt"), text).expect("write a.txt");
        std::fs::write(dir.path().join("b.txt"), text).expect("write b.txt");
        let mut state = load(&[dir.path().to_path_buf()]);
        // Correct b.txt while it is alone...
        let b_key = first_event_of(&state, "b.txt");
        let edit = EventEdit {
            title: Some("Agreement signed".into()),
            ..EventEdit::default()
        };
        for effect in state.apply(Command::EditEvent(b_key, edit.clone())) {
            if let Effect::SaveCorrections { file, corrections } = effect {
                save_corrections(&file, corrections).expect("saved");
            }
        }
        let sidecar = dir.path().join("b.json");
        let saved = std::fs::read_to_string(&sidecar).expect("b.json written");
        // ...then a b.md appears beside it: both would use b.json.
        std::fs::write(dir.path().join("b.md"), text).expect("write b.md");
        let mut state = load(&[dir.path().to_path_buf()]);
        let shared: Vec<_> = state
            .problems
            .iter()
            .filter(|p| p.error.contains("shares its sidecar"))
            .collect();
        assert_eq!(shared.len(), 2, "{:?}", state.problems);
        assert!(shared.iter().all(|p| p.error.contains("b.json")));
        let rows: Vec<_> = state
            .catalog
            .rows()
            .filter(|r| state.catalog.brief_of(r).file.file_stem() == Some("b".as_ref()))
            .map(|r| (r.key, r.event.title.clone()))
            .collect();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|(_, title)| title != "Agreement signed"));
        for (key, _) in rows {
            let effects = state.apply(Command::EditEvent(key, edit.clone()));
            assert!(
                !effects
                    .iter()
                    .any(|e| matches!(e, Effect::SaveCorrections { .. })),
                "{effects:?}"
            );
        }
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), saved);
        // a.txt is unaffected: its corrections still save.
        let a_key = first_event_of(&state, "a.txt");
        let effects = state.apply(Command::EditEvent(a_key, edit));
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::SaveCorrections { .. }))
        );
    }
}
