//! "Is this behavior in the Spec? In the Property?" for a behavior typed by the user.
//!
//! Two input forms (documented in `docs/language.md`), read by the grammar
//! (`thicket_syntax::parse_behavior`):
//! - **events**, like a REPL session: `inc(); get() -> 4`, one call per item, items separated
//!   by `;` or new lines; `c.` prefixes, `>>>` prompts and `c = Counter()` lines are ignored.
//!   `get() -> 4` is a call and its return with the value 4; `inc()` is a call and any return.
//! - **states**, one per line: `n = 0, ret = -1` or a record `[n |-> 0, ret |-> -1]`; variables
//!   not mentioned may have any value.
//!
//! The values typed are closed TLA+ expressions (bare names are model values), evaluated by the
//! checker's compiler. A text that does not parse, or a value that cannot be evaluated, is a
//! [`MemberError`] located in the text.
//!
//! The behavior is followed through the state graph from the initial states; where no step
//! matches, the answer says which step departs and why. Safety properties are decided on the
//! behavior's states; for a behavior the Spec cannot produce, an event property is decided
//! from the events alone, and anything else is reported as undecided.

use std::fmt;

use serde::{Deserialize, Serialize};
use thicket_syntax::ast;
use thicket_syntax::diag::line_col;
use thicket_syntax::Diagnostic;

use crate::eval::expr::{CExpr, CKind};
use crate::eval::value::Value;
use crate::model::event::Event;
use crate::model::show::TraceStep;
use crate::search::graph::StateGraph;
use crate::session::Session;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MemberReport {
    /// `events` or `states`.
    pub form: String,
    /// The behavior as understood, one item per step (events) or state.
    pub items: Vec<String>,
    pub in_spec: bool,
    /// The first item the Spec cannot follow (0-based), when not in the Spec.
    pub departs_at: Option<usize>,
    /// Why it departs there.
    pub why: Option<String>,
    pub property: Option<String>,
    /// `Some(true/false)` when decided; `None` when a finite behavior cannot decide it.
    pub in_property: Option<bool>,
    /// How the property answer was reached, or why it is undecided.
    pub property_note: Option<String>,
    /// The Spec's behavior that matches (the whole input, or its longest matching prefix).
    pub matched: Vec<TraceStep>,
    /// Why the typed behavior could not be judged (then nothing else is filled in).
    pub error: Option<MemberError>,
}

/// Why a typed behavior could not be judged. `line` and `column` are 1-based, in the typed text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MemberError {
    /// The text does not parse: the grammar's diagnostics (spans in the typed text), the first
    /// one at `line`:`column`.
    Syntax {
        line: usize,
        column: usize,
        diagnostics: Vec<Diagnostic>,
    },
    /// A typed value (`text`) cannot be evaluated.
    Value {
        line: usize,
        column: usize,
        text: String,
        message: String,
    },
    /// Nothing but blanks and comments.
    Empty,
    /// Events without a call (only a constructor line).
    NoCalls,
    /// Calls typed for a spec that has no operations to call.
    NotAnObject,
    /// A state names a variable the spec does not have.
    UnknownVariable { name: String, known: Vec<String> },
}

impl fmt::Display for MemberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberError::Syntax {
                line,
                column,
                diagnostics,
            } => {
                let Some(d) = diagnostics.first() else {
                    return write!(f, "line {line}, column {column}: the behavior does not parse");
                };
                write!(f, "line {line}, column {column}: {}", d.message)?;
                if !d.hints.is_empty() {
                    write!(f, " ({})", d.hints.join("; "))?;
                }
                Ok(())
            }
            MemberError::Value {
                line,
                column,
                text,
                message,
            } => write!(f, "line {line}, column {column}: `{text}`: {message}"),
            MemberError::Empty => write!(
                f,
                "type a behavior: one state per line (`n = 0, ret = -1`), or events (`inc(); get() -> 1`)"
            ),
            MemberError::NoCalls => write!(f, "type some calls, e.g. `inc(); get() -> 1`"),
            MemberError::NotAnObject => write!(
                f,
                "this spec has no operations to call: type states, one per line (`n = 0, ret = -1`)"
            ),
            MemberError::UnknownVariable { name, known } => write!(
                f,
                "`{name}` is not a variable of this spec (its variables: {})",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for MemberError {}

/// One typed event: a call with arguments, then (optionally) the value its return must have.
#[derive(Clone, Debug, PartialEq)]
struct Call {
    op: String,
    args: Vec<Value>,
    ret: Option<Value>,
}

impl Call {
    /// `op(a, b)`, the arguments as the checker prints values.
    fn text(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|a| a.to_string()).collect();
        format!("{}({})", self.op, args.join(", "))
    }
}

/// A state as typed: the variables it mentions and their values, in the order written.
type TypedState = Vec<(String, Value)>;

/// A typed behavior with its values evaluated.
enum Typed {
    Events(Vec<Call>),
    States(Vec<TypedState>),
}

impl Session {
    /// Decide whether a typed behavior is in the Spec and in `property`.
    pub fn member(&mut self, property: Option<&str>, input: &str) -> MemberReport {
        let report = read_behavior(input).and_then(|typed| {
            let r = match &typed {
                Typed::Events(calls) => self.member_events(calls)?,
                Typed::States(states) => self.member_states(states)?,
            };
            Ok((typed, r))
        });
        match report {
            Ok((typed, mut r)) => {
                if let Some(p) = property {
                    self.judge_property(p, &mut r, &typed);
                }
                r
            }
            Err(e) => MemberReport {
                error: Some(e),
                ..Default::default()
            },
        }
    }

    fn member_events(&mut self, calls: &[Call]) -> Result<MemberReport, MemberError> {
        if self.spec.prog.semantics.event_slot().is_none() {
            return Err(MemberError::NotAnObject);
        }
        if calls.is_empty() {
            return Err(MemberError::NoCalls);
        }
        let mut r = MemberReport {
            form: "events".into(),
            ..Default::default()
        };
        for c in calls {
            r.items.push(c.text());
            r.items.push(
                c.ret
                    .as_ref()
                    .map_or("(its return)".to_string(), |v| format!("-> {v}")),
            );
        }
        self.graph(calls.len() as u32 * 2 + 1);
        let g = self.built_graph().expect("graph was just built");
        // Follow the events; keep one matching path (for showing) per reachable state.
        let mut cur: Vec<Vec<(Option<u32>, u32)>> =
            g.init.iter().map(|s| vec![(None, *s)]).collect();
        let mut departs = None;
        'events: for (i, c) in calls.iter().enumerate() {
            let call_text = c.text();
            let args: Vec<String> = c.args.iter().map(|a| a.to_string()).collect();
            let called = step_by(
                g,
                &cur,
                |ev| matches!(ev, Event::Call { op, args: a } if *op == c.op && *a == args),
            );
            if called.is_empty() {
                let options = events_from(g, &cur);
                departs = Some((
                    2 * i,
                    format!(
                        "no step `{call_text}` is possible here; the Spec can do: {}",
                        options.join(", ")
                    ),
                ));
                break 'events;
            }
            let returned = step_by(g, &called, |ev| match (&c.ret, ev) {
                (Some(v), Event::Return { value: Some(r) }) => *r == v.to_string(),
                (Some(_), _) => false,
                (None, ev) => ev.is_return(),
            });
            if returned.is_empty() {
                let options = events_from(g, &called);
                departs = Some((
                    2 * i + 1,
                    format!(
                        "after `{call_text}` the Spec's return is {}, not -> {}",
                        options.join(" or "),
                        c.ret.as_ref().map(|v| v.to_string()).unwrap_or_default()
                    ),
                ));
                cur = called;
                break 'events;
            }
            cur = returned;
        }
        r.matched = cur.first().map(|p| self.steps(g, p)).unwrap_or_default();
        r.in_spec = departs.is_none();
        if let Some((at, why)) = departs {
            r.departs_at = Some(at);
            r.why = Some(why);
        }
        Ok(r)
    }

    fn member_states(&mut self, states: &[TypedState]) -> Result<MemberReport, MemberError> {
        if states.is_empty() {
            return Err(MemberError::Empty);
        }
        let mut r = MemberReport {
            form: "states".into(),
            ..Default::default()
        };
        r.items = states
            .iter()
            .map(|s| {
                s.iter()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        let known: Vec<String> = self
            .spec
            .prog
            .views
            .iter()
            .map(|(n, _)| n.clone())
            .collect();
        for s in states {
            for (k, _) in s {
                if !known.contains(k) {
                    return Err(MemberError::UnknownVariable {
                        name: k.clone(),
                        known,
                    });
                }
            }
        }
        self.graph(states.len() as u32);
        let g = self.built_graph().expect("graph was just built");
        let prog = &self.spec.prog;
        let matches = |s: u32, want: &[(String, Value)]| {
            let shown = prog.show_state(&g.states[s as usize]);
            want.iter()
                .all(|(k, v)| shown.iter().any(|(n, x)| n == k && x == v))
        };
        let mut cur: Vec<Vec<(Option<u32>, u32)>> = g
            .init
            .iter()
            .filter(|s| matches(**s, &states[0]))
            .map(|s| vec![(None, *s)])
            .collect();
        if cur.is_empty() {
            r.departs_at = Some(0);
            r.why = Some(format!("no initial state has {}", r.items[0]));
            return Ok(r);
        }
        for (i, want) in states.iter().enumerate().skip(1) {
            let mut next = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for path in &cur {
                let (_, s) = *path.last().expect("paths are not empty");
                for e in g.successors(s) {
                    if matches(e.to, want) && seen.insert(e.to) {
                        let mut p = path.clone();
                        p.push((Some(e.action), e.to));
                        next.push(p);
                    }
                }
            }
            if next.is_empty() {
                r.departs_at = Some(i);
                r.why = Some(self.closest_miss(g, &cur, want));
                r.matched = self.steps(g, &cur[0]);
                return Ok(r);
            }
            cur = next;
        }
        r.in_spec = true;
        r.matched = self.steps(g, &cur[0]);
        Ok(r)
    }

    /// Why no next state matches: the successor that differs in the fewest variables, and how.
    fn closest_miss(
        &self,
        g: &StateGraph,
        cur: &[Vec<(Option<u32>, u32)>],
        want: &[(String, Value)],
    ) -> String {
        let prog = &self.spec.prog;
        let mut best: Option<(usize, String)> = None;
        for path in cur {
            let (_, s) = *path.last().expect("paths are not empty");
            for e in g.successors(s) {
                let shown = prog.show_state(&g.states[e.to as usize]);
                let diffs: Vec<String> = want
                    .iter()
                    .filter_map(|(k, v)| {
                        let got = shown.iter().find(|(n, _)| n == k).map(|(_, x)| x.clone())?;
                        (got != *v).then(|| format!("{k} (expected {v}, the Spec has {got})"))
                    })
                    .collect();
                let step = &g.actions[e.action as usize];
                let text = format!(
                    "after step {}, the next state differs in {}",
                    step.event
                        .as_ref()
                        .map_or(step.label.clone(), |e| e.to_string()),
                    diffs.join(", ")
                );
                if best.as_ref().is_none_or(|(n, _)| diffs.len() < *n) {
                    best = Some((diffs.len(), text));
                }
            }
        }
        best.map(|(_, t)| t)
            .unwrap_or_else(|| "no step is enabled here (the behavior has ended)".into())
    }

    fn steps(&self, g: &StateGraph, path: &[(Option<u32>, u32)]) -> Vec<TraceStep> {
        g.behavior(&self.spec.prog, path)
    }

    /// Decide the property on the typed behavior, as far as a finite behavior allows.
    fn judge_property(&mut self, name: &str, r: &mut MemberReport, typed: &Typed) {
        r.property = Some(name.to_string());
        let states = if r.in_spec {
            self.matched_states(typed)
        } else {
            None
        };
        let Some(inv) = self.spec.invariants.iter().find(|i| i.name == name) else {
            let temporal = self.spec.temporal.iter().any(|(n, _)| n == name);
            r.property_note = Some(if temporal {
                format!("{name} is about infinite behaviors: a finite behavior can still be extended to satisfy or violate it")
            } else {
                format!("{name} is not a property of this spec")
            });
            return;
        };
        let prog = &self.spec.prog;
        let mut frame = prog.new_frame();
        if r.in_spec {
            // The Spec's own states along the behavior.
            match states {
                Some(states) => {
                    let bad = states.iter().position(|st| {
                        !prog
                            .env(st, None)
                            .bool(&inv.expr, &mut frame)
                            .unwrap_or(true)
                    });
                    r.in_property = Some(bad.is_none());
                    r.property_note = Some(match bad {
                        None => format!("{name} holds in every state of the behavior"),
                        Some(i) => format!("{name} is false in state {} of the behavior", i + 1),
                    });
                }
                None => r.property_note = Some("the behavior's states could not be rebuilt".into()),
            }
            return;
        }
        // Not in the Spec: only events are known. Decide when the property reads no other variable.
        let Some(event_slot) = prog.semantics.event_slot() else {
            r.property_note = Some(format!(
                "the Spec cannot produce this behavior, so the values {name} reads are unknown"
            ));
            return;
        };
        let calls = match typed {
            Typed::Events(calls) if reads_only(&inv.expr, event_slot) => calls,
            _ => {
                r.property_note = Some(format!("{name} reads variables that the typed behavior does not give, so it cannot be decided"));
                return;
            }
        };
        let mut st = vec![Value::Bool(false); prog.num_slots()];
        let mut verdict = true;
        let mut note = format!("{name} holds after every event");
        let mut untyped = false;
        let mut events = vec![crate::model::pluscal::no_event()];
        for c in calls {
            let args = Value::Seq(std::sync::Arc::new(c.args.clone()));
            events.push(crate::model::pluscal::event(
                "call",
                &c.op,
                args.clone(),
                crate::model::pluscal::none(),
            ));
            match &c.ret {
                Some(v) => events.push(crate::model::pluscal::event(
                    "return",
                    &c.op,
                    args,
                    v.clone(),
                )),
                None => untyped = true,
            }
        }
        for (i, ev) in events.iter().enumerate() {
            st[event_slot as usize] = ev.clone();
            match prog.env(&st, None).bool(&inv.expr, &mut frame) {
                Ok(true) => {}
                Ok(false) => {
                    verdict = false;
                    note = format!("{name} is false after event {i}");
                    break;
                }
                Err(e) => {
                    r.property_note = Some(format!(
                        "{name} cannot be evaluated on the events alone: {}",
                        e.message
                    ));
                    return;
                }
            }
        }
        r.in_property = Some(verdict);
        let caveat = if untyped {
            "; returns typed without a value are not judged"
        } else {
            ""
        };
        r.property_note = Some(format!(
            "{note} (judged on the events alone, as the Spec cannot produce them{caveat})"
        ));
    }

    /// The states of the Spec behavior matching the input (first match).
    fn matched_states(&mut self, typed: &Typed) -> Option<Vec<Vec<Value>>> {
        let r = match typed {
            Typed::Events(calls) => self.member_events(calls).ok()?,
            Typed::States(states) => self.member_states(states).ok()?,
        };
        let g = self.built_graph()?;
        let prog = &self.spec.prog;
        // Rebuild from the printed trace: find each state by its printed variables.
        let mut out = Vec::new();
        for step in &r.matched {
            let found = g
                .states
                .iter()
                .find(|st| crate::model::show::show_state(prog, st) == step.state)?;
            out.push(found.clone());
        }
        Some(out)
    }
}

/// The paths extended by one step whose event satisfies `ok` (one path per reached state).
fn step_by(
    g: &StateGraph,
    cur: &[Vec<(Option<u32>, u32)>],
    ok: impl Fn(&Event) -> bool,
) -> Vec<Vec<(Option<u32>, u32)>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in cur {
        let (_, s) = *path.last().expect("paths are not empty");
        for e in g.successors(s) {
            if g.actions[e.action as usize].event.as_ref().is_some_and(&ok) && seen.insert(e.to) {
                let mut p = path.clone();
                p.push((Some(e.action), e.to));
                out.push(p);
            }
        }
    }
    out
}

/// The events possible from the ends of these paths.
fn events_from(g: &StateGraph, cur: &[Vec<(Option<u32>, u32)>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for path in cur {
        let (_, s) = *path.last().expect("paths are not empty");
        for e in g.successors(s) {
            if let Some(ev) = &g.actions[e.action as usize].event {
                let ev = ev.to_string();
                if !out.contains(&ev) {
                    out.push(ev);
                }
            }
        }
    }
    if out.is_empty() {
        out.push("nothing (the behavior has ended)".into());
    }
    out
}

/// Whether an expression reads no state variable but `slot`.
fn reads_only(e: &CExpr, slot: u32) -> bool {
    let mut ok = true;
    e.visit(&mut |c| match &c.kind {
        CKind::Var(s) | CKind::Primed(s) if *s != slot => ok = false,
        CKind::Gather { .. }
        | CKind::GatherApply { .. }
        | CKind::Call { .. }
        | CKind::Enabled(_)
        | CKind::Compose(_) => ok = false,
        _ => {}
    });
    ok
}

/// Read a typed behavior with the grammar and evaluate its values.
fn read_behavior(input: &str) -> Result<Typed, MemberError> {
    let behavior = thicket_syntax::parse_behavior(input).map_err(|diagnostics| {
        let at = diagnostics.first().map_or(0, |d| d.span.start);
        let (line, column) = line_col(input, at);
        MemberError::Syntax {
            line,
            column,
            diagnostics,
        }
    })?;
    Ok(match behavior {
        ast::Behavior::Events(items) => Typed::Events(
            items
                .iter()
                .map(|item| {
                    Ok(Call {
                        op: item.op.name.clone(),
                        args: item
                            .args
                            .iter()
                            .map(|a| constant(input, a))
                            .collect::<Result<_, _>>()?,
                        ret: item.ret.as_ref().map(|r| constant(input, r)).transpose()?,
                    })
                })
                .collect::<Result<_, _>>()?,
        ),
        ast::Behavior::States(items) => Typed::States(
            items
                .iter()
                .map(|item| {
                    item.fields
                        .iter()
                        .map(|(name, e)| Ok((name.name.clone(), constant(input, e)?)))
                        .collect::<Result<_, _>>()
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// Evaluate a closed TLA+ expression typed by the user (bare names are model values).
fn constant(input: &str, expr: &ast::Expr) -> Result<Value, MemberError> {
    let located = |span: ast::Span, message: String| {
        let (line, column) = line_col(input, span.start);
        let text = input.get(expr.span.range()).unwrap_or_default().to_string();
        MemberError::Value {
            line,
            column,
            text,
            message,
        }
    };
    let mut c = crate::eval::compile::Compiler::new();
    c.model_values = true;
    let ce = c.expr(expr);
    if let Some(e) = c.errors.first() {
        return Err(located(expr.span, e.message.clone()));
    }
    let env = crate::eval::expr::Env {
        cur: &[],
        next: None,
        ops: &c.ops,
        depth: 0,
        memo: crate::eval::expr::Memo::new(),
    };
    env.eval(
        &ce,
        &mut vec![Value::Bool(false); c.frame_size() as usize + 1],
    )
    .map_err(|e| located(expr.span, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(input: &str) -> Vec<Call> {
        match read_behavior(input) {
            Ok(Typed::Events(calls)) => calls,
            Ok(Typed::States(_)) => panic!("{input:?} reads as states"),
            Err(e) => panic!("{input:?}: {e}"),
        }
    }

    #[test]
    fn repl_sessions_read_as_calls() {
        let calls = calls(">>> c = Counter()\n>>> c.inc(); c.inc()\n>>> c.get()        -> 2\n");
        let texts: Vec<_> = calls
            .iter()
            .map(|c| (c.op.as_str(), c.ret.clone()))
            .collect();
        assert_eq!(
            texts,
            [("inc", None), ("inc", None), ("get", Some(Value::Int(2)))]
        );
    }

    #[test]
    fn assignments_and_records_are_states() {
        let Ok(Typed::States(states)) =
            read_behavior("n = 0, s = {1, 2}, b = (1 = 2)\n[n |-> 1, b |-> TRUE]")
        else {
            panic!("states expected");
        };
        let shown: Vec<Vec<String>> = states
            .iter()
            .map(|s| s.iter().map(|(k, v)| format!("{k} = {v}")).collect())
            .collect();
        assert_eq!(
            shown,
            [
                vec!["n = 0", "s = {1, 2}", "b = FALSE"],
                vec!["n = 1", "b = TRUE"]
            ]
        );
    }

    #[test]
    fn bad_behaviors_are_errors_located_in_the_text() {
        let err = |input: &str| read_behavior(input).err().expect("an error");
        let e = err("inc()\nget");
        assert!(
            matches!(
                e,
                MemberError::Syntax {
                    line: 2,
                    column: 4,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("name(args)"), "{e}");
        let e = err("get() ->");
        assert!(e.to_string().contains("after `->`"), "{e}");
        let e = err("n = 0\nn = 1 \\div 0");
        assert!(
            matches!(&e, MemberError::Value { line: 2, column: 5, text, .. } if text == "1 \\div 0"),
            "{e:?}"
        );
    }
}
