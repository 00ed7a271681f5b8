//! Loading briefs through the corpus cache: every file is looked up by its path; one whose
//! size and mtime match what was stored (and were stored long enough after it was written),
//! or whose content hash matches, with the same sidecar publication facts and extractor
//! version, comes from the cache without extraction; every other is read, extracted and
//! stored. The result is exactly what a fresh extraction gives (`--no-cache` does that).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use super::db::{CorpusDb, Entry, Fresh, Stored};
use super::search::TextIndex;
use super::{CacheMode, EXTRACTOR_VERSION};

use crate::app::keys::StableHasher;
use crate::gazetteer::Gazetteer;
use crate::model::{Brief, Problem, Publication, Span};
use crate::sources::{
    Dataset, discover, import, is_import_file, read_brief_text, read_publication,
};

/// A stored size and mtime are trusted only if stored this long after the file's mtime
/// (a file written in the same instant as it was read might change without a new mtime).
const RACY_NS: i64 = 2_000_000_000;

/// How far a load has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Brief files found.
    pub found: usize,
    /// Of those, extracted so far.
    pub extracted: usize,
    /// Of those, taken from the cache so far.
    pub from_cache: usize,
    /// Of those, that could not be used.
    pub failed: usize,
    /// Event files (CSV, GeoJSON, TimelineJS) being imported.
    pub importing: usize,
}

impl Progress {
    /// Brief files dealt with.
    pub fn done(&self) -> usize {
        self.extracted + self.from_cache + self.failed
    }
}

/// What a load did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadStats {
    /// Files loaded: briefs and imports.
    pub files: usize,
    pub from_cache: usize,
    pub extracted: usize,
    /// The load was cancelled: nothing of it is shown.
    pub cancelled: bool,
}

/// Briefs and imports loaded from a set of paths.
#[derive(Debug, Default)]
pub struct CorpusLoad {
    pub dataset: Dataset,
    pub stats: LoadStats,
    /// What happened to the cache (rebuilt, in use, not written): not problems with files.
    pub notes: Vec<String>,
    /// Full-text search over the briefs loaded.
    pub text_index: TextIndex,
}

/// One brief file's outcome.
enum Outcome {
    /// From the cache: the stored result of row `id`; `touch` when size/mtime are new.
    Cached {
        id: i64,
        touch: bool,
        problems: Vec<Problem>,
    },
    Extracted {
        brief: Box<Brief>,
        problems: Vec<Problem>,
    },
    Failed(Vec<Problem>),
    /// Not looked at (cancelled).
    Skipped,
}

/// One brief file, done.
struct FileResult {
    brief: Option<Brief>,
    problems: Vec<Problem>,
    /// What to store for it (extracted now).
    stored: Option<Stored>,
    /// Its size and mtime are new, its content is not.
    touch: bool,
    seen: Seen,
}

impl FileResult {
    fn of((outcome, seen): (Outcome, Seen)) -> Self {
        let (brief, problems) = match outcome {
            Outcome::Extracted { brief, problems } => (Some(*brief), problems),
            Outcome::Failed(problems) => (None, problems),
            Outcome::Cached { problems, .. } => (None, problems),
            Outcome::Skipped => (None, Vec::new()),
        };
        FileResult {
            stored: brief.as_ref().map(stored_of),
            brief,
            problems,
            touch: false,
            seen,
        }
    }
}

/// A file's facts as seen now.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    size: u64,
    mtime_ns: i64,
    content_hash: u64,
    publication_hash: u64,
}

/// One opened root: its database (if any) and what it knows.
struct Root {
    path: PathBuf,
    is_dir: bool,
    db: Option<CorpusDb>,
    entries: BTreeMap<String, Entry>,
}

/// Which files a load takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    /// Brief files only (`briefmap extract`).
    Briefs,
    /// Briefs, and event files (CSV, GeoJSON, TimelineJS) named directly, imported.
    BriefsAndImports,
}

/// Loads `paths` (folders recursively) through the cache `mode`. `cancel` stops it early
/// (the result then says `cancelled`; what was extracted is still stored).
pub fn load(
    paths: &[PathBuf],
    inputs: Inputs,
    mode: &CacheMode,
    on_progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> CorpusLoad {
    let (imports, brief_paths): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| inputs == Inputs::BriefsAndImports && is_import_file(p) && !p.is_dir());
    let mut out = CorpusLoad::default();
    let mut roots: Vec<Root> = Vec::new();
    let mut root_of: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut files = BTreeSet::new();
    for path in &brief_paths {
        let (found, mut found_problems) = discover(std::slice::from_ref(path));
        problems.append(&mut found_problems);
        if found.is_empty() {
            continue;
        }
        let is_dir = path.is_dir();
        let root_path = root_of_path(path, is_dir);
        let ri = match roots.iter().position(|r| r.path == root_path) {
            Some(ri) => ri,
            None => {
                roots.push(open_root(root_path, is_dir, mode, &mut out.notes));
                roots.len() - 1
            }
        };
        for f in found {
            root_of.entry(f.clone()).or_insert(ri);
            files.insert(f);
        }
    }
    let files: Vec<PathBuf> = files.into_iter().collect();
    let found = files.len();
    let counters = [
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    ];
    let report = |importing: usize| {
        on_progress(Progress {
            found,
            extracted: counters[0].load(Ordering::Relaxed),
            from_cache: counters[1].load(Ordering::Relaxed),
            failed: counters[2].load(Ordering::Relaxed),
            importing,
        })
    };
    report(0);
    let gazetteer = Gazetteer::bundled();
    // What each root's cache knows (apart from the databases, which stay on this thread).
    let entries: Vec<BTreeMap<String, Entry>> = roots
        .iter_mut()
        .map(|r| std::mem::take(&mut r.entries))
        .collect();
    let outcomes: Vec<(Outcome, Seen)> = files
        .par_iter()
        .map(|file| {
            if cancel.load(Ordering::Relaxed) {
                return (Outcome::Skipped, Seen::default());
            }
            let known = entries[root_of[file]].get(&path_key(file));
            let result = look_at(file, known, gazetteer);
            let counter = match result.0 {
                Outcome::Extracted { .. } => 0,
                Outcome::Cached { .. } => 1,
                _ => 2,
            };
            counters[counter].fetch_add(1, Ordering::Relaxed);
            report(0);
            result
        })
        .collect();
    let cancelled = cancel.load(Ordering::Relaxed);

    // The stored results of the cached files, per root.
    let mut wanted: Vec<Vec<i64>> = vec![Vec::new(); roots.len()];
    for (file, (outcome, _)) in files.iter().zip(&outcomes) {
        if let Outcome::Cached { id, .. } = outcome {
            wanted[root_of[file]].push(*id);
        }
    }
    let mut stored: BTreeMap<(usize, i64), Stored> = BTreeMap::new();
    for (ri, ids) in wanted.iter().enumerate() {
        let Some(db) = &roots[ri].db else { continue };
        match db.stored(ids) {
            Ok(rows) => stored.extend(rows.into_iter().map(|(id, s)| ((ri, id), s))),
            Err(e) => out
                .notes
                .push(format!("{e}; its files were extracted again")),
        }
    }
    let stored = Mutex::new(stored);
    let results: Vec<FileResult> = files
        .par_iter()
        .zip(outcomes.into_par_iter())
        .map(|(file, (outcome, seen))| match outcome {
            Outcome::Cached {
                id,
                touch,
                problems,
            } => {
                let ri = root_of[file];
                let row = stored.lock().ok().and_then(|mut s| s.remove(&(ri, id)));
                match row.as_ref().and_then(|s| brief_of(file, s)) {
                    Some(brief) => FileResult {
                        brief: Some(brief),
                        problems,
                        stored: None,
                        touch,
                        seen,
                    },
                    // Missing or unreadable in the cache: extract it again.
                    None => FileResult::of(look_at(file, None, gazetteer)),
                }
            }
            other => FileResult::of((other, seen)),
        })
        .collect();

    // Store what is new, per root, in one transaction each.
    let now = now_ns();
    for (ri, root) in roots.iter_mut().enumerate() {
        let Some(db) = &mut root.db else { continue };
        let mine: Vec<(usize, String)> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| root_of[*f] == ri)
            .map(|(i, f)| (i, path_key(f)))
            .collect();
        let fresh: Vec<Fresh<'_>> = mine
            .iter()
            .filter_map(|(i, key)| {
                let r = &results[*i];
                (r.brief.is_some() && (r.stored.is_some() || r.touch)).then(|| Fresh {
                    path: key,
                    size: r.seen.size,
                    mtime_ns: r.seen.mtime_ns,
                    content_hash: r.seen.content_hash,
                    publication_hash: r.seen.publication_hash,
                    checked_ns: now,
                    stored: r.stored.as_ref(),
                })
            })
            .collect();
        let here: BTreeSet<&str> = mine.iter().map(|(_, k)| k.as_str()).collect();
        let gone: Vec<String> = if root.is_dir && !cancelled {
            entries[ri]
                .keys()
                .filter(|k| !here.contains(k.as_str()))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        if (!fresh.is_empty() || !gone.is_empty())
            && let Err(e) = db.write(&fresh, &gone)
        {
            out.notes
                .push(format!("{e}; this load's results were not stored"));
        }
    }
    let covered: Vec<bool> = files
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.brief.is_some())
        .map(|(f, _)| roots[root_of[f]].db.is_some())
        .collect();

    let mut dataset = Dataset {
        problems,
        ..Dataset::default()
    };
    let mut extracted = 0;
    let mut from_cache = 0;
    for result in results {
        if let Some(b) = result.brief {
            if result.stored.is_some() {
                extracted += 1;
            } else {
                from_cache += 1;
            }
            dataset.briefs.push(b);
        }
        dataset.problems.extend(result.problems);
    }
    if !cancelled {
        report(imports.len());
        for path in imports {
            match import::import_file(&path) {
                Ok((brief, import_problems)) => {
                    dataset.briefs.push(brief);
                    dataset
                        .problems
                        .extend(import_problems.into_iter().map(|error| Problem {
                            file: path.clone(),
                            error,
                        }));
                }
                Err(e) => dataset.problems.push(Problem {
                    file: path.clone(),
                    error: e.to_string(),
                }),
            }
        }
    }
    out.stats = LoadStats {
        files: dataset.briefs.len(),
        from_cache,
        extracted,
        cancelled,
    };
    out.text_index = text_index(roots, &dataset.briefs, &covered, &mut out.notes);
    out.dataset = dataset;
    out
}

/// The cache database of `root`, or none (with a note saying why).
fn open_root(path: PathBuf, is_dir: bool, mode: &CacheMode, notes: &mut Vec<String>) -> Root {
    let mut root = Root {
        path,
        is_dir,
        db: None,
        entries: BTreeMap::new(),
    };
    let CacheMode::Disk(dir) = mode else {
        return root;
    };
    let file = dir.join(format!(
        "{:016x}.sqlite",
        StableHasher::default()
            .bytes(root.path.to_string_lossy().as_bytes())
            .finish()
    ));
    match CorpusDb::open(&file) {
        Ok((db, note)) => {
            notes.extend(note);
            match db.entries() {
                Ok(entries) => {
                    root.entries = entries.into_iter().collect();
                    root.db = Some(db);
                }
                Err(e) => notes.push(format!("{e}; this load did not use it")),
            }
        }
        Err(e) if e.is_busy() => notes.push(format!(
            "{e}: another briefmap is using it; this load did not use it"
        )),
        Err(e) => notes.push(format!("{e}; this load did not use it")),
    }
    root
}

/// The folder a path's files are cached under: itself, or a file's folder.
fn root_of_path(path: &Path, is_dir: bool) -> PathBuf {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if is_dir {
        canonical
    } else {
        canonical
            .parent()
            .map_or_else(|| canonical.clone(), Path::to_path_buf)
    }
}

/// How a file is named in the cache.
fn path_key(file: &Path) -> String {
    file.to_string_lossy().into_owned()
}

/// Looks at one brief file: from the cache if `entry` still holds, else read and extracted.
fn look_at(file: &Path, entry: Option<&Entry>, gazetteer: &Gazetteer) -> (Outcome, Seen) {
    let (publication, problems) = read_publication(file);
    let mut seen = seen_now(file).unwrap_or_default();
    seen.publication_hash = publication_hash(&publication);
    let usable = entry.filter(|e| {
        e.extractor_version == EXTRACTOR_VERSION && e.publication_hash == seen.publication_hash
    });
    if let Some(e) = usable
        && e.size == seen.size
        && e.mtime_ns == seen.mtime_ns
        && e.mtime_ns.saturating_add(RACY_NS) < e.checked_ns
    {
        let outcome = Outcome::Cached {
            id: e.id,
            touch: false,
            problems,
        };
        return (outcome, seen);
    }
    let text = match read_brief_text(file) {
        Ok(text) => text,
        Err(err) => {
            let problem = Problem {
                file: file.to_path_buf(),
                error: err.to_string(),
            };
            return (Outcome::Failed(vec![problem]), seen);
        }
    };
    seen.content_hash = text_hash(&text);
    if let Some(e) = usable
        && e.content_hash == seen.content_hash
    {
        let outcome = Outcome::Cached {
            id: e.id,
            touch: true,
            problems,
        };
        return (outcome, seen);
    }
    let brief = crate::extract::extract_brief(file.to_path_buf(), &text, &publication, gazetteer);
    let brief = Box::new(brief);
    (Outcome::Extracted { brief, problems }, seen)
}

/// Size and mtime of `file` now.
fn seen_now(file: &Path) -> Option<Seen> {
    let meta = std::fs::metadata(file).ok()?;
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some(Seen {
        size: meta.len(),
        mtime_ns,
        ..Seen::default()
    })
}

fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn text_hash(text: &str) -> u64 {
    StableHasher::default().bytes(text.as_bytes()).finish()
}

fn publication_hash(publication: &Publication) -> u64 {
    let json = serde_json::to_string(publication).unwrap_or_default();
    StableHasher::default().bytes(json.as_bytes()).finish()
}

/// A brief as the cache stores it.
fn stored_of(brief: &Brief) -> Stored {
    Stored {
        brief: serde_json::to_string(brief).unwrap_or_default(),
        story: serde_json::to_string(&brief.story).unwrap_or_default(),
        text: brief.text.to_string(),
    }
}

/// A stored brief back (`None` if it does not read).
fn brief_of(file: &Path, stored: &Stored) -> Option<Brief> {
    let mut brief: Brief = serde_json::from_str(&stored.brief).ok()?;
    let story: Vec<Span> = serde_json::from_str(&stored.story).ok()?;
    brief.file = file.to_path_buf();
    brief.text = Arc::from(stored.text.as_str());
    brief.story = story;
    Some(brief)
}

/// Full-text search over `briefs`: the roots' databases (which hold the text of the briefs
/// they `covered`), and an index in memory, made now, of the others.
fn text_index(
    roots: Vec<Root>,
    briefs: &[Brief],
    covered: &[bool],
    notes: &mut Vec<String>,
) -> TextIndex {
    let mut dbs: Vec<CorpusDb> = roots.into_iter().filter_map(|r| r.db).collect();
    let uncached: Vec<&Brief> = briefs
        .iter()
        .enumerate()
        .filter(|(i, b)| !b.text.is_empty() && !covered.get(*i).copied().unwrap_or(false))
        .map(|(_, b)| b)
        .collect();
    if !uncached.is_empty() {
        match CorpusDb::in_memory() {
            Ok(mut db) => {
                let stored: Vec<(String, Stored)> = uncached
                    .iter()
                    .map(|b| {
                        let s = Stored {
                            brief: "{}".into(),
                            story: "[]".into(),
                            text: b.text.to_string(),
                        };
                        (path_key(&b.file), s)
                    })
                    .collect();
                let fresh: Vec<Fresh<'_>> = stored
                    .iter()
                    .map(|(path, s)| Fresh {
                        path,
                        size: 0,
                        mtime_ns: 0,
                        content_hash: 0,
                        publication_hash: 0,
                        checked_ns: 0,
                        stored: Some(s),
                    })
                    .collect();
                match db.write(&fresh, &[]) {
                    Ok(()) => dbs.push(db),
                    Err(e) => notes.push(format!("{e}; full-text search is off")),
                }
            }
            Err(e) => notes.push(format!("{e}; full-text search is off")),
        }
    }
    TextIndex::new(dbs)
}
