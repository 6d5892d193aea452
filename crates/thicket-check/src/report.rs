//! The checker's results as plain, serializable data: what the CLI prints (`--format json`)
//! and what the web worker posts to the page.

use serde::{Deserialize, Serialize};
use thicket_syntax::Diagnostic;

use crate::model::show::TraceStep;
use crate::model::spec::Spec;
use crate::search::limits::Outcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyKind {
    Invariant,
    Temporal,
    Deadlock,
    /// The model's `POSTCONDITION`, evaluated once the search is done.
    Postcondition,
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

/// Every property the text names, in order, with an initial verdict of not checked.
pub fn property_list(spec: &Spec) -> Vec<PropertyResult> {
    spec.properties()
        .map(|(name, temporal)| PropertyResult {
            name: name.to_string(),
            kind: if temporal {
                PropertyKind::Temporal
            } else {
                PropertyKind::Invariant
            },
            verdict: Verdict::NotChecked,
        })
        .collect()
}
