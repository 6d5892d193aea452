//! A standard module's names are its own, as SANY has them: `Nat`, `+`, `Len` exist where
//! their module is imported; a module that does not import it may define them, take them as
//! parameters or bind them, and its uses then mean its own. Each case is a small module with
//! SANY's answer (`java tla2sany.SANY`, tla2tools 2023), noted beside it: `None` where SANY
//! accepts the module, else the first error Thicket must give for it, at SANY's place.

use thicket_syntax::ast::{Document, ExprKind};
use thicket_syntax::modules::{InMemory, SourceText};
use thicket_syntax::{parse_document, parse_program, Severity};

/// SANY's refusal: where Thicket's first error starts (a text of the module) and how it begins.
type Refused = Option<(&'static str, &'static str)>;

const CASES: &[(&str, &str, Refused)] = &[
    // SANY: accepted (Peano and Sequences of Specifying Systems define these).
    (
        "OwnNat",
        "Nat == {0, 1}\nLen(s) == 7\nCardinality(S) == 0\nX == Nat \\cup {Len(<<>>), Cardinality({})}",
        None,
    ),
    // SANY: accepted (Specifying Systems' Naturals defines `+` and `\leq`, Integers `-.`).
    (
        "OwnPlus",
        "a + b == {a, b}\na \\leq b == a \\subseteq b\n-. a == {a}\nX == (1 + 2) \\leq -3",
        None,
    ),
    // SANY: accepted (ProtoReals' `LET IsAbelianGroup(G, Id, _+_) == ... a + b ...`).
    (
        "SymbolParamNoNat",
        "Twice(_+_, a) == a + a\nLet == LET a * b == {a, b} IN Twice( *, 3)",
        None,
    ),
    // SANY: accepted.
    ("LetPlusNoNat", "X == LET a + b == {a, b} IN 1 + 2", None),
    // SANY: accepted (Naturals of Specifying Systems: `a + b == R!+(a, b)`).
    (
        "InstanceSymbol",
        "---- MODULE Inner ----\na + b == {a, b}\na \\leq b == a \\subseteq b\n====\n\
         R == INSTANCE Inner\nX == R!+(1, 2)\nY == R!\\leq({1}, {1, 2})",
        None,
    ),
    // SANY: accepted (Sequences imports Naturals LOCALly: `Nat` is not brought).
    (
        "OwnNatViaSequences",
        "EXTENDS Sequences\nNat == {0}\nX == Len(<<1>>)",
        None,
    ),
    // SANY: accepted.
    (
        "RealsNames",
        "EXTENDS Reals\nX == {Real, 1 / 2, Infinity, 1 + 2, Int, -1, 3 \\div 2}",
        None,
    ),
    // SANY: accepted (Reals is not imported: `/` and `Real` are the module's to define).
    (
        "OwnSlash",
        "EXTENDS Integers\na / b == a \\div b\nReal == Int\nX == 7 / 2",
        None,
    ),
    // SANY: "line 3, col 1 to line 3, col 10 of module NatRedefined: Operator Nat already
    // defined or declared."
    (
        "NatRedefined",
        "EXTENDS Naturals\nNat == {0}",
        Some(("Nat ==", "`Nat` is already defined by the standard module Naturals")),
    ),
    // SANY: "Operator + already defined or declared."
    (
        "PlusRedefined",
        "EXTENDS Integers\na + b == a",
        Some(("+ b ==", "`+` is already defined by the standard module Naturals")),
    ),
    // SANY: "Operator Any already defined or declared."
    (
        "AnyRedefined",
        "EXTENDS TLC\nAny == 1",
        Some(("Any ==", "`Any` is already defined by the standard module TLC")),
    ),
    // SANY: "Operator / already defined or declared."
    (
        "SlashRedefined",
        "EXTENDS Reals\na / b == a",
        Some(("/ b ==", "`/` is already defined by the standard module Reals")),
    ),
    // SANY: "line 3, col 7 to line 3, col 9: Multiply-defined symbol '+'".
    (
        "SymbolParam",
        "EXTENDS Naturals\nTwice(_+_, a) == a + a",
        Some(("_+_", "`+` is already defined by the standard module Naturals")),
    ),
    // SANY: "line 3, col 3 to line 3, col 5: Multiply-defined symbol 'Nat'".
    (
        "WordParam",
        "EXTENDS Naturals\nF(Nat) == Nat",
        Some(("Nat)", "`Nat` is already defined by the standard module Naturals")),
    ),
    // SANY: "line 2, col 8 to line 2, col 8: Could not find declaration or definition of
    // symbol '+'."
    (
        "PlusNotImported",
        "X == 1 + 2",
        Some((
            "1 + 2",
            "`+` is defined by the standard module Naturals, which this module does not import",
        )),
    ),
    // SANY: "line 3, col 6 to line 3, col 8: Unknown operator: `Len'."
    (
        "LenNotImported",
        "EXTENDS Naturals\nX == Len(<<1>>)",
        Some((
            "Len(",
            "`Len` is defined by the standard module Sequences, which this module does not import",
        )),
    ),
    // SANY: "Could not find declaration or definition of symbol '-.'."
    (
        "NegNotImported",
        "EXTENDS Naturals\nX == -1",
        Some((
            "-1",
            "`-.` is defined by the standard module Integers, which this module does not import",
        )),
    ),
    // SANY: "Unknown operator: `Real'."
    (
        "RealNotImported",
        "EXTENDS Integers\nX == Real",
        Some((
            "Real\n",
            "`Real` is defined by the standard module Reals, which this module does not import",
        )),
    ),
];

fn module(name: &str, body: &str) -> String {
    format!("---- MODULE {name} ----\n{body}\n====\n")
}

#[test]
fn standard_names_are_their_module_s_as_sany_has_them() {
    for (name, body, sany) in CASES {
        let src = module(name, body);
        let parsed = parse_document(&src);
        let errors: Vec<(u32, &str)> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.span.start, d.message.as_str()))
            .collect();
        match sany {
            None => assert!(errors.is_empty(), "{name}: {errors:?}"),
            Some((at, message)) => {
                let start = src.find(at).expect("in the text") as u32;
                let (first, said) = errors.first().copied().unwrap_or_default();
                assert!(
                    first == start && said.starts_with(message),
                    "{name}: {errors:?}"
                );
            }
        }
    }
}

fn body_of<'d>(doc: &'d Document, name: &str) -> &'d ExprKind {
    &doc.defs
        .iter()
        .find(|d| d.name.name == name)
        .unwrap()
        .body
        .kind
}

#[test]
fn a_module_s_own_symbol_is_applied_and_an_imported_one_is_built_in() {
    let doc = parse_document(&module("OwnPlus", CASES[1].1))
        .document
        .unwrap();
    assert!(matches!(body_of(&doc, "X"), ExprKind::Apply { op, .. } if op.name == "<="));
    let src = module("Plain", "EXTENDS Naturals\nX == 1 + 2");
    let doc = parse_document(&src).document.unwrap();
    assert!(matches!(body_of(&doc, "X"), ExprKind::Binary { .. }));
}

/// A module Thicket knows of but does not build in (RealTime) is read from beside the text
/// when it is there, as SANY reads it; Naturals is TLC's own even then (TLC evaluates a module
/// named Naturals with its own operators).
#[test]
fn a_known_module_beside_the_text_is_read_but_naturals_is_tlc_s() {
    let beside = InMemory(vec![
        SourceText {
            path: "RealTime.tla".into(),
            text: module("RealTime", "EXTENDS Reals\nRTnow(v) == v \\in Real"),
        },
        SourceText {
            path: "Naturals.tla".into(),
            text: module("Naturals", "Nat == {0}"),
        },
    ]);
    let src = module(
        "Clock",
        "EXTENDS RealTime, Naturals\nX == RTnow(1) /\\ 1 + 1 = 2",
    );
    let parsed = parse_program("Clock.tla", &src, &beside);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let doc = parsed.document.unwrap();
    assert!(doc.defs.iter().any(|d| d.name.name == "RTnow"));
    assert!(!doc.defs.iter().any(|d| d.name.name == "Nat"));
}
