//! A tableau of a temporal formula (Gerth, Peled, Vardi, Wolper): a generalized Büchi
//! automaton whose accepted sequences are the behaviors that satisfy it. TLA+ has no next-time
//! operator, so a node is expanded with `[]F` (`F` now, `[]F` next) and `<>F` (`F` now, or
//! `<>F` next: then the node *defers* it). Each node requires some atoms: state predicates of
//! its state, actions of the step that leaves it. A run is accepted when, for each `<>F`, it
//! passes infinitely often through nodes that do not defer it.

use std::collections::{BTreeSet, HashMap};

use crate::eval::expr::CExpr;
use crate::model::temporal::Ltl;

/// An atom of the formula, with the polarity a node requires.
pub type Literal = (u32, bool);

#[derive(Clone, Debug)]
pub struct Node {
    /// The atoms that must hold (state ones in the node's state, action ones of the step
    /// leaving it).
    pub literals: Vec<Literal>,
    pub successors: Vec<u32>,
    /// The eventualities (indices into [`Automaton::eventualities`]) this node defers.
    pub deferred: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct Automaton {
    /// The atoms, each with whether it is an action.
    pub atoms: Vec<(CExpr, bool)>,
    pub nodes: Vec<Node>,
    pub initial: Vec<u32>,
    /// How many `<>F` subformulas there are (one acceptance condition each).
    pub eventualities: u32,
}

/// The formula as an arena of subformulas.
enum Sub {
    Lit(Literal),
    And(Vec<u32>),
    Or(Vec<u32>),
    Always(u32),
    /// `<>F`, with its eventuality index.
    Eventually(u32, u32),
}

/// A node being expanded: subformulas still to take apart, and what it has gathered.
#[derive(Clone, Default)]
struct Partial {
    todo: Vec<u32>,
    done: BTreeSet<u32>,
    literals: BTreeSet<Literal>,
    next: BTreeSet<u32>,
    deferred: BTreeSet<u32>,
}

type Key = (Vec<Literal>, Vec<u32>, Vec<u32>);

struct Builder {
    subs: Vec<Sub>,
    atoms: Vec<(CExpr, bool)>,
    eventualities: u32,
    nodes: Vec<Node>,
    /// Each node's `next` set, to expand into its successors.
    nexts: Vec<Vec<u32>>,
    index: HashMap<Key, u32>,
}

/// The tableau of `f`.
pub fn automaton(f: Ltl) -> Automaton {
    let mut b = Builder {
        subs: Vec::new(),
        atoms: Vec::new(),
        eventualities: 0,
        nodes: Vec::new(),
        nexts: Vec::new(),
        index: HashMap::new(),
    };
    let root = b.add(f);
    let initial = b.expand_set(&[root]);
    let mut k = 0;
    while k < b.nodes.len() {
        let next = b.nexts[k].clone();
        b.nodes[k].successors = b.expand_set(&next);
        k += 1;
    }
    Automaton {
        atoms: b.atoms,
        nodes: b.nodes,
        initial,
        eventualities: b.eventualities,
    }
}

impl Builder {
    fn add(&mut self, f: Ltl) -> u32 {
        let sub = match f {
            Ltl::Atom {
                pred,
                action,
                holds,
            } => {
                self.atoms.push((pred, action));
                Sub::Lit((self.atoms.len() as u32 - 1, holds))
            }
            Ltl::And(xs) => Sub::And(xs.into_iter().map(|x| self.add(x)).collect()),
            Ltl::Or(xs) => Sub::Or(xs.into_iter().map(|x| self.add(x)).collect()),
            Ltl::Always(x) => Sub::Always(self.add(*x)),
            Ltl::Eventually(x) => {
                let inner = self.add(*x);
                self.eventualities += 1;
                Sub::Eventually(inner, self.eventualities - 1)
            }
        };
        self.subs.push(sub);
        self.subs.len() as u32 - 1
    }

    /// The nodes that satisfy every subformula of `now` (each made once).
    fn expand_set(&mut self, now: &[u32]) -> Vec<u32> {
        let mut done = Vec::new();
        let start = Partial {
            todo: now.to_vec(),
            ..Partial::default()
        };
        self.expand(start, &mut done);
        let mut ids: Vec<u32> = done.into_iter().map(|p| self.node(p)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn expand(&self, mut p: Partial, out: &mut Vec<Partial>) {
        let Some(f) = p.todo.pop() else {
            out.push(p);
            return;
        };
        if !p.done.insert(f) {
            return self.expand(p, out);
        }
        match &self.subs[f as usize] {
            Sub::Lit(l) => {
                if p.literals.contains(&(l.0, !l.1)) {
                    return;
                }
                p.literals.insert(*l);
                self.expand(p, out)
            }
            Sub::And(xs) => {
                p.todo.extend(xs);
                self.expand(p, out)
            }
            Sub::Or(xs) => {
                for x in xs {
                    let mut q = p.clone();
                    q.todo.push(*x);
                    self.expand(q, out);
                }
            }
            Sub::Always(x) => {
                p.todo.push(*x);
                p.next.insert(f);
                self.expand(p, out)
            }
            Sub::Eventually(x, ev) => {
                let mut later = p.clone();
                later.next.insert(f);
                later.deferred.insert(*ev);
                p.todo.push(*x);
                self.expand(p, out);
                self.expand(later, out)
            }
        }
    }

    /// The node of a finished expansion (made once).
    fn node(&mut self, p: Partial) -> u32 {
        let key: Key = (
            p.literals.into_iter().collect(),
            p.next.into_iter().collect(),
            p.deferred.into_iter().collect(),
        );
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            literals: key.0.clone(),
            successors: Vec::new(),
            deferred: key.2.clone(),
        });
        self.nexts.push(key.1.clone());
        self.index.insert(key, id);
        id
    }
}
