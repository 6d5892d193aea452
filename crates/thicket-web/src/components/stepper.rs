//! The stepper: build a behavior by hand, one enabled step at a time, like a REPL session,
//! with undo. It follows the tree's selection, and selects each step it takes when the tree is
//! unfolded that far; beyond, it shows the behavior itself.

use thicket_check::{TreeNode, TreeReport};
use thicket_syntax::ast::Span;
use yew::prelude::*;

use crate::format;
use crate::hooks::stepper::{roots, use_enabled_steps, use_scrolled_to_end, use_trail};
use crate::protocol::{Request, TreeError};
use crate::questions::{node_at_path, transcript};
use crate::state::Shared;

type ChildrenAnswer = Option<(u32, Shared<Result<Vec<TreeNode>, TreeError>>)>;

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub tree: Shared<TreeReport>,
    pub selected: Option<u32>,
    /// The text the tree is about.
    pub source: crate::protocol::Document,
    pub children: ChildrenAnswer,
    pub on_ask: Callback<Request>,
    pub on_select: Callback<Option<u32>>,
    /// Bumped whenever the worker is ended: a question it had not answered is asked again.
    pub generation: u32,
    /// The reader points at an enabled step (where it is written), or at none.
    #[prop_or_default]
    pub on_hover_step: Callback<Option<Span>>,
}

#[function_component(Stepper)]
pub fn stepper(props: &StepperProps) -> Html {
    let trail = use_trail(&props.tree, props.selected);
    // The enabled steps: the initial states before one is chosen, then the children.
    let choices = use_enabled_steps(
        &trail,
        &props.tree,
        &props.source,
        props.generation,
        &props.children,
        &props.on_ask,
    );
    // Keep the newest step in view as the behavior grows.
    let trail_ref = use_scrolled_to_end(trail.len());

    let choice_list = choices
        .as_ref()
        .ok()
        .and_then(|c| c.clone())
        .unwrap_or_default();
    let choose = choose(&trail, props, choice_list);
    let undo = undo(&trail, props);
    let reset = reset(&trail, props);
    let onkeydown = keys(&choose, &undo);

    let steps: Vec<thicket_check::TraceStep> =
        trail.iter().map(thicket_check::TraceStep::from).collect();
    let beyond = trail
        .iter()
        .position(|n| node_at_path(&props.tree, &n.path).is_none());
    let last = trail.last();
    html! {
        <section class="card stepper" aria-label="Stepper" tabindex="0" {onkeydown} data-length={trail.len().to_string()}>
            <div class="card-head">
                <h2>{ "Stepper" }</h2>
                <span class="card-note">{ "Choose the next step by hand. Keys: 1–9 choose, Backspace undoes." }</span>
                <div class="stepper-actions">
                    <button id="stepper-undo" class="button small" disabled={trail.is_empty()} onclick={ let undo = undo.clone(); Callback::from(move |_: MouseEvent| undo.emit(())) }>{ "Undo" }</button>
                    <button id="stepper-reset" class="button small" onclick={reset}>{ "Reset" }</button>
                </div>
            </div>
            <p class="stepper-transcript">
                <span class="prompt">{ ">>>" }</span>
                <code>{ if trail.is_empty() { "(choose an initial state)".to_string() } else { transcript(&steps) } }</code>
            </p>
            if let Some(p) = &props.tree.property {
                <PropertyNote property={AttrValue::from(p.clone())} trail={trail.iter().map(|n| (n.step.as_deref().map(format::step), n.outside_property)).collect::<Vec<_>>()} />
            }
            <div class="stepper-body">
                <ol class="stepper-trail" ref={trail_ref} aria-label="The behavior so far">
                    { for trail.iter().enumerate().map(|(i, n)| trail_step(i, n, trail.len(), beyond)) }
                </ol>
                <div class="stepper-choices">
                    <h3>{ if trail.is_empty() { "Initial states" } else { "Enabled steps" } }</h3>
                    { match &choices {
                        Err(error) => html! { <p class="status failed">{ error.to_string() }</p> },
                        Ok(None) => html! { <p class="hint" role="status">{ "Finding the enabled steps…" }</p> },
                        Ok(Some(list)) if list.is_empty() => html! {
                            <p class="hint">{ if last.is_some_and(|n| n.terminated) { "Every process has finished: no step is enabled." } else { "No step is enabled here (a deadlock, or a state limit of the model)." } }</p>
                        },
                        Ok(Some(list)) => html! {
                            <ol class="choice-list">
                                { for list.iter().enumerate().map(|(i, child)| choice(i, child, last, &choose, props)) }
                            </ol>
                        },
                    } }
                    if beyond.is_some() {
                        <p class="card-note">{ "Deeper than the tree is unfolded: the behavior is shown here." }</p>
                    }
                </div>
            </div>
        </section>
    }
}

/// Take the `i`th enabled step: it ends the behavior, and is selected in the tree when the tree
/// shows it.
fn choose(
    trail: &UseStateHandle<Vec<TreeNode>>,
    props: &StepperProps,
    choice_list: Vec<TreeNode>,
) -> Callback<usize> {
    let (trail, on_select, tree) = (trail.clone(), props.on_select.clone(), props.tree.clone());
    Callback::from(move |i: usize| {
        let Some(child) = choice_list.get(i) else {
            return;
        };
        let mut next = (*trail).clone();
        next.push(child.clone());
        if let Some(node) = node_at_path(&tree, &child.path) {
            on_select.emit(Some(node.id));
        }
        trail.set(next);
    })
}

/// Undo the last step: the step before is selected in the tree (none: nothing is).
fn undo(trail: &UseStateHandle<Vec<TreeNode>>, props: &StepperProps) -> Callback<()> {
    let (trail, on_select, tree) = (trail.clone(), props.on_select.clone(), props.tree.clone());
    Callback::from(move |()| {
        if trail.is_empty() {
            return;
        }
        let mut next = (*trail).clone();
        next.pop();
        match next.last() {
            None => on_select.emit(None),
            Some(last) => {
                if let Some(node) = node_at_path(&tree, &last.path) {
                    on_select.emit(Some(node.id));
                }
            }
        }
        trail.set(next);
    })
}

/// Start again: from the initial state if there is only one, else from the choice of one.
fn reset(trail: &UseStateHandle<Vec<TreeNode>>, props: &StepperProps) -> Callback<MouseEvent> {
    let (trail, on_select, roots) = (trail.clone(), props.on_select.clone(), roots(&props.tree));
    Callback::from(move |_: MouseEvent| {
        // With one initial state there is nothing to choose: start from it.
        match roots.as_slice() {
            [only] => {
                on_select.emit(Some(only.id));
                trail.set(vec![only.clone()]);
            }
            _ => {
                on_select.emit(None);
                trail.set(vec![]);
            }
        }
    })
}

/// The stepper's keys: 1–9 take an enabled step, Backspace undoes.
fn keys(choose: &Callback<usize>, undo: &Callback<()>) -> Callback<KeyboardEvent> {
    let (choose, undo) = (choose.clone(), undo.clone());
    Callback::from(move |e: KeyboardEvent| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        if key == "Backspace" {
            e.prevent_default();
            undo.emit(());
        } else if let Some(d) = key
            .chars()
            .next()
            .and_then(|c| c.to_digit(10))
            .filter(|_| key.len() == 1)
        {
            if d >= 1 {
                e.prevent_default();
                choose.emit(d as usize - 1);
            }
        }
    })
}

/// The `i`th state of the behavior built so far (of `len`), and the step that reached it;
/// from step `beyond` on, the tree does not show the behavior.
fn trail_step(i: usize, n: &TreeNode, len: usize, beyond: Option<usize>) -> Html {
    let outside_tree = beyond.is_some_and(|b| i >= b);
    html! {
        <li class={classes!((i + 1 == len).then_some("current"), outside_tree.then_some("beyond"), n.outside_property.then_some("outside"))} data-step={n.step.as_deref().map(format::step).unwrap_or_else(|| "Init".into())}>
            <span class="timeline-step">{ n.step.as_deref().map(format::step).unwrap_or_else(|| "Init".into()) }</span>
            <span class="timeline-state">
                { for n.state.iter().filter(|v| !format::is_control(v)).map(|v| {
                    let is_changed = i > 0 && n.changes.iter().any(|c| c.var == v.name);
                    html! {
                        <span class={classes!("timeline-var", is_changed.then_some("changed"))}>
                            { format!("{} = {}", v.name, format::short_value(&v.value)) }
                        </span>
                    }
                }) }
                if let Some(pc) = format::control_summary(&n.state) { <span class="timeline-pc">{ pc }</span> }
            </span>
        </li>
    }
}

/// The `i`th enabled step after `last` (none: the `i`th initial state), as a button that takes
/// it and, pointed at, shows where it is written.
fn choice(
    i: usize,
    child: &TreeNode,
    last: Option<&TreeNode>,
    choose: &Callback<usize>,
    props: &StepperProps,
) -> Html {
    let what = match last {
        Some(_) => format::data_changes(&child.state, &child.changes),
        None => format::data_values(&child.state),
    };
    let label = child
        .step
        .as_deref()
        .map(format::step)
        .unwrap_or_else(|| format!("Initial state {}", i + 1));
    let leaves = child.outside_property && !last.is_some_and(|n| n.outside_property);
    let choose = choose.clone();
    let span = child.step.as_ref().and_then(|s| s.span);
    let hover = props.on_hover_step.clone();
    let (enter, focus) = (
        hover.reform(move |_: MouseEvent| span),
        hover.reform(move |_: FocusEvent| span),
    );
    let (leave, blur) = (
        hover.reform(|_: MouseEvent| None),
        hover.reform(|_: FocusEvent| None),
    );
    html! {
        <li>
            <button class="choice" data-step={label.clone()} onclick={Callback::from(move |_: MouseEvent| choose.emit(i))}
                onmouseenter={enter} onmouseleave={leave} onfocus={focus} onblur={blur} title={child.step.as_deref().map(format::step_detail).unwrap_or_default()}>
                if i < 9 { <kbd>{ i + 1 }</kbd> }
                <span class="choice-step">{ label }</span>
                <span class="choice-change">{ what }</span>
                if leaves { <span class="choice-leaves">{ format!("leaves {}", props.tree.property.as_deref().unwrap_or("the property")) }</span> }
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct PropertyNoteProps {
    property: AttrValue,
    /// Each step of the behavior built so far (`None` for the initial state), and whether the
    /// behavior is outside the property once it is taken.
    trail: Vec<(Option<String>, bool)>,
}

/// Where the behavior built by hand stands against the tree's property: still inside, or
/// left at which step.
#[function_component(PropertyNote)]
fn property_note(props: &PropertyNoteProps) -> Html {
    let p = &props.property;
    let Some(first_out) = props.trail.iter().position(|(_, out)| *out) else {
        return html! { <p class="stepper-verdict inside" data-outside="false">{ format!("Not outside {p} so far.") }</p> };
    };
    let step = props.trail[first_out]
        .0
        .clone()
        .unwrap_or_else(|| "the initial state".into());
    html! {
        <p class="stepper-verdict outside" role="status" data-outside="true" data-left-at={(first_out + 1).to_string()}>
            { format!("This behavior leaves {p} at step {} ({step}): it is in Spec but outside {p}.", first_out + 1) }
        </p>
    }
}
