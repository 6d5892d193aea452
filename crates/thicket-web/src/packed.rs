//! How a behavior tree travels from the worker to the page: each distinct state, step and list
//! of changes once, and each node as a short tuple that refers to them. A tree of 19,401 nodes
//! is then about a seventh of its plain JSON, and the page decodes it in a fraction of the time.
//! Used by `protocol::Response::Tree` through `#[serde(with = "crate::packed")]`; what the page
//! gets is the same `TreeReport`.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thicket_check::Count;
use thicket_check::{Change, StepInfo, TreeNode, TreeReport, VarValue};
use thicket_syntax::Diagnostic;

#[derive(Serialize, Deserialize)]
struct PackedTree {
    /// The variables' names, once.
    vars: Vec<String>,
    /// Each distinct state: its id, and its values (and folded values) in the order of `vars`.
    states: Vec<(u32, Vec<PackedValue>)>,
    steps: Vec<StepInfo>,
    changes: Vec<Vec<Change>>,
    /// Each distinct count of behaviors below a node.
    counts: Vec<Count>,
    nodes: Vec<PackedNode>,
    roots: Vec<u32>,
    property: Option<String>,
    properties: Vec<String>,
    truncated: bool,
    diagnostics: Vec<Diagnostic>,
    error: Option<String>,
}

/// A variable's value, and its folded value when it is long.
type PackedValue = (String, Option<String>);

/// A node: (id, parent + 1 or 0, step + 1 or 0, its state in `states`, its changes in
/// `changes`, flags, its count in `counts`). A node's children are the nodes that name it
/// their parent, in order; its depth and path follow from its parent's (a root's path is its
/// place among the roots).
#[derive(Serialize, Deserialize)]
struct PackedNode(u32, u32, u32, u32, u32, u8, u32);

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
    let mut counts = Table::new();
    let state_of: HashMap<u32, u32> = tree.nodes.iter().map(|n| (n.id, n.state_id)).collect();
    let nodes = tree
        .nodes
        .iter()
        .map(|n| {
            let state = states.add(n.state_id, || {
                let values = n.state.iter();
                (
                    n.state_id,
                    values.map(|v| (v.value.clone(), v.short.clone())).collect(),
                )
            });
            let step = n
                .step
                .as_ref()
                .map_or(0, |s| steps.add(s.clone(), || (**s).clone()) + 1);
            let from = n.parent.and_then(|p| state_of.get(&p).copied());
            let change = changes.add((from, n.state_id), || n.changes.to_vec());
            let below = &n.behaviors_below;
            let count = counts.add((below.text.clone(), below.value.to_bits()), || {
                below.clone()
            });
            PackedNode(
                n.id,
                n.parent.map_or(0, |p| p + 1),
                step,
                state,
                change,
                flags(n),
                count,
            )
        })
        .collect();
    PackedTree {
        vars,
        states: states.rows,
        steps: steps.rows,
        changes: changes.rows,
        counts: counts.rows,
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
    let states: Vec<(u32, Arc<[VarValue]>)> = p
        .states
        .into_iter()
        .map(|(id, values)| {
            let vars = p.vars.iter().zip(values);
            let values = vars.map(|(name, (value, short))| VarValue {
                name: name.clone(),
                value,
                short,
            });
            (id, values.collect())
        })
        .collect();
    let steps: Vec<Arc<StepInfo>> = p.steps.into_iter().map(Arc::new).collect();
    let changes: Vec<Arc<[Change]>> = p.changes.into_iter().map(Arc::from).collect();
    let mut nodes: Vec<TreeNode> = Vec::with_capacity(p.nodes.len());
    let mut at: FxHashMap<u32, usize> = FxHashMap::default();
    let mut roots = 0;
    for PackedNode(id, parent, step, state, change, flags, count) in p.nodes {
        let parent = parent.checked_sub(1);
        let up = parent.and_then(|p| at.get(&p).copied());
        let (depth, path) = match up {
            Some(i) => {
                let mut path = nodes[i].path.clone();
                path.push(nodes[i].children.len() as u32);
                nodes[i].children.push(id);
                (nodes[i].depth + 1, path)
            }
            None => {
                roots += 1;
                (1, vec![roots - 1])
            }
        };
        let (state_id, state) = states.get(state as usize).cloned().unwrap_or_default();
        at.insert(id, nodes.len());
        nodes.push(TreeNode {
            id,
            parent,
            depth,
            step: step
                .checked_sub(1)
                .and_then(|s| steps.get(s as usize).cloned()),
            state,
            changes: changes.get(change as usize).cloned().unwrap_or_default(),
            state_id,
            repeat: flags & REPEAT != 0,
            outside_property: flags & OUTSIDE != 0,
            leaves_here: flags & LEAVES != 0,
            on_counterexample: flags & ON_CX != 0,
            children: vec![],
            path,
            behaviors_below: p.counts.get(count as usize).cloned().unwrap_or_default(),
            terminated: flags & TERMINATED != 0,
        });
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
            let mut session = thicket_check::Session::open(example.source, None)
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
