//! Operators as values: operators passed as arguments (a name, a built-in symbol like `+`, a
//! LAMBDA) to operators with operator parameters (`Op(F(_, _), a, b)`), recursive LET
//! definitions, what TLC does with strings as sequences, and temporal quantification (which
//! TLC refuses too). Every expected value is what TLC printed for the same expression
//! (`PrintT`, TLC 2.15), noted next to each case.

use thicket_check::{check_source, CheckOptions, CheckReport, Outcome};

/// The value of `expr` (after the module's `defs`), as Thicket prints it: the one state of a
/// spec whose invariant fails at once shows it.
fn value(defs: &str, expr: &str) -> String {
    let src = format!(
        "---- MODULE Values ----\nEXTENDS Integers, Sequences, TLC\n{defs}\nVARIABLE x\n\
         Init == x = ({expr})\nNext == UNCHANGED x\nNever == FALSE\n\
         (* --model\nINIT Init\nNEXT Next\nINVARIANT Never\n*)\n===="
    );
    let r = run(&src);
    assert!(r.diagnostics.is_empty(), "{expr}: {:?}", r.diagnostics);
    assert_eq!(
        r.result,
        Outcome::InvariantViolated,
        "{expr}: {:?}",
        r.message
    );
    let state = &r.trace.first().expect("a one-state trace").state;
    state
        .iter()
        .find(|v| v.name == "x")
        .expect("x in the state")
        .value
        .clone()
}

fn run(src: &str) -> CheckReport {
    check_source(src, None, &CheckOptions::default(), &mut |_| true)
}

const HIGHER: &str = r#"
Op(F(_, _), a, b) == F(a, b)
Un(G(_), a) == G(a)
Twice(F(_, _), a) == F(F(a, a), a)
Last(a, F(_, _)) == F(a, a)
Pass(F(_, _), a, b) == Op(F, a, b)
Plus(a, b) == a + b
a (+) b == a * 10 + b
"#;

#[test]
fn built_in_operators_passed_as_arguments() {
    // TLC: <<3, 2, 20, {1, 2}, <<1, 2>>>>
    let cases = [
        ("Op(+, 1, 2)", "3"),
        ("Op(-, 5, 3)", "2"),
        ("Op( *, 4, 5)", "20"),
        (r"Op(\cup, {1}, {2})", "{1, 2}"),
        (r"Op(\o, <<1>>, <<2>>)", "<<1, 2>>"),
        // TLC: <<-3, FALSE, 1, 8, 3>>
        ("Un(-., 3)", "-3"),
        ("Un(~, TRUE)", "FALSE"),
        ("Op(%, 7, 3)", "1"),
        ("Op(^, 2, 3)", "8"),
        (r"Op(\div, 7, 2)", "3"),
        // TLC: <<TRUE, TRUE, FALSE, TRUE, FALSE, TRUE, TRUE>>
        ("Op(<, 1, 2)", "TRUE"),
        ("Op(=, 1, 1)", "TRUE"),
        ("Op(#, 1, 1)", "FALSE"),
        (r"Op(\in, 1, {1})", "TRUE"),
        (r"Op(/\, TRUE, FALSE)", "FALSE"),
        (r"Op(\/, TRUE, FALSE)", "TRUE"),
        ("Op(=>, FALSE, FALSE)", "TRUE"),
        // TLC: <<{2}, TRUE, TRUE, {1}>>
        (r"Op(\, {1, 2}, {1})", "{2}"),
        (r"Op(\subseteq, {1}, {1, 2})", "TRUE"),
        ("Op(<=>, TRUE, TRUE)", "TRUE"),
        (r"Op(\cap, {1}, {1})", "{1}"),
        // TLC: <<9, 0, 9>>
        ("Last(3, *)", "9"),
        ("Last(3, -)", "0"),
        ("Last(3,*)", "9"),
    ];
    for (expr, tlc) in cases {
        assert_eq!(value(HIGHER, expr), tlc, "{expr}");
    }
}

#[test]
fn names_lambdas_and_operator_parameters_passed_as_arguments() {
    // TLC: <<3, 12, 9, 12, 34>>
    let cases = [
        ("Op(Plus, 1, 2)", "3"),
        ("Op(LAMBDA x, y : x * y, 3, 4)", "12"),
        ("Twice(+, 3)", "9"),
        ("Op((+), 1, 2)", "12"),
        (r"Op(\oplus, 3, 4)", "34"),
        // TLC: <<6, {7, 8}, 25, 2>>. An operator parameter passed on; a LAMBDA reading a
        // bound variable around it; a LET operator; a standard module's operator.
        ("Pass(-, 10, 4)", "6"),
        (
            r"{Op(LAMBDA a, b : a * b + k, 2, 3) : k \in 1..2}",
            "{7, 8}",
        ),
        ("LET Sq(n) == n * n IN Un(Sq, 5)", "25"),
        ("Un(Len, <<1, 2>>)", "2"),
    ];
    for (expr, tlc) in cases {
        assert_eq!(value(HIGHER, expr), tlc, "{expr}");
    }
}

/// The diagnostics of a module holding `defs`, as `line:col message`.
fn errors(defs: &str) -> Vec<String> {
    let src = format!("---- MODULE Errors ----\nEXTENDS Integers, Sequences\n{defs}\n====");
    run(&src)
        .diagnostics
        .iter()
        .map(|d| {
            let line = src[..d.span.start as usize].matches('\n').count() + 1;
            format!("{line}: {}", d.message)
        })
        .collect()
}

#[test]
fn an_operator_of_the_wrong_arity_is_a_located_error() {
    // SANY refuses each: "Argument number 1 to operator 'Un' should be a 1-parameter operator".
    let defs = |use_: &str| {
        format!("Un(G(_), a) == G(a)\nOp(F(_, _), a, b) == F(a, b)\nUse == {use_}\nVARIABLE x\nInit == x = Use\nNext == UNCHANGED x")
    };
    let recursive = errors(
        "RECURSIVE R(_, _)\nR(F(_), n) == IF n = 0 THEN 0 ELSE F(R(F, n - 1))\n\
         Use == R(LAMBDA k : k + 1, 3)\nVARIABLE x\nInit == x = Use\nNext == UNCHANGED x",
    );
    assert_eq!(
        recursive,
        ["5: the recursive operator `R` has an operator parameter (`F`): this is not supported yet"]
    );
    for (use_, message) in [
        ("Un(+, 1)", "`G` must be an operator of 1 argument, and this one takes 2"),
        ("Op(LAMBDA x : x, 1, 2)", "`F` must be an operator of 2 arguments, and this one takes 1"),
        ("Un(Op, 1)", "`G` must be an operator of 1 argument, and this one takes 3"),
        ("Op(Len, 1, 2)", "`Len` takes 1 argument, not 2"),
        // (`Len(+)` is `Len (+) ...`: `(+)` is one token, as in SANY.)
        ("Len(\\cup)", "`\\cup` is an operator, not a value: it can only be passed for an operator parameter (like `F(_, _)`)"),
        ("Op(1, 1, 2)", "`F` must be an operator: pass its name, its symbol (`+`) or a LAMBDA"),
    ] {
        let errs = errors(&defs(use_));
        assert!(errs.iter().any(|e| e == &format!("5: {message}")), "{use_}: {errs:?}");
    }
}

const TRANSITIVE: &str = r#"
Op(F(_, _), a, b) == F(a, b)
Un(G(_), a) == G(a)
TC(R) ==
  LET S == {r[1] : r \in R} \cup {r[2] : r \in R}
      RECURSIVE TCR(_)
      TCR(T) == IF T = {}
                  THEN R
                  ELSE LET r == CHOOSE s \in T : TRUE
                           RR == TCR(T \ {r})
                       IN  RR \cup {<<s, t>> \in S \X S :
                                      <<s, r>> \in RR /\ <<r, t>> \in RR}
  IN  TCR(S)
"#;

#[test]
fn recursive_operators_defined_in_a_let() {
    // TLC: << 120, {<<1, 2>>, <<1, 3>>, <<1, 4>>, <<2, 3>>, <<2, 4>>, <<3, 4>>}, {13, 23}, 10,
    // 7, 6 >>: a LET's RECURSIVE operator reads the parameters, definitions and bound
    // variables around it, may be passed as an argument, and nests.
    let cases = [
        (
            "LET RECURSIVE F(_) F(n) == IF n = 0 THEN 1 ELSE n * F(n - 1) IN F(5)",
            "120",
        ),
        (
            "TC({<<1, 2>>, <<2, 3>>, <<3, 4>>})",
            "{<<1, 2>>, <<1, 3>>, <<1, 4>>, <<2, 3>>, <<2, 4>>, <<3, 4>>}",
        ),
        (
            r"{LET RECURSIVE G(_) G(n) == IF n = 0 THEN k ELSE G(n - 1) + 1 IN G(3) : k \in {10, 20}}",
            "{13, 23}",
        ),
        (
            "LET RECURSIVE F(_) F(n) == IF n = 0 THEN 0 ELSE n + F(n - 1) IN Un(F, 4)",
            "10",
        ),
        (
            "Op(LAMBDA a, b : LET RECURSIVE P(_) P(n) == IF n = 0 THEN a ELSE P(n - 1) + b IN P(3), 1, 2)",
            "7",
        ),
        (
            "LET RECURSIVE A(_) A(n) == IF n = 0 THEN 0 ELSE LET RECURSIVE B(_) B(m) == \
             IF m = 0 THEN 0 ELSE 1 + B(m - 1) IN B(n) + A(n - 1) IN A(3)",
            "6",
        ),
    ];
    for (expr, tlc) in cases {
        assert_eq!(value(TRANSITIVE, expr), tlc, "{expr}");
    }
}

const TEMPORAL: &str = r#"---- MODULE Hiding ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x
Hidden == \EE t : [](x \in 0..2)
All == \AA t : [](x \in 0..2)
Small == \EE t : x < 3
(* --model
MODEL
*)
===="#;

#[test]
fn temporal_quantification_is_a_located_error_never_a_verdict() {
    // TLC: "TLC cannot handle the temporal formula line 7, col 11 to line 7, col 32".
    for (model, at, message) in [
        (
            "SPECIFICATION Spec\nPROPERTY Hidden",
            "Hidden ==",
            "Thicket cannot check the property `Hidden`: `\\EE` (temporal quantification) is not supported",
        ),
        (
            "SPECIFICATION Spec\nPROPERTY All",
            "All ==",
            "Thicket cannot check the property `All`: `\\AA` (temporal quantification) is not supported",
        ),
        (
            "SPECIFICATION Spec\nINVARIANT Small",
            "\\EE t : x < 3",
            "`\\EE` (temporal quantification) is not supported",
        ),
    ] {
        let src = TEMPORAL.replace("MODEL", model);
        let r = run(&src);
        let found: Vec<(u32, &str)> = r
            .diagnostics
            .iter()
            .map(|d| (d.span.start, d.message.as_str()))
            .collect();
        let start = src.find(at).expect("in the text") as u32;
        assert_eq!(found, [(start, message)], "{model}");
        assert!(r.properties.iter().all(|p| p.verdict != thicket_check::Verdict::Holds));
    }
    // As a specification's conjunct.
    let src = TEMPORAL
        .replace("MODEL", "SPECIFICATION Spec2\nINVARIANT Small")
        .replace(
            "Hidden ==",
            "Spec2 == Init /\\ [][Next]_x /\\ \\EE t : [](t = x)\nHidden ==",
        );
    let r = run(&src);
    let start = src.find("\\EE t : [](t = x)").expect("in the text") as u32;
    assert!(
        r.diagnostics.iter().any(|d| d.span.start == start
            && d.message
                .contains("`\\EE` (temporal quantification) is not supported")),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn strings_are_sequences_where_tlc_reads_them_so() {
    // Each value is what TLC printed for the expression.
    let cases = [
        (r#""ab" \o "c""#, r#""abc""#),
        (r#""ab" \o ("c" \o "d")"#, r#""abcd""#),
        (r#""ab" \o "" = "ab""#, "TRUE"),
        (r#"Len("abc")"#, "3"),
        (r#"Len("")"#, "0"),
        (r#"Head("abc")"#, r#""a""#),
        (r#"Tail("abc")"#, r#""bc""#),
        (r#"Tail("a")"#, r#""""#),
        (r#"Head(Tail("abc"))"#, r#""b""#),
        (r#"Append("ab", "c")"#, r#""abc""#),
        (r#"Append("ab", "cd")"#, r#""abcd""#),
        (r#"Append("", "x")"#, r#""x""#),
        (r#"Append(<<1>>, "ab")"#, r#"<<1, "ab">>"#),
        (r#"SubSeq("abcd", 2, 3)"#, r#""bc""#),
        (r#"SubSeq("abcd", 3, 2)"#, r#""""#),
        (r#"<<>> \o "ab""#, r#"<<"a", "b">>"#),
        (r#"<<1>> \o "ab""#, r#"<<1, "a", "b">>"#),
        (r#""abc" \in Seq(STRING)"#, "TRUE"),
        (r#""abc" \in Seq({"a", "b", "c"})"#, "TRUE"),
        (r#""abc" \in Seq({"a", "b"})"#, "FALSE"),
        (r#""" \in Seq({})"#, "TRUE"),
        (r#"SelectSeq("abc", LAMBDA c : c # "b")"#, r#"<<"a", "c">>"#),
        (r#"SelectSeq("", LAMBDA c : TRUE)"#, "<<>>"),
    ];
    for (expr, tlc) in cases {
        assert_eq!(value("", expr), tlc, "{expr}");
    }
}

#[test]
fn strings_are_not_sequences_where_tlc_refuses_them() {
    // TLC stops with an error on each: "Evaluating an expression of the form t \o s when s is
    // not a string", "Attempted to apply Head to the empty sequence", "The second argument of
    // SubSeq must be in the domain of its first argument", "A non-function (a string) was
    // applied as a function", "Attempted to apply the operator DOMAIN to a non-function",
    // "Attempted to check equality of string "" with non-string".
    for (expr, message) in [
        (
            r#"Append("ab", 1)"#,
            "Append to a string needs a string, but the value is 1",
        ),
        (
            r#""ab" \o <<1>>"#,
            r"\o after a string needs a string, but the value is <<1>>",
        ),
        (r#"Head("")"#, r#"Head of the empty string """#),
        (r#"Tail("")"#, r#"Tail of the empty string """#),
        (
            r#"SubSeq("abc", 0, 1)"#,
            "SubSeq(0, 1) is out of range for a string of length 3",
        ),
        (
            r#""abc"[1]"#,
            r#""abc" is not a function, so it cannot be applied to 1"#,
        ),
        (
            r#"DOMAIN "abc""#,
            r#"DOMAIN needs a function, and "abc" is not one"#,
        ),
        (
            r#""" = <<>>"#,
            r#"cannot compare a string ("") with a function (<<>>)"#,
        ),
    ] {
        let src = format!(
            "---- MODULE Refused ----\nEXTENDS Sequences\nVARIABLE x\nInit == x = ({expr})\n\
             Next == UNCHANGED x\n===="
        );
        let r = run(&src);
        assert_eq!(r.result, Outcome::Error, "{expr}: {:?}", r.message);
        let got = r.message.unwrap_or_default();
        assert!(got.contains(message), "{expr}: {got}");
    }
}

/// `TLCGet("-Dname")` reads a Java system property of TLC. Thicket always composes actions
/// with `\cdot`, so the property that turns that on in TLC reads as TLC gives it when set
/// (`-Dtlc2.tool.impl.Tool.cdot=true`); any other is undefined, as TLC (2.15) says of a
/// property that is not set: "TLCGet(-Dfoo.bar) was undefined."
#[test]
fn java_system_properties() {
    assert_eq!(
        value("", r#"TLCGet("-Dtlc2.tool.impl.Tool.cdot")"#),
        "\"true\""
    );
    let r = run("---- MODULE P ----\nEXTENDS TLC\nASSUME TLCGet(\"-Dfoo.bar\") = \"x\"\n====");
    assert_eq!(r.result, Outcome::Error);
    let message = r.message.unwrap_or_default();
    assert!(message.contains("is undefined"), "{message}");
}

/// An operator with an operator parameter used inside one of its own arguments is no
/// recursion: each use has another argument. TLC (2.15): 320 and 341.
#[test]
fn higher_order_operator_inside_its_own_argument() {
    let defs = "Twice(F(_), y) == F(F(y))";
    assert_eq!(
        value(defs, "Twice(LAMBDA y : Twice(LAMBDA z : z + 1, y) * 10, 1)"),
        "320"
    );
    assert_eq!(
        value(
            defs,
            "Twice(LAMBDA y : Twice(LAMBDA z : Twice(LAMBDA w : w * 2, z) + 1, y), 1)"
        ),
        "341"
    );
}
