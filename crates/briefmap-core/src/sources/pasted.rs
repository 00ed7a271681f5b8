//! A brief pasted from the clipboard, saved as a new `.txt` file (with its source and
//! publication date in the sidecar) beside the briefs the user opened, never over a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::atomic::write_file;
use super::sidecar::update_sidecar_field;

/// What the user pasted and typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedBrief {
    pub text: String,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// Where a pasted brief is saved: the first opened folder, else beside the first opened file.
pub fn pasted_brief_dir(sources: &[PathBuf]) -> PathBuf {
    sources
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .or_else(|| sources.first().and_then(|p| p.parent().map(PathBuf::from)))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Writes `pasted` as `dir/pasted-<stamp>.txt` (numbered if taken) with its sidecar; returns
/// the new file.
pub fn write_pasted_brief(
    dir: &Path,
    pasted: &PastedBrief,
    now: NaiveDateTime,
) -> Result<PathBuf, String> {
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut file = dir.join(format!("pasted-{stamp}.txt"));
    let mut n = 1;
    while file.exists() || super::sidecar::sidecar_path(&file).exists() {
        file = dir.join(format!("pasted-{stamp}-{n}.txt"));
        n += 1;
    }
    write_file(&file, pasted.text.as_bytes()).map_err(|e| e.to_string())?;
    for (key, value) in [("source", &pasted.source), ("published", &pasted.published)] {
        if let Some(v) = value {
            update_sidecar_field(&file, key, Some(serde_json::Value::String(v.clone())))
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_brief_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(10, 11, 12)
            .unwrap();
        let pasted = PastedBrief {
            text: "Talks in Baku.".into(),
            source: Some("Trend".into()),
            published: Some("2026-12-04".into()),
        };
        let first = write_pasted_brief(dir.path(), &pasted, now).unwrap();
        assert_eq!(first.file_name().unwrap(), "pasted-20261204-101112.txt");
        let second = write_pasted_brief(dir.path(), &pasted, now).unwrap();
        assert_eq!(second.file_name().unwrap(), "pasted-20261204-101112-1.txt");
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "Talks in Baku.");
        let sidecar: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(first.with_extension("json")).unwrap())
                .unwrap();
        assert_eq!(sidecar["source"], "Trend");
        assert_eq!(sidecar["published"], "2026-12-04");
    }

    #[test]
    fn pasted_briefs_go_to_the_first_opened_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        assert_eq!(pasted_brief_dir(std::slice::from_ref(&file)), dir.path());
        assert_eq!(
            pasted_brief_dir(&[file, dir.path().to_path_buf()]),
            dir.path()
        );
        assert_eq!(pasted_brief_dir(&[]), PathBuf::from("."));
    }
}
