//! Build script: fingerprints what extraction is made of (the extraction, language, text and
//! gazetteer code, the model, and the bundled gazetteer tables), so that the corpus cache
//! drops results made by any other extractor without anyone remembering to bump a number.

use std::path::{Path, PathBuf};

const INPUTS: &[&str] = &[
    "src/extract",
    "src/lexicon",
    "src/text",
    "src/gazetteer",
    "src/model.rs",
    "../../data/gazetteer",
];

fn files_under(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            files_under(&entry.path(), out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike the standard library's hasher.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files_under(Path::new(input), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        fnv(&mut hash, file.to_string_lossy().as_bytes());
        match std::fs::read(file) {
            Ok(bytes) => fnv(&mut hash, &bytes),
            Err(e) => panic!("cannot read {}: {e}", file.display()),
        }
    }
    // 31 bits: stored as a number in the cache database.
    println!(
        "cargo:rustc-env=BRIEFMAP_EXTRACTOR_FINGERPRINT={}",
        (hash ^ (hash >> 32)) as u32 & 0x7fff_ffff
    );
}
