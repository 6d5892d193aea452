//! Thicket's checker: TLA+ values, compiled expressions, PlusCal translated to actions,
//! breadth-first exploration with fingerprints, properties, and the behavior tree.
//!
//! Architecture invariant: pure Rust, no browser or UI types; it compiles natively and to
//! wasm32. Its public API is the functions below and the plain data in [`report`] and [`tree`].

pub mod analysis;
pub mod eval;
pub mod export;
pub mod model;
pub mod report;
pub mod search;
pub mod session;

pub use analysis::count::Count;
pub use analysis::tree::{TreeNode, TreeOptions, TreeReport};
pub use model::diff::{Change, ChangeKind, Shown};
pub use model::show::{StepInfo, TraceStep, VarValue};
pub use report::*;
pub use search::limits::{CheckOptions, Outcome, Progress};
pub use session::member::MemberReport;
pub use session::{CountReport, Session};

use thicket_syntax::ast::Span;
use thicket_syntax::diag::line_col;
use web_time::Instant;

use crate::model::program::Program;
use crate::search::explore::{explore, TraceState};

/// Check a text (module or bare algorithm with its embedded model; `cfg` is a separate TLC
/// configuration that, when given, replaces the embedded one). `on_progress` is called now and
/// then; returning `false` cancels the run (result `cancelled`).
pub fn check_source(
    src: &str,
    cfg: Option<&str>,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> CheckReport {
    let start = Instant::now();
    let spec = match model::spec::load(src, cfg) {
        Ok(s) => s,
        Err(diagnostics) => return error_report(diagnostics, vec![], start),
    };
    // Never a verdict that leaves out a property the model asks for.
    if !spec.unchecked.is_empty() {
        let mut report = error_report(
            spec.unchecked.iter().map(|u| u.diagnostic()).collect(),
            spec.warnings.clone(),
            start,
        );
        report.properties = report::property_list(&spec);
        return report;
    }
    if let Some((span, why, outcome)) = spec.failed_assumption() {
        let (l, c) = line_col(src, span.start);
        let mut report = error_report(vec![], spec.warnings.clone(), start);
        report.result = match outcome {
            model::spec::Assumption::False => Outcome::AssumptionFailed,
            model::spec::Assumption::NotEvaluated => Outcome::Error,
        };
        report.message = Some(format!("{why} at line {l}, column {c}"));
        report.location = Some(span);
        report.properties = report::property_list(&spec);
        return report;
    }
    let check_deadlock = opts.check_deadlock.unwrap_or(spec.check_deadlock);
    let ex = explore(
        &spec.prog,
        &spec.invariants,
        &spec.constraints,
        check_deadlock,
        opts,
        on_progress,
    );

    let mut properties = report::property_list(&spec);
    let complete = matches!(ex.outcome, Outcome::Ok)
        || (opts.continue_after_violation
            && !matches!(
                ex.outcome,
                Outcome::Error | Outcome::Cancelled | Outcome::LimitReached
            ));
    for p in properties.iter_mut() {
        if ex.violations.iter().any(|v| {
            v.property.as_deref() == Some(p.name.as_str())
                && matches!(
                    v.outcome,
                    Outcome::InvariantViolated | Outcome::PropertyViolated
                )
        }) {
            p.verdict = Verdict::Violated;
        } else if complete && spec.invariants.iter().any(|i| i.name == p.name) {
            p.verdict = Verdict::Holds;
        }
    }
    if check_deadlock {
        let verdict = if ex.violations.iter().any(|v| v.outcome == Outcome::Deadlock) {
            Verdict::Violated
        } else if complete {
            Verdict::Holds
        } else {
            Verdict::NotChecked
        };
        properties.push(PropertyResult {
            name: "Deadlock".into(),
            kind: PropertyKind::Deadlock,
            verdict,
        });
    }
    let mut trace = show_trace(&spec.prog, &ex.trace);
    if let Some(v) = ex.violations.first() {
        if let Some(step) = &v.failed_step {
            if let Some(last) = trace.last().cloned() {
                trace.push(TraceStep {
                    step: Some(step.clone()),
                    state: last.state,
                    changes: vec![],
                });
            }
        }
    }
    let location = ex.span.filter(|s| *s != Span::DUMMY);
    let mut message = ex.message.map(|m| match ex.span {
        Some(span) if span != Span::DUMMY => {
            let (l, c) = line_col(src, span.start);
            format!("{m} at line {l}, column {c}")
        }
        _ => m,
    });
    let (mut result, mut property, mut loop_start) = (ex.outcome, ex.property, None);

    // Temporal properties, on the whole state graph, once the safety search found it sound.
    if !spec.temporal.is_empty() && complete {
        let g = search::graph::StateGraph::build(
            &spec.prog,
            &spec.constraints,
            search::graph::GraphLimits::default(),
            &mut |n| {
                on_progress(&Progress {
                    distinct_states: n as u64,
                    states_generated: ex.generated,
                    depth: ex.depth,
                    queue: 0,
                    elapsed_ms: start.elapsed().as_millis() as u64,
                })
            },
        );
        if g.complete {
            let live = analysis::liveness::Liveness::new(&g, spec.fairness.clone());
            for (name, t) in &spec.temporal {
                let verdict = match live.violation(&spec.prog, t) {
                    Ok(None) => Verdict::Holds,
                    Ok(Some(lasso)) => {
                        if result == Outcome::Ok {
                            result = Outcome::PropertyViolated;
                            property = Some(name.clone());
                            trace = g.behavior(&spec.prog, &lasso.states);
                            loop_start = lasso.loop_start;
                        }
                        Verdict::Violated
                    }
                    Err(e) => {
                        if result == Outcome::Ok {
                            result = Outcome::Error;
                            message = Some(format!("{e} (while checking {name})"));
                        }
                        Verdict::NotChecked
                    }
                };
                if let Some(p) = properties.iter_mut().find(|p| p.name == *name) {
                    p.verdict = verdict;
                }
            }
        } else if result == Outcome::Ok {
            result = Outcome::LimitReached;
            message = Some(format!(
                "temporal properties were not checked: the state graph has more than {} states",
                g.len()
            ));
        }
    }
    if result == Outcome::Ok {
        if let Some(p) = properties.iter().find(|p| p.verdict == Verdict::NotChecked) {
            result = Outcome::Error;
            message = Some(format!("`{}` was not checked", p.name));
        }
    }
    CheckReport {
        result,
        property,
        message,
        location,
        distinct_states: ex.distinct,
        states_generated: ex.generated,
        depth: ex.depth,
        trace,
        loop_start,
        elapsed_ms: start.elapsed().as_millis() as u64,
        properties,
        diagnostics: vec![],
        warnings: spec.warnings,
    }
}

fn error_report(
    diagnostics: Vec<thicket_syntax::Diagnostic>,
    warnings: Vec<thicket_syntax::Diagnostic>,
    start: Instant,
) -> CheckReport {
    CheckReport {
        result: Outcome::Error,
        property: None,
        message: diagnostics.first().map(|d| d.message.clone()),
        location: None,
        distinct_states: 0,
        states_generated: 0,
        depth: 0,
        trace: vec![],
        loop_start: None,
        elapsed_ms: start.elapsed().as_millis() as u64,
        properties: vec![],
        diagnostics,
        warnings,
    }
}

fn show_trace(prog: &Program, trace: &[TraceState]) -> Vec<TraceStep> {
    model::show::show_behavior(prog, trace.iter().map(|t| (t.step.clone(), &t.state[..])))
}

/// Unfold the behavior tree of a text to `opts.depth`.
pub fn tree_source(src: &str, cfg: Option<&str>, opts: &TreeOptions) -> TreeReport {
    match session::Session::open(src, cfg) {
        Ok(mut s) => s.tree(opts),
        Err(diagnostics) => TreeReport {
            nodes: vec![],
            roots: vec![],
            property: None,
            properties: vec![],
            truncated: false,
            diagnostics,
            error: None,
        },
    }
}
