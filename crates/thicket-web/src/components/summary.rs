use thicket_check::{CheckReport, Progress, PropertyKind, TraceStep, Verdict};
use yew::prelude::*;

use crate::format;
use crate::state::{headline, Phase, Shared};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub phase: Phase,
    pub progress: Option<Progress>,
    pub report: Option<Shared<CheckReport>>,
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
            Some(report) => {
                let ok = report
                    .properties
                    .iter()
                    .all(|p| p.verdict != Verdict::Violated)
                    && report.diagnostics.is_empty();
                html! { <p class={classes!("status", if ok { "ok" } else { "bad" })}>{ headline(report) }</p> }
            }
            None => html! {},
        },
    };
    html! {
        <section class="card summary" aria-label="Check results" data-phase={phase_name(&props.phase)}>
            <h2>{ "Check" }</h2>
            { status }
            if let Some(report) = &props.report {
                { properties(report) }
                { stats(report) }
                if let Some(message) = &report.message {
                    <p class="report-message">{ message }</p>
                }
                if !report.trace.is_empty() {
                    { trace(report.property.as_deref(), &report.trace) }
                }
            }
        </section>
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

fn trace(property: Option<&str>, trace: &[TraceStep]) -> Html {
    html! {
        <div class="trace">
            <h3>{ "Shortest counterexample" } if let Some(p) = property { <span class="trace-property">{ p }</span> }</h3>
            <ol class="trace-steps">
                { for trace.iter().enumerate().map(|(i, t)| {
                    let step = t.step.as_ref().map(format::step).unwrap_or_else(|| "Initial state".into());
                    let last = i + 1 == trace.len();
                    html! {
                        <li class={classes!("trace-step", last.then_some("violating"))}>
                            <span class="trace-label">{ step }</span>
                            <span class="trace-state">{ format::data_summary(&t.state) }</span>
                            if let Some(pc) = format::control_summary(&t.state) {
                                <span class="trace-pc">{ "at " }{ pc }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
