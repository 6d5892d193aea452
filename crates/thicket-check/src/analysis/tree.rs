//! The behavior tree: behaviors unfolded from the initial states, as plain data for the UI.

use crate::analysis::count::Count;
use crate::model::diff::Change;
use crate::model::show::{StepInfo, TraceStep, VarValue};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use thicket_syntax::Diagnostic;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeOptions {
    /// Unfold behaviors up to this many states (the roots are at depth 1).
    pub depth: u32,
    /// Never return more nodes than this; `truncated` says when the cap was hit.
    pub max_nodes: u32,
    /// The property whose counterexamples are highlighted (default: the first one violated).
    pub property: Option<String>,
}

impl Default for TreeOptions {
    fn default() -> Self {
        TreeOptions {
            depth: 4,
            max_nodes: 2000,
            property: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub id: u32,
    pub parent: Option<u32>,
    /// 1 for an initial state.
    pub depth: u32,
    /// The step from the parent (`None` for roots).
    pub step: Option<Arc<StepInfo>>,
    /// The values of the state; nodes of one state share them.
    pub state: Arc<[VarValue]>,
    /// What the step from the parent changed (empty for roots).
    #[serde(default)]
    pub changes: Arc<[Change]>,
    /// The distinct state this node shows (equal ids = equal states).
    pub state_id: u32,
    /// The same state already appears at a shallower node (the UI may fold it).
    pub repeat: bool,
    /// The behavior from the root to this node has left the selected property at this node
    /// or before (it is in Spec \ Property from here on).
    pub outside_property: bool,
    /// The behavior leaves the property exactly at this step.
    pub leaves_here: bool,
    /// On the shortest counterexample of the selected property.
    pub on_counterexample: bool,
    pub children: Vec<u32>,
    /// How to reach this node: the index of its root, then of the edge taken at each level.
    pub path: Vec<u32>,
    /// The number of behaviors of at most the tree's depth that begin with this node's
    /// behavior (from dynamic programming over the state graph).
    pub behaviors_below: Count,
    /// Every process has finished in this state: it only stutters from here.
    pub terminated: bool,
}

/// The nodes below an expanded node, breadth-first; each names its place by its `path` (`id`
/// and `parent` are the caller's to assign).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Expansion {
    pub nodes: Vec<TreeNode>,
    /// The node cap stopped the unfolding before `levels` steps.
    pub truncated: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeReport {
    pub nodes: Vec<TreeNode>,
    pub roots: Vec<u32>,
    /// The property highlighted, if any.
    pub property: Option<String>,
    /// Every property the text names (for a selector).
    pub properties: Vec<String>,
    pub truncated: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// Evaluation error while unfolding, if any.
    pub error: Option<String>,
}

impl From<&TreeNode> for TraceStep {
    /// The node's step of its behavior.
    fn from(n: &TreeNode) -> TraceStep {
        TraceStep {
            step: n.step.as_deref().cloned(),
            state: n.state.to_vec(),
            changes: n.changes.to_vec(),
        }
    }
}
