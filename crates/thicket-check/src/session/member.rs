//! "Is this behavior in the Spec? In the Property?" for a behavior typed by the user.
//!
//! Two input forms (documented in `docs/language.md`):
//! - **events**, like a REPL session: `inc(); get() -> 4`, one call per item, items separated
//!   by `;` or new lines; `c.` prefixes, `>>>` prompts and `c = Counter()` lines are ignored.
//!   `get() -> 4` is a call and its return with the value 4; `inc()` is a call and any return.
//! - **states**, one per line: `n = 0, ret = -1` or a record `[n |-> 0, ret |-> -1]`; variables
//!   not mentioned may have any value.
//!
//! The behavior is followed through the state graph from the initial states; where no step
//! matches, the answer says which step departs and why. Safety properties are decided on the
//! behavior's states; for a behavior the Spec cannot produce, an event property is decided
//! from the events alone, and anything else is reported as undecided.

use serde::{Deserialize, Serialize};

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
    pub error: Option<String>,
}

/// One typed event: a call with arguments, then (optionally) the value its return must have.
#[derive(Clone, Debug, PartialEq)]
struct Call {
    text: String,
    op: String,
    args: Vec<Value>,
    ret: Option<Value>,
}

impl Session {
    /// Decide whether a typed behavior is in the Spec and in `property`.
    pub fn member(&mut self, property: Option<&str>, input: &str) -> MemberReport {
        let is_object = self.spec.prog.semantics.event_slot().is_some();
        let looks_like_events =
            input.contains("()") || input.contains("->") || input.contains(").");
        let report = if is_object && looks_like_events {
            self.member_events(input)
        } else {
            self.member_states(input)
        };
        match report {
            Ok(mut r) => {
                if let Some(p) = property {
                    self.judge_property(p, &mut r, input);
                }
                r
            }
            Err(e) => MemberReport {
                error: Some(e),
                ..Default::default()
            },
        }
    }

    fn member_events(&mut self, input: &str) -> Result<MemberReport, String> {
        let calls = parse_calls(input)?;
        let mut r = MemberReport {
            form: "events".into(),
            ..Default::default()
        };
        for c in &calls {
            r.items.push(format!(
                "{}({})",
                c.op,
                c.args
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
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
            let call_text = format!(
                "{}({})",
                c.op,
                c.args
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
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

    fn member_states(&mut self, input: &str) -> Result<MemberReport, String> {
        let states = parse_states(input)?;
        if states.is_empty() {
            return Err("type a behavior: one state per line (`n = 0, ret = -1`), or events (`inc(); get() -> 1`)".into());
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
        for s in &states {
            for (k, _) in s {
                if !known.contains(k) {
                    return Err(format!(
                        "`{k}` is not a variable of this spec (its variables: {})",
                        known.join(", ")
                    ));
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
    fn judge_property(&mut self, name: &str, r: &mut MemberReport, input: &str) {
        r.property = Some(name.to_string());
        let states = if r.in_spec {
            self.matched_states(input)
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
        if r.form != "events" || !reads_only(&inv.expr, event_slot) {
            r.property_note = Some(format!("{name} reads variables that the typed behavior does not give, so it cannot be decided"));
            return;
        }
        let calls = match parse_calls(input) {
            Ok(c) => c,
            Err(e) => {
                r.property_note = Some(e);
                return;
            }
        };
        let mut st = vec![Value::Bool(false); prog.num_slots()];
        let mut verdict = true;
        let mut note = format!("{name} holds after every event");
        let mut untyped = false;
        let mut events = vec![crate::model::pluscal::no_event()];
        for c in &calls {
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
    fn matched_states(&mut self, input: &str) -> Option<Vec<Vec<Value>>> {
        let r = if input.contains("()") || input.contains("->") {
            self.member_events(input).ok()?
        } else {
            self.member_states(input).ok()?
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
        CKind::Gather { .. } | CKind::GatherApply { .. } | CKind::Call { .. } => ok = false,
        _ => {}
    });
    ok
}

/// Split the input into items: `;` and new lines separate; prompts, `c.` prefixes and
/// constructor lines are dropped.
fn items(input: &str) -> Vec<String> {
    input
        .split(['\n', ';'])
        .map(|l| l.trim().trim_start_matches(">>>").trim())
        .filter(|l| !l.is_empty() && !l.starts_with("\\*"))
        .filter(|l| !is_constructor(l))
        .map(|l| strip_receiver(l).to_string())
        .collect()
}

/// `c = Counter()`
fn is_constructor(l: &str) -> bool {
    match l.split_once('=') {
        Some((lhs, rhs)) => {
            let lhs = lhs.trim();
            let rhs = rhs.trim();
            !lhs.is_empty()
                && lhs.chars().all(|c| c.is_alphanumeric() || c == '_')
                && rhs.ends_with("()")
                && !rhs.contains("->")
                && !l.contains("==")
        }
        None => false,
    }
}

/// `c.get()` → `get()`
fn strip_receiver(l: &str) -> &str {
    match l.split_once('.') {
        Some((recv, rest))
            if !recv.is_empty()
                && recv.chars().all(|c| c.is_alphanumeric() || c == '_')
                && rest.contains('(') =>
        {
            rest
        }
        _ => l,
    }
}

fn parse_calls(input: &str) -> Result<Vec<Call>, String> {
    let mut out = Vec::new();
    for item in items(input) {
        let (call, ret) = match item.split_once("->") {
            Some((c, r)) => (c.trim().to_string(), Some(r.trim().to_string())),
            None => (item.clone(), None),
        };
        let open = call.find('(').ok_or_else(|| {
            format!(
                "`{item}` is not a call: write it as `name(args)`, e.g. `get()` or `get() -> 3`"
            )
        })?;
        if !call.ends_with(')') {
            return Err(format!("`{item}`: a call ends with `)`"));
        }
        let op = call[..open].trim().to_string();
        if op.is_empty() || !op.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("`{item}`: `{op}` is not an operation name"));
        }
        let inner = &call[open + 1..call.len() - 1];
        let args = if inner.trim().is_empty() {
            vec![]
        } else {
            match constant(&format!("<<{inner}>>"))? {
                Value::Seq(s) => s.as_ref().clone(),
                other => vec![other],
            }
        };
        let ret = match ret {
            Some(r) if !r.is_empty() => Some(constant(&r)?),
            Some(_) => return Err(format!("`{item}`: write the returned value after `->`")),
            None => None,
        };
        out.push(Call {
            text: item,
            op,
            args,
            ret,
        });
    }
    if out.is_empty() {
        return Err("type some calls, e.g. `inc(); get() -> 1`".into());
    }
    Ok(out)
}

/// States, one per line: `n = 0, ret = -1` or `[n |-> 0, ret |-> -1]`.
fn parse_states(input: &str) -> Result<Vec<Vec<(String, Value)>>, String> {
    let mut out = Vec::new();
    for line in input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("\\*"))
    {
        let record = if line.starts_with('[') {
            line.to_string()
        } else {
            format!("[{}]", assignments_to_fields(line))
        };
        match constant(&record)? {
            Value::Record(fields) => out.push(
                fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            ),
            other => {
                return Err(format!(
                    "`{line}` is not a state; write `x = 1, y = 2` (got {other})"
                ))
            }
        }
    }
    Ok(out)
}

/// `n = 0, ret = -1` → `n |-> 0, ret |-> -1` (only `=` at bracket depth 0 after a name).
fn assignments_to_fields(line: &str) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let bytes: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut expect_name = true;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            '"' => in_str = !in_str,
            '(' | '[' | '{' | '<' if !in_str => depth += 1,
            ')' | ']' | '}' | '>' if !in_str => depth -= 1,
            _ => {}
        }
        if !in_str && depth == 0 && c == ',' {
            expect_name = true;
        }
        if !in_str
            && depth == 0
            && expect_name
            && c == '='
            && bytes.get(i + 1) != Some(&'=')
            && (i == 0 || !"<>=#/\\".contains(bytes[i - 1]))
        {
            out.push_str("|->");
            expect_name = false;
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Evaluate a closed TLA+ expression typed by the user (bare names are model values).
fn constant(text: &str) -> Result<Value, String> {
    let expr = thicket_syntax::parse_expression(text).map_err(|ds| {
        format!(
            "`{text}`: {}",
            ds.first().map(|d| d.message.clone()).unwrap_or_default()
        )
    })?;
    let mut c = crate::eval::compile::Compiler::new();
    c.model_values = true;
    let ce = c.expr(&expr);
    if let Some(e) = c.errors.first() {
        return Err(format!("`{text}`: {}", e.message));
    }
    let env = crate::eval::expr::Env {
        cur: &[],
        next: None,
        ops: &c.ops,
        depth: 0,
    };
    env.eval(
        &ce,
        &mut vec![Value::Bool(false); c.frame_size() as usize + 1],
    )
    .map_err(|e| format!("`{text}`: {}", e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repl_sessions_read_as_calls() {
        let calls =
            parse_calls(">>> c = Counter()\n>>> c.inc(); c.inc()\n>>> c.get()        -> 2\n")
                .unwrap();
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
    fn assignments_become_records() {
        assert_eq!(
            assignments_to_fields("n = 0, s = {1, 2}, b = (1 = 2)"),
            "n |-> 0, s |-> {1, 2}, b |-> (1 = 2)"
        );
    }

    #[test]
    fn bad_calls_say_what_to_write() {
        assert!(parse_calls("get").unwrap_err().contains("name(args)"));
        assert!(parse_calls("get() ->").unwrap_err().contains("after `->`"));
    }
}
