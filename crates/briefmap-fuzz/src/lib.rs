//! Fuzz targets for briefmap's core (`targets`, compiled for tests only): the brief loader
//! with the extractor, the sidecar and corrections reader, and each importer, each followed by
//! every export of what it read. `cargo test -p briefmap-fuzz` runs each for about a second
//! on random inputs; `cargo bolero test -p briefmap-fuzz targets::NAME --sanitizer NONE`
//! runs one coverage-guided (README, "Fuzzing").

#[cfg(test)]
mod targets;
