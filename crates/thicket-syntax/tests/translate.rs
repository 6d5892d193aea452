//! The TLA+ translation of every algorithm in `specs/` (objects are written out by the checker's
//! export first, so they are not here), as reviewed snapshots. Its meaning is tested by the
//! checker: `thicket-check/tests/export.rs` and `tests/reference.rs` check the translation alone
//! and get the algorithm's counts and TLC's.

use std::path::Path;

#[test]
fn every_algorithm_translates_as_reviewed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tla"))
        .collect();
    names.sort();
    let mut n = 0;
    for path in names {
        let src = std::fs::read_to_string(&path).unwrap();
        let parsed = thicket_syntax::parse_document(&src);
        let doc = parsed
            .document
            .unwrap_or_else(|| panic!("{}: {:?}", path.display(), parsed.diagnostics));
        let Some(alg) = doc.algorithm.as_ref().filter(|a| a.operations.is_empty()) else {
            continue;
        };
        let text = thicket_syntax::translate::translate(alg)
            .unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, text);
        n += 1;
    }
    assert!(n >= 20, "only {n} algorithms translated");
}

#[test]
fn an_object_must_be_written_out_first() {
    let src = "---- MODULE C ----\n(* --algorithm C {\n  variables n = 0;\n  operation get() { return n; }\n} *)\n====\n";
    let doc = thicket_syntax::parse_document(src)
        .document
        .expect("parses");
    let err = thicket_syntax::translate::translate(doc.algorithm.as_ref().unwrap()).unwrap_err();
    assert!(err[0].message.contains("operations"), "{:?}", err);
}
