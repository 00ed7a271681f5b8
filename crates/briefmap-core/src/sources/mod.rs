//! Where events come from: brief files with their sidecars, and event files imported from
//! other tools (CSV, GeoJSON, TimelineJS). Folders are walked recursively; every file that
//! cannot be used becomes a `Problem` naming it and the reason, and everything else still
//! loads. Files are read only through `read` (regular files, capped) and written only through
//! `atomic` (the one writer).
//!
//! Layers, lowest first: `file_kind` → `read`, `atomic` → `sidecar` → `brief_file`, `import`
//! → this module.
//! `watch` (a live folder) stands beside them, on `file_kind` and `sidecar`.

pub mod atomic;
pub mod brief_file;
pub mod file_kind;
pub mod import;
pub mod pasted;
pub mod read;
pub mod sidecar;
pub mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::gazetteer::Gazetteer;
use crate::model::{Brief, Problem};

pub use atomic::{WriteError, write_file};
pub use brief_file::{BriefError, brief_from_text, load_file, read_brief_text, read_publication};
pub use file_kind::{is_brief_file, is_import_file, is_views_file};

/// Everything loaded from a set of paths.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub briefs: Vec<Brief>,
    pub problems: Vec<Problem>,
}

/// How far loading has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
}

fn problem(file: &Path, error: impl ToString) -> Problem {
    Problem {
        file: file.to_path_buf(),
        error: error.to_string(),
    }
}

/// Finds the brief files under `paths` (files are taken as given, folders walked recursively,
/// links followed, hidden entries skipped). A path that cannot be used — missing, of another
/// type, or with a brief's ending but not a regular file (a FIFO, a device, a socket, a
/// folder) — is returned as a problem, never skipped in silence.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(problem(path, BriefError::Missing));
                continue;
            }
            Err(e) => {
                problems.push(problem(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !meta.is_dir() {
            match read::irregular_kind(meta.file_type()) {
                Some(kind) => problems.push(problem(path, irregular(kind))),
                None if is_brief_file(path) => {
                    files.insert(path.clone());
                }
                // The saved views are read by the app, never as a brief or a problem.
                None if file_kind::is_views_file(path) => {}
                None => problems.push(problem(path, BriefError::UnsupportedType)),
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !file_kind::is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if !is_brief_file(entry.path()) => {}
                Ok(entry) if entry.file_type().is_file() => {
                    files.insert(entry.into_path());
                }
                Ok(entry) => {
                    let kind = read::irregular_kind(entry.file_type()).unwrap_or("not a file");
                    problems.push(problem(entry.path(), irregular(kind)));
                }
                Err(err) => {
                    let file = err.path().unwrap_or(path).to_path_buf();
                    problems.push(problem(&file, format!("cannot read: {err}")));
                }
            }
        }
    }
    (files.into_iter().collect(), problems)
}

fn irregular(kind: &str) -> String {
    if kind == "a folder" {
        "named like a brief but it is a folder; its contents are read as briefs".into()
    } else {
        format!("not read: it is {kind}, and only regular files are read")
    }
}

/// Loads and extracts every brief under `paths`, in parallel, reporting progress.
pub fn load_paths(paths: &[PathBuf], on_progress: &(dyn Fn(LoadProgress) + Sync)) -> Dataset {
    let gazetteer = Gazetteer::bundled();
    let (files, mut problems) = discover(paths);
    let total = files.len();
    on_progress(LoadProgress { done: 0, total });
    let done = AtomicUsize::new(0);
    let results: Vec<(Option<Brief>, Vec<Problem>)> = files
        .par_iter()
        .map(|file| {
            let result = load_file(file, gazetteer);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            on_progress(LoadProgress { done: n, total });
            result
        })
        .collect();
    let mut briefs = Vec::with_capacity(results.len());
    for (brief, file_problems) in results {
        briefs.extend(brief);
        problems.extend(file_problems);
    }
    Dataset { briefs, problems }
}

/// Loads briefs and imports together: files with an import ending (`.csv`, `.tsv`,
/// `.geojson`, `.json`) named directly are imported, everything else is loaded as briefs
/// (folders only yield briefs). Import failures and bad rows become problems.
pub fn load_with_imports(
    paths: &[PathBuf],
    on_progress: &(dyn Fn(LoadProgress) + Sync),
) -> Dataset {
    let (imports, briefs): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| is_import_file(p) && !p.is_dir());
    let mut dataset = if briefs.is_empty() {
        Dataset::default()
    } else {
        load_paths(&briefs, on_progress)
    };
    for path in imports {
        match import::import_file(&path) {
            Ok((brief, problems)) => {
                dataset.briefs.push(brief);
                dataset
                    .problems
                    .extend(problems.into_iter().map(|error| problem(&path, error)));
            }
            Err(e) => dataset.problems.push(problem(&path, e)),
        }
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_folder_with_bad_files_still_loads_the_good_ones() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("nested");
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("good.txt"), "Putin visited Astana on Monday.").unwrap();
        fs::write(sub.join("good.json"), "{\"published\": \"2024-11-27\"}").unwrap();
        fs::write(dir.path().join("other.md"), "Talks in Baku.").unwrap();
        fs::write(dir.path().join("other.json"), "{broken").unwrap();
        fs::write(dir.path().join("empty.txt"), "").unwrap();
        fs::write(dir.path().join("latin1.txt"), b"r\xe9union \xe0 Paris").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "").unwrap();
        fs::write(dir.path().join("notes.json"), "{}").unwrap();
        let missing = dir.path().join("nope");
        let dataset = load_paths(&[dir.path().to_path_buf(), missing.clone()], &|_| {});
        let names: Vec<String> = dataset
            .briefs
            .iter()
            .map(|b| b.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["good.txt", "other.md"]);
        let mut problem_files: Vec<String> = dataset
            .problems
            .iter()
            .map(|p| p.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        problem_files.sort();
        assert_eq!(
            problem_files,
            ["empty.txt", "latin1.txt", "nope", "other.json"]
        );
        let broken = dataset
            .problems
            .iter()
            .find(|p| p.file.ends_with("other.json"))
            .unwrap();
        assert!(broken.error.contains("not valid JSON"), "{}", broken.error);
        let good = &dataset.briefs[0];
        assert_eq!(good.published.unwrap().to_iso(), "2024-11-27");
    }

    #[test]
    fn the_saved_views_file_is_neither_a_brief_nor_an_import_nor_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Talks in Baku.").unwrap();
        let views = dir.path().join(file_kind::VIEWS_FILE_NAME);
        fs::write(&views, "{\"format\": \"briefmap-views\", \"views\": []}").unwrap();
        for paths in [
            vec![dir.path().to_path_buf()],
            vec![dir.path().join("a.txt"), views.clone()],
        ] {
            let dataset = load_with_imports(&paths, &|_| {});
            let files: Vec<_> = dataset.briefs.iter().map(|b| b.file.clone()).collect();
            assert_eq!(files, [dir.path().join("a.txt")], "{paths:?}");
            assert_eq!(dataset.problems, [], "{paths:?}");
        }
    }

    #[test]
    fn progress_reaches_the_total() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            fs::write(dir.path().join(format!("{i}.txt")), "Talks in Baku.").unwrap();
        }
        let furthest = std::sync::Mutex::new(LoadProgress { done: 0, total: 0 });
        load_paths(&[dir.path().to_path_buf()], &|p| {
            let mut furthest = furthest.lock().unwrap();
            assert_eq!(p.total, 5);
            if p.done > furthest.done {
                *furthest = p;
            }
        });
        assert_eq!(
            *furthest.lock().unwrap(),
            LoadProgress { done: 5, total: 5 }
        );
    }
}
