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

/// The operators of a translation, `name` or `name(self)`, in order.
fn operators(translation: &str) -> Vec<&str> {
    translation
        .lines()
        .filter_map(|l| l.split_once(" == ").map(|(head, _)| head))
        .filter(|head| !head.starts_with(' '))
        .collect()
}

#[test]
fn labels_are_added_and_renamed_as_the_translator_does() {
    // The operators of TLC's translation (pcal.trans) of each algorithm, in order.
    let cases = [
        (
            "(* --algorithm D {\n variables x = 0;\n process (p \\in 1..2) { a: x := x + 1; b: x := x + 1 }\n process (q = 3) { a: x := x + 2; b: skip }\n process (r = 4) { a: x := x + 3 }\n} *)",
            vec!["vars", "ProcSet", "Init", "a_(self)", "b_(self)", "p(self)", "a_q", "b", "q", "a", "r", "Terminating", "Next", "Spec", "Termination"],
        ),
        (
            "(* --algorithm A {\n variables x = 0, y = 0;\n procedure inc(n) { x := x + n; return }\n { x := 1; x := 2; if (x > 1) { y := 1; call inc(2) } else { y := 2 }; y := y + 1;\n   while (x < 5) { x := x + 1; x := x + 1 }; either { x := 0 } or { call inc(1) }; goto Done }\n} *)",
            vec!["vars", "Init", "Lbl_1", "inc", "Lbl_2", "Lbl_3", "Lbl_4", "Lbl_5", "Lbl_6", "Lbl_7", "Terminating", "Next", "Spec", "Termination"],
        ),
    ];
    for (src, tlc) in cases {
        let parsed = thicket_syntax::parse_document(src);
        let doc = parsed
            .document
            .unwrap_or_else(|| panic!("{:?}", parsed.diagnostics));
        let text = thicket_syntax::translate::translate(doc.algorithm.as_ref().unwrap()).unwrap();
        assert_eq!(operators(&text), tlc, "{text}");
    }
}
