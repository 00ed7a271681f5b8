//! A live folder: watches the opened folders and files (the `notify` crate: inotify, FSEvents,
//! ReadDirectoryChangesW) and reports the files that changed once they have settled — no event
//! for a quiet spell and the same size and time of modification across it, so that a file
//! still being written is not read half-way. What a change means (a new brief, a changed
//! sidecar, our own save) is for the session to decide (`AppState`); this only says which
//! paths changed and what they look like now.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{RecursiveMode, Watcher};

use super::file_kind::{is_brief_file, is_hidden, is_import_file};

/// How long a path must stay still before it is reported.
pub const QUIET: Duration = Duration::from_millis(500);

/// What a file looks like on disk: enough to see that it is still being written, or that a
/// sidecar is the one the app wrote itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    /// The stamp of `path` now; `None` when it is gone (or cannot be looked at).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// A path that changed and settled, with its stamp (`None`: it was deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub path: PathBuf,
    pub stamp: Option<FileStamp>,
}

/// Why a folder could not be watched.
#[derive(Debug, thiserror::Error)]
#[error("{path}: not watched for new briefs: {source}")]
pub struct WatchError {
    pub path: String,
    #[source]
    pub source: notify::Error,
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    /// The last event for the path, or the last check that found it still changing.
    since: Instant,
    /// The stamp seen at the last check (`None`: not checked yet).
    checked: Option<Option<FileStamp>>,
}

/// Paths waiting to settle (pure: the clock and the file system are passed in).
#[derive(Debug, Clone, Default)]
pub struct Settle {
    pending: BTreeMap<PathBuf, Pending>,
}

impl Settle {
    /// An event for `path` at `now`: it is not settled before `QUIET` has passed.
    pub fn note(&mut self, path: PathBuf, now: Instant) {
        let entry = self.pending.entry(path).or_insert(Pending {
            since: now,
            checked: None,
        });
        entry.since = now;
    }

    /// The paths that settled by `now`, in path order; `stamp` looks at a path. A path is
    /// settled when it had no event for `QUIET` and looked the same at two checks `QUIET`
    /// apart; one that still changes waits on.
    pub fn take_settled(
        &mut self,
        now: Instant,
        stamp: impl Fn(&Path) -> Option<FileStamp>,
    ) -> Vec<ChangedFile> {
        let mut settled = Vec::new();
        self.pending.retain(|path, pending| {
            if now.saturating_duration_since(pending.since) < QUIET {
                return true;
            }
            let seen = stamp(path);
            if pending.checked == Some(seen) {
                settled.push(ChangedFile {
                    path: path.clone(),
                    stamp: seen,
                });
                return false;
            }
            pending.checked = Some(seen);
            pending.since = now;
            true
        });
        settled
    }

    /// How long until the next path may settle (`None`: nothing is waiting).
    pub fn next_due(&self, now: Instant) -> Option<Duration> {
        self.pending
            .values()
            .map(|p| (p.since + QUIET).saturating_duration_since(now))
            .min()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

/// Whether a change at `path` (relative to the opened folder) may matter to briefmap: a
/// brief, an event file or a sidecar (`.json`), not inside a hidden folder nor hidden itself
/// (our own temporary files are).
pub fn may_matter(path: &Path) -> bool {
    (is_brief_file(path) || is_import_file(path))
        && !path.components().any(|c| is_hidden(c.as_os_str()))
}

/// Watches opened folders (recursively) and opened files (through their folder), and tells
/// which of their files changed once they settled.
pub struct FolderWatch {
    // Kept alive: dropping it stops the watching.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    settle: Settle,
    /// Opened files, by the folder watched for them: only these names there are reported.
    files_in: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Opened folders, watched with all they hold.
    folders: Vec<PathBuf>,
    /// The watcher lost events (a full queue): everything should be looked at again.
    lost: bool,
    /// Errors the watcher reported since the last call, in words.
    errors: Vec<String>,
}

impl FolderWatch {
    /// Starts watching `sources` (the paths the user opened); `wake` is called from the
    /// watcher's thread when something happened (the window then polls). A source that is
    /// gone is not watched; one that cannot be watched is an error naming it.
    pub fn start(
        sources: &[PathBuf],
        wake: impl Fn() + Send + 'static,
    ) -> Result<FolderWatch, WatchError> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            // A failed send means the watch was dropped: nobody is left to tell.
            if tx.send(event).is_ok() {
                wake();
            }
        })
        .map_err(|source| WatchError {
            path: "the opened folders".into(),
            source,
        })?;
        let mut files_in: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        let mut folders = Vec::new();
        for source in sources {
            let Ok(meta) = std::fs::metadata(source) else {
                continue;
            };
            if meta.is_dir() {
                watcher
                    .watch(source, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(source, e))?;
                folders.push(source.clone());
            } else {
                // Editors and our own writer replace files by renaming: watch the folder.
                let folder = match source.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                if !files_in.contains_key(&folder) {
                    watcher
                        .watch(&folder, RecursiveMode::NonRecursive)
                        .map_err(|e| watch_error(&folder, e))?;
                }
                files_in.entry(folder).or_default().push(source.clone());
            }
        }
        Ok(FolderWatch {
            _watcher: watcher,
            events,
            settle: Settle::default(),
            files_in,
            folders,
            lost: false,
            errors: Vec::new(),
        })
    }

    /// Takes in what the watcher reported and returns the changes that settled by `now`.
    pub fn poll(&mut self, now: Instant) -> Vec<ChangedFile> {
        while let Ok(event) = self.events.try_recv() {
            match event {
                Ok(event) => {
                    if event.need_rescan() {
                        self.lost = true;
                    }
                    for path in event.paths {
                        if let Some(path) = self.reported_as(&path) {
                            self.settle.note(path, now);
                        }
                    }
                }
                Err(e) => self.errors.push(e.to_string()),
            }
        }
        self.settle.take_settled(now, FileStamp::of)
    }

    /// Whether events were lost since the last call (then every file should be looked at).
    pub fn take_lost(&mut self) -> bool {
        std::mem::take(&mut self.lost)
    }

    /// Errors the watcher reported since the last call.
    pub fn take_errors(&mut self) -> Vec<String> {
        std::mem::take(&mut self.errors)
    }

    /// How long until a waiting change may settle (`None`: none waits).
    pub fn next_due(&self, now: Instant) -> Option<Duration> {
        self.settle.next_due(now)
    }

    /// The path under which a change at `path` is reported, if it may matter: inside an
    /// opened folder as it is; beside an opened file only the file and its sidecar, named as
    /// the file was opened.
    fn reported_as(&self, path: &Path) -> Option<PathBuf> {
        let inside = self.folders.iter().find_map(|f| path.strip_prefix(f).ok());
        if let Some(relative) = inside {
            return may_matter(relative).then(|| path.to_path_buf());
        }
        // The watcher names a change by the folder as it was watched, joined with the name.
        let name = path.file_name()?;
        let files = self.files_in.get(path.parent()?)?;
        files.iter().find_map(|file| {
            let sidecar = super::sidecar::sidecar_path(file);
            if file.file_name() == Some(name) {
                Some(file.clone())
            } else if sidecar.file_name() == Some(name) {
                Some(sidecar)
            } else {
                None
            }
        })
    }
}

fn watch_error(path: &Path, source: notify::Error) -> WatchError {
    WatchError {
        path: crate::text::shown::shown_path(path),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(len: u64) -> Option<FileStamp> {
        Some(FileStamp {
            len,
            modified: None,
        })
    }

    #[test]
    fn a_path_settles_after_two_still_checks_a_quiet_spell_apart() {
        let t0 = Instant::now();
        let mut s = Settle::default();
        s.note(PathBuf::from("a.txt"), t0);
        assert!(s.take_settled(t0 + QUIET / 2, |_| stamp(3)).is_empty());
        // First check after the quiet spell: looked at, not yet reported.
        assert!(s.take_settled(t0 + QUIET, |_| stamp(3)).is_empty());
        assert_eq!(s.next_due(t0 + QUIET), Some(QUIET));
        let settled = s.take_settled(t0 + QUIET * 2, |_| stamp(3));
        assert_eq!(
            settled,
            vec![ChangedFile {
                path: PathBuf::from("a.txt"),
                stamp: stamp(3)
            }]
        );
        assert!(s.is_empty());
        assert_eq!(s.next_due(t0 + QUIET * 3), None);
    }

    #[test]
    fn a_file_still_growing_is_not_reported_until_it_stops() {
        let t0 = Instant::now();
        let mut s = Settle::default();
        s.note(PathBuf::from("a.txt"), t0);
        // The writer pauses longer than the quiet spell, but the size moves between checks.
        for (i, len) in [10, 20, 30].into_iter().enumerate() {
            let at = t0 + QUIET * (i as u32 + 1);
            assert!(s.take_settled(at, |_| stamp(len)).is_empty(), "len {len}");
        }
        assert_eq!(s.take_settled(t0 + QUIET * 4, |_| stamp(30)).len(), 1);
    }

    #[test]
    fn a_new_event_restarts_the_quiet_spell() {
        let t0 = Instant::now();
        let mut s = Settle::default();
        s.note(PathBuf::from("a.txt"), t0);
        assert!(s.take_settled(t0 + QUIET, |_| stamp(1)).is_empty());
        s.note(PathBuf::from("a.txt"), t0 + QUIET * 3 / 2);
        assert!(s.take_settled(t0 + QUIET * 2, |_| stamp(1)).is_empty());
        assert_eq!(s.take_settled(t0 + QUIET * 5 / 2, |_| stamp(1)).len(), 1);
    }

    #[test]
    fn a_deleted_file_settles_with_no_stamp() {
        let t0 = Instant::now();
        let mut s = Settle::default();
        s.note(PathBuf::from("gone.txt"), t0);
        assert!(s.take_settled(t0 + QUIET, |_| None).is_empty());
        let settled = s.take_settled(t0 + QUIET * 2, |_| None);
        assert_eq!(settled[0].stamp, None);
    }

    #[test]
    fn only_briefs_event_files_and_sidecars_outside_hidden_folders_matter() {
        assert!(may_matter(Path::new("/b/a.txt")));
        assert!(may_matter(Path::new("/b/a.json")));
        assert!(may_matter(Path::new("/b/events.csv")));
        assert!(!may_matter(Path::new("/b/.briefmap-x1.tmp")));
        assert!(!may_matter(Path::new("/b/.git/a.json")));
        assert!(!may_matter(Path::new("/b/.a.txt")));
        assert!(!may_matter(Path::new("/b/picture.png")));
    }

    /// Waits (up to 10 s) for the watch to report something; returns all it reported.
    fn wait_for(
        watch: &mut FolderWatch,
        done: impl Fn(&[ChangedFile]) -> bool,
    ) -> Vec<ChangedFile> {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < Duration::from_secs(10) {
            seen.extend(watch.poll(Instant::now()));
            if done(&seen) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        seen
    }

    #[test]
    fn a_watched_folder_reports_new_changed_and_deleted_briefs_but_not_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let mut watch = FolderWatch::start(&[dir.path().to_path_buf()], || {}).unwrap();
        let brief = sub.join("new.txt");
        std::fs::write(dir.path().join(".briefmap-1.tmp"), "x").unwrap();
        std::fs::write(dir.path().join("notes.png"), "x").unwrap();
        std::fs::write(&brief, "Ashgabat, 3 June.").unwrap();
        let seen = wait_for(&mut watch, |s| s.iter().any(|c| c.path == brief));
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0].stamp.map(|s| s.len), Some(17));
        std::fs::remove_file(&brief).unwrap();
        let seen = wait_for(&mut watch, |s| s.iter().any(|c| c.path == brief));
        assert_eq!(
            seen,
            vec![ChangedFile {
                path: brief,
                stamp: None
            }]
        );
    }

    #[test]
    fn an_opened_file_reports_itself_and_its_sidecar_under_its_own_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("a.txt");
        std::fs::write(&brief, "Ankara.").unwrap();
        let mut watch = FolderWatch::start(std::slice::from_ref(&brief), || {}).unwrap();
        std::fs::write(dir.path().join("other.txt"), "Baku.").unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        let sidecar = dir.path().join("a.json");
        let seen = wait_for(&mut watch, |s| s.iter().any(|c| c.path == sidecar));
        assert_eq!(
            seen.iter().map(|c| c.path.clone()).collect::<Vec<_>>(),
            vec![sidecar]
        );
    }
}
