//! The explicit state graph: every reachable state (up to limits) with its outgoing edges,
//! each edge naming its step. The behavior tree, counting, membership and liveness all work
//! on this graph: a behavior is a path in it from an initial state.
//!
//! States are numbered in breadth-first order, so `depth` is the length of the shortest
//! behavior reaching a state and edges are stored compactly (CSR: `offsets` into `edges`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::eval::value::Value;
use crate::model::constraints::Constraints;
use crate::model::distinct::Distinction;
use crate::model::program::Program;
use crate::model::program::Succ;
use crate::model::show::step_info;
use crate::model::show::StepInfo;
use crate::search::expand::{expand, ExpandError, Expansion};
use crate::search::fpset::{fingerprint, state_fingerprint, FpMap};

/// What tells one action of the graph from another: the process, the label, the arguments, the
/// event.
type ActionKey = (
    u32,
    Arc<str>,
    crate::eval::action::Args,
    Option<crate::model::event::Event>,
);

/// Why the graph could not be built whole.
#[derive(Clone, Debug, PartialEq)]
pub enum GraphError {
    /// The initial states cannot be computed.
    Init(crate::eval::expr::EvalError),
    /// A state cannot be expanded.
    Expand(ExpandError),
}

impl std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GraphError::Init(e) => f.write_str(&e.message),
            GraphError::Expand(e) => e.fmt(f),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub to: u32,
    /// Index into [`StateGraph::actions`].
    pub action: u32,
}

pub struct StateGraph {
    pub states: Vec<Vec<Value>>,
    /// 1 for initial states.
    pub depth: Vec<u32>,
    pub init: Vec<u32>,
    /// Edges of state `i`: `edges[offsets[i]..offsets[i + 1]]`, for `i < expanded`.
    pub offsets: Vec<u32>,
    pub edges: Vec<Edge>,
    /// The distinct steps (process, label, choices) that label edges.
    pub actions: Vec<StepInfo>,
    /// The process instance taking each action.
    pub action_instance: Vec<u32>,
    /// States whose processes have all finished (`Done`): they only stutter.
    pub terminated: Vec<bool>,
    /// The steps that leave the state constraints, as (state, process instance) pairs in state
    /// order: they are not edges, but their instance is enabled there (TLC evaluates `ENABLED`
    /// without the constraints).
    pub exits: Vec<(u32, u32)>,
    /// How many states (in id order) have had their successors computed.
    pub expanded: usize,
    /// Whether every reachable state was expanded (no limit was hit).
    pub complete: bool,
    /// An error met while building, with the state it happened in.
    pub error: Option<(u32, GraphError)>,
    /// When states are told apart by a view or a symmetry, the state each edge's step really
    /// reached (its target is the first state reached with the same view or least image): a
    /// property of steps is about these. Empty otherwise.
    reached: Vec<Vec<Value>>,
    seen: FpMap,
}

#[derive(Clone, Copy, Debug)]
pub struct GraphLimits {
    pub max_states: usize,
    /// Expand states up to this depth only (the roots are depth 1).
    pub max_depth: u32,
}

/// The most states a graph for liveness holds: in the page, where a tab's memory is a few
/// gigabytes at most, 2 million; natively, 8 million (a few hundred bytes a state).
pub const MAX_LIVENESS_STATES: usize = if cfg!(target_arch = "wasm32") {
    2_000_000
} else {
    8_000_000
};

impl Default for GraphLimits {
    fn default() -> Self {
        GraphLimits {
            max_states: MAX_LIVENESS_STATES,
            max_depth: u32::MAX,
        }
    }
}

impl StateGraph {
    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    pub fn successors(&self, s: u32) -> &[Edge] {
        let s = s as usize;
        if s >= self.expanded {
            return &[];
        }
        &self.edges[self.offsets[s] as usize..self.offsets[s + 1] as usize]
    }

    /// The state the step of edge `index` (an index into the graph's edges) reached: its
    /// target, or the state it stands for when states are told apart by a view or symmetry.
    pub fn reached(&self, index: usize) -> &[Value] {
        match self.reached.get(index) {
            Some(st) => st,
            None => &self.states[self.edges[index].to as usize],
        }
    }

    /// The index (in the graph's edges) of the first step from `s`; for `s = expanded`, the
    /// number of edges.
    pub fn first_edge(&self, s: u32) -> usize {
        self.offsets[s as usize] as usize
    }

    pub fn is_expanded(&self, s: u32) -> bool {
        (s as usize) < self.expanded
    }

    /// The id of a state, if it is in the graph (built with states told apart by themselves).
    pub fn id_of(&self, st: &[Value]) -> Option<u32> {
        let mut buf = Vec::new();
        self.seen.get(fingerprint(st, &mut buf))
    }

    /// Build the graph breadth-first from the initial states, states told apart as
    /// `distinction` says (one node for the states with the same view, as TLC's liveness
    /// checking has them). `cancel` is polled now and then.
    pub fn build(
        prog: &Program,
        constraints: &Constraints,
        distinction: &Distinction,
        limits: GraphLimits,
        cancel: &mut dyn FnMut(usize) -> bool,
    ) -> StateGraph {
        let mut g = StateGraph {
            states: Vec::new(),
            depth: Vec::new(),
            init: Vec::new(),
            offsets: vec![0],
            edges: Vec::new(),
            actions: Vec::new(),
            action_instance: Vec::new(),
            terminated: Vec::new(),
            exits: Vec::new(),
            expanded: 0,
            complete: false,
            error: None,
            reached: Vec::new(),
            seen: FpMap::new(),
        };
        let mut buf = Vec::with_capacity(256);
        let mut action_ids: HashMap<ActionKey, u32> = HashMap::new();
        let mut frame = prog.new_frame();
        let mut cframe = prog.new_frame();
        let mut kframe = prog.new_frame();
        let mut key = |st: &[Value], buf: &mut Vec<u8>| {
            state_fingerprint(prog, distinction, st, buf, &mut kframe).map_err(ExpandError::view)
        };
        let mut outside_error = None;
        let init_result = prog.initial_states(&mut |st| {
            // States outside the constraints are not in the graph, as TLC counts them.
            match constraints
                .admits_state(prog, &st, &mut cframe)
                .map_err(ExpandError::from)
            {
                Ok(true) => {}
                Ok(false) => return true,
                Err(e) => {
                    outside_error = Some(e);
                    return false;
                }
            }
            let fp = match key(&st, &mut buf) {
                Ok(fp) => fp,
                Err(e) => {
                    outside_error = Some(e);
                    return false;
                }
            };
            if g.seen.get(fp).is_none() {
                let id = g.add(fp, st, 1);
                g.init.push(id);
            }
            g.states.len() < limits.max_states
        });
        if let Err(e) = init_result {
            g.error = Some((0, GraphError::Init(e)));
            return g;
        }
        if let Some(e) = outside_error {
            g.error = Some((0, GraphError::Expand(e)));
            return g;
        }
        while g.expanded < g.states.len() {
            let s = g.expanded;
            if g.depth[s] >= limits.max_depth {
                break;
            }
            if s.is_multiple_of(4096) && !cancel(g.states.len()) {
                break;
            }
            let st = g.states[s].clone();
            let mut new_edges: Vec<Edge> = Vec::new();
            let mut reached: Vec<Vec<Value>> = Vec::new();
            let mut exits: Vec<(u32, u32)> = Vec::new();
            let mut full = false;
            let frames = (&mut frame, &mut cframe);
            let mut outside_error = None;
            let r = expand(prog, constraints, &st, frames, true, &mut |succ, inside| {
                match inside {
                    Ok(true) => {}
                    Ok(false) => return exits.push((s as u32, succ.instance as u32)),
                    Err(e) => return outside_error = outside_error.take().or(Some(e)),
                }
                let action = g.action_of(prog, &mut action_ids, &succ);
                let fp = match key(succ.state, &mut buf) {
                    Ok(fp) => fp,
                    Err(e) => return outside_error = outside_error.take().or(Some(e)),
                };
                let to = match g.seen.get(fp) {
                    Some(id) => id,
                    None if g.states.len() >= limits.max_states => {
                        full = true;
                        return;
                    }
                    None => g.add(fp, succ.state.to_vec(), g.depth[s] + 1),
                };
                new_edges.push(Edge { to, action });
                if !distinction.is_plain() {
                    reached.push(succ.state.to_vec());
                }
            });
            match r.and_then(|x| outside_error.map_or(Ok(x), Err)) {
                Ok(Expansion::Terminated) => g.terminated[s] = true,
                Ok(_) => {}
                Err(e) => g.error = Some((s as u32, GraphError::Expand(e))),
            }
            if full {
                // This state's successors are not all known: leave it unexpanded.
                break;
            }
            g.edges.extend(new_edges);
            g.reached.extend(reached);
            g.exits.extend(exits);
            g.offsets.push(g.edges.len() as u32);
            g.expanded += 1;
            if g.error.is_some() {
                break;
            }
        }
        g.complete = g.expanded == g.states.len() && g.error.is_none();
        g
    }

    /// Add a state new to the graph, at `depth`; its id.
    fn add(&mut self, fp: u64, st: Vec<Value>, depth: u32) -> u32 {
        let id = self.seen.insert(fp).expect("the state is new to the graph");
        self.states.push(st);
        self.depth.push(depth);
        self.terminated.push(false);
        id
    }

    /// The id of the action a successor was reached by, added on first sight.
    fn action_of(
        &mut self,
        prog: &Program,
        ids: &mut HashMap<ActionKey, u32>,
        succ: &Succ<'_>,
    ) -> u32 {
        let key = (
            succ.instance as u32,
            succ.label.clone(),
            succ.choices.to_vec(),
            succ.event.cloned(),
        );
        let next = ids.len() as u32;
        let action = *ids.entry(key).or_insert(next);
        if action == next {
            self.actions.push(step_info(
                prog,
                succ.instance,
                succ.label,
                succ.choices,
                succ.event,
            ));
            self.action_instance.push(succ.instance as u32);
        }
        action
    }

    /// A shortest behavior reaching `target`: (the action that led to it, state) pairs from an
    /// initial state.
    pub fn path_to(&self, target: u32) -> Vec<(Option<u32>, u32)> {
        // Parent of each state: the first expanded predecessor at depth - 1.
        let mut parent: Vec<Option<(u32, u32)>> = vec![None; self.len()];
        for s in 0..self.expanded {
            for e in self.successors(s as u32) {
                if parent[e.to as usize].is_none() && self.depth[e.to as usize] == self.depth[s] + 1
                {
                    parent[e.to as usize] = Some((s as u32, e.action));
                }
            }
        }
        let mut rev = Vec::new();
        let mut cur = target;
        loop {
            match parent[cur as usize] {
                Some((p, a)) => {
                    rev.push((Some(a), cur));
                    cur = p;
                }
                None => {
                    rev.push((None, cur));
                    break;
                }
            }
        }
        rev.reverse();
        rev
    }

    /// The behavior along a path of (action, state) pairs of this graph, as the views show it.
    pub fn behavior(
        &self,
        prog: &Program,
        path: &[(Option<u32>, u32)],
    ) -> Vec<crate::model::show::TraceStep> {
        crate::model::show::show_behavior(
            prog,
            path.iter().map(|(a, s)| {
                (
                    a.map(|a| self.actions[a as usize].clone()),
                    &self.states[*s as usize][..],
                )
            }),
        )
    }

    /// What the step from state `from` to state `to` changed.
    pub fn changes(&self, prog: &Program, from: u32, to: u32) -> Vec<crate::model::diff::Change> {
        crate::model::diff::changes(
            &prog.show_state(&self.states[from as usize]),
            &prog.show_state(&self.states[to as usize]),
        )
    }
}
