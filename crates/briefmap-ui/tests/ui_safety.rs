//! The window with hostile files and with online tiles, driven by the labels a user sees:
//! files that are not regular files (a FIFO sidecar, links to /dev/zero and /dev/urandom, a
//! socket, a folder named like a brief) and a 4,600-character path each show in Problems,
//! named, while the good briefs load and nothing hangs; long names are cut in the middle with
//! the whole name on hover; the online-tiles switch is forgotten at restart unless the View
//! menu's preference says otherwise, and an "online" indicator shows while tiles are on.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use briefmap_core::app::state::Settings;
use briefmap_ui::BriefmapApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

const GOOD: &str = "On 3 March 2025, President Tokayev met Ilham Aliyev in Astana.\n";
const ONLINE_INDICATOR: &str = "● Online: map tiles from OpenStreetMap";

/// Aborts the test process if `f` does not finish in time: a hang fails, it does not stall CI.
fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        if !flag.load(Ordering::SeqCst) {
            eprintln!("hung for more than {limit:?}");
            std::process::abort();
        }
    });
    let out = f();
    done.store(true, Ordering::SeqCst);
    out
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) is needed"
    );
}

fn open_problems(h: &mut Harness<'static, BriefmapApp>) {
    h.get_by_label_contains("problems").click();
    common::settle(h);
}

#[test]
fn files_that_are_not_regular_files_show_in_problems_and_the_good_briefs_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("good.txt"), GOOD).expect("good");
    std::fs::write(d.join("piped.txt"), GOOD).expect("brief with a FIFO sidecar");
    mkfifo(&d.join("piped.json"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).expect("link");
    std::os::unix::fs::symlink("/dev/urandom", d.join("random.md")).expect("link");
    std::fs::write(d.join("random-sidecar.txt"), GOOD).expect("brief");
    std::os::unix::fs::symlink("/dev/urandom", d.join("random-sidecar.json")).expect("link");
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket.txt")).expect("socket");
    std::fs::create_dir(d.join("folder.txt")).expect("folder named like a brief");

    let mut h = within(Duration::from_secs(60), || {
        briefmap_ui::app_harness(vec![d.to_path_buf()], Settings::default())
    });
    let loaded: Vec<String> = h
        .state()
        .state
        .catalog
        .briefs
        .iter()
        .map(|b| {
            b.brief
                .file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for good in ["good.txt", "piped.txt", "random-sidecar.txt"] {
        assert!(
            loaded.iter().any(|f| f == good),
            "{good} loaded: {loaded:?}"
        );
    }
    open_problems(&mut h);
    for (name, reason) in [
        ("piped.json", "named pipe"),
        ("zero.txt", "character device"),
        ("random.md", "character device"),
        ("random-sidecar.json", "character device"),
        ("socket.txt", "socket"),
        ("folder.txt", "folder"),
    ] {
        // The name is shown, and the problem it heads gives the reason, which is shown too.
        let shown = d.join(name).to_string_lossy().into_owned();
        h.get_by_label(&shown);
        let problem = h
            .state()
            .state
            .all_problems()
            .find(|p| p.file.ends_with(name))
            .unwrap_or_else(|| panic!("no problem names {name}"))
            .clone();
        assert!(problem.error.contains(reason), "{name}: {}", problem.error);
        assert!(
            h.query_all_by_label(&problem.error).count() >= 1,
            "{name}: reason not shown"
        );
    }
}

#[test]
fn a_very_long_path_is_cut_in_the_middle_and_shown_whole_on_hover() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("good");
    // 4,600 characters: a path no system call accepts, named on the command line.
    let long: PathBuf = dir
        .path()
        .join(format!("{}/brief.txt", "segment-".repeat(574)));
    assert!(long.to_string_lossy().len() > 4600);
    let mut h = within(Duration::from_secs(60), || {
        briefmap_ui::app_harness(
            vec![dir.path().to_path_buf(), long.clone()],
            Settings::default(),
        )
    });
    assert_eq!(h.state().state.catalog.briefs.len(), 1, "good.txt loads");
    open_problems(&mut h);
    let full = long.to_string_lossy().into_owned();
    // At most 96 characters: the first 47, an ellipsis, the last 48.
    let chars: Vec<char> = full.chars().collect();
    let head: String = chars[..47].iter().collect();
    let tail: String = chars[chars.len() - 48..].iter().collect();
    assert!(tail.ends_with("segment-/brief.txt"));
    let elided = format!("{head}…{tail}");
    let cut = h.get_by_label(&elided);
    // The reason is on screen, not pushed out by the name.
    let reason = h.get_by_label_contains("name too long");
    assert!(
        h.ctx.content_rect().contains_rect(reason.rect()),
        "reason off screen: {:?}",
        reason.rect()
    );
    // Hovering shows the whole name.
    cut.hover();
    common::settle(&mut h);
    h.get_by_label(&full);
}

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Tiles from a local port nobody listens on: the map goes "online" without the internet.
struct Unreachable;

impl walkers::sources::TileSource for Unreachable {
    fn tile_url(&self, tile: walkers::TileId) -> String {
        format!("http://127.0.0.1:9/{}/{}/{}.png", tile.zoom, tile.x, tile.y)
    }
    fn attribution(&self) -> walkers::sources::Attribution {
        walkers::sources::Attribution {
            text: "local test tiles",
            url: "http://127.0.0.1:9/",
            logo_light: None,
            logo_dark: None,
        }
    }
}

fn unreachable_tiles(ctx: egui::Context) -> walkers::HttpTiles {
    walkers::HttpTiles::with_options(Unreachable, walkers::HttpOptions::default(), ctx)
}

/// A new session from `storage`, as a restart would make it.
fn session(storage: &MemoryStorage) -> Harness<'static, BriefmapApp> {
    let saved = MemoryStorage(storage.0.clone());
    let mut h = Harness::builder()
        .with_size(briefmap_ui::WINDOW_SIZE)
        .with_pixels_per_point(1.0)
        .with_max_steps(64)
        .wgpu()
        .build_eframe(move |cc| {
            let mut app = BriefmapApp::from_storage(
                &cc.egui_ctx,
                Some(&saved),
                vec![],
                briefmap_core::corpus::CacheMode::Off,
            );
            app.map.set_tile_source(unreachable_tiles);
            app
        });
    common::settle(&mut h);
    h
}

fn quit(h: &mut Harness<'static, BriefmapApp>, storage: &mut MemoryStorage) {
    eframe::App::save(h.state_mut(), storage);
}

fn online_tiles_checked(h: &Harness<'static, BriefmapApp>) -> bool {
    let checkbox = h.get_by_role_and_label(Role::CheckBox, "Online tiles");
    checkbox.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn online_tiles_are_forgotten_at_restart_unless_the_user_asks_for_them() {
    let mut storage = MemoryStorage::default();
    let mut h = session(&storage);
    assert!(!online_tiles_checked(&h));
    assert!(h.query_by_label(ONLINE_INDICATOR).is_none());
    h.get_by_role_and_label(Role::CheckBox, "Online tiles")
        .click();
    common::settle(&mut h);
    assert!(online_tiles_checked(&h));
    h.get_by_label(ONLINE_INDICATOR);
    quit(&mut h, &mut storage);

    // Restart: offline again, no indicator.
    let mut h = session(&storage);
    assert!(!online_tiles_checked(&h), "the switch was remembered");
    assert!(h.query_by_label(ONLINE_INDICATOR).is_none());

    // The persistent preference, in the View menu, in plain words.
    h.get_by_label("View").click();
    common::settle(&mut h);
    let preference = h.get_by_label(briefmap_ui::START_ONLINE_LABEL);
    assert!(briefmap_ui::START_ONLINE_LABEL.contains("OpenStreetMap"));
    preference.click();
    common::settle(&mut h);
    quit(&mut h, &mut storage);
    let h = session(&storage);
    assert!(online_tiles_checked(&h), "asked for at every start");
    h.get_by_label(ONLINE_INDICATOR);
}
