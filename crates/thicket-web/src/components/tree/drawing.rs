//! What the canvas draws, made off the render in two tasks of their own (the nodes' texts and
//! the edges' labels, then the layout), so that no task of a big tree's drawing is long. The
//! canvas draws the last drawing made until the next is ready: each drawing agrees with itself.

use rustc_hash::FxHashMap;
use thicket_check::TreeReport;
use yew::prelude::*;

use crate::hooks::deferred::use_deferred;
use crate::layout::{columns, layout, Layout, Metrics};
use crate::node_text::{node_texts, step_labels, Label, NodeText, Texts};
use crate::state::Shared;

/// A tree as shown, what its nodes and edges say, and where they go.
#[derive(Clone, PartialEq)]
pub struct Drawing {
    /// The tree as shown (filtered, collapsed).
    pub tree: Shared<TreeReport>,
    pub texts: Shared<Texts>,
    /// Each node's step, named.
    pub labels: Shared<FxHashMap<u32, Label>>,
    pub layout: Shared<Layout>,
    /// The tree it was made for (a new one opens on its root and highlighted path).
    pub epoch: u32,
}

impl Drawing {
    /// Nothing to draw yet.
    pub fn empty() -> Drawing {
        let tree = TreeReport {
            nodes: vec![],
            roots: vec![],
            property: None,
            properties: vec![],
            truncated: false,
            diagnostics: vec![],
            error: None,
        };
        Drawing {
            tree: Shared::new(tree),
            texts: Shared::new(Texts::default()),
            labels: Shared::new(FxHashMap::default()),
            layout: Shared::new(Layout::default()),
            epoch: u32::MAX,
        }
    }
}

struct Words {
    shown: Shared<TreeReport>,
    texts: Shared<Texts>,
    labels: Shared<FxHashMap<u32, Label>>,
    epoch: u32,
}

/// The drawing of `shown`, part of `whole` (texts are read over the whole tree, so that a node
/// reads the same whatever is filtered out), its nodes showing `vars`.
#[hook]
pub fn use_drawing(
    whole: Shared<TreeReport>,
    shown: Shared<TreeReport>,
    vars: Vec<String>,
    epoch: u32,
) -> Option<Drawing> {
    let words = use_deferred(
        (whole, shown, vars, epoch),
        |(whole, shown, vars, epoch)| Words {
            shown: shown.clone(),
            texts: Shared::new(node_texts(whole, vars)),
            labels: Shared::new(step_labels(whole)),
            epoch: *epoch,
        },
    );
    let drawing = use_deferred(words, |words| {
        words.as_ref().map(|words| Drawing {
            tree: words.shown.clone(),
            layout: Shared::new(place(&words.shown, &words.texts, &words.labels)),
            texts: words.texts.clone(),
            labels: words.labels.clone(),
            epoch: words.epoch,
        })
    });
    drawing.and_then(|d| (*d).clone())
}

/// Each depth's column as wide as its texts and labels, and the tree laid out in them.
fn place(tree: &TreeReport, texts: &Texts, labels: &FxHashMap<u32, Label>) -> Layout {
    let metrics = Metrics::default();
    let text_chars = |id| texts.get(&id).map_or(0, |t: &NodeText| t.width);
    let label_chars = |id| labels.get(&id).map_or(0, |l: &Label| l.width);
    let cols = columns(tree, text_chars, label_chars, &metrics);
    layout(tree, &metrics, &cols)
}
