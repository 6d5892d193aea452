//! Expanding one state, the step every search shares (the fingerprint search, sequential and
//! parallel, and the state graph build): its successors, each told whether it is within the
//! model's [`Constraints`], and what the expansion found. A constraint that cannot be
//! evaluated is an error, never a silent prune (the states beyond it would go unchecked), and
//! the one [`fmt::Display`] of [`ExpandError`] is how a failed step reads everywhere.
//!
//! How a search is bounded on the way (state, depth and time limits, cancel) is [`Bounds`];
//! why it stopped early is a [`Stop`].

use std::fmt;
use std::sync::Arc;

use web_time::Instant;

use thicket_syntax::ast::Span;

use crate::eval::expr::EvalError;
use crate::eval::value::Value;
use crate::model::constraints::{ConstraintError, Constraints};
use crate::model::program::Program;
use crate::model::program::{StepError, Succ};
use crate::search::limits::{CheckOptions, Outcome, Progress};

/// What expanding a state found, when nothing failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expansion {
    /// It has successors (each was handed to the visitor).
    Successors,
    /// No successor while some process is still running.
    Deadlock,
    /// No successor because every process is `Done` (the translation's `Terminating` stutter,
    /// which TLC counts as one generated state).
    Terminated,
}

/// Why a state could not be expanded.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpandError {
    /// The run's time limit stopped an evaluation: not a fault of the spec.
    TimeLimit,
    /// A state constraint cannot be evaluated.
    Constraint(EvalError),
    /// An action constraint cannot be evaluated.
    ActionConstraint(EvalError),
    /// The model's `VIEW` cannot be evaluated in a state reached (so it cannot be told apart
    /// from the others).
    View(EvalError),
    /// A step taken from this state failed: an assertion, or an expression that cannot be
    /// evaluated.
    Step {
        instance: usize,
        label: Arc<str>,
        error: StepError,
    },
}

impl From<ConstraintError> for ExpandError {
    fn from(e: ConstraintError) -> ExpandError {
        match e {
            ConstraintError::State(e) => ExpandError::from_eval(e, ExpandError::Constraint),
            ConstraintError::Action(e) => ExpandError::from_eval(e, ExpandError::ActionConstraint),
        }
    }
}

impl ExpandError {
    /// The view's evaluation failed (or the time limit stopped it).
    pub fn view(e: EvalError) -> ExpandError {
        ExpandError::from_eval(e, ExpandError::View)
    }

    fn from_eval(e: EvalError, wrap: impl FnOnce(EvalError) -> ExpandError) -> ExpandError {
        if e.is_time_limit() {
            ExpandError::TimeLimit
        } else {
            wrap(e)
        }
    }

    fn from_step(instance: usize, label: Arc<str>, error: StepError) -> ExpandError {
        match error {
            StepError::Eval(e) if e.is_time_limit() => ExpandError::TimeLimit,
            error => ExpandError::Step {
                instance,
                label,
                error,
            },
        }
    }

    /// How a run that met this error ends.
    pub fn outcome(&self) -> Outcome {
        match self {
            ExpandError::TimeLimit => Outcome::LimitReached,
            ExpandError::Step {
                error: StepError::Assert { .. },
                ..
            } => Outcome::AssertionFailed,
            _ => Outcome::Error,
        }
    }

    /// Where in the text it happened.
    pub fn span(&self) -> Option<Span> {
        match self {
            ExpandError::TimeLimit => None,
            ExpandError::Constraint(e)
            | ExpandError::ActionConstraint(e)
            | ExpandError::View(e) => Some(e.span),
            ExpandError::Step { error, .. } => Some(match error {
                StepError::Eval(e) => e.span,
                StepError::Assert { span } => *span,
            }),
        }
    }
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpandError::TimeLimit => f.write_str(crate::eval::expr::TIME_LIMIT),
            ExpandError::Constraint(e) => {
                write!(f, "the state constraint cannot be evaluated: {}", e.message)
            }
            ExpandError::ActionConstraint(e) => {
                write!(
                    f,
                    "the action constraint cannot be evaluated: {}",
                    e.message
                )
            }
            ExpandError::View(e) => write!(f, "the VIEW cannot be evaluated: {}", e.message),
            ExpandError::Step {
                label,
                error: StepError::Assert { .. },
                ..
            } => write!(f, "assertion failed in step {label}"),
            ExpandError::Step {
                label,
                error: StepError::Eval(e),
                ..
            } => write!(f, "{} (in step {label})", e.message),
        }
    }
}

/// Expand `st`: hand each successor to `visit` (with the steps' choices and events when
/// `record`), with whether it is within `constraints` (evaluated in the second frame) or why
/// that cannot be told.
pub fn expand(
    prog: &Program,
    constraints: &Constraints,
    st: &[Value],
    frames: (&mut Vec<Value>, &mut Vec<Value>),
    record: bool,
    visit: &mut dyn FnMut(Succ<'_>, Result<bool, ExpandError>),
) -> Result<Expansion, ExpandError> {
    let (frame, cframe) = frames;
    let mut any = false;
    let running = prog
        .successors(st, frame, record, &mut |s| {
            any = true;
            let inside = if constraints.is_empty() {
                Ok(true)
            } else {
                constraints
                    .admits_step(prog, st, s.state, cframe)
                    .map_err(ExpandError::from)
            };
            visit(s, inside);
        })
        .map_err(|(instance, label, e)| ExpandError::from_step(instance, label, e))?;
    Ok(match (any, running) {
        (true, _) => Expansion::Successors,
        (false, true) => Expansion::Deadlock,
        (false, false) => Expansion::Terminated,
    })
}

/// Why a search stopped before it explored every reachable state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The state limit, at this many distinct states.
    StateLimit(usize),
    /// The depth limit.
    DepthLimit(u32),
    /// The time limit, after this many milliseconds.
    TimeLimit(u64),
    /// The user cancelled the run.
    Cancelled,
}

impl Stop {
    pub fn outcome(self) -> Outcome {
        match self {
            Stop::Cancelled => Outcome::Cancelled,
            _ => Outcome::LimitReached,
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::StateLimit(n) => write!(f, "stopped at the state limit ({n} distinct states)"),
            Stop::DepthLimit(d) => write!(f, "stopped at the depth limit ({d})"),
            Stop::TimeLimit(ms) => write!(f, "stopped at the time limit ({ms} ms)"),
            Stop::Cancelled => f.write_str("cancelled"),
        }
    }
}

/// A run's limits as the search loops check them.
pub struct Bounds<'a> {
    opts: &'a CheckOptions,
    start: Instant,
}

impl<'a> Bounds<'a> {
    pub fn new(opts: &'a CheckOptions) -> Bounds<'a> {
        Bounds {
            opts,
            start: Instant::now(),
        }
    }

    pub fn elapsed_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    /// When evaluation must stop, for a run with a time limit.
    pub fn deadline(&self) -> Option<Instant> {
        self.opts
            .max_millis
            .map(|m| self.start + std::time::Duration::from_millis(m))
    }

    /// The state limit, if any.
    pub fn max_states(&self) -> u64 {
        self.opts.max_states.unwrap_or(u64::MAX)
    }

    /// Whether `distinct` states fill the state limit.
    pub fn full(&self, distinct: usize) -> Option<Stop> {
        (distinct as u64 >= self.max_states()).then_some(Stop::StateLimit(distinct))
    }

    /// Whether the states at `depth` may not be expanded.
    pub fn too_deep(&self, depth: u32) -> Option<Stop> {
        self.opts
            .max_depth
            .is_some_and(|d| depth >= d)
            .then_some(Stop::DepthLimit(depth))
    }

    /// The stop of a time limit met now.
    pub fn out_of_time(&self) -> Stop {
        Stop::TimeLimit(self.elapsed_ms())
    }

    /// Report progress; a stop when the user cancels or the time limit has passed.
    pub fn report(
        &self,
        progress: &Progress,
        on_progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Option<Stop> {
        if !on_progress(progress) {
            return Some(Stop::Cancelled);
        }
        self.opts
            .max_millis
            .is_some_and(|m| progress.elapsed_ms >= m)
            .then_some(Stop::TimeLimit(progress.elapsed_ms))
    }
}
