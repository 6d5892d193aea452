//! Constructs the corpus does not exercise, each parsed, checked for its shape, and round-tripped.

use thicket_syntax::ast::*;
use thicket_syntax::{parse_document, print};

fn parse(src: &str) -> Document {
    let parsed = parse_document(src);
    let msgs: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.render("t.tla", src))
        .collect();
    let doc = parsed
        .document
        .unwrap_or_else(|| panic!("{}", msgs.join("\n")));
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
    let printed = print::document(&doc);
    let again = parse_document(&printed)
        .document
        .unwrap_or_else(|| panic!("printed text does not parse:\n{printed}"));
    assert!(
        doc.without_spans() == again.without_spans(),
        "round trip differs:\n{printed}"
    );
    doc
}

fn def<'d>(doc: &'d Document, name: &str) -> &'d OpDef {
    doc.defs
        .iter()
        .find(|d| d.name.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn module_level_declarations() {
    let doc = parse(
        "---- MODULE M ----\nEXTENDS Naturals\nCONSTANTS N, F(_, _)\nVARIABLES v\nASSUME N > 0\n-----\nLOCAL H == 1\nG(Op(_), x) == Op(x)\nfact[n \\in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]\nUse == F(1, 2) + G(LAMBDA y : y + 1, 3)\n====\nanything after the end",
    );
    assert_eq!(doc.constants[1].arity, 2);
    assert_eq!(doc.variables.len(), 1);
    assert_eq!(doc.assumes.len(), 1);
    assert!(def(&doc, "H").local);
    assert_eq!(def(&doc, "G").params[0].arity, 1);
    assert!(def(&doc, "fact").fn_bounds.is_some());
}

#[test]
fn temporal_forms() {
    let doc = parse(
        "---- MODULE T ----\nEXTENDS Naturals\nVARIABLES x, y\nA == x' = x + 1\nL == []<>(x = 1) /\\ (x = 0 ~> x = 1) /\\ (A -+-> A)\nF == WF_<<x, y>>(A) /\\ SF_x(A) /\\ <><<A>>_x /\\ [][A]_<<x, y>> /\\ ENABLED A /\\ UNCHANGED <<x, y>>\n====\n",
    );
    let ExprKind::Junction { items, .. } = &def(&doc, "F").body.kind else {
        panic!()
    };
    assert!(matches!(
        items[0].kind,
        ExprKind::Fairness {
            kind: FairnessKind::Weak,
            ..
        }
    ));
    assert!(matches!(
        items[2].kind,
        ExprKind::ActionProp { boxed: false, .. }
    ));
    assert!(matches!(
        items[3].kind,
        ExprKind::ActionProp { boxed: true, .. }
    ));
}

#[test]
fn precedence_follows_tla() {
    let doc = parse("---- MODULE P ----\nEXTENDS Integers\nA == -2 ^ 2 + 3 * 4 - 1\nB == ~ 1 = 2 /\\ TRUE\nC == 1..2 \\cup 3..4\nD == {1} \\X {2} \\X {3}\n====\n");
    // -(2^2) + (3*4) - 1, left-associative minus
    let ExprKind::Binary {
        op: BinOp::Minus,
        lhs,
        ..
    } = &def(&doc, "A").body.kind
    else {
        panic!()
    };
    let ExprKind::Binary {
        op: BinOp::Plus,
        lhs: neg,
        ..
    } = &lhs.kind
    else {
        panic!()
    };
    assert!(matches!(neg.kind, ExprKind::Unary { op: UnOp::Neg, .. }));
    // ~(1 = 2) /\ TRUE
    let ExprKind::Junction { items, .. } = &def(&doc, "B").body.kind else {
        panic!()
    };
    assert!(matches!(
        items[0].kind,
        ExprKind::Unary { op: UnOp::Not, .. }
    ));
    // (1..2) \cup (3..4)
    assert!(matches!(
        def(&doc, "C").body.kind,
        ExprKind::Binary { op: BinOp::Cup, .. }
    ));
    let ExprKind::Cross(sets) = &def(&doc, "D").body.kind else {
        panic!()
    };
    assert_eq!(sets.len(), 3);
}

#[test]
fn unicode_and_aliases() {
    let doc = parse("---- MODULE U ----\nEXTENDS Naturals\nA ≜ ∀ x ∈ {1} : ∃ y ∈ {2} : x ≠ y ∧ ¬(x ≥ y) ∨ x ≤ y\nB == 1 != 2 /\\ 1 /= 2 /\\ 1 # 2\nC == ⟨1, 2⟩\n====\n");
    assert!(matches!(
        def(&doc, "A").body.kind,
        ExprKind::Quant {
            q: Quantifier::Forall,
            ..
        }
    ));
    assert!(matches!(def(&doc, "C").body.kind, ExprKind::Tuple(_)));
}

#[test]
fn strings_escape() {
    let doc = parse("---- MODULE S ----\nA == \"a\\\"b\\\\c\\nd\\te\"\n====\n");
    assert_eq!(
        def(&doc, "A").body.kind,
        ExprKind::Str("a\"b\\c\nd\te".into())
    );
}

#[test]
fn pluscal_details() {
    let doc = parse(
        "--algorithm D {\n  variables x = 0; y \\in {1, 2}; f = [i \\in 1..2 |-> [a |-> 0]];\n  procedure p(n = 1) variables l; { p1: return; }\n  {\n    s:+ with (i \\in 1..2, j = i + 1) { x := j };\n    t:- if (x = 1) { x := 2 } else if (x = 2) { x := 3 } else { skip };\n    u: f[1].a := 5 || y := 2;\n    v: call p(1);\n    w: print x; assert x > 0;\n  }\n}\n",
    );
    let alg = doc.algorithm.unwrap();
    assert_eq!(alg.syntax, Syntax::C);
    assert_eq!(alg.vars.len(), 3);
    assert!(matches!(alg.procedures[0].params[0].init, VarInit::Eq(_)));
    assert!(matches!(alg.procedures[0].locals[0].init, VarInit::None));
    let body = alg.body.unwrap();
    let StmtKind::With { bindings, .. } = &body[0].kind else {
        panic!()
    };
    assert_eq!(bindings.len(), 2);
    let StmtKind::If { branches, els } = &body[1].kind else {
        panic!()
    };
    assert_eq!(branches.len(), 2, "`else if` is one more branch");
    assert!(els.is_some());
    let StmtKind::Assign(asgs) = &body[2].kind else {
        panic!()
    };
    assert_eq!(asgs[0].path.len(), 2);
}

#[test]
fn cfg_models() {
    let m = thicket_syntax::parse_model(
        "\\* a comment\nCONSTANTS\n  N = 3\n  S = {a, b}\n  T = {\"x\", -1, TRUE}\n  Op <- Impl\nINIT Init\nNEXT Next\nINVARIANTS A B\nPROPERTIES P\nCONSTRAINT C\nACTION_CONSTRAINTS D\nCHECK_DEADLOCK FALSE\nSYMMETRY Sym\n",
    )
    .unwrap();
    assert_eq!(m.constants.len(), 4);
    assert!(matches!(m.constants[3].value, ConstantValue::Substitute(_)));
    assert_eq!(m.invariants.len(), 2);
    assert_eq!(m.check_deadlock, Some(false));
    assert_eq!(m.symmetry.unwrap().name, "Sym");
    assert_eq!(m.action_constraints.len(), 1);
}

/// Every statement and form of TLC's configuration grammar: module-scoped bindings, VIEW,
/// ALIAS and POSTCONDITION (the words that end a list of names).
#[test]
fn cfg_module_bindings_and_tlc_statements() {
    let m = thicket_syntax::parse_model(
        "CONSTANTS\n  Ballot <-[Voting] MCBallot\n  NoHash = [Nano]NoHashVal\n  N <- Impl\nINVARIANT Inv\nVIEW View\nALIAS Alias\nPOSTCONDITION Post\nPROPERTY P\nVIEW\n  V2\n",
    )
    .unwrap();
    let modules: Vec<Option<&str>> = m
        .constants
        .iter()
        .map(|c| c.module.as_ref().map(|m| m.name.as_str()))
        .collect();
    assert_eq!(modules, [Some("Voting"), Some("Nano"), None]);
    assert!(matches!(&m.constants[0].value, ConstantValue::Substitute(s) if s.name == "MCBallot"));
    assert!(matches!(m.constants[1].value, ConstantValue::Value(_)));
    assert_eq!(m.invariants.len(), 1, "VIEW ends the list of invariants");
    assert_eq!(m.view.unwrap().name, "V2", "the last VIEW is the one");
    assert_eq!(m.alias.unwrap().name, "Alias");
    assert_eq!(m.postcondition.unwrap().name, "Post");
    assert_eq!(m.properties.len(), 1);
}

#[test]
fn modules_may_declare_default_init_value() {
    let doc = parse("---- MODULE D ----\nCONSTANT defaultInitValue\n(* --algorithm D\nvariables x = defaultInitValue;\nbegin\n  A: x := 1;\nend algorithm; *)\n====\n");
    assert_eq!(doc.constants[0].name.name, "defaultInitValue");
}

// ---------------------------------------------------------------------------------------------
// Operations (Thicket's observable-events extension)
// ---------------------------------------------------------------------------------------------

fn errors(src: &str) -> Vec<String> {
    let parsed = parse_document(src);
    assert!(parsed.document.is_none(), "should not parse:\n{src}");
    parsed
        .diagnostics
        .iter()
        .map(|d| d.render("t.tla", src))
        .collect()
}

#[test]
fn operations_in_c_syntax() {
    let doc = parse(
        "---- MODULE C ----\nEXTENDS Integers\nCONSTANT Max\n(* --algorithm Counter {\n  variables n = 0;\n  operation inc() { if (n < Max) { n := n + 1; } }\n  operation get() { return n; }\n  operation add(k \\in 1..3, j \\in {0}) { n := n + k + j; }\n  operation reset() { n := 0; }\n} *)\nP == Returned(\"get\") => Result >= 0\nQ == Called(\"add\") => Args[1] \\in 1..3 /\\ event.kind = \"call\"\n====\n",
    );
    let alg = doc.algorithm.as_ref().unwrap();
    assert!(alg.body.is_none() && alg.processes.is_empty());
    let names: Vec<&str> = alg
        .operations
        .iter()
        .map(|o| o.name.name.as_str())
        .collect();
    assert_eq!(names, ["inc", "get", "add", "reset"]);
    let get = &alg.operations[1];
    assert!(matches!(
        &get.body[..],
        [Stmt {
            label: None,
            kind: StmtKind::ReturnValue(Expr {
                kind: ExprKind::Name(_),
                ..
            }),
            ..
        }]
    ));
    let add = &alg.operations[2];
    assert_eq!(
        add.params
            .iter()
            .map(|p| p.name.name.as_str())
            .collect::<Vec<_>>(),
        ["k", "j"]
    );
    assert!(matches!(
        add.params[0].set.kind,
        ExprKind::Binary {
            op: BinOp::Range,
            ..
        }
    ));
    let src_of = |s: Span, src: &str| src[s.range()].to_string();
    let src =
        "---- MODULE C ----\n(* --algorithm A {\n  operation get() { return 1; }\n} *)\n====\n";
    let doc = parse(src);
    let op = &doc.algorithm.as_ref().unwrap().operations[0];
    assert_eq!(src_of(op.name.span, src), "get");
    assert_eq!(src_of(op.span, src), "operation get() { return 1; }");
}

#[test]
fn operations_in_p_syntax() {
    let doc = parse(
        "---- MODULE P ----\nEXTENDS Integers\nCONSTANT Max\n(* --algorithm Counter\nvariables n = 0;\nprocedure bump()\nbegin\n  B: n := n + 1;\n  return;\nend procedure;\noperation inc()\nbegin\n  if n < Max then n := n + 1; end if;\nend operation;\noperation get()\nbegin\n  return n;\nend operation;\noperation twice()\nbegin\n  call bump();\n  Again: call bump();\n  Done2: return;\nend operation\nend algorithm *)\n====\n",
    );
    let alg = doc.algorithm.as_ref().unwrap();
    assert_eq!(alg.syntax, Syntax::P);
    assert_eq!(alg.operations.len(), 3);
    assert!(matches!(
        alg.operations[2].body[0].kind,
        StmtKind::Call { .. }
    ));
    assert!(matches!(alg.operations[2].body[2].kind, StmtKind::Return));
}

#[test]
fn operation_label_rules() {
    // The first statement needs no label; a while still does; after a return, a label.
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; while (n < 3) { n := n + 1; } }\n}\n");
    assert!(
        e.iter().any(|m| m.contains("a `while` needs a label")),
        "{e:?}"
    );
    let e =
        errors("--algorithm A {\n  variables n = 0;\n  operation f() { return n; n := 1; }\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("after a `return` needs a label")),
        "{e:?}"
    );
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; n := 2; }\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("assigned twice in the same step")),
        "{e:?}"
    );
    parse("--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; L: n := 2; }\n}\n");
}

#[test]
fn operation_names_and_scopes() {
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; }\n  operation f() { n := 2; }\n}\n");
    assert!(
        e.iter().any(|m| m.contains("`f` is defined twice")),
        "{e:?}"
    );
    let e = errors("--algorithm A {\n  variables n = 0;\n  procedure f() { P: return; }\n  operation f() { call f(); }\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("`f` is both an operation and a procedure")),
        "{e:?}"
    );
    let e =
        errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; f: n := 2; }\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("`f` is both an operation and a label")),
        "{e:?}"
    );
    let e =
        errors("--algorithm A {\n  variables n = 0;\n  operation f(k \\in 1..2) { k := 1; }\n}\n");
    assert!(
        e.iter().any(|m| m.contains("cannot assign to `k`")),
        "{e:?}"
    );
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := self; }\n}\n");
    assert!(e.iter().any(|m| m.contains("it has no `self`")), "{e:?}");
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation f() { n := k; }\n  operation g(k \\in 1..2) { n := k; }\n}\n");
    assert_eq!(e.len(), 1, "{e:?}");
    let e = errors("--algorithm A {\n  variables n = 0;\n  operation add(k) { n := k; }\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("expected `\\in`") && m.contains("operation add(k \\in 1..3)")),
        "{e:?}"
    );
    let e = errors(
        "--algorithm A {\n  variables n = 0;\n  operation f() { n := 1; }\n  { n := 2; }\n}\n",
    );
    assert!(
        e.iter().any(|m| m.contains("so it has no main body")),
        "{e:?}"
    );
}

#[test]
fn event_names_are_the_users_without_operations() {
    // Specs without operations may define these names themselves.
    parse("---- MODULE E ----\nVARIABLE event\nResult == 1\nArgs == 2\nReturned(x) == x\n====\n");
    let e = errors("---- MODULE E ----\n(* --algorithm A {\n  variables Result = 0;\n  operation f() { return 1; }\n} *)\n====\n");
    assert!(
        e.iter()
            .any(|m| m.contains("`Result` is already defined (it is built in)")),
        "{e:?}"
    );
}

#[test]
fn an_algorithm_needs_a_body_processes_or_operations() {
    let e = errors("--algorithm A {\n  variables n = 0;\n}\n");
    assert!(
        e.iter()
            .any(|m| m.contains("the algorithm `A` has no body")),
        "{e:?}"
    );
    let e = errors("--algorithm A\n  variables n = 0;\nend algorithm\n");
    assert!(
        e.iter()
            .any(|m| m.contains("the algorithm `A` has no body")),
        "{e:?}"
    );
}

#[test]
fn an_algorithm_may_sit_between_prose_in_its_comment() {
    // As in Lamport's Consensus and DijkstraMutex: the translator reads the algorithm from the
    // first `--algorithm` in a comment; the prose on both sides of it is comment text (here
    // with what would not scan as code: an open bracket, a lone quote, a nested comment).
    let before = "(***************************************************\nHere is the (* nested *) PlusCal version, as \"the\n algorithm\" below.\n\n";
    let after = "\nThe translator writes Spec below (see [1) and the\n(* nested *) comment's } end.\n*****************************************************)";
    let algorithms = [
        "--algorithm Mutex\nvariables x = 0;\nbegin\n  a: x := x + 1;\nend algorithm;",
        "--algorithm Mutex\nvariables x = 0;\nbegin\n  a: x := x + 1;\nend algorithm",
        "--fair algorithm Mutex {\n  variables x = 0;\n  { a: x := x + 1 }\n}",
    ];
    for algorithm in algorithms {
        for (pre, post) in [(before, after), ("(* ", after), (before, " *)")] {
            let src = format!(
                "---- MODULE M ----\nEXTENDS Integers\n{pre}{algorithm}{post}\n\\***** BEGIN TRANSLATION\nVARIABLE x\n\\***** END TRANSLATION\nInv == pc = \"Done\" \\/ x = 0\n====\n"
            );
            let doc = parse(&src);
            let alg = doc.algorithm.as_ref().expect("the algorithm is read");
            assert_eq!(alg.name.name, "Mutex", "{src}");
            assert_eq!(def(&doc, "Inv").name.name, "Inv");
        }
    }
    // `--algorithm` in a comment nested in another is not the algorithm.
    let parsed =
        parse_document("---- MODULE M ----\n(* see (* --algorithm X *) *)\nA == 1\n====\n");
    assert!(parsed.document.is_some_and(|d| d.algorithm.is_none()));
    // Once the algorithm is read, a later comment that mentions one is prose.
    let doc = parse("---- MODULE M ----\n(* --algorithm A { { a: skip } } *)\n(* Prose: --algorithm B { ( *)\nB == 1\n====\n");
    assert_eq!(doc.algorithm.as_ref().unwrap().name.name, "A");
}
