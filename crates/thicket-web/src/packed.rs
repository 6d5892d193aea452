//! How a behavior tree travels from the worker to the page: each distinct state, step and list
//! of changes once, and each node as a short tuple that refers to them. A tree of 19,401 nodes
//! is then about a seventh of its plain JSON, and the page decodes it in a fraction of the time.
//! Used by `protocol::Response::Tree` through `#[serde(with = "crate::packed")]`; what the page
//! gets is the same `TreeReport`.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thicket_check::count::Count;
use thicket_check::{Change, StepInfo, TreeNode, TreeReport, VarValue};
use thicket_syntax::Diagnostic;

#[derive(Serialize, Deserialize)]
struct PackedTree {
    /// The variables' names, once.
    vars: Vec<String>,
    /// Each distinct state: its values (and folded values) in the order of `vars`.
    states: Vec<Vec<(String, Option<String>)>>,
    steps: Vec<StepInfo>,
    changes: Vec<Vec<Change>>,
    nodes: Vec<PackedNode>,
    roots: Vec<u32>,
    property: Option<String>,
    properties: Vec<String>,
    truncated: bool,
    diagnostics: Vec<Diagnostic>,
    error: Option<String>,
}

/// A node: (id, parent + 1 or 0, depth, step + 1 or 0, its state in `states`, the state's id,
/// its changes in `changes`, flags, behaviors below as text and number, path). A node's
/// children are the nodes that name it their parent, in order.
#[derive(Serialize, Deserialize)]
struct PackedNode(
    u32,
    u32,
    u32,
    u32,
    u32,
    u32,
    u32,
    u8,
    (String, f64),
    Vec<u32>,
);

const REPEAT: u8 = 1;
const OUTSIDE: u8 = 2;
const LEAVES: u8 = 4;
const ON_CX: u8 = 8;
const TERMINATED: u8 = 16;

/// One table of distinct values, each given its index.
struct Table<K, V> {
    index: HashMap<K, u32>,
    rows: Vec<V>,
}

impl<K: std::hash::Hash + Eq, V> Table<K, V> {
    fn new() -> Self {
        Table {
            index: HashMap::new(),
            rows: Vec::new(),
        }
    }

    fn add(&mut self, key: K, row: impl FnOnce() -> V) -> u32 {
        let next = self.rows.len() as u32;
        *self.index.entry(key).or_insert_with(|| {
            self.rows.push(row());
            next
        })
    }
}

pub fn serialize<S: Serializer>(tree: &TreeReport, serializer: S) -> Result<S::Ok, S::Error> {
    pack(tree).serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<TreeReport, D::Error> {
    Ok(unpack(PackedTree::deserialize(deserializer)?))
}

fn flags(n: &TreeNode) -> u8 {
    [
        (n.repeat, REPEAT),
        (n.outside_property, OUTSIDE),
        (n.leaves_here, LEAVES),
        (n.on_counterexample, ON_CX),
        (n.terminated, TERMINATED),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .fold(0, |acc, (_, bit)| acc | bit)
}

fn pack(tree: &TreeReport) -> PackedTree {
    let vars: Vec<String> = tree
        .nodes
        .first()
        .map(|n| n.state.iter().map(|v| v.name.clone()).collect())
        .unwrap_or_default();
    let mut states = Table::new();
    let mut steps = Table::new();
    let mut changes = Table::new();
    let state_of: HashMap<u32, u32> = tree.nodes.iter().map(|n| (n.id, n.state_id)).collect();
    let nodes = tree
        .nodes
        .iter()
        .map(|n| {
            let state = states.add(n.state_id, || {
                n.state
                    .iter()
                    .map(|v| (v.value.clone(), v.short.clone()))
                    .collect()
            });
            let step = n
                .step
                .as_ref()
                .map_or(0, |s| steps.add(s.clone(), || s.clone()) + 1);
            let from = n.parent.and_then(|p| state_of.get(&p).copied());
            let change = changes.add((from, n.state_id), || n.changes.clone());
            PackedNode(
                n.id,
                n.parent.map_or(0, |p| p + 1),
                n.depth,
                step,
                state,
                n.state_id,
                change,
                flags(n),
                (n.behaviors_below.text.clone(), n.behaviors_below.value),
                n.path.clone(),
            )
        })
        .collect();
    PackedTree {
        vars,
        states: states.rows,
        steps: steps.rows,
        changes: changes.rows,
        nodes,
        roots: tree.roots.clone(),
        property: tree.property.clone(),
        properties: tree.properties.clone(),
        truncated: tree.truncated,
        diagnostics: tree.diagnostics.clone(),
        error: tree.error.clone(),
    }
}

fn unpack(p: PackedTree) -> TreeReport {
    let states: Vec<Vec<VarValue>> = p
        .states
        .into_iter()
        .map(|values| {
            p.vars
                .iter()
                .zip(values)
                .map(|(name, (value, short))| VarValue {
                    name: name.clone(),
                    value,
                    short,
                })
                .collect()
        })
        .collect();
    let nodes = p
        .nodes
        .into_iter()
        .map(
            |PackedNode(id, parent, depth, step, state, state_id, change, flags, below, path)| {
                TreeNode {
                    id,
                    parent: parent.checked_sub(1),
                    depth,
                    step: step
                        .checked_sub(1)
                        .and_then(|s| p.steps.get(s as usize).cloned()),
                    state: states.get(state as usize).cloned().unwrap_or_default(),
                    changes: p.changes.get(change as usize).cloned().unwrap_or_default(),
                    state_id,
                    repeat: flags & REPEAT != 0,
                    outside_property: flags & OUTSIDE != 0,
                    leaves_here: flags & LEAVES != 0,
                    on_counterexample: flags & ON_CX != 0,
                    children: vec![],
                    path,
                    behaviors_below: Count {
                        text: below.0,
                        value: below.1,
                    },
                    terminated: flags & TERMINATED != 0,
                }
            },
        )
        .collect();
    let mut nodes: Vec<TreeNode> = nodes;
    let at: rustc_hash::FxHashMap<u32, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    for i in 0..nodes.len() {
        if let Some(&p) = nodes[i].parent.and_then(|p| at.get(&p)) {
            let id = nodes[i].id;
            nodes[p].children.push(id);
        }
    }
    TreeReport {
        nodes,
        roots: p.roots,
        property: p.property,
        properties: p.properties,
        truncated: p.truncated,
        diagnostics: p.diagnostics,
        error: p.error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Wire(#[serde(with = "super")] TreeReport);

    #[test]
    fn a_packed_tree_is_the_same_tree_and_much_smaller() {
        for example in crate::examples::EXAMPLES.iter().take(12) {
            let mut session = thicket_check::session::Session::open(example.source, None)
                .unwrap_or_else(|_| panic!("{} opens", example.file));
            let tree = session.tree(&thicket_check::TreeOptions {
                depth: 6,
                ..Default::default()
            });
            let text = serde_json::to_string(&Wire(tree.clone())).unwrap();
            let back = serde_json::from_str::<Wire>(&text).unwrap().0;
            assert_eq!(back.nodes, tree.nodes, "{}", example.file);
            let plain = serde_json::to_string(&tree).unwrap();
            assert_eq!(
                (
                    back.roots,
                    back.property,
                    back.properties,
                    back.truncated,
                    back.error
                ),
                (
                    tree.roots,
                    tree.property,
                    tree.properties,
                    tree.truncated,
                    tree.error
                ),
            );
            if tree.nodes.len() > 200 {
                assert!(
                    text.len() * 3 < plain.len(),
                    "{}: {} packed, {} plain",
                    example.file,
                    text.len(),
                    plain.len()
                );
            }
        }
    }
}
