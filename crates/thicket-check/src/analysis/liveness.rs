//! Temporal properties on the state graph, under PlusCal's fairness, with TLC's meaning.
//!
//! A property is violated when some *fair* behavior of the spec violates it. Behaviors are
//! stuttering-closed, so every state may repeat forever unless fairness forbids it. The search
//! looks for a reachable strongly connected component (SCC) of the relevant subgraph in which
//! a fair behavior can stay forever (Emerson–Lei: for `fair+`, states where the process is
//! enabled but never steps are removed and the SCCs recomputed); the counterexample is a
//! lasso: a shortest prefix into the component and a loop inside it.
//!
//! Fairness, as the PlusCal translator defines it: `fair process` is weak fairness of all the
//! process's steps (`WF_vars(P(self))`), `fair+` strong fairness, `--fair algorithm` weak
//! fairness of the whole algorithm. A step counts for fairness only if it changes the state
//! (`<<A>>_vars`), and a process is enabled in a state only if it has such a step there.

mod product;
mod scc;

use std::collections::VecDeque;

use crate::eval::expr::{CExpr, EvalError};
use crate::model::program::Program;
use crate::model::temporal::{FairKind, FairOn, Fairness, Temporal};
use crate::search::graph::StateGraph;
use scc::Scratch;

/// For one fairness condition: in which states its action is enabled, and which edges (by
/// index) are its steps. A step that leaves the state unchanged is never one (`<<A>>_v`).
fn fair_steps(
    prog: &Program,
    g: &StateGraph,
    on: FairOn,
) -> Result<(Vec<bool>, Vec<bool>), EvalError> {
    let mut taken = vec![false; g.first_edge(g.expanded as u32)];
    let mut enabled = vec![false; g.len()];
    for s in 0..g.expanded as u32 {
        let first = g.first_edge(s);
        for (k, e) in g.successors(s).iter().enumerate() {
            taken[first + k] = e.to != s
                && match on {
                    FairOn::Instance(tag) => g.action_instance[e.action as usize] == tag,
                    FairOn::Action(a) => prog.semantics.fair_taken(
                        prog,
                        a,
                        &g.states[s as usize],
                        &g.states[e.to as usize],
                    )?,
                };
        }
        enabled[s as usize] = match on {
            FairOn::Instance(_) => taken[first..g.first_edge(s + 1)].iter().any(|t| *t),
            FairOn::Action(a) => prog
                .semantics
                .fair_enabled(prog, a, &g.states[s as usize])?,
        };
    }
    // A step out of the state constraints is no edge, but its process is enabled there.
    if let FairOn::Instance(tag) = on {
        for (s, instance) in &g.exits {
            enabled[*s as usize] |= *instance == tag;
        }
    }
    Ok((enabled, taken))
}

/// A violating behavior: states (ids) with the action leading to each, and where the loop
/// starts (the last state steps back to `loop_start`; `None` for an action property, whose
/// counterexample is a finite prefix).
#[derive(Clone, Debug, PartialEq)]
pub struct Lasso {
    pub states: Vec<(Option<u32>, u32)>,
    pub loop_start: Option<usize>,
}

pub struct Liveness<'g> {
    g: &'g StateGraph,
    fair: Vec<Fairness>,
    /// `enabled[i][s]`: fairness condition `i`'s action has a step in `s` (`ENABLED <<A>>_v`).
    enabled: Vec<Vec<bool>>,
    /// `taken[i][e]`: the edge of index `e` in the graph is a step of condition `i`'s action
    /// (`<<A>>_v`).
    taken: Vec<Vec<bool>>,
    /// Why the fairness conditions cannot be evaluated: every question then fails with it.
    failed: Option<EvalError>,
}

impl<'g> Liveness<'g> {
    pub fn new(prog: &Program, g: &'g StateGraph, fair: Vec<Fairness>) -> Liveness<'g> {
        let mut live = Liveness {
            g,
            enabled: Vec::with_capacity(fair.len()),
            taken: Vec::with_capacity(fair.len()),
            fair,
            failed: None,
        };
        for f in &live.fair {
            match fair_steps(prog, g, f.on) {
                Ok((enabled, taken)) => {
                    live.enabled.push(enabled);
                    live.taken.push(taken);
                }
                Err(e) => {
                    live.failed = Some(e);
                    break;
                }
            }
        }
        live
    }

    /// Whether the `k`th step from `s` is one of fairness condition `i`.
    fn takes(&self, i: usize, s: u32, k: usize) -> bool {
        self.taken[i][self.g.first_edge(s) + k]
    }

    /// Evaluate a state predicate on every state.
    pub fn holds_everywhere(
        prog: &Program,
        g: &StateGraph,
        p: &CExpr,
    ) -> Result<Vec<bool>, EvalError> {
        let mut frame = prog.new_frame();
        g.states
            .iter()
            .map(|st| prog.env(st, None).bool(p, &mut frame))
            .collect()
    }

    /// Find a fair behavior violating the property, if any.
    pub fn violation(&self, prog: &Program, t: &Temporal) -> Result<Option<Lasso>, EvalError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let n = self.g.len();
        match t {
            Temporal::InfinitelyOften(p) => {
                let p = Self::holds_everywhere(prog, self.g, p)?;
                let allowed: Vec<bool> = p.iter().map(|b| !b).collect();
                Ok(self.fair_lasso(&allowed, &vec![true; n], &self.g.init, None))
            }
            Temporal::EventuallyAlways(p) => {
                let p = Self::holds_everywhere(prog, self.g, p)?;
                let bad: Vec<bool> = p.iter().map(|b| !b).collect();
                Ok(self.fair_lasso(&vec![true; n], &vec![true; n], &self.g.init, Some(&bad)))
            }
            Temporal::Eventually(p) => {
                let p = Self::holds_everywhere(prog, self.g, p)?;
                let allowed: Vec<bool> = p.iter().map(|b| !b).collect();
                let starts: Vec<u32> = self
                    .g
                    .init
                    .iter()
                    .copied()
                    .filter(|s| allowed[*s as usize])
                    .collect();
                Ok(self.fair_lasso(&allowed, &allowed, &starts, None))
            }
            Temporal::LeadsTo(p, q) => {
                let p = Self::holds_everywhere(prog, self.g, p)?;
                let q = Self::holds_everywhere(prog, self.g, q)?;
                let allowed: Vec<bool> = q.iter().map(|b| !b).collect();
                // Triggers: reachable states where P holds and Q does not; the prefix to them
                // may go anywhere, the rest must avoid Q.
                let triggers: Vec<u32> = (0..n as u32)
                    .filter(|s| p[*s as usize] && !q[*s as usize])
                    .collect();
                let Some(found) = self.fair_lasso(&allowed, &allowed, &triggers, None) else {
                    return Ok(None);
                };
                // Prepend a shortest path from an initial state to the trigger.
                let trigger = found.states[0].1;
                let mut prefix = self.g.path_to(trigger);
                let shift = prefix.len() - 1;
                prefix.extend(found.states.into_iter().skip(1));
                Ok(Some(Lasso {
                    states: prefix,
                    loop_start: found.loop_start.map(|l| l + shift),
                }))
            }
            Temporal::Initially(p) => {
                let mut frame = prog.new_frame();
                for s in &self.g.init {
                    if !prog
                        .env(&self.g.states[*s as usize], None)
                        .bool(p, &mut frame)?
                    {
                        return Ok(Some(Lasso {
                            states: vec![(None, *s)],
                            loop_start: None,
                        }));
                    }
                }
                Ok(None)
            }
            Temporal::Formula(f) => self.formula_violation(prog, f),
            Temporal::ActionBox(action) => {
                let mut frame = prog.new_frame();
                for s in 0..self.g.expanded {
                    let cur = &self.g.states[s];
                    let first = self.g.first_edge(s as u32);
                    for (k, e) in self.g.successors(s as u32).iter().enumerate() {
                        // The step as it was taken (not to the state that stands for it).
                        let next = self.g.reached(first + k);
                        if !prog.env(cur, Some(next)).bool(action, &mut frame)? {
                            let mut path = self.g.path_to(s as u32);
                            path.push((Some(e.action), e.to));
                            return Ok(Some(Lasso {
                                states: path,
                                loop_start: None,
                            }));
                        }
                    }
                }
                Ok(None)
            }
        }
    }

    /// A fair lasso that starts at one of `starts`, moves only through `prefix_ok` states to
    /// reach a fair SCC of the `allowed` subgraph, and (when `must_visit` is given) loops
    /// through a state of `must_visit`.
    fn fair_lasso(
        &self,
        allowed: &[bool],
        prefix_ok: &[bool],
        starts: &[u32],
        must_visit: Option<&[bool]>,
    ) -> Option<Lasso> {
        // States reachable from the starts through prefix_ok states, with BFS parents.
        let n = self.g.len();
        let mut parent: Vec<Option<(u32, u32)>> = vec![None; n];
        let mut reached = vec![false; n];
        let mut order = Vec::new();
        let mut queue = VecDeque::new();
        for &s in starts {
            if !reached[s as usize] && prefix_ok[s as usize] {
                reached[s as usize] = true;
                queue.push_back(s);
            }
        }
        while let Some(s) = queue.pop_front() {
            order.push(s);
            for e in self.g.successors(s) {
                let t = e.to as usize;
                if !reached[t] && prefix_ok[t] {
                    reached[t] = true;
                    parent[t] = Some((s, e.action));
                    queue.push_back(e.to);
                }
            }
        }
        // Candidate region: allowed states that were reached.
        let region: Vec<u32> = (0..n)
            .filter(|&s| allowed[s] && reached[s] && (s < self.g.expanded))
            .map(|s| s as u32)
            .collect();
        // Among the fair components, the one reached first (shortest prefix).
        let mut rank = vec![u32::MAX; n];
        for (i, s) in order.iter().enumerate() {
            rank[*s as usize] = i as u32;
        }
        let mut fair = Vec::new();
        self.fair_sccs(&mut Scratch::new(n), &region, must_visit, &mut fair);
        let comp = fair
            .into_iter()
            .min_by_key(|c| c.iter().map(|s| rank[*s as usize]).min())?;
        let entry = *comp.iter().min_by_key(|s| rank[**s as usize])?;
        let mut prefix = Vec::new();
        let mut cur = entry;
        loop {
            match parent[cur as usize] {
                Some((p, a)) => {
                    prefix.push((Some(a), cur));
                    cur = p;
                }
                None => {
                    prefix.push((None, cur));
                    break;
                }
            }
        }
        prefix.reverse();
        let loop_start = prefix.len() - 1;
        let cycle = self.cycle_in(&comp, entry, must_visit);
        prefix.extend(cycle);
        Some(Lasso {
            states: prefix,
            loop_start: Some(loop_start),
        })
    }

    /// The SCCs of the region in which a fair behavior can stay forever.
    fn fair_sccs(
        &self,
        sc: &mut Scratch,
        region: &[u32],
        must_visit: Option<&[bool]>,
        out: &mut Vec<Vec<u32>>,
    ) {
        let comps = sc.sccs(region, &|v, i| self.g.successors(v).get(i).map(|e| e.to));
        for comp in comps {
            self.fair_part(sc, comp, must_visit, out);
        }
    }

    /// The fair parts of a component (Emerson–Lei refinement for strong fairness).
    fn fair_part(
        &self,
        sc: &mut Scratch,
        comp: Vec<u32>,
        must_visit: Option<&[bool]>,
        out: &mut Vec<Vec<u32>>,
    ) {
        if let Some(m) = must_visit {
            if !comp.iter().any(|s| m[*s as usize]) {
                return;
            }
        }
        sc.mark(&comp);
        let mut remove = Vec::new();
        for (i, f) in self.fair.iter().enumerate() {
            let taken = comp.iter().any(|s| {
                self.g
                    .successors(*s)
                    .iter()
                    .enumerate()
                    .any(|(k, e)| sc.marked(e.to) && self.takes(i, *s, k))
            });
            if taken {
                continue;
            }
            let enabled_somewhere = comp.iter().any(|s| self.enabled[i][*s as usize]);
            let disabled_somewhere = comp.iter().any(|s| !self.enabled[i][*s as usize]);
            match f.kind {
                FairKind::Weak if !disabled_somewhere => return,
                FairKind::Strong if enabled_somewhere => remove.push(i),
                _ => {}
            }
        }
        if remove.is_empty() {
            out.push(comp);
            return;
        }
        // Strong fairness: stay away from the states where the neglected process is enabled.
        let region: Vec<u32> = comp
            .into_iter()
            .filter(|s| !remove.iter().any(|i| self.enabled[*i][*s as usize]))
            .collect();
        self.fair_sccs(sc, &region, must_visit, out);
    }

    /// A loop from `entry` back to itself inside `comp`, passing through a step of every fair
    /// process that can step there, and through a `must_visit` state. A lone state loops by
    /// stuttering (an empty loop).
    fn cycle_in(
        &self,
        comp: &[u32],
        entry: u32,
        must_visit: Option<&[bool]>,
    ) -> Vec<(Option<u32>, u32)> {
        let mut inside = vec![false; self.g.len()];
        for s in comp {
            inside[*s as usize] = true;
        }
        let mut path: Vec<(Option<u32>, u32)> = Vec::new();
        let mut cur = entry;
        // Waypoints: one state where each fair process steps (then that step), and a must-visit state.
        let mut targets: Vec<(u32, Option<(u32, u32)>)> = Vec::new();
        for i in 0..self.fair.len() {
            let step = comp.iter().find_map(|s| {
                self.g
                    .successors(*s)
                    .iter()
                    .enumerate()
                    .find(|(k, e)| inside[e.to as usize] && self.takes(i, *s, *k))
                    .map(|(_, e)| (*s, (e.action, e.to)))
            });
            match step {
                Some((s, e)) => targets.push((s, Some(e))),
                // Not taken here: weak fairness then needs the loop to pass a state where
                // the process cannot step.
                None => {
                    if let Some(s) = comp.iter().find(|s| !self.enabled[i][**s as usize]) {
                        targets.push((*s, None));
                    }
                }
            }
        }
        if let Some(m) = must_visit {
            if !m[entry as usize] {
                if let Some(s) = comp.iter().find(|s| m[**s as usize]) {
                    targets.push((*s, None));
                }
            }
        }
        for (t, step) in targets {
            path.extend(self.path_inside(&inside, cur, t));
            cur = t;
            if let Some((a, to)) = step {
                path.push((Some(a), to));
                cur = to;
            }
        }
        if cur != entry || (path.is_empty() && comp.len() > 1) {
            path.extend(self.path_inside(&inside, cur, entry));
        }
        // The loop closes by returning to `entry`; drop the final repeat of it.
        if path.last().is_some_and(|(_, s)| *s == entry) {
            path.pop();
        }
        path
    }

    /// Shortest path from `a` to `b` within `inside` (excluding `a`, including `b`).
    fn path_inside(&self, inside: &[bool], a: u32, b: u32) -> Vec<(Option<u32>, u32)> {
        if a == b {
            return vec![];
        }
        let mut parent: std::collections::HashMap<u32, (u32, u32)> =
            std::collections::HashMap::new();
        let mut queue = VecDeque::from([a]);
        while let Some(s) = queue.pop_front() {
            for e in self.g.successors(s) {
                if inside[e.to as usize] && e.to != a && !parent.contains_key(&e.to) {
                    parent.insert(e.to, (s, e.action));
                    if e.to == b {
                        let mut out = Vec::new();
                        let mut cur = b;
                        while cur != a {
                            let (p, act) = parent[&cur];
                            out.push((Some(act), cur));
                            cur = p;
                        }
                        out.reverse();
                        return out;
                    }
                    queue.push_back(e.to);
                }
            }
        }
        vec![]
    }
}
