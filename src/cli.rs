//! The command line: `briefmap extract [--format json|jsonl|geojson] PATH...` prints what
//! extraction finds (a stable contract scripts depend on); `briefmap export --format F PATH...
//! -o FILE` writes the events in an exchange format; `briefmap [PATH...]` opens the GUI.
//! Everything it does is the core's or the UI crate's; this module only parses and prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use briefmap_core::corpus::{self, CacheMode, Inputs, load_line};
use briefmap_core::export::{self, ExportFormat, ExportOptions, flatten};
use briefmap_core::sources::{Dataset, write_file};
use briefmap_core::text::shown::{shown, shown_path};

#[derive(Debug, Parser)]
#[command(
    name = "briefmap",
    version,
    about = "Finds the events in multilingual news briefs and shows them on a timeline and a map.",
    long_about = "Finds the events in multilingual news briefs (when, where, who) and shows them \
                  on a timeline and an offline map.\n\nWith no subcommand, opens the window on the \
                  given files or folders (default: the bundled sample briefs)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Neither read nor write the corpus cache: extract every brief (same results, slower).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Files or folders of briefs to open in the window.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract places, countries, organisations, people and events, and print them.
    Extract {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Brief files (.txt, .md) or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Export the events of briefs (and of imported CSV/GeoJSON/TimelineJS files) to a file.
    Export {
        /// Output format: geojson, csv, ics, kml, timelinejs or html.
        #[arg(long, short, value_parser = parse_export_format)]
        format: ExportFormat,
        /// Brief files or folders; .csv, .tsv, .geojson and TimelineJS .json files are imported.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// File to write: a file is replaced atomically (a link is written through, keeping
        /// the link; a device or a pipe such as /dev/null is written into; a folder is
        /// refused); `-` writes to standard output.
        #[arg(long, short, default_value = "-")]
        out: PathBuf,
        /// Title of the calendar, document, timeline or briefing pack.
        #[arg(long, default_value = "briefmap export")]
        title: String,
        /// CSV only: write cells as they are. By default a text cell that starts like a
        /// spreadsheet formula (=, +, -, @, tab, return) gets a leading ' so that opening the
        /// file in a spreadsheet cannot run it; raw cells are for data tools only.
        #[arg(long)]
        csv_raw: bool,
    },
    /// Time extraction over a synthetic corpus and report briefs/s and MB/s.
    Bench {
        /// Number of synthetic briefs.
        #[arg(long, default_value_t = 10_000)]
        briefs: usize,
    },
    /// Render every slide of a story deck (or of all events) to PNG, optionally with an HTML pack.
    Slides {
        /// A story deck saved from the app (default: all events in time order).
        #[arg(long)]
        deck: Option<PathBuf>,
        /// Folder for slide-001.png, slide-002.png, …
        #[arg(long, default_value = "slides")]
        out: PathBuf,
        /// Also write the HTML briefing pack with the slides embedded.
        #[arg(long)]
        html: Option<PathBuf>,
        /// Brief files or folders (default: the bundled sample briefs).
        paths: Vec<PathBuf>,
    },
    /// Render the app's main views to PNG files (for the README and reviews).
    Screenshot {
        /// Folder to write the PNG files into.
        #[arg(long, default_value = "screenshots")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One object: {"briefs": [...], "problems": [...]}.
    Json,
    /// One brief per line.
    Jsonl,
    /// A GeoJSON FeatureCollection of event places.
    Geojson,
}

fn parse_export_format(name: &str) -> Result<ExportFormat, String> {
    name.parse()
}

/// Renders a dataset in the chosen format.
pub fn render(dataset: &Dataset, format: Format) -> String {
    match format {
        Format::Json => {
            let value = json!({
                "briefs": dataset.briefs,
                "problems": dataset.problems,
            });
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Jsonl => {
            let mut out = String::new();
            for brief in &dataset.briefs {
                out.push_str(&serde_json::to_string(brief).unwrap_or_default());
                out.push('\n');
            }
            out
        }
        // The one GeoJSON writer, the same as `export --format geojson`.
        Format::Geojson => export::geojson::to_string(&flatten(&dataset.briefs)),
    }
}

/// The corpus cache the command line uses: the user's, or none with `--no-cache`.
pub fn cache_mode(no_cache: bool) -> CacheMode {
    if no_cache {
        CacheMode::Off
    } else {
        CacheMode::user()
    }
}

/// Loads `paths` through the cache and reports the load on standard error: what happened to
/// the cache, and one line with what was loaded.
fn load(paths: &[PathBuf], inputs: Inputs, cache: &CacheMode) -> Dataset {
    let started = std::time::Instant::now();
    let never = std::sync::atomic::AtomicBool::new(false);
    let loaded = corpus::load(paths, inputs, cache, &|_| {}, &never);
    for note in &loaded.notes {
        eprintln!("briefmap: {}", shown(note));
    }
    let dataset = loaded.dataset;
    let events = dataset.briefs.iter().map(|b| b.events.len()).sum();
    eprintln!(
        "{}",
        load_line(
            events,
            &loaded.stats,
            started.elapsed().as_millis(),
            dataset.problems.len()
        )
    );
    dataset
}

/// Runs `extract`: prints the result; problems with files are part of the output, not failures.
pub fn run_extract(format: Format, paths: &[PathBuf], cache: &CacheMode) -> anyhow::Result<()> {
    let dataset = load(paths, Inputs::Briefs, cache);
    let out = render(&dataset, format);
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    if let Err(e) = lock.write_all(out.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    for p in &dataset.problems {
        eprintln!("briefmap: {p}");
    }
    Ok(())
}

/// Runs `export`: loads briefs and imports, renders the events, writes them to `out` through
/// the one writer (`sources::write_file`) or to standard output for `-`. Problems with files
/// are reported on standard error (names escaped) and do not stop the export.
pub fn run_export(
    format: ExportFormat,
    paths: &[PathBuf],
    out: &Path,
    title: &str,
    options: ExportOptions,
    cache: &CacheMode,
) -> anyhow::Result<()> {
    let dataset = load(paths, Inputs::BriefsAndImports, cache);
    let events = flatten(&dataset.briefs);
    let text = export::render(format, &events, title, options)?;
    for p in &dataset.problems {
        eprintln!("briefmap: {p}");
    }
    if out == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        if let Err(e) = lock.write_all(text.as_bytes()).and_then(|()| lock.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(e.into());
        }
        return Ok(());
    }
    write_file(out, text.as_bytes())?;
    eprintln!(
        "briefmap: wrote {} events to {}",
        events.len(),
        shown_path(out)
    );
    Ok(())
}
