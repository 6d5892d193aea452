//! Breadth-first exploration of the state graph, as TLC does it: invariants on every new
//! state (initial ones included), deadlock detection, state constraints, limits, progress
//! and cancellation. Counterexamples are shortest because the search is breadth-first, and
//! are rebuilt from parent pointers by replaying the steps (no paths are stored). Each state
//! is expanded by [`expand`], the step shared with the state graph; the limits are [`Bounds`].
use thicket_syntax::ast::Span;

use crate::eval::expr::{Deadline, EvalError};
use crate::eval::run;
use crate::eval::value::Value;
use crate::model::constraints::Constraints;
use crate::model::distinct::Distinction;
use crate::model::program::Program;
use crate::model::show::{step_info, StepInfo};
use crate::model::spec::Invariant;
use crate::search::expand::{expand, Bounds, ExpandError, Expansion, Stop};
use crate::search::fpset::{state_fingerprint, FpSet};
use crate::search::limits::{CheckOptions, Outcome, Progress};

/// A state of a counterexample and the step that led to it.
#[derive(Clone, Debug)]
pub struct TraceState {
    pub step: Option<StepInfo>,
    pub state: Vec<Value>,
}

#[derive(Clone, Debug)]
pub struct Violation {
    pub outcome: Outcome,
    pub property: Option<String>,
    pub message: Option<String>,
    /// Where in the text (errors and assertions).
    pub span: Option<Span>,
    pub trace: Vec<TraceState>,
    /// The step that failed from the trace's last state (errors and assertions).
    pub failed_step: Option<StepInfo>,
}

pub struct Exploration {
    pub outcome: Outcome,
    pub span: Option<Span>,
    pub property: Option<String>,
    pub message: Option<String>,
    pub distinct: u64,
    pub generated: u64,
    pub depth: u32,
    pub trace: Vec<TraceState>,
    /// Every violation found (more than one only with `continue_after_violation`).
    pub violations: Vec<Violation>,
    pub elapsed_ms: u64,
    /// Peak bytes of the seen-state table and parent pointers.
    pub table_bytes: usize,
    /// Whether every reachable state (within the constraints) was expanded: no limit, cancel,
    /// error or first violation stopped the search. Only then does a property hold.
    pub complete: bool,
}

/// What a search is told about a model: its states come from `prog`, each new state is
/// checked against `invariants`; states outside `constraints` are checked too, but neither
/// counted, kept nor expanded (as TLC does); states are told apart as `distinction` says.
pub struct Model<'p> {
    pub prog: &'p Program,
    pub invariants: &'p [Invariant],
    /// Action properties (`[][A]_v`, as `A \/ UNCHANGED v`), checked on every step the
    /// sequential search takes, as TLC checks them; the parallel search leaves them to the
    /// state graph.
    pub steps: &'p [Invariant],
    pub constraints: &'p Constraints,
    pub distinction: &'p Distinction,
    pub check_deadlock: bool,
}

impl Model<'_> {
    /// The fingerprint the search keeps for `st` (see [`state_fingerprint`]).
    fn fingerprint(
        &self,
        st: &[Value],
        buf: &mut Vec<u8>,
        frame: &mut Vec<Value>,
    ) -> Result<u64, ExpandError> {
        state_fingerprint(self.prog, self.distinction, st, buf, frame).map_err(ExpandError::view)
    }
}

const PROGRESS_EVERY: u64 = 1 << 14;

/// What was found in a state.
#[derive(Debug)]
enum Finding {
    /// An invariant (or a temporal property checked as one) is false.
    Invariant {
        name: String,
        temporal: bool,
    },
    /// An invariant cannot be evaluated.
    InvariantError {
        name: String,
        error: EvalError,
    },
    Deadlock,
    /// The state could not be expanded.
    Expand(ExpandError),
}

/// A finding and the state it was found in (its id).
#[derive(Debug)]
struct Found {
    at: u32,
    what: Finding,
}

impl Found {
    /// Whether the search cannot go on past it (the state graph is unknown beyond an error,
    /// even with `continue_after_violation`).
    fn halts(&self) -> bool {
        matches!(self.what, Finding::Expand(_))
    }

    /// As reported, with the behavior leading to it.
    fn violation(&self, prog: &Program, trace: Vec<TraceState>) -> Violation {
        let (outcome, property, message, span) = match &self.what {
            Finding::Invariant { name, temporal } => (
                if *temporal {
                    Outcome::PropertyViolated
                } else {
                    Outcome::InvariantViolated
                },
                Some(name.clone()),
                None,
                None,
            ),
            Finding::InvariantError { name, error } => (
                Outcome::Error,
                Some(name.clone()),
                Some(format!("{} (while evaluating {name})", error.message)),
                Some(error.span),
            ),
            Finding::Deadlock => (Outcome::Deadlock, None, None, None),
            Finding::Expand(e) => (e.outcome(), None, Some(e.to_string()), e.span()),
        };
        let failed_step = match &self.what {
            Finding::Expand(ExpandError::Step {
                instance, label, ..
            }) => Some(step_info(prog, *instance, label, &[], None)),
            _ => None,
        };
        Violation {
            outcome,
            property,
            message,
            span,
            trace,
            failed_step,
        }
    }
}

/// Explore breadth-first; with `opts.workers > 1` (natively), on that many threads.
pub fn explore(
    model: &Model<'_>,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> Exploration {
    let bounds = Bounds::new(opts);
    // The time limit holds inside a state's evaluation too (see `Deadline`).
    let _deadline = Deadline::set(bounds.deadline());
    let (search, level) = match Search::seed(model, &bounds) {
        Ok(seeded) => seeded,
        Err(early) => return *early,
    };
    #[cfg(not(target_arch = "wasm32"))]
    if opts.workers > 1 {
        return parallel::explore(search, level, &bounds, opts, on_progress);
    }
    search.sequential(level, &bounds, opts.continue_after_violation, on_progress)
}

/// The run this search is part of (TLC's statistics), now searching.
fn searching() -> Option<std::sync::Arc<run::Shared>> {
    let r = run::current()?;
    r.searching
        .store(true, std::sync::atomic::Ordering::Relaxed);
    Some(r)
}

/// The states of one breadth-first level, with their ids.
type Level = Vec<(u32, Vec<Value>)>;

/// The search's bookkeeping: the seen set, parent pointers and successor indices (for traces),
/// what was found, how many states were generated and how deep it went.
struct Search<'m> {
    model: &'m Model<'m>,
    seen: FpSet,
    parents: Vec<u32>,
    via: Vec<u32>,
    found: Vec<Found>,
    /// Whether something found halts the search (kept apart: with `continue_after_violation`
    /// the findings may be millions, and this is asked after every state).
    errored: bool,
    generated: u64,
    depth: u32,
    stop: Option<Stop>,
}

impl<'m> Search<'m> {
    /// Enumerate the initial states, checking the invariants on each: the first level. An
    /// evaluation error is the run's result.
    fn seed(
        model: &'m Model<'m>,
        bounds: &Bounds<'_>,
    ) -> Result<(Search<'m>, Level), Box<Exploration>> {
        let mut s = Search {
            model,
            seen: FpSet::new(),
            parents: Vec::new(),
            via: Vec::new(),
            found: Vec::new(),
            errored: false,
            generated: 0,
            depth: 0,
            stop: None,
        };
        let mut level = Level::new();
        let mut buf = Vec::with_capacity(256);
        let mut frame = model.prog.new_frame();
        let mut timed_out = false;
        let mut failed = None;
        let r = model.prog.initial_states(&mut |st| {
            s.generated += 1;
            match model
                .constraints
                .admits_state(model.prog, &st, &mut frame)
                .map_err(ExpandError::from)
            {
                Ok(true) => {}
                Ok(false) => {
                    timed_out |= s.check_outside(u32::MAX, s.generated as u32 - 1, &st, &mut frame);
                    return !timed_out;
                }
                Err(e) => {
                    failed = Some(e);
                    return false;
                }
            }
            let fp = match model.fingerprint(&st, &mut buf, &mut frame) {
                Ok(fp) => fp,
                Err(e) => {
                    failed = Some(e);
                    return false;
                }
            };
            if s.seen.insert(fp) {
                let id = s.parents.len() as u32;
                s.parents.push(u32::MAX);
                s.via.push(s.generated as u32 - 1);
                timed_out |= check_invariants(model, &st, id, &mut frame, &mut s.found);
                level.push((id, st));
            }
            // At the state limit, no more initial states are kept.
            !timed_out && (s.seen.len() as u64) < bounds.max_states()
        });
        let failed = match (r, failed) {
            (_, Some(ExpandError::TimeLimit)) => Some((
                Outcome::LimitReached,
                bounds.out_of_time().to_string(),
                None,
            )),
            (_, Some(e)) => Some((
                Outcome::Error,
                format!("{e} (in an initial state)"),
                e.span(),
            )),
            (r, None) => match r {
                Ok(()) if !timed_out => None,
                Ok(()) => Some((
                    Outcome::LimitReached,
                    bounds.out_of_time().to_string(),
                    None,
                )),
                Err(e) if e.is_time_limit() => Some((
                    Outcome::LimitReached,
                    bounds.out_of_time().to_string(),
                    None,
                )),
                Err(e) => Some((
                    Outcome::Error,
                    format!("{} (while computing the initial states)", e.message),
                    Some(e.span),
                )),
            },
        };
        if let Some((outcome, message, span)) = failed {
            return Err(Box::new(s.early(outcome, message, span, bounds)));
        }
        if !level.is_empty() {
            s.depth = 1;
            if let Some(stop) = bounds.full(s.seen.len()) {
                s.stop = Some(stop);
                level.clear();
            }
        }
        Ok((s, level))
    }

    /// The result of a run that ended while computing the initial states.
    fn early(
        &self,
        outcome: Outcome,
        message: String,
        span: Option<Span>,
        bounds: &Bounds<'_>,
    ) -> Exploration {
        Exploration {
            outcome,
            span,
            property: None,
            message: Some(message),
            distinct: self.seen.len() as u64,
            generated: self.generated,
            depth: 0,
            trace: vec![],
            violations: vec![],
            elapsed_ms: bounds.elapsed_ms(),
            table_bytes: self.seen.bytes(),
            complete: false,
        }
    }

    /// Whether what was found so far ends the search.
    fn halted(&self, continue_after_violation: bool) -> bool {
        self.stop.is_some() || (!self.found.is_empty() && !continue_after_violation) || self.errored
    }

    /// Record a new state reached from `parent` by its successor number `index`; its id.
    fn add(&mut self, parent: u32, index: u32) -> u32 {
        let id = self.parents.len() as u32;
        self.parents.push(parent);
        self.via.push(index);
        id
    }

    /// The progress report at this point.
    fn progress(&self, queue: usize, bounds: &Bounds<'_>) -> Progress {
        Progress {
            distinct_states: self.seen.len() as u64,
            states_generated: self.generated,
            depth: self.depth,
            queue: queue as u64,
            elapsed_ms: bounds.elapsed_ms(),
        }
    }

    /// Level by level until every state is expanded or something stops the search.
    fn sequential(
        mut self,
        mut level: Level,
        bounds: &Bounds<'_>,
        continue_after_violation: bool,
        on_progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Exploration {
        let mut next_progress = PROGRESS_EVERY;
        let mut scratch = Scratch::new(self.model.prog);
        let run = searching();
        while !level.is_empty() && !self.halted(continue_after_violation) {
            if let Some(stop) = bounds.too_deep(self.depth) {
                self.stop = Some(stop);
                break;
            }
            let mut next = Level::new();
            // Each state is dropped once expanded, so the level's memory goes to the next one.
            let width = level.len();
            for (k, (id, st)) in level.drain(..).enumerate() {
                if let Some(r) = &run {
                    let queue = (width - k + next.len()) as u64;
                    let seen = self.seen.len() as u64;
                    r.stats
                        .update(seen, self.generated, queue, self.depth.into());
                }
                // The state's steps, and its successors' invariants, at its level (TLC's: 1
                // for an initial state; 0 for the initial predicate and its invariants).
                let _at = run::at_level(self.depth);
                self.expand_one(id, &st, &mut next, &mut scratch, bounds);
                // The clock, every few states: a state may be slow to expand.
                if self.stop.is_none() && k % 64 == 63 && Deadline::passed() {
                    self.stop = Some(bounds.out_of_time());
                }
                if self.stop.is_none() && self.generated >= next_progress {
                    next_progress = self.generated + PROGRESS_EVERY;
                    self.stop = bounds.report(&self.progress(next.len(), bounds), on_progress);
                }
                if self.stop.is_none() {
                    self.stop = bounds.full(self.seen.len());
                }
                if self.halted(continue_after_violation) {
                    break;
                }
            }
            if !next.is_empty() && !self.halted(continue_after_violation) {
                self.depth += 1;
            }
            level = next;
        }
        let complete = !self.halted(continue_after_violation);
        self.finish(bounds, complete)
    }

    /// Expand one state: its new successors go to `next`, with their invariants checked.
    fn expand_one(
        &mut self,
        id: u32,
        st: &[Value],
        next: &mut Level,
        scratch: &mut Scratch,
        bounds: &Bounds<'_>,
    ) {
        let model = self.model;
        let cap = bounds.max_states();
        let mut index = 0u32;
        let mut timed_out = false;
        let r = expand(
            model.prog,
            model.constraints,
            st,
            (&mut scratch.frame, &mut scratch.cframe),
            false,
            &mut |s, inside| {
                self.generated += 1;
                index += 1;
                if !model.steps.is_empty() && inside.is_ok() && !self.errored {
                    let frame = &mut scratch.inv_frame;
                    timed_out |= self.check_step(id, index - 1, st, s.state, frame);
                }
                match inside {
                    Ok(true) if !self.errored => {}
                    Ok(false) if !self.errored => {
                        let frame = &mut scratch.inv_frame;
                        timed_out |= self.check_outside(id, index - 1, s.state, frame);
                        return;
                    }
                    Ok(_) => return,
                    Err(ExpandError::TimeLimit) => {
                        timed_out = true;
                        return;
                    }
                    Err(e) => {
                        let at = self.add(id, index - 1);
                        self.record(Found {
                            at,
                            what: Finding::Expand(e),
                        });
                        return;
                    }
                }
                // At the state limit the search stops after this state: keep no more (one
                // state may have a great many successors, each as large as a state).
                if self.seen.len() as u64 >= cap {
                    return;
                }
                let frame = &mut scratch.inv_frame;
                match model.fingerprint(s.state, &mut scratch.buf, frame) {
                    Ok(fp) if self.seen.insert(fp) => {}
                    Ok(_) => return,
                    Err(ExpandError::TimeLimit) => return timed_out = true,
                    Err(e) => {
                        let at = self.add(id, index - 1);
                        return self.record(Found {
                            at,
                            what: Finding::Expand(e),
                        });
                    }
                }
                let nid = self.add(id, index - 1);
                let frame = &mut scratch.inv_frame;
                timed_out |= check_invariants(model, s.state, nid, frame, &mut self.found);
                next.push((nid, s.state.to_vec()));
            },
        );
        self.expanded(id, r, bounds);
        if timed_out && self.stop.is_none() {
            self.stop = Some(bounds.out_of_time());
        }
    }

    /// Check the invariants on a state outside the constraints, reached from `parent` by its
    /// successor number `index` (`u32::MAX` for an initial state): it is not kept, but a
    /// violation is recorded with its behavior. True when the time limit stopped the check.
    fn check_outside(
        &mut self,
        parent: u32,
        index: u32,
        st: &[Value],
        frame: &mut Vec<Value>,
    ) -> bool {
        let mut found = Vec::new();
        let timed_out = check_invariants(self.model, st, 0, frame, &mut found);
        if !found.is_empty() {
            let at = self.add(parent, index);
            self.found
                .extend(found.into_iter().map(|f| Found { at, ..f }));
        }
        timed_out
    }

    /// Check the action properties on the step from `st` (state `parent`) to its successor
    /// number `index`, `next`; a violation is recorded with the behavior ending in the step.
    /// True when the time limit stopped the check.
    fn check_step(
        &mut self,
        parent: u32,
        index: u32,
        st: &[Value],
        next: &[Value],
        frame: &mut Vec<Value>,
    ) -> bool {
        let mut found = Vec::new();
        let model = self.model;
        let timed_out = check_each(model, model.steps, st, Some(next), frame, &mut found);
        if !found.is_empty() {
            let at = self.add(parent, index);
            self.found
                .extend(found.into_iter().map(|f| Found { at, ..f }));
        }
        timed_out
    }

    /// Keep a finding, noting whether it halts the search.
    fn record(&mut self, f: Found) {
        self.errored |= f.halts();
        self.found.push(f);
    }

    /// Record what expanding state `id` found.
    fn expanded(&mut self, id: u32, r: Result<Expansion, ExpandError>, bounds: &Bounds<'_>) {
        match r {
            Ok(Expansion::Deadlock) if self.model.check_deadlock => self.found.push(Found {
                at: id,
                what: Finding::Deadlock,
            }),
            Ok(Expansion::Terminated) => self.generated += 1,
            Ok(_) => {}
            Err(ExpandError::TimeLimit) => self.stop = Some(bounds.out_of_time()),
            Err(e) => self.record(Found {
                at: id,
                what: Finding::Expand(e),
            }),
        }
    }

    /// The run's result: the violations with their traces, the counts.
    fn finish(self, bounds: &Bounds<'_>, complete: bool) -> Exploration {
        let prog = self.model.prog;
        // Traces are rebuilt whatever the time: the states on them were reached already.
        let _no_deadline = Deadline::set(None);
        let table_bytes = self.seen.bytes() + self.parents.len() * 4 + self.via.len() * 4;
        let violations: Vec<Violation> = self
            .found
            .iter()
            .take(100)
            .map(|f| f.violation(prog, rebuild_trace(prog, &self.parents, &self.via, f.at)))
            .collect();
        let (outcome, property, message, trace, span) = match (violations.first(), self.stop) {
            (Some(v), _) => (
                v.outcome,
                v.property.clone(),
                v.message.clone(),
                v.trace.clone(),
                v.span,
            ),
            (None, Some(stop)) => (stop.outcome(), None, Some(stop.to_string()), vec![], None),
            (None, None) => (Outcome::Ok, None, None, vec![], None),
        };
        Exploration {
            outcome,
            property,
            message,
            span,
            distinct: self.seen.len() as u64,
            generated: self.generated,
            depth: self.depth,
            trace,
            violations,
            elapsed_ms: bounds.elapsed_ms(),
            table_bytes,
            complete,
        }
    }
}

/// Buffers reused from state to state.
struct Scratch {
    frame: Vec<Value>,
    /// For the constraints, evaluated while the successors are being computed in `frame`.
    cframe: Vec<Value>,
    inv_frame: Vec<Value>,
    buf: Vec<u8>,
}

impl Scratch {
    fn new(prog: &Program) -> Scratch {
        Scratch {
            frame: prog.new_frame(),
            cframe: prog.new_frame(),
            inv_frame: prog.new_frame(),
            buf: Vec::with_capacity(256),
        }
    }
}

/// Check every invariant on a new state, recording what fails; true when the time limit
/// stopped an invariant's evaluation (the search must stop too).
fn check_invariants(
    model: &Model<'_>,
    st: &[Value],
    id: u32,
    frame: &mut Vec<Value>,
    found: &mut Vec<Found>,
) -> bool {
    let mut new = Vec::new();
    let timed_out = check_each(model, model.invariants, st, None, frame, &mut new);
    found.extend(new.into_iter().map(|f| Found { at: id, ..f }));
    timed_out
}

/// Check each property of `props` in `st` (on the step to `next`, for action properties),
/// recording what fails (at node 0: the caller places it); true when the time limit stopped one.
fn check_each(
    model: &Model<'_>,
    props: &[Invariant],
    st: &[Value],
    next: Option<&[Value]>,
    frame: &mut Vec<Value>,
    found: &mut Vec<Found>,
) -> bool {
    for inv in props {
        let what = match model.prog.env(st, next).bool(&inv.expr, frame) {
            Err(e) if e.is_time_limit() => return true,
            Ok(true) => continue,
            Ok(false) => Finding::Invariant {
                name: inv.name.clone(),
                temporal: inv.temporal,
            },
            Err(error) => Finding::InvariantError {
                name: inv.name.clone(),
                error,
            },
        };
        found.push(Found { at: 0, what });
    }
    false
}

/// Rebuild the behavior reaching state `id`: follow parent pointers to an initial state,
/// then replay the steps, at each one taking the successor with the recorded index (successors
/// are enumerated in a fixed order).
pub fn rebuild_trace(prog: &Program, parents: &[u32], via: &[u32], id: u32) -> Vec<TraceState> {
    let mut chain = vec![id];
    let mut cur = id;
    while parents[cur as usize] != u32::MAX {
        cur = parents[cur as usize];
        chain.push(cur);
    }
    chain.reverse();
    let mut frame = prog.new_frame();
    let mut trace: Vec<TraceState> = Vec::new();
    let mut first = None;
    let mut k = 0;
    let _ = prog.initial_states(&mut |st| {
        if k == via[chain[0] as usize] {
            first = Some(st);
            return false;
        }
        k += 1;
        true
    });
    let Some(first) = first else { return trace };
    trace.push(TraceState {
        step: None,
        state: first,
    });
    for (step, want) in chain[1..].iter().enumerate() {
        // Replayed at the level the search took the step (TLC replays its steps too).
        let _at = run::at_level(step as u32 + 1);
        let last = trace.last().expect("trace has a first state").state.clone();
        let mut next: Option<TraceState> = None;
        let mut k = 0;
        let _ = prog.successors(&last, &mut frame, true, &mut |s| {
            if k == via[*want as usize] {
                next = Some(TraceState {
                    step: Some(step_info(prog, s.instance, s.label, s.choices, s.event)),
                    state: s.state.to_vec(),
                });
            }
            k += 1;
        });
        match next {
            Some(n) => trace.push(n),
            None => break,
        }
    }
    trace
}

#[cfg(not(target_arch = "wasm32"))]
mod parallel {
    //! Level-synchronous parallel breadth-first search: the states of one level are expanded
    //! on `workers` threads (chunks taken from a shared counter). A state new to the level is
    //! claimed in a sharded map from fingerprint to the first (parent id, successor index) that
    //! reached it, the minimum of all that did, which is what the sequential search would have
    //! recorded; only the first thread to reach it keeps a copy of the state. The new states
    //! are then numbered in (parent, index) order, so ids, counts and counterexamples are
    //! exactly those of the sequential search.

    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    use super::*;

    const CHUNK: usize = 256;
    const SHARDS: usize = 64;

    #[derive(Default)]
    struct Expanded {
        /// (fingerprint, state) of the states this thread reached first in the level.
        succs: Vec<(u64, Vec<Value>)>,
        generated: u64,
        found: Vec<Found>,
        /// What the invariants found in states outside the constraints, with the (parent id,
        /// successor index) of each such state: they are not kept, but a trace leads to them.
        outside: Vec<(u32, u32, Vec<Found>)>,
        /// The time limit stopped this chunk.
        timed_out: bool,
    }

    /// The states new to a level: fingerprint → the least (parent id, successor index).
    struct LevelMap {
        shards: Vec<Mutex<HashMap<u64, u64>>>,
    }

    impl LevelMap {
        fn new() -> LevelMap {
            LevelMap {
                shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            }
        }

        fn shard(&self, fp: u64) -> std::sync::MutexGuard<'_, HashMap<u64, u64>> {
            self.shards[(fp >> 58) as usize % SHARDS]
                .lock()
                .expect("no worker panics while holding a shard")
        }

        /// Record that `from` reaches `fp`; true when this is the first time in the level.
        fn claim(&self, fp: u64, from: u64) -> bool {
            let mut m = self.shard(fp);
            match m.get_mut(&fp) {
                Some(best) => {
                    *best = (*best).min(from);
                    false
                }
                None => {
                    m.insert(fp, from);
                    true
                }
            }
        }

        fn get(&self, fp: u64) -> u64 {
            *self
                .shard(fp)
                .get(&fp)
                .expect("every kept state was claimed")
        }

        fn clear(&mut self) {
            for s in &mut self.shards {
                s.get_mut()
                    .expect("no worker panics while holding a shard")
                    .clear();
            }
        }
    }

    /// Run `work` on chunks of `items` over `workers` threads; results in chunk order.
    fn par_chunks<T: Sync, R: Send + Default>(
        items: &[T],
        workers: usize,
        work: &(dyn Fn(&[T], &mut R) + Sync),
    ) -> Vec<R> {
        let n = items.len().div_ceil(CHUNK);
        let next = AtomicUsize::new(0);
        let out: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(n));
        std::thread::scope(|sc| {
            for _ in 0..workers.min(n.max(1)) {
                sc.spawn(|| loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= n {
                        break;
                    }
                    let mut r = R::default();
                    work(
                        &items[c * CHUNK..((c + 1) * CHUNK).min(items.len())],
                        &mut r,
                    );
                    out.lock()
                        .expect("no worker panics while holding the lock")
                        .push((c, r));
                });
            }
        });
        let mut v = out.into_inner().expect("workers finished");
        v.sort_by_key(|(c, _)| *c);
        v.into_iter().map(|(_, r)| r).collect()
    }

    /// Level by level, each level's states expanded on `opts.workers` threads.
    pub(super) fn explore(
        mut s: Search<'_>,
        mut level: Level,
        bounds: &Bounds<'_>,
        opts: &CheckOptions,
        on_progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Exploration {
        let workers = opts.workers.max(1);
        let mut claims = LevelMap::new();
        let run = searching();
        while !level.is_empty() && !s.halted(opts.continue_after_violation) {
            if let Some(r) = &run {
                let seen = s.seen.len() as u64;
                r.stats
                    .update(seen, s.generated, level.len() as u64, s.depth.into());
            }
            if let Some(stop) = bounds.too_deep(s.depth) {
                s.stop = Some(stop);
                break;
            }
            let expanded = expand_level(&s, &level, &claims, workers, bounds);
            let next = s.number(expanded, &mut claims, bounds);
            if s.stop.is_some() || s.errored {
                break;
            }
            check_level(&mut s, &next, workers, bounds);
            // An invariant stopped by the time limit was not checked: the run stops.
            if Deadline::passed() {
                s.stop = Some(bounds.out_of_time());
                break;
            }
            if !next.is_empty() {
                s.depth += 1;
            }
            level = next;
            s.stop = bounds
                .report(&s.progress(level.len(), bounds), on_progress)
                .or_else(|| bounds.full(s.seen.len()));
        }
        // Violations found on one level are reported in id order (breadth-first: shortest first).
        s.found.sort_by_key(|f| f.at);
        let complete = !s.halted(opts.continue_after_violation);
        s.finish(bounds, complete)
    }

    /// Expand a level's states on `workers` threads.
    fn expand_level(
        s: &Search<'_>,
        level: &Level,
        claims: &LevelMap,
        workers: usize,
        bounds: &Bounds<'_>,
    ) -> Vec<Expanded> {
        let deadline = bounds.deadline();
        let run = run::current();
        par_chunks(
            level,
            workers,
            &|chunk: &[(u32, Vec<Value>)], r: &mut Expanded| {
                // Each worker thread evaluates under the run's deadline, in the run, at the
                // level's depth.
                let _deadline = Deadline::set(deadline);
                let _run = run.clone().map(run::Run::install);
                let _at = run::at_level(s.depth);
                if Deadline::passed() {
                    r.timed_out = true;
                    return;
                }
                let mut scratch = Scratch::new(s.model.prog);
                for (id, st) in chunk {
                    if !expand_claiming(s, *id, st, claims, &mut scratch, r) {
                        return;
                    }
                }
            },
        )
    }

    /// Expand one state on a worker: its successors not seen on earlier levels are claimed;
    /// false when the chunk must stop (an error or the time limit).
    fn expand_claiming(
        s: &Search<'_>,
        id: u32,
        st: &[Value],
        claims: &LevelMap,
        scratch: &mut Scratch,
        r: &mut Expanded,
    ) -> bool {
        let model = s.model;
        let mut index = 0u32;
        let res = expand(
            model.prog,
            model.constraints,
            st,
            (&mut scratch.frame, &mut scratch.cframe),
            false,
            &mut |succ, inside| {
                r.generated += 1;
                index += 1;
                let mut found = Vec::new();
                let kept = match inside {
                    Ok(true) => true,
                    Ok(false) => {
                        let frame = &mut scratch.inv_frame;
                        r.timed_out |= check_invariants(model, succ.state, 0, frame, &mut found);
                        false
                    }
                    Err(ExpandError::TimeLimit) => {
                        r.timed_out = true;
                        false
                    }
                    Err(e) => {
                        found.push(Found {
                            at: 0,
                            what: Finding::Expand(e),
                        });
                        false
                    }
                };
                if !kept {
                    if !found.is_empty() {
                        r.outside.push((id, index - 1, found));
                    }
                    return;
                }
                // States seen on earlier levels are dropped here, on the worker (the set is only
                // read during this phase); the rest are deduplicated in order.
                let frame = &mut scratch.inv_frame;
                let fp = match model.fingerprint(succ.state, &mut scratch.buf, frame) {
                    Ok(fp) => fp,
                    Err(ExpandError::TimeLimit) => return r.timed_out = true,
                    Err(e) => {
                        let what = Finding::Expand(e);
                        return r.outside.push((id, index - 1, vec![Found { at: 0, what }]));
                    }
                };
                if !s.seen.contains(fp)
                    && claims.claim(fp, (u64::from(id) << 32) | u64::from(index - 1))
                {
                    r.succs.push((fp, succ.state.to_vec()));
                }
            },
        );
        match res {
            Ok(Expansion::Deadlock) if model.check_deadlock => r.found.push(Found {
                at: id,
                what: Finding::Deadlock,
            }),
            Ok(Expansion::Terminated) => r.generated += 1,
            Ok(_) => {}
            Err(ExpandError::TimeLimit) => {
                r.timed_out = true;
                return false;
            }
            Err(e) => {
                r.found.push(Found {
                    at: id,
                    what: Finding::Expand(e),
                });
                return false;
            }
        }
        true
    }

    impl Search<'_> {
        /// Number the new states of a level in the order the sequential search would have.
        fn number(
            &mut self,
            expanded: Vec<Expanded>,
            claims: &mut LevelMap,
            bounds: &Bounds<'_>,
        ) -> Level {
            let mut new: Vec<(u64, u64, Vec<Value>)> = Vec::new();
            for r in expanded {
                self.generated += r.generated;
                if r.timed_out {
                    self.stop = Some(bounds.out_of_time());
                }
                for f in r.found {
                    self.record(f);
                }
                for (parent, index, found) in r.outside {
                    let at = self.add(parent, index);
                    self.found
                        .extend(found.into_iter().map(|f| Found { at, ..f }));
                }
                new.extend(r.succs.into_iter().map(|(fp, st)| (claims.get(fp), fp, st)));
            }
            claims.clear();
            new.sort_unstable_by_key(|(from, _, _)| *from);
            let mut next = Level::with_capacity(new.len());
            for (from, fp, st) in new {
                self.seen.insert(fp);
                next.push((self.add((from >> 32) as u32, from as u32), st));
            }
            next
        }
    }

    /// Check the invariants on a level's new states, on `workers` threads.
    fn check_level(s: &mut Search<'_>, next: &Level, workers: usize, bounds: &Bounds<'_>) {
        let deadline = bounds.deadline();
        let model = s.model;
        let (run, depth) = (run::current(), s.depth);
        let checked = par_chunks(
            next,
            workers,
            &|chunk: &[(u32, Vec<Value>)], r: &mut Vec<Found>| {
                let _deadline = Deadline::set(deadline);
                let _run = run.clone().map(run::Run::install);
                // A new state's invariants are at its parent's level, as in TLC.
                let _at = run::at_level(depth);
                let mut frame = model.prog.new_frame();
                for (id, st) in chunk {
                    // A time limit met here is seen by the caller's clock check.
                    if check_invariants(model, st, *id, &mut frame, r) {
                        return;
                    }
                }
            },
        );
        s.found.extend(checked.into_iter().flatten());
    }
}
