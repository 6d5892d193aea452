use std::collections::HashMap;

use thicket_check::{TreeNode, TreeReport};
use yew::prelude::*;

use crate::format;
use crate::layout::{layout, outside_only, Layout, Metrics};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct TreeViewProps {
    pub tree: Shared<TreeReport>,
    pub selected: Option<u32>,
    pub on_select: Callback<Option<u32>>,
}

/// The behavior tree as SVG: one box per state, one edge per step; the behaviors that leave the
/// property, and the shortest counterexample, in the highlight colour.
#[function_component(TreeView)]
pub fn tree_view(props: &TreeViewProps) -> Html {
    let metrics = Metrics::default();
    let only_outside = use_state(|| false);
    let shown = use_memo((props.tree.clone(), *only_outside), |(tree, only)| {
        if *only {
            Shared::new(outside_only(tree))
        } else {
            tree.clone()
        }
    });
    let placed = use_memo(shown.clone(), move |tree| layout(tree, &metrics));
    let zoom = use_state(|| 1.0_f64);
    let scroller = use_node_ref();

    // A new tree opens on the selected node (the end of the counterexample), wherever it is:
    // centred vertically, and as far left as shows it, so the path to it stays in view.
    {
        let (scroller, placed, selected, zoom) =
            (scroller.clone(), placed.clone(), props.selected, *zoom);
        use_effect_with(props.tree.clone(), move |_| {
            if let (Some(el), Some(at)) = (
                scroller.cast::<web_sys::Element>(),
                selected.and_then(|id| placed.position(id)),
            ) {
                let centre_y = (at.y + metrics.node_height / 2.0) * zoom;
                let right = (at.x + metrics.node_width + metrics.column_gap / 2.0) * zoom;
                el.set_scroll_top((centre_y - f64::from(el.client_height()) / 2.0).max(0.0) as i32);
                el.set_scroll_left((right - f64::from(el.client_width())).max(0.0) as i32);
            }
        });
    }
    let zoom_by = |factor: Option<f64>| {
        let (zoom, scroller, width) = (zoom.clone(), scroller.clone(), placed.width);
        Callback::from(move |_: MouseEvent| {
            let next = match factor {
                Some(f) => (*zoom * f).clamp(0.25, 2.0),
                None => scroller
                    .cast::<web_sys::Element>()
                    .map(|el| (f64::from(el.client_width()) / width).clamp(0.25, 1.0))
                    .unwrap_or(1.0),
            };
            zoom.set(next);
        })
    };
    // Arrow keys walk the tree: right to the first child, left to the parent, up and down
    // between siblings.
    let on_keydown = {
        let (shown, selected, on_select) = (shown.clone(), props.selected, props.on_select.clone());
        Callback::from(move |e: KeyboardEvent| {
            let tree: &TreeReport = &shown;
            let next = match selected {
                None => tree.roots.first().copied(),
                Some(id) => neighbour(tree, id, &e.key()),
            };
            if let Some(next) = next {
                e.prevent_default();
                on_select.emit(Some(next));
            }
        })
    };
    // Keep the selected node in view as it moves.
    {
        let scroller = scroller.clone();
        use_effect_with(props.selected, move |selected| {
            let node = selected.and_then(|id| {
                let el = scroller.cast::<web_sys::Element>()?;
                el.query_selector(&format!(r#"[data-node-id="{id}"]"#))
                    .ok()
                    .flatten()
            });
            if let Some(node) = node {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                node.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    // One callback for the whole life of the view, so that nodes see equal props.
    let latest_on_select = use_mut_ref(|| props.on_select.clone());
    *latest_on_select.borrow_mut() = props.on_select.clone();
    let on_select = use_memo((), move |_| {
        Callback::from(move |id: Option<u32>| latest_on_select.borrow().emit(id))
    });
    let toggle_outside = {
        let only_outside = only_outside.clone();
        Callback::from(move |_: Event| only_outside.set(!*only_outside))
    };
    let any_outside = props.tree.nodes.iter().any(|n| n.outside_property);
    let tree: &TreeReport = &shown;
    // Edges depend only on the tree shown: drawn once per tree, not once per selection.
    let edges = {
        let placed = placed.clone();
        use_memo(shown.clone(), move |tree| {
            let by_id: HashMap<u32, &TreeNode> = tree.nodes.iter().map(|n| (n.id, n)).collect();
            tree.nodes
                .iter()
                .filter_map(|n| edge(n, &by_id, &placed, &metrics))
                .collect::<Html>()
        })
    };
    let on_counterexample = tree.nodes.iter().filter(|n| n.on_counterexample).count();

    html! {
        <section class="card tree-card" aria-label="Behavior tree">
            <div class="card-head">
                <h2>{ "Behavior tree" }</h2>
                <span class="card-note">
                    { format!("{} nodes", format::count(props.tree.nodes.len() as u64)) }
                    if let Some(p) = &tree.property { { format!(" · highlighting {p}") } }
                    if tree.truncated { { " · truncated" } }
                </span>
                <div class="zoom" role="group" aria-label="Zoom">
                    <button class="icon-button" title="Zoom out" onclick={zoom_by(Some(1.0 / 1.25))}>{ "−" }</button>
                    <span class="zoom-level">{ format!("{:.0}%", *zoom * 100.0) }</span>
                    <button class="icon-button" title="Zoom in" onclick={zoom_by(Some(1.25))}>{ "+" }</button>
                    <button class="icon-button text" title="Fit the width" onclick={zoom_by(None)}>{ "Fit" }</button>
                </div>
            </div>
            <div class="card-head">
                <label class={classes!("toggle", (!any_outside).then_some("disabled"))}>
                    <input type="checkbox" id="only-counterexamples" checked={*only_outside} disabled={!any_outside} onchange={toggle_outside} />
                    { "Only behaviors outside the property" }
                </label>
                <ul class="legend">
                    <li><span class="swatch cx" />{ "shortest counterexample" }</li>
                    <li><span class="swatch outside" />{ "outside the property" }</li>
                    <li><span class="swatch repeat" />{ "state seen before" }</li>
                </ul>
            </div>
            if let Some(error) = &tree.error {
                <p class="status failed">{ error }</p>
            }
            <div class="tree-scroll" ref={scroller} tabindex="0" onkeydown={on_keydown} aria-label="Behavior tree: arrow keys move between states">
                <svg
                    class="tree"
                    width={format!("{:.0}", placed.width * *zoom)}
                    height={format!("{:.0}", placed.height * *zoom)}
                    viewBox={format!("0 0 {} {}", placed.width, placed.height)}
                    role="tree"
                    data-nodes={tree.nodes.len().to_string()}
                    data-counterexample-nodes={on_counterexample.to_string()}
                >
                    <g class="edges">
                        { (*edges).clone() }
                    </g>
                    <g class="nodes">
                        { for tree.nodes.iter().enumerate().filter_map(|(index, n)| {
                            let at = placed.position(n.id)?;
                            Some(html! {
                                <NodeBox
                                    key={n.id}
                                    tree={(*shown).clone()}
                                    {index}
                                    x={at.x}
                                    y={at.y}
                                    selected={props.selected == Some(n.id)}
                                    on_select={(*on_select).clone()}
                                />
                            })
                        }) }
                    </g>
                </svg>
            </div>
        </section>
    }
}

/// The node an arrow key leads to from `id`.
fn neighbour(tree: &TreeReport, id: u32, key: &str) -> Option<u32> {
    let node = tree.nodes.iter().find(|n| n.id == id)?;
    let siblings: &[u32] = match node.parent {
        Some(p) => &tree.nodes.iter().find(|n| n.id == p)?.children,
        None => &tree.roots,
    };
    let at = siblings.iter().position(|&s| s == id)?;
    match key {
        "ArrowRight" => node.children.first().copied(),
        "ArrowLeft" => node.parent,
        "ArrowDown" => siblings.get(at + 1).copied(),
        "ArrowUp" => at.checked_sub(1).and_then(|i| siblings.get(i).copied()),
        _ => None,
    }
}

fn edge(
    child: &TreeNode,
    by_id: &HashMap<u32, &TreeNode>,
    placed: &Layout,
    m: &Metrics,
) -> Option<Html> {
    let parent = by_id.get(&child.parent?)?;
    let (from, to) = (placed.position(parent.id)?, placed.position(child.id)?);
    let (x1, y1) = (from.x + m.node_width, from.y + m.node_height / 2.0);
    let (x2, y2) = (to.x, to.y + m.node_height / 2.0);
    let mid = (x1 + x2) / 2.0;
    let label = child.step.as_ref().map(format::step).unwrap_or_default();
    let on_cx = child.on_counterexample && parent.on_counterexample;
    let class = classes!(
        "edge",
        on_cx.then_some("cx"),
        child.outside_property.then_some("outside")
    );
    Some(html! {
        <g
            class={class}
            data-label={child.step.as_ref().map(|s| s.label.clone()).unwrap_or_default()}
            data-event={child.step.as_ref().and_then(|s| s.event.clone())}
            data-step={label.clone()}
            data-to={child.id.to_string()}
        >
            <path d={format!("M{x1:.1} {y1:.1} C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}")} />
            <text class="edge-label" x={format!("{:.1}", x2 - 8.0)} y={format!("{:.1}", y2 - 6.0)} text-anchor="end">
                { format::clip(&label, 14) }
                <title>{ step_title(child) }</title>
            </text>
        </g>
    })
}

fn step_title(node: &TreeNode) -> String {
    node.step
        .as_ref()
        .map(format::step_detail)
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct NodeBoxProps {
    tree: Shared<TreeReport>,
    index: usize,
    x: f64,
    y: f64,
    selected: bool,
    on_select: Callback<Option<u32>>,
}

/// One state of the tree. A component of its own so that selecting a node re-renders two
/// nodes, not thousands.
#[function_component(NodeBox)]
fn node_box(props: &NodeBoxProps) -> Html {
    let n = &props.tree.nodes[props.index];
    let m = Metrics::default();
    let is_selected = props.selected;
    let class = classes!(
        "node",
        n.on_counterexample.then_some("cx"),
        n.outside_property.then_some("outside"),
        n.leaves_here.then_some("leaves"),
        n.repeat.then_some("repeat"),
        is_selected.then_some("selected"),
    );
    let id = n.id;
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            on_select.emit(if is_selected { None } else { Some(id) })
        })
    };
    let onkeydown = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(Some(id));
            }
        })
    };
    let data = format::data_summary(&n.state);
    let control = format::control_summary(&n.state);
    let mut full: Vec<String> = n
        .state
        .iter()
        .map(|v| format!("{} = {}", v.name, v.value))
        .collect();
    if !n.behaviors_below.text.is_empty() {
        full.push(format!(
            "{} behaviors continue from here (to the tree's depth)",
            n.behaviors_below.text
        ));
    }
    html! {
        <g
            class={class}
            transform={format!("translate({:.1} {:.1})", props.x, props.y)}
            data-node-id={n.id.to_string()}
            data-depth={n.depth.to_string()}
            data-counterexample={n.on_counterexample.to_string()}
            data-outside={n.outside_property.to_string()}
            data-step={n.step.as_ref().map(|s| s.label.clone()).unwrap_or_default()}
            tabindex="0"
            role="treeitem"
            aria-selected={is_selected.to_string()}
            {onclick}
            {onkeydown}
        >
            <rect width={m.node_width.to_string()} height={m.node_height.to_string()} rx="7" />
            <text class="node-data" x="10" y="17">{ format::clip(&data, 19) }</text>
            if let Some(pc) = control {
                <text class="node-pc" x="10" y="32">{ format::clip(&pc, 16) }</text>
            }
            if n.repeat {
                <text class="node-tag" x={(m.node_width - 8.0).to_string()} y="32" text-anchor="end">{ "seen" }</text>
            }
            if n.leaves_here {
                <circle class="node-badge" cx={(m.node_width - 10.0).to_string()} cy="11" r="4.5" />
            }
            <title>{ full.join("\n") }</title>
        </g>
    }
}
