//! Sidecar files: `X.json` beside the brief `X.txt`, written by hand or by the app. Holds what
//! is known of the publication (`published`, `title`, `source`, `url`, `language`) and, under
//! other keys, the user's corrections. Fields we do not know survive every rewrite, and writes
//! are atomic (temporary file + rename), so a crash never leaves half a file. Every read and
//! write tells the sidecar's `SidecarVersion` (time of modification, size, hash of the bytes),
//! so a later save can tell that someone else changed the file in between.

use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Map, Value};
use thiserror::Error;

use super::atomic::{WriteError, write_file};
use super::read::{ReadError, read_capped_with_metadata};
use crate::model::{DateRange, Publication};
use crate::text::shown::shown_path;

/// Largest sidecar we accept; anything bigger is not a hand-written metadata file.
pub const MAX_SIDECAR_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum SidecarError {
    #[error("cannot read sidecar {}: {source}", shown_path(path))]
    Read { path: PathBuf, source: ReadError },
    #[error("sidecar {} is not valid JSON: {source}", shown_path(path))]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "sidecar {} must hold a JSON object at the top level",
        shown_path(path)
    )]
    NotAnObject { path: PathBuf },
    #[error("sidecar {} is too large ({size} bytes)", shown_path(path))]
    TooLarge { path: PathBuf, size: u64 },
    #[error("sidecar {} not saved: {source}", shown_path(path))]
    Write { path: PathBuf, source: WriteError },
}

/// `dir/X.txt` → `dir/X.json`. Imported event files (CSV, GeoJSON, TimelineJS JSON) keep
/// their corrections in `dir/X.geojson.briefmap.json`: never in the imported file itself, nor
/// in a `X.json` that may be someone else's data. Nor in the saved-views file: a brief called
/// `briefmap-views.txt` keeps its sidecar in `briefmap-views.txt.briefmap.json`.
pub fn sidecar_path(brief_file: &Path) -> PathBuf {
    let plain = brief_file.with_extension("json");
    if !super::file_kind::is_import_file(brief_file) && !super::file_kind::is_views_file(&plain) {
        return plain;
    }
    let mut name = brief_file.file_name().unwrap_or_default().to_os_string();
    name.push(".briefmap.json");
    brief_file.with_file_name(name)
}

/// What a sidecar was when briefmap last read or wrote it: enough to tell that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidecarVersion {
    /// There was no sidecar.
    Absent,
    /// Its time of modification, size and a hash of its bytes.
    Present {
        modified: Option<SystemTime>,
        len: u64,
        hash: u64,
    },
}

impl SidecarVersion {
    fn of(bytes: &[u8], meta: &std::fs::Metadata) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        SidecarVersion::Present {
            modified: meta.modified().ok(),
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// A sidecar as read: its object (`None` when there is no sidecar) and its version.
#[derive(Debug, Clone, PartialEq)]
pub struct SidecarRead {
    pub map: Option<Map<String, Value>>,
    pub version: SidecarVersion,
}

/// Reads the sidecar object of a brief; `Ok(None)` when there is none.
pub fn read_sidecar(brief_file: &Path) -> Result<Option<Map<String, Value>>, SidecarError> {
    read_sidecar_versioned(brief_file).map(|read| read.map)
}

/// Reads the sidecar object of a brief with the version it was read at.
pub fn read_sidecar_versioned(brief_file: &Path) -> Result<SidecarRead, SidecarError> {
    let path = sidecar_path(brief_file);
    let (bytes, meta) = match read_capped_with_metadata(&path, MAX_SIDECAR_BYTES) {
        Ok(read) => read,
        Err(ReadError::NotFound) => {
            return Ok(SidecarRead {
                map: None,
                version: SidecarVersion::Absent,
            });
        }
        Err(ReadError::TooLarge { size, .. }) => return Err(SidecarError::TooLarge { path, size }),
        Err(source) => return Err(SidecarError::Read { path, source }),
    };
    Ok(SidecarRead {
        version: SidecarVersion::of(&bytes, &meta),
        map: Some(parse_sidecar(&path, &bytes)?),
    })
}

/// The object a sidecar's bytes hold (`path` names it in errors).
pub fn parse_sidecar(path: &Path, bytes: &[u8]) -> Result<Map<String, Value>, SidecarError> {
    // Editors on Windows may start a UTF-8 file with a byte order mark; JSON has none.
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<Value>(json) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(SidecarError::NotAnObject {
            path: path.to_path_buf(),
        }),
        Err(source) => Err(SidecarError::Parse {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// One field of a brief's sidecar, if the sidecar and the field exist.
pub fn read_sidecar_field(brief_file: &Path, key: &str) -> Result<Option<Value>, SidecarError> {
    Ok(read_sidecar(brief_file)?.and_then(|mut map| map.remove(key)))
}

/// Sets (or with `None` removes) one field of a brief's sidecar, keeping every other field.
/// Creates the sidecar if needed. Refuses to touch a sidecar that exists but cannot be parsed,
/// so a user's hand-written file is never replaced by ours.
pub fn update_sidecar_field(
    brief_file: &Path,
    key: &str,
    value: Option<Value>,
) -> Result<(), SidecarError> {
    let mut map = read_sidecar(brief_file)?.unwrap_or_default();
    match value {
        Some(value) => {
            map.insert(key.to_string(), value);
        }
        None => {
            map.remove(key);
        }
    }
    write_sidecar(brief_file, &map).map(drop)
}

/// Writes the whole sidecar object atomically; returns the version written.
pub fn write_sidecar(
    brief_file: &Path,
    map: &Map<String, Value>,
) -> Result<SidecarVersion, SidecarError> {
    let path = sidecar_path(brief_file);
    let mut json = serde_json::to_vec_pretty(&Value::Object(map.clone())).map_err(|e| {
        SidecarError::Write {
            path: path.clone(),
            source: WriteError::Io {
                path: path.clone(),
                source: std::io::Error::other(e),
            },
        }
    })?;
    json.push(b'\n');
    write_file(&path, &json).map_err(|source| SidecarError::Write {
        path: path.clone(),
        source,
    })?;
    // The time of modification is the file's now; if someone wrote it in between, the hash of
    // our bytes no longer matches theirs and the next save sees the change.
    let meta = std::fs::metadata(&path).map_err(|source| SidecarError::Write {
        path: path.clone(),
        source: WriteError::Io {
            path: path.clone(),
            source,
        },
    })?;
    Ok(SidecarVersion::of(&json, &meta))
}

/// The publication facts a sidecar holds. Malformed fields are reported, not fatal.
pub fn publication_from_sidecar(map: &Map<String, Value>) -> (Publication, Vec<String>) {
    let mut problems = Vec::new();
    let mut text_field = |key: &str| -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::String(_)) => None,
            Some(other) => {
                problems.push(format!(
                    "sidecar field '{key}' should be a string, found {other}"
                ));
                None
            }
        }
    };
    let published_text = text_field("published");
    let title = text_field("title");
    let source = text_field("source").or_else(|| text_field("outlet"));
    let url = text_field("url");
    let language = text_field("language").map(|l| l.to_lowercase());
    let published = published_text.and_then(|text| {
        let parsed = DateRange::parse_iso(&text);
        if parsed.is_none() {
            problems.push(format!(
                "sidecar field 'published' is '{text}', expected YYYY, YYYY-MM or YYYY-MM-DD"
            ));
        }
        parsed
    });
    let language = language.filter(|l| {
        let ok = l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase());
        if !ok {
            problems.push(format!(
                "sidecar field 'language' is '{l}', expected a two-letter ISO 639-1 code"
            ));
        }
        ok
    });
    (
        Publication {
            published,
            title,
            source,
            url,
            language,
        },
        problems,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::fs;

    #[test]
    fn imported_files_get_a_sidecar_of_their_own() {
        assert_eq!(sidecar_path(Path::new("d/a.txt")), Path::new("d/a.json"));
        assert_eq!(sidecar_path(Path::new("d/a.MD")), Path::new("d/a.json"));
        for import in ["d/story.json", "d/events.geojson", "d/events.csv"] {
            let sidecar = sidecar_path(Path::new(import));
            assert_eq!(sidecar, Path::new(&format!("{import}.briefmap.json")));
        }
        // The saved-views file is nobody's sidecar.
        assert_eq!(
            sidecar_path(Path::new("d/briefmap-views.txt")),
            Path::new("d/briefmap-views.txt.briefmap.json")
        );
    }

    #[test]
    fn update_keeps_unknown_fields_and_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("a.txt");
        fs::write(&brief, "text").unwrap();
        fs::write(
            dir.path().join("a.json"),
            r#"{"published": "2024-04", "x-team": {"owner": "ana"}, "title": "T"}"#,
        )
        .unwrap();
        update_sidecar_field(&brief, "corrections", Some(json!({"v": 1}))).unwrap();
        let map = read_sidecar(&brief).unwrap().unwrap();
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["published", "x-team", "title", "corrections"]);
        assert_eq!(map["x-team"]["owner"], "ana");
        update_sidecar_field(&brief, "corrections", None).unwrap();
        let map = read_sidecar(&brief).unwrap().unwrap();
        assert!(!map.contains_key("corrections"));
        assert_eq!(map["title"], "T");
        // No temporary files are left behind.
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_broken_sidecar_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("b.txt");
        let broken = "{\"published\": \"2024-04\", oops";
        fs::write(dir.path().join("b.json"), broken).unwrap();
        let err = update_sidecar_field(&brief, "corrections", Some(json!(1))).unwrap_err();
        assert!(matches!(err, SidecarError::Parse { .. }), "{err}");
        assert!(err.to_string().contains("b.json"));
        assert_eq!(
            fs::read_to_string(dir.path().join("b.json")).unwrap(),
            broken
        );
    }

    #[test]
    fn a_byte_order_mark_is_allowed_and_versions_tell_changes() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("d.txt");
        let sidecar = dir.path().join("d.json");
        assert_eq!(
            read_sidecar_versioned(&brief).unwrap().version,
            SidecarVersion::Absent
        );
        fs::write(&sidecar, b"\xEF\xBB\xBF{\"title\": \"BOM\"}").unwrap();
        let first = read_sidecar_versioned(&brief).unwrap();
        assert_eq!(first.map.unwrap()["title"], "BOM");
        assert_eq!(
            read_sidecar_versioned(&brief).unwrap().version,
            first.version
        );
        // Same size, other bytes: another version, whatever the clock says.
        fs::write(&sidecar, b"\xEF\xBB\xBF{\"title\": \"MOB\"}").unwrap();
        assert_ne!(
            read_sidecar_versioned(&brief).unwrap().version,
            first.version
        );
        let mut map = Map::new();
        map.insert("title".into(), json!("ours"));
        let written = write_sidecar(&brief, &map).unwrap();
        assert_eq!(read_sidecar_versioned(&brief).unwrap().version, written);
    }

    #[test]
    fn missing_sidecar_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let brief = dir.path().join("c.txt");
        assert!(read_sidecar(&brief).unwrap().is_none());
        update_sidecar_field(&brief, "reviewed", Some(json!(true))).unwrap();
        assert_eq!(
            read_sidecar_field(&brief, "reviewed").unwrap(),
            Some(json!(true))
        );
    }

    #[test]
    fn publication_fields_are_validated() {
        let map =
            json!({"published": "2024-13", "language": "French", "title": 3, "source": "VOI"});
        let (publication, problems) = publication_from_sidecar(map.as_object().unwrap());
        assert_eq!(publication.published, None);
        assert_eq!(publication.language, None);
        assert_eq!(publication.source.as_deref(), Some("VOI"));
        assert_eq!(problems.len(), 3, "{problems:?}");
        let good = json!({"published": "2025-03-21", "language": "EN"});
        let (publication, problems) = publication_from_sidecar(good.as_object().unwrap());
        assert!(problems.is_empty());
        assert_eq!(publication.language.as_deref(), Some("en"));
        assert_eq!(publication.published.unwrap().to_iso(), "2025-03-21");
    }
}
