//! What each node of the behavior tree says: what its step changed, in the variables the reader
//! chose to see (a root: their values), and, where states of one depth would read alike, what
//! tells them apart. Pure functions over a `TreeReport`, tested natively.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::rc::Rc;

use std::sync::Arc;

use thicket_check::{StepInfo, TreeNode, TreeReport, VarValue};

use crate::format;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeText {
    /// What the step changed in the variables shown; for a root, their values.
    pub main: Rc<str>,
    /// For a node that reads like another state of its depth: the values that differ.
    pub context: Option<Rc<str>>,
    /// The step changed none of the variables shown: `main` gives their values instead.
    pub unchanged: bool,
    /// The longest line in characters (the context line counts its `differs:` lead).
    pub width: usize,
}

/// Each node's text, by id.
pub type Texts = FxHashMap<u32, NodeText>;

/// An edge's label: the name of the step into a node, and its length in characters.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: Rc<str>,
    pub width: usize,
}

/// The label of each node's edge from its parent, by id; made once per distinct step.
pub fn step_labels(tree: &TreeReport) -> FxHashMap<u32, Label> {
    let mut made: FxHashMap<*const StepInfo, Label> = FxHashMap::default();
    let mut labels = FxHashMap::default();
    for n in &tree.nodes {
        let Some(step) = &n.step else { continue };
        let label = made.entry(Arc::as_ptr(step)).or_insert_with(|| {
            let text = format::step(step);
            Label {
                width: text.chars().count(),
                text: text.into(),
            }
        });
        labels.insert(n.id, label.clone());
    }
    labels
}

/// The variables the nodes show: the reader's choice where it names variables of this spec,
/// else every variable but the control ones (`pc`, `stack`, an object's `event`), else all.
pub fn shown_vars(state: &[VarValue], chosen: Option<&[String]>) -> Vec<String> {
    let names = || state.iter().map(|v| v.name.clone());
    if let Some(chosen) = chosen {
        let picked: Vec<String> = names().filter(|n| chosen.contains(n)).collect();
        if !picked.is_empty() {
            return picked;
        }
    }
    let data: Vec<String> = state
        .iter()
        .filter(|v| !format::is_control(v))
        .map(|v| v.name.clone())
        .collect();
    if data.is_empty() {
        names().collect()
    } else {
        data
    }
}

/// The text of every node, by id. Texts are made once per distinct step (a pair of states)
/// and shared: a tree of twenty thousand nodes has a few thousand of them.
pub fn node_texts(tree: &TreeReport, shown: &[String]) -> Texts {
    let roots: Vec<&TreeNode> = tree.nodes.iter().filter(|n| n.parent.is_none()).collect();
    let varying = varying_vars(&roots);
    let state_of: FxHashMap<u32, u32> = tree.nodes.iter().map(|n| (n.id, n.state_id)).collect();
    let mut made: FxHashMap<(u32, u32), NodeText> = FxHashMap::default();
    // Equal texts made for different steps are one text, so that a text is known by its address.
    let mut interned: FxHashMap<Rc<str>, Rc<str>> = FxHashMap::default();
    let mut texts: Texts = tree
        .nodes
        .iter()
        .map(|n| {
            let from = n.parent.and_then(|p| state_of.get(&p).copied());
            let key = (from.unwrap_or(u32::MAX), n.state_id);
            let text = made.entry(key).or_insert_with(|| {
                let changed = n.parent.and(step_text(n, shown));
                let unchanged = n.parent.is_some() && changed.is_none();
                let main: Rc<str> = changed
                    .unwrap_or_else(|| root_text(n, shown, &varying))
                    .into();
                NodeText {
                    unchanged,
                    width: main.chars().count(),
                    main: interned.entry(main.clone()).or_insert(main).clone(),
                    context: None,
                }
            });
            (n.id, text.clone())
        })
        .collect();
    tell_apart(tree, shown, &mut texts);
    texts
}

/// An initial state: the values shown, those that differ between the roots first.
fn root_text(n: &TreeNode, shown: &[String], varying: &BTreeSet<String>) -> String {
    let (first, rest): (Vec<&VarValue>, Vec<&VarValue>) = n
        .state
        .iter()
        .filter(|v| shown.contains(&v.name))
        .partition(|v| varying.contains(&v.name));
    first
        .into_iter()
        .chain(rest)
        .map(format::var_value)
        .collect::<Vec<_>>()
        .join("  ")
}

/// A step: what it changed in the variables shown, if it changed any.
fn step_text(n: &TreeNode, shown: &[String]) -> Option<String> {
    let visible: Vec<String> = n
        .changes
        .iter()
        .filter(|c| shown.contains(&c.var))
        .map(format::change)
        .collect();
    (!visible.is_empty()).then(|| visible.join(", "))
}

/// The variables whose values are not the same in all of `nodes`.
fn varying_vars(nodes: &[&TreeNode]) -> BTreeSet<String> {
    let Some(first) = nodes.first() else {
        return BTreeSet::new();
    };
    first
        .state
        .iter()
        .enumerate()
        .filter(|(i, v)| {
            nodes
                .iter()
                .any(|n| n.state.get(*i).is_some_and(|w| w.value != v.value))
        })
        .map(|(_, v)| v.name.clone())
        .collect()
}

/// The distinct states of a tree, each variable's values numbered, so that telling states
/// apart compares numbers, not texts.
struct States<'a> {
    row: FxHashMap<u32, usize>,
    values: Vec<&'a [VarValue]>,
    /// `ids[row][var]`: the number of the variable's value (equal values, equal numbers).
    ids: Vec<Vec<u32>>,
}

impl<'a> States<'a> {
    fn of(tree: &'a TreeReport) -> States<'a> {
        let mut row = FxHashMap::default();
        let mut values: Vec<&[VarValue]> = Vec::new();
        for n in &tree.nodes {
            row.entry(n.state_id).or_insert_with(|| {
                values.push(&n.state);
                values.len() - 1
            });
        }
        let vars = values.first().map_or(0, |s| s.len());
        let mut numbers: Vec<FxHashMap<&str, u32>> = vec![FxHashMap::default(); vars];
        let ids = values
            .iter()
            .map(|state| {
                state
                    .iter()
                    .zip(numbers.iter_mut())
                    .map(|(v, known)| {
                        let next = known.len() as u32;
                        *known.entry(v.value.as_str()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        States { row, values, ids }
    }
}

/// Nodes of one depth whose texts read the same but whose states differ get the values that
/// tell them apart: a variable that differs among them (a shown one first, else the hidden one
/// with the shortest values), then, among those still alike, another, until every state reads
/// apart.
fn tell_apart(tree: &TreeReport, shown: &[String], texts: &mut Texts) {
    let states = States::of(tree);
    // Texts are interned: one address, one text.
    let mut groups: FxHashMap<(u32, *const u8), Vec<(u32, usize)>> = FxHashMap::default();
    for n in &tree.nodes {
        groups
            .entry((n.depth, texts[&n.id].main.as_ptr()))
            .or_default()
            .push((n.id, states.row[&n.state_id]));
    }
    let mut told: Vec<Told> = Vec::new();
    for group in groups.into_values() {
        refine(&states, group, Vec::new(), shown, &mut told);
    }
    // One text per set of variables and state. Whole values: folded ones may read alike
    // where the states differ.
    let mut made: FxHashMap<(Vec<usize>, usize), (Rc<str>, usize)> = FxHashMap::default();
    for Told { ids, vars, row } in told {
        let (context, width) = made
            .entry((vars, row))
            .or_insert_with_key(|(vars, row)| {
                let state = states.values[*row];
                let parts: Vec<String> = vars
                    .iter()
                    .filter_map(|&i| state.get(i).map(|v| format!("{} = {}", v.name, v.value)))
                    .collect();
                let text = parts.join("  ");
                let width = text.chars().count() + 8;
                (text.into(), width)
            })
            .clone();
        for id in ids {
            if let Some(t) = texts.get_mut(&id) {
                t.width = t.width.max(width);
                t.context = Some(context.clone());
            }
        }
    }
}

/// Nodes of one state that read alike, and the variables (by index) that tell them apart from
/// the other nodes of their text and depth.
struct Told {
    ids: Vec<u32>,
    vars: Vec<usize>,
    row: usize,
}

/// Tell the nodes of `group` (node id, state row; alike so far, `keys` being the variables
/// that told them apart from others) apart from each other: each set of nodes of one state
/// that needed variables to be told apart goes to `out`.
fn refine(
    states: &States,
    group: Vec<(u32, usize)>,
    keys: Vec<usize>,
    shown: &[String],
    out: &mut Vec<Told>,
) {
    let first = group[0].1;
    let alike = group.iter().all(|(_, row)| *row == first);
    let next = (!alike)
        .then(|| pick(states, &group, &keys, shown))
        .flatten();
    let Some(var) = next else {
        if !keys.is_empty() {
            let ids = group.into_iter().map(|(id, _)| id).collect();
            out.push(Told {
                ids,
                vars: keys,
                row: first,
            });
        }
        return;
    };
    let mut by_value: FxHashMap<u32, Vec<(u32, usize)>> = FxHashMap::default();
    for (id, row) in group {
        by_value
            .entry(states.ids[row][var])
            .or_default()
            .push((id, row));
    }
    let mut keys = keys;
    keys.push(var);
    for sub in by_value.into_values() {
        refine(states, sub, keys.clone(), shown, out);
    }
}

/// The variable (by index) to tell `group` apart by: one not in `keys` whose value differs in
/// the group, a shown one first, else the hidden one with the shortest values.
fn pick(
    states: &States,
    group: &[(u32, usize)],
    keys: &[usize],
    shown: &[String],
) -> Option<usize> {
    let first = group.first()?.1;
    let vars = states.ids[first].len();
    let varying: Vec<usize> = (0..vars)
        .filter(|i| !keys.contains(i))
        .filter(|&i| {
            group
                .iter()
                .any(|(_, row)| states.ids[*row][i] != states.ids[first][i])
        })
        .collect();
    let name = |i: usize| &states.values[first][i].name;
    varying
        .iter()
        .copied()
        .find(|&i| shown.contains(name(i)))
        .or_else(|| {
            varying.iter().copied().min_by_key(|&i| {
                group
                    .iter()
                    .map(|(_, row)| states.values[*row][i].value.len())
                    .max()
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::{Change, ChangeKind, Shown};

    fn var(name: &str, value: &str) -> VarValue {
        VarValue {
            name: name.into(),
            value: value.into(),
            short: None,
        }
    }

    fn becomes(var: &str, path: &[&str], value: &str) -> Change {
        Change {
            var: var.into(),
            path: path.iter().map(|k| k.to_string()).collect(),
            kind: ChangeKind::Becomes,
            values: vec![Shown {
                value: value.into(),
                short: None,
            }],
        }
    }

    fn node(id: u32, parent: Option<u32>, state_id: u32, state: Vec<VarValue>) -> TreeNode {
        TreeNode {
            id,
            parent,
            depth: if parent.is_some() { 2 } else { 1 },
            state: state.into(),
            state_id,
            ..Default::default()
        }
    }

    fn tree(nodes: Vec<TreeNode>) -> TreeReport {
        TreeReport {
            roots: nodes
                .iter()
                .filter(|n| n.parent.is_none())
                .map(|n| n.id)
                .collect(),
            nodes,
            property: None,
            properties: vec![],
            truncated: false,
            diagnostics: vec![],
            error: None,
        }
    }

    #[test]
    fn control_variables_are_hidden_unless_chosen() {
        let state = [var("x", "1"), var("pc", "\"a\""), var("y", "2")];
        assert_eq!(shown_vars(&state, None), ["x", "y"]);
        let chosen = ["pc".to_string(), "gone".to_string()];
        assert_eq!(shown_vars(&state, Some(&chosen)), ["pc"]);
        let other = ["gone".to_string()];
        assert_eq!(shown_vars(&state, Some(&other)), ["x", "y"]);
        assert_eq!(shown_vars(&[var("pc", "1")], None), ["pc"]);
    }

    #[test]
    fn a_node_says_what_its_step_changed_in_the_variables_shown() {
        let s0 = vec![
            var("rm", "[r1 |-> \"w\", r2 |-> \"w\"]"),
            var("pc", "\"a\""),
        ];
        let mut a = node(1, Some(0), 1, vec![]);
        a.changes = vec![becomes("rm", &["r2"], "\"p\""), becomes("pc", &[], "\"b\"")].into();
        let mut b = node(
            2,
            Some(0),
            2,
            vec![
                var("rm", "[r1 |-> \"w\", r2 |-> \"w\"]"),
                var("pc", "\"c\""),
            ],
        );
        b.changes = vec![becomes("pc", &[], "\"c\"")].into();
        let c = node(3, Some(0), 0, vec![]);
        let t = tree(vec![node(0, None, 0, s0), a, b, c]);
        let shown = vec!["rm".to_string()];
        let texts = node_texts(&t, &shown);
        assert_eq!(&*texts[&0].main, "rm = [r1 |-> \"w\", r2 |-> \"w\"]");
        assert_eq!(&*texts[&1].main, "rm[r2] = \"p\"");
        // Nothing shown changed: the values shown, marked unchanged.
        assert_eq!(&*texts[&2].main, "rm = [r1 |-> \"w\", r2 |-> \"w\"]");
        assert!(texts[&2].unchanged && !texts[&1].unchanged && !texts[&0].unchanged);
    }

    #[test]
    fn states_of_one_depth_that_read_alike_are_told_apart() {
        // Two roots differing only in `amnt`: it comes first, and distinct states read apart.
        let root = |id, amnt: &str| {
            node(
                id,
                None,
                id,
                vec![var("acct", "[a |-> 5]"), var("amnt", amnt)],
            )
        };
        let mut t = tree(vec![root(0, "<<1, 2>>"), root(1, "<<2, 2>>")]);
        let shown = vec!["acct".to_string(), "amnt".to_string()];
        let texts = node_texts(&t, &shown);
        assert_eq!(&*texts[&0].main, "amnt = <<1, 2>>  acct = [a |-> 5]");
        assert_ne!(texts[&0].main, texts[&1].main);

        // Two children with the same change but different states: the differing value is
        // added; the same state reached twice is left alone.
        let child = |id, state_id, amnt: &str| {
            let mut n = node(
                id,
                Some(0),
                state_id,
                vec![var("acct", "[a |-> 4]"), var("amnt", amnt)],
            );
            n.changes = vec![becomes("acct", &["a"], "4")].into();
            n
        };
        t.nodes.extend([
            child(2, 5, "<<1, 2>>"),
            child(3, 6, "<<1, 3>>"),
            child(4, 5, "<<1, 2>>"),
        ]);
        let texts = node_texts(&t, &["acct".to_string()]);
        assert_eq!(&*texts[&2].main, "acct[a] = 4");
        assert_eq!(texts[&2].context.as_deref(), Some("amnt = <<1, 2>>"));
        assert_eq!(texts[&3].context.as_deref(), Some("amnt = <<1, 3>>"));
        let t2 = tree(vec![
            root(0, "<<1, 2>>"),
            child(2, 5, "<<1, 2>>"),
            child(4, 5, "<<1, 2>>"),
        ]);
        assert_eq!(node_texts(&t2, &shown)[&2].context, None);
    }

    #[test]
    fn look_alikes_are_told_apart_by_hidden_variables_when_the_shown_ones_do_not() {
        // Four children that only move pc: the values of amnt read first, pc tells apart the rest.
        let child = |id, state_id, amnt: &str, pc: &str| {
            let mut n = node(
                id,
                Some(0),
                state_id,
                vec![var("amnt", amnt), var("pc", pc)],
            );
            n.changes = vec![becomes("pc", &[], pc)].into();
            n
        };
        let t = tree(vec![
            node(0, None, 0, vec![var("amnt", "1"), var("pc", "a")]),
            child(1, 1, "1", "b"),
            child(2, 2, "1", "c"),
            child(3, 3, "2", "b"),
            child(4, 4, "2", "b"),
        ]);
        let texts = node_texts(&t, &["amnt".to_string()]);
        let context = |id| {
            texts[&id]
                .context
                .as_deref()
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(&*texts[&1].main, "amnt = 1");
        assert!(texts[&1].unchanged);
        assert_eq!(context(1), "pc = b");
        assert_eq!(context(2), "pc = c");
        assert_eq!(&*texts[&3].main, "amnt = 2");
        // 3 and 4 differ in no value (as no two states do): nothing to add.
        assert_eq!(context(3), "");
    }
}
