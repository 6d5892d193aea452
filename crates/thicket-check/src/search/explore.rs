//! Breadth-first exploration of the state graph, as TLC does it: invariants on every new
//! state (initial ones included), deadlock detection, state constraints, limits, progress
//! and cancellation. Counterexamples are shortest because the search is breadth-first, and
//! are rebuilt from parent pointers by replaying the steps (no paths are stored).

use std::sync::Arc;

use web_time::Instant;

use thicket_syntax::ast::Span;

use crate::eval::expr::{CExpr, Deadline};
use crate::eval::value::Value;
use crate::model::program::Program;
use crate::model::show::{step_info, StepInfo};
use crate::model::spec::Invariant;
use crate::model::step::StepError;
use crate::search::fpset::{fingerprint, FpSet};
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
}

const PROGRESS_EVERY: u64 = 1 << 14;

/// When evaluation must stop, for a run with a time limit.
fn deadline(opts: &CheckOptions) -> Option<Instant> {
    opts.max_millis
        .map(|m| Instant::now() + std::time::Duration::from_millis(m))
}

/// How a run stopped by its state limit ends.
fn state_limit(distinct: usize) -> (Outcome, String) {
    (
        Outcome::LimitReached,
        format!("stopped at the state limit ({distinct} distinct states)"),
    )
}

/// How a run stopped by its time limit ends.
fn time_limit(start: Instant) -> (Outcome, String) {
    (
        Outcome::LimitReached,
        format!(
            "stopped at the time limit ({} ms)",
            start.elapsed().as_millis()
        ),
    )
}

/// Whether `st` satisfies every state constraint. A constraint that cannot be evaluated is an
/// error (never a silent prune: the states beyond it would go unchecked); `Err(None)` when the
/// time limit stopped the evaluation.
fn within_constraints(
    prog: &Program,
    constraints: &[CExpr],
    st: &[Value],
    frame: &mut Vec<Value>,
) -> Result<bool, Option<crate::eval::expr::EvalError>> {
    for c in constraints {
        match prog.env(st, None).bool(c, frame) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) if e.is_time_limit() => return Err(None),
            Err(e) => return Err(Some(e)),
        }
    }
    Ok(true)
}

/// Whether a failed step only stopped at the time limit.
fn stopped_by_time(e: &StepError) -> bool {
    matches!(e, StepError::Eval(e) if e.is_time_limit())
}

struct Found {
    outcome: Outcome,
    property: Option<String>,
    message: Option<String>,
    /// The state at which it was found (its id) ...
    at: u32,
    /// ... and, for step errors, the failing step taken from it.
    failed_step: Option<(usize, Arc<str>)>,
    /// Where in the text (errors and assertions).
    span: Option<Span>,
}

impl Found {
    /// A state constraint that cannot be evaluated in state `at`.
    fn constraint_failure(at: u32, e: crate::eval::expr::EvalError) -> Found {
        Found {
            outcome: Outcome::Error,
            property: None,
            message: Some(format!(
                "the state constraint cannot be evaluated: {}",
                e.message
            )),
            at,
            failed_step: None,
            span: Some(e.span),
        }
    }

    /// A step from state `at` that failed: an assertion, or an expression that cannot be
    /// evaluated.
    fn step_failure(at: u32, instance: usize, label: Arc<str>, e: StepError) -> Found {
        let (outcome, message, span) = match e {
            StepError::Assert { span } => (
                Outcome::AssertionFailed,
                format!("assertion failed in step {label}"),
                span,
            ),
            StepError::Eval(e) => (
                Outcome::Error,
                format!("{} (in step {label})", e.message),
                e.span,
            ),
        };
        Found {
            outcome,
            property: None,
            message: Some(message),
            at,
            failed_step: Some((instance, label)),
            span: Some(span),
        }
    }
}

/// Explore breadth-first; with `opts.workers > 1` (natively), on that many threads.
pub fn explore(
    prog: &Program,
    invariants: &[Invariant],
    constraints: &[CExpr],
    check_deadlock: bool,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> Exploration {
    // The time limit holds inside a state's evaluation too (see `Deadline`).
    let _deadline = Deadline::set(deadline(opts));
    #[cfg(not(target_arch = "wasm32"))]
    if opts.workers > 1 {
        return parallel::explore(
            prog,
            invariants,
            constraints,
            check_deadlock,
            opts,
            on_progress,
        );
    }
    explore_sequential(
        prog,
        invariants,
        constraints,
        check_deadlock,
        opts,
        on_progress,
    )
}

/// The search's bookkeeping after the initial states: the seen set, parent pointers and
/// successor indices (for traces), the first level, and what the initial states violate.
struct Seeded {
    seen: FpSet,
    parents: Vec<u32>,
    via: Vec<u32>,
    level: Vec<(u32, Vec<Value>)>,
    found: Vec<Found>,
    generated: u64,
}

/// Enumerate the initial states, checking the invariants on each; an evaluation error becomes
/// the run's result.
fn seed(
    prog: &Program,
    invariants: &[Invariant],
    opts: &CheckOptions,
    start: Instant,
) -> Result<Seeded, Box<Exploration>> {
    let cap = opts.max_states.unwrap_or(u64::MAX);
    let mut s = Seeded {
        seen: FpSet::new(),
        parents: Vec::new(),
        via: Vec::new(),
        level: Vec::new(),
        found: Vec::new(),
        generated: 0,
    };
    let mut buf = Vec::with_capacity(256);
    let mut frame = prog.new_frame();
    let mut timed_out = false;
    let r = prog.initial_states(&mut |st| {
        s.generated += 1;
        if s.seen.insert(fingerprint(&st, &mut buf)) {
            let id = s.parents.len() as u32;
            s.parents.push(u32::MAX);
            s.via.push(s.generated as u32 - 1);
            timed_out |= check_invariants(prog, invariants, &st, id, &mut frame, &mut s.found);
            s.level.push((id, st));
        }
        // At the state limit, no more initial states are kept.
        !timed_out && (s.seen.len() as u64) < cap
    });
    match r {
        Ok(()) if !timed_out => Ok(s),
        Ok(()) => Err(Box::new(Exploration {
            outcome: Outcome::LimitReached,
            span: None,
            property: None,
            message: Some(time_limit(start).1),
            distinct: s.seen.len() as u64,
            generated: s.generated,
            depth: 0,
            trace: vec![],
            violations: vec![],
            elapsed_ms: start.elapsed().as_millis() as u64,
            table_bytes: s.seen.bytes(),
        })),
        Err(e) => Err(Box::new(Exploration {
            outcome: if e.is_time_limit() {
                Outcome::LimitReached
            } else {
                Outcome::Error
            },
            span: (!e.is_time_limit()).then_some(e.span),
            property: None,
            message: Some(if e.is_time_limit() {
                time_limit(start).1
            } else {
                format!("{} (while computing the initial states)", e.message)
            }),
            distinct: s.seen.len() as u64,
            generated: s.generated,
            depth: 0,
            trace: vec![],
            violations: vec![],
            elapsed_ms: start.elapsed().as_millis() as u64,
            table_bytes: s.seen.bytes(),
        })),
    }
}

fn explore_sequential(
    prog: &Program,
    invariants: &[Invariant],
    constraints: &[CExpr],
    check_deadlock: bool,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> Exploration {
    let start = Instant::now();
    let Seeded {
        mut seen,
        mut parents,
        mut via,
        mut level,
        mut found,
        mut generated,
    } = match seed(prog, invariants, opts, start) {
        Ok(s) => s,
        Err(e) => return *e,
    };
    let cap = opts.max_states.unwrap_or(u64::MAX);
    let mut buf = Vec::with_capacity(256);
    let mut frame = prog.new_frame();
    let mut inv_frame = prog.new_frame();
    let mut stop: Option<(Outcome, String)> = None;
    let mut timed_out = false;
    let check_state = |st: &[Value], id: u32, frame: &mut Vec<Value>, found: &mut Vec<Found>| {
        check_invariants(prog, invariants, st, id, frame, found)
    };
    let mut expanded: u64 = 0;

    let mut depth: u32 = if level.is_empty() { 0 } else { 1 };
    if seen.len() as u64 >= cap && !level.is_empty() {
        stop = Some(state_limit(seen.len()));
        level.clear();
    }
    let mut next_progress = PROGRESS_EVERY;
    'search: while !level.is_empty() {
        if !found.is_empty() && !opts.continue_after_violation {
            break;
        }
        if opts.max_depth.is_some_and(|d| depth >= d) {
            stop = Some((
                Outcome::LimitReached,
                format!("stopped at the depth limit ({depth})"),
            ));
            break;
        }
        let mut next_level: Vec<(u32, Vec<Value>)> = Vec::new();
        for (id, st) in level.drain(..) {
            match within_constraints(prog, constraints, &st, &mut frame) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(None) => {
                    stop = Some(time_limit(start));
                    break 'search;
                }
                Err(Some(e)) => {
                    found.push(Found::constraint_failure(id, e));
                    break 'search;
                }
            }
            let mut any = false;
            let parent = id;
            let mut index = 0u32;
            let res = prog.successors(&st, &mut frame, false, &mut |s| {
                any = true;
                generated += 1;
                index += 1;
                // At the state limit the search stops after this state: keep no more (one
                // state may have a great many successors, each as large as a state).
                if seen.len() as u64 >= cap {
                    return;
                }
                let fp = fingerprint(s.state, &mut buf);
                if seen.insert(fp) {
                    let nid = parents.len() as u32;
                    parents.push(parent);
                    via.push(index - 1);
                    timed_out |= check_state(s.state, nid, &mut inv_frame, &mut found);
                    next_level.push((nid, s.state.to_vec()));
                }
            });
            match res {
                Ok(running) => {
                    if !any {
                        if running {
                            if check_deadlock {
                                found.push(Found {
                                    outcome: Outcome::Deadlock,
                                    property: None,
                                    message: None,
                                    at: id,
                                    failed_step: None,
                                    span: None,
                                });
                            }
                        } else {
                            // Every process is Done: the translation's `Terminating` stutter.
                            generated += 1;
                        }
                    }
                }
                Err((_, _, e)) if stopped_by_time(&e) => {
                    stop = Some(time_limit(start));
                    break 'search;
                }
                Err((inst, label, e)) => {
                    found.push(Found::step_failure(id, inst, label, e));
                    // An error stops the search even with --continue: the state graph is unknown beyond it.
                    break 'search;
                }
            }
            if !found.is_empty() && !opts.continue_after_violation {
                break 'search;
            }
            // The clock, every few states: a state may be slow to expand.
            expanded += 1;
            if timed_out || (expanded.is_multiple_of(64) && Deadline::passed()) {
                stop = Some(time_limit(start));
                break 'search;
            }
            if generated >= next_progress {
                next_progress = generated + PROGRESS_EVERY;
                let p = Progress {
                    distinct_states: seen.len() as u64,
                    states_generated: generated,
                    depth,
                    queue: next_level.len() as u64,
                    elapsed_ms: start.elapsed().as_millis() as u64,
                };
                if !on_progress(&p) {
                    stop = Some((Outcome::Cancelled, "cancelled".into()));
                    break 'search;
                }
                if opts.max_millis.is_some_and(|m| p.elapsed_ms >= m) {
                    stop = Some((
                        Outcome::LimitReached,
                        format!("stopped at the time limit ({} ms)", p.elapsed_ms),
                    ));
                    break 'search;
                }
            }
            if seen.len() as u64 >= cap {
                stop = Some(state_limit(seen.len()));
                break 'search;
            }
        }
        if !next_level.is_empty() {
            depth += 1;
        }
        level = next_level;
    }

    finish(
        prog, &seen, &parents, &via, found, stop, generated, depth, start,
    )
}

#[allow(clippy::too_many_arguments)]
fn finish(
    prog: &Program,
    seen: &FpSet,
    parents: &[u32],
    via: &[u32],
    found: Vec<Found>,
    stop: Option<(Outcome, String)>,
    generated: u64,
    depth: u32,
    start: Instant,
) -> Exploration {
    // Traces are rebuilt whatever the time: the states on them were reached already.
    let _no_deadline = Deadline::set(None);
    let table_bytes = seen.bytes() + parents.len() * 4 + via.len() * 4;
    let mut violations: Vec<Violation> = Vec::new();
    for f in &found {
        let trace = rebuild_trace(prog, parents, via, f.at);
        let failed_step = f
            .failed_step
            .as_ref()
            .map(|(inst, label)| step_info(prog, *inst, label, &[], None));
        violations.push(Violation {
            outcome: f.outcome,
            property: f.property.clone(),
            message: f.message.clone(),
            span: f.span,
            trace,
            failed_step,
        });
        if violations.len() >= 100 {
            break;
        }
    }
    let elapsed_ms = start.elapsed().as_millis() as u64;
    let (outcome, property, message, trace, span) = match (violations.first(), stop) {
        (Some(v), _) => (
            v.outcome,
            v.property.clone(),
            v.message.clone(),
            v.trace.clone(),
            v.span,
        ),
        (None, Some((o, m))) => (o, None, Some(m), vec![], None),
        (None, None) => (Outcome::Ok, None, None, vec![], None),
    };
    Exploration {
        outcome,
        property,
        message,
        span,
        distinct: seen.len() as u64,
        generated,
        depth,
        trace,
        violations,
        elapsed_ms,
        table_bytes,
    }
}

/// Check every invariant on a new state, recording what fails; true when the time limit
/// stopped an invariant's evaluation (the search must stop too).
fn check_invariants(
    prog: &Program,
    invariants: &[Invariant],
    st: &[Value],
    id: u32,
    frame: &mut Vec<Value>,
    found: &mut Vec<Found>,
) -> bool {
    for inv in invariants {
        match prog.env(st, None).bool(&inv.expr, frame) {
            Err(e) if e.is_time_limit() => return true,
            Ok(true) => {}
            Ok(false) => found.push(Found {
                outcome: if inv.temporal {
                    Outcome::PropertyViolated
                } else {
                    Outcome::InvariantViolated
                },
                property: Some(inv.name.clone()),
                message: None,
                at: id,
                failed_step: None,
                span: None,
            }),
            Err(e) => found.push(Found {
                outcome: Outcome::Error,
                property: Some(inv.name.clone()),
                message: Some(format!("{} (while evaluating {})", e.message, inv.name)),
                at: id,
                failed_step: None,
                span: Some(e.span),
            }),
        }
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
    for want in &chain[1..] {
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

    pub fn explore(
        prog: &Program,
        invariants: &[Invariant],
        constraints: &[CExpr],
        check_deadlock: bool,
        opts: &CheckOptions,
        on_progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Exploration {
        let start = Instant::now();
        let workers = opts.workers.max(1);
        let Seeded {
            mut seen,
            mut parents,
            mut via,
            mut level,
            mut found,
            mut generated,
        } = match seed(prog, invariants, opts, start) {
            Ok(s) => s,
            Err(e) => return *e,
        };
        let mut stop: Option<(Outcome, String)> = None;
        let mut depth: u32 = if level.is_empty() { 0 } else { 1 };
        if opts.max_states.is_some_and(|m| seen.len() as u64 >= m) && !level.is_empty() {
            stop = Some(state_limit(seen.len()));
            level.clear();
        }
        let mut level_map = LevelMap::new();
        // Each worker thread evaluates under the run's deadline.
        let deadline = deadline(opts);
        while !level.is_empty() {
            if !found.is_empty() && !opts.continue_after_violation {
                break;
            }
            if opts.max_depth.is_some_and(|d| depth >= d) {
                stop = Some((
                    Outcome::LimitReached,
                    format!("stopped at the depth limit ({depth})"),
                ));
                break;
            }
            // Expand the level in parallel.
            let seen_before = &seen;
            let claims = &level_map;
            let expanded = par_chunks(
                &level,
                workers,
                &|chunk: &[(u32, Vec<Value>)], r: &mut Expanded| {
                    let _deadline = Deadline::set(deadline);
                    if Deadline::passed() {
                        r.timed_out = true;
                        return;
                    }
                    let mut frame = prog.new_frame();
                    let mut buf = Vec::with_capacity(256);
                    for (id, st) in chunk {
                        match within_constraints(prog, constraints, st, &mut frame) {
                            Ok(true) => {}
                            Ok(false) => continue,
                            Err(None) => {
                                r.timed_out = true;
                                return;
                            }
                            Err(Some(e)) => {
                                r.found.push(Found::constraint_failure(*id, e));
                                return;
                            }
                        }
                        let mut any = false;
                        let mut index = 0u32;
                        let res = prog.successors(st, &mut frame, false, &mut |s| {
                            any = true;
                            r.generated += 1;
                            // States seen on earlier levels are dropped here, on the worker (the set
                            // is only read during this phase); the rest are deduplicated in order.
                            let fp = fingerprint(s.state, &mut buf);
                            if !seen_before.contains(fp)
                                && claims.claim(fp, (u64::from(*id) << 32) | u64::from(index))
                            {
                                r.succs.push((fp, s.state.to_vec()));
                            }
                            index += 1;
                        });
                        match res {
                            Ok(true) if !any && check_deadlock => r.found.push(Found {
                                outcome: Outcome::Deadlock,
                                property: None,
                                message: None,
                                at: *id,
                                failed_step: None,
                                span: None,
                            }),
                            Ok(false) if !any => r.generated += 1,
                            Ok(_) => {}
                            Err((_, _, e)) if stopped_by_time(&e) => {
                                r.timed_out = true;
                                return;
                            }
                            Err((inst, label, e)) => {
                                r.found.push(Found::step_failure(*id, inst, label, e));
                                return;
                            }
                        }
                    }
                },
            );
            // Number the new states in the order the sequential search would have.
            let mut new: Vec<(u64, u64, Vec<Value>)> = Vec::new();
            let mut errored = false;
            let mut timed_out = false;
            for r in expanded {
                generated += r.generated;
                timed_out |= r.timed_out;
                errored |= r
                    .found
                    .iter()
                    .any(|f| matches!(f.outcome, Outcome::Error | Outcome::AssertionFailed));
                found.extend(r.found);
                new.extend(
                    r.succs
                        .into_iter()
                        .map(|(fp, st)| (level_map.get(fp), fp, st)),
                );
            }
            level_map.clear();
            new.sort_unstable_by_key(|(from, _, _)| *from);
            let mut next: Vec<(u32, Vec<Value>)> = Vec::with_capacity(new.len());
            for (from, fp, st) in new {
                seen.insert(fp);
                let id = parents.len() as u32;
                parents.push((from >> 32) as u32);
                via.push(from as u32);
                next.push((id, st));
            }
            if errored {
                break;
            }
            if timed_out {
                stop = Some(time_limit(start));
                break;
            }
            // Invariants on the new states, in parallel.
            let checked = par_chunks(
                &next,
                workers,
                &|chunk: &[(u32, Vec<Value>)], r: &mut Vec<Found>| {
                    let _deadline = Deadline::set(deadline);
                    let mut frame = prog.new_frame();
                    for (id, st) in chunk {
                        // A time limit met here is seen by the clock check below.
                        if check_invariants(prog, invariants, st, *id, &mut frame, r) {
                            return;
                        }
                    }
                },
            );
            found.extend(checked.into_iter().flatten());
            // An invariant stopped by the time limit was not checked: the run stops.
            if Deadline::passed() {
                stop = Some(time_limit(start));
                break;
            }
            if !next.is_empty() {
                depth += 1;
            }
            level = next;
            let p = Progress {
                distinct_states: seen.len() as u64,
                states_generated: generated,
                depth,
                queue: level.len() as u64,
                elapsed_ms: start.elapsed().as_millis() as u64,
            };
            if !on_progress(&p) {
                stop = Some((Outcome::Cancelled, "cancelled".into()));
                break;
            }
            if opts.max_millis.is_some_and(|m| p.elapsed_ms >= m) {
                stop = Some((
                    Outcome::LimitReached,
                    format!("stopped at the time limit ({} ms)", p.elapsed_ms),
                ));
                break;
            }
            if opts.max_states.is_some_and(|m| seen.len() as u64 >= m) {
                stop = Some(state_limit(seen.len()));
                break;
            }
        }
        // Violations found on one level are reported in id order (breadth-first: shortest first).
        found.sort_by_key(|f| f.at);
        finish(
            prog, &seen, &parents, &via, found, stop, generated, depth, start,
        )
    }
}
