//! A sidecar edited in another program while briefmap runs: the next save in the app reads
//! the file again and merges those changes, or — when the same correction was changed on both
//! sides — writes nothing and says so; a sidecar broken outside and then fixed becomes
//! writable again without a restart; a save keeps the sidecar's mode and owner. All through
//! the path the app takes: `AppState::apply` → `effects::carry_out` → the outcome commands.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use briefmap_core::app::catalog::CorrectionsStatus;
use briefmap_core::app::effects::{Carried, carry_out};
use briefmap_core::app::loading::load_with_corrections;
use briefmap_core::app::state::{AppState, Command, Settings};
use briefmap_core::app::{EventEdit, EventKey};

const BRIEF: &str = "On 3 March 2025, President Tokayev met Ilham Aliyev in Astana to discuss \
                     gas supplies.\n\nOn 5 April 2025, SOCAR signed a pipeline agreement with \
                     QazaqGaz in Baku.\n";

/// Applies a command and carries out its file effects, as the shell does.
fn apply(state: &mut AppState, command: Command) {
    let mut queue = vec![command];
    while let Some(command) = queue.pop() {
        for effect in state.apply(command) {
            match carry_out(effect) {
                Carried::Done(commands) => queue.extend(commands),
                Carried::Shell(effect) => panic!("not a file effect: {effect:?}"),
            }
        }
    }
}

fn load(dir: &Path) -> AppState {
    let mut state = AppState::new(Settings::default(), vec![dir.to_path_buf()]);
    state.apply(Command::LoadFinished {
        data: load_with_corrections(&[dir.to_path_buf()], &|_| {}),
        replace: true,
    });
    state
}

/// A folder with `a.txt` (two events), loaded.
fn setup() -> (tempfile::TempDir, AppState, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let brief = dir.path().join("a.txt");
    std::fs::write(&brief, BRIEF).expect("write brief");
    let state = load(dir.path());
    assert!(state.catalog.len() >= 2, "{:?}", state.problems);
    let sidecar = dir.path().join("a.json");
    (dir, state, sidecar)
}

/// The key of the brief's event number `index` as extracted (keys outlive edits; rows do not).
fn key(state: &AppState, index: usize) -> EventKey {
    let file = &state.catalog.briefs[0].brief.file;
    let event = &state.catalog.extracted_events(0)[index];
    briefmap_core::app::keys::extracted_event_key(file, index, event.kind, event.evidence)
}

fn retitle(state: &mut AppState, index: usize, title: &str) {
    let edit = EventEdit {
        title: Some(title.into()),
        ..EventEdit::default()
    };
    apply(state, Command::EditEvent(key(state, index), edit));
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("sidecar")).expect("JSON")
}

/// Titles of the corrections in a sidecar, by the event index they match.
fn corrected_titles(sidecar: &Value) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = sidecar["corrections"]["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|c| {
            Some((
                c["match"]["index"].as_u64()?,
                c["title"].as_str()?.to_string(),
            ))
        })
        .collect();
    out.sort();
    out
}

/// Edits the sidecar as another program would: in place, keeping the rest.
fn edit_outside(sidecar: &Path, change: impl FnOnce(&mut Value)) {
    let mut value = read_json(sidecar);
    change(&mut value);
    std::fs::write(sidecar, serde_json::to_vec_pretty(&value).expect("JSON")).expect("write");
}

fn title_shown(state: &AppState, index: usize) -> String {
    state
        .catalog
        .row(key(state, index))
        .expect("the event is shown")
        .event
        .title
}

#[test]
fn an_outside_edit_of_another_correction_is_merged_not_overwritten() {
    let (_dir, mut state, sidecar) = setup();
    retitle(&mut state, 0, "Inside 1");
    // Another program corrects the second event and adds a field of its own.
    let second = read_json(&sidecar)["corrections"]["events"][0]["match"].clone();
    let mut second_match = second.clone();
    second_match["index"] = json!(1);
    let second_event = &state.catalog.extracted_events(0)[1];
    second_match["kind"] = json!(second_event.kind.as_str());
    second_match["evidence"] = serde_json::to_value(second_event.evidence).expect("span");
    edit_outside(&sidecar, |v| {
        v["x-reviewer"] = json!("ana");
        v["corrections"]["events"]
            .as_array_mut()
            .expect("events")
            .push(json!({"match": second_match, "title": "Outside"}));
    });
    retitle(&mut state, 0, "Inside 2");
    let on_disk = read_json(&sidecar);
    assert_eq!(
        corrected_titles(&on_disk),
        [(0, "Inside 2".to_string()), (1, "Outside".to_string())]
    );
    assert_eq!(on_disk["x-reviewer"], "ana");
    // The app now shows the outside correction too, and says so.
    assert_eq!(title_shown(&state, 1), "Outside");
    assert!(
        state.status.contains("outside briefmap"),
        "{}",
        state.status
    );
    assert_eq!(state.catalog.briefs[0].status, CorrectionsStatus::Writable);
}

#[test]
fn the_same_correction_changed_on_both_sides_is_not_written() {
    let (dir, mut state, sidecar) = setup();
    retitle(&mut state, 0, "Ours before");
    edit_outside(&sidecar, |v| {
        v["corrections"]["events"][0]["title"] = json!("Theirs");
    });
    let theirs = std::fs::read(&sidecar).expect("sidecar");
    retitle(&mut state, 0, "Ours after");
    assert_eq!(
        std::fs::read(&sidecar).expect("sidecar"),
        theirs,
        "file untouched"
    );
    let problem = state
        .problems
        .iter()
        .find(|p| p.error.contains("changed outside briefmap"))
        .unwrap_or_else(|| panic!("a problem says so: {:?}", state.problems));
    assert!(problem.error.contains("a.json"), "{}", problem.error);
    assert!(problem.error.contains("Reload"), "{}", problem.error);
    assert!(matches!(
        state.catalog.briefs[0].status,
        CorrectionsStatus::Unsaved(_)
    ));
    // The edit made here stays on screen until the user chooses; Reload shows theirs.
    assert_eq!(title_shown(&state, 0), "Ours after");
    let reloaded = load(dir.path());
    assert_eq!(title_shown(&reloaded, 0), "Theirs");
}

#[test]
fn a_sidecar_broken_outside_and_fixed_becomes_writable_without_a_restart() {
    let (_dir, mut state, sidecar) = setup();
    retitle(&mut state, 0, "First");
    let mut before = read_json(&sidecar);
    // A typo made in an editor...
    std::fs::write(&sidecar, "{\"title\": \"half-typed").expect("break it");
    retitle(&mut state, 1, "Second");
    assert_eq!(
        std::fs::read_to_string(&sidecar).expect("sidecar"),
        "{\"title\": \"half-typed",
        "a broken sidecar is never overwritten"
    );
    assert!(
        state
            .problems
            .iter()
            .any(|p| p.error.contains("not valid JSON") && p.error.contains("a.json")),
        "{:?}",
        state.problems
    );
    // ...and fixed.
    before["title"] = json!("Fixed by hand");
    std::fs::write(&sidecar, before.to_string()).expect("fix it");
    retitle(&mut state, 1, "Second, again");
    let on_disk = read_json(&sidecar);
    assert_eq!(on_disk["title"], "Fixed by hand");
    assert_eq!(
        corrected_titles(&on_disk),
        [(0, "First".to_string()), (1, "Second, again".to_string())],
        "the edits kept in memory are saved"
    );
    assert_eq!(state.catalog.briefs[0].status, CorrectionsStatus::Writable);
    assert!(
        !state.problems.iter().any(|p| p.error.contains("not saved")),
        "{:?}",
        state.problems
    );
}

#[test]
fn a_sidecar_unreadable_at_load_and_fixed_later_is_merged_on_the_next_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), BRIEF).expect("brief");
    let sidecar = dir.path().join("a.json");
    std::fs::write(&sidecar, "{oops").expect("broken sidecar");
    let mut state = load(dir.path());
    assert!(
        state
            .problems
            .iter()
            .any(|p| p.error.starts_with("corrections not applied")),
        "{:?}",
        state.problems
    );
    // Fixed on disk with a correction of the second event.
    let second = &state.catalog.extracted_events(0)[1];
    let fixed = json!({"corrections": {"version": 1, "events": [{
        "match": {"index": 1, "kind": second.kind.as_str(), "evidence": second.evidence},
        "title": "From the file"}], "added": []}});
    std::fs::write(&sidecar, fixed.to_string()).expect("fix");
    retitle(&mut state, 0, "From the app");
    assert_eq!(
        corrected_titles(&read_json(&sidecar)),
        [
            (0, "From the app".to_string()),
            (1, "From the file".to_string())
        ]
    );
    assert_eq!(title_shown(&state, 1), "From the file");
    assert!(
        !state
            .problems
            .iter()
            .any(|p| p.error.starts_with("corrections not applied")),
        "{:?}",
        state.problems
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_sidecars_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let (_dir, mut state, sidecar) = setup();
    retitle(&mut state, 0, "Once");
    for mode in [0o644, 0o640, 0o664] {
        std::fs::set_permissions(&sidecar, std::fs::Permissions::from_mode(mode)).expect("chmod");
        retitle(&mut state, 0, &format!("Mode {mode:o}"));
        let got = std::fs::metadata(&sidecar).expect("meta").mode() & 0o7777;
        assert_eq!(got, mode, "mode {mode:o} became {got:o}");
    }
    assert_eq!(corrected_titles(&read_json(&sidecar))[0].1, "Mode 664");
    // Root may give files away: then the owner is kept too (CI runs as root).
    if rustix_is_root() {
        std::os::unix::fs::chown(&sidecar, Some(65534), Some(65534)).expect("chown");
        retitle(&mut state, 0, "Owned by nobody");
        let meta = std::fs::metadata(&sidecar).expect("meta");
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    }
}

/// Whether this process runs as root (reading /proc, no extra crate).
fn rustix_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}
