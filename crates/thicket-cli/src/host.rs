//! What a spec may ask of the command line, as TLC gives it: `Print`/`PrintT` print a line
//! as the search goes (on standard output, or on standard error where standard output
//! carries JSON), `IOEnv` reads the process's environment, `JsonSerialize` writes a file
//! (relative to the working folder, as TLC's).

use std::io::Write;

/// The command line as the checker's host.
pub struct Cli {
    /// Print the spec's output on standard error (standard output is the JSON report).
    pub to_stderr: bool,
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
}
