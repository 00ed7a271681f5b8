//! The `briefmap export` command: every format to a file and to standard output, imports as
//! input, and clear failures.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn briefmap(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // A corpus cache of the tests' own, never the user's.
        .env(
            "BRIEFMAP_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/corpus-cache"),
        )
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

#[test]
fn every_format_writes_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (format, start) in [
        ("geojson", "{"),
        ("csv", "id,title,kind,"),
        ("ics", "BEGIN:VCALENDAR\r\n"),
        ("kml", "<?xml"),
        ("timelinejs", "{"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let out = dir.path().join(format!("events.{format}"));
        let (code, stdout, stderr) = briefmap(&[
            "export",
            "--format",
            format,
            "data/briefs",
            "-o",
            path_str(&out),
        ]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stdout.is_empty());
        let text = std::fs::read_to_string(&out).expect("written");
        assert!(
            text.starts_with(start),
            "{format}: {}",
            &text[..40.min(text.len())]
        );
        let leftovers = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with("events."))
            .count();
        assert_eq!(leftovers, 0, "no temporary files left behind");
    }
}

#[test]
fn dash_writes_to_stdout() {
    let (code, stdout, _) = briefmap(&["export", "-f", "geojson", "data/briefs", "-o", "-"]);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&stdout).expect("GeoJSON on stdout");
    assert_eq!(value["type"], "FeatureCollection");
}

#[test]
fn exported_files_import_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("events.csv");
    let timeline = dir.path().join("timeline.json");
    let (code, _, _) = briefmap(&["export", "-f", "csv", "data/briefs", "-o", path_str(&csv)]);
    assert_eq!(code, 0);
    let (code, _, stderr) = briefmap(&[
        "export",
        "-f",
        "timelinejs",
        path_str(&csv),
        "-o",
        path_str(&timeline),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = briefmap(&["export", "-f", "csv", path_str(&timeline)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(",import:timelinejs\r\n"));
    let (_, original, _) = briefmap(&["export", "-f", "csv", "data/briefs"]);
    let dated = |text: &str| {
        text.lines()
            .skip(1)
            .filter(|l| l.contains(",day,") || l.contains(",month,") || l.contains(",year,"))
            .count()
    };
    assert_eq!(dated(&stdout), dated(&original));
}

#[test]
fn bad_inputs_are_reported() {
    let (code, _, stderr) = briefmap(&["export", "-f", "pdf", "data/briefs"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pdf"));
    let (code, stdout, stderr) =
        briefmap(&["export", "-f", "csv", "data/briefs", "no/such/file.csv"]);
    assert_eq!(code, 0, "problems do not stop the export");
    assert!(stdout.starts_with("id,title"));
    assert!(stderr.contains("no/such/file.csv"), "{stderr}");
    let (code, _, stderr) = briefmap(&[
        "export",
        "-f",
        "csv",
        "data/briefs",
        "-o",
        "/no/such/dir/out.csv",
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("/no/such/dir"), "{stderr}");
}
