//! Where each node of the behavior tree goes: a left-to-right tidy layout.
//!
//! Depth runs along x (one column per step), leaves take consecutive rows in the tree's order,
//! and every parent sits centred on its children, so no two subtrees overlap and the edges of
//! one parent fan out without crossing another's. Pure arithmetic over `TreeNode`s: no DOM.

use std::collections::{HashMap, HashSet};

use thicket_check::TreeReport;

/// Sizes in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// The width of a column whose texts are short, and the least any column gets.
    pub node_width: f64,
    pub node_height: f64,
    /// Horizontal room between a column of nodes and the next when its edge labels are short.
    pub column_gap: f64,
    /// Vertical distance between two consecutive rows.
    pub row_pitch: f64,
    pub margin: f64,
    /// The widest a column of nodes or of edge labels grows.
    pub max_node_width: f64,
    pub max_column_gap: f64,
    /// The width of a character of a node's text and of an edge's label (monospaced).
    pub node_char: f64,
    pub label_char: f64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            node_width: 150.0,
            node_height: 40.0,
            column_gap: 72.0,
            row_pitch: 50.0,
            margin: 16.0,
            max_node_width: 380.0,
            max_column_gap: 260.0,
            node_char: 7.3,
            label_char: 6.7,
        }
    }
}

impl Metrics {
    /// How many characters of a node's text fit in a box `width` wide.
    pub fn node_chars(&self, width: f64) -> usize {
        ((width - 24.0) / self.node_char).floor().max(4.0) as usize
    }

    /// How many characters of an edge's label fit in a gap `gap` wide.
    pub fn label_chars(&self, gap: f64) -> usize {
        ((gap - 20.0) / self.label_char + 0.5).floor().max(4.0) as usize
    }
}

/// One depth's column: the room for the edge labels before it, and its nodes' width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub gap: f64,
    pub width: f64,
}

/// Each depth's column, as wide as its longest text and label need (within the metrics'
/// bounds): `text_chars` and `label_chars` give a node's longest line and its step's label.
pub fn columns(
    tree: &TreeReport,
    text_chars: impl Fn(u32) -> usize,
    label_chars: impl Fn(u32) -> usize,
    m: &Metrics,
) -> Vec<Column> {
    let depth = tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0) as usize;
    let mut out = vec![
        Column {
            gap: m.column_gap,
            width: m.node_width,
        };
        depth
    ];
    for n in &tree.nodes {
        let Some(col) = out.get_mut(n.depth.max(1) as usize - 1) else {
            continue;
        };
        let width = 24.0 + m.node_char * text_chars(n.id) as f64;
        col.width = col.width.max(width.min(m.max_node_width));
        let gap = 28.0 + m.label_char * label_chars(n.id) as f64;
        col.gap = col.gap.max(gap.min(m.max_column_gap));
    }
    out
}

/// A node's box: top-left corner and width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub id: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Placed>,
    pub width: f64,
    pub height: f64,
    /// The room for the edge labels before each depth's column.
    pub gaps: Vec<f64>,
}

impl Layout {
    /// The box of node `id` (`nodes` is sorted by id).
    pub fn position(&self, id: u32) -> Option<&Placed> {
        self.nodes
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &self.nodes[i])
    }

    /// The room for the labels of the edges into nodes of `depth`.
    pub fn gap(&self, depth: u32) -> f64 {
        self.gaps
            .get(depth.max(1) as usize - 1)
            .copied()
            .unwrap_or_default()
    }
}

/// Where each node goes, each depth in its column (`columns[depth - 1]`; a depth without one
/// gets the metrics' default).
pub fn layout(tree: &TreeReport, metrics: &Metrics, columns: &[Column]) -> Layout {
    // Nodes by position, children as positions: no hashing in the walk.
    let index: HashMap<u32, usize> = tree
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let children: Vec<Vec<usize>> = tree
        .nodes
        .iter()
        .map(|n| {
            n.children
                .iter()
                .filter_map(|c| index.get(c).copied())
                .collect()
        })
        .collect();
    let mut rows: Vec<f64> = vec![f64::NAN; tree.nodes.len()];
    let mut placed = vec![false; tree.nodes.len()];
    let mut next_row = 0.0;
    for root in tree.roots.iter().filter_map(|r| index.get(r)) {
        place(*root, &children, &mut rows, &mut placed, &mut next_row);
    }
    // Each column's left edge, after the previous column and the labels before this one.
    let depth = tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0) as usize;
    let column = |d: usize| {
        columns.get(d).copied().unwrap_or(Column {
            gap: metrics.column_gap,
            width: metrics.node_width,
        })
    };
    let mut lefts = Vec::with_capacity(depth);
    let mut x = metrics.margin;
    for d in 0..depth {
        if d > 0 {
            x += column(d - 1).width + column(d).gap;
        }
        lefts.push(x);
    }

    let mut nodes: Vec<Placed> = tree
        .nodes
        .iter()
        .zip(&rows)
        .filter(|(_, row)| row.is_finite())
        .map(|(n, &row)| {
            let d = n.depth.max(1) as usize - 1;
            Placed {
                id: n.id,
                x: lefts[d],
                y: metrics.margin + row * metrics.row_pitch,
                width: column(d).width,
            }
        })
        .collect();
    nodes.sort_by_key(|p| p.id);

    let width = nodes.iter().map(|p| p.x + p.width).fold(0.0, f64::max) + metrics.margin;
    let height = nodes
        .iter()
        .map(|p| p.y + metrics.node_height)
        .fold(0.0, f64::max)
        + metrics.margin;
    Layout {
        nodes,
        width,
        height,
        gaps: (0..depth).map(|d| column(d).gap).collect(),
    }
}

/// The tree cut down to the behaviors that leave the property: the nodes outside it and their
/// ancestors ("only counterexamples"). Children lists keep only what remains.
pub fn outside_only(tree: &TreeReport) -> TreeReport {
    let parent: HashMap<u32, Option<u32>> = tree.nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut keep = std::collections::HashSet::new();
    for n in tree.nodes.iter().filter(|n| n.outside_property) {
        let mut at = Some(n.id);
        while let Some(id) = at {
            if !keep.insert(id) {
                break;
            }
            at = parent.get(&id).copied().flatten();
        }
    }
    let nodes = tree
        .nodes
        .iter()
        .filter(|n| keep.contains(&n.id))
        .map(|n| {
            let mut n = n.clone();
            n.children.retain(|c| keep.contains(c));
            n
        })
        .collect();
    TreeReport {
        nodes,
        roots: tree
            .roots
            .iter()
            .copied()
            .filter(|r| keep.contains(r))
            .collect(),
        ..tree.clone()
    }
}

/// The tree with the subtrees below `collapsed` nodes hidden (the nodes themselves stay, with
/// no children).
pub fn collapse(tree: &TreeReport, collapsed: &HashSet<u32>) -> TreeReport {
    let children: HashMap<u32, &[u32]> = tree
        .nodes
        .iter()
        .map(|n| (n.id, n.children.as_slice()))
        .collect();
    let mut hidden = HashSet::new();
    let mut stack: Vec<u32> = collapsed
        .iter()
        .flat_map(|id| children.get(id).copied().unwrap_or_default())
        .copied()
        .collect();
    while let Some(id) = stack.pop() {
        if hidden.insert(id) {
            stack.extend(children.get(&id).copied().unwrap_or_default());
        }
    }
    let nodes = tree
        .nodes
        .iter()
        .filter(|n| !hidden.contains(&n.id))
        .map(|n| {
            let mut n = n.clone();
            if collapsed.contains(&n.id) {
                n.children.clear();
            }
            n
        })
        .collect();
    TreeReport {
        nodes,
        roots: tree.roots.clone(),
        ..tree.clone()
    }
}

/// A horizontal band of the drawing (SVG units) whose nodes are drawn; the others are left
/// out, so a tree of tens of thousands of nodes costs only what is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub top: f64,
    pub bottom: f64,
}

impl Band {
    /// Everything.
    pub const ALL: Band = Band {
        top: f64::NEG_INFINITY,
        bottom: f64::INFINITY,
    };

    /// Nothing: what a big tree draws before its view is placed.
    pub const NONE: Band = Band {
        top: f64::INFINITY,
        bottom: f64::NEG_INFINITY,
    };

    /// The band to draw for a view from `top` to `bottom`: the view and one view's height
    /// above and below it, so that scrolling shows drawn nodes until the band is redrawn.
    pub fn around(top: f64, bottom: f64) -> Band {
        let h = (bottom - top).max(1.0);
        Band {
            top: top - h,
            bottom: bottom + h,
        }
    }

    /// Whether the view from `top` to `bottom` is still well inside the band (at least half a
    /// view's height from both of its edges, or at an edge of the drawing).
    pub fn covers(&self, top: f64, bottom: f64, height: f64) -> bool {
        let slack = (bottom - top).max(1.0) / 2.0;
        (top - slack >= self.top || self.top <= 0.0)
            && (bottom + slack <= self.bottom || self.bottom >= height)
    }

    /// Whether anything from `y0` to `y1` shows in the band.
    pub fn meets(&self, y0: f64, y1: f64) -> bool {
        y0.min(y1) <= self.bottom && y0.max(y1) >= self.top
    }
}

/// Give node `i` (a position in the tree's nodes) and its subtree their rows; returns the row
/// of `i`. A malformed tree that shares a child or has a cycle places each node once.
fn place(
    i: usize,
    children: &[Vec<usize>],
    rows: &mut [f64],
    placed: &mut [bool],
    next_row: &mut f64,
) -> f64 {
    if placed[i] {
        return rows[i];
    }
    placed[i] = true; // guards against cycles while the subtree is placed
    let kids = &children[i];
    let row = if kids.is_empty() {
        let row = *next_row;
        *next_row += 1.0;
        row
    } else {
        let rows_of: Vec<f64> = kids
            .iter()
            .map(|&k| place(k, children, rows, placed, next_row))
            .collect();
        let first = rows_of
            .iter()
            .copied()
            .find(|r| r.is_finite())
            .unwrap_or(*next_row);
        let last = rows_of
            .iter()
            .copied()
            .rev()
            .find(|r| r.is_finite())
            .unwrap_or(first);
        (first + last) / 2.0
    };
    rows[i] = row;
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::TreeNode;

    fn node(id: u32, parent: Option<u32>, depth: u32, children: Vec<u32>) -> TreeNode {
        TreeNode {
            id,
            parent,
            depth,
            step: None,
            state: Default::default(),
            state_id: id,
            repeat: false,
            outside_property: false,
            leaves_here: false,
            on_counterexample: false,
            children,
            ..Default::default()
        }
    }

    fn tree(nodes: Vec<TreeNode>, roots: Vec<u32>) -> TreeReport {
        TreeReport {
            nodes,
            roots,
            property: None,
            properties: vec![],
            truncated: false,
            diagnostics: vec![],
            error: None,
        }
    }

    fn rows(layout: &Layout, m: &Metrics) -> Vec<(u32, f64, f64)> {
        layout
            .nodes
            .iter()
            .map(|p| {
                (
                    p.id,
                    (p.x - m.margin) / (m.node_width + m.column_gap),
                    (p.y - m.margin) / m.row_pitch,
                )
            })
            .collect()
    }

    #[test]
    fn parents_are_centred_on_their_children_and_leaves_take_consecutive_rows() {
        // 0 ─┬─ 1 ── 3
        //    ├─ 2
        //    └─ 4 ─┬─ 5
        //          └─ 6
        let t = tree(
            vec![
                node(0, None, 1, vec![1, 2, 4]),
                node(1, Some(0), 2, vec![3]),
                node(2, Some(0), 2, vec![]),
                node(3, Some(1), 3, vec![]),
                node(4, Some(0), 2, vec![5, 6]),
                node(5, Some(4), 3, vec![]),
                node(6, Some(4), 3, vec![]),
            ],
            vec![0],
        );
        let m = Metrics::default();
        let l = layout(&t, &m, &[]);
        assert_eq!(
            rows(&l, &m),
            vec![
                (0, 0.0, 1.25),
                (1, 1.0, 0.0),
                (2, 1.0, 1.0),
                (3, 2.0, 0.0),
                (4, 1.0, 2.5),
                (5, 2.0, 2.0),
                (6, 2.0, 3.0),
            ]
        );
        assert_eq!(
            l.width,
            m.margin * 2.0 + 3.0 * m.node_width + 2.0 * m.column_gap
        );
        assert_eq!(l.height, m.margin * 2.0 + 3.0 * m.row_pitch + m.node_height);
    }

    #[test]
    fn each_column_is_as_wide_as_its_longest_text_and_labels() {
        // 0 ── 1 ── 2, the label into 1 long, node 2's text long.
        let t = tree(
            vec![
                node(0, None, 1, vec![1]),
                node(1, Some(0), 2, vec![2]),
                node(2, Some(1), 3, vec![]),
            ],
            vec![0],
        );
        let m = Metrics::default();
        let text = |id| if id == 2 { 30 } else { 3 };
        let label = |id| if id == 1 { 20 } else { 0 };
        let cols = columns(&t, text, label, &m);
        assert_eq!(cols[0].width, m.node_width);
        assert_eq!(cols[1].gap, 28.0 + 20.0 * m.label_char);
        assert_eq!(cols[2].gap, m.column_gap);
        assert_eq!(cols[2].width, 24.0 + 30.0 * m.node_char);
        let l = layout(&t, &m, &cols);
        let x = |id| l.position(id).unwrap().x;
        assert_eq!(x(1) - x(0), m.node_width + cols[1].gap);
        assert_eq!(x(2) - x(1), m.node_width + m.column_gap);
        assert_eq!(l.position(2).unwrap().width, cols[2].width);
        // Nothing grows beyond the bounds.
        let huge = columns(&t, |_| 1000, |_| 1000, &m);
        assert_eq!(
            (huge[1].width, huge[1].gap),
            (m.max_node_width, m.max_column_gap)
        );
    }

    #[test]
    fn several_roots_stack_and_an_empty_tree_is_empty() {
        let t = tree(
            vec![node(7, None, 1, vec![]), node(8, None, 1, vec![])],
            vec![7, 8],
        );
        let m = Metrics::default();
        assert_eq!(
            rows(&layout(&t, &m, &[]), &m),
            vec![(7, 0.0, 0.0), (8, 0.0, 1.0)]
        );
        assert!(layout(&tree(vec![], vec![]), &m, &[]).nodes.is_empty());
    }

    #[test]
    fn only_counterexamples_keeps_outside_nodes_and_their_ancestors() {
        let mut nodes = vec![
            node(0, None, 1, vec![1, 2]),
            node(1, Some(0), 2, vec![3, 4]),
            node(2, Some(0), 2, vec![]),
            node(3, Some(1), 3, vec![]),
            node(4, Some(1), 3, vec![]),
            node(5, None, 1, vec![]),
        ];
        nodes[3].outside_property = true;
        let cut = outside_only(&tree(nodes, vec![0, 5]));
        let kept: Vec<(u32, Vec<u32>)> = cut
            .nodes
            .iter()
            .map(|n| (n.id, n.children.clone()))
            .collect();
        assert_eq!(kept, vec![(0, vec![1]), (1, vec![3]), (3, vec![])]);
        assert_eq!(cut.roots, vec![0]);
    }

    #[test]
    fn collapsing_hides_the_subtree_and_keeps_the_node() {
        let t = tree(
            vec![
                node(0, None, 1, vec![1, 2]),
                node(1, Some(0), 2, vec![3]),
                node(2, Some(0), 2, vec![]),
                node(3, Some(1), 3, vec![4]),
                node(4, Some(3), 4, vec![]),
            ],
            vec![0],
        );
        let cut = collapse(&t, &HashSet::from([1]));
        let kept: Vec<(u32, Vec<u32>)> = cut
            .nodes
            .iter()
            .map(|n| (n.id, n.children.clone()))
            .collect();
        assert_eq!(kept, vec![(0, vec![1, 2]), (1, vec![]), (2, vec![])]);
        assert_eq!(collapse(&t, &HashSet::new()).nodes.len(), 5);
    }

    #[test]
    fn a_band_draws_three_views_and_is_redrawn_near_its_edges() {
        let band = Band::around(1000.0, 1500.0);
        assert_eq!((band.top, band.bottom), (500.0, 2000.0));
        assert!(band.meets(1900.0, 2100.0) && band.meets(2100.0, 400.0));
        assert!(!band.meets(2001.0, 2100.0));
        assert!(band.covers(1000.0, 1500.0, 10_000.0));
        assert!(band.covers(800.0, 1300.0, 10_000.0));
        assert!(!band.covers(700.0, 1200.0, 10_000.0));
        // At the top of the drawing there is nothing above to draw.
        assert!(Band::around(0.0, 500.0).covers(0.0, 500.0, 10_000.0));
        assert!(Band::ALL.covers(0.0, 1e9, 1e9));
        assert!(!Band::NONE.meets(0.0, 1.0) && !Band::NONE.meets(-1e9, 1e9));
    }

    #[test]
    fn children_missing_from_a_truncated_tree_are_ignored() {
        let t = tree(
            vec![node(0, None, 1, vec![1, 2]), node(1, Some(0), 2, vec![])],
            vec![0],
        );
        let m = Metrics::default();
        assert_eq!(
            rows(&layout(&t, &m, &[]), &m),
            vec![(0, 0.0, 0.0), (1, 1.0, 0.0)]
        );
    }
}
