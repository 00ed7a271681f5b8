//! The `briefmap` binary: a thin shell over the library (CLI, benchmark, GUI).

use clap::Parser;

use briefmap::cli::{Cli, Command, bundled_briefs_dir, run_extract};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Extract { format, paths }) => run_extract(format, &paths),
        Some(Command::Bench { briefs }) => briefmap::bench::run(briefs),
        Some(Command::Screenshot { out }) => {
            eprintln!(
                "briefmap: screenshots are not available yet ({})",
                out.display()
            );
            std::process::exit(2);
        }
        None => {
            let paths = if cli.paths.is_empty() {
                vec![bundled_briefs_dir()]
            } else {
                cli.paths
            };
            run_extract(briefmap::cli::Format::Json, &paths)
        }
    }
}
