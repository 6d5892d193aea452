//! What a spec may ask of the command line, as TLC gives it: `Print`/`PrintT` print a line
//! as the search goes (on standard output, or on standard error where standard output
//! carries JSON), `IOEnv` reads the process's environment, `JsonSerialize` and `Serialize`
//! write files and `JsonDeserialize` reads them (relative to the working folder, as TLC's;
//! a file to read that is not there is looked for from the spec's folder up).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The command line as the checker's host.
pub struct Cli {
    /// Print the spec's output on standard error (standard output is the JSON report).
    pub to_stderr: bool,
    /// The folder of the spec checked: a file to read that is not in the working folder is
    /// looked for from there.
    pub spec_folder: Option<PathBuf>,
}

impl thicket_check::Host for Cli {
    fn print(&self, line: &str) {
        // A reader that went away is not the spec's failure: the line is dropped.
        let _ = if self.to_stderr {
            writeln!(std::io::stderr().lock(), "{line}")
        } else {
            writeln!(std::io::stdout().lock(), "{line}")
        };
    }

    fn env(&self) -> Option<Vec<(String, String)>> {
        Some(std::env::vars().collect())
    }

    fn write_file(&self, path: &str, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| e.to_string())
    }

    /// The file `path`, relative to the working folder as TLC reads it; when it is not there,
    /// relative to the spec's folder or a folder above it (a spec that names its files from
    /// its project's root, where TLC is run, then reads them from anywhere in the project).
    fn read_file(&self, path: &str) -> Result<String, String> {
        let first = std::fs::read_to_string(path).map_err(|e| e.to_string());
        if first.is_ok() || Path::new(path).is_absolute() {
            return first;
        }
        let above = self.spec_folder.iter().flat_map(|f| f.ancestors());
        above
            .map(|folder| folder.join(path))
            .find(|p| p.is_file())
            .map_or(first, |p| {
                std::fs::read_to_string(p).map_err(|e| e.to_string())
            })
    }
}
