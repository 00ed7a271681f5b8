//! Where `briefmap export -o PATH` writes: a new or regular file is replaced atomically, a
//! link is written through (and stays a link), a device such as `/dev/null` and a FIFO are
//! written into (never replaced by a regular file), a folder is refused with a message, `-`
//! is standard output. Names printed on standard error have their control characters escaped.

use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with a time limit: a run that blocks (on a FIFO, say) fails the test
/// instead of hanging it.
fn briefmap(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().expect("kill");
            panic!("briefmap {args:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("output");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) is needed"
    );
}

#[test]
fn dev_null_is_written_into_and_stays_a_device() {
    let (code, stdout, stderr) =
        briefmap(&["export", "-f", "kml", "data/briefs", "-o", "/dev/null"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let meta = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    assert!(stderr.contains("to /dev/null"), "{stderr}");
}

#[test]
fn a_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("real.csv");
    std::fs::write(&target, "old").expect("write");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).expect("symlink");
    let (code, _, stderr) =
        briefmap(&["export", "-f", "csv", "data/briefs", "-o", path_str(&link)]);
    assert_eq!(code, 0, "{stderr}");
    let link_meta = std::fs::symlink_metadata(&link).expect("link");
    assert!(link_meta.file_type().is_symlink(), "the link was replaced");
    let written = std::fs::read_to_string(&target).expect("target");
    assert!(written.starts_with("id,title,"), "{written:.40}");
}

#[test]
fn a_folder_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("events.geojson");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("keep.txt"), "mine").expect("write");
    let (code, stdout, stderr) = briefmap(&[
        "export",
        "-f",
        "geojson",
        "data/briefs",
        "-o",
        path_str(&folder),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("is a folder"), "{stderr}");
    assert!(stderr.contains("events.geojson"), "{stderr}");
    assert!(folder.is_dir());
    assert_eq!(
        std::fs::read_to_string(folder.join("keep.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn a_fifo_is_written_into() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.ics");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    let (code, _, stderr) =
        briefmap(&["export", "-f", "ics", "data/briefs", "-o", path_str(&fifo)]);
    assert_eq!(code, 0, "{stderr}");
    let through = reader.join().expect("reader");
    assert!(through.starts_with("BEGIN:VCALENDAR\r\n"), "{through:.40}");
    let meta = std::fs::symlink_metadata(&fifo).expect("fifo");
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
}

#[test]
fn file_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("ok.txt"),
        "Talks were held in Baku on Monday.",
    )
    .expect("ok");
    // A name with an ESC sequence and a newline that would forge a line of output.
    let evil = dir.path().join("x\u{1b}[2J\nbriefmap: all good.txt");
    std::fs::write(&evil, b"\x00\x01binary").expect("evil");
    let (code, _, stderr) = briefmap(&["export", "-f", "csv", path_str(dir.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "raw ESC on stderr: {stderr:?}");
    assert!(
        stderr.contains("x\\u{1b}[2J\\nbriefmap: all good.txt"),
        "{stderr:?}"
    );
    let forged = stderr
        .lines()
        .filter(|l| l.starts_with("briefmap: all good"))
        .count();
    assert_eq!(forged, 0, "{stderr:?}");
}
