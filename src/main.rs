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
