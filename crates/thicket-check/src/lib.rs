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
pub use analysis::tree::{Expansion, TreeNode, TreeOptions, TreeReport};
pub use eval::run::{set_host, Host};
pub use model::diff::{Change, ChangeKind, Shown};
pub use model::event::Event;
pub use model::show::{StepInfo, TraceStep, VarValue};
pub use model::spec::{load, Source, Spec};
pub use report::*;
pub use search::explore::Exploration;
pub use search::limits::{CheckOptions, Outcome, Progress};
pub use session::member::{MemberError, MemberReport};
pub use session::{CountReport, Session, SessionError};

use thicket_syntax::ast::Span;
use web_time::Instant;

use crate::search::explore::explore;

/// Search the states of a loaded spec breadth-first, checking its invariants (and deadlock when
/// `check_deadlock`), within `opts`' limits.
pub fn explore_spec(
    spec: &Spec,
    check_deadlock: bool,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> Exploration {
    explore_checking_steps(spec, &[], check_deadlock, opts, on_progress)
}

/// [`explore_spec`], checking the action properties `steps` on every step too.
fn explore_checking_steps(
    spec: &Spec,
    steps: &[model::spec::Invariant],
    check_deadlock: bool,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> Exploration {
    let model = search::explore::Model {
        prog: &spec.prog,
        invariants: &spec.invariants,
        steps,
        constraints: &spec.constraints,
        distinction: &spec.distinction,
        check_deadlock,
    };
    explore(&model, opts, on_progress)
}

/// Check a text (module or bare algorithm with its embedded model; `cfg` is a separate TLC
/// configuration that, when given, replaces the embedded one). `on_progress` is called now and
/// then; returning `false` cancels the run (result `cancelled`).
pub fn check_source<'a>(
    src: impl Into<Source<'a>>,
    cfg: Option<&str>,
    opts: &CheckOptions,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> CheckReport {
    let start = Instant::now();
    let spec = match model::spec::load(src, cfg) {
        Ok(s) => s,
        Err(diagnostics) => return error_report(diagnostics, vec![], start),
    };
    let check_deadlock = opts.check_deadlock.unwrap_or(spec.check_deadlock);
    // TLC's registers and statistics, from the assumptions on (`TLCSet` in an ASSUME).
    let _run = eval::run::Run::start(Some(eval::run::Config {
        workers: opts.workers.max(1),
        deadlock: check_deadlock,
    }));
    // The time limit holds for the assumptions too: they may be long to evaluate.
    let deadline = opts
        .max_millis
        .map(|m| start + std::time::Duration::from_millis(m));
    let assumed = eval::expr::Deadline::set(deadline);
    if let Some(report) = not_checkable(&spec, start) {
        return report;
    }
    drop(assumed);
    let steps = step_properties(&spec, opts);
    let ex = explore_checking_steps(&spec, &steps, check_deadlock, opts, on_progress);
    let complete = ex.complete;
    let mut report = safety_report(&spec, &ex, check_deadlock, complete);
    // A property all of whose parts are action properties holds when the search found no
    // step against it.
    for p in report.properties.iter_mut() {
        let mut parts = spec
            .temporal
            .iter()
            .filter(|(n, _)| *n == p.name)
            .peekable();
        let all_steps = parts.peek().is_some()
            && parts.all(|(_, t)| matches!(t, model::temporal::Temporal::ActionBox(_)));
        if complete && all_steps && !steps.is_empty() && p.verdict == Verdict::NotChecked {
            p.verdict = Verdict::Holds;
        }
    }
    // Temporal properties, on the whole state graph, once the safety search found it sound.
    if spec.temporal.len() > steps.len() && complete {
        let progress = |n: usize| Progress {
            distinct_states: n as u64,
            states_generated: ex.generated,
            depth: ex.depth,
            queue: 0,
            elapsed_ms: start.elapsed().as_millis() as u64,
        };
        check_temporal(&spec, &steps, &mut report, &mut |n| {
            on_progress(&progress(n))
        });
    }
    check_postcondition(&spec, &mut report);
    // Never a verdict that leaves out a property the model asks for.
    if report.result == Outcome::Ok {
        if let Some(p) = report
            .properties
            .iter()
            .find(|p| p.verdict == Verdict::NotChecked)
        {
            report.result = Outcome::Error;
            report.message = Some(format!("`{}` was not checked", p.name));
        }
    }
    report.elapsed_ms = start.elapsed().as_millis() as u64;
    report
}

/// The report of a spec that must not be explored: one that names a property Thicket cannot
/// check (never a verdict that leaves it out), or whose assumption fails (as in TLC).
fn not_checkable(spec: &model::spec::Spec, start: Instant) -> Option<CheckReport> {
    if !spec.unchecked.is_empty() {
        let mut report = error_report(
            spec.unchecked.iter().map(|u| u.diagnostic()).collect(),
            spec.warnings.clone(),
            start,
        );
        report.properties = report::property_list(spec);
        return Some(report);
    }
    let (span, why, outcome) = spec.failed_assumption()?;
    let mut report = error_report(vec![], spec.warnings.clone(), start);
    report.result = match outcome {
        model::spec::Assumption::False => Outcome::AssumptionFailed,
        model::spec::Assumption::NotEvaluated => Outcome::Error,
        model::spec::Assumption::TimeLimit => Outcome::LimitReached,
    };
    report.message = Some(format!("{why} at {}", spec.position(span.start)));
    report.location = Some(span).filter(|s| spec.in_main_text(*s));
    report.properties = report::property_list(spec);
    Some(report)
}

/// What the breadth-first search found: each invariant's verdict (held only if the search was
/// `complete`), deadlock's, and the first violation's trace, message and place.
fn safety_report(
    spec: &model::spec::Spec,
    ex: &search::explore::Exploration,
    check_deadlock: bool,
    complete: bool,
) -> CheckReport {
    let mut properties = report::property_list(spec);
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
    let steps = ex.trace.iter().map(|t| (t.step.clone(), &t.state[..]));
    let mut warnings = spec.warnings.clone();
    let mut trace = show_steps(spec, steps.collect(), &mut warnings);
    // A step that failed (an assertion, an error) is shown after the last state it left.
    let failed = ex.violations.first().and_then(|v| v.failed_step.clone());
    if let (Some(step), Some(last)) = (failed, trace.last().cloned()) {
        trace.push(TraceStep {
            step: Some(step),
            state: last.state,
            changes: vec![],
        });
    }
    let located = ex.span.filter(|s| *s != Span::DUMMY);
    let message = ex.message.clone().map(|m| match located {
        Some(span) => format!("{m} at {}", spec.position(span.start)),
        None => m,
    });
    let located = located.filter(|s| spec.in_main_text(*s));
    CheckReport {
        result: ex.outcome,
        property: ex.property.clone(),
        message,
        location: located,
        distinct_states: ex.distinct,
        states_generated: ex.generated,
        depth: ex.depth,
        trace,
        loop_start: None,
        elapsed_ms: ex.elapsed_ms,
        properties,
        diagnostics: vec![],
        warnings,
    }
}

/// The action properties (`[][A]_v`) the sequential search checks on every step, as TLC
/// does, so that they need no state graph.
fn step_properties(spec: &Spec, opts: &CheckOptions) -> Vec<model::spec::Invariant> {
    if opts.workers > 1 {
        return Vec::new();
    }
    spec.temporal
        .iter()
        .filter_map(|(name, t)| match t {
            model::temporal::Temporal::ActionBox(a) => Some(model::spec::Invariant {
                name: name.clone(),
                expr: a.clone(),
                temporal: true,
            }),
            _ => None,
        })
        .collect()
}

/// Check every temporal property on the whole state graph (but the action properties, when
/// the search `checked` them on its steps) and put the verdicts in `report`;
/// the first violated gives the run its result and lasso, when the search found nothing worse.
fn check_temporal(
    spec: &model::spec::Spec,
    checked: &[model::spec::Invariant],
    report: &mut CheckReport,
    on_progress: &mut dyn FnMut(usize) -> bool,
) {
    let g = search::graph::StateGraph::build(
        &spec.prog,
        &spec.constraints,
        &spec.distinction,
        search::graph::GraphLimits::default(),
        on_progress,
    );
    if !g.complete {
        if report.result == Outcome::Ok {
            report.result = Outcome::LimitReached;
            report.message = Some(format!(
                "temporal properties were not checked: the state graph has more than {} states",
                g.len()
            ));
        }
        return;
    }
    let live = analysis::liveness::Liveness::new(&spec.prog, &g, spec.fairness.clone());
    for (name, t) in &spec.temporal {
        let by_steps = matches!(t, model::temporal::Temporal::ActionBox(_));
        if by_steps && !checked.is_empty() {
            continue;
        }
        let first = report.result == Outcome::Ok;
        let verdict = match live.violation(&spec.prog, t) {
            Ok(None) => Verdict::Holds,
            Ok(Some(lasso)) => {
                if first {
                    report.result = Outcome::PropertyViolated;
                    report.property = Some(name.clone());
                    let steps: Vec<_> = lasso
                        .states
                        .iter()
                        .map(|(a, s)| {
                            let step = a.map(|a| g.actions[a as usize].clone());
                            (step, &g.states[*s as usize][..])
                        })
                        .collect();
                    report.trace = show_steps(spec, steps, &mut report.warnings);
                    report.loop_start = lasso.loop_start;
                }
                Verdict::Violated
            }
            Err(e) => {
                if first {
                    report.result = Outcome::Error;
                    report.message = Some(format!("{} (while checking {name})", e.message));
                }
                Verdict::NotChecked
            }
        };
        // A property of several parts is violated when one part is.
        if let Some(p) = report.properties.iter_mut().find(|p| p.name == *name) {
            if p.verdict != Verdict::Violated {
                p.verdict = verdict;
            }
        }
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

/// The model's POSTCONDITION, evaluated (about constants, with no state) once the search is
/// complete and found nothing, as TLC's workers do when none is left to explore; TLC reports
/// a false one as a false assumption. Not checked after a violation or a limit.
fn check_postcondition(spec: &Spec, report: &mut CheckReport) {
    let Some((name, expr)) = &spec.postcondition else {
        return;
    };
    let mut verdict = Verdict::NotChecked;
    if report.result == Outcome::Ok {
        let mut frame = spec.prog.new_frame();
        let failed = match spec.prog.env(&[], None).eval(expr, &mut frame) {
            Ok(eval::value::Value::Bool(true)) => None,
            Ok(eval::value::Value::Bool(false)) => Some((
                Outcome::AssumptionFailed,
                format!("the postcondition {name} is false (evaluated after the search)"),
            )),
            Ok(other) => Some((
                Outcome::Error,
                format!("the postcondition {name} is not a boolean but {other}"),
            )),
            Err(e) => Some((
                Outcome::Error,
                format!("{} (while evaluating the postcondition {name})", e.message),
            )),
        };
        verdict = match failed {
            None => Verdict::Holds,
            Some((outcome, message)) => {
                report.result = outcome;
                report.property = Some(name.clone());
                report.message = Some(message);
                Verdict::Violated
            }
        };
    }
    report.properties.push(PropertyResult {
        name: name.clone(),
        kind: PropertyKind::Postcondition,
        verdict,
    });
}

/// A behavior as the report shows it: through the model's ALIAS when it names one (a state
/// the alias cannot show is shown as it is, with a warning in `warnings`).
fn show_steps(
    spec: &Spec,
    steps: Vec<(Option<StepInfo>, &[eval::value::Value])>,
    warnings: &mut Vec<thicket_syntax::Diagnostic>,
) -> Vec<TraceStep> {
    let Some(alias) = &spec.alias else {
        return model::show::show_behavior(&spec.prog, steps);
    };
    let (trace, failed) = model::show::show_aliased(&spec.prog, alias, &steps);
    if let Some((state, e)) = failed {
        let at = Some(e.span).filter(|s| *s != Span::DUMMY && spec.in_main_text(*s));
        let elsewhere = match at {
            None => format!(" at {}", spec.position(e.span.start)),
            Some(_) => String::new(),
        };
        warnings.push(thicket_syntax::Diagnostic::warning(
            at.unwrap_or(Span::DUMMY),
            format!(
                "the ALIAS cannot show state {state} of the behavior: {}{elsewhere}; that state is shown as it is",
                e.message
            ),
        ));
    }
    trace
}

/// Unfold the behavior tree of a text to `opts.depth`.
pub fn tree_source<'a>(
    src: impl Into<Source<'a>>,
    cfg: Option<&str>,
    opts: &TreeOptions,
) -> TreeReport {
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
