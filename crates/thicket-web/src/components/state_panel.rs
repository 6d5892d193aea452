use std::collections::HashMap;

use thicket_check::{TreeNode, TreeReport};
use thicket_syntax::ast::Span;
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct StatePanelProps {
    pub tree: Shared<TreeReport>,
    pub selected: Option<u32>,
    pub on_select: Callback<Option<u32>>,
    /// The reader points at a step of the behavior (where it is written), or at none.
    #[prop_or_default]
    pub on_hover_step: Callback<Option<Span>>,
}

/// The selected node: the behavior that reaches it, and its state with what the last step changed.
#[function_component(StatePanel)]
pub fn state_panel(props: &StatePanelProps) -> Html {
    let by_id: HashMap<u32, &TreeNode> = props.tree.nodes.iter().map(|n| (n.id, n)).collect();
    let Some(node) = props.selected.and_then(|id| by_id.get(&id).copied()) else {
        return html! {
            <section class="card state-panel empty" aria-label="Selected state">
                <p class="hint">{ "Click a state in the tree to see it here." }</p>
            </section>
        };
    };
    let mut path = vec![node];
    while let Some(parent) = path
        .last()
        .and_then(|n| n.parent)
        .and_then(|p| by_id.get(&p))
    {
        path.push(parent);
    }
    path.reverse();
    let changed_from = |n: &TreeNode, name: &str, value: &str| {
        n.parent
            .and_then(|p| by_id.get(&p))
            .is_some_and(|p| p.state.iter().any(|v| v.name == name && v.value != value))
    };
    html! {
        <section class="card state-panel" aria-label="Selected state" data-node-id={node.id.to_string()}>
            <div class="card-head">
                <h2>{ format!("State at depth {}", node.depth) }</h2>
            </div>
            <div class="pills">
                if node.on_counterexample { <span class="pill cx">{ "on the counterexample" }</span> }
                else if node.outside_property { <span class="pill outside">{ "outside the property" }</span> }
                if node.repeat { <span class="pill">{ "seen before" }</span> }
            </div>
            if node.behaviors_below.value > 1.0 && !node.repeat {
                <p class="card-note behaviors-below">
                    { format!("{} behaviors, up to the tree's depth, begin with the behavior to this state", node.behaviors_below.text) }
                </p>
            }
            <table class="vars">
                <tbody>
                    { for node.state.iter().map(|v| html! {
                        <tr class={classes!(changed_from(node, &v.name, &v.value).then_some("changed"))}>
                            <th scope="row">{ &v.name }</th>
                            <td><code>{ &v.value }</code></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ "The behavior to here" }</h3>

            <ol class="timeline" aria-label="Behavior to this state">
                { for path.iter().map(|n| {
                    let id = n.id;
                    let on_select = props.on_select.clone();
                    let current = n.id == node.id;
                    let span = n.step.as_ref().and_then(|s| s.span);
                    let hover = &props.on_hover_step;
                    let (enter, focus) = (hover.reform(move |_: MouseEvent| span), hover.reform(move |_: FocusEvent| span));
                    let (leave, blur) = (hover.reform(|_: MouseEvent| None), hover.reform(|_: FocusEvent| None));
                    let on_key = {
                        let on_select = on_select.clone();
                        Callback::from(move |e: KeyboardEvent| if e.key() == "Enter" { on_select.emit(Some(id)) })
                    };
                    html! {
                        <li
                            class={classes!(n.on_counterexample.then_some("cx"), n.outside_property.then_some("outside"), current.then_some("current"))}
                            tabindex="0"
                            data-span={span.map(|s| format!("{}-{}", s.start, s.end))}
                            onclick={move |_| on_select.emit(Some(id))}
                            onkeydown={on_key}
                            onmouseenter={enter}
                            onmouseleave={leave}
                            onfocus={focus}
                            onblur={blur}
                        >
                            <span class="timeline-step">{ n.step.as_deref().map(format::step).unwrap_or_else(|| "Init".into()) }</span>
                            <span class="timeline-state">
                                if n.parent.is_none() {
                                    { format::data_values(&n.state) }
                                } else {
                                    <span class="timeline-var changed">{ format::data_changes(&n.state, &n.changes) }</span>
                                }
                            </span>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
