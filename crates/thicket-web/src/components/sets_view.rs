//! The sets view: the Spec and a Property as two overlapping sets of behaviors, the number of
//! behaviors of each region up to a length, their examples, and a box to ask where a typed
//! behavior lies.

use thicket_check::Count;
use thicket_check::CountReport;
use thicket_check::MemberReport;
use thicket_check::{TraceStep, TreeReport};
use thicket_syntax::Diagnostic;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::format;
use crate::hooks::sets_questions::{use_count, use_membership, CountQuestion};
use crate::protocol::Request;
use crate::questions::{self, clamp_length, region_of, transcript, Region, MAX_LENGTH};
use crate::state::Shared;

pub const DEFAULT_LENGTH: u32 = 6;

type CountAnswer = Option<(u32, Shared<Result<CountReport, Vec<Diagnostic>>>)>;
type MemberAnswer = Option<(u32, Shared<Result<MemberReport, Vec<Diagnostic>>>)>;

#[derive(Properties, PartialEq)]
pub struct SetsViewProps {
    /// The text the results are about.
    pub source: crate::protocol::Document,
    /// The safety properties, whose regions can be counted.
    pub properties: Vec<String>,
    /// The property to start with (the one the tree highlights).
    pub initial: Option<String>,
    pub count: CountAnswer,
    pub member: MemberAnswer,
    pub tree: Option<Shared<TreeReport>>,
    pub on_ask: Callback<Request>,
    pub on_select: Callback<Option<u32>>,
    /// Bumped whenever the worker is ended: a count it was doing will not be answered.
    pub generation: u32,
    /// End the worker, and with it the count it is doing.
    pub on_cancel: Callback<()>,
}

/// The sets view's card: the choices and the count, the regions, and the membership box.
#[function_component(SetsView)]
pub fn sets_view(props: &SetsViewProps) -> Html {
    let chosen = use_state(|| None::<String>);
    let length = use_state(|| DEFAULT_LENGTH);
    let open = use_state(|| None::<Region>);
    let example = use_state(|| None::<(Region, usize)>);
    let property = chosen
        .as_ref()
        .filter(|p| props.properties.contains(p))
        .or(props
            .initial
            .as_ref()
            .filter(|p| props.properties.contains(p)))
        .or(props.properties.first())
        .cloned();
    let question = CountQuestion {
        source: props.source.clone(),
        property: property.clone(),
        length: *length,
    };
    let count = use_count(
        &props.on_ask,
        question,
        &props.count,
        props.generation,
        &example,
    );
    let member = use_membership(&props.on_ask, &props.source, &property, &props.member);

    if props.properties.is_empty() {
        return html! {
            <section class="card sets-view" aria-label="Spec vs Property">
                <div class="card-head"><h2>{ "Spec vs Property" }</h2></div>
                <p class="hint">{ "This spec names no safety property (an invariant or a [] formula), so there are no regions to count." }</p>
            </section>
        };
    }

    let on_property = {
        let (chosen, open) = (chosen.clone(), open.clone());
        Callback::from(move |property: String| {
            chosen.set(Some(property));
            open.set(None);
        })
    };
    let on_length = {
        let length = length.clone();
        Callback::from(move |k: u32| length.set(k))
    };
    let report = count.report.clone();
    let member_ok = member
        .answer
        .as_ref()
        .and_then(|m| m.as_ref().as_ref().ok().cloned());
    let dot = member_ok.as_ref().and_then(|m| region_of(m));
    let counts = report
        .as_ref()
        .and_then(|r| r.as_ref().as_ref().ok().cloned());

    let property_name = property.clone().unwrap_or_default();
    html! {
        <section class="card sets-view" aria-label="Spec vs Property" data-property={property_name.clone()}>
            <div class="card-head">
                <h2>{ "Spec vs Property" }</h2>
                <span class="card-note">{ "Both are sets of behaviors; the Spec satisfies the Property when Spec ⊆ Property." }</span>
            </div>
            <CountControls
                properties={props.properties.clone()}
                {property}
                length={*length}
                following={count.following}
                pending={count.following && report.is_none()}
                cancelled={count.cancelled}
                {on_property}
                {on_length}
                on_count={count.on_count.clone()}
                on_cancel={props.on_cancel.clone()}
            />
            { count_failure(report.as_deref()) }
            { regions(&property_name, counts, dot, &open, &example, props) }
            { membership(&member.typed, &member.ask, member.answer.as_deref(), &property_name) }
        </section>
    }
}

/// The diagram, with the region `open` opened and the typed behavior's `dot`, and beside it
/// the opened region's examples (the one shown in `example`), else the counts by length.
fn regions(
    property: &str,
    counts: Option<&CountReport>,
    dot: Option<Region>,
    open: &UseStateHandle<Option<Region>>,
    example: &UseStateHandle<Option<(Region, usize)>>,
    props: &SetsViewProps,
) -> Html {
    let on_region = {
        let (open, example) = (open.clone(), example.clone());
        Callback::from(move |region: Region| {
            open.set(if *open == Some(region) {
                None
            } else {
                Some(region)
            });
            example.set(None);
        })
    };
    html! {
        <div class="sets-body">
            <div class="sets-figure">
                { diagram(property, counts, **open, dot, &on_region) }
                if let Some(r) = &counts {
                    if !r.complete {
                        <p class="card-note">{ "The state graph was cut by a limit: the counts are lower bounds." }</p>
                    }
                    if let Some(error) = &r.error {
                        <p class="status failed">{ error }</p>
                    }
                }
            </div>
            <div class="sets-side">
                if let Some(region) = **open {
                    { examples_panel(region, counts, example, props.tree.as_ref(), &props.on_select) }
                } else if let Some(r) = &counts {
                    { by_length(r) }
                } else {
                    <p class="hint">{ "Count the behaviors to fill the regions; then click a region for examples." }</p>
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CountControlsProps {
    /// The safety properties, whose regions can be counted.
    properties: Vec<String>,
    /// The property counted against.
    property: Option<String>,
    /// Behaviors of at most this many states are counted.
    length: u32,
    /// Counting follows the choices (the button then counts again).
    following: bool,
    /// A count is on its way.
    pending: bool,
    /// The count asked last was cancelled.
    cancelled: bool,
    on_property: Callback<String>,
    on_length: Callback<u32>,
    on_count: Callback<()>,
    on_cancel: Callback<()>,
}

/// The sets view's choices (the property, the length) and its Count and Cancel buttons.
#[function_component(CountControls)]
fn count_controls(props: &CountControlsProps) -> Html {
    let on_property = props.on_property.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    // What is being typed, until the field is left: the page may draw again meanwhile (an
    // answer from the worker, the tree's drawing), and a draw must not put back the old length.
    let typed = use_state(|| None::<String>);
    let on_typing = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            typed.set(Some(input.value()));
        })
    };
    let on_length = {
        let (on_length, length, typed) = (props.on_length.clone(), props.length, typed.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let k = clamp_length(&input.value(), length);
            input.set_value(&k.to_string());
            typed.set(None);
            on_length.emit(k);
        })
    };
    let shown = (*typed).clone().unwrap_or_else(|| props.length.to_string());
    html! {
        <div class="sets-controls">
            <label class="field">
                { "Property" }
                <select id="sets-property" onchange={on_property}>
                    { for props.properties.iter().map(|p| html! {
                        <option value={p.clone()} selected={Some(p) == props.property.as_ref()}>{ p }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                { "Behaviors of at most" }
                <span class="length-input">
                    <input id="sets-length" type="number" min="1" max={MAX_LENGTH.to_string()} value={shown} oninput={on_typing} onchange={on_length} />
                    { "states" }
                </span>
            </label>
            <button id="count-behaviors" class="button" onclick={props.on_count.reform(|_: MouseEvent| ())}>
                { if props.following { "Count again" } else { "Count behaviors" } }
            </button>
            if props.pending {
                <span class="card-note" role="status">{ "Counting…" }</span>
                <button id="cancel-count" class="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            } else if props.cancelled {
                <span class="card-note" role="status" id="count-cancelled">{ "Counting cancelled." }</span>
            }
        </div>
    }
}

/// Why a count has no regions to show, if it failed: the spec's errors, or the checker's.
fn count_failure(report: Option<&Result<CountReport, Vec<Diagnostic>>>) -> Html {
    match report {
        Some(Err(diagnostics)) => html! {
            <p class="status failed">{ "The spec has errors, so it has no behaviors to count: " }
                <code>{ diagnostics.first().map(|d| d.message.clone()).unwrap_or_default() }</code></p>
        },
        Some(Ok(r)) if r.error.is_some() && r.spec_by_length.is_empty() => html! {
            <p class="status failed">{ r.error.clone().unwrap_or_default() }</p>
        },
        _ => html! {},
    }
}

/// Geometry of the diagram: two equal ellipses overlapping in a frame (all behaviors).
const W: f64 = 600.0;
const H: f64 = 300.0;
const CY: f64 = 164.0;
const RX: f64 = 175.0;
const RY: f64 = 110.0;
const CX1: f64 = 205.0;
const CX2: f64 = 395.0;

fn region_centre(region: Region) -> (f64, f64) {
    match region {
        Region::Outside => (122.0, CY),
        Region::Inside => (300.0, CY),
        Region::PropertyOnly => (478.0, CY),
        Region::Neither => (548.0, 270.0),
    }
}

fn diagram(
    property: &str,
    counts: Option<&CountReport>,
    open: Option<Region>,
    dot: Option<Region>,
    on_region: &Callback<Region>,
) -> Html {
    let mid = (CX1 + CX2) / 2.0;
    let h = RY * (1.0 - ((CX2 - CX1) / 2.0 / RX).powi(2)).sqrt();
    let (top, bottom) = (CY - h, CY + h);
    let arc = |large: u8, sweep: u8, y: f64| format!("A{RX} {RY} 0 {large} {sweep} {mid} {y}");
    let lens = format!("M{mid} {top} {} {} Z", arc(0, 1, bottom), arc(0, 1, top));
    let left = format!("M{mid} {top} {} {} Z", arc(1, 0, bottom), arc(0, 1, top));
    let right = format!("M{mid} {top} {} {} Z", arc(1, 1, bottom), arc(0, 0, top));
    let text = |c: Option<&Count>| c.map(|c| c.text.clone()).unwrap_or_else(|| "?".into());
    let outside_count = counts.map(|r| &r.outside_total);
    let none_outside = outside_count.is_some_and(|c| c.value == 0.0);
    let region = |r: Region, d: String, label: String| {
        let onclick = {
            let on_region = on_region.clone();
            Callback::from(move |_: MouseEvent| on_region.emit(r))
        };
        let onkeydown = {
            let on_region = on_region.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_region.emit(r);
                }
            })
        };
        html! {
            <path
                class={classes!("region", r.name(), (open == Some(r)).then_some("open"), (r == Region::Outside && none_outside).then_some("empty"))}
                data-region={r.name()}
                {d}
                tabindex="0"
                role="button"
                aria-label={label}
                {onclick}
                {onkeydown}
            />
        }
    };
    let label = |x: f64, lines: Vec<(&'static str, String)>| {
        let start = CY - (lines.len() as f64 - 1.0) * 9.0;
        html! {
            <text class="region-text" x={x.to_string()} y={start.to_string()} text-anchor="middle">
                { for lines.into_iter().enumerate().map(|(i, (class, line))| html! {
                    <tspan class={class} x={x.to_string()} dy={if i == 0 { "0".to_string() } else if class == "region-count" { "24".to_string() } else { "17".to_string() }}>{ line }</tspan>
                }) }
            </text>
        }
    };
    let (cx_out, _) = region_centre(Region::Outside);
    let (cx_in, _) = region_centre(Region::Inside);
    let (cx_only, _) = region_centre(Region::PropertyOnly);
    html! {
        <svg class="sets-diagram" viewBox={format!("0 0 {W} {H}")} role="group" aria-label={format!("Spec and {property} as sets of behaviors")}>
            <rect
                class={classes!("region", "neither", (open == Some(Region::Neither)).then_some("open"))}
                data-region="neither"
                x="6" y="6" width={(W - 12.0).to_string()} height={(H - 12.0).to_string()} rx="14"
                onclick={ let on_region = on_region.clone(); Callback::from(move |_: MouseEvent| on_region.emit(Region::Neither)) }
            />
            <text class="universe-label" x="22" y={(H - 18.0).to_string()}>{ "All behaviors" }</text>
            { region(Region::Outside, left, format!("Spec \\ {property}: the counterexamples")) }
            { region(Region::Inside, lens, format!("Spec ∩ {property}")) }
            { region(Region::PropertyOnly, right, format!("{property} \\ Spec: behaviors the Spec never generates")) }
            <ellipse class="set-outline spec" cx={CX1.to_string()} cy={CY.to_string()} rx={RX.to_string()} ry={RY.to_string()} />
            <ellipse class="set-outline property" cx={CX2.to_string()} cy={CY.to_string()} rx={RX.to_string()} ry={RY.to_string()} />
            <text class="set-name spec" x={(CX1 - RX + 34.0).to_string()} y={(CY - RY - 2.0).to_string()}>{ "Spec" }</text>
            <text class="set-name property" x={(CX2 + RX - 34.0).to_string()} y={(CY - RY - 2.0).to_string()} text-anchor="end">{ format::clip(property, 28) }</text>
            <g class="region-labels" aria-hidden="true">
                <g class="region-label outside" data-region="outside">
                    { label(cx_out, vec![
                        ("region-title", "Spec \\ Property".into()),
                        ("region-count", text(outside_count)),
                        ("region-caption", "counterexamples".into()),
                    ]) }
                </g>
                <g class="region-label inside" data-region="inside">
                    { label(cx_in, vec![
                        ("region-title", "Spec ∩ Property".into()),
                        ("region-count", text(counts.map(|r| &r.inside_total))),
                        ("region-caption", "satisfy the property".into()),
                    ]) }
                </g>
                <g class="region-label property-only" data-region="property-only">
                    { label(cx_only, vec![
                        ("region-title", "Property \\ Spec".into()),
                        ("region-caption", "behaviors the Spec".into()),
                        ("region-caption", "never generates".into()),
                    ]) }
                </g>
            </g>
            if let Some(region) = dot {
                <g class="member-dot" data-region={region.name()} transform={ let (x, y) = region_centre(region); format!("translate({x} {})", if region == Region::Neither { y } else { y + 62.0 }) }>
                    <circle class="member-halo" r="12" />
                    <circle r="6" />
                    <text x="0" y="-17" text-anchor="middle">{ "your behavior" }</text>
                </g>
            }
        </svg>
    }
}

/// The counts by length, as a small table.
fn by_length(r: &CountReport) -> Html {
    html! {
        <div class="sets-table-wrap">
            <table class="sets-table" aria-label="Behaviors by length">
                <thead>
                    <tr>
                        <th scope="col">{ "States" }</th>
                        <th scope="col">{ "Spec" }</th>
                        <th scope="col">{ "Spec ∩ P" }</th>
                        <th scope="col" class="outside">{ "Spec \\ P" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for (0..r.spec_by_length.len()).map(|i| {
                        let cell = |v: &[Count]| v.get(i).map(|c| c.text.clone()).unwrap_or_default();
                        let outside = r.outside_by_length.get(i).is_some_and(|c| c.value > 0.0);
                        html! {
                            <tr data-length={(i + 1).to_string()}>
                                <th scope="row">{ i + 1 }</th>
                                <td data-column="spec">{ cell(&r.spec_by_length) }</td>
                                <td data-column="inside">{ cell(&r.inside_by_length) }</td>
                                <td data-column="outside" class={classes!(outside.then_some("outside"))}>{ cell(&r.outside_by_length) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot>
                    <tr data-length="all">
                        <th scope="row">{ format!("≤ {}", r.length) }</th>
                        <td data-column="spec">{ &r.spec_total.text }</td>
                        <td data-column="inside">{ &r.inside_total.text }</td>
                        <td data-column="outside" class={classes!((r.outside_total.value > 0.0).then_some("outside"))}>{ &r.outside_total.text }</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// The examples of an opened region; clicking one selects it in the tree when the tree shows it,
/// and shows its states here.
fn examples_panel(
    region: Region,
    counts: Option<&CountReport>,
    chosen: &UseStateHandle<Option<(Region, usize)>>,
    tree: Option<&Shared<TreeReport>>,
    on_select: &Callback<Option<u32>>,
) -> Html {
    let (title, examples): (&str, &[Vec<TraceStep>]) = match (region, counts) {
        (Region::Inside, Some(r)) => ("Examples in Spec ∩ Property", &r.inside_examples),
        (Region::Outside, Some(r)) => ("Counterexamples (Spec \\ Property)", &r.outside_examples),
        (Region::Inside | Region::Outside, None) => ("Examples", &[]),
        (Region::PropertyOnly, _) => {
            return html! {
                <div class="region-examples" data-region={region.name()}>
                    <h3>{ "Property \\ Spec" }</h3>
                    <p class="hint">{ "Behaviors the property allows but the Spec never generates. They have no count: there are infinitely many. Type one in the box below to see it land here." }</p>
                </div>
            };
        }
        (Region::Neither, _) => {
            return html! {
                <div class="region-examples" data-region={region.name()}>
                    <h3>{ "Neither" }</h3>
                    <p class="hint">{ "Behaviors in neither set: the Spec never generates them and they break the property." }</p>
                </div>
            };
        }
    };
    let selected = chosen.filter(|(r, _)| *r == region).map(|(_, i)| i);
    html! {
        <div class="region-examples" data-region={region.name()}>
            <h3>{ title }</h3>
            if examples.is_empty() {
                <p class="hint">{ if counts.is_some() { "None of at most this many states." } else { "Count the behaviors first." } }</p>
            }
            <ol class="example-list">
                { for examples.iter().enumerate().map(|(i, steps)| {
                    let found = tree.and_then(|t| questions::node_of_behavior(t, steps));
                    let onclick = {
                        let (chosen, on_select) = (chosen.clone(), on_select.clone());
                        Callback::from(move |_: MouseEvent| {
                            chosen.set(Some((region, i)));
                            if found.is_some() {
                                on_select.emit(found);
                            }
                        })
                    };
                    html! {
                        <li>
                            <button class={classes!("example", region.name(), (selected == Some(i)).then_some("current"))} {onclick} title={if found.is_some() { "Select it in the behavior tree" } else { "Show its states" }}>
                                { crate::components::squiggle::thumbnail(steps.len()) }
                                <code>{ transcript(steps) }</code>
                                <span class="example-length">{ format!("{} states", steps.len()) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if let Some(steps) = selected.and_then(|i| examples.get(i)) {
                <ol class="example-states" aria-label="The example's states">
                    { for steps.iter().map(|s| html! {
                        <li>
                            <span class="timeline-step">{ s.step.as_ref().map(format::step).unwrap_or_else(|| "Init".into()) }</span>
                            <code>{ format::data_summary(&s.state) }</code>
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}

/// The membership box: type a behavior, see where it lies and why.
fn membership(
    typed: &UseStateHandle<String>,
    ask: &Callback<()>,
    answer: Option<&Result<MemberReport, Vec<Diagnostic>>>,
    property: &str,
) -> Html {
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            typed.set(area.value());
        })
    };
    let onclick = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| ask.emit(()))
    };
    let onkeydown = {
        let ask = ask.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key() == "Enter" {
                // The page's Ctrl-Enter checks; here it asks.
                e.prevent_default();
                e.stop_propagation();
                ask.emit(());
            }
        })
    };
    html! {
        <div class="membership">
            <h3>{ "Is this behavior in the Spec? In the Property?" }</h3>
            <div class="membership-row">
                <textarea
                    id="member-behavior"
                    rows="3"
                    spellcheck="false"
                    placeholder="Type a behavior: c.inc(); c.get() -> 4, or states, one per line: n = 0, ret = -1"
                    value={(**typed).clone()}
                    {oninput}
                    {onkeydown}
                />
                <button id="member-ask" class="button primary" {onclick} disabled={typed.trim().is_empty()}>{ "Where is it?" }</button>
            </div>
            { match answer {
                None => html! {},
                Some(Err(diagnostics)) => html! {
                    <p class="status failed">{ "The spec has errors: " }<code>{ diagnostics.first().map(|d| d.message.clone()).unwrap_or_default() }</code></p>
                },
                Some(Ok(r)) if r.error.is_some() => html! {
                    <p class="status failed member-error">{ r.error.as_ref().map(ToString::to_string).unwrap_or_default() }</p>
                },
                Some(Ok(r)) => member_answer(r, property),
            } }
        </div>
    }
}

fn member_answer(r: &MemberReport, property: &str) -> Html {
    let region = region_of(r);
    let departs = r.departs_at.and_then(|i| r.items.get(i));
    let in_spec = if r.in_spec {
        html! { <><strong class="yes">{ "yes" }</strong>{ " — the Spec can do exactly this." }</> }
    } else {
        html! {
            <>
                <strong class="no">{ "no" }</strong>
                if let Some(item) = departs { { " — it departs at " }<code>{ item }</code> }
                if let Some(why) = &r.why { { ": " }{ for format::code_spans(why).into_iter().map(|(code, t)| if code { html! { <code>{ t }</code> } } else { html! { { t } } }) } }
            </>
        }
    };
    let name = r.property.clone().unwrap_or_else(|| property.to_string());
    let in_property = match r.in_property {
        Some(true) => html! { <strong class="yes">{ "yes" }</strong> },
        Some(false) => html! { <strong class="no">{ "no" }</strong> },
        None => html! { <strong class="undecided">{ "undecided" }</strong> },
    };
    let place = match region {
        Some(Region::Inside) => {
            "Spec ∩ Property: a behavior of the Spec that satisfies the property."
        }
        Some(Region::Outside) => "Spec \\ Property: a counterexample.",
        Some(Region::PropertyOnly) => {
            "Property \\ Spec: allowed by the property, never generated by the Spec."
        }
        Some(Region::Neither) => "Neither: not generated by the Spec, and it breaks the property.",
        None => "Its region depends on what a finite behavior cannot tell.",
    };
    html! {
        <div class="member-answer" data-in-spec={r.in_spec.to_string()} data-region={region.map(|r| r.name()).unwrap_or("undecided")}>
            <p class="member-items">
                { format!("Read as {}: ", if r.form == "states" { "states" } else { "events" }) }
                { for r.items.iter().enumerate().map(|(i, item)| html! {
                    <code class={classes!((r.departs_at == Some(i)).then_some("departs"))}>{ item }</code>
                }) }
            </p>
            <p class="member-line" data-question="spec">{ "In the Spec: " }{ in_spec }</p>
            <p class="member-line" data-question="property">
                { format!("In {name}: ") }{ in_property }
                if let Some(note) = &r.property_note { <span class="member-note">{ format!(" — {note}") }</span> }
            </p>
            <p class="member-place">{ place }</p>
        </div>
    }
}
