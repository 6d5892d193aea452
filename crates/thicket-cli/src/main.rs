//! `thicket`: the command-line face of the checker. Thin: it reads files, calls the pure
//! crates, and prints their results (text for people, JSON for scripts and graders).

/// `println!` that ends quietly when the reader went away (see [`emit`]).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

mod bench;
mod commands;
mod error;
mod host;
mod modules;
mod output;

pub use error::{BenchError, CliError};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "thicket",
    version,
    about = "Check PlusCal specs: behaviors, properties, counterexamples"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TreeFormat {
    Text,
    Json,
    Dot,
}

#[derive(Subcommand)]
enum Command {
    /// Explore every reachable state and check the model's invariants, properties and deadlock.
    Check(commands::CheckArgs),
    /// Measure the checker's speed on fixed specs (default: specs/bench/*.tla); build with --release.
    Bench {
        files: Vec<PathBuf>,
        /// Runs per spec (the median time is reported).
        #[arg(long, default_value_t = 1)]
        runs: usize,
    },
    /// Parse a text and report its diagnostics.
    Parse {
        file: PathBuf,
        #[command(flatten)]
        modules: modules::LibArgs,
    },
    /// Count the behaviors of at most K states in Spec, Spec ∩ Property and Spec \ Property.
    Count(commands::CountArgs),
    /// Is this behavior in the Spec? In the property? (events: `inc(); get() -> 1`; or states,
    /// one per line: `n = 0, ret = -1`)
    Member(commands::MemberArgs),
    /// Write the spec for TLC: `NAME.tla` (the algorithm in plain PlusCal and its TLA+
    /// translation) and `NAME.cfg`.
    Export(commands::ExportArgs),
    /// Print the share link's fragment for a file (the whole text and the view, compressed).
    Url(commands::UrlArgs),
    /// Print the behavior tree to a depth.
    Tree(commands::TreeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<String, CliError> {
    let bytes = std::fs::read(path).map_err(|error| CliError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    String::from_utf8(bytes).map_err(|e| CliError::NotUtf8 {
        path: path.to_path_buf(),
        valid_up_to: e.utf8_error().valid_up_to(),
    })
}

/// Where a run's model comes from.
pub enum ModelSource {
    /// `--config`, or `FILE.cfg` beside the file: its path and text.
    File(PathBuf, String),
    /// `(* --model ... *)` in the text.
    Embedded,
    /// No model at all.
    None,
}

impl ModelSource {
    fn text(&self) -> Option<&str> {
        match self {
            ModelSource::File(_, text) => Some(text),
            _ => None,
        }
    }
}

/// The model to use: `--config`, else the text's embedded model, else `FILE.cfg` beside it.
fn config_for(file: &Path, src: &str, explicit: Option<&Path>) -> Result<ModelSource, CliError> {
    if let Some(p) = explicit {
        return Ok(ModelSource::File(p.to_path_buf(), read(p)?));
    }
    if src.contains("(* --model") {
        return Ok(ModelSource::Embedded);
    }
    let beside = file.with_extension("cfg");
    if beside.exists() {
        return Ok(ModelSource::File(beside.clone(), read(&beside)?));
    }
    Ok(ModelSource::None)
}

/// Write to standard output. A reader that went away (`thicket check ... | head`) ends the
/// output quietly, as it does for other command-line tools; any other failure is an error.
fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(e)),
        _ => Ok(()),
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    emit(&(serde_json::to_string_pretty(value)? + "\n"))
}

/// Run the parsed command: each subcommand's body is in [`commands`] (bench's in [`bench`]).
fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Check(args) => commands::check(args),
        Command::Bench { files, runs } => bench::run(files, runs),
        Command::Parse { file, modules } => commands::parse(file, modules),
        Command::Count(args) => commands::count(args),
        Command::Member(args) => commands::member(args),
        Command::Export(args) => commands::export(args),
        Command::Url(args) => commands::url(args),
        Command::Tree(args) => commands::tree(args),
    }
}
