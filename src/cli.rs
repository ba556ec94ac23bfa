//! The command line: `exhibit extract [--format json|csv] FILE...` for
//! scripts and batches. Usage errors exit 2; a file that cannot be read is
//! named on stderr and in its document's warnings, the rest are still
//! extracted, and the exit code is 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::extract::{Extractor, Rules};
use crate::report::Report;

#[derive(Parser)]
#[command(
    name = "exhibit",
    version,
    about = "Read SEC filings: facts with provenance, reconciled into quarterly series"
)]
pub struct Cli {
    /// A concept rules file to use instead of the built-in one (see assets/concepts.toml).
    #[arg(long, global = true, value_name = "FILE")]
    concepts: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts, quarterly series and checks from filings.
    Extract {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Filings: EDGAR text exhibits or full submissions.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("exhibit: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let custom;
    let extractor = match &cli.concepts {
        Some(path) => {
            let source =
                std::fs::read_to_string(path).with_context(|| format!("{}: cannot be read", path.display()))?;
            let rules = Rules::parse(&source).with_context(|| format!("{}", path.display()))?;
            custom = Extractor::new(rules);
            &custom
        }
        None => Extractor::builtin(),
    };
    match cli.command {
        Command::Extract { format, files } => {
            let results = extractor.extract_paths(&files);
            let mut failed = false;
            for (_, result) in &results {
                if let Err(error) = result {
                    eprintln!("exhibit: {error}");
                    failed = true;
                }
            }
            let report = Report::build(results, extractor.rules());
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match format {
                Format::Json => report.write_json(&mut out)?,
                Format::Csv => report.write_csv(&mut out)?,
            }
            out.flush()?;
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}
