//! The architecture rules, checked: the pure core (everything outside `src/ui/` and
//! `src/main.rs`) never names a UI crate, and every source file says what it is for.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("source is UTF-8"))
        })
        .collect()
}

#[test]
fn the_core_names_no_ui_crate() {
    let ui_crates = [
        "egui",
        "eframe",
        "walkers",
        "rfd",
        "egui_kittest",
        "egui_extras",
    ];
    let mut offenders = Vec::new();
    for (file, text) in sources() {
        if file.starts_with("src/ui/") || file == "src/main.rs" {
            continue;
        }
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for krate in ui_crates {
                let named = code.contains(&format!("{krate}::"))
                    || code.trim_start().starts_with(&format!("use {krate}"))
                    || code.contains(&format!("extern crate {krate}"));
                if named {
                    offenders.push(format!("{file}: {}", line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "UI crates named in the core:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_module_says_what_it_is_for() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(file, _)| file)
        .collect();
    assert!(missing.is_empty(), "files without a //! line: {missing:?}");
}
