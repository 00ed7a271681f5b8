//! Where the bundled data lives: the sample briefs beside the binary's working folder, or in
//! the source tree this build came from.

use std::path::PathBuf;

/// The workspace's top folder (where `data/`, `assets/` and `screenshots/` are).
pub fn workspace_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The bundled sample briefs, wherever the binary is run from.
pub fn bundled_briefs_dir() -> PathBuf {
    let here = PathBuf::from("data/briefs");
    if here.is_dir() {
        return here;
    }
    workspace_dir().join("data/briefs")
}
