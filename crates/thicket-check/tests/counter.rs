//! The blog's counter (`specs/counter.tla`, PRODUCT.md): the facts the page must show, exactly.

use thicket_check::session::Session;
use thicket_check::{check_source, CheckOptions, Outcome, TreeOptions, Verdict};

fn counter() -> String {
    std::fs::read_to_string(format!(
        "{}/../../specs/counter.tla",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn events(trace: &[thicket_check::TraceStep]) -> Vec<String> {
    trace
        .iter()
        .filter_map(|t| t.step.as_ref())
        .map(|s| s.event.as_ref().map(|e| e.to_string()).unwrap_or_default())
        .collect()
}

#[test]
fn after_a_return_three_ways_on_after_a_call_one() {
    let mut session = Session::open(&counter(), None).unwrap();
    // Depth 11 unfolds every state (the deepest is at depth 9) with its children.
    let tree = session.tree(&TreeOptions {
        depth: 11,
        max_nodes: 1_000_000,
        property: None,
    });
    let mut calls = std::collections::BTreeSet::new();
    let mut returns = std::collections::BTreeSet::new();
    for n in tree.nodes.iter().filter(|n| n.depth < 11 && !n.repeat) {
        let event = n
            .step
            .as_ref()
            .and_then(|s| s.event.as_ref().map(|e| e.to_string()));
        let kids: Vec<String> = n
            .children
            .iter()
            .map(|c| {
                tree.nodes[*c as usize]
                    .step
                    .as_ref()
                    .unwrap()
                    .event
                    .as_ref()
                    .unwrap()
                    .to_string()
            })
            .collect();
        match event {
            // The initial state, or just after a return: call inc, get or reset.
            None => assert_eq!(kids, ["inc()", "get()", "reset()"]),
            Some(e) if e.starts_with("->") || e == "returns" => {
                returns.insert(n.state_id);
                assert_eq!(kids, ["inc()", "get()", "reset()"], "after {e}");
            }
            Some(e) => {
                calls.insert(n.state_id);
                assert_eq!(kids.len(), 1, "after the call {e}, only its return");
                let ret = &kids[0];
                assert!(
                    if e == "get()" {
                        ret.starts_with("-> ")
                    } else {
                        ret == "returns"
                    },
                    "{e} then {ret}"
                );
            }
        }
    }
    // Every state was seen: 12 in a call (n = 0..3, three operations), 8 just after a return
    // (after inc: n = 1..3, after get: n = 0..3, after reset: n = 0), and the initial one.
    assert_eq!((calls.len(), returns.len()), (12, 8));
}

#[test]
fn no_negative_gets_holds_and_all_positive_gets_fails_with_get_then_zero() {
    let r = check_source(&counter(), None, &CheckOptions::default(), &mut |_| true);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.property.as_deref(), Some("AllPositiveGets"));
    assert_eq!(events(&r.trace), ["get()", "-> 0"]);

    let all = CheckOptions {
        continue_after_violation: true,
        ..Default::default()
    };
    let r = check_source(&counter(), None, &all, &mut |_| true);
    let verdict = |name: &str| {
        r.properties
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .verdict
    };
    assert_eq!(verdict("NoNegativeGets"), Verdict::Holds);
    assert_eq!(verdict("AllPositiveGets"), Verdict::Violated);
}

#[test]
fn the_tree_highlights_get_then_zero() {
    let mut session = Session::open(&counter(), None).unwrap();
    let tree = session.tree(&TreeOptions {
        depth: 4,
        max_nodes: 1000,
        property: Some("AllPositiveGets".into()),
    });
    let cx: Vec<_> = tree.nodes.iter().filter(|n| n.on_counterexample).collect();
    assert_eq!(cx.len(), 3);
    assert_eq!(
        cx[1]
            .step
            .as_ref()
            .unwrap()
            .event
            .as_ref()
            .map(|e| e.to_string())
            .as_deref(),
        Some("get()")
    );
    assert_eq!(
        cx[2]
            .step
            .as_ref()
            .unwrap()
            .event
            .as_ref()
            .map(|e| e.to_string())
            .as_deref(),
        Some("-> 0")
    );
    assert!(cx[2].leaves_here);
}

/// The four regions of the Spec/Property diagram, each reached by a typed behavior.
#[test]
fn typed_behaviors_land_in_the_four_regions() {
    let mut session = Session::open(&counter(), None).unwrap();
    let region = |s: &mut Session, p: &str, b: &str| {
        let r = s.member(Some(p), b);
        assert!(r.error.is_none(), "{b}: {:?}", r.error);
        (r.in_spec, r.in_property)
    };
    assert_eq!(
        region(&mut session, "AllPositiveGets", "c.inc(); c.get() -> 1"),
        (true, Some(true))
    );
    assert_eq!(
        region(
            &mut session,
            "AllPositiveGets",
            "c = Counter()\nc.get() -> 0"
        ),
        (true, Some(false))
    );
    assert_eq!(
        region(&mut session, "NoNegativeGets", "c.inc(); c.get() -> 4"),
        (false, Some(true))
    );
    assert_eq!(
        region(&mut session, "NoNegativeGets", "get() -> -1"),
        (false, Some(false))
    );
}

#[test]
fn a_departing_behavior_says_where_and_why() {
    let mut session = Session::open(&counter(), None).unwrap();
    let r = session.member(None, ">>> c.inc(); c.get() -> 4");
    assert!(!r.in_spec);
    assert_eq!(r.departs_at, Some(3));
    assert_eq!(
        r.why.as_deref(),
        Some("after `get()` the Spec's return is -> 1, not -> 4")
    );
    let r = session.member(None, "inc(); frobnicate()");
    assert_eq!(r.departs_at, Some(2));
    assert!(r.why.unwrap().contains(
        "no step `frobnicate()` is possible here; the Spec can do: inc(), get(), reset()"
    ));
}
