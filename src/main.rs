//! The `briefmap` binary: a thin shell that parses the command line and hands over to the
//! core (`extract`, `export`, `bench`) or to the UI crate (the window, `screenshot`, `slides`).

mod cli;

use clap::Parser;

use briefmap_core::paths::bundled_briefs_dir;
use cli::{Cli, Command};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let cache = cli::cache_mode(cli.no_cache);
    match cli.command {
        Some(Command::Extract { format, paths }) => cli::run_extract(format, &paths, &cache),
        Some(Command::Export {
            format,
            paths,
            out,
            title,
        }) => cli::run_export(format, &paths, &out, &title, &cache),
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
                out.display()
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
