//! The page's checker worker: one client, started on first use and again after a cancel or a
//! crash ended it, and the callbacks that send it the page's requests.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::client::CheckerClient;
use crate::protocol::{CheckRequest, ExpandRequest, Request, Response};
use crate::state::{Action, AppState, MAX_TREE_NODES};

type ClientSlot = Rc<RefCell<Option<CheckerClient>>>;

/// What the page asks the worker, as callbacks for the components.
#[derive(Clone)]
pub struct CheckerCallbacks {
    /// Check the text (nothing while a check runs).
    pub on_check: Callback<()>,
    /// End the busy worker, and parse the text again in a fresh one.
    pub on_cancel: Callback<()>,
    /// Another tree depth: the tree is unfolded again to it.
    pub on_depth: Callback<u32>,
    /// Another property to highlight: the tree is unfolded again against it, at the same depth.
    pub on_property: Callback<String>,
    /// Expand a node of the tree by some steps: (node id, steps).
    pub on_expand: Callback<(u32, u32)>,
    /// Any other request (the sets view's and the stepper's questions, a parse, an export).
    pub on_ask: Callback<Request>,
}

/// The worker's client, kept across renders, and the callbacks that send it requests about
/// the current state.
#[hook]
pub fn use_checker(state: &UseReducerHandle<AppState>) -> CheckerCallbacks {
    let client: ClientSlot = use_mut_ref(|| None);
    CheckerCallbacks {
        on_check: check(state, &client),
        on_cancel: cancel(state, &client),
        on_depth: depth(state, &client),
        on_property: property(state, &client),
        on_expand: expand(state, &client),
        on_ask: ask(state, &client),
    }
}

/// Send `request` to the worker, starting one if there is none (first use, or after a cancel
/// or a crash ended the previous one).
fn send(slot: &ClientSlot, dispatcher: &UseReducerDispatcher<AppState>, request: Request) {
    let mut client = slot.borrow_mut();
    let client = client.get_or_insert_with(|| {
        let dispatcher = dispatcher.clone();
        let slot: Weak<RefCell<Option<CheckerClient>>> = Rc::downgrade(slot);
        CheckerClient::spawn(Rc::new(move |response: Response| {
            if matches!(response, Response::Tree(_)) {
                // For the end-to-end tests' timing of drawing a big tree.
                if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = p.mark("thicket:tree-received");
                }
            }
            if matches!(response, Response::Crashed(_)) {
                // Not from inside the worker's own callback: end it on the next tick.
                let slot = slot.clone();
                spawn_local(async move {
                    if let Some(slot) = slot.upgrade() {
                        slot.borrow_mut().take();
                    }
                });
            }
            dispatcher.dispatch(Action::Received(response));
        }))
    });
    client.send(request);
}

/// Check the text, unless a check is running.
fn check(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<()> {
    let dispatcher = state.dispatcher();
    let client = client.clone();
    let (source, tree_depth, running) =
        (state.document(), state.tree_depth, state.phase.is_running());
    Callback::from(move |()| {
        if running {
            return;
        }
        dispatcher.dispatch(Action::Started);
        let request = CheckRequest {
            source: source.clone(),
            tree_depth,
            max_tree_nodes: MAX_TREE_NODES,
        };
        send(&client, &dispatcher, Request::Check(request));
    })
}

/// End the worker, whatever it is doing, and ask a fresh one to parse the text.
fn cancel(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<()> {
    let dispatcher = state.dispatcher();
    let client = client.clone();
    let (version, source) = (state.version, state.document());
    Callback::from(move |()| {
        client.borrow_mut().take(); // terminates the busy worker
        dispatcher.dispatch(Action::Cancelled);
        // A parse queued behind the run died with it; a fresh worker answers it.
        send(
            &client,
            &dispatcher,
            Request::Diagnose {
                version,
                source: source.clone(),
            },
        );
    })
}

/// Set the tree depth, and unfold the tree shown to it when no check is running.
fn depth(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<u32> {
    let dispatcher = state.dispatcher();
    let client = client.clone();
    let state = state.clone();
    Callback::from(move |depth: u32| {
        if state.phase.is_running() {
            dispatcher.dispatch(Action::SetDepth(depth));
            return;
        }
        let mut next = (*state).clone();
        next.tree_depth = depth;
        let unfold = next.unfold_request();
        dispatcher.dispatch(Action::SetDepth(depth));
        if let Some(request) = unfold {
            send(&client, &dispatcher, Request::Unfold(request));
        }
    })
}

/// Unfold the tree again against another property, at the same depth.
fn property(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<String> {
    let (dispatcher, client, state) = (state.dispatcher(), client.clone(), state.clone());
    Callback::from(move |property: String| {
        if state.phase.is_running() {
            return;
        }
        let Some(mut request) = state.unfold_request() else {
            return;
        };
        request.property = Some(property);
        // The same depth: the reducer marks the tree as being unfolded again.
        dispatcher.dispatch(Action::SetDepth(state.tree_depth));
        send(&client, &dispatcher, Request::Unfold(request));
    })
}

/// Expand a node of the tree: the worker unfolds the steps below it, as many as the tree has
/// room for.
fn expand(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<(u32, u32)> {
    let dispatcher = state.dispatcher();
    let client = client.clone();
    let state = state.clone();
    Callback::from(move |(id, levels): (u32, u32)| {
        let Some(tree) = &state.tree else { return };
        let Some(node) = tree.nodes.iter().find(|n| n.id == id) else {
            return;
        };
        let room = MAX_TREE_NODES.saturating_sub(tree.nodes.len() as u32);
        if room == 0 {
            dispatcher.dispatch(Action::TreeNote(format!(
                "The tree shows {} nodes, the most it can: unfold it to a smaller depth to expand elsewhere.",
                crate::format::count(u64::from(MAX_TREE_NODES))
            )));
            return;
        }
        dispatcher.dispatch(Action::Expanding);
        let request = ExpandRequest {
            epoch: state.tree_epoch,
            source: state.checked_document(),
            path: node.path.clone(),
            levels,
            max_nodes: room,
            property: tree.property.clone(),
        };
        send(&client, &dispatcher, Request::Expand(request));
    })
}

/// Send any request as it is.
fn ask(state: &UseReducerHandle<AppState>, client: &ClientSlot) -> Callback<Request> {
    let dispatcher = state.dispatcher();
    let client = client.clone();
    Callback::from(move |request: Request| send(&client, &dispatcher, request))
}
