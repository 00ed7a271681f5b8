//! The `briefmap` binary: a thin shell that parses the command line and hands over to the
//! core (`extract`, `export`, `bench`) or to the UI crate (the window, `screenshot`, `slides`).
//! A failure is printed on one line, control characters escaped, and exits with status 1.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use briefmap_core::export::{ExportOptions, csv::CsvCells};
use briefmap_core::paths::bundled_briefs_dir;
use briefmap_core::text::shown::{shown, shown_path};
use cli::{Cli, Command};

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` is the error with its causes, on one line.
            eprintln!("briefmap: {}", shown(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let cache = cli::cache_mode(cli.no_cache);
    match cli.command {
        Some(Command::Extract { format, paths }) => cli::run_extract(format, &paths, &cache),
        Some(Command::Export {
            format,
            paths,
            out,
            title,
            csv_raw,
        }) => {
            let options = ExportOptions {
                csv: if csv_raw {
                    CsvCells::Raw
                } else {
                    CsvCells::Neutralised
                },
            };
            cli::run_export(format, &paths, &out, &title, options, &cache)
        }
        Some(Command::Bench { briefs }) => Ok(briefmap_core::bench::run(briefs)?),
        Some(Command::Screenshot { out }) => briefmap_ui::write_screenshots(&out),
        Some(Command::Slides {
            deck,
            out,
            html,
            paths,
        }) => {
            let paths = if paths.is_empty() {
                vec![bundled_briefs_dir()]
            } else {
                paths
            };
            let written = briefmap_ui::slides_export::write_slides(
                paths,
                deck.as_deref(),
                &out,
                html.as_deref(),
            )?;
            eprintln!(
                "briefmap: wrote {} slides to {}",
                written.len(),
                shown_path(&out)
            );
            Ok(())
        }
        None => {
            let paths = if cli.paths.is_empty() {
                vec![bundled_briefs_dir()]
            } else {
                cli.paths
            };
            briefmap_ui::run_gui(paths, cache)
        }
    }
}
