//! The behavior tree of a session: the whole tree to a depth, a node's children and the
//! nodes below it on demand, and the one place where a node is marked against the tree's
//! property ([`Marker`]): outside it, where a behavior leaves it, on the shortest
//! counterexample. The whole tree and every lazily unfolded child are marked by the same
//! code, so an expansion marks its nodes exactly as a deeper tree would.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Session, SessionError, MAX_EXPAND_LEVELS};
use crate::analysis::count::{behaviors_from, Num};
use crate::analysis::liveness::{Lasso, Liveness};
use crate::analysis::tree::{Expansion, TreeNode, TreeOptions, TreeReport};
use crate::model::diff::Change;
use crate::model::program::Program;
use crate::model::show::{StepInfo, TraceStep, VarValue};
use crate::model::temporal::Temporal;
use crate::search::graph::{Edge, StateGraph};

/// A path of the graph: the action that led to each state (none for the first), and the state.
type Path = Vec<(Option<u32>, u32)>;

/// What a session knows of the property its tree is drawn against, on the current graph:
/// which states satisfy it (a safety property) and its shortest counterexample, or the lasso
/// that violates it (a temporal property).
pub(super) struct Marks {
    property: String,
    graph_len: usize,
    sat: Option<Vec<bool>>,
    cex: Path,
    lasso: Option<Lasso>,
}

/// How a node stands against the tree's property.
#[derive(Clone, Copy, Default)]
struct Mark {
    /// Its behavior has left the property, here or above.
    outside: bool,
    /// Its behavior leaves the property at this very node.
    leaves_here: bool,
    /// It lies on the shortest counterexample (the first matching root and step at each level).
    on_cex: bool,
}

/// Marks nodes against a property: the one rule for the whole tree and for lazy children.
#[derive(Default)]
struct Marker<'a> {
    sat: Option<&'a [bool]>,
    /// The counterexample as a path, at least as long as the tree is deep.
    cex: Path,
}

impl<'a> Marker<'a> {
    /// The marker of `marks` on `g`, for a tree `depth` states deep (a lasso is unrolled).
    fn new(marks: Option<&'a Marks>, g: &StateGraph, depth: u32) -> Marker<'a> {
        let Some(m) = marks else {
            return Marker::default();
        };
        let cex = match &m.lasso {
            Some(l) => unroll(g, l, depth as usize),
            None => m.cex.clone(),
        };
        Marker {
            sat: m.sat.as_deref(),
            cex,
        }
    }

    fn violates(&self, s: u32) -> bool {
        self.sat.is_some_and(|v| !v[s as usize])
    }

    /// Which of `choices` (by action and state) the counterexample takes at `level`.
    fn cex_choice(
        &self,
        level: usize,
        choices: impl Iterator<Item = (Option<u32>, u32)>,
    ) -> Option<usize> {
        let want = self.cex.get(level)?;
        choices.into_iter().position(|c| c == *want)
    }

    /// The mark of the initial state number `i` of `g`.
    fn root(&self, g: &StateGraph, i: usize) -> Mark {
        let s = g.init[i];
        let outside = self.violates(s);
        Mark {
            outside,
            leaves_here: outside,
            // The first initial state the counterexample starts from (its first step has no
            // action).
            on_cex: self
                .cex
                .first()
                .and_then(|(_, c)| g.init.iter().position(|s| s == c))
                == Some(i),
        }
    }

    /// The mark of the child reached by step `i` of `succ`, the steps from a node marked
    /// `parent` at depth `level` (0 for a root).
    fn child(&self, parent: Mark, level: usize, succ: &[Edge], i: usize) -> Mark {
        let v = self.violates(succ[i].to);
        let choices = succ.iter().map(|e| (Some(e.action), e.to));
        Mark {
            outside: parent.outside || v,
            leaves_here: !parent.outside && v,
            on_cex: parent.on_cex && self.cex_choice(level + 1, choices) == Some(i),
        }
    }
}

/// A node to make: where it is in the tree and how it is marked.
struct Place {
    id: u32,
    parent: Option<u32>,
    depth: u32,
    action: Option<u32>,
    state: u32,
    path: Vec<u32>,
    mark: Mark,
}

impl Session {
    /// The behavior tree unfolded to `opts.depth` states, breadth-first, at most
    /// `opts.max_nodes` nodes. States already shown at a shallower depth are folded (not
    /// unfolded again); every node carries the number of behaviors below it, from the graph.
    pub fn tree(&mut self, opts: &TreeOptions) -> TreeReport {
        let depth = opts.depth.max(1);
        let properties: Vec<String> = self
            .spec
            .properties()
            .map(|(name, _)| name.to_string())
            .collect();
        // The highlighted property: the one asked for, else the first that fails.
        let chosen: Option<String> = match &opts.property {
            Some(p) => Some(p.clone()),
            None => self.first_violated(),
        };
        let marked = self.prepare_marks(chosen.as_deref(), depth);
        let g = self.graph.as_ref().expect("graph");
        let marker = Marker::new(self.marks.as_ref().filter(|_| marked.is_ok()), g, depth);
        let (nodes, truncated) = self.unfold(g, &marker, depth, opts.max_nodes);
        let roots = nodes
            .iter()
            .filter(|n| n.parent.is_none())
            .map(|n| n.id)
            .collect();
        let error = g.error.as_ref().map(|(_, e)| e.to_string());
        TreeReport {
            nodes,
            roots,
            property: chosen,
            properties,
            truncated,
            diagnostics: vec![],
            error: error.or(marked.err().map(|e| e.to_string())),
        }
    }

    /// The nodes of the tree `depth` states deep, breadth-first, at most `max_nodes` (and
    /// whether that cut it short).
    fn unfold(
        &self,
        g: &StateGraph,
        marker: &Marker<'_>,
        depth: u32,
        max_nodes: u32,
    ) -> (Vec<TreeNode>, bool) {
        let below = behaviors_from(g, depth);
        let mut parts = NodeParts::default();
        let mut nodes: Vec<TreeNode> = Vec::new();
        let mut frontier: Vec<u32> = Vec::new();
        let full = |nodes: &Vec<TreeNode>| nodes.len() as u32 >= max_nodes;
        for i in 0..g.init.len() {
            if full(&nodes) {
                return (nodes, true);
            }
            let id = nodes.len() as u32;
            let place = Place {
                id,
                parent: None,
                depth: 1,
                action: None,
                state: g.init[i],
                path: vec![i as u32],
                mark: marker.root(g, i),
            };
            nodes.push(self.node(g, &mut parts, &below, depth, place));
            frontier.push(id);
        }
        for d in 1..depth {
            let mut next = Vec::new();
            for n in frontier {
                let (s, mark) = (nodes[n as usize].state_id, mark_of(&nodes[n as usize]));
                if nodes[n as usize].repeat {
                    continue;
                }
                let succ = g.successors(s);
                for (i, e) in succ.iter().enumerate() {
                    if full(&nodes) {
                        return (nodes, true);
                    }
                    let id = nodes.len() as u32;
                    let mut path = nodes[n as usize].path.clone();
                    path.push(i as u32);
                    let place = Place {
                        id,
                        parent: Some(n),
                        depth: d + 1,
                        action: Some(e.action),
                        state: e.to,
                        path,
                        mark: marker.child(mark, d as usize - 1, succ, i),
                    };
                    let mut node = self.node(g, &mut parts, &below, depth, place);
                    node.changes = parts.changes(&self.spec.prog, g, s, e.to);
                    nodes.push(node);
                    nodes[n as usize].children.push(id);
                    next.push(id);
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        (nodes, false)
    }

    /// A tree node at `place`; its count of behaviors below from `below` (none when empty).
    fn node(
        &self,
        g: &StateGraph,
        parts: &mut NodeParts,
        below: &[Vec<Num>],
        max_depth: u32,
        place: Place,
    ) -> TreeNode {
        let s = place.state;
        let remaining = (max_depth - place.depth + 1) as usize;
        let behaviors = below[..remaining.min(below.len())]
            .iter()
            .fold(Num::ZERO, |a, row| a + row[s as usize]);
        TreeNode {
            id: place.id,
            parent: place.parent,
            depth: place.depth,
            step: place.action.map(|a| parts.step(g, a)),
            state: parts.state(&self.spec.prog, g, s),
            changes: Arc::from([]),
            state_id: s,
            repeat: g.depth[s as usize] < place.depth,
            outside_property: place.mark.outside,
            leaves_here: place.mark.leaves_here,
            on_counterexample: place.mark.on_cex,
            children: vec![],
            path: place.path,
            behaviors_below: behaviors.into(),
            terminated: g.terminated[s as usize],
        }
    }

    /// The state a tree path leads to, with the step that led to it, or why the path is invalid.
    fn walk(&mut self, path: &[u32]) -> Result<(u32, Option<u32>), SessionError> {
        let depth = path.len() as u32 + 1;
        let g = self.graph(depth);
        let (&root, rest) = path.split_first().ok_or(SessionError::EmptyPath)?;
        let mut s = *g
            .init
            .get(root as usize)
            .ok_or(SessionError::NoInitialState { number: root + 1 })?;
        let mut action = None;
        for (level, &i) in rest.iter().enumerate() {
            let e = g
                .successors(s)
                .get(i as usize)
                .ok_or(SessionError::NoStep { step: level + 2 })?;
            s = e.to;
            action = Some(e.action);
        }
        Ok((s, action))
    }

    /// The children of the node at `path` (every way to extend its behavior by one step), for
    /// lazy expansion and the stepper. Their `id`s are their indices; `parent` is `None`.
    pub fn children(&mut self, path: &[u32]) -> Result<Vec<TreeNode>, SessionError> {
        self.children_against(path, None)
    }

    /// The nodes below `path`, breadth-first, `levels` steps deep (at most `MAX_EXPAND_LEVELS`),
    /// at most `max_nodes` of them. Like the tree, a state already shown at a shallower depth is
    /// not unfolded again below the node asked about (the node itself always is: the user asked).
    pub fn expand(
        &mut self,
        path: &[u32],
        levels: u32,
        max_nodes: u32,
        property: Option<&str>,
    ) -> Result<Expansion, SessionError> {
        let levels = levels.clamp(1, MAX_EXPAND_LEVELS);
        // Build the graph once to the deepest level asked about, not once per level.
        self.graph(path.len() as u32 + levels + 1);
        let mut out = Expansion::default();
        let mut frontier = vec![path.to_vec()];
        for level in 1..=levels {
            let mut next = Vec::new();
            for at in frontier {
                let children = self.children_against(&at, property)?;
                for child in children {
                    if out.nodes.len() as u32 >= max_nodes {
                        out.truncated = true;
                        return Ok(out);
                    }
                    if level < levels && !child.repeat {
                        next.push(child.path.clone());
                    }
                    out.nodes.push(child);
                }
            }
            frontier = next;
        }
        Ok(out)
    }

    /// The children of the node at `path`, marked against `property` as [`Session::tree`]
    /// marks its nodes: outside the property, where a behavior leaves it, on the shortest
    /// counterexample (for a temporal property, its lasso unrolled).
    pub fn children_against(
        &mut self,
        path: &[u32],
        property: Option<&str>,
    ) -> Result<Vec<TreeNode>, SessionError> {
        // A path of n states ends at a node of depth n; its children are at depth n + 1.
        let depth = path.len() as u32 + 1;
        self.prepare_marks(property, depth)?;
        self.walk(path)?;
        let g = self.graph.as_ref().expect("graph");
        let marker = Marker::new(self.marks.as_ref().filter(|_| property.is_some()), g, depth);
        // The node at `path`, marked level by level as the tree marks it.
        let mut s = g.init[path[0] as usize];
        let mut mark = marker.root(g, path[0] as usize);
        for (level, &i) in path[1..].iter().enumerate() {
            let succ = g.successors(s);
            mark = marker.child(mark, level, succ, i as usize);
            s = succ[i as usize].to;
        }
        let succ = g.successors(s);
        let mut parts = NodeParts::default();
        let children = succ.iter().enumerate().map(|(i, e)| {
            let mut p = path.to_vec();
            p.push(i as u32);
            let place = Place {
                id: i as u32,
                parent: None,
                depth,
                action: Some(e.action),
                state: e.to,
                path: p,
                mark: marker.child(mark, path.len() - 1, succ, i),
            };
            let mut node = self.node(g, &mut parts, &[], depth, place);
            // One behavior ends at each child (the tree below it is not unfolded here), so no
            // counting table over the whole graph is needed.
            node.behaviors_below = Num::ONE.into();
            node.changes = parts.changes(&self.spec.prog, g, s, e.to);
            node
        });
        Ok(children.collect())
    }

    /// Build the graph a tree `depth` states deep needs against `property` (all of it for a
    /// temporal property: its counterexample is a lasso), and mark the property on it.
    fn prepare_marks(&mut self, property: Option<&str>, depth: u32) -> Result<(), SessionError> {
        let temporal = property.and_then(|p| {
            self.spec
                .temporal
                .iter()
                .find(|(n, _)| n == p)
                .map(|(_, t)| t.clone())
        });
        self.graph(if temporal.is_some() { u32::MAX } else { depth });
        match property {
            Some(p) => self.mark(p, temporal.as_ref()),
            None => Ok(()),
        }
    }

    /// Compute (or reuse) the marks of `property` on the current graph.
    fn mark(&mut self, property: &str, temporal: Option<&Temporal>) -> Result<(), SessionError> {
        let g = self.graph.as_ref().expect("graph");
        if self
            .marks
            .as_ref()
            .is_some_and(|m| m.property == property && m.graph_len == g.len())
        {
            return Ok(());
        }
        let (sat, cex, lasso) = match temporal {
            Some(t) => {
                let live = Liveness::new(&self.spec.prog, g, self.spec.fairness.clone());
                let lasso = if g.complete {
                    live.violation(&self.spec.prog, t).ok().flatten()
                } else {
                    None
                };
                (None, vec![], lasso)
            }
            None => {
                let sat = self.satisfies(g, property)?;
                let cex = (0..g.len())
                    .find(|s| !sat[*s])
                    .map(|s| g.path_to(s as u32))
                    .unwrap_or_default();
                (Some(sat), cex, None)
            }
        };
        self.marks = Some(Marks {
            property: property.into(),
            graph_len: g.len(),
            sat,
            cex,
            lasso,
        });
        Ok(())
    }

    /// The behavior a tree path stands for, state by state.
    pub fn behavior_at(&mut self, path: &[u32]) -> Result<Vec<TraceStep>, SessionError> {
        let mut steps = Vec::new();
        for k in 1..=path.len() {
            let (s, action) = self.walk(&path[..k])?;
            steps.push((action, s));
        }
        let g = self.graph.as_ref().expect("graph");
        Ok(g.behavior(&self.spec.prog, &steps))
    }
}

/// How a node already made stands against the property.
fn mark_of(node: &TreeNode) -> Mark {
    Mark {
        outside: node.outside_property,
        leaves_here: node.leaves_here,
        on_cex: node.on_counterexample,
    }
}

/// A lasso's states followed around its loop until `len` states.
fn unroll(g: &StateGraph, lasso: &Lasso, len: usize) -> Path {
    let mut out = lasso.states.clone();
    let Some(start) = lasso.loop_start else {
        return out;
    };
    if start + 1 >= lasso.states.len() {
        // A lone state that stutters forever: nothing more to draw.
        return out;
    }
    let entry = lasso.states[start].1;
    let cycle: Path = lasso.states[start + 1..].to_vec();
    let last = cycle.last().expect("non-empty cycle").1;
    let back = g
        .successors(last)
        .iter()
        .find(|e| e.to == entry)
        .map(|e| e.action);
    let mut round = vec![(back, entry)];
    round.extend(cycle);
    let mut i = 0;
    while out.len() < len {
        out.push(round[i % round.len()]);
        i += 1;
    }
    out
}

/// What the nodes of one tree share: each state's shown values, each action's step and each
/// step's changes are made once and handed to every node that shows them.
#[derive(Default)]
struct NodeParts {
    states: HashMap<u32, Arc<[VarValue]>>,
    steps: HashMap<u32, Arc<StepInfo>>,
    changes: HashMap<(u32, u32), Arc<[Change]>>,
}

impl NodeParts {
    fn state(&mut self, prog: &Program, g: &StateGraph, s: u32) -> Arc<[VarValue]> {
        self.states
            .entry(s)
            .or_insert_with(|| crate::model::show::show_state(prog, &g.states[s as usize]).into())
            .clone()
    }

    fn step(&mut self, g: &StateGraph, action: u32) -> Arc<StepInfo> {
        self.steps
            .entry(action)
            .or_insert_with(|| Arc::new(g.actions[action as usize].clone()))
            .clone()
    }

    fn changes(&mut self, prog: &Program, g: &StateGraph, from: u32, to: u32) -> Arc<[Change]> {
        self.changes
            .entry((from, to))
            .or_insert_with(|| g.changes(prog, from, to).into())
            .clone()
    }
}
