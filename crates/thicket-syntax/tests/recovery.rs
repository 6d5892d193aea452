//! A text with several syntax errors gets every one of them, each where it is, and nothing
//! else: no error caused by another, no error of the later stages (names of a unit that could
//! not be read are not reported as undefined). Snapshots in `tests/snapshots/`.

use thicket_syntax::{parse_document, Severity};

/// The rendered errors of a broken text, checked to be errors only, one per line given.
fn errors_at(file_name: &str, src: &str, lines: &[usize]) -> String {
    let parsed = parse_document(src);
    assert!(parsed.document.is_none(), "{file_name} should not parse");
    let found: Vec<usize> = parsed
        .diagnostics
        .iter()
        .map(|d| src[..d.span.start as usize].matches('\n').count() + 1)
        .collect();
    assert_eq!(found, lines, "{file_name}: errors on other lines");
    assert!(parsed
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Error));
    parsed
        .diagnostics
        .iter()
        .map(|d| d.render(file_name, src))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn errors_in_three_definitions() {
    let src = "---- MODULE M ----\nEXTENDS Integers\nVARIABLE x\nA == x + * 2\nB == x \\in {1, 2}\nC(y) = y\nD == B /\\ A\nE == IF x THEN 1 2\nInit == x = 0\n====\n";
    insta::assert_snapshot!(errors_at("three.tla", src, &[4, 6, 8]));
}

#[test]
fn an_unfinished_definition_then_another_error() {
    let src = "---- MODULE M ----\nVARIABLE x\nA == x +\nB == 1\nC == {x,}\nD == A\n====\n";
    insta::assert_snapshot!(errors_at("unfinished.tla", src, &[4, 5]));
}

#[test]
fn errors_in_p_syntax_statements() {
    let src = "---- MODULE M ----\nEXTENDS Integers\n(* --algorithm A\nvariables x = 0, y = 0;\nbegin\n  a: x = 1;\n  b: if x > 0 then y := y + ; end if;\n  c: while x < 3 do\n       x := x + 1\n       y := 2;\n     end while;\nend algorithm; *)\nInv == x >= 0\n====\n";
    insta::assert_snapshot!(errors_at("pluscal.tla", src, &[6, 7, 9]));
}

#[test]
fn errors_in_c_syntax_statements_and_after_the_algorithm() {
    let src = "---- MODULE M ----\nEXTENDS Integers\n(* --algorithm A {\n  variables x = 0;\n  {\n    a: x = 1;\n    b: if (x > 0) { x := x + ; };\n    c: x := 2;\n  }\n} *)\nInv == x >= \n====\n";
    insta::assert_snapshot!(errors_at("c.tla", src, &[6, 7, 12]));
}

#[test]
fn a_bare_algorithm_with_two_errors() {
    let src = "--algorithm A\nvariables x = 0;\nbegin\n  a: await ;\n  b: x := 2;\n  c: x = 3;\nend algorithm\n";
    insta::assert_snapshot!(errors_at("bare.tla", src, &[4, 6]));
}

#[test]
fn a_block_left_open_is_one_error() {
    // Blanking the broken statement cannot make its block whole: recovery stops rather than
    // report what follows from it.
    let src = "--algorithm A\nvariables x = 0;\nbegin\n  a: if x = 0 then x := 1;\n  end while;\n  b: x := 2;\nend algorithm\n";
    insta::assert_snapshot!(errors_at("open.tla", src, &[5]));
}

#[test]
fn errors_are_bounded() {
    let mut src = String::from("---- MODULE M ----\n");
    for i in 0..80 {
        src.push_str(&format!("A{i} == {{1,}}\n"));
    }
    src.push_str("====\n");
    let parsed = parse_document(&src);
    assert_eq!(parsed.diagnostics.len(), 50);
    let first_lines: Vec<u32> = parsed.diagnostics[..3]
        .iter()
        .map(|d| d.span.start)
        .map(|at| src[..at as usize].matches('\n').count() as u32 + 1)
        .collect();
    assert_eq!(first_lines, [2, 3, 4]);
}
