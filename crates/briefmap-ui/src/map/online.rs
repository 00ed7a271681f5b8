//! Optional OpenStreetMap tiles. Only `osm_tiles` opens network connections, and the panel calls
//! it only while the "Online tiles" setting is on. Tiles are cached on disk.

use std::path::PathBuf;

use walkers::{HeaderValue, HttpOptions, HttpTiles, sources::OpenStreetMap};

/// Where downloaded tiles are cached: `$XDG_CACHE_HOME/briefmap/tiles`, else the platform's
/// usual cache folder under the home directory. `None` if no home is known.
pub fn tile_cache_dir() -> Option<PathBuf> {
    let env_dir = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    let base = if let Some(xdg) = env_dir("XDG_CACHE_HOME") {
        PathBuf::from(xdg)
    } else if cfg!(target_os = "windows") {
        PathBuf::from(env_dir("LOCALAPPDATA")?)
    } else if cfg!(target_os = "macos") {
        PathBuf::from(env_dir("HOME")?)
            .join("Library")
            .join("Caches")
    } else {
        PathBuf::from(env_dir("HOME")?).join(".cache")
    };
    Some(base.join("briefmap").join("tiles"))
}

/// OpenStreetMap raster tiles with a disk cache and an identifying user agent.
pub fn osm_tiles(ctx: egui::Context) -> HttpTiles {
    let options = HttpOptions {
        cache: tile_cache_dir(),
        user_agent: Some(HeaderValue::from_static(concat!(
            "briefmap/",
            env!("CARGO_PKG_VERSION"),
            " (desktop map of news briefs)"
        ))),
        ..HttpOptions::default()
    };
    HttpTiles::with_options(OpenStreetMap, options, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_dir_ends_in_briefmap_tiles() {
        if let Some(dir) = tile_cache_dir() {
            assert!(dir.ends_with("briefmap/tiles"), "{dir:?}");
        }
    }
}
