//! `CliError`: why a command could not run to its end. `main` prints it (`error: ...`) and
//! exits with 2; what a command finds (a violation, a syntax error in the spec, which it prints
//! as located diagnostics) is its exit code, not an error.

use std::fmt;
use std::io;
use std::path::PathBuf;

use thicket_check::MemberError;

#[derive(Debug)]
pub enum CliError {
    /// A file that cannot be read.
    Read { path: PathBuf, error: io::Error },
    /// A file that is not UTF-8 text; `valid_up_to` is the offset of its first bad byte.
    NotUtf8 { path: PathBuf, valid_up_to: usize },
    /// A folder that cannot be created.
    CreateDir { path: PathBuf, error: io::Error },
    /// A file that cannot be written.
    Write { path: PathBuf, error: io::Error },
    /// Standard output that cannot be written (other than a reader that went away).
    Output(io::Error),
    /// A report that cannot be written as JSON.
    Json(serde_json::Error),
    /// `thicket member`: the typed behavior cannot be judged.
    Member(MemberError),
    /// `thicket bench`: a measurement that could not be made.
    Bench(BenchError),
}

/// Why `thicket bench` could not measure.
#[derive(Debug)]
pub enum BenchError {
    /// The child was started without a spec.
    ChildWithoutSpec,
    /// No spec named, and none in `specs/bench`.
    NoSpecs,
    /// The default folder of specs cannot be listed.
    ListSpecs { dir: PathBuf, error: io::Error },
    /// This program's path is unknown, so no child can be started.
    CurrentExe(io::Error),
    /// The child cannot be started.
    Spawn(io::Error),
    /// The spec does not load: its first diagnostic's message.
    Load { file: PathBuf, message: String },
    /// The child failed: what it printed.
    ChildFailed { file: PathBuf, output: String },
    /// The child's measurement is not the JSON expected.
    Unreadable {
        file: PathBuf,
        error: serde_json::Error,
        output: String,
    },
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Read { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            CliError::NotUtf8 { path, valid_up_to } => write!(
                f,
                "{} is not UTF-8 text (byte {valid_up_to})",
                path.display()
            ),
            CliError::CreateDir { path, error } => {
                write!(f, "cannot create {}: {error}", path.display())
            }
            CliError::Write { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
            CliError::Output(error) => write!(f, "cannot write the output: {error}"),
            CliError::Json(error) => write!(f, "{error}"),
            CliError::Member(error) => write!(f, "{error}"),
            CliError::Bench(error) => write!(f, "{error}"),
        }
    }
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BenchError::ChildWithoutSpec => write!(f, "the benchmark child needs one spec"),
            BenchError::NoSpecs => write!(f, "no specs to benchmark"),
            BenchError::ListSpecs { dir, error } => write!(
                f,
                "cannot list {} (run from the repository root, or name the specs): {error}",
                dir.display()
            ),
            BenchError::CurrentExe(error) => write!(f, "cannot find this program: {error}"),
            BenchError::Spawn(error) => write!(f, "cannot run the benchmark child: {error}"),
            BenchError::Load { file, message } => write!(f, "{}: {message}", file.display()),
            BenchError::ChildFailed { file, output } => write!(f, "{}: {output}", file.display()),
            BenchError::Unreadable {
                file,
                error,
                output,
            } => write!(
                f,
                "{}: unreadable measurement ({error}): {output}",
                file.display()
            ),
        }
    }
}

impl std::error::Error for CliError {}
impl std::error::Error for BenchError {}

impl From<BenchError> for CliError {
    fn from(e: BenchError) -> CliError {
        CliError::Bench(e)
    }
}

impl From<MemberError> for CliError {
    fn from(e: MemberError) -> CliError {
        CliError::Member(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> CliError {
        CliError::Json(e)
    }
}
