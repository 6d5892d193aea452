//! Exploring a model's states: the fingerprint set (`fpset`), the breadth-first search with its
//! limits, cancel and constraints, sequential and parallel, with trace rebuilding (`explore`),
//! and the state graph the analyses read (`graph`). Uses `eval` and `model`.

pub mod expand;
pub mod explore;
pub mod fpset;
pub mod graph;
pub mod limits;
