//! Thicket's checker: TLA+ values, compiled expressions, PlusCal translated to actions,
//! breadth-first exploration with fingerprints, properties, and the behavior tree.
//!
//! Architecture invariant: pure Rust, no browser or UI types; it compiles natively and to
//! wasm32. Its public API is the functions below and the plain data in [`report`] and [`tree`].

pub mod report;
pub mod tree;

pub use report::*;
pub use tree::{TreeNode, TreeOptions, TreeReport};

/// Check a text (module or bare algorithm with its embedded model; `cfg` is a separate TLC
/// configuration that, when given, replaces the embedded one). `on_progress` is called now and
/// then; returning `false` cancels the run (result `cancelled`).
pub fn check_source(
    src: &str,
    cfg: Option<&str>,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> CheckReport {
    let _ = (src, cfg, opts, on_progress);
    unimplemented!("checker under construction")
}

/// Unfold the behavior tree of a text to `opts.depth`.
pub fn tree_source(src: &str, cfg: Option<&str>, opts: &TreeOptions) -> TreeReport {
    let _ = (src, cfg, opts);
    unimplemented!("checker under construction")
}
