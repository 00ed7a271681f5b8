//! The catalogue at scale, headless: a generated CSV of 10k / 100k / 1M events (timeline items
//! with a date, a kind, countries, an organisation, a person and places, like vis-timeline's
//! benchmark items with facets added) opened as the window opens it, then filter changes,
//! edits and searches, each followed by the map and timeline view gathers. Every size runs in
//! a process of its own so that its memory figures are its own. Reports medians against the
//! targets of issue 10.
//!
//! Run: `cargo bench -p briefmap-core --bench store` (optionally `-- 10000 100000`), and
//! `cargo bench -p briefmap-core --bench store -- --reopen 100000` for reopening a folder of
//! briefs already in the corpus cache.
//!
//! What each figure includes:
//! - RSS: the whole process after the open (`VmRSS`), and its peak (`VmHWM`), from
//!   `/proc/self/status`; includes the bundled gazetteer the import resolves countries with.
//! - open: reading and parsing the CSV, the corrections sidecar lookup, `LoadFinished`
//!   (catalogue, filter, colours) and the first map and timeline view gathers. Not included:
//!   anything the UI crate does (fonts, the timeline's day index, painting).
//! - catalogue build: `Catalog::new` over already loaded briefs.
//! - filter change / edit / search: one `AppState::apply` plus the view gathers that follow.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use briefmap_core::app::catalog::Catalog;
use briefmap_core::app::corrections::EventEdit;
use briefmap_core::app::loading::load_with_corrections;
use briefmap_core::app::state::{LoadedData, Settings};
use briefmap_core::app::view::ViewModels;
use briefmap_core::app::{AppState, Command, EventKey, Facet};

const ONE_SIZE_VAR: &str = "BRIEFMAP_STORE_BENCH_ONE";
const RUNS: usize = 11;

const COUNTRIES: [&str; 12] = [
    "KZ", "TM", "UZ", "TR", "AZ", "RU", "CN", "KG", "TJ", "IR", "GE", "AF",
];
const KINDS: [&str; 8] = [
    "talks", "visit", "vote", "deal", "supply", "ban", "launch", "record",
];

/// Small deterministic PRNG (xorshift64*).
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// Writes `events` rows of CSV (the export's columns) to `path`.
fn write_csv(path: &Path, events: usize) -> std::io::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::with_capacity(events * 110);
    text.push_str("title,date_start,kind,places,lat,lon,countries,organizations,people\n");
    let base = chrono::NaiveDate::from_ymd_opt(2014, 1, 1).unwrap_or_default();
    for i in 0..events {
        let day = base + chrono::Days::new(rng.below(4000) as u64);
        let place = rng.below(300);
        // Whole degrees keep a million rows under the import's 64 MB cap.
        let (lat, lon) = (36 + place % 20, 45 + (place / 20) * 2);
        let country = COUNTRIES[rng.below(COUNTRIES.len())];
        let other = COUNTRIES[rng.below(COUNTRIES.len())];
        text.push_str(&format!(
            "item {i},{day},{},P {place},{lat},{lon},{country};{other},Co {},Pn {}\n",
            KINDS[rng.below(KINDS.len())],
            rng.below(200),
            rng.below(500),
        ));
    }
    std::fs::write(path, text)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `VmRSS` and `VmHWM` of this process, in MB.
fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Keys of `n` events spread over the catalogue.
fn some_keys(state: &AppState, n: usize) -> Vec<EventKey> {
    let rows = &state.catalog.time_order;
    (0..n)
        .map(|i| EventKey(state.catalog.store.key(rows[i * rows.len() / n.max(1)])))
        .collect()
}

/// One timed action: `apply`, then the view gathers the next frame needs.
fn timed(state: &mut AppState, views: &mut ViewModels, command: Command) -> Duration {
    let started = Instant::now();
    state.apply(command);
    views.refresh(state, false);
    started.elapsed()
}

/// Measures one size in this process and prints one line.
fn run_one(events: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv: PathBuf = dir.path().join("items.csv");
    write_csv(&csv, events).expect("write the CSV");

    let started = Instant::now();
    let data = load_with_corrections(std::slice::from_ref(&csv), &|_| {});
    let loaded = started.elapsed();
    let mut state = AppState::new(Settings::default(), vec![csv.clone()]);
    let mut views = ViewModels::default();
    state.apply(Command::LoadFinished {
        data: LoadedData {
            briefs: data.briefs,
            problems: data.problems,
            ..LoadedData::default()
        },
        replace: true,
    });
    views.refresh(&state, false);
    let open = started.elapsed();
    // Memory now: what the opened catalogue and its views hold (and the peak so far).
    let (rss, peak) = memory_mb();

    let build = median(
        (0..3)
            .map(|_| {
                let briefs = load_with_corrections(std::slice::from_ref(&csv), &|_| {}).briefs;
                let t = Instant::now();
                let catalog = Catalog::new(briefs);
                let elapsed = t.elapsed();
                drop(catalog);
                elapsed
            })
            .collect(),
    );

    let filter = median(
        (0..RUNS)
            .map(|i| {
                timed(
                    &mut state,
                    &mut views,
                    Command::SetFacet {
                        facet: Facet::Country,
                        value: "KZ".into(),
                        selected: i % 2 == 0,
                    },
                )
            })
            .collect(),
    );
    timed(&mut state, &mut views, Command::ClearFilters);

    let keys = some_keys(&state, RUNS);
    let edit = median(
        keys.iter()
            .enumerate()
            .map(|(i, &key)| {
                let edit = EventEdit {
                    title: Some(format!("edited {i}")),
                    ..EventEdit::default()
                };
                timed(&mut state, &mut views, Command::EditEvent(key, edit))
            })
            .collect(),
    );

    let queries = ["item 4242", "p 17", "co 12", "pn 4", "edited"];
    let search = median(
        (0..RUNS)
            .map(|i| {
                let text = queries[i % queries.len()].to_string();
                timed(&mut state, &mut views, Command::SetText(text))
            })
            .collect(),
    );
    println!(
        "store {events:>8} events | RSS {rss:>7.0} MB (peak {peak:>7.0}) | open {:>8.0} ms (read {:>6.0}) | catalogue build {:>7.1} ms | filter change {:>7.2} ms | edit {:>7.2} ms | search {:>7.2} ms",
        ms(open),
        ms(loaded),
        ms(build),
        ms(filter),
        ms(edit),
        ms(search),
    );
}

/// Reopening a folder of `count` briefs already seen: the first open extracts and fills a
/// fresh corpus cache, the next ones take every brief from it. Times the whole load with
/// corrections (what the window's loader does) and `LoadFinished` (catalogue and filters).
fn reopen(count: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("cache dir");
    for i in 0..count {
        let (text, _) = briefmap_core::bench::synthetic_brief(i);
        let sub = dir.path().join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("folder");
        std::fs::write(sub.join(format!("{i:06}.txt")), text).expect("write brief");
    }
    // Files written an hour ago, as a folder seen before would be.
    let past = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in walk(dir.path()) {
        if let Ok(f) = std::fs::File::options().write(true).open(&entry) {
            f.set_modified(past).expect("set mtime");
        }
    }
    let mode = briefmap_core::corpus::CacheMode::Disk(cache.path().to_path_buf());
    let never = std::sync::atomic::AtomicBool::new(false);
    let paths = [dir.path().to_path_buf()];
    let mut times = Vec::new();
    for run in 0..4 {
        let started = Instant::now();
        let data = briefmap_core::app::loading::load_through_cache(&paths, &mode, &|_| {}, &never);
        let stats = data.stats;
        let loaded = started.elapsed();
        let mut state = AppState::new(Settings::default(), vec![]);
        let mut views = ViewModels::default();
        state.apply(Command::LoadFinished {
            data,
            replace: true,
        });
        views.refresh(&state, false);
        let elapsed = started.elapsed();
        println!(
            "reopen {count} briefs, run {}: {:>7.0} ms (load {:.0} ms; {} extracted, {} from cache, {} events)",
            run + 1,
            ms(elapsed),
            ms(loaded),
            stats.extracted,
            stats.from_cache,
            state.catalog.len()
        );
        if run > 0 {
            times.push(elapsed);
        }
    }
    println!(
        "reopen {count} briefs from the cache: median {:.0} ms (target <= 1000 ms to the first full frame)",
        ms(median(times))
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--reopen") {
        let count = args
            .get(at + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(100_000);
        reopen(count);
        return;
    }
    if let Some(n) = std::env::var(ONE_SIZE_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
    {
        run_one(n);
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    println!(
        "targets at 1M: RSS <= 300 MB, open <= 2 s, catalogue build <= 300 ms, filter change and edit <= 16 ms, search <= 50 ms"
    );
    let exe = std::env::current_exe().expect("this benchmark's path");
    for events in sizes {
        // Three processes per size: open time varies most; the line printed is each run's.
        for _ in 0..3 {
            let status = Process::new(&exe)
                .env(ONE_SIZE_VAR, events.to_string())
                .status();
            match status {
                Ok(s) if s.success() => {}
                other => eprintln!("store bench at {events} events failed: {other:?}"),
            }
        }
    }
}
