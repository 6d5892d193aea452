//! A loaded spec kept in memory between questions: the behavior tree, counting the regions
//! of Spec vs Property, and membership. The web worker holds one `Session` per text; the CLI
//! makes one per command.

pub mod member;

use std::fmt;

use serde::{Deserialize, Serialize};
use thicket_syntax::ast::Span;
use thicket_syntax::Diagnostic;

use crate::analysis::count::{behaviors_by_length, behaviors_from, regions_by_length, Count, Num};
use crate::analysis::tree::{Expansion, TreeNode, TreeOptions, TreeReport};

/// The most steps one expansion unfolds below a node.
pub const MAX_EXPAND_LEVELS: u32 = 32;
use crate::eval::expr::EvalError;
use crate::model::diff::Change;
use crate::model::program::Program;
use crate::model::show::{StepInfo, TraceStep, VarValue};
use crate::model::spec::{load, Spec};
use crate::search::graph::{GraphLimits, StateGraph};
use std::collections::HashMap;
use std::sync::Arc;

/// The largest graph a session builds (states); beyond, answers say they are partial.
pub const MAX_GRAPH_STATES: usize = 2_000_000;

pub struct Session {
    pub spec: Spec,
    graph: Option<StateGraph>,
    /// The depth the current graph was built to (`u32::MAX`: unbounded).
    graph_depth: u32,
    /// Whether the last search for a violated invariant found one.
    violated_invariant_found: bool,
    /// The last property marked in lazily unfolded children: (name, graph size, per-state
    /// satisfaction for a safety property, the counterexample for it or the lasso for a
    /// temporal one).
    marks: Option<Marks>,
}

struct Marks {
    property: String,
    graph_len: usize,
    sat: Option<Vec<bool>>,
    cex: Vec<(Option<u32>, u32)>,
    lasso: Option<crate::analysis::liveness::Lasso>,
}

/// The answer to "how many behaviors of length ≤ k lie in each region?".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CountReport {
    pub property: String,
    pub length: u32,
    /// Behaviors of the Spec with 1..=length states, by length.
    pub spec_by_length: Vec<Count>,
    /// Of those, the ones inside the Property (Spec ∩ Property).
    pub inside_by_length: Vec<Count>,
    /// And outside it (Spec \ Property): the counterexamples.
    pub outside_by_length: Vec<Count>,
    pub spec_total: Count,
    pub inside_total: Count,
    pub outside_total: Count,
    pub inside_examples: Vec<Vec<TraceStep>>,
    pub outside_examples: Vec<Vec<TraceStep>>,
    /// False when the state graph was cut by a limit (counts are then lower bounds).
    pub complete: bool,
    pub error: Option<String>,
}

/// Why a session could not answer a question about the tree (a path that names no node, a
/// property it cannot mark). Sent as is to the page, which shows its `Display`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SessionError {
    /// A tree path with no root.
    EmptyPath,
    /// A path whose root is not an initial state (`number` counts from 1).
    NoInitialState { number: u32 },
    /// A path whose step `step` does not exist (the root is step 1).
    NoStep { step: usize },
    /// A name that is not a safety property of the spec.
    NotSafetyProperty { name: String, known: Vec<String> },
    /// The property cannot be evaluated in some state: the evaluator's message, located in the
    /// spec's text.
    Eval { message: String, span: Span },
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::EmptyPath => write!(f, "an empty path names no node"),
            SessionError::NoInitialState { number } => {
                write!(f, "there is no initial state number {number}")
            }
            SessionError::NoStep { step } => write!(f, "step {step} of the path does not exist"),
            SessionError::NotSafetyProperty { name, known } => write!(
                f,
                "`{name}` is not a safety property of this spec (known: {})",
                known.join(", ")
            ),
            SessionError::Eval { message, .. } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for SessionError {}

impl From<EvalError> for SessionError {
    fn from(e: EvalError) -> SessionError {
        SessionError::Eval {
            message: e.message,
            span: e.span,
        }
    }
}

impl Session {
    pub fn open(src: &str, cfg: Option<&str>) -> Result<Session, Vec<Diagnostic>> {
        Ok(Session {
            spec: load(src, cfg)?,
            graph: None,
            graph_depth: 0,
            violated_invariant_found: false,
            marks: None,
        })
    }

    /// The state graph expanded to at least `depth` (roots at depth 1).
    pub fn graph(&mut self, depth: u32) -> &StateGraph {
        let enough = self
            .graph
            .as_ref()
            .is_some_and(|g| g.complete || self.graph_depth >= depth);
        if !enough {
            let limits = GraphLimits {
                max_states: MAX_GRAPH_STATES,
                max_depth: depth,
            };
            self.graph = Some(StateGraph::build(
                &self.spec.prog,
                &self.spec.constraints,
                limits,
                &mut |_| true,
            ));
            self.graph_depth = depth;
        }
        self.graph.as_ref().expect("graph was just built")
    }

    /// The graph built so far, if any.
    pub fn built_graph(&self) -> Option<&StateGraph> {
        self.graph.as_ref()
    }

    /// The names of the safety properties (invariants and `[]P`), whose regions can be counted.
    pub fn safety_properties(&self) -> Vec<String> {
        self.spec
            .invariants
            .iter()
            .map(|i| i.name.clone())
            .collect()
    }

    /// For each state of the graph, whether it satisfies the safety property `name`.
    fn satisfies(&self, g: &StateGraph, name: &str) -> Result<Vec<bool>, SessionError> {
        let inv = self
            .spec
            .invariants
            .iter()
            .find(|i| i.name == name)
            .ok_or_else(|| SessionError::NotSafetyProperty {
                name: name.to_string(),
                known: self.safety_properties(),
            })?;
        let prog = &self.spec.prog;
        let mut frame = prog.new_frame();
        g.states
            .iter()
            .map(|st| {
                prog.env(st, None)
                    .bool(&inv.expr, &mut frame)
                    .map_err(SessionError::from)
            })
            .collect()
    }

    fn behavior(&self, g: &StateGraph, path: &[(Option<u32>, u32)]) -> Vec<TraceStep> {
        g.behavior(&self.spec.prog, path)
    }

    /// Count the behaviors with at most `k` states in Spec, Spec ∩ Property and Spec \ Property,
    /// with up to `examples` example behaviors from each region.
    pub fn count(&mut self, property: &str, k: u32, examples: usize) -> CountReport {
        let k = k.max(1);
        self.graph(k);
        let g = self.graph.as_ref().expect("graph");
        let sat = match self.satisfies(g, property) {
            Ok(s) => s,
            Err(e) => {
                return CountReport {
                    property: property.into(),
                    length: k,
                    error: Some(e.to_string()),
                    ..Default::default()
                }
            }
        };
        let all = behaviors_by_length(g, None, k);
        let (inside, outside) = regions_by_length(g, &sat, k);
        let sum = |v: &[Num]| v.iter().fold(Num::ZERO, |a, b| a + *b);
        let inside_examples = self.examples_inside(g, &sat, k, examples);
        let outside_examples = self.examples_outside(g, &sat, k, examples);
        CountReport {
            property: property.into(),
            length: k,
            spec_total: sum(&all).into(),
            inside_total: sum(&inside).into(),
            outside_total: sum(&outside).into(),
            spec_by_length: all.into_iter().map(Count::from).collect(),
            inside_by_length: inside.into_iter().map(Count::from).collect(),
            outside_by_length: outside.into_iter().map(Count::from).collect(),
            inside_examples,
            outside_examples,
            // Exact when every state shallower than k was expanded (states are in BFS order).
            complete: g.error.is_none()
                && (g.complete
                    || g.depth[g.expanded.min(g.depth.len())..]
                        .iter()
                        .all(|d| *d >= k)),
            error: g.error.as_ref().map(|(_, e)| e.to_string()),
        }
    }

    /// Behaviors staying inside the property, as long as possible (up to `k` states).
    fn examples_inside(
        &self,
        g: &StateGraph,
        sat: &[bool],
        k: u32,
        n: usize,
    ) -> Vec<Vec<TraceStep>> {
        let mut out = Vec::new();
        let mut path: Vec<(Option<u32>, u32)> = Vec::new();
        fn dfs(
            g: &StateGraph,
            sat: &[bool],
            k: u32,
            n: usize,
            path: &mut Vec<(Option<u32>, u32)>,
            out: &mut Vec<Vec<(Option<u32>, u32)>>,
        ) {
            if out.len() >= n {
                return;
            }
            let (_, s) = *path.last().expect("non-empty path");
            let next: Vec<_> = g
                .successors(s)
                .iter()
                .filter(|e| sat[e.to as usize])
                .copied()
                .collect();
            if path.len() as u32 >= k || next.is_empty() {
                out.push(path.clone());
                return;
            }
            for e in next {
                path.push((Some(e.action), e.to));
                dfs(g, sat, k, n, path, out);
                path.pop();
                if out.len() >= n {
                    return;
                }
            }
        }
        let mut paths = Vec::new();
        for &s in &g.init {
            if sat[s as usize] && paths.len() < n {
                path.push((None, s));
                dfs(g, sat, k, n, &mut path, &mut paths);
                path.pop();
            }
        }
        for p in paths {
            out.push(self.behavior(g, &p));
        }
        out
    }

    /// Shortest behaviors that leave the property, each ending at the step where it leaves.
    fn examples_outside(
        &self,
        g: &StateGraph,
        sat: &[bool],
        k: u32,
        n: usize,
    ) -> Vec<Vec<TraceStep>> {
        let mut out = Vec::new();
        // States in BFS order: the first violating ones have the shortest behaviors.
        for s in 0..g.len() {
            if out.len() >= n {
                break;
            }
            if sat[s] || g.depth[s] > k {
                continue;
            }
            let path = g.path_to(s as u32);
            // Only behaviors whose earlier states are all inside: they leave exactly here.
            if path[..path.len() - 1]
                .iter()
                .all(|(_, st)| sat[*st as usize])
            {
                out.push(self.behavior(g, &path));
            }
        }
        out
    }

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
        // The highlighted property: the one asked for, else the first invariant that fails.
        let chosen: Option<String> = match &opts.property {
            Some(p) => Some(p.clone()),
            None => self.first_violated(),
        };
        // A temporal property's counterexample is a lasso: it needs the whole graph.
        let temporal = chosen.as_ref().and_then(|p| {
            self.spec
                .temporal
                .iter()
                .find(|(n, _)| n == p)
                .map(|(_, t)| t.clone())
        });
        self.graph(if temporal.is_some() { u32::MAX } else { depth });
        let g = self.graph.as_ref().expect("graph");
        let sat = chosen.as_ref().and_then(|p| self.satisfies(g, p).ok());
        // The shortest counterexample: a path to the shallowest violating state, or the lasso
        // unrolled to the tree's depth.
        let cex: Vec<(Option<u32>, u32)> = match (&sat, &temporal) {
            (Some(sat), _) => (0..g.len())
                .find(|s| !sat[*s])
                .map(|s| g.path_to(s as u32))
                .unwrap_or_default(),
            (None, Some(t)) if g.complete => {
                let live = crate::analysis::liveness::Liveness::new(g, self.spec.fairness.clone());
                match live.violation(&self.spec.prog, t) {
                    Ok(Some(lasso)) => unroll(g, &lasso, depth as usize),
                    _ => vec![],
                }
            }
            _ => vec![],
        };
        let below = behaviors_from(g, depth);

        let mut nodes: Vec<TreeNode> = Vec::new();
        let mut parts = NodeParts::default();
        let mut truncated = false;
        let mut frontier: Vec<u32> = Vec::new();
        for (i, &s) in g.init.iter().enumerate() {
            if nodes.len() as u32 >= opts.max_nodes {
                truncated = true;
                break;
            }
            let on_cex = cex.first().is_some_and(|(_, c)| *c == s)
                && !nodes.iter().any(|n| n.on_counterexample);
            let outside = sat.as_ref().is_some_and(|v| !v[s as usize]);
            nodes.push(self.node(
                g,
                &mut parts,
                &below,
                depth,
                nodes.len() as u32,
                None,
                1,
                None,
                s,
                vec![i as u32],
                outside,
                outside,
                on_cex,
            ));
            frontier.push(nodes.len() as u32 - 1);
        }
        let mut d = 1;
        while d < depth && !frontier.is_empty() && !truncated {
            let mut next = Vec::new();
            'level: for n in frontier {
                let (s, repeat, parent_outside, parent_cex) = {
                    let node = &nodes[n as usize];
                    (
                        node.state_id,
                        node.repeat,
                        node.outside_property,
                        node.on_counterexample,
                    )
                };
                if repeat {
                    continue;
                }
                for (ei, e) in g.successors(s).iter().enumerate() {
                    if nodes.len() as u32 >= opts.max_nodes {
                        truncated = true;
                        break 'level;
                    }
                    let violates = sat.as_ref().is_some_and(|v| !v[e.to as usize]);
                    let on_cex = parent_cex
                        && cex
                            .get(d as usize)
                            .is_some_and(|(a, c)| *c == e.to && *a == Some(e.action))
                        && !nodes[n as usize]
                            .children
                            .iter()
                            .any(|c| nodes[*c as usize].on_counterexample);
                    let mut path = nodes[n as usize].path.clone();
                    path.push(ei as u32);
                    let id = nodes.len() as u32;
                    let node = self.node(
                        g,
                        &mut parts,
                        &below,
                        depth,
                        id,
                        Some(n),
                        d + 1,
                        Some(e.action),
                        e.to,
                        path,
                        parent_outside || violates,
                        !parent_outside && violates,
                        on_cex,
                    );
                    let node = TreeNode {
                        changes: parts.changes(&self.spec.prog, g, s, e.to),
                        ..node
                    };
                    nodes.push(node);
                    nodes[n as usize].children.push(id);
                    next.push(id);
                }
            }
            frontier = next;
            d += 1;
        }
        let roots = nodes
            .iter()
            .filter(|n| n.parent.is_none())
            .map(|n| n.id)
            .collect();
        TreeReport {
            nodes,
            roots,
            property: chosen,
            properties,
            truncated,
            diagnostics: vec![],
            error: g.error.as_ref().map(|(_, e)| e.to_string()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn node(
        &self,
        g: &StateGraph,
        parts: &mut NodeParts,
        below: &[Vec<Num>],
        max_depth: u32,
        id: u32,
        parent: Option<u32>,
        depth: u32,
        action: Option<u32>,
        s: u32,
        path: Vec<u32>,
        outside: bool,
        leaves_here: bool,
        on_cex: bool,
    ) -> TreeNode {
        let remaining = (max_depth - depth + 1) as usize;
        let behaviors = below[..remaining.min(below.len())]
            .iter()
            .fold(Num::ZERO, |a, row| a + row[s as usize]);
        TreeNode {
            id,
            parent,
            depth,
            step: action.map(|a| parts.step(g, a)),
            state: parts.state(&self.spec.prog, g, s),
            changes: Arc::from([]),
            state_id: s,
            repeat: g.depth[s as usize] < depth,
            outside_property: outside,
            leaves_here,
            on_counterexample: on_cex,
            children: vec![],
            path,
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
        let temporal = property.and_then(|p| {
            self.spec
                .temporal
                .iter()
                .find(|(n, _)| n == p)
                .map(|(_, t)| t.clone())
        });
        self.graph(if temporal.is_some() { u32::MAX } else { depth });
        self.walk(path)?;
        if let Some(p) = property {
            self.mark(p, temporal.as_ref())?;
        }
        let g = self.graph.as_ref().expect("graph");
        let marks = self.marks.as_ref().filter(|_| property.is_some());
        let sat = marks.and_then(|m| m.sat.as_deref());
        let cex: Vec<(Option<u32>, u32)> = match marks {
            Some(Marks { lasso: Some(l), .. }) => unroll(g, l, depth as usize),
            Some(m) => m.cex.clone(),
            None => vec![],
        };
        let violates = |s: u32| sat.is_some_and(|v| !v[s as usize]);
        // Walk the path: is it already outside, and does it follow the counterexample (taking,
        // as the tree does, the first root and the first step that match)?
        let mut s = g.init[path[0] as usize];
        let mut outside = violates(s);
        let mut on_cex = cex.first().is_some_and(|(_, c)| *c == s)
            && g.init.iter().position(|x| *x == s) == Some(path[0] as usize);
        for (level, &i) in path[1..].iter().enumerate() {
            let succ = g.successors(s);
            let e = succ[i as usize];
            on_cex = on_cex
                && cex.get(level + 1).is_some_and(|w| {
                    succ.iter().position(|x| *w == (Some(x.action), x.to)) == Some(i as usize)
                });
            s = e.to;
            outside |= violates(s);
        }
        let succ = g.successors(s);
        let cex_child = cex
            .get(path.len())
            .and_then(|w| succ.iter().position(|x| *w == (Some(x.action), x.to)))
            .filter(|_| on_cex);
        let mut parts = NodeParts::default();
        Ok(succ
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut p = path.to_vec();
                p.push(i as u32);
                let v = violates(e.to);
                let mut node = self.node(
                    g,
                    &mut parts,
                    &[],
                    depth,
                    i as u32,
                    None,
                    depth,
                    Some(e.action),
                    e.to,
                    p,
                    outside || v,
                    !outside && v,
                    cex_child == Some(i),
                );
                // One behavior ends at each child (the tree below it is not unfolded here), so
                // no counting table over the whole graph is needed.
                node.behaviors_below = Num::ONE.into();
                node.changes = parts.changes(&self.spec.prog, g, s, e.to);
                node
            })
            .collect())
    }

    /// Compute (or reuse) the marks of `property` on the current graph.
    fn mark(
        &mut self,
        property: &str,
        temporal: Option<&crate::model::temporal::Temporal>,
    ) -> Result<(), SessionError> {
        let g = self.graph.as_ref().expect("graph");
        if self
            .marks
            .as_ref()
            .is_some_and(|m| m.property == property && m.graph_len == g.len())
        {
            return Ok(());
        }
        let marks = match temporal {
            Some(t) => {
                let live = crate::analysis::liveness::Liveness::new(g, self.spec.fairness.clone());
                let lasso = if g.complete {
                    live.violation(&self.spec.prog, t).ok().flatten()
                } else {
                    None
                };
                Marks {
                    property: property.into(),
                    graph_len: g.len(),
                    sat: None,
                    cex: vec![],
                    lasso,
                }
            }
            None => {
                let sat = self.satisfies(g, property)?;
                let cex = (0..g.len())
                    .find(|s| !sat[*s])
                    .map(|s| g.path_to(s as u32))
                    .unwrap_or_default();
                Marks {
                    property: property.into(),
                    graph_len: g.len(),
                    sat: Some(sat),
                    cex,
                    lasso: None,
                }
            }
        };
        self.marks = Some(marks);
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

    /// The first property violated: an invariant (searching breadth-first), else a temporal
    /// property (on the whole graph).
    fn first_violated(&mut self) -> Option<String> {
        let inv = self.first_violated_invariant();
        if inv.is_some() && self.violated_invariant_found {
            return inv;
        }
        if !self.spec.temporal.is_empty() {
            self.graph(u32::MAX);
            let g = self.graph.as_ref().expect("graph");
            if g.complete {
                let live = crate::analysis::liveness::Liveness::new(g, self.spec.fairness.clone());
                for (name, t) in &self.spec.temporal {
                    if matches!(live.violation(&self.spec.prog, t), Ok(Some(_))) {
                        return Some(name.clone());
                    }
                }
            }
        }
        inv
    }

    /// The first invariant violated by some reachable state, searching breadth-first.
    fn first_violated_invariant(&mut self) -> Option<String> {
        use crate::search::limits::{CheckOptions, Outcome};
        for inv in &self.spec.invariants {
            let opts = CheckOptions {
                max_states: Some(200_000),
                ..Default::default()
            };
            let model = crate::search::explore::Model {
                prog: &self.spec.prog,
                invariants: std::slice::from_ref(inv),
                constraints: &self.spec.constraints,
                check_deadlock: false,
            };
            let ex = crate::search::explore::explore(&model, &opts, &mut |_| true);
            if matches!(
                ex.outcome,
                Outcome::InvariantViolated | Outcome::PropertyViolated
            ) {
                self.violated_invariant_found = true;
                return Some(inv.name.clone());
            }
        }
        self.violated_invariant_found = false;
        self.spec.invariants.first().map(|i| i.name.clone())
    }
}

/// A lasso's states followed around its loop until `len` states.
fn unroll(
    g: &StateGraph,
    lasso: &crate::analysis::liveness::Lasso,
    len: usize,
) -> Vec<(Option<u32>, u32)> {
    let mut out = lasso.states.clone();
    let Some(start) = lasso.loop_start else {
        return out;
    };
    if start + 1 >= lasso.states.len() {
        // A lone state that stutters forever: nothing more to draw.
        return out;
    }
    let entry = lasso.states[start].1;
    let cycle: Vec<(Option<u32>, u32)> = lasso.states[start + 1..].to_vec();
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
