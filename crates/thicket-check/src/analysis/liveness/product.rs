//! A temporal formula of any shape, checked as TLC checks one that needs a tableau: the
//! product of the state graph with the tableau of the formula's *negation* holds exactly the
//! behaviors that violate it; the property holds unless some product component is fair
//! (under the spec's fairness, Emerson–Lei as in `liveness`) and accepting (it passes a node
//! that does not defer each `<>F`). Behaviors may stutter: every expanded state has a
//! stuttering step, which the counterexample does not show.

use std::collections::{HashMap, VecDeque};

use super::scc::Scratch;
use super::{Lasso, Liveness};
use crate::analysis::tableau::{automaton, Automaton};
use crate::eval::expr::EvalError;
use crate::model::program::Program;
use crate::model::temporal::{FairKind, Ltl};

/// The action (and graph edge) of a stuttering step.
const STUTTER: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Edge {
    to: u32,
    /// The step's action, or [`STUTTER`].
    action: u32,
    /// The index of the graph's edge, or [`STUTTER`].
    edge: u32,
}

struct Product<'a, 'g> {
    live: &'a Liveness<'g>,
    prog: &'a Program,
    aut: Automaton,
    /// Each product node: a state and a tableau node.
    nodes: Vec<(u32, u32)>,
    edges: Vec<Vec<Edge>>,
    /// The BFS tree from the initial nodes: each node's parent and the step's action.
    parent: Vec<Option<(u32, u32)>>,
    index: HashMap<(u32, u32), u32>,
    /// The state atoms' values, evaluated once per state when first needed.
    state_values: HashMap<(u32, u32), bool>,
    frame: Vec<crate::eval::value::Value>,
}

impl Liveness<'_> {
    /// A fair behavior violating `f`, if any.
    pub(super) fn formula_violation(
        &self,
        prog: &Program,
        f: &Ltl,
    ) -> Result<Option<Lasso>, EvalError> {
        let mut p = Product {
            live: self,
            prog,
            aut: automaton(f.clone().negate()),
            nodes: Vec::new(),
            edges: Vec::new(),
            parent: Vec::new(),
            index: HashMap::new(),
            state_values: HashMap::new(),
            frame: prog.new_frame(),
        };
        p.build()?;
        Ok(p.lasso())
    }
}

impl Product<'_, '_> {
    /// Whether the state atoms of tableau node `q` hold in state `s`.
    fn state_ok(&mut self, q: u32, s: u32) -> Result<bool, EvalError> {
        for k in 0..self.aut.nodes[q as usize].literals.len() {
            let (atom, holds) = self.aut.nodes[q as usize].literals[k];
            let (pred, action) = &self.aut.atoms[atom as usize];
            if *action {
                continue;
            }
            let v = match self.state_values.get(&(s, atom)) {
                Some(v) => *v,
                None => {
                    let st = &self.live.g.states[s as usize];
                    let v = self.prog.env(st, None).bool(pred, &mut self.frame)?;
                    self.state_values.insert((s, atom), v);
                    v
                }
            };
            if v != holds {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether the action atoms of tableau node `q` hold of the step from `s` to `t` (by the
    /// graph's edge `edge`, or a stutter): the step as it was taken, whose target `t` may
    /// stand for it under a view or symmetry.
    fn step_ok(&mut self, q: u32, s: u32, t: u32, edge: u32) -> Result<bool, EvalError> {
        let g = self.live.g;
        for &(atom, holds) in &self.aut.nodes[q as usize].literals {
            let (pred, action) = &self.aut.atoms[atom as usize];
            if !*action {
                continue;
            }
            let cur = &g.states[s as usize];
            let next = match edge {
                STUTTER => &g.states[t as usize][..],
                edge => g.reached(edge as usize),
            };
            if self.prog.env(cur, Some(next)).bool(pred, &mut self.frame)? != holds {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn node(
        &mut self,
        s: u32,
        q: u32,
        parent: Option<(u32, u32)>,
        queue: &mut VecDeque<u32>,
    ) -> u32 {
        if let Some(&n) = self.index.get(&(s, q)) {
            return n;
        }
        let n = self.nodes.len() as u32;
        self.nodes.push((s, q));
        self.edges.push(Vec::new());
        self.parent.push(parent);
        self.index.insert((s, q), n);
        queue.push_back(n);
        n
    }

    /// The reachable product, breadth first.
    fn build(&mut self) -> Result<(), EvalError> {
        let g = self.live.g;
        let mut queue = VecDeque::new();
        for &s in &g.init {
            for q in self.aut.initial.clone() {
                if self.state_ok(q, s)? {
                    self.node(s, q, None, &mut queue);
                }
            }
        }
        while let Some(n) = queue.pop_front() {
            let (s, q) = self.nodes[n as usize];
            if s as usize >= g.expanded {
                continue;
            }
            let first = g.first_edge(s) as u32;
            let mut steps: Vec<(u32, u32, u32)> = g
                .successors(s)
                .iter()
                .enumerate()
                .map(|(k, e)| (e.to, e.action, first + k as u32))
                .collect();
            steps.push((s, STUTTER, STUTTER));
            for (t, action, edge) in steps {
                if !self.step_ok(q, s, t, edge)? {
                    continue;
                }
                for q2 in self.aut.nodes[q as usize].successors.clone() {
                    if self.state_ok(q2, t)? {
                        let to = self.node(t, q2, Some((n, action)), &mut queue);
                        self.edges[n as usize].push(Edge { to, action, edge });
                    }
                }
            }
        }
        Ok(())
    }

    /// A violating behavior: a shortest prefix into the first fair accepting component, and a
    /// loop inside it.
    fn lasso(&self) -> Option<Lasso> {
        let all: Vec<u32> = (0..self.nodes.len() as u32).collect();
        let mut found = Vec::new();
        self.fair_sccs(&mut Scratch::new(all.len()), &all, &mut found);
        // Nodes are numbered breadth first: the component with the smallest is reached first.
        let comp = found.into_iter().min_by_key(|c| c.iter().copied().min())?;
        let entry = *comp.iter().min()?;
        let mut inside = vec![false; self.nodes.len()];
        for n in &comp {
            inside[*n as usize] = true;
        }
        // The path into the entry, each node with the action of the step into it.
        let mut steps = Vec::new();
        let mut cur = entry;
        while let Some((p, a)) = self.parent[cur as usize] {
            steps.push((a, cur));
            cur = p;
        }
        steps.push((STUTTER, cur));
        steps.reverse();
        let cycle = self.cycle(&comp, &inside, entry);
        Some(self.project(&steps, &cycle))
    }

    /// The behavior of product steps, stuttering steps left out.
    fn project(&self, prefix: &[(u32, u32)], cycle: &[(u32, u32)]) -> Lasso {
        let state = |n: u32| self.nodes[n as usize].0;
        let mut states: Vec<(Option<u32>, u32)> = Vec::new();
        for (k, &(a, n)) in prefix.iter().enumerate() {
            if k == 0 {
                states.push((None, state(n)));
            } else if a != STUTTER {
                states.push((Some(a), state(n)));
            }
        }
        let loop_start = states.len() - 1;
        for &(a, n) in cycle {
            if a != STUTTER {
                states.push((Some(a), state(n)));
            }
        }
        // The loop closes by returning to its first state: drop the repeat.
        if states.len() > loop_start + 1 {
            states.pop();
        }
        Lasso {
            states,
            loop_start: Some(loop_start),
        }
    }

    /// The components of the region in which a fair, accepted run can stay forever.
    fn fair_sccs(&self, sc: &mut Scratch, region: &[u32], out: &mut Vec<Vec<u32>>) {
        let comps = sc.sccs(region, &|v, i| self.edges[v as usize].get(i).map(|e| e.to));
        for comp in comps {
            self.fair_part(sc, comp, out);
        }
    }

    /// The fair and accepted parts of a component (Emerson–Lei for strong fairness).
    fn fair_part(&self, sc: &mut Scratch, comp: Vec<u32>, out: &mut Vec<Vec<u32>>) {
        let cycles = comp.len() > 1 || self.edges[comp[0] as usize].iter().any(|e| e.to == comp[0]);
        let accepted = (0..self.aut.eventualities).all(|j| {
            comp.iter().any(|n| {
                !self.aut.nodes[self.nodes[*n as usize].1 as usize]
                    .deferred
                    .contains(&j)
            })
        });
        if !cycles || !accepted {
            return;
        }
        sc.mark(&comp);
        let live = self.live;
        let state = |n: &u32| self.nodes[*n as usize].0 as usize;
        let mut remove = Vec::new();
        for (i, f) in live.fair.iter().enumerate() {
            let taken = comp.iter().any(|n| {
                self.edges[*n as usize]
                    .iter()
                    .any(|e| sc.marked(e.to) && e.edge != STUTTER && live.taken[i][e.edge as usize])
            });
            if taken {
                continue;
            }
            let enabled_somewhere = comp.iter().any(|n| live.enabled[i][state(n)]);
            let disabled_somewhere = comp.iter().any(|n| !live.enabled[i][state(n)]);
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
        let region: Vec<u32> = comp
            .iter()
            .copied()
            .filter(|n| !remove.iter().any(|i| live.enabled[*i][state(n)]))
            .collect();
        self.fair_sccs(sc, &region, out);
    }

    /// A loop from `entry` back to it inside the component, through a step of each fairness
    /// condition taken there (or a state where it is disabled) and a node that does not defer
    /// each eventuality: steps as (action, node).
    fn cycle(&self, comp: &[u32], inside: &[bool], entry: u32) -> Vec<(u32, u32)> {
        let live = self.live;
        let mut waypoints: Vec<(u32, Option<Edge>)> = Vec::new();
        for i in 0..live.fair.len() {
            let step = comp.iter().find_map(|n| {
                let e = self.edges[*n as usize].iter().find(|e| {
                    inside[e.to as usize] && e.edge != STUTTER && live.taken[i][e.edge as usize]
                })?;
                Some((*n, *e))
            });
            match step {
                Some((n, e)) => waypoints.push((n, Some(e))),
                None => {
                    let disabled = comp
                        .iter()
                        .find(|n| !live.enabled[i][self.nodes[**n as usize].0 as usize]);
                    waypoints.extend(disabled.map(|n| (*n, None)));
                }
            }
        }
        for j in 0..self.aut.eventualities {
            let keeps = comp.iter().find(|n| {
                !self.aut.nodes[self.nodes[**n as usize].1 as usize]
                    .deferred
                    .contains(&j)
            });
            waypoints.extend(keeps.map(|n| (*n, None)));
        }
        let mut path = Vec::new();
        let mut cur = entry;
        for (n, step) in waypoints {
            path.extend(self.path_inside(inside, cur, n));
            cur = n;
            if let Some(e) = step {
                path.push((e.action, e.to));
                cur = e.to;
            }
        }
        if cur != entry || path.is_empty() {
            path.extend(self.loop_back(inside, cur, entry));
        }
        path
    }

    /// A path of at least one step from `a` to `b` inside the component.
    fn loop_back(&self, inside: &[bool], a: u32, b: u32) -> Vec<(u32, u32)> {
        if a != b {
            return self.path_inside(inside, a, b);
        }
        if let Some(e) = self.edges[a as usize].iter().find(|e| e.to == a) {
            return vec![(e.action, a)];
        }
        let Some(e) = self.edges[a as usize]
            .iter()
            .find(|e| inside[e.to as usize])
        else {
            return Vec::new();
        };
        let mut path = vec![(e.action, e.to)];
        path.extend(self.path_inside(inside, e.to, b));
        path
    }

    /// A shortest path from `a` to `b` inside the component (excluding `a`, including `b`).
    fn path_inside(&self, inside: &[bool], a: u32, b: u32) -> Vec<(u32, u32)> {
        if a == b {
            return Vec::new();
        }
        let mut parent: HashMap<u32, (u32, u32)> = HashMap::new();
        let mut queue = VecDeque::from([a]);
        while let Some(n) = queue.pop_front() {
            for e in &self.edges[n as usize] {
                if !inside[e.to as usize] || e.to == a || parent.contains_key(&e.to) {
                    continue;
                }
                parent.insert(e.to, (n, e.action));
                if e.to == b {
                    let mut out = Vec::new();
                    let mut cur = b;
                    while cur != a {
                        let (p, action) = parent[&cur];
                        out.push((action, cur));
                        cur = p;
                    }
                    out.reverse();
                    return out;
                }
                queue.push_back(e.to);
            }
        }
        Vec::new()
    }
}
