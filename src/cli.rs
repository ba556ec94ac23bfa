//! The command line. `exhibit [FILE...]` opens the window (with those
//! filings); `exhibit extract [--format json|csv] FILE...` and
//! `exhibit chart --out FILE.png|FILE.svg FILE...` run headless for scripts
//! and batches. Usage errors exit 2; a file that cannot be read is named on
//! stderr (and, for `extract`, in its document's warnings), the rest are
//! still processed, and the exit code is 1, also when nothing could be
//! charted because no file could be read. Each error is printed once.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};

use crate::chart::image::{save, ImageFormat};
use crate::chart::{ChartModel, ChartOptions};
use crate::extract::{Extractor, Rules};
use crate::report::Report;

#[derive(Parser)]
#[command(
    name = "exhibit",
    version,
    about = "Read SEC filings: facts with provenance, reconciled into quarterly series",
    after_help = "With no command, Exhibit opens its window: exhibit [FILE...] opens it with those filings."
)]
pub struct Cli {
    /// A concept rules file to use instead of the built-in one (see assets/concepts.toml).
    #[arg(long, global = true, value_name = "FILE")]
    concepts: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// `exhibit [--concepts FILE] [FILE...]`: the window.
#[derive(Parser)]
#[command(name = "exhibit", version)]
struct WindowArgs {
    #[arg(long, value_name = "FILE")]
    concepts: Option<PathBuf>,
    /// Filings to open in the window.
    files: Vec<PathBuf>,
}

/// True when the command line asks for the window: its first word that is
/// not `--concepts FILE` is a file, or there is none. Commands and flags
/// such as --help go to the full parser.
fn wants_window(args: &[std::ffi::OsString]) -> bool {
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        match word.to_str() {
            Some("--concepts") => {
                words.next();
            }
            Some(flag) if flag.starts_with("--concepts=") => {}
            Some("extract" | "chart" | "help") => return false,
            Some(flag) if flag.starts_with('-') => return false,
            _ => return true,
        }
    }
    true
}

#[derive(Subcommand)]
enum Command {
    /// Extract facts, quarterly series and checks from filings.
    Extract {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Give restated quarters as they were first reported.
        #[arg(long)]
        as_first_reported: bool,
        /// Filings: EDGAR text exhibits or full submissions.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Save the quarterly chart of a company as a PNG or SVG image.
    Chart {
        /// The image to write; .png or .svg.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The company to chart (default: the first company in the files).
        #[arg(long)]
        company: Option<String>,
        /// Image size in pixels, WIDTHxHEIGHT.
        #[arg(long, default_value = "1600x900", value_parser = parse_size)]
        size: (u32, u32),
        /// Name quarters by the calendar quarter they end in, not the
        /// company's fiscal quarter.
        #[arg(long)]
        calendar_quarters: bool,
        /// Draw restated quarters as they were first reported.
        #[arg(long)]
        as_first_reported: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text.split_once(['x', 'X']).ok_or("expected WIDTHxHEIGHT, such as 1600x900")?;
    let parse = |s: &str| s.trim().parse::<u32>().ok().filter(|&n| (100..=10_000).contains(&n));
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err("width and height must be whole numbers of pixels from 100 to 10000".into()),
    }
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let outcome = if wants_window(&args) {
        let window_args = WindowArgs::parse_from(&args);
        load_rules(window_args.concepts.as_deref()).and_then(|extractor| window(window_args.files, extractor))
    } else {
        run(Cli::parse_from(&args))
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("exhibit: {}", describe(&error));
            ExitCode::from(2)
        }
    }
}

/// An error with its causes, each said once: a cause whose words the
/// message before it already includes (as `RulesError` includes the TOML
/// error it wraps) is not repeated.
fn describe(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if text.contains(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
    }
    text
}

/// The extractor for a rules file, or the built-in one.
fn load_rules(path: Option<&std::path::Path>) -> anyhow::Result<&'static Extractor> {
    let Some(path) = path else { return Ok(Extractor::builtin()) };
    let source = std::fs::read_to_string(path).with_context(|| format!("{}: cannot be read", path.display()))?;
    let extractor = extractor_for(&source).with_context(|| format!("{}", path.display()))?;
    // Lives as long as the process, like the built-in rules.
    Ok(Box::leak(Box::new(extractor)))
}

/// The extractor for the text of a rules file. Compiling the rules'
/// patterns can fail past what `Rules::parse` checks (a pattern too large
/// once combined); that is an error in the file, not the end of Exhibit.
pub fn extractor_for(source: &str) -> anyhow::Result<Extractor> {
    let rules = Rules::parse(source)?;
    crate::isolate::isolated(|| Extractor::new(rules))
        .map_err(|message| anyhow::anyhow!("the concept rules cannot be used: {message}"))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let extractor = load_rules(cli.concepts.as_deref())?;
    match cli.command {
        None => window(Vec::new(), extractor),
        Some(Command::Extract { format, as_first_reported, files }) => {
            let results = extractor.extract_paths(&files);
            let failed = report_failures(&results);
            let mut report = Report::build(results, extractor.rules());
            if as_first_reported {
                report = report.as_first_reported();
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let written = match format {
                Format::Json => report.write_json(&mut out).map_err(anyhow::Error::from),
                Format::Csv => report.write_csv(&mut out).map_err(anyhow::Error::from),
            };
            match written.and_then(|()| out.flush().map_err(anyhow::Error::from)) {
                // The reader stopped reading (`exhibit extract … | head`): a normal end.
                Err(error) if is_broken_pipe(&error) => {}
                other => other?,
            }
            Ok(exit_code(failed))
        }
        Some(Command::Chart { out, company, size, calendar_quarters, as_first_reported, files }) => {
            ImageFormat::of(&out)?;
            let results = extractor.extract_paths(&files);
            let failed = report_failures(&results);
            let report = Report::build(results, extractor.rules());
            let key = match &company {
                Some(name) => match report.find_company(name) {
                    Some(key) => key.to_owned(),
                    None => {
                        return nothing_to_chart(
                            failed,
                            &format!("no quarterly figures were found for the company {name:?}"),
                        )
                    }
                },
                None => match report.series.first() {
                    Some(series) => series.company_key.clone(),
                    None => return nothing_to_chart(failed, "no quarterly figures were found in the files given"),
                },
            };
            let options = ChartOptions { calendar_quarters, as_first_reported };
            let Some(model) = ChartModel::build(&report.series, &key, extractor.rules(), &|_| true, options) else {
                return nothing_to_chart(failed, &format!("no quarterly figures were found for the company {key:?}"));
            };
            save(&model, &out, size)?;
            eprintln!("exhibit: chart of {} saved as {} ({}x{})", model.company, out.display(), size.0, size.1);
            Ok(exit_code(failed))
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// No chart: when files could not be read, that is why (exit 1, as for
/// any unreadable file); otherwise the files given hold no figures.
fn nothing_to_chart(failed: bool, message: &str) -> anyhow::Result<ExitCode> {
    if failed {
        eprintln!("exhibit: {message}");
        return Ok(exit_code(true));
    }
    bail!("{message}")
}

fn report_failures<T>(results: &[(PathBuf, Result<T, crate::ingest::IngestError>)]) -> bool {
    let mut failed = false;
    for (_, result) in results {
        if let Err(error) = result {
            eprintln!("exhibit: {error}");
            failed = true;
        }
    }
    failed
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn window(files: Vec<PathBuf>, extractor: &'static Extractor) -> anyhow::Result<ExitCode> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Exhibit")
            .with_inner_size([1360.0, 760.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let app_options = crate::app::AppOptions { files, extractor, ..Default::default() };
    eframe::run_native(
        "Exhibit",
        options,
        Box::new(move |cc| Ok(Box::new(crate::app::ExhibitApp::new(cc, app_options)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window_wanted(line: &str) -> bool {
        let args: Vec<std::ffi::OsString> = line.split_whitespace().map(Into::into).collect();
        wants_window(&args)
    }

    #[test]
    fn a_cause_already_in_the_message_is_said_once() {
        let wrapped =
            anyhow::Error::new(crate::extract::rules::Rules::parse("x = [").unwrap_err()).context("mine.toml");
        let text = describe(&wrapped);
        assert!(text.starts_with("mine.toml: the concept rules cannot be read: TOML parse error"), "{text}");
        assert_eq!(text.matches("TOML parse error").count(), 1, "{text}");
        let io = anyhow::Error::new(std::io::Error::other("disk on fire")).context("chart.png: cannot be written");
        assert_eq!(describe(&io), "chart.png: cannot be written: disk on fire");
    }

    #[test]
    fn files_and_nothing_open_the_window_and_commands_do_not() {
        assert!(window_wanted("exhibit"));
        assert!(window_wanted("exhibit q2.txt q1.txt"));
        assert!(window_wanted("exhibit --concepts mine.toml q2.txt"));
        assert!(!window_wanted("exhibit extract q2.txt"));
        assert!(!window_wanted("exhibit --concepts mine.toml extract q2.txt"));
        assert!(!window_wanted("exhibit chart --out c.png q2.txt"));
        assert!(!window_wanted("exhibit --help"));
        assert!(!window_wanted("exhibit --version"));
    }
}
