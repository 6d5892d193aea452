//! Where `thicket` finds the modules a spec names: after the built-in ones, the spec's own
//! folder, then each `--lib DIR` in the order given (as SANY looks for them).

use std::path::{Path, PathBuf};

use clap::Args;
use thicket_check::Source;
use thicket_syntax::modules::{ModuleSource, SourceText};

/// `--lib DIR`, repeatable.
#[derive(Args, Clone, Default)]
pub struct LibArgs {
    /// A folder to look for modules in (`Name.tla`) after the spec's own folder; repeatable.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
}

impl LibArgs {
    /// The folders for the spec `file`: its own, then the `--lib` ones.
    pub fn folders(&self, file: &Path) -> Folders {
        let own = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Folders(
            std::iter::once(own)
                .chain(self.lib.iter().cloned())
                .collect(),
        )
    }
}

/// Folders searched in order for `Name.tla`.
pub struct Folders(Vec<PathBuf>);

impl Folders {
    /// The spec `file` with its text, to check with these folders.
    pub fn source<'a>(&'a self, file: &'a str, text: &'a str) -> Source<'a> {
        Source {
            path: file,
            text,
            modules: self,
        }
    }
}

impl ModuleSource for Folders {
    fn find(&self, name: &str) -> Option<SourceText> {
        self.0.iter().find_map(|dir| {
            let path = dir.join(format!("{name}.tla"));
            let text = std::fs::read_to_string(&path).ok()?;
            Some(SourceText {
                path: path.display().to_string(),
                text,
            })
        })
    }

    fn places(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|d| format!("the folder {}", d.display()))
            .collect()
    }
}
