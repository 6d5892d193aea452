//! A loaded spec kept in memory between questions: the behavior tree (`tree`), counting the
//! regions of Spec vs Property, and membership (`member`). The web worker holds one `Session`
//! per text; the CLI makes one per command. The top layer: uses `eval`, `model`, `search` and
//! `analysis`; only the crate's root uses it.

pub mod member;
mod tree;

use std::fmt;

use serde::{Deserialize, Serialize};
use thicket_syntax::ast::Span;
use thicket_syntax::Diagnostic;

use crate::analysis::count::{behaviors_by_length, regions_by_length, Count, Num};

/// The most steps one expansion unfolds below a node.
pub const MAX_EXPAND_LEVELS: u32 = 32;
use crate::eval::expr::EvalError;
use crate::model::distinct::Distinction;
use crate::model::show::TraceStep;
use crate::model::spec::{load, Spec};
use crate::search::graph::{GraphLimits, StateGraph};

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
    marks: Option<tree::Marks>,
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
    pub fn open<'a>(
        src: impl Into<crate::model::spec::Source<'a>>,
        cfg: Option<&str>,
    ) -> Result<Session, Vec<Diagnostic>> {
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
            // The tree, counting and membership are about behaviors, whole: their states are
            // told apart by themselves, whatever VIEW or SYMMETRY the model names.
            self.graph = Some(StateGraph::build(
                &self.spec.prog,
                &self.spec.constraints,
                &Distinction::default(),
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
                let live = crate::analysis::liveness::Liveness::new(
                    &self.spec.prog,
                    g,
                    self.spec.fairness.clone(),
                );
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
                steps: &[],
                constraints: &self.spec.constraints,
                distinction: &Distinction::default(),
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
