//! Instantiation as TLA+ defines it, against TLC: each folder of `tests/modules/` is a spec
//! `MC.tla` with the modules it names beside it and its model `MC.cfg`, whose first line is
//! what TLC says of it (`ok DISTINCT DEPTH` or `violated PROPERTY TRACE-LENGTH`).

use std::path::{Path, PathBuf};
use thicket_check::{check_source, CheckOptions, Outcome, Source};
use thicket_syntax::modules::{InMemory, SourceText};

fn folders() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/modules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Every `.tla` of the folder but `MC.tla`, as the page's tabs would hold them.
fn others(dir: &Path) -> InMemory {
    let mut files = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".tla") && name != "MC.tla" {
            let text = std::fs::read_to_string(&p).unwrap();
            files.push(SourceText { path: name, text });
        }
    }
    InMemory(files)
}

#[test]
fn instances_check_as_tlc_says() {
    let dirs = folders();
    assert!(dirs.len() >= 5, "found {} spec folders", dirs.len());
    for dir in dirs {
        let src = std::fs::read_to_string(dir.join("MC.tla")).unwrap();
        let cfg = std::fs::read_to_string(dir.join("MC.cfg")).unwrap();
        let tlc = cfg.lines().next().unwrap().rsplit_once("): ").unwrap().1;
        let want: Vec<&str> = tlc.split_whitespace().collect();
        let modules = others(&dir);
        let source = Source {
            path: "MC.tla",
            text: &src,
            modules: &modules,
        };
        let report = check_source(source, Some(&cfg), &CheckOptions::default(), &mut |_| true);
        let name = dir.file_name().unwrap().to_string_lossy();
        let got = match report.result {
            Outcome::Ok => format!("ok {} {}", report.distinct_states, report.depth),
            Outcome::InvariantViolated => format!(
                "violated {} {}",
                report.property.clone().unwrap_or_default(),
                report.trace.len()
            ),
            other => format!("{other:?}: {:?} {:?}", report.message, report.diagnostics),
        };
        assert_eq!(got, want.join(" "), "{name}");
    }
}
