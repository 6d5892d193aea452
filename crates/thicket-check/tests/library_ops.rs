//! The operators evaluated natively where their TLA+ definitions cannot be (UndirectedGraphs'
//! and Graphs' connectivity, which quantify over `Seq(S)`), and Randomization's and TLC's
//! random choices: each expression and its value. The graph values are those of the modules'
//! definitions on these finite graphs (TLC evaluates them in Java with the same results); the
//! random choices are checked for what TLC guarantees of them (sizes, membership). Sets are
//! printed in Thicket's order of values (TLC puts shorter sequences first).

use thicket_check::{check_source, CheckOptions, Outcome};

/// The value of `expr`, as Thicket prints it: the one state of a spec whose invariant fails.
fn value(expr: &str) -> String {
    let src = format!(
        "---- MODULE Values ----\nEXTENDS Integers, Sequences, FiniteSets, TLC, Randomization\n\
         LOCAL U == INSTANCE UndirectedGraphs\nLOCAL D == INSTANCE Graphs\n\
         LOCAL SVG == INSTANCE SVG\nLOCAL SE == INSTANCE SequencesExt\n\
         LOCAL VC == INSTANCE VectorClocks\n\
         VARIABLE x\nInit == x = ({expr})\nNext == UNCHANGED x\nNever == FALSE\n\
         (* --model\nINIT Init\nNEXT Next\nINVARIANT Never\n*)\n===="
    );
    let r = check_source(src.as_str(), None, &CheckOptions::default(), &mut |_| true);
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
        .expect("x")
        .value
        .clone()
}

const UG: &str = "[node |-> {1, 2, 3, 4, 5}, edge |-> {{1, 2}, {2, 3}, {4}}]";
const DG: &str = "[node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 3>>}]";

#[test]
fn undirected_graphs_connectivity() {
    let cases = [
        (
            format!("U!ConnectedComponents({UG})"),
            "{{1, 2, 3}, {4}, {5}}",
        ),
        (format!("U!IsStronglyConnected({UG})"), "FALSE"),
        (
            "U!IsStronglyConnected([node |-> {1, 2}, edge |-> {{1, 2}}])".into(),
            "TRUE",
        ),
        (format!("U!AreConnectedIn(3, 1, {UG})"), "TRUE"),
        (format!("U!AreConnectedIn(1, 4, {UG})"), "FALSE"),
        (format!("U!AreConnectedIn(4, 4, {UG})"), "TRUE"),
        (format!("U!AreConnectedIn(9, 9, {UG})"), "FALSE"),
        (
            "U!SimplePath([node |-> {1, 2}, edge |-> {{1, 2}}])".into(),
            "{<<1>>, <<1, 2>>, <<2>>, <<2, 1>>}",
        ),
        (
            "U!ConnectedComponents([node |-> {}, edge |-> {}])".into(),
            "{}",
        ),
    ];
    for (expr, want) in cases {
        assert_eq!(value(&expr), want, "{expr}");
    }
}

#[test]
fn directed_graphs_connectivity() {
    let cases = [
        (format!("D!AreConnectedIn(1, 3, {DG})"), "TRUE"),
        (format!("D!AreConnectedIn(3, 1, {DG})"), "FALSE"),
        (format!("D!IsStronglyConnected({DG})"), "FALSE"),
        (
            format!("D!SimplePath({DG})"),
            "{<<1>>, <<1, 2>>, <<1, 2, 3>>, <<2>>, <<2, 3>>, <<3>>}",
        ),
    ];
    for (expr, want) in cases {
        assert_eq!(value(&expr), want, "{expr}");
    }
}

#[test]
fn random_choices_are_what_tlc_guarantees_and_the_same_each_time() {
    let cases = [
        ("RandomElement({7})", "7"),
        (r"RandomElement(1..9) \in 1..9", "TRUE"),
        ("RandomElement(1..9) = RandomElement(1..9)", "TRUE"),
        ("Cardinality(RandomSubset(3, 1..9))", "3"),
        (r"RandomSubset(3, 1..9) \subseteq 1..9", "TRUE"),
        ("RandomSubset(0, 1..9)", "{}"),
        (r"Cardinality(RandomSetOfSubsets(4, 2, 1..5)) <= 4", "TRUE"),
        (
            r"RandomSetOfSubsets(4, 2, 1..5) \subseteq SUBSET (1..5)",
            "TRUE",
        ),
        (r#"RandomSubsetSet(3, "1.0", 1..2)"#, "{{1, 2}}"),
        (r#"RandomSubsetSet(3, "0.0", 1..2)"#, "{{}}"),
        ("Len(TestRandomSetOfSubsets(4, 2, 1..5))", "5"),
    ];
    for (expr, want) in cases {
        assert_eq!(value(expr), want, "{expr}");
    }
}

/// SVG's `SVGElemToString`, which TLC evaluates in Java: the cases and expected texts are the
/// Community Modules' own tests of it (SVGTests.tla).
#[test]
fn svg_element_to_string() {
    let e = |name: &str, attrs: &str, children: &str, text: &str| {
        format!("[name |-> \"{name}\", attrs |-> {attrs}, children |-> {children}, innerText |-> \"{text}\"]")
    };
    let child = e("child", "[c |-> \"10\"]", "<<>>", "");
    let cases = [
        (
            e("test", "[a |-> \"10\"]", "<<>>", ""),
            "<test a='10'></test>",
        ),
        (e("test", "<<>>", "<<>>", ""), "<test></test>"),
        (
            e("test", "(\"a\" :> \"10\" @@ \"b\" :> \"20\")", "<<>>", ""),
            "<test a='10' b='20'></test>",
        ),
        (
            e("test", "[a |-> \"10\"]", &format!("<<{child}>>"), ""),
            "<test a='10'><child c='10'></child></test>",
        ),
        (
            e("test", "[a |-> \"10\"]", &format!("(1 :> {child})"), ""),
            "<test a='10'><child c='10'></child></test>",
        ),
        (
            e("test", "[a |-> \"10\"]", "<<>>", "hello"),
            "<test a='10'>hello</test>",
        ),
        (
            e("test", "[a |-> \"10\"]", &format!("<<{child}>>"), "hello"),
            "<test a='10'>hello<child c='10'></child></test>",
        ),
    ];
    for (elem, text) in cases {
        let expr = format!("SVG!SVGElemToString({elem})");
        assert_eq!(value(&expr), format!("\"{text}\""), "{expr}");
    }
}

/// SequencesExt's `SetToSeq`, which TLC evaluates in Java (its definition chooses among
/// `[1..n -> S]`, too many functions to build for a set of 30): the elements in order.
#[test]
fn set_to_seq() {
    assert_eq!(value("SE!SetToSeq({3, 1, 2})"), "<<1, 2, 3>>");
    assert_eq!(value("SE!SetToSeq({})"), "<<>>");
    assert_eq!(value("Len(SE!SetToSeq(1..30))"), "30");
    assert_eq!(value("SE!SetToSeq({\"b\", \"a\"})"), "<<\"a\", \"b\">>");
}

/// VectorClocks' `CausalOrder`, which TLC evaluates in Java (its definition chooses among the
/// log's permutations): each node's lines by its own time, a line after the lines its clock has
/// seen. Node b's second line has seen a's first, so it comes after it; the result is a
/// causal order by the module's own `IsCausalOrder`.
#[test]
fn causal_order() {
    let log = "<<[n |-> \"b\", vc |-> [a |-> 1, b |-> 2]], [n |-> \"a\", vc |-> [a |-> 1]], \
               [n |-> \"b\", vc |-> [b |-> 1]]>>";
    let order =
        format!("VC!CausalOrder({log}, LAMBDA l : l.vc, LAMBDA l : l.n, LAMBDA c : DOMAIN c)");
    assert_eq!(
        value(&order),
        "<<[n |-> \"a\", vc |-> [a |-> 1]], [n |-> \"b\", vc |-> [b |-> 1]], [n |-> \"b\", vc |-> [a |-> 1, b |-> 2]]>>"
    );
    assert_eq!(
        value(&format!("VC!IsCausalOrder({order}, LAMBDA l : l.vc)")),
        "TRUE"
    );
    assert_eq!(
        value(&format!("VC!IsCausalOrder({log}, LAMBDA l : l.vc)")),
        "FALSE"
    );
}
