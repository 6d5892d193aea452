//! What a spec means. `program` is a compiled spec whatever its language, with the
//! [`program::Semantics`] trait its language implements: `pluscal/` (an algorithm translated
//! as the PlusCal translator does) and `tla/` (a module's `Init` and `Next`, evaluated as TLC
//! does). `spec` loads a text and its model into a `Spec` (the program, its invariants,
//! temporal properties and fairness, constraints, assumptions); `temporal` holds the compiled
//! temporal properties and fairness; `overrides` applies the model's bindings of other
//! modules' names (`Op <- [M] Def`); `distinct` says how
//! states are told apart (the model's `VIEW` and `SYMMETRY`, `symmetry` TLC's reduction);
//! `event` is an object's call or return; `show` and `diff` say how a state and a step read.
//! Uses `eval` only; `pluscal` and `tla` never use each other.

pub mod constraints;
pub mod diff;
pub mod distinct;
pub mod event;
pub mod formula;
pub mod overrides;
pub mod pluscal;
pub mod program;
pub mod show;
pub mod spec;
pub mod symmetry;
pub mod temporal;
pub mod tla;
