use thicket_check::{CheckReport, Outcome, Progress, PropertyKind, TraceStep, Verdict};
use yew::prelude::*;

use crate::format;
use crate::state::{headline, Phase, Shared};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub phase: Phase,
    pub progress: Option<Progress>,
    pub report: Option<Shared<CheckReport>>,
    /// The text has been edited since this check.
    #[prop_or_default]
    pub stale: bool,
    /// Which check this is (the page's count of checks started).
    #[prop_or_default]
    pub run: u32,
}

/// What the last run found: the verdict of each property, the counts, the counterexample.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let status = match &props.phase {
        Phase::Idle => html! {
            <p class="status idle">{ "Press " }<strong>{ "Check" }</strong>{ " to explore every behavior of the spec." }</p>
        },
        Phase::Checking => running("Checking", props.progress.as_ref()),
        Phase::Unfolding => running("Unfolding the behavior tree", props.progress.as_ref()),
        Phase::Cancelled => {
            html! { <p class="status cancelled">{ "Cancelled. The results below are partial or missing." }</p> }
        }
        Phase::Failed(message) => html! {
            <p class="status failed" role="alert">{ "The checker stopped: " }<code>{ message }</code></p>
        },
        Phase::Done => match &props.report {
            Some(report) => html! {
                <p class={classes!("status", verdict_class(report))} role={(report.result != Outcome::Ok).then_some("alert")}>
                    { headline(report) }
                </p>
            },
            None => html! {},
        },
    };
    html! {
        <section class={classes!("card", "summary", props.stale.then_some("stale"))} aria-label="Check results"
            data-phase={phase_name(&props.phase)} data-stale={props.stale.then_some("true")} data-run={props.run.to_string()}>
            <h2>{ "Check" }</h2>
            if props.stale {
                <p class="stale-note" role="status">
                    { "The text has changed since this check: the verdict, the counterexample and the tree are about the text as it was. Check again to bring them up to date." }
                </p>
            }
            { status }
            if let Some(report) = &props.report {
                { warnings(report) }
                { properties(report) }
                { stats(report) }
                if let Some(message) = &report.message {
                    <p class={classes!("report-message", (report.result == Outcome::Error).then_some("error"))}>{ message }</p>
                }
                if !report.trace.is_empty() {
                    { trace(report) }
                }
            }
        </section>
    }
}

/// The colour of a verdict: green only when something was named, checked, and holds.
fn verdict_class(report: &CheckReport) -> &'static str {
    let named = report
        .properties
        .iter()
        .any(|p| p.kind != PropertyKind::Deadlock);
    match report.result {
        Outcome::Ok if named => "ok",
        Outcome::Ok => "partial",
        Outcome::Error => "error",
        Outcome::LimitReached | Outcome::Cancelled => "partial",
        _ => "bad",
    }
}

/// What the verdict must be read with (a model that names nothing, text that was ignored).
fn warnings(report: &CheckReport) -> Html {
    if report.warnings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="report-warnings">
            { for report.warnings.iter().map(|w| html! {
                <li class="report-warning">
                    <span class="warning-badge">{ "warning" }</span>
                    { &w.message }
                    { for w.hints.iter().map(|h| html! { <span class="warning-hint">{ h }</span> }) }
                </li>
            }) }
        </ul>
    }
}

fn phase_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::Idle => "idle",
        Phase::Checking => "checking",
        Phase::Unfolding => "unfolding",
        Phase::Done => "done",
        Phase::Cancelled => "cancelled",
        Phase::Failed(_) => "failed",
    }
}

fn running(what: &str, progress: Option<&Progress>) -> Html {
    let detail = progress.map(|p| {
        format!(
            "{} distinct states · depth {} · {} · {} states/s",
            format::count(p.distinct_states),
            p.depth,
            format::duration(p.elapsed_ms),
            format::rate(p.distinct_states, p.elapsed_ms)
        )
    });
    html! {
        <div class="status running" role="status">
            <div class="progress" aria-hidden="true"><div class="progress-bar" /></div>
            <p>{ what }{ "…" } if let Some(d) = detail { <span class="progress-detail">{ d }</span> }</p>
        </div>
    }
}

fn properties(report: &CheckReport) -> Html {
    html! {
        <ul class="properties">
            { for report.properties.iter().map(|p| {
                let (verdict, text) = match p.verdict {
                    Verdict::Holds => ("holds", "holds"),
                    Verdict::Violated => ("violated", "violated"),
                    Verdict::NotChecked => ("not-checked", "not checked"),
                };
                let kind = match p.kind {
                    PropertyKind::Invariant => "invariant",
                    PropertyKind::Temporal => "temporal property",
                    PropertyKind::Deadlock => "deadlock freedom",
                    PropertyKind::Postcondition => "postcondition",
                };
                html! {
                    <li class={classes!("property", verdict)} data-property={p.name.clone()} data-verdict={verdict}>
                        <span class="verdict-badge">{ text }</span>
                        <span class="property-name">{ &p.name }</span>
                        <span class="property-kind">{ kind }</span>
                    </li>
                }
            }) }
        </ul>
    }
}

fn stats(report: &CheckReport) -> Html {
    let items = [
        ("Distinct states", format::count(report.distinct_states)),
        ("States generated", format::count(report.states_generated)),
        ("Depth", report.depth.to_string()),
        ("Time", format::duration(report.elapsed_ms)),
        (
            "States / s",
            format::rate(report.distinct_states, report.elapsed_ms),
        ),
    ];
    html! {
        <dl class="stats">
            { for items.into_iter().map(|(k, v)| html! {
                <div class="stat"><dt>{ k }</dt><dd>{ v }</dd></div>
            }) }
        </dl>
    }
}

/// The title of the behavior a run ends with: what it leads to.
fn trace_title(report: &CheckReport) -> &'static str {
    match report.result {
        Outcome::Error => "Path to the error",
        Outcome::AssertionFailed => "Path to the failed assertion",
        Outcome::Deadlock => "Path to the deadlock",
        _ if report.loop_start.is_some() => "Shortest counterexample (a lasso)",
        _ => "Shortest counterexample",
    }
}

fn trace(report: &CheckReport) -> Html {
    let steps: &[TraceStep] = &report.trace;
    let failing = matches!(report.result, Outcome::Error | Outcome::AssertionFailed);
    html! {
        <div class={classes!("trace", failing.then_some("failing"))} data-outcome={format!("{:?}", report.result)}>
            <h3>{ trace_title(report) } if let Some(p) = &report.property { <span class="trace-property">{ p }</span> }</h3>
            <ol class="trace-steps">
                { for steps.iter().enumerate().map(|(i, t)| {
                    let step = t.step.as_ref().map(format::step).unwrap_or_else(|| "Initial state".into());
                    let last = i + 1 == steps.len();
                    let loop_start = report.loop_start == Some(i);
                    html! {
                        <li class={classes!("trace-step", last.then_some("violating"), loop_start.then_some("loop-start"))}>
                            <span class="trace-label">{ step }</span>
                            <span class="trace-state" title={full_state(t)}>{ what_changed(i, t) }</span>
                            if loop_start {
                                <span class="loop-badge">{ "↻ the loop starts here" }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
            if let Some(start) = report.loop_start {
                <p class="trace-loop" data-loop-start={(start + 1).to_string()}>{ loop_text(start, steps.len()) }</p>
            }
        </div>
    }
}

/// What a step of a trace changed in the data (an initial state: its data), as the tree's
/// nodes say it.
fn what_changed(i: usize, t: &TraceStep) -> String {
    if i == 0 {
        format::data_values(&t.state)
    } else {
        format::data_changes(&t.state, &t.changes)
    }
}

fn full_state(t: &TraceStep) -> String {
    t.state
        .iter()
        .map(|v| format!("{} = {}", v.name, v.value))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a lasso goes on forever after its last state.
pub fn loop_text(start: usize, len: usize) -> String {
    if start + 1 == len {
        format!("↻ Then state {len} stutters here forever: no step is ever taken again.")
    } else {
        format!(
            "↻ Then back to state {}, and round this loop forever.",
            start + 1
        )
    }
}
