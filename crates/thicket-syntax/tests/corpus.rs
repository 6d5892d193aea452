//! Every module of the TLA+ Examples corpus (`../shared/corpus/tlaplus-examples`) is read as
//! SANY reads it: modules it names looked for in its folder. The count that parse and resolve
//! may only go up; the ones that do not are listed with their first error.

use std::path::{Path, PathBuf};
use thicket_syntax::modules::{ModuleSource, SourceText};
use thicket_syntax::Severity;

/// At least this many modules read without error (of 408; those built on Apalache's own
/// modules never will).
const AT_LEAST: usize = 406;

struct Folder(PathBuf);

impl ModuleSource for Folder {
    fn find(&self, name: &str) -> Option<SourceText> {
        let path = self.0.join(format!("{name}.tla"));
        let text = std::fs::read_to_string(&path).ok()?;
        Some(SourceText {
            path: path.display().to_string(),
            text,
        })
    }
    fn places(&self) -> Vec<String> {
        vec![self.0.display().to_string()]
    }
}

fn modules(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            modules(&p, out);
        } else if p.extension().is_some_and(|x| x == "tla") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_modules_parse_and_resolve() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/tlaplus-examples");
    if !root.exists() {
        panic!(
            "the corpus is expected beside the repository: {}",
            root.display()
        );
    }
    let mut paths = vec![];
    modules(&root, &mut paths);
    paths.sort();
    let mut failing = vec![];
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let folder = Folder(path.parent().unwrap().to_path_buf());
        let parsed = thicket_syntax::parse_program(&path.display().to_string(), &text, &folder);
        if let Some(d) = parsed
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
        {
            let rel = path.strip_prefix(&root).unwrap().display().to_string();
            failing.push(format!("{rel}: {}", d.message));
        }
    }
    let ok = paths.len() - failing.len();
    eprintln!(
        "{ok} of {} corpus modules parse and resolve; the others:",
        paths.len()
    );
    for f in &failing {
        eprintln!("  {f}");
    }
    assert!(
        ok >= AT_LEAST,
        "{ok} of {} modules read (at least {AT_LEAST} did)",
        paths.len()
    );
}
