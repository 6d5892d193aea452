//! The checker's results as plain, serializable data: what the CLI prints (`--format json`)
//! and what the web worker posts to the page.

use serde::{Deserialize, Serialize};
use thicket_syntax::Diagnostic;

/// Options of one run. Every limit is optional; `None` means "no limit".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CheckOptions {
    /// Stop with `limit_reached` after this many distinct states.
    pub max_states: Option<u64>,
    /// Stop with `limit_reached` beyond this depth (initial states are depth 1).
    pub max_depth: Option<u32>,
    /// Stop with `limit_reached` after this many milliseconds.
    pub max_millis: Option<u64>,
    /// Override the model's CHECK_DEADLOCK (`Some(false)` = `--no-deadlock`).
    pub check_deadlock: Option<bool>,
    /// Keep exploring after a violation (`--continue`): all violations, full counts.
    pub continue_after_violation: bool,
    /// Worker threads (native only; the wasm build is single-threaded). 0 or 1 = one.
    pub workers: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    InvariantViolated,
    PropertyViolated,
    Deadlock,
    AssertionFailed,
    /// An `ASSUME` of the module does not hold for the model's constants (nothing explored).
    AssumptionFailed,
    Error,
    LimitReached,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyKind {
    Invariant,
    Temporal,
    Deadlock,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Holds,
    Violated,
    NotChecked,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyResult {
    pub name: String,
    pub kind: PropertyKind,
    pub verdict: Verdict,
}

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
    pub event: Option<String>,
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
            (Some(event), _) => event.clone(),
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
    /// The value folded to a readable length, when `value` is long (see [`crate::Shown`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

impl VarValue {
    pub fn of(name: String, v: &crate::value::Value) -> VarValue {
        let shown = crate::diff::Shown::of(v);
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
    pub changes: Vec<crate::diff::Change>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    pub result: Outcome,
    /// The violated property (invariant or temporal), if any.
    pub property: Option<String>,
    /// A human-readable explanation for errors, assertion failures and limits.
    pub message: Option<String>,
    /// Where the error or the failed assertion found while exploring is written (byte offsets
    /// into the text), for the editor's marker; `None` when it is nowhere in particular.
    #[serde(default)]
    pub location: Option<thicket_syntax::ast::Span>,
    pub distinct_states: u64,
    pub states_generated: u64,
    /// TLC's depth: initial states are depth 1.
    pub depth: u32,
    /// The shortest counterexample, first element an initial state.
    pub trace: Vec<TraceStep>,
    /// For a liveness counterexample: the index in `trace` where the loop starts.
    pub loop_start: Option<usize>,
    pub elapsed_ms: u64,
    pub properties: Vec<PropertyResult>,
    /// Parse and resolution errors (then `result` is `error`).
    pub diagnostics: Vec<Diagnostic>,
    /// What the verdict must be read with: text that was ignored, a model that names nothing
    /// to check (each with `message`, `span` and `hints`).
    #[serde(default)]
    pub warnings: Vec<Diagnostic>,
}

/// Sent periodically during a run (the page's progress bar).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub distinct_states: u64,
    pub states_generated: u64,
    pub depth: u32,
    pub queue: u64,
    pub elapsed_ms: u64,
}
