//! The observable events of an object's steps, as data from the step to the page.

use serde::{Deserialize, Serialize};

/// The observable event of a step of an object: a call of one of its operations, or the
/// operation's return. Values are printed as TLA+ (`put(3)`, `-> <<1, 2>>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// `put(3)`: the operation called, with its arguments.
    Call { op: String, args: Vec<String> },
    /// `-> 3`, or `returns` for an operation that returns no value (`value` is `None`).
    Return { value: Option<String> },
}

impl Event {
    /// Whether this is a return (of any value).
    pub fn is_return(&self) -> bool {
        matches!(self, Event::Return { .. })
    }
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Event::Call { op, args } => write!(f, "{op}({})", args.join(", ")),
            Event::Return { value: Some(v) } => write!(f, "-> {v}"),
            Event::Return { value: None } => f.write_str("returns"),
        }
    }
}
