//! Behavior sets: the counts that come from dynamic programming over the state graph must equal
//! brute-force enumeration of behaviors with the step interpreter (no graph involved).

use thicket_check::eval::value::Value;
use thicket_check::model::spec::load;
use thicket_check::session::Session;

fn spec_text(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../specs/{name}.tla",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// (all behaviors, behaviors whose every state satisfies `property`) with exactly 1..=k states.
fn brute_force(src: &str, property: &str, k: usize) -> (Vec<u64>, Vec<u64>) {
    let spec = load(src, None).unwrap();
    let prog = &spec.prog;
    let mut walk = Walk {
        prog,
        inv: spec.invariants.iter().find(|i| i.name == property).unwrap(),
        k,
        frame: prog.new_frame(),
        all: vec![0u64; k],
        inside: vec![0u64; k],
    };
    let mut inits = Vec::new();
    prog.initial_states(&mut |s| {
        inits.push(s);
        true
    })
    .unwrap();
    for s in inits {
        walk.go(s, 1, true);
    }
    (walk.all, walk.inside)
}

/// Every behavior from a state, one step at a time, counted by length.
struct Walk<'a> {
    prog: &'a thicket_check::model::program::Program,
    inv: &'a thicket_check::model::spec::Invariant,
    k: usize,
    frame: Vec<Value>,
    all: Vec<u64>,
    inside: Vec<u64>,
}

impl Walk<'_> {
    /// Count the behaviors that begin with a behavior of `len` states ending in `st` (`ok`: it
    /// satisfied the property so far).
    fn go(&mut self, st: Vec<Value>, len: usize, ok: bool) {
        let ok = ok
            && self
                .prog
                .env(&st, None)
                .bool(&self.inv.expr, &mut self.frame)
                .unwrap();
        self.all[len - 1] += 1;
        if ok {
            self.inside[len - 1] += 1;
        }
        if len == self.k {
            return;
        }
        let mut next = Vec::new();
        self.prog
            .successors(&st, &mut self.frame, false, &mut |s| {
                next.push(s.state.to_vec())
            })
            .unwrap();
        for n in next {
            self.go(n, len + 1, ok);
        }
    }
}

fn check_counts(spec: &str, property: &str, k: u32) {
    let src = spec_text(spec);
    let (all, inside) = brute_force(&src, property, k as usize);
    let mut session = Session::open(&src, None).unwrap();
    let r = session.count(property, k, 3);
    let texts = |v: &[u64]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        r.spec_by_length
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>(),
        texts(&all),
        "{spec}: Spec"
    );
    assert_eq!(
        r.inside_by_length
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>(),
        texts(&inside),
        "{spec}: Spec ∩ {property}"
    );
    let outside: Vec<u64> = all.iter().zip(&inside).map(|(a, i)| a - i).collect();
    assert_eq!(
        r.outside_by_length
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>(),
        texts(&outside),
        "{spec}: Spec \\ {property}"
    );
    assert_eq!(r.spec_total.text, all.iter().sum::<u64>().to_string());
}

#[test]
fn counts_equal_brute_force_on_the_counter() {
    check_counts("counter", "AllPositiveGets", 9);
    check_counts("counter", "NoNegativeGets", 9);
    check_counts("counter_labels", "AllPositiveGets", 9);
}

#[test]
fn counts_equal_brute_force_on_die_hard() {
    check_counts("die_hard", "NotSolved", 7);
}

#[test]
fn counts_equal_brute_force_on_peterson() {
    check_counts("peterson", "MutualExclusion", 8);
}

#[test]
fn examples_lie_in_their_regions() {
    let src = spec_text("counter_labels");
    let mut session = Session::open(&src, None).unwrap();
    let r = session.count("AllPositiveGets", 6, 3);
    assert!(!r.outside_examples.is_empty());
    // Each outside example ends at the step where `ret` becomes 0 (it leaves the property there).
    for b in &r.outside_examples {
        let last = b.last().unwrap();
        assert!(
            last.state.iter().any(|v| v.name == "ret" && v.value == "0"),
            "{b:?}"
        );
        assert!(b[..b.len() - 1]
            .iter()
            .all(|s| s.state.iter().any(|v| v.name == "ret" && v.value == "-1")));
    }
    for b in &r.inside_examples {
        assert!(
            b.iter()
                .all(|s| s.state.iter().any(|v| v.name == "ret" && v.value != "0")),
            "{b:?}"
        );
    }
}

#[test]
fn tree_subtree_counts_equal_brute_force() {
    let src = spec_text("die_hard");
    let (all, _) = brute_force(&src, "NotSolved", 5);
    let mut session = Session::open(&src, None).unwrap();
    let tree = session.tree(&thicket_check::TreeOptions {
        depth: 5,
        max_nodes: 100_000,
        property: Some("NotSolved".into()),
    });
    let root = &tree.nodes[tree.roots[0] as usize];
    assert_eq!(
        root.behaviors_below.text,
        all.iter().sum::<u64>().to_string()
    );
    // Every node's children are its state's successors: the stepper sees the same.
    let kids = session.children(&root.path).unwrap();
    assert_eq!(kids.len(), root.children.len());
    // ... at the same depth, with the same states, steps and repeats as the tree's nodes.
    for (kid, &id) in kids.iter().zip(&root.children) {
        let node = &tree.nodes[id as usize];
        assert_eq!(
            (kid.depth, kid.state_id, kid.repeat, &kid.path),
            (node.depth, node.state_id, node.repeat, &node.path),
            "{kid:?} vs {node:?}"
        );
        assert_eq!(
            kid.step.as_ref().map(|s| &s.label),
            node.step.as_ref().map(|s| &s.label)
        );
    }
    // A grandchild: one level further down.
    let first = &tree.nodes[root.children[0] as usize];
    let grandkids = session.children(&first.path).unwrap();
    assert_eq!(grandkids.len(), first.children.len());
    for (kid, &id) in grandkids.iter().zip(&first.children) {
        let node = &tree.nodes[id as usize];
        assert_eq!(
            (kid.depth, kid.state_id, kid.repeat),
            (node.depth, node.state_id, node.repeat)
        );
    }
}

#[test]
fn the_highlighted_counterexample_is_the_shortest_one() {
    let src = spec_text("counter_labels");
    let mut session = Session::open(&src, None).unwrap();
    let tree = session.tree(&thicket_check::TreeOptions {
        depth: 4,
        max_nodes: 1000,
        property: None,
    });
    assert_eq!(tree.property.as_deref(), Some("AllPositiveGets"));
    let path: Vec<_> = tree.nodes.iter().filter(|n| n.on_counterexample).collect();
    assert_eq!(path.len(), 3, "init, the step to Get, Get");
    assert!(path[2].leaves_here && path[2].outside_property);
    assert!(!path[1].outside_property);
    let behavior = session.behavior_at(&path[2].path).unwrap();
    assert_eq!(behavior.len(), 3);
    assert_eq!(behavior[2].step.as_ref().unwrap().label, "Get");
}

#[test]
fn the_tree_highlights_a_liveness_lasso() {
    let src = spec_text("strong_fairness");
    let mut session = Session::open(&src, None).unwrap();
    let tree = session.tree(&thicket_check::TreeOptions {
        depth: 4,
        max_nodes: 1000,
        property: None,
    });
    assert_eq!(tree.property.as_deref(), Some("Finishes"));
    // The loop: the toggler flips flag on and off while the waiter never steps.
    let cx: Vec<String> = tree
        .nodes
        .iter()
        .filter(|n| n.on_counterexample)
        .map(|n| {
            n.state
                .iter()
                .find(|v| v.name == "flag")
                .unwrap()
                .value
                .clone()
        })
        .collect();
    assert_eq!(cx, ["FALSE", "TRUE", "FALSE"]);
    assert!(tree
        .nodes
        .iter()
        .filter(|n| n.on_counterexample)
        .all(|n| n.step.as_ref().is_none_or(|s| s.label == "t")));
}

#[test]
fn counts_are_complete_whatever_graph_an_earlier_question_built() {
    let src = spec_text("die_hard");
    let mut session = Session::open(&src, None).unwrap();
    assert!(session.count("NotSolved", 3, 0).complete);
    // A deeper question first builds a deeper graph; a shorter count is still exact.
    session.tree(&thicket_check::TreeOptions {
        depth: 6,
        max_nodes: 10,
        property: None,
    });
    assert!(session.count("NotSolved", 3, 0).complete);
}

/// Unfolding a node lazily marks its children as the whole tree marks them: outside the
/// property, where a behavior leaves it, on the shortest counterexample (a safety property's
/// path, a temporal property's lasso).
#[test]
fn lazily_unfolded_children_are_marked_as_the_tree_marks_them() {
    for (spec, property, depth) in [
        ("counter_labels", "AllPositiveGets", 5),
        ("die_hard", "NotSolved", 8),
        ("strong_fairness", "Finishes", 5),
    ] {
        let src = spec_text(spec);
        let mut session = Session::open(&src, None).unwrap();
        let tree = session.tree(&thicket_check::TreeOptions {
            depth,
            max_nodes: 200_000,
            property: Some(property.into()),
        });
        assert!(
            tree.nodes.iter().any(|n| n.on_counterexample),
            "{spec}: a counterexample is drawn"
        );
        let mut compared = 0;
        for node in tree.nodes.iter().filter(|n| !n.children.is_empty()) {
            let kids = session
                .children_against(&node.path, Some(property))
                .unwrap();
            assert_eq!(kids.len(), node.children.len(), "{spec} {:?}", node.path);
            for (kid, &id) in kids.iter().zip(&node.children) {
                let want = &tree.nodes[id as usize];
                let marks = |n: &thicket_check::analysis::tree::TreeNode| {
                    (
                        n.outside_property,
                        n.leaves_here,
                        n.on_counterexample,
                        n.repeat,
                        n.depth,
                    )
                };
                assert_eq!(marks(kid), marks(want), "{spec}: child {:?}", want.path);
                compared += 1;
            }
        }
        assert!(compared >= 4, "{spec}: only {compared} children compared");
    }
}
