//! The playground page: the state, the worker, and the layout of the components.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::client::CheckerClient;
use crate::components::diagnostics::Diagnostics;
use crate::components::editor::Editor;
use crate::components::header::Header;
use crate::components::state_panel::StatePanel;
use crate::components::summary::Summary;
use crate::components::toolbar::Toolbar;
use crate::components::tree_view::TreeView;
use crate::protocol::{CheckRequest, Request, Response};
use crate::state::{Action, AppState, Shared, MAX_TREE_NODES};
use crate::storage;

/// How long typing must pause before the text is parsed for markers.
const PARSE_DELAY: Duration = Duration::from_millis(350);

type ClientSlot = Rc<RefCell<Option<CheckerClient>>>;

/// Send `request` to the worker, starting one if there is none (first use, or after a cancel
/// or a crash ended the previous one).
fn send(slot: &ClientSlot, dispatcher: &UseReducerDispatcher<AppState>, request: Request) {
    let mut client = slot.borrow_mut();
    let client = client.get_or_insert_with(|| {
        let dispatcher = dispatcher.clone();
        let slot: Weak<RefCell<Option<CheckerClient>>> = Rc::downgrade(slot);
        CheckerClient::spawn(Rc::new(move |response: Response| {
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

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(storage::load_source()));
    let client: ClientSlot = use_mut_ref(|| None);
    let latest_version = use_mut_ref(|| Cell::new(0u32));

    // After each edit: save the text, and parse it for markers once typing pauses.
    {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let latest_version = latest_version.clone();
        let source = state.source.clone();
        use_effect_with(state.version, move |&version| {
            latest_version.borrow().set(version);
            if version > 0 {
                storage::save_source(&source);
            }
            // Also on load: the text may be an autosaved one with errors, and the worker's
            // wasm is then loaded before the first Check.
            spawn_local(async move {
                sleep(PARSE_DELAY).await;
                if latest_version.borrow().get() == version {
                    send(
                        &client,
                        &dispatcher,
                        Request::Diagnose {
                            version,
                            source: source.to_string(),
                        },
                    );
                }
            });
        });
    }

    let on_check = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let (source, tree_depth, running) = (
            state.source.clone(),
            state.tree_depth,
            state.phase.is_running(),
        );
        Callback::from(move |()| {
            if running {
                return;
            }
            dispatcher.dispatch(Action::Started);
            let request = CheckRequest {
                source: source.to_string(),
                tree_depth,
                max_tree_nodes: MAX_TREE_NODES,
            };
            send(&client, &dispatcher, Request::Check(request));
        })
    };
    let on_cancel = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let (version, source) = (state.version, state.source.clone());
        Callback::from(move |()| {
            client.borrow_mut().take(); // terminates the busy worker
            dispatcher.dispatch(Action::Cancelled);
            // A parse queued behind the run died with it; a fresh worker answers it.
            send(
                &client,
                &dispatcher,
                Request::Diagnose {
                    version,
                    source: source.to_string(),
                },
            );
        })
    };
    let on_depth = {
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
    };
    let on_keydown = {
        let on_check = on_check.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key() == "Enter" {
                e.prevent_default();
                on_check.emit(());
            }
        })
    };
    fn dispatch<T: 'static>(
        state: &UseReducerHandle<AppState>,
        make: fn(T) -> Action,
    ) -> Callback<T> {
        let dispatcher = state.dispatcher();
        Callback::from(move |value| dispatcher.dispatch(make(value)))
    }
    let (diag_source, diagnostics) = state.diagnostics();
    let diag_source = AttrValue::from(diag_source.to_string());
    let diagnostics = use_memo((diag_source.clone(), diagnostics.to_vec()), |(_, d)| {
        Shared::new(d.clone())
    });
    let diagnostics = (*diagnostics).clone();

    html! {
        <div class="app" onkeydown={on_keydown}>
            <Header />
            <main class="workspace">
                <section class="pane editor-pane" aria-label="Spec">
                    <Toolbar
                        example={state.example}
                        tree_depth={state.tree_depth}
                        running={state.phase.is_running()}
                        on_example={dispatch(&state, Action::LoadExample)}
                        on_depth={on_depth}
                        on_check={on_check}
                        on_cancel={on_cancel}
                    />
                    <Editor
                        value={AttrValue::from(state.source.to_string())}
                        on_change={dispatch(&state, Action::Edit)}
                        diagnostics={diagnostics.clone()}
                        diagnostics_source={diag_source.clone()}
                    />
                    <Diagnostics source={diag_source} {diagnostics} />
                </section>
                <section class="pane results-pane" aria-label="Results">
                    <Summary phase={state.phase.clone()} progress={state.progress} report={state.report.clone()} />
                    if let Some(tree) = &state.tree {
                        <div class="explorer">
                            <TreeView tree={tree.clone()} selected={state.selected} on_select={dispatch(&state, Action::Select)} />
                            <StatePanel tree={tree.clone()} selected={state.selected} on_select={dispatch(&state, Action::Select)} />
                        </div>
                    }
                </section>
            </main>
        </div>
    }
}
