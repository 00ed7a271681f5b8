//! The `briefmap` binary: a thin shell over the library (CLI, benchmark, GUI).

use clap::Parser;

use briefmap::cli::{Cli, Command, bundled_briefs_dir, run_extract};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract { format, paths }) => run_extract(format, &paths),
        Some(Command::Export {
            format,
            paths,
            out,
            title,
        }) => briefmap::cli::run_export(format, &paths, &out, &title),
        Some(Command::Bench { briefs }) => briefmap::bench::run(briefs),
        Some(Command::Screenshot { out }) => briefmap::ui::write_screenshots(&out),
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
            let written = briefmap::ui::slides_export::write_slides(
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
            briefmap::ui::run_gui(paths)
        }
    }
}
