use thicket_check::{TreeNode, TreeReport};
use thicket_syntax::ast::Span;
use yew::prelude::*;

use crate::format;
use crate::squiggle::{geometry, Shape};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct SquiggleProps {
    pub tree: Shared<TreeReport>,
    /// The node the behavior ends at.
    pub selected: Option<u32>,
    pub on_select: Callback<Option<u32>>,
    #[prop_or_default]
    pub on_hover_step: Callback<Option<Span>>,
}

/// The widest a thumbnail's line is, in pixels.
const THUMBNAIL_WIDTH: f64 = 160.0;

/// The longest text under a dot or over a wave, in characters.
const LABEL_CHARS: usize = 15;

/// The selected behavior as a squiggle: a dot a state (its changes written under it), a wave a
/// step (its event or label over it), in the highlight colour where the behavior has left the
/// property. A dot selects its state; a wave shows its code in the editor.
#[function_component(Squiggle)]
pub fn squiggle(props: &SquiggleProps) -> Html {
    let scroller = use_node_ref();
    // The end of the behavior (the selected state) stays in view.
    {
        let scroller = scroller.clone();
        use_effect_with(props.selected, move |_| {
            crate::hooks::frame::after_layout(move || {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    el.set_scroll_left(el.scroll_width());
                }
            })
        });
    }
    let path: Vec<TreeNode> = props
        .selected
        .map(|id| crate::questions::path_to(&props.tree, id))
        .unwrap_or_default();
    let Some(current) = path.last().map(|n| n.id) else {
        return html! {
            <section class="card squiggle-card empty" aria-label="Selected behavior">
                <div class="card-head"><h2>{ "Behavior" }</h2></div>
                <p class="hint">{ "Select a state in the tree: the behavior that reaches it is drawn here, one wave a step." }</p>
            </section>
        };
    };
    let g = geometry(path.len(), Shape::FULL);
    let waves = path.windows(2).zip(&g.steps).enumerate().map(|(i, (pair, d))| {
        let (from, to) = (&pair[0], &pair[1]);
        let label = to.step.as_deref().map(format::step).unwrap_or_default();
        let span = to.step.as_ref().and_then(|s| s.span);
        let (enter, leave) = (props.on_hover_step.reform(move |_: MouseEvent| span), props.on_hover_step.reform(|_: MouseEvent| None));
        let x = (g.dots[i].0 + g.dots[i + 1].0) / 2.0;
        let class = classes!(
            "squiggle-step",
            (from.on_counterexample && to.on_counterexample).then_some("cx"),
            to.outside_property.then_some("outside"),
        );
        html! {
            <g {class} data-step={label.clone()} onmouseenter={enter} onmouseleave={leave}>
                <title>{ to.step.as_deref().map(format::step_detail).unwrap_or_default() }</title>
                <path class="squiggle-hit" d={d.clone()} />
                <path class="squiggle-line" d={d.clone()} />
                <text class="squiggle-label" x={format!("{x:.1}")} y="12" text-anchor="middle">{ clip(&label) }</text>
            </g>
        }
    });
    let dots = path.iter().zip(&g.dots).enumerate().map(|(i, (n, (x, y)))| {
        let caption = caption(i.checked_sub(1).map(|j| &path[j]), n);
        let id = n.id;
        let onclick = props.on_select.reform(move |_: MouseEvent| Some(id));
        let class = classes!(
            "squiggle-state",
            n.on_counterexample.then_some("cx"),
            n.outside_property.then_some("outside"),
            (n.id == current).then_some("current"),
        );
        html! {
            <g {class} data-node-id={n.id.to_string()} {onclick}>
                <title>{ format!("{}: {}", if i == 0 { "Initial state".to_string() } else { format!("State {}", i + 1) }, format::data_summary(&n.state)) }</title>
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="6.5" />
                <text class="squiggle-caption" x={format!("{x:.1}")} y={format!("{:.1}", y + 28.0)} text-anchor="middle">{ clip(&caption) }</text>
            </g>
        }
    });
    let outside = path.iter().position(|n| n.outside_property);
    html! {
        <section class="card squiggle-card" aria-label="Selected behavior">
            <div class="card-head">
                <h2>{ "Behavior" }</h2>
                <span class="card-note">
                    { format!("{} states", path.len()) }
                    if let Some(i) = outside { { format!(" · leaves the property at state {}", i + 1) } }
                    { " · point at a step to see its code" }
                </span>
            </div>
            <div class="squiggle-scroll" ref={scroller}>
            <svg
                class="squiggle"
                width={format!("{:.0}", g.width)}
                height={format!("{:.0}", g.height)}
                viewBox={format!("0 0 {:.0} {:.0}", g.width, g.height)}
                role="img"
                aria-label={format!("The behavior as a squiggle: {} states", path.len())}
            >
                { for waves }
                { for dots }
            </svg>
            </div>
        </section>
    }
}

/// What to write under a state: the variables its step changed, with their new values (where
/// control went, when only that changed); all of them under the initial state.
fn caption(before: Option<&TreeNode>, node: &TreeNode) -> String {
    let Some(before) = before else {
        return format::data_summary(&node.state);
    };
    let changed: Vec<String> = node
        .state
        .iter()
        .filter(|v| !format::is_control(v))
        .filter(|v| {
            before
                .state
                .iter()
                .any(|o| o.name == v.name && o.value != v.value)
        })
        .map(|v| format!("{} = {}", v.name, format::short_value(&v.value)))
        .collect();
    if !changed.is_empty() {
        return changed.join(", ");
    }
    format::control_summary(&node.state)
        .map(|pc| format!("at {pc}"))
        .unwrap_or_else(|| "no change".into())
}

/// `text` cut to fit under a dot.
fn clip(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// A behavior of `states` states as a small squiggle, beside an example behavior's text; its
/// colour comes from the region it is drawn in (the CSS of `.example.<region>`).
pub fn thumbnail(states: usize) -> Html {
    // A long behavior's waves come closer together, so that every thumbnail fits its line.
    let room = THUMBNAIL_WIDTH / states.saturating_sub(1).max(1) as f64;
    let g = geometry(
        states,
        Shape {
            spacing: Shape::SMALL.spacing.min(room),
            ..Shape::SMALL
        },
    );
    html! {
        <svg
            class="squiggle-thumb"
            width={format!("{:.0}", g.width)}
            height={format!("{:.0}", g.height)}
            viewBox={format!("0 0 {:.0} {:.0}", g.width, g.height)}
            aria-hidden="true"
        >
            { for g.steps.iter().map(|d| html! { <path d={d.clone()} /> }) }
            { for g.dots.iter().map(|(x, y)| html! { <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="2.4" /> }) }
        </svg>
    }
}
