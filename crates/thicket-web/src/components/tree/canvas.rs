//! The tree's drawing: laid out by columns as wide as their texts, scrolled, zoomed and
//! panned, walked with the keyboard; a big tree draws only the band of rows near the view.

use std::collections::HashSet;

use thicket_check::{TreeNode, TreeReport};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::draw::{edge, node_box, Expander};
use super::drawing::Drawing;
use crate::expansion::expandable;
use crate::hooks::frame::after_layout;
use crate::hooks::pan_zoom::{use_drag, use_zoom, Zoom, MIN_ZOOM};
use crate::layout::{Band, Layout, Metrics, Placed};
use crate::node_text::NodeText;
use crate::state::Shared;

/// Above this many nodes shown, only the nodes near the visible part of the tree are drawn.
const CULL_ABOVE: usize = 200;
/// The least zoom a new tree opens at to show its root and highlighted path together.
const MIN_OPENING_ZOOM: f64 = 0.8;

#[derive(Properties, PartialEq)]
pub struct TreeCanvasProps {
    /// The tree as shown, its texts and its layout.
    pub drawing: Drawing,
    pub selected: Option<u32>,
    pub collapsed: Shared<HashSet<u32>>,
    pub dead_ends: Shared<HashSet<u32>>,
    pub on_select: Callback<Option<u32>>,
    pub on_expander: Callback<(u32, Expander)>,
    /// What the bar above the drawing says, beside the zoom.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(TreeCanvas)]
pub fn tree_canvas(props: &TreeCanvasProps) -> Html {
    let metrics = Metrics::default();
    let drawing = &props.drawing;
    let placed = drawing.layout.clone();
    let scroller = use_node_ref();
    let zoom = use_zoom(scroller.clone());
    let drag = use_drag(scroller.clone(), |el| node_id_of(el).is_some());
    let culling = drawing.tree.nodes.len() > CULL_ABOVE;
    let (band, on_scroll) = use_band(&scroller, &placed, zoom.level, culling);
    use_opening_view(&scroller, drawing, &zoom);
    {
        let (scroller, placed, level) = (scroller.clone(), placed.clone(), zoom.level);
        use_effect_with(props.selected, move |&selected| {
            after_layout(move || {
                if let (Some(el), Some(at)) = (
                    scroller.cast::<web_sys::Element>(),
                    selected.and_then(|id| placed.position(id)),
                ) {
                    reveal(&el, at, level, &metrics);
                }
            })
        });
    }

    let expander_of = {
        let (collapsed, dead_ends) = (props.collapsed.clone(), props.dead_ends.clone());
        move |n: &TreeNode| expander(n, &collapsed, &dead_ends)
    };
    let on_click = clicks(props);
    let on_keydown = keys(props, expander_of.clone());

    let tree: &TreeReport = &drawing.tree;
    // A big tree draws nothing until its view is placed: then only the band around the view.
    let visible = match (culling, band) {
        (false, _) => Band::ALL,
        (true, Band::ALL) => Band::NONE,
        (true, band) => band,
    };
    let edges = {
        let placed = placed.clone();
        use_memo(
            (drawing.tree.clone(), drawing.labels.clone(), visible),
            move |(tree, labels, band)| {
                if *band == Band::NONE {
                    return Html::default();
                }
                let by_id: rustc_hash::FxHashMap<u32, &TreeNode> =
                    tree.nodes.iter().map(|n| (n.id, n)).collect();
                tree.nodes
                    .iter()
                    .filter_map(|n| {
                        let label = labels.get(&n.id).map_or("", |l| &*l.text);
                        edge(n, &by_id, &placed, label, &metrics, band)
                    })
                    .collect::<Html>()
            },
        )
    };
    let nodes = {
        let placed = placed.clone();
        use_memo(
            (
                drawing.tree.clone(),
                drawing.texts.clone(),
                visible,
                props.selected,
                props.dead_ends.clone(),
                props.collapsed.clone(),
            ),
            move |(tree, texts, band, selected, _, _)| {
                if *band == Band::NONE {
                    return Html::default();
                }
                let none = NodeText::default();
                tree.nodes
                    .iter()
                    .filter_map(|n| {
                        let at = placed.position(n.id)?;
                        band.meets(at.y, at.y + metrics.node_height).then(|| {
                            let text = texts.get(&n.id).unwrap_or(&none);
                            node_box(
                                n,
                                text,
                                at,
                                *selected == Some(n.id),
                                expander_of(n),
                                &metrics,
                            )
                        })
                    })
                    .collect::<Html>()
            },
        )
    };
    let on_counterexample = tree.nodes.iter().filter(|n| n.on_counterexample).count();
    let level = zoom.level;
    html! {
        <div class="tree-viewport">
            <div
                class="tree-scroll"
                ref={scroller.clone()}
                tabindex="0"
                onkeydown={on_keydown}
                onscroll={on_scroll}
                onpointerdown={drag.down}
                onpointermove={drag.move_}
                onpointerup={drag.up.clone()}
                onpointercancel={drag.up}
                aria-label="Behavior tree: drag to pan, Ctrl and the wheel to zoom; arrow keys move between states, + and − expand and collapse"
            >
                <svg
                    class="tree"
                    width={format!("{:.0}", placed.width * level)}
                    height={format!("{:.0}", placed.height * level)}
                    viewBox={format!("0 0 {} {}", placed.width, placed.height)}
                    role="tree"
                    data-nodes={tree.nodes.len().to_string()}
                    data-counterexample-nodes={on_counterexample.to_string()}
                    data-culled={culling.then_some("true")}
                    data-property={tree.property.clone()}
                    onclick={on_click}
                >
                    <g class="edges">{ (*edges).clone() }</g>
                    <g class="nodes">{ (*nodes).clone() }</g>
                </svg>
            </div>
            <div class="tree-bar">
                { props.children.clone() }
                <ZoomButtons zoom={ZoomHandle(zoom.clone())} width={placed.width} {scroller} />
            </div>
        </div>
    }
}

/// What a node's expander does, if it has one.
fn expander(n: &TreeNode, collapsed: &HashSet<u32>, dead_ends: &HashSet<u32>) -> Option<Expander> {
    if collapsed.contains(&n.id) {
        Some(Expander::Uncollapse)
    } else if !n.children.is_empty() {
        Some(Expander::Collapse)
    } else if expandable(n, dead_ends) {
        Some(Expander::Expand)
    } else {
        None
    }
}

/// One handler for every node: the node is the nearest element with a `data-node-id`; a click
/// on its expander expands or collapses it, anywhere else selects it (or unselects it).
fn clicks(props: &TreeCanvasProps) -> Callback<MouseEvent> {
    let (selected, on_select, on_expander) = (
        props.selected,
        props.on_select.clone(),
        props.on_expander.clone(),
    );
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
        let action = target
            .closest(".expander")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("data-action"));
        match action.as_deref().and_then(Expander::from_action) {
            Some(x) => on_expander.emit((id, x)),
            None => on_select.emit(if selected == Some(id) { None } else { Some(id) }),
        }
    })
}

/// Arrow keys walk the tree: right to the first child, left to the parent, up and down
/// between siblings. Enter or space selects the focused node; + and − expand and collapse the
/// selected one.
fn keys(
    props: &TreeCanvasProps,
    expander_of: impl Fn(&TreeNode) -> Option<Expander> + 'static,
) -> Callback<KeyboardEvent> {
    let (tree, selected) = (props.drawing.tree.clone(), props.selected);
    let (on_select, on_expander) = (props.on_select.clone(), props.on_expander.clone());
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
        if key == "+" || key == "-" || key == "=" {
            let node = selected.and_then(|id| tree.nodes.iter().find(|n| n.id == id));
            let action = node.and_then(|n| Some((n.id, expander_of(n)?)));
            let fits = |x: Expander| (x == Expander::Collapse) == (key == "-");
            if let Some((id, x)) = action.filter(|(_, x)| fits(*x)) {
                e.prevent_default();
                on_expander.emit((id, x));
            }
            return;
        }
        let next = match selected {
            None => tree.roots.first().copied(),
            Some(id) => neighbour(&tree, id, &key),
        };
        if let Some(next) = next {
            e.prevent_default();
            on_select.emit(Some(next));
        }
    })
}

/// The band of rows to draw, from where the tree is scrolled to (redrawn only when the view
/// comes near the band's edge), and the scroll handler that follows it.
#[hook]
fn use_band(
    scroller: &NodeRef,
    placed: &Shared<Layout>,
    zoom: f64,
    culling: bool,
) -> (Band, Callback<Event>) {
    let band = use_state(|| Band::ALL);
    let update = {
        let (scroller, band, height) = (scroller.clone(), band.clone(), placed.height);
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
    {
        let update = update.clone();
        use_effect_with((placed.clone(), zoom, culling), move |_| update(true));
    }
    (*band, Callback::from(move |_: Event| update(false)))
}

/// A new tree opens on its root and its highlighted path (the shortest counterexample): zoomed
/// out just enough to show both (not below [`MIN_OPENING_ZOOM`], not above 100 %), the root at
/// the left, the path in the middle of the view's height.
#[hook]
fn use_opening_view(scroller: &NodeRef, drawing: &Drawing, zoom: &Zoom) {
    let (scroller, placed) = (scroller.clone(), drawing.layout.clone());
    let (tree, zoom) = (drawing.tree.clone(), zoom.clone());
    use_effect_with(drawing.epoch, move |_| {
        // In the next frame, where the tree is laid out anyway: reading the view's size now
        // would lay it out within the task that drew it.
        after_layout(move || open_on_path(&scroller, &placed, &tree, &zoom));
    });
}

fn open_on_path(scroller: &NodeRef, placed: &Layout, tree: &TreeReport, zoom: &Zoom) {
    let Some(el) = scroller.cast::<web_sys::Element>() else {
        return;
    };
    let m = Metrics::default();
    let path: Vec<&Placed> = tree
        .nodes
        .iter()
        .filter(|n| n.on_counterexample)
        .filter_map(|n| placed.position(n.id))
        .collect();
    let first_root = tree.roots.first().and_then(|r| placed.position(*r));
    let Some(root) = path.first().copied().or(first_root) else {
        return;
    };
    let right = path
        .iter()
        .map(|p| p.x + p.width)
        .fold(root.x + root.width, f64::max);
    let (top, bottom) = path
        .iter()
        .fold((root.y, root.y + m.node_height), |(t, b), p| {
            (t.min(p.y), b.max(p.y + m.node_height))
        });
    let (view_w, view_h) = (f64::from(el.client_width()), f64::from(el.client_height()));
    let span = right - root.x + 2.0 * m.margin + 16.0;
    // In steps of 5 %, so that the level shown is the level drawn.
    let level = ((view_w / span * 20.0).floor() / 20.0).clamp(MIN_OPENING_ZOOM.max(MIN_ZOOM), 1.0);
    // The whole path in the middle if it fits in the view's height, else its root.
    let centre = if (bottom - top) * level <= view_h {
        (top + bottom) / 2.0
    } else {
        root.y + m.node_height / 2.0
    };
    zoom.to(level, (root.x - m.margin, centre), (0.0, view_h / 2.0));
}

#[derive(Clone)]
pub struct ZoomHandle(pub Zoom);

impl PartialEq for ZoomHandle {
    fn eq(&self, other: &Self) -> bool {
        self.0.level == other.0.level
    }
}

#[derive(Properties, PartialEq)]
struct ZoomButtonsProps {
    zoom: ZoomHandle,
    /// The drawing's width at 100 %.
    width: f64,
    scroller: NodeRef,
}

/// The zoom buttons over the drawing's corner; Fit shows the whole width.
#[function_component(ZoomButtons)]
fn zoom_buttons(props: &ZoomButtonsProps) -> Html {
    let zoom = &props.zoom.0;
    let by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.by(factor))
    };
    let fit = {
        let (zoom, scroller, width) = (zoom.clone(), props.scroller.clone(), props.width);
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                zoom.to(
                    (f64::from(el.client_width()) / width).clamp(MIN_ZOOM, 1.0),
                    (0.0, 0.0),
                    (0.0, 0.0),
                );
            }
        })
    };
    html! {
        <div class="zoom" role="group" aria-label="Zoom">
            <button class="icon-button" id="zoom-out" title="Zoom out" onclick={by(1.0 / 1.25)}>{ "−" }</button>
            <span class="zoom-level">{ format!("{:.0}%", zoom.level * 100.0) }</span>
            <button class="icon-button" id="zoom-in" title="Zoom in" onclick={by(1.25)}>{ "+" }</button>
            <button class="icon-button text" id="zoom-fit" title="Fit the width" onclick={fit}>{ "Fit" }</button>
        </div>
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
    let (left, right) = (at.x * zoom - pad, (at.x + at.width + 24.0) * zoom);
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
