//! The messages between the page and the checker's Web Worker, and how they travel.
//!
//! Architecture invariant: this is the only contract between the two wasm modules; both sides
//! speak it through gloo-worker, and everything in it is plain serde data from the core crates.

use serde::{Deserialize, Serialize};
use thicket_check::CountReport;
use thicket_check::MemberReport;
use thicket_check::{CheckReport, Progress, SessionError, TreeNode, TreeReport};
use thicket_syntax::Diagnostic;
use wasm_bindgen::JsValue;

pub use thicket_share::ModuleFile;

/// What the worker checks: the main text (the checked tab) and the module files beside it (the
/// other tabs), which the main text may `EXTENDS` or `INSTANCE` by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<ModuleFile>,
}

impl Document {
    /// A text alone.
    pub fn text(text: &str) -> Document {
        Document {
            text: text.to_string(),
            modules: vec![],
        }
    }

    /// The module files as the checker looks modules up in them (by file name, then by the
    /// modules each holds).
    pub fn module_source(&self) -> thicket_syntax::modules::InMemory {
        thicket_syntax::modules::InMemory(
            self.modules
                .iter()
                .map(|m| thicket_syntax::modules::SourceText {
                    path: m.name.clone(),
                    text: m.text.clone(),
                })
                .collect(),
        )
    }
}

/// Where Trunk puts the worker's JavaScript shim (next to `index.html`).
pub const WORKER_PATH: &str = "./worker.js";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Check every property, then unfold the behavior tree.
    Check(CheckRequest),
    /// Unfold the behavior tree again (another depth) without checking again.
    Unfold(UnfoldRequest),
    /// Parse only, for the editor's markers; `version` comes back with the answer so the page
    /// can drop answers about text that has changed since.
    Diagnose { version: u32, source: Document },
    /// Count the behaviors of each region of Spec vs a safety property, up to a length.
    Count(CountRequest),
    /// Is a typed behavior in the Spec? In the property?
    Member(MemberRequest),
    /// Every way to extend the behavior at a tree path by one step (the stepper), marked
    /// against `property` as the tree marks its nodes.
    Children {
        ticket: u32,
        source: Document,
        path: Vec<u32>,
        #[serde(default)]
        property: Option<String>,
    },
    /// Unfold the tree below one node (lazy expansion): `levels` more steps, breadth-first.
    Expand(ExpandRequest),
    /// The spec written out for TLC (plain PlusCal and a `.cfg`), for the Share menu.
    ExportTlc { ticket: u32, source: Document },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpandRequest {
    /// Names the tree the node belongs to; the answer carries it back, so an answer about a
    /// tree that has since been replaced is dropped.
    pub epoch: u32,
    pub source: Document,
    /// The node's path (its root's index, then the index of each step).
    pub path: Vec<u32>,
    /// How many steps below the node to unfold (at least 1).
    pub levels: u32,
    /// At most this many new nodes.
    pub max_nodes: u32,
    /// The property the tree is drawn against: the new nodes are marked against it.
    #[serde(default)]
    pub property: Option<String>,
}

/// The spec for TLC: `NAME.tla` and `NAME.cfg`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TlcExport {
    pub module_name: String,
    pub module: String,
    pub config: String,
}

/// The questions about behavior sets carry a `ticket` that comes back with the answer, so the
/// page keeps only the answer to the question it asked last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountRequest {
    pub ticket: u32,
    pub source: Document,
    pub property: String,
    /// Behaviors of at most this many states.
    pub length: u32,
    /// How many example behaviors of each region.
    pub examples: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberRequest {
    pub ticket: u32,
    pub source: Document,
    pub property: Option<String>,
    /// The behavior as the user typed it (events or states; `docs/language.md`).
    pub behavior: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    pub source: Document,
    /// How many states deep to unfold the behavior tree (roots are depth 1).
    pub tree_depth: u32,
    pub max_tree_nodes: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnfoldRequest {
    pub source: Document,
    pub depth: u32,
    pub max_nodes: u32,
    /// The property whose counterexamples are highlighted.
    pub property: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Response {
    Progress(Progress),
    Checked(CheckReport),
    /// Packed for the way (`packed.rs`).
    Tree(#[serde(with = "crate::packed")] TreeReport),
    Diagnosed {
        version: u32,
        diagnostics: Vec<Diagnostic>,
    },
    /// A text that does not parse has no behaviors to count: its diagnostics come back instead.
    Counted {
        ticket: u32,
        answer: Result<CountReport, Vec<Diagnostic>>,
    },
    Membership {
        ticket: u32,
        answer: Result<MemberReport, Vec<Diagnostic>>,
    },
    Children {
        ticket: u32,
        path: Vec<u32>,
        answer: Result<Vec<TreeNode>, TreeError>,
    },
    Expanded {
        epoch: u32,
        path: Vec<u32>,
        levels: u32,
        answer: Result<thicket_check::Expansion, TreeError>,
    },
    ExportedTlc {
        ticket: u32,
        answer: Result<TlcExport, Vec<Diagnostic>>,
    },
    /// The worker panicked; it is unusable from now on and the page starts a fresh one.
    Crashed(String),
}

/// Why the worker could not answer a question about the tree (the stepper's next steps, an
/// expansion). The page shows its `Display`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TreeError {
    /// The text does not load: its diagnostics.
    Text(Vec<Diagnostic>),
    /// The session could not answer (a path that names no node, a property it cannot mark).
    Session(SessionError),
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TreeError::Text(diagnostics) => match diagnostics.first() {
                Some(d) => write!(f, "the spec has errors: {}", d.message),
                None => write!(f, "the spec has errors"),
            },
            TreeError::Session(e) => write!(f, "{e}"),
        }
    }
}

impl From<SessionError> for TreeError {
    fn from(e: SessionError) -> TreeError {
        TreeError::Session(e)
    }
}

/// Whether a check's report is followed by its behavior tree: not when the text did not load,
/// nor when an assumption of the model fails (nothing was explored, as in TLC).
pub fn unfolds_tree(report: &CheckReport) -> bool {
    report.diagnostics.is_empty() && report.result != thicket_check::Outcome::AssumptionFailed
}

/// JSON on the wire rather than gloo-worker's default bincode: the report types are also the
/// CLI's JSON output, and bincode cannot carry serde attributes such as `skip_serializing_if`
/// that JSON output may grow.
#[derive(Debug)]
pub struct JsonCodec;

impl gloo_worker::Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        let text = serde_json::to_string(&input).expect("worker messages are plain data");
        JsValue::from_str(&text)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input
            .as_string()
            .expect("worker messages travel as JSON text");
        serde_json::from_str(&text).expect("both sides are built from the same protocol")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_through_json() {
        let request = Request::Check(CheckRequest {
            source: Document {
                text: "---- MODULE MC ----\nEXTENDS Counter\n====".into(),
                modules: vec![ModuleFile {
                    name: "Counter.tla".into(),
                    text: "---- MODULE Counter ----\n====".into(),
                }],
            },
            tree_depth: 5,
            max_tree_nodes: 100,
        });
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
    }
}
