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
use crate::components::notice::NoticeBar;
use crate::components::sets_view::SetsView;
use crate::components::share_menu::{RestoreBar, ShareMenu};
use crate::components::shortcuts::Shortcuts;
use crate::components::squiggle::Squiggle;
use crate::components::state_panel::StatePanel;
use crate::components::stepper::Stepper;
use crate::components::summary::Summary;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::toolbar::Toolbar;
use crate::components::tree::TreeView;
use crate::embed::{self, EmbedBar};
use crate::link_view;
use crate::protocol::{CheckRequest, ExpandRequest, Request, Response, UnfoldRequest};
use crate::state::{Action, AppState, Shared, MAX_TREE_NODES};
use crate::{share, storage};

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

#[function_component(App)]
pub fn app() -> Html {
    // Read before the state is made: a link may keep the autosaved text aside.
    let opened = use_memo((), |_| link_view::read(storage::load_source().as_deref()));
    let state = use_reducer(|| {
        let mut state = AppState::open(share::read_location(), storage::load_source());
        if state.shown_vars.is_none() {
            state.shown_vars = storage::load_vars();
        }
        state
    });
    // The tree in the whole window (Esc leaves it).
    let full_tree = use_state(|| false);
    let on_full = {
        let full_tree = full_tree.clone();
        Callback::from(move |full: bool| full_tree.set(full))
    };
    let on_vars = {
        let dispatcher = state.dispatcher();
        Callback::from(move |vars: Option<Vec<String>>| {
            storage::save_vars(vars.as_deref());
            dispatcher.dispatch(Action::ShowVars(vars));
        })
    };
    let client: ClientSlot = use_mut_ref(|| None);
    // A widget checks on load only if its link asks to.
    let auto_check = match &opened.embed {
        Some(embed) => embed.auto_check && opened.text.is_some(),
        None => state.auto_check,
    };
    let embedded = opened.embed.is_some();
    // The theme: a link's, else the one the reader chose, else the system's. A widget always
    // follows its reader's system (the host page's preference).
    let theme = use_state(|| {
        let linked = opened.view.as_ref().and_then(|v| v.theme.clone());
        let theme = linked
            .filter(|t| t == "light" || t == "dark")
            .or_else(storage::load_theme);
        theme.filter(|_| !embedded).map(AttrValue::from)
    });
    use_effect_with((*theme).clone(), move |theme| {
        if !embedded {
            crate::page_js::set_theme(theme.as_deref().unwrap_or(""));
        }
    });
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |next: Option<AttrValue>| {
            storage::save_theme(next.as_deref());
            theme.set(next);
        })
    };
    let latest_version = use_mut_ref(|| Cell::new(0u32));

    // After each edit: save the text, and parse it for markers once typing pauses.
    {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        let latest_version = latest_version.clone();
        let source = state.source.clone();
        use_effect_with(state.version, move |&version| {
            latest_version.borrow().set(version);
            if version > 0 && !embedded {
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
    // The text a link or an example replaced, kept aside with a way back (a new one, a new bar).
    let kept = use_state(|| {
        opened.kept_backup.then_some((
            0u32,
            "This is the spec from the link you opened. The text you had is kept.",
        ))
    });
    let on_example = {
        let (dispatcher, kept, source) = (state.dispatcher(), kept.clone(), state.source.clone());
        Callback::from(move |i: usize| {
            let own = !source.trim().is_empty()
                && !crate::examples::EXAMPLES
                    .iter()
                    .any(|e| *e.source == *source);
            if own && !embedded && crate::page_js::keep_backup(&source) {
                let key = kept.map_or(1, |(k, _)| k + 1);
                kept.set(Some((
                    key,
                    "You opened an example. The text you had is kept.",
                )));
            }
            dispatcher.dispatch(Action::LoadExample(i));
        })
    };
    // Another property to highlight: the tree is unfolded again against it, at the same depth.
    let on_property = {
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
    };
    // Expanding a node of the tree: the worker unfolds the steps below it, as many as the tree
    // has room for.
    let on_expand = {
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
                source: state.checked_source.to_string(),
                path: node.path.clone(),
                levels,
                max_nodes: room,
                property: tree.property.clone(),
            };
            send(&client, &dispatcher, Request::Expand(request));
        })
    };
    // Opened from a link: check at once, so the view it recorded comes back.
    {
        let on_check = on_check.clone();
        use_effect_with((), move |_| {
            if auto_check {
                on_check.emit(());
            }
        });
    }
    // A link's view comes back once its tree is in: the property it highlighted (unfolded
    // again if the check highlighted another), then the node it selected.
    {
        let pending = use_mut_ref(|| {
            opened
                .view
                .clone()
                .filter(|v| v.property.is_some() || v.node.is_some())
        });
        let (dispatcher, client, state) = (state.dispatcher(), client.clone(), state.clone());
        use_effect_with(state.tree.clone(), move |tree| {
            let Some(tree) = tree else { return };
            let Some(view) = pending.borrow().clone() else {
                return;
            };
            let other = view
                .property
                .clone()
                .filter(|p| tree.property.as_ref() != Some(p) && tree.properties.contains(p));
            if let Some(property) = other.filter(|_| state.checked_source == state.source) {
                if let Some(v) = pending.borrow_mut().as_mut() {
                    v.property = None; // asked once
                }
                let request = UnfoldRequest {
                    source: state.source.to_string(),
                    depth: state.tree_depth,
                    max_nodes: MAX_TREE_NODES,
                    property: Some(property),
                };
                send(&client, &dispatcher, Request::Unfold(request));
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
    // Questions about behavior sets (sets view, stepper) go to the same worker as checks.
    let on_ask = {
        let dispatcher = state.dispatcher();
        let client = client.clone();
        Callback::from(move |request: Request| send(&client, &dispatcher, request))
    };
    let shortcuts_open = use_state(|| false);
    let on_shortcuts = {
        let shortcuts_open = shortcuts_open.clone();
        Callback::from(move |open: bool| shortcuts_open.set(open))
    };
    // The page's shortcuts, wherever the focus is (the page's body too): Ctrl/Cmd-Enter checks,
    // `?` and Esc open and close the list of shortcuts.
    let latest_check = use_mut_ref(|| on_check.clone());
    *latest_check.borrow_mut() = on_check.clone();
    {
        let (shortcuts_open, full_tree) = (shortcuts_open.clone(), full_tree.clone());
        use_effect_with((*shortcuts_open, *full_tree), move |&(open, full)| {
            let listener = web_sys::window().map(|window| {
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(
                    &window,
                    "keydown",
                    options,
                    move |event| {
                        let Some(e) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(event) else {
                            return;
                        };
                        if (e.ctrl_key() || e.meta_key()) && e.key() == "Enter" {
                            e.prevent_default();
                            latest_check.borrow().emit(());
                        } else if e.key() == "Escape" && open {
                            shortcuts_open.set(false);
                        } else if e.key() == "Escape" && full {
                            full_tree.set(false);
                        } else if e.key() == "?" && !embedded && !typing_in(e) {
                            e.prevent_default();
                            shortcuts_open.set(!open);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }
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
        <div
            class={classes!("app", opened.embed.as_ref().map(embed::classes))}
            data-read-only={opened.embed.as_ref().filter(|e| e.read_only).map(|_| AttrValue::Static("true"))}
        >
            if embedded {
                <EmbedBar
                    module={crate::exports::module_name(&state.source)}
                    full_link={link_view::full_link(&opened, &state.source)}
                />
            } else {
                <Header>
                    <Shortcuts open={*shortcuts_open} on_toggle={on_shortcuts} />
                    <ThemeToggle theme={(*theme).clone()} on_change={on_theme} />
                    <ShareMenu
                        source={AttrValue::from(state.source.to_string())}
                        view={link_view::current_view(&state, theme.as_ref().map(|t| t.to_string()))}
                        tree={state.tree.clone()}
                        selected={state.selected}
                        report={state.report.clone()}
                        tlc={state.answers.export.clone()}
                        on_ask={on_ask.clone()}
                    />
                </Header>
            }
            if let Some((key, message)) = *kept {
                <RestoreBar {key} message={message} on_restore={dispatch(&state, Action::Edit)} />
            }
            if let Some(notice) = &state.notice {
                <NoticeBar notice={notice.clone()} on_dismiss={dispatch(&state, |()| Action::Dismiss)} />
            }
            <main class="workspace">
                <section class="pane editor-pane" aria-label="Spec">
                    <Toolbar
                        example={state.example}
                        tree_depth={state.tree_depth}
                        running={state.phase.is_running()}
                        {on_example}
                        on_depth={on_depth.clone()}
                        on_check={on_check}
                        on_cancel={on_cancel.clone()}
                    />
                    <Editor
                        value={AttrValue::from(state.source.to_string())}
                        on_change={dispatch(&state, Action::Edit)}
                        diagnostics={diagnostics.clone()}
                        diagnostics_source={diag_source.clone()}
                        step={state.hovered_step}
                        step_source={AttrValue::from(state.checked_source.to_string())}
                    />
                    <Diagnostics source={diag_source} {diagnostics} />
                </section>
                <section class={classes!("pane", "results-pane", state.stale().then_some("stale"))} aria-label="Results">
                    <Summary phase={state.phase.clone()} progress={state.progress} report={state.report.clone()} stale={state.stale()} run={state.runs} />
                    if let Some(tree) = &state.tree {
                        <div class={classes!("explorer", full_tree.then_some("full"))}>
                            <TreeView
                                tree={tree.clone()}
                                epoch={state.tree_epoch}
                                selected={state.selected}
                                dead_ends={state.dead_ends.clone()}
                                depth={state.unfolded_depth}
                                expanding={state.expanding > 0}
                                note={state.tree_note.clone().map(AttrValue::from)}
                                on_select={dispatch(&state, Action::Select)}
                                on_expand={on_expand}
                                {on_property}
                                shown_vars={state.shown_vars.clone()}
                                {on_vars}
                                full={*full_tree}
                                on_full={on_full.clone()}
                            />
                            <StatePanel
                                tree={tree.clone()}
                                selected={state.selected}
                                on_select={dispatch(&state, Action::Select)}
                                on_hover_step={dispatch(&state, Action::HoverStep)}
                            />
                        </div>
                        <Squiggle
                            tree={tree.clone()}
                            selected={state.selected}
                            on_select={dispatch(&state, Action::Select)}
                            on_hover_step={dispatch(&state, Action::HoverStep)}
                        />
                        <Stepper
                            tree={tree.clone()}
                            selected={state.selected}
                            source={AttrValue::from(state.checked_source.to_string())}
                            children={state.answers.children.clone()}
                            on_ask={on_ask.clone()}
                            on_select={dispatch(&state, Action::Select)}
                            generation={state.worker_generation}
                            on_hover_step={dispatch(&state, Action::HoverStep)}
                        />
                    }
                    if let Some(report) = state.report.as_ref().filter(|r| r.diagnostics.is_empty()) {
                        <SetsView
                            source={AttrValue::from(state.checked_source.to_string())}
                            properties={safety_properties(report)}
                            initial={state.tree.as_ref().and_then(|t| t.property.clone()).or_else(|| report.property.clone())}
                            count={state.answers.count.clone()}
                            member={state.answers.member.clone()}
                            tree={state.tree.clone()}
                            on_ask={on_ask.clone()}
                            on_select={dispatch(&state, Action::Select)}
                            generation={state.worker_generation}
                            on_cancel={on_cancel.clone()}
                        />
                    }
                </section>
            </main>
        </div>
    }
}

/// Whether a key goes into text (the editor, a field): it is then the text's, not a shortcut.
fn typing_in(e: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| {
            t.closest(".cm-editor, input, textarea, select")
                .ok()
                .flatten()
                .is_some()
        })
}

/// The properties whose regions the sets view can count: the invariants (safety properties).
fn safety_properties(report: &thicket_check::CheckReport) -> Vec<String> {
    report
        .properties
        .iter()
        .filter(|p| p.kind == thicket_check::PropertyKind::Invariant)
        .map(|p| p.name.clone())
        .collect()
}
