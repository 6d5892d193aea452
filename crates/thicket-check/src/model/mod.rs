//! What a spec means: its initial states and each state's successors (`program`, with a
//! PlusCal algorithm's statements stepped by `step` and a TLA+ action's disjuncts by `action`),
//! how it is loaded from text with its model (`spec`), its temporal properties and fairness
//! (`temporal`), and how a step's changes read (`diff`). Uses `eval` only.

pub mod action;
pub mod diff;
pub mod program;
pub mod show;
pub mod spec;
pub mod step;
pub mod temporal;
