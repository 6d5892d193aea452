//! parse → print → parse gives the same tree (modulo spans), on the corpus and the references.

use std::path::{Path, PathBuf};
use thicket_syntax::{parse_document, print};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = vec![];
    for dir in [root.join("specs"), root.join("tests/reference")] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            v.extend(
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "tla")),
            );
        }
    }
    v.sort();
    v
}

#[test]
fn print_then_parse_gives_the_same_tree() {
    let files = inputs();
    assert!(!files.is_empty());
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let first = parse_document(&src)
            .document
            .unwrap_or_else(|| panic!("{} does not parse", path.display()));
        let printed = print::document(&first);
        let parsed = parse_document(&printed);
        let second = parsed.document.unwrap_or_else(|| {
            let msgs: Vec<String> = parsed
                .diagnostics
                .iter()
                .map(|d| d.render("printed", &printed))
                .collect();
            panic!(
                "{}: the printed text does not parse:\n{printed}\n{}",
                path.display(),
                msgs.join("\n")
            )
        });
        assert!(
            first.without_spans() == second.without_spans(),
            "{}: the printed text differs:\n{printed}",
            path.display()
        );
        // Printing is stable: the printed text prints to itself.
        assert_eq!(print::document(&second), printed, "{}", path.display());
    }
}
