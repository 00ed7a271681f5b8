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
    // Nor do the fuzz targets, which test the core alone.
    let fuzz = reachable(&graph, "briefmap-fuzz");
    assert!(
        fuzz.contains("briefmap-core"),
        "the lock file lists the fuzz crate"
    );
    let found: Vec<&str> = forbidden
        .iter()
        .copied()
        .filter(|name| fuzz.contains(*name))
        .collect();
    assert!(
        found.is_empty(),
        "the fuzz targets reach UI crates: {found:?}"
    );
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

/// Module path (`app::catalog`) of every source file under `src`, with its text (tests cut).
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(src).expect("below src").with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&p).expect("source is UTF-8");
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            (parts.join("::"), code)
        })
        .collect()
}

/// The module a `crate::…`/`super::…` path names (the longest prefix that is a module).
fn resolve(modules: &BTreeMap<String, String>, from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    match parts.first() {
        Some(&"crate") => {
            base.clear();
            parts.remove(0);
        }
        Some(&"super") => {
            while parts.first() == Some(&"super") {
                base.pop();
                parts.remove(0);
            }
        }
        _ => return None,
    }
    base.extend(parts);
    (1..=base.len())
        .rev()
        .map(|n| base[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// Module paths used in `code` (`crate::a::b`, `super::c`), including inside `use {…}` lists.
fn used_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            out.push(code[at..end].trim_end_matches(':').to_string());
        }
    }
    out
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    for src in ["crates/briefmap-core/src", "crates/briefmap-ui/src"] {
        let modules = modules(&root().join(src));
        let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (module, code) in &modules {
            for path in used_paths(code) {
                if let Some(target) = resolve(&modules, module, &path)
                    && &target != module
                    && !module.starts_with(&format!("{target}::"))
                    && !target.starts_with(&format!("{module}::"))
                    && !target.is_empty()
                {
                    edges.entry(module.as_str()).or_default().insert(target);
                }
            }
        }
        // Depth-first search for a back edge.
        fn visit<'a>(
            m: &'a str,
            edges: &'a BTreeMap<&str, BTreeSet<String>>,
            path: &mut Vec<&'a str>,
            done: &mut BTreeSet<&'a str>,
        ) -> Option<Vec<String>> {
            if let Some(i) = path.iter().position(|p| *p == m) {
                return Some(path[i..].iter().map(|s| s.to_string()).collect());
            }
            if done.contains(m) {
                return None;
            }
            path.push(m);
            for next in edges.get(m).into_iter().flatten() {
                if let Some(circle) = visit(next, edges, path, done) {
                    return Some(circle);
                }
            }
            path.pop();
            done.insert(m);
            None
        }
        let mut done = BTreeSet::new();
        for module in modules.keys() {
            let circle = visit(module, &edges, &mut Vec::new(), &mut done);
            assert!(circle.is_none(), "{src}: modules in a circle: {circle:?}");
        }
        assert!(
            edges
                .get("app::state")
                .is_some_and(|e| e.contains("app::catalog"))
                || !src.contains("core"),
            "the check sees imports (app::state uses app::catalog)"
        );
    }
}
