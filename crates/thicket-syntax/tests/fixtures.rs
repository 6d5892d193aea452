//! Every text in `tests/fixtures/` (TLA+ that SANY accepts: theorems and proofs, operators over
//! symbols) parses without a diagnostic, prints back to the same tree, and gives the reviewed
//! outline in `tests/snapshots/` (update with `INSTA_UPDATE=always` and review the diff): the
//! theorems with where their skipped proofs were, then the printed module, whose parentheses
//! show how the operators grouped.

use std::fmt::Write;
use std::path::Path;
use thicket_syntax::ast::{Document, ExprKind, Statement};
use thicket_syntax::{parse_document, print};

fn line_of(src: &str, offset: u32) -> usize {
    src[..offset as usize].lines().count().max(1)
}

fn outline(src: &str, doc: &Document) -> String {
    let mut out = String::new();
    for t in &doc.theorems {
        let name = t.name.as_ref().map_or("(unnamed)", |n| n.name.as_str());
        let statement = match &t.statement {
            Statement::Expr(_) => "an expression",
            Statement::AssumeProve(_) => "ASSUME/PROVE",
        };
        let proof = t.proof.as_ref().map_or("no proof".to_string(), |p| {
            format!(
                "proof on lines {}-{}",
                line_of(src, p.span.start + 1),
                line_of(src, p.span.end)
            )
        });
        writeln!(out, "{:?} {name}: {statement}, {proof}", t.kind).unwrap();
    }
    for d in &doc.defs {
        if let ExprKind::Junction { .. } | ExprKind::Apply { .. } | ExprKind::Binary { .. } =
            &d.body.kind
        {
            writeln!(out, "{} ~ {}", d.name.name, calls(&d.body)).unwrap();
        }
    }
    out.push_str("----\n");
    out.push_str(&print::document(doc));
    out
}

/// An expression with every operator written as a call, `\prec(Plus(1, 1), ...)`: how the
/// operators grouped, made plain.
fn calls(e: &thicket_syntax::ast::Expr) -> String {
    match &e.kind {
        ExprKind::Apply { op, args } => {
            let args: Vec<String> = args.iter().map(calls).collect();
            format!("{}({})", op.name, args.join(", "))
        }
        ExprKind::Binary { op, lhs, rhs } => format!("{op:?}({}, {})", calls(lhs), calls(rhs)),
        ExprKind::Junction { op, items, .. } => {
            let items: Vec<String> = items.iter().map(calls).collect();
            format!("{op:?}({})", items.join(", "))
        }
        _ => print::expr(e),
    }
}

#[test]
fn fixtures_parse_round_trip_and_match_their_outline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tla"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let parsed = parse_document(&src);
        let msgs: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| d.render(&name, &src))
            .collect();
        assert!(msgs.is_empty(), "{name}:\n{}", msgs.join("\n"));
        let doc = parsed.document.expect("no diagnostics, so a document");
        let printed = print::document(&doc);
        let again = parse_document(&printed)
            .document
            .unwrap_or_else(|| panic!("{name}: the printed text does not parse:\n{printed}"));
        assert!(
            doc.without_spans() == again.without_spans(),
            "{name}: round trip differs:\n{printed}"
        );
        insta::assert_snapshot!(name, outline(&src, &doc));
    }
}
