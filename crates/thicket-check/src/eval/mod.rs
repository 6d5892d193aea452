//! Values and expressions: TLA+ values (`value`), expressions compiled to a tree of closures'
//! worth of data (`expr`, with its evaluator) and the compiler from the syntax tree (`compile`).
//! The bottom layer: it uses nothing else of the crate.

pub mod action;
pub mod compile;
pub mod expr;
pub mod value;
