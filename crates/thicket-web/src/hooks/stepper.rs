//! The stepper's behavior built by hand: it follows the tree's selection, the worker is asked
//! for the ways on from its end, and the newest step is kept in view.

use thicket_check::{TreeNode, TreeReport};
use yew::prelude::*;

use crate::protocol::{Request, TreeError};
use crate::questions::{next_ticket, path_to, Answer};
use crate::state::Shared;

/// The behavior built so far, from its initial state (empty before one is chosen). A selection
/// made in the tree becomes the behavior, unless it is the behavior's own last step being
/// shown there.
#[hook]
pub fn use_trail(
    tree: &Shared<TreeReport>,
    selected: Option<u32>,
) -> UseStateHandle<Vec<TreeNode>> {
    let trail = use_state(Vec::<TreeNode>::new);
    {
        let trail = trail.clone();
        use_effect_with(
            (tree.clone(), selected),
            move |(tree, selected)| match selected {
                Some(id) => {
                    let here = tree.nodes.iter().find(|n| n.id == *id);
                    if let Some(node) = here {
                        if trail.last().map(|n| &n.path) != Some(&node.path) {
                            trail.set(path_to(tree, *id));
                        }
                    }
                }
                None => {
                    if !trail.is_empty() {
                        trail.set(vec![]);
                    }
                }
            },
        );
    }
    trail
}

/// The enabled steps from the end of `trail`: the initial states of `tree` before one is
/// chosen, then the children the worker finds in `source` (asked through `on_ask` whenever the
/// end, the text, the tree's property or the worker's `generation` change). `Ok(None)` while
/// the answer about the end as it is now is on its way; `answer` is the worker's latest.
#[hook]
pub fn use_enabled_steps(
    trail: &[TreeNode],
    tree: &Shared<TreeReport>,
    source: &crate::protocol::Document,
    generation: u32,
    answer: &Answer<Vec<TreeNode>, TreeError>,
    on_ask: &Callback<Request>,
) -> Result<Option<Vec<TreeNode>>, TreeError> {
    // The last question asked: its ticket and the path it asked about.
    let asked = use_state(|| (0u32, Vec::<u32>::new()));
    {
        let (asked, on_ask) = (asked.clone(), on_ask.clone());
        let at = trail.last().map(|n| n.path.clone());
        let property = tree.property.clone();
        use_effect_with(
            (at, source.clone(), generation, property),
            move |(at, source, _, property)| {
                if let Some(path) = at {
                    let t = next_ticket();
                    asked.set((t, path.clone()));
                    on_ask.emit(Request::Children {
                        ticket: t,
                        source: source.clone(),
                        path: path.clone(),
                        property: property.clone(),
                    });
                }
            },
        );
    }
    if trail.is_empty() {
        return Ok(Some(roots(tree)));
    }
    // Only the answer about where the behavior ends now (not a moment ago).
    let current = trail.last().is_some_and(|n| n.path == asked.1);
    match answer.as_ref().filter(|(t, _)| current && *t == asked.0) {
        Some((_, answer)) => (**answer).clone().map(Some),
        None => Ok(None),
    }
}

/// The tree's initial states.
pub fn roots(tree: &TreeReport) -> Vec<TreeNode> {
    tree.roots
        .iter()
        .filter_map(|id| tree.nodes.iter().find(|n| n.id == *id).cloned())
        .collect()
}

/// A ref for a scrolled list, kept scrolled to its end whenever its `len` changes.
#[hook]
pub fn use_scrolled_to_end(len: usize) -> NodeRef {
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with(len, move |_| {
            crate::hooks::frame::after_layout(move || {
                if let Some(el) = list.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            })
        });
    }
    list
}
