//! The playground page: the state, the worker, and the layout of the components.

use thicket_check::TreeReport;
use thicket_syntax::Diagnostic;
use yew::prelude::*;

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
use crate::components::tabs::Tabs;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::toolbar::Toolbar;
use crate::components::tree::TreeView;
use crate::embed::{self, EmbedBar};
use crate::hooks::checker::{use_checker, CheckerCallbacks};
use crate::hooks::edits::use_save_and_parse;
use crate::hooks::link_view::{use_kept_text, use_link_view};
use crate::hooks::page_keys::use_page_keys;
use crate::hooks::theme::use_theme;
use crate::link_view;
use crate::protocol::{Document, Request};
use crate::state::{Action, AppState, Shared};
use crate::{share, storage};

#[function_component(App)]
pub fn app() -> Html {
    // Read before the state is made: a link may keep the autosaved text aside.
    let opened = use_memo((), |_| link_view::read(storage::load_source().as_ref()));
    let state = use_reducer(|| {
        let mut state = AppState::open(share::read_location(), storage::load_source());
        if state.shown_vars.is_none() {
            state.shown_vars = storage::load_vars();
        }
        state
    });
    // The tree in the whole window (Esc leaves it).
    let full_tree = use_state(|| false);
    // A widget checks on load only if its link asks to.
    let auto_check = match &opened.embed {
        Some(embed) => embed.auto_check && opened.text.is_some(),
        None => state.auto_check,
    };
    let embedded = opened.embed.is_some();
    let (theme, on_theme) = use_theme(&opened);
    let checker = use_checker(&state);
    use_save_and_parse(&state, &checker.on_ask, embedded);
    let (kept, on_example) = use_kept_text(&opened, &state);
    // Opened from a link: check at once, so the view it recorded comes back.
    {
        let on_check = checker.on_check.clone();
        use_effect_with((), move |_| {
            if auto_check {
                on_check.emit(());
            }
        });
    }
    use_link_view(&opened, &state, &checker.on_ask);
    let shortcuts_open = use_state(|| false);
    use_page_keys(&checker.on_check, &shortcuts_open, &full_tree, embedded);
    let (diag_source, diagnostics) = state.diagnostics();
    let diagnostics = use_memo((diag_source.clone(), diagnostics.to_vec()), |(_, d)| {
        Shared::new(d.clone())
    });
    let diagnostics = (*diagnostics).clone();
    let read_only = opened.embed.as_ref().is_some_and(|e| e.read_only);

    html! {
        <div
            class={classes!("app", opened.embed.as_ref().map(embed::classes))}
            data-read-only={opened.embed.as_ref().filter(|e| e.read_only).map(|_| AttrValue::Static("true"))}
        >
            if embedded {
                <EmbedBar
                    module={crate::exports::module_name(&state.source)}
                    full_link={link_view::full_link(&opened, &state.document())}
                />
            } else {
                { page_header(&state, &theme, on_theme, &shortcuts_open, &checker.on_ask) }
            }
            if let Some((key, message)) = kept {
                <RestoreBar {key} message={message} on_restore={dispatch(&state, Action::Restore)} />
            }
            if let Some(notice) = &state.notice {
                <NoticeBar notice={notice.clone()} on_dismiss={dispatch(&state, |()| Action::Dismiss)} />
            }
            <main class="workspace">
                { editor_pane(&state, &checker, on_example, (diag_source, diagnostics), read_only) }
                { results_pane(&state, &checker, &full_tree) }
            </main>
        </div>
    }
}

/// A callback that dispatches the action `make` makes of its value.
fn dispatch<T: 'static>(state: &UseReducerHandle<AppState>, make: fn(T) -> Action) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(make(value)))
}

/// The full page's header: the list of shortcuts, the theme and the Share menu.
fn page_header(
    state: &UseReducerHandle<AppState>,
    theme: &Option<AttrValue>,
    on_theme: Callback<Option<AttrValue>>,
    shortcuts_open: &UseStateHandle<bool>,
    on_ask: &Callback<Request>,
) -> Html {
    let on_shortcuts = {
        let shortcuts_open = shortcuts_open.clone();
        Callback::from(move |open: bool| shortcuts_open.set(open))
    };
    html! {
        <Header>
            <Shortcuts open={**shortcuts_open} on_toggle={on_shortcuts} />
            <ThemeToggle theme={theme.clone()} on_change={on_theme} />
            <ShareMenu
                source={state.document()}
                view={link_view::current_view(state, theme.as_ref().map(|t| t.to_string()))}
                tree={state.tree.clone()}
                selected={state.selected}
                report={state.report.clone()}
                tlc={state.answers.export.clone()}
                on_ask={on_ask.clone()}
            />
        </Header>
    }
}

/// The spec's pane: the toolbar, the tabs, the editor of the tab shown and the diagnostics
/// (`marks`: the texts their spans point into, and the diagnostics).
fn editor_pane(
    state: &UseReducerHandle<AppState>,
    checker: &CheckerCallbacks,
    on_example: Callback<usize>,
    marks: (Document, Shared<Vec<Diagnostic>>),
    read_only: bool,
) -> Html {
    let (diag_source, diagnostics) = marks;
    let names: Vec<AttrValue> = crate::tabs::names(&state.source, &state.modules)
        .into_iter()
        .map(AttrValue::from)
        .collect();
    let errors = crate::tabs::errors(&diag_source, &diagnostics);
    let (tab_source, _) = crate::tabs::tab_in(&diag_source, state.tab);
    let tab_source = AttrValue::from(tab_source.to_string());
    let tab_marks = Shared::new(crate::tabs::diagnostics_in(
        &diag_source,
        state.tab,
        &diagnostics,
    ));
    // A step is shown where it is written: in the main tab.
    let step = state.hovered_step.filter(|_| state.tab == 0);
    html! {
        <section class="pane editor-pane" aria-label="Spec">
            <Toolbar
                example={state.example}
                tree_depth={state.tree_depth}
                running={state.phase.is_running()}
                {on_example}
                on_depth={checker.on_depth.clone()}
                on_check={checker.on_check.clone()}
                on_cancel={checker.on_cancel.clone()}
            />
            if !(read_only && names.len() == 1) {
                <Tabs {names} active={state.tab} {errors} {read_only} on_action={dispatch(state, |a| a)} />
            }
            <Editor
                value={AttrValue::from(state.tab_text().to_string())}
                on_change={dispatch(state, Action::Edit)}
                diagnostics={tab_marks}
                diagnostics_source={tab_source}
                {step}
                step_source={AttrValue::from(state.checked_source.to_string())}
            />
            <Diagnostics source={diag_source} {diagnostics} />
        </section>
    }
}

/// The results' pane: the summary, then, once there is a tree, the tree and the selected
/// state, the selected behavior and the stepper, then the sets view of a text without errors.
fn results_pane(
    state: &UseReducerHandle<AppState>,
    checker: &CheckerCallbacks,
    full_tree: &UseStateHandle<bool>,
) -> Html {
    html! {
        <section class={classes!("pane", "results-pane", state.stale().then_some("stale"))} aria-label="Results">
            <Summary phase={state.phase.clone()} progress={state.progress} report={state.report.clone()} stale={state.stale()} run={state.runs} />
            if let Some(tree) = &state.tree {
                { explorer(state, tree, checker, full_tree) }
                <Squiggle
                    tree={tree.clone()}
                    selected={state.selected}
                    on_select={dispatch(state, Action::Select)}
                    on_hover_step={dispatch(state, Action::HoverStep)}
                />
                <Stepper
                    tree={tree.clone()}
                    selected={state.selected}
                    source={state.checked_document()}
                    children={state.answers.children.clone()}
                    on_ask={checker.on_ask.clone()}
                    on_select={dispatch(state, Action::Select)}
                    generation={state.worker_generation}
                    on_hover_step={dispatch(state, Action::HoverStep)}
                />
            }
            if let Some(report) = state.report.as_ref().filter(|r| r.diagnostics.is_empty()) {
                <SetsView
                    source={state.checked_document()}
                    properties={safety_properties(report)}
                    initial={state.tree.as_ref().and_then(|t| t.property.clone()).or_else(|| report.property.clone())}
                    count={state.answers.count.clone()}
                    member={state.answers.member.clone()}
                    tree={state.tree.clone()}
                    on_ask={checker.on_ask.clone()}
                    on_select={dispatch(state, Action::Select)}
                    generation={state.worker_generation}
                    on_cancel={checker.on_cancel.clone()}
                />
            }
        </section>
    }
}

/// The behavior tree and the state selected in it, side by side (or the tree in the whole
/// window).
fn explorer(
    state: &UseReducerHandle<AppState>,
    tree: &Shared<TreeReport>,
    checker: &CheckerCallbacks,
    full_tree: &UseStateHandle<bool>,
) -> Html {
    let on_vars = {
        let dispatcher = state.dispatcher();
        Callback::from(move |vars: Option<Vec<String>>| {
            storage::save_vars(vars.as_deref());
            dispatcher.dispatch(Action::ShowVars(vars));
        })
    };
    let on_full = {
        let full_tree = full_tree.clone();
        Callback::from(move |full: bool| full_tree.set(full))
    };
    html! {
        <div class={classes!("explorer", full_tree.then_some("full"))}>
            <TreeView
                tree={tree.clone()}
                epoch={state.tree_epoch}
                selected={state.selected}
                dead_ends={state.dead_ends.clone()}
                depth={state.unfolded_depth}
                expanding={state.expanding > 0}
                note={state.tree_note.clone().map(AttrValue::from)}
                on_select={dispatch(state, Action::Select)}
                on_expand={checker.on_expand.clone()}
                on_property={checker.on_property.clone()}
                shown_vars={state.shown_vars.clone()}
                {on_vars}
                full={**full_tree}
                {on_full}
            />
            <StatePanel
                tree={tree.clone()}
                selected={state.selected}
                on_select={dispatch(state, Action::Select)}
                on_hover_step={dispatch(state, Action::HoverStep)}
            />
        </div>
    }
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
