//! A live folder in the session: which settled file changes matter (a new, changed or deleted
//! brief or event file; a sidecar changed by another program — not the app's own save), the
//! refresh they start (everything opened, through the corpus cache, so only changed files are
//! extracted again), and what a finished refresh keeps: filters, brush, selection, the undo
//! history, and edits not yet saved (a refused save), which are never replaced by the file's.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::catalog::LoadedBrief;
use super::corrections::Corrections;
use super::state::{AppState, Command, Effect, LoadedData, plural};
use crate::sources::file_kind::{BRIEF_EXTENSIONS, is_brief_file};
use crate::sources::sidecar::SidecarVersion;
use crate::sources::watch::{ChangedFile, FileStamp};

/// Whether a brief holds edits that its sidecar does not (its last save was refused).
fn holds_unsaved_edits(b: &LoadedBrief) -> bool {
    match &b.on_disk {
        Some(disk) => disk.corrections != b.corrections,
        None => b.corrections != Corrections::default(),
    }
}

/// Whether a sidecar's stamp is the version the app last read or wrote.
fn is_known_version(version: &SidecarVersion, stamp: Option<FileStamp>) -> bool {
    match (version, stamp) {
        (SidecarVersion::Absent, None) => true,
        (SidecarVersion::Present { modified, len, .. }, Some(now)) => {
            *len == now.len && *modified == now.modified
        }
        _ => false,
    }
}

impl AppState {
    /// The brief whose sidecar `path` is, if one is loaded.
    fn brief_of_sidecar(&self, path: &Path) -> Option<usize> {
        let name = path.file_name()?.to_str()?;
        if let Some(import) = name.strip_suffix(".briefmap.json") {
            return self.catalog.brief_index(&path.with_file_name(import));
        }
        if !name.to_ascii_lowercase().ends_with(".json") {
            return None;
        }
        BRIEF_EXTENSIONS.iter().find_map(|ext| {
            let brief = path.with_extension(ext);
            self.catalog.brief_index(&brief).or_else(|| {
                let upper = path.with_extension(ext.to_ascii_uppercase());
                self.catalog.brief_index(&upper)
            })
        })
    }

    /// Whether a settled change matters to what is loaded.
    fn change_matters(&self, change: &ChangedFile) -> bool {
        let path = &change.path;
        if let Some(bi) = self.brief_of_sidecar(path) {
            let brief = &self.catalog.briefs[bi];
            return !brief
                .on_disk
                .as_ref()
                .is_some_and(|disk| is_known_version(&disk.version, change.stamp));
        }
        if self.catalog.brief_index(path).is_some() || self.sources.iter().any(|s| s == path) {
            return true;
        }
        // A new brief inside an opened folder (event files in folders are not loaded). Only
        // a folder can hold a path other than itself: no need to ask the file system.
        is_brief_file(path) && self.sources.iter().any(|s| path.starts_with(s))
    }

    /// Turns the live folder on (catching up with what changed meanwhile) or off.
    pub(super) fn set_live_folder(&mut self, on: bool) -> Vec<Effect> {
        if self.settings.live_folder_paused != on {
            return Vec::new();
        }
        self.settings.live_folder_paused = !on;
        if !on {
            self.status = "Opened folders are no longer watched for new briefs".into();
            return Vec::new();
        }
        self.status = "Watching the opened folders for new briefs".into();
        if self.sources.is_empty() {
            Vec::new()
        } else {
            self.start_refresh()
        }
    }

    /// Settled changes in the opened folders: starts a refresh when one matters.
    pub(super) fn files_changed(&mut self, changes: Vec<ChangedFile>) -> Vec<Effect> {
        if self.settings.live_folder_paused {
            return Vec::new();
        }
        let mattering: Vec<ChangedFile> = changes
            .into_iter()
            .filter(|c| self.change_matters(c))
            .collect();
        if mattering.is_empty() {
            return Vec::new();
        }
        self.live.changed.extend(
            mattering
                .into_iter()
                .filter(|c| is_brief_file(&c.path))
                .map(|c| c.path),
        );
        self.start_refresh()
    }

    /// Looks at everything opened again (events were lost, or changes came during a load).
    pub(super) fn start_refresh(&mut self) -> Vec<Effect> {
        if self.loading.is_some() || self.live.running {
            self.live.wanted = true;
            return Vec::new();
        }
        self.live.running = true;
        self.live.wanted = false;
        vec![Effect::StartRefresh {
            paths: self.sources.clone(),
        }]
    }

    /// A refresh ended: the briefs replace what was loaded, keeping unsaved edits, and the
    /// status says what changed. Changes that came meanwhile start the next refresh (from
    /// the finished load, as after any load); a cancelled one waits for the next change.
    pub(super) fn refresh_finished(&mut self, mut data: LoadedData) -> Vec<Effect> {
        self.live.running = false;
        let mut effects = Vec::new();
        if data.stats.cancelled {
            self.loading = None;
        } else {
            let before: BTreeSet<PathBuf> = self.catalog.files().into_iter().collect();
            for incoming in &mut data.briefs {
                let Some(bi) = self.catalog.brief_index(&incoming.brief.file) else {
                    continue;
                };
                let old = &self.catalog.briefs[bi];
                if holds_unsaved_edits(old) {
                    incoming.corrections = old.corrections.clone();
                    incoming.status = old.status.clone();
                    incoming.on_disk = old.on_disk.clone();
                }
            }
            let after: BTreeSet<PathBuf> =
                data.briefs.iter().map(|b| b.brief.file.clone()).collect();
            let added = after.difference(&before).count();
            let removed = before.difference(&after).count();
            let changed = self
                .live
                .changed
                .iter()
                .filter(|f| before.contains(*f) && after.contains(*f))
                .count();
            self.live.changed.clear();
            effects.extend(self.apply(Command::LoadFinished {
                data,
                replace: true,
            }));
            let mut parts = Vec::new();
            if added > 0 {
                parts.push(plural(added, "new brief", "new briefs"));
            }
            if changed > 0 {
                parts.push(plural(changed, "brief changed", "briefs changed"));
            }
            if removed > 0 {
                parts.push(plural(removed, "brief removed", "briefs removed"));
            }
            if parts.is_empty() {
                parts.push("corrections changed outside briefmap".into());
            }
            self.status = format!(
                "{} ({} in all)",
                parts.join(", "),
                plural(self.catalog.len(), "event", "events")
            );
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::corrections::EventEdit;
    use crate::app::effects::{Carried, carry_out};
    use crate::app::loading::load_with_corrections;
    use crate::app::state::Settings;

    const A: &str = "Ashgabat, 3 June 2024 — Turkmenistan and Kazakhstan signed a gas \
                     agreement in Ashgabat on Monday.";
    const B: &str = "Baku, 5 June 2024 — Azerbaijan and Turkey opened talks on a new pipeline \
                     in Baku on Wednesday.";

    /// A session on `dir`, loaded from disk as the window loads it.
    fn opened(dir: &Path) -> AppState {
        let mut s = AppState::new(Settings::default(), vec![dir.to_path_buf()]);
        finish(&mut s, false);
        s
    }

    /// Loads everything opened, as the loader thread would, and delivers it.
    fn finish(s: &mut AppState, refresh: bool) -> Vec<Effect> {
        let data = load_with_corrections(&s.sources.clone(), &|_| {});
        if refresh {
            s.apply(Command::RefreshFinished(data))
        } else {
            s.apply(Command::LoadFinished {
                data,
                replace: true,
            })
        }
    }

    fn changed(path: &Path) -> Command {
        Command::FilesChanged(vec![ChangedFile {
            path: path.to_path_buf(),
            stamp: FileStamp::of(path),
        }])
    }

    /// Carries out file effects (saves) and applies what they report.
    fn carry(s: &mut AppState, effects: Vec<Effect>) {
        for effect in effects {
            if let Carried::Done(commands) = carry_out(effect) {
                for c in commands {
                    let more = s.apply(c);
                    carry(s, more);
                }
            }
        }
    }

    /// Edits an event's title as the form would, and carries out the save.
    fn retitle(s: &mut AppState, key: crate::app::EventKey, title: &str) {
        let edit = EventEdit {
            title: Some(title.into()),
            ..Default::default()
        };
        let effects = s.apply(Command::EditEvent(key, edit));
        carry(s, effects);
    }

    #[test]
    fn a_new_brief_refreshes_keeping_filter_brush_and_selection() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), A).unwrap();
        let mut s = opened(dir.path());
        assert_eq!(s.catalog.briefs.len(), 1);
        let key = s.catalog.rows().next().unwrap().key;
        s.apply(Command::Select(Some(key)));
        s.apply(Command::SetText("Ashgabat".into()));
        let new = dir.path().join("b.txt");
        std::fs::write(&new, B).unwrap();
        let effects = s.apply(changed(&new));
        assert_eq!(
            effects,
            vec![Effect::StartRefresh {
                paths: vec![dir.path().to_path_buf()]
            }]
        );
        s.apply(Command::LoadStarted);
        // More changes while the refresh runs wait for it.
        assert!(s.apply(changed(&new)).is_empty());
        let effects = finish(&mut s, true);
        assert_eq!(s.catalog.briefs.len(), 2);
        assert!(s.status.starts_with("1 new brief ("), "{}", s.status);
        assert_eq!(s.selection, Some(key));
        assert_eq!(s.settings.filter.text, "Ashgabat");
        // ... and start the next one.
        assert!(
            matches!(&effects[..], [Effect::StartRefresh { .. }]),
            "{effects:?}"
        );
        s.apply(Command::LoadStarted);
        finish(&mut s, true);
        assert!(!s.live.running && !s.live.wanted);
    }

    #[test]
    fn a_paused_live_folder_ignores_changes_and_catches_up_when_turned_on() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), A).unwrap();
        let mut s = opened(dir.path());
        assert!(s.apply(Command::SetLiveFolder(false)).is_empty());
        assert!(s.settings.live_folder_paused);
        let new = dir.path().join("b.txt");
        std::fs::write(&new, B).unwrap();
        assert!(s.apply(changed(&new)).is_empty());
        let effects = s.apply(Command::SetLiveFolder(true));
        assert!(
            matches!(&effects[..], [Effect::StartRefresh { .. }]),
            "{effects:?}"
        );
        s.apply(Command::LoadStarted);
        finish(&mut s, true);
        assert_eq!(s.catalog.briefs.len(), 2);
        assert!(s.status.starts_with("1 new brief"), "{}", s.status);
    }

    #[test]
    fn a_deleted_and_a_changed_brief_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, A).unwrap();
        std::fs::write(&b, B).unwrap();
        let mut s = opened(dir.path());
        std::fs::remove_file(&b).unwrap();
        std::fs::write(&a, format!("{A} Talks go on.")).unwrap();
        let effects = s.apply(Command::FilesChanged(vec![
            ChangedFile {
                path: a.clone(),
                stamp: FileStamp::of(&a),
            },
            ChangedFile {
                path: b.clone(),
                stamp: None,
            },
        ]));
        assert_eq!(effects.len(), 1);
        s.apply(Command::LoadStarted);
        finish(&mut s, true);
        assert_eq!(s.catalog.files(), vec![a]);
        assert!(
            s.status.starts_with("1 brief changed, 1 brief removed ("),
            "{}",
            s.status
        );
    }

    #[test]
    fn our_own_save_is_not_a_change_but_an_edit_in_another_program_is() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, A).unwrap();
        let mut s = opened(dir.path());
        let key = s.catalog.rows().next().unwrap().key;
        retitle(&mut s, key, "Gas deal");
        let sidecar = dir.path().join("a.json");
        assert!(sidecar.exists());
        assert!(s.apply(changed(&sidecar)).is_empty(), "our own save");
        // Another program adds a field: the brief is looked at again, the edit stays.
        let text = std::fs::read_to_string(&sidecar).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["source"] = "Trend".into();
        std::fs::write(&sidecar, json.to_string()).unwrap();
        assert_eq!(s.apply(changed(&sidecar)).len(), 1);
        s.apply(Command::LoadStarted);
        finish(&mut s, true);
        assert_eq!(s.catalog.row(key).unwrap().event.title, "Gas deal");
        assert!(s.status.starts_with("corrections changed outside briefmap"));
        // Files that are no brief's and lie outside what is opened do not matter.
        let other = tempfile::tempdir().unwrap();
        let stray = other.path().join("c.txt");
        std::fs::write(&stray, B).unwrap();
        assert!(s.apply(changed(&stray)).is_empty());
        assert!(s.apply(changed(&dir.path().join("data.csv"))).is_empty());
    }

    #[test]
    fn edits_whose_save_was_refused_survive_a_refresh() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, A).unwrap();
        let mut s = opened(dir.path());
        let key = s.catalog.rows().next().unwrap().key;
        // The sidecar's place is taken by a folder: the save is refused, the edit kept.
        std::fs::create_dir(dir.path().join("a.json")).unwrap();
        retitle(&mut s, key, "Gas deal");
        assert!(matches!(
            s.catalog.briefs[0].status,
            crate::app::catalog::CorrectionsStatus::Unsaved(_)
        ));
        let b = dir.path().join("b.txt");
        std::fs::write(&b, B).unwrap();
        s.apply(changed(&b));
        s.apply(Command::LoadStarted);
        finish(&mut s, true);
        assert_eq!(s.catalog.briefs.len(), 2);
        assert_eq!(s.catalog.row(key).unwrap().event.title, "Gas deal");
    }
}
