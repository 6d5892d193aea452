//! Lazy expansion of the behavior tree: which nodes can be unfolded further, and grafting the
//! worker's answer (the nodes below one node, named by their paths) into the tree shown.
//! Pure, tested natively.

use std::collections::{HashMap, HashSet};

use thicket_check::{TreeNode, TreeReport};

use thicket_check::Expansion;

/// The nodes known to have no further step: unfolded (not folded as a repeat, not cut by the
/// depth or the node cap) and still without children. `depth` is the depth the tree was
/// unfolded to. Every other node without children may have some: it can be expanded.
pub fn dead_ends(tree: &TreeReport, depth: u32) -> HashSet<u32> {
    // A capped tree was unfolded breadth-first: every level but the last two is complete.
    let complete_below = if tree.truncated {
        let deepest = tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
        deepest.saturating_sub(1)
    } else {
        depth
    };
    tree.nodes
        .iter()
        .filter(|n| n.children.is_empty() && !n.repeat && n.depth < complete_below)
        .map(|n| n.id)
        .collect()
}

/// Whether a node may have steps the tree does not show yet.
pub fn expandable(node: &TreeNode, dead_ends: &HashSet<u32>) -> bool {
    node.children.is_empty() && !node.terminated && !dead_ends.contains(&node.id)
}

/// What grafting added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grafted {
    pub added: usize,
    /// The expanded node turned out to have no step at all.
    pub no_steps: bool,
}

/// Why an expansion could not be added to the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraftError {
    /// The node expanded is not in the tree any more (the tree was unfolded again meanwhile).
    NodeGone,
}

impl std::fmt::Display for GraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GraftError::NodeGone => write!(f, "the node to expand is no longer in the tree"),
        }
    }
}

/// Add the nodes of `expansion` (the answer to expanding the node at `at` by `levels` steps)
/// to `tree`: new ids follow the existing ones, each node goes under the node its path names,
/// nodes already in the tree are kept as they are. The nodes come marked against the tree's
/// property by the session (`Session::children_against`, the same rule as the whole tree's),
/// so their marks are taken as they are. Updates `dead_ends` with the nodes the expansion
/// showed to have no step.
pub fn graft(
    tree: &mut TreeReport,
    at: &[u32],
    levels: u32,
    expansion: Expansion,
    dead_ends: &mut HashSet<u32>,
) -> Result<Grafted, GraftError> {
    let mut by_path: HashMap<Vec<u32>, u32> =
        tree.nodes.iter().map(|n| (n.path.clone(), n.id)).collect();
    let start = *by_path.get(at).ok_or(GraftError::NodeGone)?;
    let start_depth = index_of(tree, start).map(|i| tree.nodes[i].depth);
    let start_depth = start_depth.ok_or(GraftError::NodeGone)?;
    let mut added = Vec::new();
    for mut node in expansion.nodes {
        if by_path.contains_key(&node.path) || node.path.len() < 2 {
            continue;
        }
        let parent_path = &node.path[..node.path.len() - 1];
        let Some(&parent) = by_path.get(parent_path) else {
            continue; // below a node that was not sent: cannot be placed
        };
        let Some(p) = index_of(tree, parent) else {
            continue;
        };
        let id = tree.nodes.len() as u32;
        node.id = id;
        node.parent = Some(parent);
        node.depth = tree.nodes[p].depth + 1;
        node.children = vec![];
        // The worker counts behaviors below a node only for a whole tree.
        node.behaviors_below = Default::default();
        tree.nodes[p].children.push(id);
        by_path.insert(node.path.clone(), id);
        tree.nodes.push(node);
        added.push(id);
    }
    if !expansion.truncated {
        let bottom = start_depth + levels.max(1);
        dead_ends.extend(
            std::iter::once(start)
                .chain(added.iter().copied())
                .filter_map(|id| index_of(tree, id).map(|i| &tree.nodes[i]))
                .filter(|n| {
                    n.children.is_empty() && n.depth < bottom && (n.id == start || !n.repeat)
                })
                .map(|n| n.id),
        );
    }
    let no_steps = index_of(tree, start).is_some_and(|i| tree.nodes[i].children.is_empty());
    Ok(Grafted {
        added: added.len(),
        no_steps: no_steps && !expansion.truncated,
    })
}

/// Where node `id` is in `tree.nodes` (ids are indices in the worker's trees; checked anyway).
fn index_of(tree: &TreeReport, id: u32) -> Option<usize> {
    match tree.nodes.get(id as usize) {
        Some(n) if n.id == id => Some(id as usize),
        _ => tree.nodes.iter().position(|n| n.id == id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::Session;
    use thicket_check::TreeOptions;

    fn counter_tree(depth: u32) -> (Session, TreeReport) {
        let mut s = Session::open(crate::examples::EXAMPLES[0].source, None).expect("loads");
        let tree = s.tree(&TreeOptions {
            depth,
            max_nodes: 20_000,
            property: None,
        });
        (s, tree)
    }

    /// The nodes as (path, depth, parent's path), sorted: what a tree says, whatever the ids.
    fn shape(tree: &TreeReport) -> Vec<(Vec<u32>, u32, Option<Vec<u32>>)> {
        let mut v: Vec<_> = tree
            .nodes
            .iter()
            .map(|n| {
                let parent = n.parent.map(|p| tree.nodes[p as usize].path.clone());
                (n.path.clone(), n.depth, parent)
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn expanding_every_frontier_node_gives_the_deeper_tree() {
        // Unfolded to 3 and then every expandable node of depth 3 expanded by two steps, the
        // tree has the same nodes (by path) as the tree unfolded to 5 at once.
        let (mut s, mut tree) = counter_tree(3);
        let mut dead = dead_ends(&tree, 3);
        let frontier: Vec<Vec<u32>> = tree
            .nodes
            .iter()
            .filter(|n| n.depth == 3 && !n.repeat && expandable(n, &dead))
            .map(|n| n.path.clone())
            .collect();
        assert!(!frontier.is_empty());
        for path in frontier {
            let answer = s.expand(&path, 2, 20_000, None).unwrap();
            graft(&mut tree, &path, 2, answer, &mut dead).unwrap();
        }
        let (_, deeper) = counter_tree(5);
        // Repeats are folded in both (a repeat node is never unfolded below).
        assert_eq!(shape(&tree), shape(&deeper));
        for (i, n) in tree.nodes.iter().enumerate() {
            assert_eq!(n.id as usize, i, "ids stay indices");
            for &c in &n.children {
                assert_eq!(tree.nodes[c as usize].parent, Some(n.id));
            }
        }
    }

    #[test]
    fn a_second_expansion_adds_nothing_and_a_stale_path_is_an_error() {
        let (mut s, mut tree) = counter_tree(2);
        let mut dead = dead_ends(&tree, 2);
        let leaf = tree
            .nodes
            .iter()
            .find(|n| n.depth == 2)
            .unwrap()
            .path
            .clone();
        let first = graft(
            &mut tree,
            &leaf,
            1,
            s.expand(&leaf, 1, 100, None).unwrap(),
            &mut dead,
        )
        .unwrap();
        assert!(first.added > 0 && !first.no_steps);
        let again = graft(
            &mut tree,
            &leaf,
            1,
            s.expand(&leaf, 1, 100, None).unwrap(),
            &mut dead,
        )
        .unwrap();
        assert_eq!(again.added, 0);
        assert!(graft(&mut tree, &[7, 7, 7], 1, Expansion::default(), &mut dead).is_err());
        assert!(s.expand(&[9], 1, 100, None).is_err());
    }

    #[test]
    fn the_node_cap_stops_an_expansion_and_nothing_it_cut_is_a_dead_end() {
        let (mut s, mut tree) = counter_tree(1);
        let mut dead = dead_ends(&tree, 1);
        let root = tree.nodes[0].path.clone();
        let answer = s.expand(&root, 6, 10, None).unwrap();
        assert!(answer.truncated);
        assert_eq!(answer.nodes.len(), 10);
        let g = graft(&mut tree, &root, 6, answer, &mut dead).unwrap();
        assert_eq!(g.added, 10);
        assert!(dead.is_empty());
        assert!(tree
            .nodes
            .iter()
            .filter(|n| n.children.is_empty())
            .all(|n| expandable(n, &dead) || n.terminated));
    }

    #[test]
    fn a_behavior_outside_the_property_stays_outside_below_as_the_session_marks_it() {
        let (mut s, mut tree) = counter_tree(3);
        let mut dead = dead_ends(&tree, 3);
        let outside = tree
            .nodes
            .iter()
            .find(|n| n.outside_property && n.children.is_empty() && expandable(n, &dead))
            .expect("the counter's tree to 3 shows a get() -> 0")
            .path
            .clone();
        let answer = s
            .expand(&outside, 1, 100, tree.property.as_deref())
            .unwrap();
        graft(&mut tree, &outside, 1, answer, &mut dead).unwrap();
        let parent = tree.nodes.iter().find(|n| n.path == outside).unwrap();
        assert!(!parent.children.is_empty());
        assert!(parent
            .children
            .iter()
            .all(|&c| tree.nodes[c as usize].outside_property));
    }

    #[test]
    fn expanded_nodes_are_marked_as_a_deeper_tree_marks_them() {
        // A safety property (new violations below the frontier) and a liveness property (the
        // lasso goes on below it): expanding every frontier node of a tree marks the new nodes
        // exactly as the tree drawn one level deeper does.
        for (file, depth) in [("counter.tla", 4), ("strong_fairness.tla", 3)] {
            let source = crate::examples::EXAMPLES
                .iter()
                .find(|e| e.file == file)
                .unwrap()
                .source;
            let mut s = Session::open(source, None).expect("loads");
            let opts = |depth| TreeOptions {
                depth,
                max_nodes: 20_000,
                property: None,
            };
            let mut tree = s.tree(&opts(depth));
            let whole = s.tree(&opts(depth + 1));
            let property = tree
                .property
                .clone()
                .expect("a violated property is chosen");
            let mut dead = dead_ends(&tree, depth);
            let frontier: Vec<Vec<u32>> = tree
                .nodes
                .iter()
                .filter(|n| n.depth == depth && expandable(n, &dead))
                .map(|n| n.path.clone())
                .collect();
            for path in frontier {
                let answer = s.expand(&path, 1, 20_000, Some(&property)).unwrap();
                graft(&mut tree, &path, 1, answer, &mut dead).unwrap();
            }
            let marks = |t: &TreeReport| {
                let mut v: Vec<_> = t
                    .nodes
                    .iter()
                    .map(|n| {
                        (
                            n.path.clone(),
                            n.outside_property,
                            n.leaves_here,
                            n.on_counterexample,
                        )
                    })
                    .collect();
                v.sort();
                v
            };
            // The deeper tree does not unfold repeated states; an expansion asked for does.
            let grown: HashMap<_, _> = marks(&tree)
                .into_iter()
                .map(|(p, a, b, c)| (p, (a, b, c)))
                .collect();
            for (path, a, b, c) in marks(&whole) {
                assert_eq!(grown.get(&path), Some(&(a, b, c)), "{file}: {path:?}");
            }
            assert!(
                tree.nodes
                    .iter()
                    .any(|n| n.depth == depth + 1 && (n.leaves_here || n.on_counterexample)),
                "{file}: an expansion marks something below the frontier"
            );
        }
    }

    #[test]
    fn only_unfolded_childless_nodes_are_dead_ends() {
        let (_, tree) = counter_tree(4);
        let dead = dead_ends(&tree, 4);
        for n in &tree.nodes {
            if dead.contains(&n.id) {
                assert!(n.children.is_empty() && !n.repeat && n.depth < 4);
            }
            if n.depth == 4 && !n.terminated {
                assert!(expandable(n, &dead), "the bottom level can be expanded");
            }
        }
    }
}
