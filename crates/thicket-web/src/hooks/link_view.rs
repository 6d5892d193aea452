//! What a link or an example does to the page once it is open: the text it replaced is kept
//! aside with a way back, and a link's view comes back once its tree is in.

use yew::prelude::*;

use crate::link_view::Opened;
use crate::protocol::{Request, UnfoldRequest};
use crate::state::{Action, AppState, MAX_TREE_NODES};

/// The text a link or an example replaced, kept aside with a way back: the bar to show (a key,
/// new for each replacement, so each brings a new bar, and its message), and the callback that
/// loads an example.
#[hook]
pub fn use_kept_text(
    opened: &Opened,
    state: &UseReducerHandle<AppState>,
) -> (Option<(u32, &'static str)>, Callback<usize>) {
    let embedded = opened.embed.is_some();
    let kept = use_state(|| {
        opened.kept_backup.then_some((
            0u32,
            "This is the spec from the link you opened. The text you had is kept.",
        ))
    });
    let on_example = {
        let (dispatcher, kept, document) = (state.dispatcher(), kept.clone(), state.document());
        Callback::from(move |i: usize| {
            // Text of the reader's own: not empty, and not an example as it came.
            let example = document.modules.is_empty()
                && crate::examples::EXAMPLES
                    .iter()
                    .any(|e| e.source == document.text);
            let own = !document.text.trim().is_empty() && !example;
            if own && !embedded && crate::page_js::keep_backup(&document) {
                let key = kept.map_or(1, |(k, _)| k + 1);
                kept.set(Some((
                    key,
                    "You opened an example. The text you had is kept.",
                )));
            }
            dispatcher.dispatch(Action::LoadExample(i));
        })
    };
    (*kept, on_example)
}

/// A link's view comes back once its tree is in: the property it highlighted (unfolded again
/// through `on_ask` if the check highlighted another), then the node it selected.
#[hook]
pub fn use_link_view(
    opened: &Opened,
    state: &UseReducerHandle<AppState>,
    on_ask: &Callback<Request>,
) {
    let pending = use_mut_ref(|| {
        opened
            .view
            .clone()
            .filter(|v| v.property.is_some() || v.node.is_some())
    });
    let (dispatcher, on_ask, state) = (state.dispatcher(), on_ask.clone(), state.clone());
    use_effect_with(state.tree.clone(), move |tree| {
        let Some(tree) = tree else { return };
        let Some(view) = pending.borrow().clone() else {
            return;
        };
        let other = view
            .property
            .clone()
            .filter(|p| tree.property.as_ref() != Some(p) && tree.properties.contains(p));
        if let Some(property) = other.filter(|_| state.shows_checked()) {
            if let Some(v) = pending.borrow_mut().as_mut() {
                v.property = None; // asked once
            }
            let request = UnfoldRequest {
                source: state.document(),
                depth: state.tree_depth,
                max_nodes: MAX_TREE_NODES,
                property: Some(property),
            };
            on_ask.emit(Request::Unfold(request));
            return;
        }
        if let Some(id) = view
            .node
            .as_deref()
            .and_then(|p| crate::questions::node_at_path(tree, p).map(|n| n.id))
        {
            dispatcher.dispatch(Action::Select(Some(id)));
        }
        *pending.borrow_mut() = None;
    });
}
