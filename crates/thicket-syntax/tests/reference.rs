//! The reference modules and models of `tests/reference` (small PlusCal modules with the
//! results TLC gave for them) and the corpus in `specs/` parse.

use std::path::{Path, PathBuf};
use thicket_syntax::{parse_document, parse_model};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference_dir() -> PathBuf {
    repo().join("tests/reference")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn must_parse(path: &Path) -> thicket_syntax::ast::Document {
    let src = std::fs::read_to_string(path).unwrap();
    let parsed = parse_document(&src);
    let name = path.display().to_string();
    assert!(
        parsed.document.is_some(),
        "{name}:\n{}",
        parsed
            .diagnostics
            .iter()
            .map(|d| d.render(&name, &src))
            .collect::<Vec<_>>()
            .join("\n")
    );
    parsed.document.unwrap()
}

#[test]
fn reference_modules_parse() {
    let dir = reference_dir();
    let tlas = files(&dir, "tla");
    if tlas.is_empty() {
        eprintln!("no reference modules at {}: skipped", dir.display());
        return;
    }
    assert!(tlas.len() >= 6);
    for path in tlas {
        let doc = must_parse(&path);
        let alg = doc
            .algorithm
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no algorithm", path.display()));
        assert!(!alg.name.name.is_empty());
    }
}

#[test]
fn reference_models_parse() {
    for path in files(&reference_dir(), "cfg") {
        let src = std::fs::read_to_string(&path).unwrap();
        let model = parse_model(&src).unwrap_or_else(|d| panic!("{}: {:?}", path.display(), d));
        assert_eq!(
            model.specification.as_ref().map(|s| s.name.as_str()),
            Some("Spec"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn corpus_parses() {
    let specs = files(&repo().join("specs"), "tla");
    assert!(!specs.is_empty());
    for path in specs {
        let doc = must_parse(&path);
        assert!(
            doc.model.is_some(),
            "{}: every corpus spec embeds its model",
            path.display()
        );
    }
}
