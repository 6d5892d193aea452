//! The crate's layers, as ARCHITECTURE.md states them: each folder of `src/` uses only the
//! folders below it (`eval` < `model` < `search` < `analysis` < `session`), and the root's
//! files (`lib.rs`, `report.rs`, `export.rs`) sit on top. Read from the sources: a `crate::x`
//! path in a file of a lower layer than `x` fails this test, with the line. Inside `model/`,
//! the two languages (`pluscal/`, `tla/`) never use each other.

use std::path::Path;

const LAYERS: [&str; 5] = ["eval", "model", "search", "analysis", "session"];

/// The layer of a top-level module of the crate: its place in `LAYERS`, the root's above all.
fn rank(module: &str) -> Option<usize> {
    match module {
        "report" | "export" => Some(LAYERS.len()),
        m => LAYERS.iter().position(|l| *l == m),
    }
}

/// Every `crate::module` named in `text` outside its tests, with the line.
fn uses(text: &str) -> Vec<(String, usize)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push((name, n + 1));
        }
    }
    out
}

/// Every `.rs` file under `dir`, in its subfolders too.
fn sources(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut files = 0;
    for layer in LAYERS {
        let own = rank(layer).unwrap();
        for path in sources(&src.join(layer)) {
            let text = std::fs::read_to_string(&path).unwrap();
            files += 1;
            for (used, line) in uses(&text) {
                if rank(&used).is_some_and(|r| r > own) || rank(&used).is_none() {
                    wrong.push(format!("{}:{line} uses crate::{used}", path.display()));
                }
            }
        }
    }
    assert!(
        files >= 15,
        "only {files} files read under {}",
        src.display()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_languages_of_the_model_do_not_use_each_other() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut wrong = Vec::new();
    for (own, other) in [("pluscal", "tla"), ("tla", "pluscal")] {
        let files = sources(&model.join(own));
        assert!(!files.is_empty(), "no sources in model/{own}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            for (n, line) in code.lines().enumerate() {
                if line.contains(&format!("model::{other}")) {
                    wrong.push(format!("{}:{} uses model::{other}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_use_of_a_higher_layer_is_found() {
    let text = "use crate::eval::value::Value;\nfn f() { crate::session::Session::open(); }\n";
    assert_eq!(
        uses(text),
        vec![("eval".to_string(), 1), ("session".to_string(), 2)]
    );
    assert!(rank("session") > rank("model"));
    assert_eq!(rank("show_state"), None);
}
