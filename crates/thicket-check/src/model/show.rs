//! How a state and a step are shown: each variable's value printed as TLA+ (`VarValue`), the
//! step's process, action, arguments and choices (`StepInfo`), and a behavior as the views show
//! it, each state with the step that led to it and what that step changed (`TraceStep`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thicket_syntax::ast::Span;

use crate::eval::expr::{CExpr, EvalError};
use crate::eval::value::Value;
pub use crate::model::event::Event;
use crate::model::program::Program;

/// How a step came about: which process took which labelled action, with which choices.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepInfo {
    /// The process id as a TLA+ value (`"c"`, `2`), `None` for a uniprocess algorithm.
    pub process: Option<String>,
    /// The label (action) taken.
    pub label: String,
    /// The values chosen by `with` / `\in` / `either` in this step, in order.
    pub choices: Vec<(String, String)>,
    /// For a TLA+ action defined with parameters, its arguments in this step (`Prepare(r1)`:
    /// `[("rm", "r1")]`), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
    /// The observable event of this step, if the spec declares one (`get() -> 3`).
    pub event: Option<Event>,
    /// Where the step is written (byte offsets into the text): the statements from its label
    /// up to the next label, an operation's header for a call, an action's definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<thicket_syntax::ast::Span>,
}

impl StepInfo {
    /// The step's name as every view shows it: the process that moved (`p2: check`), the
    /// action with its arguments (`RMPrepare(r2)`) or the event the spec declares
    /// (`get() -> 0`), and the values chosen in the step (`(x=2)`). Plain strings lose their
    /// quotes; which branch of an `either` was taken is left out (what the step changed says
    /// it).
    pub fn name(&self) -> String {
        let head = match (&self.event, self.args.is_empty()) {
            (Some(event), _) => event.to_string(),
            (None, true) => self.label.clone(),
            (None, false) => {
                let args: Vec<&str> = self.args.iter().map(|(_, v)| unquoted(v)).collect();
                format!("{}({})", self.label, args.join(", "))
            }
        };
        let head = match &self.process {
            Some(p) => format!("{}: {head}", unquoted(p)),
            None => head,
        };
        let chosen: Vec<String> = self
            .choices
            .iter()
            .filter(|(k, _)| k != "either")
            .map(|(k, v)| format!("{k}={}", unquoted(v)))
            .collect();
        if chosen.is_empty() {
            head
        } else {
            format!("{head} ({})", chosen.join(", "))
        }
    }
}

/// `"r2"` → `r2`: a plain string without its quotes, anything else as it is.
fn unquoted(v: &str) -> &str {
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(s) if !s.contains('"') => s,
        _ => v,
    }
}

/// A variable's value, printed as TLA+.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VarValue {
    pub name: String,
    pub value: String,
    /// The value folded to a readable length, when `value` is long (see [`crate::model::diff::Shown`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

impl VarValue {
    pub fn of(name: String, v: &crate::eval::value::Value) -> VarValue {
        let shown = crate::model::diff::Shown::of(v);
        VarValue {
            name,
            value: shown.value,
            short: shown.short,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceStep {
    /// `None` for an initial state.
    pub step: Option<StepInfo>,
    pub state: Vec<VarValue>,
    /// What the step changed (empty for an initial state).
    #[serde(default)]
    pub changes: Vec<crate::model::diff::Change>,
}

pub fn show_state(prog: &Program, st: &[Value]) -> Vec<VarValue> {
    prog.show_state(st)
        .into_iter()
        .map(|(name, v)| VarValue::of(name, &v))
        .collect()
}

/// A behavior as the views show it: each state with the step that led to it and what that
/// step changed. The one place a behavior is built from states, for every kind of run.
pub fn show_behavior<'a>(
    prog: &Program,
    steps: impl IntoIterator<Item = (Option<StepInfo>, &'a [Value])>,
) -> Vec<TraceStep> {
    behavior(
        steps
            .into_iter()
            .map(|(step, st)| (step, prog.show_state(st))),
    )
}

/// A behavior shown through the model's `ALIAS`: each state as the record the alias is in it
/// (with the next state as the primed one), its fields standing for the variables. A state
/// in which the alias is not a record, or cannot be evaluated, is shown as it is; the first
/// such state but the last (where an alias that reads primed variables has no value: TLC
/// leaves that state out of a behavior shown through an alias) is returned with why.
pub fn show_aliased(
    prog: &Program,
    alias: &CExpr,
    steps: &[(Option<StepInfo>, &[Value])],
) -> (Vec<TraceStep>, Option<(usize, EvalError)>) {
    let mut frame = prog.new_frame();
    let mut failed = None;
    let shown: Vec<_> = steps
        .iter()
        .enumerate()
        .map(|(i, (step, st))| {
            let next = steps.get(i + 1).map(|(_, n)| *n);
            // `TLCGet("level")` in the alias is the state's place in the behavior, as in TLC.
            let _level = crate::eval::run::at_level(i as u32 + 1);
            let fields = match prog.env(st, next).eval(alias, &mut frame) {
                Ok(Value::Record(fields)) => fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
                other => {
                    if next.is_some() && failed.is_none() {
                        let why = match other {
                            Err(e) => e,
                            Ok(v) => EvalError {
                                span: alias.span,
                                message: format!(
                                    "the alias is not a record but {}",
                                    crate::eval::expr::short(&v)
                                ),
                            },
                        };
                        failed = Some((i + 1, why));
                    }
                    prog.show_state(st)
                }
            };
            (step.clone(), fields)
        })
        .collect();
    (behavior(shown.into_iter()), failed)
}

/// A behavior from its states as shown (name and value of each variable), each with the step
/// that led to it; what each step changed is found here.
fn behavior(
    steps: impl Iterator<Item = (Option<StepInfo>, Vec<(String, Value)>)>,
) -> Vec<TraceStep> {
    let mut before: Option<Vec<(String, Value)>> = None;
    steps
        .map(|(step, shown)| {
            let changes = before
                .as_ref()
                .map(|b| crate::model::diff::changes(b, &shown))
                .unwrap_or_default();
            let state = shown
                .iter()
                .map(|(n, v)| VarValue::of(n.clone(), v))
                .collect();
            before = Some(shown);
            TraceStep {
                step,
                state,
                changes,
            }
        })
        .collect()
}

pub fn step_info(
    prog: &Program,
    instance: usize,
    label: &Arc<str>,
    choices: &[(Arc<str>, Value)],
    event: Option<&Event>,
) -> StepInfo {
    StepInfo {
        process: prog.semantics.process(instance).map(|v| v.to_string()),
        label: label.to_string(),
        // An event says which way the step went; the `either` branch number adds nothing.
        // A TLA+ action's "choices" are the arguments of the operator it is named after.
        choices: if prog.semantics.choices_are_args() {
            vec![]
        } else {
            printed(choices, event)
        },
        args: if prog.semantics.choices_are_args() {
            printed(choices, None)
        } else {
            vec![]
        },
        event: event.cloned(),
        span: step_span(prog, label, event),
    }
}

fn printed(choices: &[(Arc<str>, Value)], event: Option<&Event>) -> Vec<(String, String)> {
    choices
        .iter()
        .filter(|(k, _)| event.is_none() || &**k != "either")
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Where a step is written. An object's client step (`Idle`) is a call: the operation called.
fn step_span(prog: &Program, label: &Arc<str>, event: Option<&Event>) -> Option<Span> {
    let is_object = prog.semantics.event_slot().is_some();
    if is_object && &**label == "Idle" {
        let Some(Event::Call { op, .. }) = event else {
            return None;
        };
        return prog.call_spans.get(op.as_str()).copied();
    }
    prog.step_spans.get(label).copied()
}
