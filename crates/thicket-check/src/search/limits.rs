//! How a search is bounded (`CheckOptions`), how it ends (`Outcome`) and what it reports on the
//! way (`Progress`).

use serde::{Deserialize, Serialize};

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

/// Sent periodically during a run (the page's progress bar).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub distinct_states: u64,
    pub states_generated: u64,
    pub depth: u32,
    pub queue: u64,
    pub elapsed_ms: u64,
}
