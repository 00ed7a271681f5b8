//! The architecture rules, checked: the core crate's dependency graph (read from `Cargo.lock`)
//! holds no UI, windowing or GPU crate, the UI crate depends on the core and not the other way
//! round, and every source file says what it is for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Package name → names of its dependencies, as `Cargo.lock` lists them (normal, build and dev
/// dependencies together, for every platform: a superset of what any build compiles).
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock is readable");
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = Vec::new();
        let mut in_deps = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(v) = line.strip_prefix("name = ") {
                name = Some(v.trim_matches('"').to_string());
            } else if line.starts_with("dependencies = [") {
                in_deps = !line.ends_with(']');
            } else if in_deps && line == "]" {
                in_deps = false;
            } else if in_deps {
                // `"name"` or `"name version"` or `"name version (source)"`.
                let dep = line.trim_matches(|c| c == '"' || c == ',');
                deps.push(dep.split(' ').next().unwrap_or(dep).to_string());
            }
        }
        if let Some(name) = name {
            graph.entry(name).or_default().extend(deps);
        }
    }
    graph
}

/// Every package `start` reaches in the lock graph, `start` included.
fn reachable(graph: &BTreeMap<String, Vec<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone()) {
            todo.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn the_core_depends_on_no_ui_crate() {
    let graph = lock_graph();
    assert!(
        graph.contains_key("briefmap-core"),
        "the lock file lists the core"
    );
    let core = reachable(&graph, "briefmap-core");
    let forbidden = [
        "egui",
        "eframe",
        "egui_extras",
        "egui_kittest",
        "egui-wgpu",
        "egui-winit",
        "walkers",
        "rfd",
        "wgpu",
        "winit",
        "briefmap-ui",
    ];
    let found: Vec<&str> = forbidden
        .iter()
        .copied()
        .filter(|name| core.contains(*name))
        .collect();
    assert!(found.is_empty(), "the core reaches UI crates: {found:?}");
    // The check itself can fail: the UI crate does reach them.
    let ui = reachable(&graph, "briefmap-ui");
    assert!(ui.contains("egui") && ui.contains("wgpu") && ui.contains("briefmap-core"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_says_what_it_is_for() {
    let mut files = Vec::new();
    for dir in ["src", "crates/briefmap-core/src", "crates/briefmap-ui/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 50, "found the sources ({})", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).expect("source is UTF-8");
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! line: {missing:?}");
}
