//! Every broken input in `tests/diagnostics/` gives errors, never a document, and the rendered
//! errors match their reviewed snapshot (`tests/snapshots/`; update with `INSTA_UPDATE=always`
//! and review the diff). Some inputs are generated here instead of stored: they are too large
//! or not text.

use std::path::{Path, PathBuf};
use thicket_syntax::{parse_document, parse_model, Diagnostic, Severity};

fn diagnostics_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/diagnostics")
}

fn render(file_name: &str, src: &str, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.render(file_name, src))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parse a broken document: it must fail, with errors that speak the user's language.
fn broken_document(file_name: &str, src: &str) -> String {
    let parsed = parse_document(src);
    assert!(parsed.document.is_none(), "{file_name} should not parse");
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{file_name}: no error"
    );
    let out = render(file_name, src, &parsed.diagnostics);
    assert_no_grammar_words(file_name, &out);
    out
}

/// Grammar rule names must never reach the user.
fn assert_no_grammar_words(file_name: &str, rendered: &str) {
    for raw in [
        "kw_",
        "Rule::",
        "EOI",
        "p_stmt",
        "c_stmt",
        "infix_op",
        "prefix_op",
        "_expr",
    ] {
        assert!(
            !rendered.contains(raw),
            "{file_name}: a grammar word `{raw}` leaks into:\n{rendered}"
        );
    }
}

#[test]
fn stored_broken_inputs() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(diagnostics_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 40,
        "expected at least 40 broken inputs, found {}",
        paths.len()
    );
    for path in paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let name = format!(
            "tests/diagnostics/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let src = std::fs::read_to_string(&path).unwrap();
        let rendered = if path.extension().is_some_and(|e| e == "cfg") {
            let diags = parse_model(&src).expect_err("a broken model must not parse");
            render(&name, &src, &diags)
        } else {
            broken_document(&name, &src)
        };
        insta::assert_snapshot!(stem, rendered);
    }
}

#[test]
fn nesting_ten_thousand_deep() {
    let src = format!(
        "---- MODULE deep ----\nDeep == {}1{}\n====\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    insta::assert_snapshot!(
        "generated_deep_parens",
        short(broken_document("deep.tla", &src))
    );
}

#[test]
fn nesting_of_statements_too_deep() {
    let mut body = String::new();
    for _ in 0..300 {
        body.push_str("if x = 0 then\n");
    }
    body.push_str("x := 1;\n");
    for _ in 0..300 {
        body.push_str("end if;\n");
    }
    let src = format!("--algorithm Deep\nvariables x = 0;\nbegin\nStart:\n{body}end algorithm\n");
    insta::assert_snapshot!(
        "generated_deep_statements",
        short(broken_document("deep.tla", &src))
    );
}

#[test]
fn deep_comment_nesting() {
    let src = format!(
        "---- MODULE c ----\n{}{}\n====\n",
        "(*".repeat(5_000),
        "*)".repeat(5_000)
    );
    insta::assert_snapshot!(
        "generated_deep_comments",
        short(broken_document("comments.tla", &src))
    );
}

#[test]
fn long_operator_chain() {
    // Flat in the grammar, but a 5,000-deep tree: refused before anything recurses over it.
    let src = format!(
        "---- MODULE chain ----\nSum == {}1\n====\n",
        "1 + ".repeat(5_000)
    );
    let rendered = broken_document("chain.tla", &src);
    assert!(rendered.contains("too deep"), "{rendered}");
}

#[test]
fn empty_input() {
    insta::assert_snapshot!("generated_empty", broken_document("empty.tla", ""));
    let blank = broken_document("blank.tla", "  \n\t\n");
    assert!(blank.contains("empty"), "{blank}");
}

#[test]
fn binary_garbage() {
    let bytes: Vec<u8> = (0..200u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let src = String::from_utf8_lossy(&bytes).into_owned();
    insta::assert_snapshot!(
        "generated_binary",
        short(broken_document("garbage.bin", &src))
    );
}

/// Long generated lines make unreadable snapshots: keep the message, the location and the hints.
fn short(rendered: String) -> String {
    rendered
        .lines()
        .map(|l| {
            if l.chars().count() > 100 {
                format!("{}…", l.chars().take(100).collect::<String>())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
