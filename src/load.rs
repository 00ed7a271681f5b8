//! Loading briefs from files and folders: walks folders recursively, reads each brief and its
//! sidecar, turns every unusable file into a `Problem` naming the file and the reason, and
//! extracts the rest in parallel. Never panics on bad input.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use thiserror::Error;

use crate::extract;
use crate::gazetteer::Gazetteer;
use crate::model::{Brief, Problem, Publication};
use crate::sidecar;

/// Briefs larger than this are refused: a news brief is a few kilobytes.
pub const MAX_BRIEF_BYTES: u64 = 2 * 1024 * 1024;

/// File endings read as briefs.
pub const BRIEF_EXTENSIONS: [&str; 2] = ["txt", "md"];

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

/// Why one file could not be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BriefError {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({0} bytes; a brief may have at most {MAX_BRIEF_BYTES})")]
    TooLarge(u64),
    #[error("this looks like a binary file, not text")]
    Binary,
    #[error("the text is not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
    #[error("the file holds only white space")]
    Blank,
    #[error("not a brief: only .txt and .md files are read")]
    UnsupportedType,
    #[error("no such file or folder")]
    Missing,
}

/// Finds the brief files under `paths` (files are taken as given, folders walked recursively,
/// hidden entries skipped). Paths that cannot be used are returned as problems.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = BTreeSet::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            if is_brief_file(path) {
                files.insert(path.clone());
            } else {
                problems.push(problem(path, &BriefError::UnsupportedType));
            }
            continue;
        }
        if !path.exists() {
            problems.push(problem(path, &BriefError::Missing));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_brief_file(entry.path()) => {
                    files.insert(entry.into_path());
                }
                Ok(_) => {}
                Err(err) => {
                    let file = err.path().unwrap_or(path).to_path_buf();
                    problems.push(Problem {
                        file,
                        error: format!("cannot read: {err}"),
                    });
                }
            }
        }
    }
    (files.into_iter().collect(), problems)
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

/// Loads one brief file and its sidecar. A bad sidecar is a problem but the brief still loads.
pub fn load_file(file: &Path, gazetteer: &Gazetteer) -> (Option<Brief>, Vec<Problem>) {
    let text = match read_brief_text(file) {
        Ok(text) => text,
        Err(err) => return (None, vec![problem(file, &err)]),
    };
    let mut problems = Vec::new();
    let publication = match sidecar::read_sidecar(file) {
        Ok(Some(map)) => {
            let (publication, field_problems) = sidecar::publication_from_sidecar(&map);
            let path = sidecar::sidecar_path(file);
            problems.extend(field_problems.into_iter().map(|error| Problem {
                file: path.clone(),
                error,
            }));
            publication
        }
        Ok(None) => Publication::default(),
        Err(err) => {
            problems.push(Problem {
                file: sidecar::sidecar_path(file),
                error: format!("{err}; the brief was loaded without it"),
            });
            Publication::default()
        }
    };
    let brief = extract::extract_brief(file.to_path_buf(), &text, &publication, gazetteer);
    (Some(brief), problems)
}

/// A brief made from text that is not (yet) a file, e.g. pasted from the clipboard.
pub fn brief_from_text(file: PathBuf, text: &str, publication: Publication) -> Brief {
    extract::extract_brief(file, text, &publication, Gazetteer::bundled())
}

/// Reads a file as a brief's text, refusing what is not usable text.
pub fn read_brief_text(file: &Path) -> Result<String, BriefError> {
    let meta = fs::metadata(file).map_err(|e| BriefError::Unreadable(e.to_string()))?;
    if meta.len() > MAX_BRIEF_BYTES {
        return Err(BriefError::TooLarge(meta.len()));
    }
    let bytes = fs::read(file).map_err(|e| BriefError::Unreadable(e.to_string()))?;
    decode_brief_bytes(bytes)
}

/// Checks raw bytes: not empty, not binary, UTF-8 (a BOM is dropped), not only white space.
pub fn decode_brief_bytes(mut bytes: Vec<u8>) -> Result<String, BriefError> {
    if bytes.is_empty() {
        return Err(BriefError::Empty);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(BriefError::Binary);
    }
    let text =
        String::from_utf8(bytes).map_err(|e| BriefError::NotUtf8(e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(BriefError::Blank);
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > text.chars().count() {
        return Err(BriefError::Binary);
    }
    Ok(text)
}

fn is_brief_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BRIEF_EXTENSIONS.iter().any(|b| b.eq_ignore_ascii_case(e)))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn problem(file: &Path, err: &BriefError) -> Problem {
    Problem {
        file: file.to_path_buf(),
        error: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_bytes_are_refused_with_a_reason() {
        assert_eq!(decode_brief_bytes(vec![]), Err(BriefError::Empty));
        assert_eq!(
            decode_brief_bytes(b"  \n\t ".to_vec()),
            Err(BriefError::Blank)
        );
        assert_eq!(
            decode_brief_bytes(b"PK\x03\x04\x00\x00zip".to_vec()),
            Err(BriefError::Binary)
        );
        assert_eq!(
            decode_brief_bytes(b"caf\xe9 latin-1".to_vec()),
            Err(BriefError::NotUtf8(3))
        );
        let text = decode_brief_bytes("\u{feff}Анкара".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Анкара");
    }

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
