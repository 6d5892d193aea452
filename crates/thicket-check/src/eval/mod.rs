//! Values and expressions: TLA+ values (`value`), expressions compiled to a tree of closures'
//! worth of data (`expr`, with its evaluator) and the compiler from the syntax tree (`compile`);
//! TLC's own operators (`tlc`), JSON as TLC's Json module has it (`json`), what they read of the run and its host (`run`), and the
//! Community Modules' operators evaluated natively (`library`).
//! The bottom layer: it uses nothing else of the crate.

pub mod action;
pub mod compile;
pub mod expr;
pub mod json;
pub mod library;
pub mod run;
pub mod tlc;
pub mod value;
