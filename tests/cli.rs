//! The command-line contract: `briefmap extract` output shapes, formats and exit codes.

use std::path::PathBuf;
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

#[test]
fn json_has_the_documented_shape() {
    let (code, stdout, _) = briefmap(&["extract", "--format", "json", "data/briefs"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).expect("one JSON object");
    let briefs = v["briefs"].as_array().expect("briefs array");
    assert_eq!(briefs.len(), 5);
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(0));
    for b in briefs {
        for key in [
            "file",
            "language",
            "title",
            "published",
            "places",
            "countries",
            "organizations",
            "people",
            "events",
            "problems",
        ] {
            assert!(b.get(key).is_some(), "brief has {key}");
        }
        let text = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(b["file"].as_str().unwrap()),
        )
        .unwrap();
        for p in b["places"].as_array().unwrap() {
            for key in ["name", "lat", "lon", "country", "kind", "role", "mentions"] {
                assert!(p.get(key).is_some(), "place has {key}: {p}");
            }
            assert!(["event", "mentioned", "dateline"].contains(&p["role"].as_str().unwrap()));
            for m in p["mentions"].as_array().unwrap() {
                let (s, e) = (
                    m[0].as_u64().unwrap() as usize,
                    m[1].as_u64().unwrap() as usize,
                );
                assert!(
                    text.get(s..e).is_some(),
                    "mention {s}..{e} is a slice of the text"
                );
            }
        }
        for e in b["events"].as_array().unwrap() {
            for key in [
                "main",
                "date",
                "kind",
                "title",
                "places",
                "countries",
                "organizations",
                "people",
                "evidence",
            ] {
                assert!(e.get(key).is_some(), "event has {key}: {e}");
            }
            if !e["date"].is_null() {
                assert!(
                    ["day", "month", "year", "range"]
                        .contains(&e["date"]["precision"].as_str().unwrap())
                );
            }
        }
    }
}

#[test]
fn jsonl_and_geojson() {
    let (code, stdout, _) = briefmap(&["extract", "--format", "jsonl", "data/briefs"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    for line in lines {
        let v: Value = serde_json::from_str(line).expect("each line is a brief");
        assert!(v["events"].is_array());
    }
    let (code, stdout, _) = briefmap(&["extract", "--format", "geojson", "data/briefs"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert!(!features.is_empty());
    // The export's GeoJSON: a Point per place, a LineString per route, a null geometry for an
    // event without places.
    let mut points = 0;
    for f in features {
        match f["geometry"]["type"].as_str() {
            Some("Point") => {
                points += 1;
                let lon = f["geometry"]["coordinates"][0].as_f64().unwrap();
                let lat = f["geometry"]["coordinates"][1].as_f64().unwrap();
                assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
            }
            Some("LineString") => {
                assert!(f["geometry"]["coordinates"].as_array().unwrap().len() >= 2)
            }
            None => assert!(f["geometry"].is_null() && f["properties"]["place"].is_null()),
            Some(other) => panic!("unexpected geometry {other}"),
        }
        assert!(f["properties"]["id"].as_str().unwrap().contains('#'));
    }
    assert!(points >= 5, "{points} points");
    // Ankara (lon 32.85, lat 39.92): coordinates are [lon, lat].
    assert!(features.iter().any(|f| f["properties"]["place"] == "Ankara"
        && (f["geometry"]["coordinates"][0].as_f64().unwrap() - 32.85).abs() < 0.2));
}

#[test]
fn bad_files_are_reported_and_the_run_still_works() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "Talks were held in Baku on Monday.",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"\xff\xfe\x00\x00binary").unwrap();
    let (code, stdout, stderr) = briefmap(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["briefs"].as_array().unwrap().len(), 1);
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(problems[0]["file"].as_str().unwrap().ends_with("bad.txt"));
    assert!(stderr.contains("bad.txt"));
}

#[test]
fn unusable_arguments_fail_with_a_message() {
    let (code, _, stderr) = briefmap(&["extract", "--format", "xml", "data/briefs"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("xml"), "{stderr}");
    let (code, _, stderr) = briefmap(&["extract"]);
    assert_ne!(code, 0);
    assert!(stderr.to_lowercase().contains("path"), "{stderr}");
}

#[test]
fn output_is_the_same_with_the_cache_without_it_and_from_it() {
    let cache = tempfile::tempdir().expect("temp dir");
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_briefmap"))
            .args(["extract", "--format", "jsonl", "data/briefs"])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("BRIEFMAP_CACHE_DIR", cache.path())
            .output()
            .expect("the binary runs");
        assert!(out.status.success());
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        (String::from_utf8(out.stdout).expect("UTF-8"), stderr)
    };
    let (fresh, fresh_err) = run(&["--no-cache"]);
    let (first, _) = run(&[]);
    let (cached, cached_err) = run(&[]);
    assert_eq!(first, fresh);
    assert_eq!(cached, fresh);
    assert!(fresh.lines().count() == 5, "{fresh}");
    // One line per load on standard error, saying where the briefs came from.
    assert!(
        fresh_err.contains("files in") && fresh_err.contains("(0 from cache, 0 problems)"),
        "{fresh_err}"
    );
    assert!(
        cached_err.contains("(5 from cache, 0 problems)"),
        "{cached_err}"
    );
    let line = cached_err
        .lines()
        .find(|l| l.starts_with("briefmap: loaded "))
        .expect("the load line");
    assert!(
        line.starts_with("briefmap: loaded ") && line.contains(" events from 5 files in "),
        "{line}"
    );
}
