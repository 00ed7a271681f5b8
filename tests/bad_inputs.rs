//! The bad-input corpus: builds more than forty kinds of bad input, each in a folder of its
//! own beside a good brief, and checks, for every kind, that loading reports a problem naming
//! the bad file with a reason, that every good brief still loads, and that nothing hangs.
//! Three ways in: the loader the window uses (`load_with_corrections`, in this process, with
//! a time limit), the `briefmap extract` binary (with a time limit), and — for files and
//! folders only an unprivileged user cannot read — the binary run as `nobody` through
//! `setpriv` (CI runs as root, which reads anything; nothing is skipped).
//!
//! A few awkward inputs that are *not* bad (a byte order mark, CR or CRLF line ends) are
//! checked to load without a problem.

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use briefmap_core::app::loading::load_with_corrections;
use briefmap_core::model::Problem;

/// Longest any load of the corpus may take before the test calls it a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);
const GOOD_BRIEF: &str = "On 3 March 2025, President Tokayev met Ilham Aliyev in Astana.\n";

/// How a kind is given to the loader.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Given {
    /// Found by walking the corpus folder.
    InFolder,
    /// Named directly (imports, a file of another type, a missing path).
    Direct,
    /// Found by walking, but unreadable only for an unprivileged user.
    Unprivileged,
    /// Found by walking; only the window's loader reads it (the user's corrections, which
    /// `extract` does not apply).
    Corrections,
}

/// One kind of bad input, as built.
struct Case {
    name: &'static str,
    /// The case's folder, with `good.txt`.
    folder: PathBuf,
    /// The problem must name this path or one below it.
    bad: PathBuf,
    given: Given,
    /// How many problems at least (10,000 tiny files give 10,000).
    at_least: usize,
}

/// Builds the corpus under `root`; returns the bad cases and the awkward-but-good files.
fn build(root: &Path) -> (Vec<Case>, Vec<PathBuf>) {
    let mut cases = Vec::new();
    let mut n = 0;
    let mut case = |name: &'static str, given: Given, make: &dyn Fn(&Path) -> PathBuf| {
        n += 1;
        let dir = root.join(format!("{n:02}-{name}"));
        fs::create_dir_all(&dir).expect("case folder");
        fs::write(dir.join("good.txt"), GOOD_BRIEF).expect("good brief");
        let bad = make(&dir);
        cases.push(Case {
            name,
            folder: dir,
            bad,
            given,
            at_least: 1,
        });
    };
    let write = |path: PathBuf, bytes: &[u8]| {
        fs::write(&path, bytes).expect("write");
        path
    };
    let sparse = |path: PathBuf, len: u64| {
        fs::File::create(&path)
            .and_then(|f| f.set_len(len))
            .expect("sparse file");
        path
    };
    let fifo = |path: PathBuf| {
        let made = Command::new("mkfifo").arg(&path).status();
        assert!(
            made.is_ok_and(|s| s.success()),
            "mkfifo (coreutils) is needed"
        );
        path
    };
    let link = |target: &str, path: PathBuf| {
        symlink(target, &path).expect("symlink");
        path
    };
    let socket = |path: PathBuf| {
        // The listener is dropped at once; the socket file stays.
        std::os::unix::net::UnixListener::bind(&path).expect("socket");
        path
    };
    let brief_with_sidecar = |dir: &Path, sidecar: &[u8]| {
        fs::write(dir.join("b.txt"), GOOD_BRIEF).expect("brief");
        write(dir.join("b.json"), sidecar)
    };

    // Brief files that are not usable text.
    case("binary-png", Given::InFolder, &|d| {
        write(d.join("x.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    });
    case("binary-zip", Given::InFolder, &|d| {
        write(d.join("x.md"), b"PK\x03\x04\x14\0\0\0\x08\0")
    });
    case("latin-1", Given::InFolder, &|d| {
        write(d.join("x.txt"), b"R\xe9union \xe0 Ankara le 3 mars.")
    });
    case("windows-1251", Given::InFolder, &|d| {
        write(
            d.join("x.txt"),
            b"\xc2\xf1\xf2\xf0\xe5\xf7\xe0 \xe2 \xc0\xf1\xf2\xe0\xed\xe5",
        )
    });
    case("utf-16le-bom", Given::InFolder, &|d| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Talks in Baku".encode_utf16().flat_map(u16::to_le_bytes));
        write(d.join("x.txt"), &bytes)
    });
    case("utf-16be-bom", Given::InFolder, &|d| {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("Talks in Baku".encode_utf16().flat_map(u16::to_be_bytes));
        write(d.join("x.txt"), &bytes)
    });
    case("utf-32-bom", Given::InFolder, &|d| {
        let mut bytes = vec![0xFF, 0xFE, 0, 0];
        bytes.extend("Baku".chars().flat_map(|c| (c as u32).to_le_bytes()));
        write(d.join("x.txt"), &bytes)
    });
    case("nul-bytes", Given::InFolder, &|d| {
        write(d.join("x.txt"), b"Talks in Baku\0\0\0 on Monday.")
    });
    case("truncated-utf8", Given::InFolder, &|d| {
        write(d.join("x.txt"), b"Talks in \xd0\x90\xd1")
    });
    case("mostly-controls", Given::InFolder, &|d| {
        write(d.join("x.txt"), &[b'\x1b'; 64].repeat(4))
    });
    case("empty", Given::InFolder, &|d| write(d.join("x.txt"), b""));
    case("bom-only", Given::InFolder, &|d| {
        write(d.join("x.txt"), b"\xEF\xBB\xBF")
    });
    case("white-space-only", Given::InFolder, &|d| {
        write(d.join("x.txt"), b" \n\t\r\n  \x0c ")
    });
    case("huge-brief", Given::InFolder, &|d| {
        sparse(d.join("x.txt"), 3 << 20)
    });
    // Things with a brief's name that are not regular files.
    case("fifo-brief", Given::InFolder, &|d| fifo(d.join("x.txt")));
    case("brief-to-dev-zero", Given::InFolder, &|d| {
        link("/dev/zero", d.join("x.txt"))
    });
    case("brief-to-dev-urandom", Given::InFolder, &|d| {
        link("/dev/urandom", d.join("x.md"))
    });
    case("socket-brief", Given::InFolder, &|d| {
        socket(d.join("x.txt"))
    });
    case("folder-named-x.txt", Given::InFolder, &|d| {
        let folder = d.join("x.txt");
        fs::create_dir(&folder).expect("folder");
        folder
    });
    case("dangling-link", Given::InFolder, &|d| {
        link("nowhere.txt", d.join("x.txt"))
    });
    case("link-loop", Given::InFolder, &|d| {
        link("y.txt", d.join("x.txt"));
        link("x.txt", d.join("y.txt"))
    });
    case("folder-loop", Given::InFolder, &|d| {
        let sub = d.join("sub");
        fs::create_dir(&sub).expect("sub");
        link("..", sub.join("up"))
    });
    case("path-longer-than-path-max", Given::InFolder, &|d| {
        // 24 levels of 200-character names, past PATH_MAX (4096): built by moving the tree
        // one level down at a time, so no call ever names the whole path.
        let name = "d".repeat(200);
        let top = d.join(&name);
        fs::create_dir(&top).expect("level");
        fs::write(top.join("deep.txt"), GOOD_BRIEF).expect("deep brief");
        let lift = d.join("lift");
        for _ in 1..24 {
            fs::create_dir(&lift).expect("lift");
            fs::rename(&top, lift.join(&name)).expect("move down");
            fs::rename(&lift, &top).expect("rename");
        }
        top
    });
    // Sidecars that cannot be used (the brief beside them still loads).
    case("sidecar-fifo", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        fifo(d.join("b.json"))
    });
    case("sidecar-to-dev-zero", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        link("/dev/zero", d.join("b.json"))
    });
    case("sidecar-to-dev-urandom", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        link("/dev/urandom", d.join("b.json"))
    });
    case("sidecar-socket", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        socket(d.join("b.json"))
    });
    case("sidecar-folder", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        let folder = d.join("b.json");
        fs::create_dir(&folder).expect("folder");
        folder
    });
    case("sidecar-huge", Given::InFolder, &|d| {
        fs::write(d.join("b.txt"), GOOD_BRIEF).expect("brief");
        sparse(d.join("b.json"), 17 << 20)
    });
    case("sidecar-broken-json", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"{\"published\": \"2024-04\", oops")
    });
    case("sidecar-empty", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"")
    });
    case("sidecar-array", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"[1, 2]")
    });
    case("sidecar-latin-1", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"{\"title\": \"R\xe9union\"}")
    });
    case("sidecar-deep-nesting", Given::InFolder, &|d| {
        brief_with_sidecar(d, &[b'['; 100_000])
    });
    case("sidecar-title-a-number", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"{\"title\": 3}")
    });
    case("sidecar-impossible-month", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"{\"published\": \"2024-13\"}")
    });
    case("sidecar-language-name", Given::InFolder, &|d| {
        brief_with_sidecar(d, b"{\"language\": \"French\"}")
    });
    case("sidecar-corrections-a-string", Given::Corrections, &|d| {
        brief_with_sidecar(d, b"{\"corrections\": \"yes\"}")
    });
    case("sidecar-corrections-too-new", Given::Corrections, &|d| {
        brief_with_sidecar(d, b"{\"corrections\": {\"version\": 99}}")
    });
    case(
        "sidecar-corrections-events-wrong-type",
        Given::Corrections,
        &|d| brief_with_sidecar(d, b"{\"corrections\": {\"version\": 1, \"events\": 5}}"),
    );
    // Unreadable for a user who is not root (`lock` takes their permissions away).
    case("unreadable-file", Given::Unprivileged, &|d| {
        write(d.join("x.txt"), GOOD_BRIEF.as_bytes())
    });
    case("unreadable-folder", Given::Unprivileged, &|d| {
        let folder = d.join("locked");
        fs::create_dir(&folder).expect("folder");
        fs::write(folder.join("inside.txt"), GOOD_BRIEF).expect("inside");
        folder
    });
    case("unreadable-sidecar", Given::Unprivileged, &|d| {
        brief_with_sidecar(d, b"{\"title\": \"secret\"}")
    });
    // Named directly: imports, a file of another type, a path that does not exist.
    case("csv-without-title", Given::Direct, &|d| {
        write(
            d.join("x.csv"),
            b"name_of_thing,date_start\nDeal,2024-01-02\n",
        )
    });
    case("csv-bad-rows", Given::Direct, &|d| {
        write(
            d.join("x.csv"),
            b"title,date_start\nDeal,2024-99-99\n,2024-01-02\n\"unclosed,2024\n",
        )
    });
    case("csv-binary", Given::Direct, &|d| {
        write(d.join("x.csv"), b"\x00\x01\x02\xff\xfe")
    });
    case("geojson-not-a-collection", Given::Direct, &|d| {
        write(
            d.join("x.geojson"),
            b"{\"type\": \"Point\", \"coordinates\": [1, 2]}",
        )
    });
    case("timelinejs-without-events", Given::Direct, &|d| {
        write(
            d.join("x.json"),
            b"{\"title\": {\"text\": {\"headline\": \"T\"}}}",
        )
    });
    case("import-fifo", Given::Direct, &|d| fifo(d.join("x.csv")));
    case("import-to-dev-zero", Given::Direct, &|d| {
        link("/dev/zero", d.join("x.geojson"))
    });
    case("import-huge", Given::Direct, &|d| {
        sparse(d.join("x.json"), 65 << 20)
    });
    case("other-file-type", Given::Direct, &|d| {
        write(d.join("x.pdf"), b"%PDF-1.7")
    });
    case("missing-path", Given::Direct, &|d| {
        d.join("does-not-exist.txt")
    });

    // 10,000 tiny (empty) files: each one a problem, none forgotten, no hang.
    let many = root.join("zz-ten-thousand-tiny-files");
    fs::create_dir(&many).expect("folder");
    fs::write(many.join("good.txt"), GOOD_BRIEF).expect("good brief");
    for i in 0..10_000 {
        fs::File::create(many.join(format!("tiny-{i:05}.txt"))).expect("tiny file");
    }
    cases.push(Case {
        name: "ten-thousand-tiny-files",
        folder: many.clone(),
        bad: many,
        given: Given::InFolder,
        at_least: 10_000,
    });

    // Awkward but good: these load without a problem.
    let awkward = root.join("zz-awkward-but-good");
    fs::create_dir(&awkward).expect("folder");
    let mut good = Vec::new();
    for (name, bytes) in [
        (
            "bom.txt",
            b"\xEF\xBB\xBFTalks were held in Baku on Monday.".to_vec(),
        ),
        ("cr.txt", b"Talks in Baku.\rGas deal signed.\r".to_vec()),
        ("crlf.md", b"# Baku\r\n\r\nTalks in Baku.\r\n".to_vec()),
    ] {
        good.push(write(awkward.join(name), &bytes));
    }
    fs::write(awkward.join("sidecar-bom.txt"), GOOD_BRIEF).expect("brief");
    fs::write(
        awkward.join("sidecar-bom.json"),
        b"\xEF\xBB\xBF{\"title\": \"With a BOM\"}",
    )
    .expect("sidecar");
    good.push(awkward.join("sidecar-bom.txt"));
    (cases, good)
}

/// Makes everything under `root` readable to every user (`chmod -R` leaves links alone), then
/// takes every permission away from the unreadable cases.
fn open_up_and_lock(root: &Path, cases: &[Case]) {
    let status = Command::new("chmod")
        .args(["-R", "a+rX"])
        .arg(root)
        .status()
        .expect("chmod");
    assert!(status.success(), "chmod -R a+rX");
    for case in cases.iter().filter(|c| c.given == Given::Unprivileged) {
        fs::set_permissions(&case.bad, fs::Permissions::from_mode(0o000)).expect("chmod 000");
    }
}

/// Gives the locked cases their permissions back, so the temporary folder can be removed.
fn unlock(cases: &[Case]) {
    for case in cases.iter().filter(|c| c.given == Given::Unprivileged) {
        fs::set_permissions(&case.bad, fs::Permissions::from_mode(0o755)).expect("chmod back");
    }
}

/// Runs `command` with the time limit; returns (exit code, stdout, stderr).
fn run_limited(mut command: Command) -> (i32, Vec<u8>, String) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Read the pipes on threads, so a full pipe cannot stall the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut buf).map(|_| buf)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().expect("kill");
            panic!("{command:?} hung: no result within {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out_reader.join().expect("reader").expect("stdout");
    let stderr = err_reader.join().expect("reader").expect("stderr");
    (
        status.code().unwrap_or(-1),
        stdout,
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// What the `extract` JSON output says: problems, and the files of the loaded briefs.
fn parse_extract(stdout: &[u8]) -> (Vec<Problem>, Vec<PathBuf>) {
    let value: serde_json::Value = serde_json::from_slice(stdout).expect("extract prints JSON");
    let problems = serde_json::from_value(value["problems"].clone()).expect("problems");
    let briefs = value["briefs"]
        .as_array()
        .expect("briefs")
        .iter()
        .map(|b| PathBuf::from(b["file"].as_str().expect("file")))
        .collect();
    (problems, briefs)
}

/// Every case of `given` has its problems, with reasons; every good brief loaded.
fn check(
    how: &str,
    cases: &[Case],
    given: &[Given],
    problems: &[Problem],
    briefs: &[PathBuf],
    good: &[PathBuf],
) -> usize {
    let mut checked = 0;
    for case in cases.iter().filter(|c| given.contains(&c.given)) {
        // A problem names the bad file as its file, or in its reason (a brief whose sidecar's
        // corrections could not be read).
        let shown = case.bad.to_string_lossy();
        let named: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.file.starts_with(&case.bad) || p.error.contains(shown.as_ref()))
            .collect();
        assert!(
            named.len() >= case.at_least,
            "{how}: {}: {} problem(s) name {}, expected {}; all problems: {problems:#?}",
            case.name,
            named.len(),
            case.bad.display(),
            case.at_least
        );
        for p in named {
            assert!(
                p.error.trim().len() >= 8,
                "{how}: {}: no reason given: {p:?}",
                case.name
            );
        }
        let good_brief = case.folder.join("good.txt");
        assert!(
            briefs.contains(&good_brief),
            "{how}: {}: the good brief beside it did not load",
            case.name
        );
        checked += 1;
    }
    for file in good {
        assert!(
            briefs.contains(file),
            "{how}: {} did not load",
            file.display()
        );
        assert!(
            !problems.iter().any(|p| &p.file == file),
            "{how}: {} has a problem: {problems:?}",
            file.display()
        );
    }
    assert!(
        !problems.iter().any(|p| p.file.ends_with("good.txt")),
        "{how}: a good brief has a problem: {:?}",
        problems
            .iter()
            .filter(|p| p.file.ends_with("good.txt"))
            .collect::<Vec<_>>()
    );
    checked
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

#[test]
fn every_kind_of_bad_input_is_reported_and_the_good_briefs_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    fs::create_dir(&root).expect("corpus");
    let (cases, good) = build(&root);
    // Readable by `nobody` (the temporary folder is 0700), but for the locked cases.
    open_up_and_lock(dir.path(), &cases);
    let kinds = cases.len();
    assert!(kinds >= 40, "only {kinds} kinds of bad input");

    // 1. The loader the window uses, in this process (root reads the unreadable cases).
    let mut paths = vec![root.clone()];
    paths.extend(
        cases
            .iter()
            .filter(|c| c.given == Given::Direct)
            .map(|c| c.bad.clone()),
    );
    let (tx, rx) = mpsc::channel();
    let loading_paths = paths.clone();
    std::thread::spawn(move || {
        let data = load_with_corrections(&loading_paths, &|_| {});
        // The receiver only goes away when the test has already failed.
        tx.send(data).ok();
    });
    let started = Instant::now();
    let data = rx
        .recv_timeout(TIME_LIMIT)
        .unwrap_or_else(|_| panic!("loading the corpus hung for {TIME_LIMIT:?}"));
    let in_process = started.elapsed();
    let briefs: Vec<PathBuf> = data.briefs.iter().map(|b| b.brief.file.clone()).collect();
    let mut problems = data.problems.clone();
    // Corrections that could not be read are problems of the brief too (as the window shows).
    for b in &data.briefs {
        if let briefmap_core::app::catalog::CorrectionsStatus::Unsaved(reason) = &b.status {
            problems.push(Problem {
                file: b.brief.file.clone(),
                error: reason.clone(),
            });
        }
    }
    let checked = check(
        "loader",
        &cases,
        &[Given::InFolder, Given::Direct, Given::Corrections],
        &problems,
        &briefs,
        &good,
    );

    // 2. The binary, as this user.
    let binary = dir.path().join("briefmap");
    if fs::hard_link(env!("CARGO_BIN_EXE_briefmap"), &binary).is_err() {
        fs::copy(env!("CARGO_BIN_EXE_briefmap"), &binary).expect("copy the binary");
    }
    let mut extract = Command::new(&binary);
    extract.args(["extract", "--format", "json"]).arg(&root);
    let started = Instant::now();
    let (code, stdout, stderr) = run_limited(extract);
    let cli = started.elapsed();
    assert_eq!(code, 0, "{stderr}");
    let (problems, briefs) = parse_extract(&stdout);
    check(
        "extract",
        &cases,
        &[Given::InFolder],
        &problems,
        &briefs,
        &good,
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "a raw escape character reached the terminal"
    );

    // 3. The binary as an unprivileged user, for what only such a user cannot read.
    let mut unprivileged = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
            .arg(&binary);
        c
    } else {
        Command::new(&binary)
    };
    unprivileged.args(["extract", "--format", "json"]);
    for case in cases.iter().filter(|c| c.given == Given::Unprivileged) {
        unprivileged.arg(&case.folder);
    }
    let (code, stdout, stderr) = run_limited(unprivileged);
    assert_eq!(code, 0, "as nobody: {stderr}");
    let (problems, briefs) = parse_extract(&stdout);
    let unreadable = check(
        "extract as nobody",
        &cases,
        &[Given::Unprivileged],
        &problems,
        &briefs,
        &[],
    );
    assert_eq!(unreadable, 3);
    unlock(&cases);
    let mut report = std::io::stderr().lock();
    writeln!(
        report,
        "bad-input corpus: {kinds} kinds ({checked} through the loader, {unreadable} as nobody); \
         loader {in_process:.2?}, extract {cli:.2?}"
    )
    .expect("report");
}
