use std::collections::{HashMap, HashSet};

use thicket_check::{TreeNode, TreeReport};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::expansion::expandable;
use crate::format;
use crate::layout::{collapse, layout, outside_only, Band, Layout, Metrics, Placed};
use crate::state::Shared;

/// Above this many nodes shown, only the nodes near the visible part of the tree are drawn.
const CULL_ABOVE: usize = 1500;
/// The deepest "expand to depth" the tree card offers.
const MAX_EXPAND_DEPTH: u32 = 40;
/// How far the tree zooms out and in.
const MIN_ZOOM: f64 = 0.25;
const MAX_ZOOM: f64 = 2.0;

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
    /// Unfold the whole tree again to a depth.
    pub on_unfold: Callback<u32>,
    /// Draw the tree against another property.
    #[prop_or_default]
    pub on_property: Callback<String>,
}

/// What the round button at a node's right edge does.
#[derive(Clone, Copy, PartialEq)]
enum Expander {
    /// Hide the node's children.
    Collapse,
    /// Show the children hidden by a collapse.
    Uncollapse,
    /// Ask the worker for the node's next steps.
    Expand,
}

impl Expander {
    fn action(self) -> &'static str {
        match self {
            Expander::Collapse => "collapse",
            Expander::Uncollapse => "uncollapse",
            Expander::Expand => "expand",
        }
    }
}

/// The behavior tree as SVG: one box per state, one edge per step; the behaviors that leave the
/// property, and the shortest counterexample, in the highlight colour. Nodes can be collapsed,
/// and a node whose next steps are not shown yet can be expanded (the worker unfolds it).
///
/// Drawing is plain markup, with one click handler on the SVG for every node (each node says
/// which it is in `data-node-id`); a big tree draws only the band of rows around the view.
#[function_component(TreeView)]
pub fn tree_view(props: &TreeViewProps) -> Html {
    let metrics = Metrics::default();
    let only_outside = use_state(|| false);
    let collapsed = use_state(HashSet::<u32>::new);
    {
        let collapsed = collapsed.clone();
        use_effect_with(props.epoch, move |_| collapsed.set(HashSet::new()));
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
    let placed = use_memo(shown.clone(), move |tree| layout(tree, &metrics));
    let zoom = use_state(|| 1.0_f64);
    let scroller = use_node_ref();
    let culling = shown.nodes.len() > CULL_ABOVE;
    let band = use_state(|| Band::ALL);

    // The band of rows to draw, from where the tree is scrolled to: redrawn only when the
    // view comes near the edge of the band drawn.
    let update_band = {
        let (scroller, band, zoom, height) = (scroller.clone(), band.clone(), *zoom, placed.height);
        move |force: bool| {
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            if !culling {
                if *band != Band::ALL {
                    band.set(Band::ALL);
                }
                return;
            }
            let top = f64::from(el.scroll_top()) / zoom;
            let bottom = top + f64::from(el.client_height().max(1)) / zoom;
            if force || *band == Band::ALL || !band.covers(top, bottom, height) {
                band.set(Band::around(top, bottom));
            }
        }
    };
    let on_scroll = {
        let update_band = update_band.clone();
        Callback::from(move |_: Event| update_band(false))
    };
    {
        let update_band = update_band.clone();
        use_effect_with((placed.clone(), *zoom, culling), move |_| update_band(true));
    }

    // A new tree opens on the selected node (the end of the counterexample), wherever it is:
    // centred vertically, and as far left as shows it, so the path to it stays in view.
    {
        let (scroller, placed, selected, zoom) =
            (scroller.clone(), placed.clone(), props.selected, *zoom);
        let update_band = update_band.clone();
        use_effect_with(props.epoch, move |_| {
            if let (Some(el), Some(at)) = (
                scroller.cast::<web_sys::Element>(),
                selected.and_then(|id| placed.position(id)),
            ) {
                let centre_y = (at.y + metrics.node_height / 2.0) * zoom;
                let right = (at.x + metrics.node_width + metrics.column_gap / 2.0) * zoom;
                el.set_scroll_top((centre_y - f64::from(el.client_height()) / 2.0).max(0.0) as i32);
                el.set_scroll_left((right - f64::from(el.client_width())).max(0.0) as i32);
            }
            update_band(true);
        });
    }
    // Keep the selected node in view as it moves (within the tree's own scroll).
    {
        let (scroller, placed, zoom) = (scroller.clone(), placed.clone(), *zoom);
        use_effect_with(props.selected, move |selected| {
            if let (Some(el), Some(at)) = (
                scroller.cast::<web_sys::Element>(),
                selected.and_then(|id| placed.position(id)),
            ) {
                reveal(&el, at, zoom, &metrics);
            }
        });
    }
    // A zoom keeps the point under the pointer where it was: (that point in the tree's own
    // units, its offset in the view), applied once the tree is drawn at the new scale.
    let zoom_anchor = use_mut_ref(|| None::<(f64, f64, f64, f64)>);
    {
        let (scroller, zoom_anchor) = (scroller.clone(), zoom_anchor.clone());
        use_effect_with(*zoom, move |zoom| {
            if let (Some(el), Some((x, y, dx, dy))) = (
                scroller.cast::<web_sys::Element>(),
                zoom_anchor.borrow_mut().take(),
            ) {
                el.set_scroll_left((x * zoom - dx).max(0.0) as i32);
                el.set_scroll_top((y * zoom - dy).max(0.0) as i32);
            }
        });
    }
    // Ctrl (or Cmd) and the wheel zoom around the pointer; a listener of our own, because a
    // wheel listener must be active to keep the browser from zooming the whole page.
    {
        let (scroller, zoom, zoom_anchor) = (scroller.clone(), zoom.clone(), zoom_anchor.clone());
        use_effect_with(*zoom, move |current| {
            let current = *current;
            let el = scroller.cast::<web_sys::Element>();
            let listener = el.clone().map(|el| {
                gloo_events::EventListener::new_with_options(
                    &el.clone(),
                    "wheel",
                    gloo_events::EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(e) = event.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) || e.delta_y() == 0.0 {
                            return;
                        }
                        e.prevent_default();
                        let next = (current * if e.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 })
                            .clamp(MIN_ZOOM, MAX_ZOOM);
                        if next == current {
                            return;
                        }
                        let rect = el.get_bounding_client_rect();
                        let (dx, dy) = (
                            f64::from(e.client_x()) - rect.left(),
                            f64::from(e.client_y()) - rect.top(),
                        );
                        let x = (f64::from(el.scroll_left()) + dx) / current;
                        let y = (f64::from(el.scroll_top()) + dy) / current;
                        *zoom_anchor.borrow_mut() = Some((x, y, dx, dy));
                        zoom.set(next);
                    },
                )
            });
            move || drop(listener)
        });
    }
    // Dragging the tree's background pans it (touch screens pan by scrolling already).
    let drag = use_mut_ref(|| None::<(i32, i32, i32, i32)>);
    let on_pointerdown = {
        let (drag, scroller) = (drag.clone(), scroller.clone());
        Callback::from(move |e: PointerEvent| {
            let on_node = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| node_id_of(&t).is_some());
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            if on_node || e.button() != 0 || e.pointer_type() != "mouse" {
                return;
            }
            *drag.borrow_mut() = Some((
                e.client_x(),
                e.client_y(),
                el.scroll_left(),
                el.scroll_top(),
            ));
            let _ = el.set_pointer_capture(e.pointer_id());
            let _ = el.class_list().add_1("dragging");
        })
    };
    let on_pointermove = {
        let (drag, scroller) = (drag.clone(), scroller.clone());
        Callback::from(move |e: PointerEvent| {
            let (Some((x, y, left, top)), Some(el)) =
                (*drag.borrow(), scroller.cast::<web_sys::Element>())
            else {
                return;
            };
            el.set_scroll_left(left - (e.client_x() - x));
            el.set_scroll_top(top - (e.client_y() - y));
        })
    };
    let on_pointerup = {
        let (drag, scroller) = (drag.clone(), scroller.clone());
        Callback::from(move |_: PointerEvent| {
            if drag.borrow_mut().take().is_some() {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    let _ = el.class_list().remove_1("dragging");
                }
            }
        })
    };
    // The buttons zoom around the middle of the view; Fit shows the whole width.
    let zoom_by = |factor: Option<f64>| {
        let (zoom, scroller, width) = (zoom.clone(), scroller.clone(), placed.width);
        let zoom_anchor = zoom_anchor.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(el) = scroller.cast::<web_sys::Element>() else {
                return;
            };
            let next = match factor {
                Some(f) => (*zoom * f).clamp(MIN_ZOOM, MAX_ZOOM),
                None => (f64::from(el.client_width()) / width).clamp(MIN_ZOOM, 1.0),
            };
            if factor.is_some() {
                let (dx, dy) = (
                    f64::from(el.client_width()) / 2.0,
                    f64::from(el.client_height()) / 2.0,
                );
                let x = (f64::from(el.scroll_left()) + dx) / *zoom;
                let y = (f64::from(el.scroll_top()) + dy) / *zoom;
                *zoom_anchor.borrow_mut() = Some((x, y, dx, dy));
            }
            zoom.set(next);
        })
    };

    // What a node's expander does, if it has one.
    let expander_of = {
        let (collapsed, dead_ends) = ((*collapsed).clone(), props.dead_ends.clone());
        move |n: &TreeNode| -> Option<Expander> {
            if collapsed.contains(&n.id) {
                Some(Expander::Uncollapse)
            } else if !n.children.is_empty() {
                Some(Expander::Collapse)
            } else if expandable(n, &dead_ends) {
                Some(Expander::Expand)
            } else {
                None
            }
        }
    };
    let act = {
        let (collapsed, on_expand) = (collapsed.clone(), props.on_expand.clone());
        move |id: u32, expander: Expander| match expander {
            Expander::Collapse => {
                let mut next = (*collapsed).clone();
                next.insert(id);
                collapsed.set(next);
            }
            Expander::Uncollapse => {
                let mut next = (*collapsed).clone();
                next.remove(&id);
                collapsed.set(next);
            }
            Expander::Expand => on_expand.emit((id, 1)),
        }
    };

    // One handler for every node: the node is the nearest element with a `data-node-id`.
    let on_click = {
        let (selected, on_select, act) = (props.selected, props.on_select.clone(), act.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Some(id) = node_id_of(&target) else {
                return;
            };
            let expander = target
                .closest(".expander")
                .ok()
                .flatten()
                .and_then(|b| b.get_attribute("data-action"));
            match expander.as_deref() {
                Some("collapse") => act(id, Expander::Collapse),
                Some("uncollapse") => act(id, Expander::Uncollapse),
                Some("expand") => act(id, Expander::Expand),
                _ => on_select.emit(if selected == Some(id) { None } else { Some(id) }),
            }
        })
    };
    // Arrow keys walk the tree: right to the first child, left to the parent, up and down
    // between siblings. Enter or space selects the focused node; + and − expand and collapse
    // the selected one.
    let on_keydown = {
        let (shown, selected, on_select) = (shown.clone(), props.selected, props.on_select.clone());
        let (expander_of, act) = (expander_of.clone(), act.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" || key == " " {
                let focused = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| node_id_of(&t));
                if let Some(id) = focused {
                    e.prevent_default();
                    on_select.emit(Some(id));
                }
                return;
            }
            let tree: &TreeReport = &shown;
            if key == "+" || key == "-" || key == "=" {
                let node = selected.and_then(|id| tree.nodes.iter().find(|n| n.id == id));
                let action = node.and_then(|n| Some((n.id, expander_of(n)?)));
                let fits = |x: Expander| (x == Expander::Collapse) == (key == "-");
                if let Some((id, x)) = action.filter(|(_, x)| fits(*x)) {
                    e.prevent_default();
                    act(id, x);
                }
                return;
            }
            let next = match selected {
                None => tree.roots.first().copied(),
                Some(id) => neighbour(tree, id, &key),
            };
            if let Some(next) = next {
                e.prevent_default();
                on_select.emit(Some(next));
            }
        })
    };
    let toggle_outside = {
        let only_outside = only_outside.clone();
        Callback::from(move |_: Event| only_outside.set(!*only_outside))
    };

    // "Expand to depth k": below the selected node, else the whole tree.
    let expand_depth = use_state(|| props.depth + 2);
    let on_expand_depth = {
        let expand_depth = expand_depth.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<u32>() {
                Ok(k) => {
                    let k = k.clamp(1, MAX_EXPAND_DEPTH);
                    input.set_value(&k.to_string());
                    expand_depth.set(k);
                }
                Err(_) => input.set_value(&expand_depth.to_string()),
            }
        })
    };
    let selected_node = props
        .selected
        .and_then(|id| props.tree.nodes.iter().find(|n| n.id == id));
    let (expand_label, expand_title, expand_disabled) = match selected_node {
        Some(n) if *expand_depth <= n.depth => (
            "Expand the selected state",
            format!(
                "The selected state is at depth {}: choose a greater depth",
                n.depth
            ),
            true,
        ),
        Some(n) => (
            "Expand the selected state",
            format!(
                "Unfold every behavior through the selected state to {} states",
                *expand_depth
            ),
            n.terminated,
        ),
        None => (
            "Unfold the whole tree",
            format!(
                "Unfold every behavior to {} states (at most {})",
                (*expand_depth).min(crate::state::MAX_TREE_DEPTH),
                crate::state::MAX_TREE_DEPTH
            ),
            false,
        ),
    };
    let on_expand_to_depth = {
        let (on_expand, on_unfold, k) = (
            props.on_expand.clone(),
            props.on_unfold.clone(),
            *expand_depth,
        );
        let target = selected_node.map(|n| (n.id, n.depth));
        Callback::from(move |_: MouseEvent| match target {
            Some((id, depth)) if k > depth => on_expand.emit((id, k - depth)),
            Some(_) => {}
            None => on_unfold.emit(k),
        })
    };

    let any_outside = props.tree.nodes.iter().any(|n| n.outside_property);
    let on_property = props.on_property.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let tree: &TreeReport = &shown;
    // Before the scroller is measured, a big tree draws its first screens only.
    let visible = match (culling, *band) {
        (false, _) => Band::ALL,
        (true, Band::ALL) => Band::around(0.0, 1000.0 / *zoom),
        (true, band) => band,
    };
    // Edges and nodes depend on the tree shown and the band drawn, not on the zoom.
    let edges = {
        let placed = placed.clone();
        use_memo((shown.clone(), visible), move |(tree, band)| {
            let by_id: HashMap<u32, &TreeNode> = tree.nodes.iter().map(|n| (n.id, n)).collect();
            tree.nodes
                .iter()
                .filter_map(|n| edge(n, &by_id, &placed, &metrics, band))
                .collect::<Html>()
        })
    };
    let nodes = {
        let placed = placed.clone();
        let expander_of = expander_of.clone();
        use_memo(
            (
                shown.clone(),
                visible,
                props.selected,
                props.dead_ends.clone(),
                (*collapsed).clone(),
            ),
            move |(tree, band, selected, _, _)| {
                tree.nodes
                    .iter()
                    .filter_map(|n| {
                        let at = placed.position(n.id)?;
                        band.meets(at.y, at.y + metrics.node_height).then(|| {
                            node_box(n, at, *selected == Some(n.id), expander_of(n), &metrics)
                        })
                    })
                    .collect::<Html>()
            },
        )
    };
    let on_counterexample = tree.nodes.iter().filter(|n| n.on_counterexample).count();
    let open_frontier = props
        .tree
        .nodes
        .iter()
        .filter(|n| expandable(n, &props.dead_ends))
        .count();

    html! {
        <section class="card tree-card" aria-label="Behavior tree">
            <div class="card-head">
                <h2>{ "Behavior tree" }</h2>
                <span class="card-note" id="tree-count">
                    { format!("{} nodes", format::count(props.tree.nodes.len() as u64)) }
                    if let Some(p) = &tree.property { { format!(" · highlighting {p}") } }
                    if tree.truncated { { " · truncated" } }
                </span>
                <div class="zoom" role="group" aria-label="Zoom">
                    <button class="icon-button" id="zoom-out" title="Zoom out" onclick={zoom_by(Some(1.0 / 1.25))}>{ "−" }</button>
                    <span class="zoom-level">{ format!("{:.0}%", *zoom * 100.0) }</span>
                    <button class="icon-button" id="zoom-in" title="Zoom in" onclick={zoom_by(Some(1.25))}>{ "+" }</button>
                    <button class="icon-button text" id="zoom-fit" title="Fit the width" onclick={zoom_by(None)}>{ "Fit" }</button>
                </div>
            </div>
            <div class="card-head">
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
                <label class={classes!("toggle", (!any_outside).then_some("disabled"))}>
                    <input type="checkbox" id="only-counterexamples" checked={*only_outside} disabled={!any_outside} onchange={toggle_outside} />
                    { "Only behaviors outside the property" }
                </label>
                <ul class="legend">
                    <li><span class="swatch cx" />{ "shortest counterexample" }</li>
                    <li><span class="swatch outside" />{ "outside the property" }</li>
                    <li><span class="swatch repeat" />{ "state seen before" }</li>
                    <li><span class="legend-count">{ "×12" }</span>{ "behaviors from a state, to this depth" }</li>
                </ul>
            </div>
            <div class="card-head expand-controls">
                <label class="field inline">
                    <span>{ "Expand to depth" }</span>
                    <input id="expand-depth" type="number" min="1" max={MAX_EXPAND_DEPTH.to_string()} value={expand_depth.to_string()} onchange={on_expand_depth} />
                </label>
                <button class="button" id="expand-to-depth" title={expand_title} disabled={expand_disabled || props.expanding} onclick={on_expand_to_depth}>{ expand_label }</button>
                <span class="tree-status" role="status">
                    if props.expanding {
                        { "Expanding…" }
                    } else if let Some(note) = &props.note {
                        { note.clone() }
                    } else if open_frontier > 0 {
                        { "Click ⊕ on a state to show its next steps." }
                    }
                </span>
            </div>
            if let Some(error) = &tree.error {
                <p class="status failed">{ error }</p>
            }
            <div
                class="tree-scroll"
                ref={scroller}
                tabindex="0"
                onkeydown={on_keydown}
                onscroll={on_scroll}
                onpointerdown={on_pointerdown}
                onpointermove={on_pointermove}
                onpointerup={on_pointerup.clone()}
                onpointercancel={on_pointerup}
                aria-label="Behavior tree: drag to pan, Ctrl and the wheel to zoom; arrow keys move between states, + and − expand and collapse"
            >
                <svg
                    class="tree"
                    width={format!("{:.0}", placed.width * *zoom)}
                    height={format!("{:.0}", placed.height * *zoom)}
                    viewBox={format!("0 0 {} {}", placed.width, placed.height)}
                    role="tree"
                    data-nodes={tree.nodes.len().to_string()}
                    data-counterexample-nodes={on_counterexample.to_string()}
                    data-culled={culling.then_some("true")}
                    onclick={on_click}
                >
                    <g class="edges">
                        { (*edges).clone() }
                    </g>
                    <g class="nodes">
                        { (*nodes).clone() }
                    </g>
                </svg>
            </div>
        </section>
    }
}

/// The id in the `data-node-id` of `el` or of its nearest ancestor that has one.
fn node_id_of(el: &web_sys::Element) -> Option<u32> {
    el.closest("[data-node-id]")
        .ok()
        .flatten()?
        .get_attribute("data-node-id")?
        .parse()
        .ok()
}

/// Scroll `el` (the tree's scroller) as little as shows the node at `at`.
fn reveal(el: &web_sys::Element, at: &Placed, zoom: f64, m: &Metrics) {
    let pad = m.margin * zoom;
    let (top, bottom) = (at.y * zoom - pad, (at.y + m.node_height) * zoom + pad);
    let (left, right) = (
        at.x * zoom - pad,
        (at.x + m.node_width + m.column_gap / 2.0) * zoom,
    );
    let (scroll_top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
    let (scroll_left, width) = (f64::from(el.scroll_left()), f64::from(el.client_width()));
    if top < scroll_top {
        el.set_scroll_top(top.max(0.0) as i32);
    } else if bottom > scroll_top + height {
        el.set_scroll_top((bottom - height).max(0.0) as i32);
    }
    if left < scroll_left {
        el.set_scroll_left(left.max(0.0) as i32);
    } else if right > scroll_left + width {
        el.set_scroll_left((right - width).max(0.0) as i32);
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
    band: &Band,
) -> Option<Html> {
    let parent = by_id.get(&child.parent?)?;
    let (from, to) = (placed.position(parent.id)?, placed.position(child.id)?);
    let (x1, y1) = (from.x + m.node_width, from.y + m.node_height / 2.0);
    let (x2, y2) = (to.x, to.y + m.node_height / 2.0);
    if !band.meets(y1, y2) {
        return None;
    }
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
            key={child.id}
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

/// One state of the tree: plain markup, no handlers of its own (the SVG's click handler and
/// the scroller's key handler find it by its `data-node-id`).
fn node_box(
    n: &TreeNode,
    at: &Placed,
    is_selected: bool,
    expander: Option<Expander>,
    m: &Metrics,
) -> Html {
    let class = classes!(
        "node",
        n.on_counterexample.then_some("cx"),
        n.outside_property.then_some("outside"),
        n.leaves_here.then_some("leaves"),
        n.repeat.then_some("repeat"),
        is_selected.then_some("selected"),
        (expander == Some(Expander::Expand)).then_some("open"),
    );
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
    // How many behaviors go on from here (to the tree's depth), where there is a choice.
    let below = (n.behaviors_below.value > 1.0)
        .then(|| format!("×{}", format::clip(&n.behaviors_below.text, 7)));
    let expander = expander.map(|x| {
        let (glyph, title) = match x {
            Expander::Collapse => ("−", "Hide the steps after this state"),
            Expander::Uncollapse => ("+", "Show the steps after this state again"),
            Expander::Expand => ("+", "Show the next steps from this state"),
        };
        html! {
            <g class={classes!("expander", x.action())} data-action={x.action()} transform={format!("translate({} {})", m.node_width, m.node_height / 2.0)}>
                <circle class="hit" r="15" />
                <circle r="8" />
                <text y="4" text-anchor="middle">{ glyph }</text>
                <title>{ title }</title>
            </g>
        }
    });
    html! {
        <g
            key={n.id}
            class={class}
            transform={format!("translate({:.1} {:.1})", at.x, at.y)}
            data-node-id={n.id.to_string()}
            data-depth={n.depth.to_string()}
            data-path={n.path.iter().map(u32::to_string).collect::<Vec<_>>().join(".")}
            data-counterexample={n.on_counterexample.to_string()}
            data-outside={n.outside_property.to_string()}
            data-step={n.step.as_ref().map(|s| s.label.clone()).unwrap_or_default()}
            tabindex="0"
            role="treeitem"
            aria-selected={is_selected.to_string()}
        >
            <rect width={m.node_width.to_string()} height={m.node_height.to_string()} rx="7" />
            <text class="node-data" x="10" y="17">{ format::clip(&data, 19) }</text>
            if let Some(pc) = control {
                <text class="node-pc" x="10" y="32">{ format::clip(&pc, if below.is_some() { 11 } else { 16 }) }</text>
            }
            if n.repeat {
                <text class="node-tag" x={(m.node_width - 14.0).to_string()} y="32" text-anchor="end">{ "seen" }</text>
            } else if let Some(below) = below {
                <text class="node-count" x={(m.node_width - 14.0).to_string()} y="32" text-anchor="end">{ below }</text>
            }
            if n.leaves_here {
                <circle class="node-badge" cx={(m.node_width - 14.0).to_string()} cy="11" r="4.5" />
            }
            <title>{ full.join("\n") }</title>
            { for expander }
        </g>
    }
}
