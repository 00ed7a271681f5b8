//! The corpus cache against fresh extraction: the same whole results, changed files
//! extracted again, a damaged or outdated database rebuilt, two loads at once on one root,
//! and full-text search over the cached texts.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

use briefmap_core::corpus::{self, CacheMode, CorpusLoad, Inputs};
use briefmap_core::sources::Dataset;

const BRIEFS: [(&str, &str); 4] = [
    (
        "a.txt",
        "ASHGABAT, March 21. Türkmenistan and Kazakhstan agreed to deepen gas cooperation. \
         QazaqGaz and Türkmengaz signed a supply deal in Ashgabat on 21 March 2025.",
    ),
    (
        "b.txt",
        "Министр энергетики посетил Ашхабаде 3 марта 2025 года. Стороны обсудили поставки газа.",
    ),
    (
        "nested/c.md",
        "Le 3 mars 2025, QazaqGaz a signé un accord à Astana avec la société turque BOTAŞ.",
    ),
    (
        "d.txt",
        "Tokayev met Berdimuhamedov in Astana on Monday to discuss the railway.",
    ),
];

/// A folder of briefs (one with a sidecar) whose files were last written an hour ago.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in BRIEFS {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        fs::write(&path, text).expect("write brief");
        age(&path);
    }
    let sidecar = dir.path().join("d.json");
    fs::write(
        &sidecar,
        r#"{"published": "2025-03-24", "source": "Trend"}"#,
    )
    .expect("sidecar");
    age(&sidecar);
    dir
}

/// Sets a file's mtime an hour back (as files long on disk are).
fn age(path: &Path) {
    let file = fs::File::options().write(true).open(path).expect("open");
    let past = SystemTime::now() - Duration::from_secs(3600);
    file.set_modified(past).expect("set mtime");
}

fn load(dir: &Path, mode: &CacheMode) -> CorpusLoad {
    corpus::load(
        &[dir.to_path_buf()],
        Inputs::BriefsAndImports,
        mode,
        &|_| {},
        &AtomicBool::new(false),
    )
}

/// Whole results: every brief with every field (text and story included) and every problem.
fn assert_same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.briefs.len(), b.briefs.len());
    for (x, y) in a.briefs.iter().zip(&b.briefs) {
        assert_eq!(x, y, "{}", x.file.display());
    }
    assert_eq!(a.problems, b.problems);
}

fn database(cache: &Path) -> PathBuf {
    fs::read_dir(cache)
        .expect("cache folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("one database")
}

#[test]
fn the_cache_returns_exactly_what_a_fresh_extraction_returns() {
    let dir = corpus();
    let cache = tempfile::tempdir().expect("cache dir");
    let mode = CacheMode::Disk(cache.path().to_path_buf());
    let fresh = load(dir.path(), &CacheMode::Off);
    assert_eq!(fresh.dataset.briefs.len(), 4);
    assert_eq!(fresh.stats.extracted, 4);
    assert!(fresh.dataset.briefs.iter().any(|b| !b.events.is_empty()));

    let first = load(dir.path(), &mode);
    assert_eq!((first.stats.extracted, first.stats.from_cache), (4, 0));
    assert_same(&first.dataset, &fresh.dataset);
    let again = load(dir.path(), &mode);
    assert_eq!((again.stats.extracted, again.stats.from_cache), (0, 4));
    assert_same(&again.dataset, &fresh.dataset);
    assert!(again.notes.is_empty(), "{:?}", again.notes);
}

#[test]
fn a_changed_file_or_sidecar_is_extracted_again_and_a_removed_one_forgotten() {
    let dir = corpus();
    let cache = tempfile::tempdir().expect("cache dir");
    let mode = CacheMode::Disk(cache.path().to_path_buf());
    load(dir.path(), &mode);
    // Same length, other words (and another mtime).
    let a = dir.path().join("a.txt");
    let text = fs::read_to_string(&a)
        .expect("read")
        .replace("Kazakhstan", "Uzbekistan");
    fs::write(&a, text).expect("rewrite");
    // The sidecar's publication date changes what extraction finds for d.txt.
    fs::write(
        dir.path().join("d.json"),
        r#"{"published": "2024-01-15", "source": "Trend"}"#,
    )
    .expect("sidecar");
    let changed = load(dir.path(), &mode);
    assert_eq!((changed.stats.extracted, changed.stats.from_cache), (2, 2));
    assert_same(&changed.dataset, &load(dir.path(), &CacheMode::Off).dataset);
    let brief = &changed.dataset.briefs[0];
    assert!(brief.text.contains("Uzbekistan"), "{}", brief.text);

    fs::remove_file(dir.path().join("b.txt")).expect("remove");
    let fewer = load(dir.path(), &mode);
    assert_eq!(fewer.dataset.briefs.len(), 3);
    let db = rusqlite::Connection::open(database(cache.path())).expect("open");
    let rows: i64 = db
        .query_row("SELECT count(*) FROM files", [], |r| r.get(0))
        .expect("count");
    assert_eq!(rows, 3, "the removed file is forgotten");
}

#[test]
fn a_corrupt_truncated_or_outdated_database_is_rebuilt_with_a_message() {
    let dir = corpus();
    let cache = tempfile::tempdir().expect("cache dir");
    let mode = CacheMode::Disk(cache.path().to_path_buf());
    let fresh = load(dir.path(), &CacheMode::Off).dataset;
    load(dir.path(), &mode);
    let db = database(cache.path());

    // Not a database at all.
    fs::write(&db, b"this is not SQLite, just bytes").expect("garbage");
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let rebuilt = load(dir.path(), &mode);
    assert!(
        rebuilt.notes.iter().any(|n| n.contains("rebuilt")),
        "{:?}",
        rebuilt.notes
    );
    assert_eq!(rebuilt.stats.extracted, 4);
    assert_same(&rebuilt.dataset, &fresh);
    assert_eq!(load(dir.path(), &mode).stats.from_cache, 4);

    // Cut in half.
    let bytes = fs::read(&db).expect("read db");
    fs::write(&db, &bytes[..bytes.len() / 2]).expect("truncate");
    let after_cut = load(dir.path(), &mode);
    assert_same(&after_cut.dataset, &fresh);

    // Written by another schema, then by another extractor: dropped cleanly.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("PRAGMA user_version = 99")
        .expect("schema");
    drop(conn);
    let other_schema = load(dir.path(), &mode);
    assert_eq!(other_schema.stats.extracted, 4);
    assert_same(&other_schema.dataset, &fresh);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute(
        "UPDATE meta SET value = '0' WHERE key = 'extractor_version'",
        [],
    )
    .expect("version");
    drop(conn);
    let other_extractor = load(dir.path(), &mode);
    assert_eq!(other_extractor.stats.extracted, 4);
    assert_same(&other_extractor.dataset, &fresh);
}

#[test]
fn two_loads_at_once_on_one_root_do_not_corrupt_the_cache() {
    let dir = corpus();
    let cache = tempfile::tempdir().expect("cache dir");
    let mode = CacheMode::Disk(cache.path().to_path_buf());
    let fresh = load(dir.path(), &CacheMode::Off).dataset;
    for _ in 0..3 {
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| load(dir.path(), &mode));
            let b = s.spawn(|| load(dir.path(), &mode));
            (a.join().expect("first"), b.join().expect("second"))
        });
        assert_same(&a.dataset, &fresh);
        assert_same(&b.dataset, &fresh);
        assert!(
            a.notes.is_empty() && b.notes.is_empty(),
            "{:?} {:?}",
            a.notes,
            b.notes
        );
    }
    let after = load(dir.path(), &mode);
    assert_eq!(after.stats.from_cache, 4);
    assert_same(&after.dataset, &fresh);
    let conn = rusqlite::Connection::open(database(cache.path())).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn full_text_search_finds_prefixes_without_diacritics_in_cached_and_uncached_texts() {
    let dir = corpus();
    let cache = tempfile::tempdir().expect("cache dir");
    for mode in [CacheMode::Off, CacheMode::Disk(cache.path().to_path_buf())] {
        for _ in 0..2 {
            let loaded = load(dir.path(), &mode);
            let names = |query: &str| -> Vec<String> {
                let mut files: Vec<String> = loaded
                    .text_index
                    .search(query)
                    .expect("search")
                    .iter()
                    .map(|p| {
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned()
                    })
                    .collect();
                files.sort();
                files
            };
            assert_eq!(names("turkmenistan"), ["a.txt"]);
            assert_eq!(names("Ашхабад"), ["b.txt"], "a prefix of Ашхабаде");
            assert_eq!(names("qazaq"), ["a.txt", "c.md"]);
            assert_eq!(
                names("botas accord"),
                ["c.md"],
                "every word, diacritics removed"
            );
            assert!(names("pipeline").is_empty());
            assert!(names("\"*(").is_empty(), "no words, no error");
        }
    }
}
