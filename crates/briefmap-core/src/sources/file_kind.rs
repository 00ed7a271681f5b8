//! What a path is to briefmap, by its ending: a brief (`.txt`, `.md`), an event file to import
//! (`.csv`, `.tsv`, `.geojson`, `.json`), briefmap's own saved views (`briefmap-views.json`,
//! never imported), or neither. The lowest layer of `sources`: the
//! sidecar naming rule and the loaders both ask it, and it asks nobody.

use std::path::Path;

/// File endings read as briefs.
pub const BRIEF_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// File endings imported as events from other tools.
pub const IMPORT_EXTENSIONS: [&str; 4] = ["csv", "geojson", "json", "tsv"];

fn has_extension(path: &Path, endings: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| endings.iter().any(|b| b.eq_ignore_ascii_case(e)))
}

/// Whether a path is read as a brief (by its ending).
pub fn is_brief_file(path: &Path) -> bool {
    has_extension(path, &BRIEF_EXTENSIONS)
}

/// The name of the saved-views file briefmap keeps beside the briefs (`app::saved_view`).
pub const VIEWS_FILE_NAME: &str = "briefmap-views.json";

/// Whether a path is briefmap's saved-views file (by its name, in any case).
pub fn is_views_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(VIEWS_FILE_NAME))
}

/// Whether a path is imported as an event file (by its ending; never the saved-views file).
pub fn is_import_file(path: &Path) -> bool {
    has_extension(path, &IMPORT_EXTENSIONS) && !is_views_file(path)
}

/// Hidden entries (`.git`, `.DS_Store`, our own temporary files) are never loaded.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_decide_case_insensitively() {
        assert!(is_brief_file(Path::new("a/b.TXT")));
        assert!(is_brief_file(Path::new("b.md")));
        assert!(!is_brief_file(Path::new("b.json")));
        assert!(is_import_file(Path::new("e.GeoJSON")));
        assert!(!is_import_file(Path::new("e.txt")));
        assert!(!is_brief_file(Path::new("txt")));
        assert!(is_hidden(std::ffi::OsStr::new(".x.txt")));
        assert!(is_views_file(Path::new("d/briefmap-views.json")));
        assert!(!is_import_file(Path::new("d/Briefmap-Views.JSON")));
        assert!(is_import_file(Path::new("d/views.json")));
    }
}
