//! How a step reads: its name (process, action and arguments) and what it changed, as every
//! view shows them — on a TLA+ spec with a parameterized action and on a PlusCal process set.

use thicket_check::{tree_source, ChangeKind, TreeOptions, TreeReport};

const TCOMMIT: &str = r#"---- MODULE tc ----
CONSTANT RM
VARIABLES rmState, msgs
Init == rmState = [r \in RM |-> "working"] /\ msgs = {}
Prepare(rm) == /\ rmState[rm] = "working"
               /\ rmState' = [rmState EXCEPT ![rm] = "prepared"]
               /\ msgs' = msgs \cup {rm}
Next == \E rm \in RM : Prepare(rm)
===="#;

const CFG: &str = "CONSTANT RM = {r1, r2}\nINIT Init\nNEXT Next\n";

fn children_of_root(tree: &TreeReport) -> Vec<(String, Vec<String>)> {
    tree.nodes
        .iter()
        .filter(|n| n.depth == 2)
        .map(|n| {
            let changes = n
                .changes
                .iter()
                .map(|c| format!("{}{:?} {:?} {}", c.var, c.path, c.kind, c.values[0].value))
                .collect();
            (n.step.as_ref().unwrap().name(), changes)
        })
        .collect()
}

#[test]
fn a_tla_action_is_named_with_its_arguments_and_its_changes_go_down_to_the_entry() {
    let opts = TreeOptions {
        depth: 2,
        ..Default::default()
    };
    let tree = tree_source(TCOMMIT, Some(CFG), &opts);
    assert!(tree.diagnostics.is_empty(), "{:?}", tree.diagnostics);
    assert_eq!(
        children_of_root(&tree),
        [
            (
                "Prepare(r1)".to_string(),
                vec![
                    "rmState[\"r1\"] Becomes \"prepared\"".to_string(),
                    "msgs[] Gains r1".to_string()
                ]
            ),
            (
                "Prepare(r2)".to_string(),
                vec![
                    "rmState[\"r2\"] Becomes \"prepared\"".to_string(),
                    "msgs[] Gains r2".to_string()
                ]
            ),
        ]
    );
    assert!(tree.nodes[0].changes.is_empty(), "a root changes nothing");
}

#[test]
fn a_process_step_is_named_after_its_process_and_a_trace_carries_the_changes() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/wire.tla"))
        .unwrap();
    let report = thicket_check::check_source(&src, None, &Default::default(), &mut |_| true);
    let last = report.trace.last().expect("NoOverdraft is violated");
    assert_eq!(last.step.as_ref().unwrap().name(), "2: Withdraw");
    let acct = last
        .changes
        .iter()
        .find(|c| c.var == "acct")
        .expect("acct changes");
    assert_eq!(
        (acct.path.as_slice(), acct.kind),
        (&["alice".to_string()][..], ChangeKind::Becomes)
    );
    assert_eq!(acct.values[0].value, "-1");
    assert!(report.trace[0].changes.is_empty());
}
