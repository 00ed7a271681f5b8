//! Loading briefs together with their corrections (runs on the loader thread), and saving
//! them back. Loading reads each brief's `"corrections"` sidecar field and remembers the
//! sidecar's version; a sidecar that cannot be read leaves that brief's corrections unapplied
//! and its file untouched. Saving reads the sidecar again first: if it changed since (an edit
//! in another program), the change is merged with the app's (`merge`), or, when both changed
//! the same correction, nothing is written and the user is told — never an unseen overwrite.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::catalog::{CorrectionsStatus, DiskCorrections, LoadedBrief};
use super::corrections::{CORRECTIONS_KEY, Corrections};
use super::merge::merge;
use super::rows::NOT_APPLIED;
use super::state::LoadedData;
use crate::corpus::{self, CacheMode, Inputs, Progress};
use crate::sources::sidecar::{SidecarRead, read_sidecar_versioned, sidecar_path, write_sidecar};
use crate::text::shown::shown_path;

/// The corrections the sidecar of `file` holds, as read; an error names the sidecar.
fn corrections_of(file: &Path, read: &SidecarRead) -> Result<Corrections, String> {
    Corrections::from_json(read.map.as_ref().and_then(|m| m.get(CORRECTIONS_KEY)))
        .map_err(|e| format!("sidecar {}: {e}", shown_path(&sidecar_path(file))))
}

/// Reads the corrections of one brief from its sidecar, with what the sidecar held.
pub fn read_corrections(file: &Path) -> (Corrections, CorrectionsStatus, Option<DiskCorrections>) {
    let read = read_sidecar_versioned(file).map_err(|e| e.to_string());
    match read.and_then(|read| Ok((corrections_of(file, &read)?, read.version))) {
        Ok((corrections, version)) => (
            corrections.clone(),
            CorrectionsStatus::Writable,
            Some(DiskCorrections {
                corrections,
                version,
            }),
        ),
        Err(e) => (
            Corrections::default(),
            CorrectionsStatus::Unsaved(format!("{NOT_APPLIED}: {e}")),
            None,
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
            let (corrections, status, on_disk) = read_corrections(&brief.file);
            LoadedBrief {
                brief,
                corrections,
                status,
                on_disk,
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

/// Writes one brief's corrections (`ours`) to its sidecar, atomically, keeping all its other
/// fields. `base` is what the sidecar held when last read or written (`None`: it could not be
/// read). If the file changed since, the changes are merged; returns what was written, which
/// differs from `ours` when changes from outside were merged in. Refuses — writing nothing —
/// when the sidecar cannot be read or parsed now, or when both sides changed one correction.
pub fn save_corrections(
    file: &Path,
    ours: &Corrections,
    base: Option<&DiskCorrections>,
) -> Result<DiskCorrections, String> {
    let read = read_sidecar_versioned(file).map_err(|e| e.to_string())?;
    let unchanged = base.is_some_and(|b| b.version == read.version);
    let to_write = if unchanged {
        ours.clone()
    } else {
        let theirs = corrections_of(file, &read)?;
        let nothing = Corrections::default();
        let base = base.map_or(&nothing, |b| &b.corrections);
        merge(base, ours, &theirs).map_err(|conflict| {
            format!(
                "{} was changed outside briefmap, in {} that was also changed here: nothing \
                 was written, so neither version is lost. File → Reload loads the file's \
                 version (the edits made here since the last save are then dropped); Undo \
                 takes back the edit made here.",
                shown_path(&sidecar_path(file)),
                conflict.entries.join(", ")
            )
        })?
    };
    let mut map = read.map.unwrap_or_default();
    map.insert(CORRECTIONS_KEY.to_string(), to_write.to_json());
    let version = write_sidecar(file, &map).map_err(|e| e.to_string())?;
    Ok(DiskCorrections {
        corrections: to_write,
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::EventEdit;
    use crate::app::effects::{Carried, carry_out};
    use crate::app::state::{AppState, Command, Effect, Settings};

    /// Applies a command and carries out its file effects, as the shell does.
    fn apply(state: &mut AppState, command: Command) {
        let mut queue = vec![command];
        while let Some(command) = queue.pop() {
            for effect in state.apply(command) {
                match carry_out(effect) {
                    Carried::Done(commands) => queue.extend(commands),
                    Carried::Shell(effect) => panic!("not a file effect: {effect:?}"),
                }
            }
        }
    }

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
            apply(&mut state, Command::EditEvent(key, edit));
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
        apply(&mut state, Command::EditEvent(b_key, edit.clone()));
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
