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
