//! The behavior tree card: one box per state saying what its step changed, one edge per step
//! named by its process, action and arguments; the behaviors that leave the property, and the
//! shortest counterexample, in the highlight colour. Nodes collapse, and a node whose next
//! steps are not shown yet expands (the worker unfolds it).
//!
//! `canvas` draws and moves the tree, `draw` makes its SVG pieces, `vars` chooses what the
//! nodes show; this file holds the card's own state (the filter, what is collapsed).

mod canvas;
mod draw;
mod drawing;
mod vars;

use std::collections::HashSet;

use thicket_check::TreeReport;
use yew::prelude::*;

use crate::expansion::expandable;
use crate::format;
use crate::layout::{collapse, outside_only};
use crate::node_text::shown_vars;
use crate::state::Shared;
use canvas::TreeCanvas;
use draw::Expander;
use drawing::{use_drawing, Drawing};
use vars::VarChooser;

#[derive(Properties, PartialEq)]
pub struct TreeViewProps {
    pub tree: Shared<TreeReport>,
    /// Names the tree (a new one starts with nothing collapsed).
    pub epoch: u32,
    pub selected: Option<u32>,
    /// The nodes known to have no further step.
    pub dead_ends: Shared<HashSet<u32>>,
    /// The depth the tree was unfolded to.
    pub depth: u32,
    /// An expansion is on its way.
    pub expanding: bool,
    pub note: Option<AttrValue>,
    pub on_select: Callback<Option<u32>>,
    /// Unfold the subtree of a node by some steps: (node id, steps).
    pub on_expand: Callback<(u32, u32)>,
    /// Draw the tree against another property.
    #[prop_or_default]
    pub on_property: Callback<String>,
    /// The variables the reader chose for the nodes (none: the default).
    #[prop_or_default]
    pub shown_vars: Option<Vec<String>>,
    #[prop_or_default]
    pub on_vars: Callback<Option<Vec<String>>>,
    /// The tree fills the window.
    #[prop_or_default]
    pub full: bool,
    #[prop_or_default]
    pub on_full: Callback<bool>,
}

#[function_component(TreeView)]
pub fn tree_view(props: &TreeViewProps) -> Html {
    let only_outside = use_state(|| false);
    let collapsed = use_state(|| Shared::new(HashSet::<u32>::new()));
    {
        let collapsed = collapsed.clone();
        use_effect_with(props.epoch, move |_| {
            collapsed.set(Shared::new(HashSet::new()))
        });
    }
    let shown = use_memo(
        (props.tree.clone(), *only_outside, (*collapsed).clone()),
        |(tree, only, collapsed)| {
            let tree = if *only {
                Shared::new(outside_only(tree))
            } else {
                tree.clone()
            };
            if collapsed.is_empty() {
                tree
            } else {
                Shared::new(collapse(&tree, collapsed))
            }
        },
    );
    let all_vars: Vec<String> = props
        .tree
        .nodes
        .first()
        .map(|n| n.state.iter().map(|v| v.name.clone()).collect())
        .unwrap_or_default();
    let vars = props
        .tree
        .nodes
        .first()
        .map(|n| shown_vars(&n.state, props.shown_vars.as_deref()))
        .unwrap_or_default();
    let drawing = use_drawing(
        props.tree.clone(),
        (*shown).clone(),
        vars.clone(),
        props.epoch,
    );
    let on_expander = {
        let (collapsed, on_expand) = (collapsed.clone(), props.on_expand.clone());
        Callback::from(move |(id, x): (u32, Expander)| {
            let mut next = (**collapsed).clone();
            match x {
                Expander::Collapse => {
                    next.insert(id);
                }
                Expander::Uncollapse => {
                    next.remove(&id);
                }
                Expander::Expand => return on_expand.emit((id, 1)),
            }
            collapsed.set(Shared::new(next));
        })
    };
    let toggle_outside = {
        let only_outside = only_outside.clone();
        Callback::from(move |_: Event| only_outside.set(!*only_outside))
    };
    let on_property = props.on_property.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let toggle_full = {
        let (on_full, full) = (props.on_full.clone(), props.full);
        Callback::from(move |_: MouseEvent| on_full.emit(!full))
    };
    let tree: &TreeReport = &props.tree;
    let any_outside = tree.nodes.iter().any(|n| n.outside_property);
    let open_frontier = tree
        .nodes
        .iter()
        .filter(|n| expandable(n, &props.dead_ends))
        .count();

    html! {
        <section class={classes!("card", "tree-card", props.full.then_some("full"))} aria-label="Behavior tree">
            <div class="card-head">
                <h2>{ "Behavior tree" }</h2>
                <span class="card-note" id="tree-count">{ count_note(tree, &shown, *only_outside, props.depth) }</span>
                <button class="button small" id="tree-full" onclick={toggle_full} title={if props.full { "Back to the page (Esc)" } else { "Show the tree in the whole window" }}>
                    { if props.full { "Exit full window" } else { "Full window" } }
                </button>
            </div>
            <div class="card-head tree-controls">
                if tree.properties.len() > 1 {
                    <label class="field inline">
                        <span>{ "Property" }</span>
                        <select id="tree-property" title="The property whose counterexamples the tree highlights" onchange={on_property}>
                            { for tree.properties.iter().map(|p| html! {
                                <option value={p.clone()} selected={tree.property.as_ref() == Some(p)}>{ p }</option>
                            }) }
                        </select>
                    </label>
                }
                <VarChooser all={all_vars} shown={vars} on_change={props.on_vars.clone()} />
                <label class={classes!("toggle", (!any_outside).then_some("disabled"))}>
                    <input type="checkbox" id="only-counterexamples" checked={*only_outside} disabled={!any_outside} onchange={toggle_outside} />
                    { "Only behaviors outside the property" }
                </label>
                <Legend />
            </div>
            if let Some(error) = &tree.error {
                <p class="status failed">{ error }</p>
            }
            <TreeCanvas
                drawing={drawing.clone().unwrap_or_else(Drawing::empty)}
                selected={props.selected}
                collapsed={(*collapsed).clone()}
                dead_ends={props.dead_ends.clone()}
                on_select={props.on_select.clone()}
                {on_expander}
            >
                <p class="tree-status" role="status">
                    if props.expanding {
                        { "Expanding…" }
                    } else if drawing.is_none() {
                        { "Drawing the tree…" }
                    } else if let Some(note) = &props.note {
                        { note.clone() }
                    } else if open_frontier > 0 {
                        { "Click ⊕ on a state to show its next steps; Tree depth unfolds the whole tree." }
                    }
                </p>
            </TreeCanvas>
        </section>
    }
}

/// `69 nodes · depth 6 · highlighting Consistent`, or with the filter on, `12 of 69 nodes
/// shown: the behaviors outside Consistent`.
fn count_note(tree: &TreeReport, shown: &TreeReport, only_outside: bool, depth: u32) -> String {
    let all = format::count(tree.nodes.len() as u64);
    let mut note = match (&tree.property, only_outside) {
        (Some(p), true) => format!(
            "{} of {all} nodes shown: the behaviors outside {p}",
            format::count(shown.nodes.len() as u64)
        ),
        (Some(p), false) => format!("{all} nodes · depth {depth} · highlighting {p}"),
        (None, _) => format!("{all} nodes · depth {depth}"),
    };
    if tree.truncated {
        note.push_str(" · truncated");
    }
    note
}

#[function_component(Legend)]
fn legend() -> Html {
    html! {
        <ul class="legend">
            <li><span class="swatch cx" />{ "shortest counterexample" }</li>
            <li><span class="swatch outside" />{ "outside the property" }</li>
            <li><span class="swatch repeat" />{ "state seen before" }</li>
            <li><span class="legend-count">{ "×12" }</span>{ "behaviors from a state, to this depth" }</li>
        </ul>
    }
}
