//! The tree's SVG pieces: an edge with the step's name, a node with what the step changed.
//! Plain markup with no handlers of their own (the canvas finds a node by `data-node-id`).

use thicket_check::TreeNode;
use yew::prelude::*;

use crate::format;
use crate::layout::{Band, Layout, Metrics, Placed};
use crate::node_text::NodeText;

/// What the round button at a node's right edge does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expander {
    /// Hide the node's children.
    Collapse,
    /// Show the children hidden by a collapse.
    Uncollapse,
    /// Ask the worker for the node's next steps.
    Expand,
}

impl Expander {
    pub fn action(self) -> &'static str {
        match self {
            Expander::Collapse => "collapse",
            Expander::Uncollapse => "uncollapse",
            Expander::Expand => "expand",
        }
    }

    pub fn from_action(action: &str) -> Option<Expander> {
        match action {
            "collapse" => Some(Expander::Collapse),
            "uncollapse" => Some(Expander::Uncollapse),
            "expand" => Some(Expander::Expand),
            _ => None,
        }
    }
}

pub fn edge(
    child: &TreeNode,
    by_id: &rustc_hash::FxHashMap<u32, &TreeNode>,
    placed: &Layout,
    label: &str,
    m: &Metrics,
    band: &Band,
) -> Option<Html> {
    let parent = by_id.get(&child.parent?)?;
    let (from, to) = (placed.position(parent.id)?, placed.position(child.id)?);
    let (x1, y1) = (from.x + from.width, from.y + m.node_height / 2.0);
    let (x2, y2) = (to.x, to.y + m.node_height / 2.0);
    if !band.meets(y1, y2) {
        return None;
    }
    let mid = (x1 + x2) / 2.0;
    let on_cx = child.on_counterexample && parent.on_counterexample;
    let class = classes!(
        "edge",
        on_cx.then_some("cx"),
        child.outside_property.then_some("outside")
    );
    let room = m.label_chars(placed.gap(child.depth));
    Some(html! {
        <g
            key={child.id}
            class={class}
            data-step={label.to_string()}
            data-to={child.id.to_string()}
        >
            <path d={format!("M{x1:.1} {y1:.1} C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}")} />
            <text class="edge-label" x={format!("{:.1}", x2 - 8.0)} y={format!("{:.1}", y2 - 6.0)}>
                { format::clip(label, room) }
            </text>
        </g>
    })
}

/// One state of the tree: what its step changed (a root: its values), what tells it apart
/// from a look-alike of its depth, its count of behaviors below, its expander.
pub fn node_box(
    n: &TreeNode,
    text: &NodeText,
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
    let below = (n.behaviors_below.value > 1.0)
        .then(|| format!("×{}", format::clip(&n.behaviors_below.text, 7)));
    let tag = if n.repeat {
        Some("seen".to_string())
    } else {
        below
    };
    let room = m.node_chars(at.width);
    let second_room = room.saturating_sub(tag.as_ref().map_or(0, |t| t.chars().count() + 2));
    // A long text without a context goes on over the second line.
    let (first, second) = match &text.context {
        Some(context) => (
            format::clip(&text.main, room),
            Some(format::clip(context, second_room)),
        ),
        None => wrap(&text.main, room, second_room),
    };
    html! {
        <g
            key={n.id}
            class={class}
            transform={format!("translate({:.1} {:.1})", at.x, at.y)}
            data-node-id={n.id.to_string()}
            data-depth={n.depth.to_string()}
            data-state={n.state_id.to_string()}
            data-path={n.path.iter().map(u32::to_string).collect::<Vec<_>>().join(".")}
            data-step={n.step.as_ref().map(|s| s.label.clone()).unwrap_or_default()}
            data-text={text.main.clone()}
            data-context={text.context.clone()}
            data-unchanged={text.unchanged.then_some("true")}
            tabindex="0"
            role="treeitem"
            aria-selected={is_selected.to_string()}
        >
            <rect width={format!("{:.1}", at.width)} />
            <text class={classes!("node-data", text.unchanged.then_some("same"))} x="10" y="17">{ first }</text>
            if let Some(second) = second {
                <text class={if text.context.is_some() { "node-pc" } else { "node-data more" }} x="10" y="32">{ second }</text>
            }
            if let Some(tag) = tag {
                <text class={if n.repeat { "node-tag" } else { "node-count" }} x={format!("{:.1}", at.width - 14.0)} y="32">{ tag }</text>
            }
            if n.leaves_here {
                <circle class="node-badge" cx={format!("{:.1}", at.width - 14.0)} cy="11" r="4.5" />
            }
            <title>{ node_title(n) }</title>
            { for expander.map(|x| expander_button(x, at.width, m)) }
        </g>
    }
}

/// `text` on two lines of `first` and `second` characters, broken where a reader would: between
/// two variables (two spaces part an initial state's, `, ` a step's changes) if it can be, else
/// between two words, so that no value or operator (`:>`) is split across the lines.
fn wrap(text: &str, first: usize, second: usize) -> (String, Option<String>) {
    if text.chars().count() <= first {
        return (text.to_string(), None);
    }
    let cut: String = text.chars().take(first).collect();
    let after = |gap: &str| {
        cut.rfind(gap)
            .map(|i| i + gap.len())
            .filter(|i| *i > first / 3)
    };
    let at = after("  ")
        .or_else(|| after(", "))
        .or_else(|| after(" "))
        .unwrap_or(cut.len());
    let (head, rest) = text.split_at(at);
    (
        head.trim_end().to_string(),
        Some(format::clip(rest.trim_start(), second)),
    )
}

/// The whole state, for the pointer's tooltip.
fn node_title(n: &TreeNode) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(step) = &n.step {
        lines.push(format!("After {}", format::step(step)));
    }
    lines.extend(n.state.iter().map(|v| format!("{} = {}", v.name, v.value)));
    if !n.behaviors_below.text.is_empty() {
        lines.push(format!(
            "{} behaviors continue from here (to the tree's depth)",
            n.behaviors_below.text
        ));
    }
    lines.join("\n")
}

fn expander_button(x: Expander, width: f64, m: &Metrics) -> Html {
    let (glyph, title) = match x {
        Expander::Collapse => ("−", "Hide the steps after this state"),
        Expander::Uncollapse => ("+", "Show the steps after this state again"),
        Expander::Expand => ("+", "Show the next steps from this state"),
    };
    html! {
        <g class={classes!("expander", x.action())} data-action={x.action()} aria-label={title} transform={format!("translate({:.1} {})", width, m.node_height / 2.0)}>
            <circle class="hit" />
            <circle />
            <text y="4">{ glyph }</text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn a_long_state_breaks_between_words_never_inside_an_operator() {
        // TeachingConcurrency/Simple's initial state, as the tree shows it.
        let text = "x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0 @@ 3 :> 0 @@ 4 :> 0)  y = (0 :> 0 @@ 1 :> 0)";
        let (first, second) = wrap(text, 47, 40);
        assert_eq!(first, "x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0 @@ 3 :> 0 @@ 4");
        assert_eq!(second.unwrap(), ":> 0)  y = (0 :> 0 @@ 1 :> 0)");
    }

    #[test]
    fn variables_are_kept_whole_when_they_can_be() {
        let (first, second) = wrap("x = 1  y = <<1, 2, 3>>  z = 5", 24, 40);
        assert_eq!(
            (first.as_str(), second.as_deref()),
            ("x = 1  y = <<1, 2, 3>>", Some("z = 5"))
        );
        let (first, second) = wrap("x' = 1, y' = 22, z' = 333", 20, 40);
        assert_eq!(
            (first.as_str(), second.as_deref()),
            ("x' = 1, y' = 22,", Some("z' = 333"))
        );
    }
}
