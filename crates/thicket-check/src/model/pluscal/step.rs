//! Running an algorithm: its initial states, and the successors of a state.
//!
//! One step runs from the statement at the process's `pc` label until control reaches
//! another label (then `pc` is set to it), the end of the body (`Done`), a `goto`, `call` or
//! `return`. `either` and `with` branch (each branch is a successor), `await` false drops the
//! branch, exactly like the PlusCal translator's action formulas.

use std::sync::Arc;

use thicket_syntax::ast::Span;

use crate::eval::expr::{EvalError, EvalResult};
use crate::eval::value::Value;
use crate::model::event::Event;
use crate::model::program::{Program, StepError, StepFailure, Succ};

use super::{Algorithm, CallReturn, InitKind, Instance, SKind, StmtId};

/// Longest chain of statements one step may run before we call it a runaway step.
const MAX_STEP_STATEMENTS: usize = 100_000;

/// Every initial state (TLC's Init: each `\in` initialiser multiplies the states).
pub fn initial_states(
    alg: &Algorithm,
    prog: &Program,
    out: &mut dyn FnMut(Vec<Value>) -> bool,
) -> EvalResult<()> {
    let mut st = vec![Value::Bool(false); prog.num_slots()];
    let mut frame = prog.new_frame();
    init_from(alg, prog, &mut st, &mut frame, out)?;
    Ok(())
}

/// Enumerate the initial states from the initialisers in order, as an odometer over the
/// `\in` ones (the last turning fastest); each initialiser is evaluated in the state built
/// so far. A loop, not a recursion per initialiser: a spec may have a great many of them
/// (one per variable of each process instance). Stops when `out` returns `false`.
fn init_from(
    alg: &Algorithm,
    prog: &Program,
    st: &mut [Value],
    frame: &mut Vec<Value>,
    out: &mut dyn FnMut(Vec<Value>) -> bool,
) -> EvalResult<bool> {
    // For each `\in` initialiser being enumerated: its index, its elements, the next one.
    let mut wheels: Vec<(usize, Arc<Vec<Value>>, usize)> = Vec::new();
    let mut i = 0;
    loop {
        let backtrack = match alg.init.get(i) {
            None => {
                if !out(st.to_vec()) {
                    return Ok(false);
                }
                true
            }
            Some(step) => {
                let v = prog.env(st, None).eval(&step.expr, frame)?;
                match step.kind {
                    InitKind::Eq => {
                        st[step.slot as usize] = v;
                        i += 1;
                        false
                    }
                    InitKind::In => {
                        let Value::Set(elems) = v else {
                            return Err(EvalError {
                                span: step.expr.span,
                                message: format!(
                                    "a variable initialised with \\in needs a set, and {v} is not one"
                                ),
                            });
                        };
                        wheels.push((i, elems, 0));
                        true
                    }
                }
            }
        };
        if backtrack {
            // Turn the last wheel that has an element left; the ones after it start over.
            loop {
                let Some((j, elems, next)) = wheels.last_mut() else {
                    return Ok(true);
                };
                let step = &alg.init[*j];
                if let Some(e) = elems.get(*next) {
                    crate::eval::expr::poll(step.expr.span)?;
                    st[step.slot as usize] = e.clone();
                    *next += 1;
                    i = *j + 1;
                    break;
                }
                wheels.pop();
            }
        }
    }
}

/// Every successor of `st`, through every process's enabled step. Returns whether any
/// process is not yet `Done` (so an empty result with `true` is a deadlock).
pub fn successors(
    alg: &Algorithm,
    prog: &Program,
    st: &[Value],
    frame: &mut Vec<Value>,
    record: bool,
    out: &mut dyn FnMut(Succ<'_>),
) -> Result<bool, StepFailure> {
    let mut running = false;
    for (i, inst) in alg.instances.iter().enumerate() {
        let pc = &st[inst.pc_slot as usize];
        let Value::Str(label) = pc else { continue };
        if **label == *"Done" {
            continue;
        }
        running = true;
        let Some(&entry) = inst.labels.get(label) else {
            continue;
        };
        // Each instance's step begins with a copy of the state, however large.
        crate::eval::expr::poll(Span::DUMMY).map_err(|e| (i, label.clone(), e.into()))?;
        let mut ex = Exec {
            prog,
            inst,
            index: i,
            label: label.clone(),
            frame,
            choices: Vec::new(),
            event: None,
            record,
            out,
            budget: MAX_STEP_STATEMENTS,
        };
        let mut work = st.to_vec();
        ex.run(Some(entry), true, &mut work)
            .map_err(|e| (i, label.clone(), e))?;
    }
    Ok(running)
}

struct Exec<'p, 'o, 'f> {
    prog: &'p Program,
    inst: &'p Instance,
    index: usize,
    label: Arc<str>,
    frame: &'f mut Vec<Value>,
    choices: Vec<(Arc<str>, Value)>,
    event: Option<Event>,
    record: bool,
    out: &'o mut dyn FnMut(Succ<'_>),
    budget: usize,
}

impl Exec<'_, '_, '_> {
    fn eval(&mut self, e: &crate::eval::expr::CExpr, work: &[Value]) -> EvalResult<Value> {
        self.prog.env(work, None).eval(e, self.frame)
    }

    fn truth(&mut self, e: &crate::eval::expr::CExpr, work: &[Value]) -> EvalResult<bool> {
        self.prog.env(work, None).bool(e, self.frame)
    }

    fn emit(&mut self, work: &mut [Value]) {
        (self.out)(Succ {
            instance: self.index,
            label: &self.label,
            state: work,
            choices: &self.choices,
            event: self.event.as_ref(),
        });
    }

    fn goto(&mut self, label: &Arc<str>, work: &mut [Value]) {
        work[self.inst.pc_slot as usize] = Value::Str(label.clone());
        self.emit(work);
    }

    fn run(
        &mut self,
        id: Option<StmtId>,
        first: bool,
        work: &mut Vec<Value>,
    ) -> Result<(), StepError> {
        if self.budget == 0 {
            let span = id
                .map(|i| self.inst.stmts[i as usize].span)
                .unwrap_or_default();
            return Err(StepError::Eval(EvalError {
                span,
                message: "this step never reaches a label (a loop without a label?)".into(),
            }));
        }
        self.budget -= 1;
        crate::eval::expr::poll(Span::DUMMY)?;
        let inst = self.inst;
        let Some(id) = id else {
            let done = Arc::from("Done");
            self.goto(&done, work);
            return Ok(());
        };
        let s = &inst.stmts[id as usize];
        if !first {
            if let Some(l) = &s.label {
                self.goto(l, work);
                return Ok(());
            }
        }
        match &s.kind {
            SKind::Skip => self.run(s.next, false, work),
            SKind::Assign(assigns) => {
                if assigns.len() == 1 {
                    let a = &assigns[0];
                    let v = self.assigned_value(a.slot, &a.path, &a.value, work)?;
                    work[a.slot as usize] = v;
                } else {
                    // `a := x || b := y`: every right-hand side and index reads the state
                    // before; updates of one variable at different paths (`f[1] := .. ||
                    // f[2] := ..`) all land, as in the translation's single EXCEPT.
                    let mut updates = Vec::with_capacity(assigns.len());
                    for a in assigns {
                        let mut keys = Vec::with_capacity(a.path.len());
                        for p in &a.path {
                            keys.push(match p {
                                crate::eval::expr::CPath::Field(f) => {
                                    (Value::Str(f.clone()), a.value.span)
                                }
                                crate::eval::expr::CPath::Index(e) => (self.eval(e, work)?, e.span),
                            });
                        }
                        updates.push((a.slot, keys, self.eval(&a.value, work)?));
                    }
                    for (slot, keys, v) in updates {
                        let base = work[slot as usize].clone();
                        work[slot as usize] = set_at(base, &keys, v)?;
                    }
                }
                self.run(s.next, false, work)
            }
            SKind::If(arms, els) => {
                for (cond, entry) in arms {
                    if self.truth(cond, work)? {
                        return self.run(*entry, false, work);
                    }
                }
                self.run(*els, false, work)
            }
            SKind::Either(branches) => {
                for (k, b) in branches.iter().enumerate() {
                    let mut w = work.clone();
                    if self.record {
                        self.choices
                            .push((Arc::from("either"), Value::Int(k as i64 + 1)));
                    }
                    let r = self.run(*b, false, &mut w);
                    if self.record {
                        self.choices.pop();
                    }
                    r?;
                }
                Ok(())
            }
            SKind::While(cond, body) => {
                if self.truth(cond, work)? {
                    self.run(*body, false, work)
                } else {
                    self.run(s.next, false, work)
                }
            }
            SKind::Await(cond) => {
                if self.truth(cond, work)? {
                    self.run(s.next, false, work)
                } else {
                    Ok(())
                }
            }
            SKind::With(bindings, body) => self.with(bindings, 0, *body, work),
            SKind::Goto(l) => {
                self.goto(l, work);
                Ok(())
            }
            SKind::Assert(cond) => {
                if self.truth(cond, work)? {
                    self.run(s.next, false, work)
                } else {
                    Err(StepError::Assert { span: cond.span })
                }
            }
            SKind::Print(e) => {
                self.eval(e, work)?;
                self.run(s.next, false, work)
            }
            SKind::Call { proc, args, ret } => self.call(*proc, args, ret, s.in_procedure, work),
            SKind::CallOp { op, params, entry } => self.call_op(op, params, 0, entry, work),
            SKind::OpReturn { op, params, value } => {
                let v = match value {
                    Some(e) => self.eval(e, work)?,
                    None => super::none(),
                };
                let args = Value::Seq(Arc::new(
                    params.iter().map(|p| work[*p as usize].clone()).collect(),
                ));
                if self.record {
                    self.event = Some(Event::Return {
                        value: value.as_ref().map(|_| v.to_string()),
                    });
                }
                let slot = self.inst.event_slot.expect("objects have an event");
                work[slot as usize] = super::event("return", op, args, v);
                for p in params {
                    work[*p as usize] = Value::Model(Arc::from("defaultInitValue"));
                }
                let idle: Arc<str> = Arc::from("Idle");
                self.goto(&idle, work);
                self.event = None;
                Ok(())
            }
            SKind::Return => {
                let Some(p) = s.in_procedure else {
                    return Ok(());
                };
                self.pop_frame(p, work, s.span)?;
                self.emit(work);
                Ok(())
            }
        }
    }

    fn with(
        &mut self,
        bindings: &[(u32, Arc<str>, bool, crate::eval::expr::CExpr)],
        i: usize,
        body: Option<StmtId>,
        work: &mut Vec<Value>,
    ) -> Result<(), StepError> {
        let Some((slot, name, is_in, e)) = bindings.get(i) else {
            let mut w = work.clone();
            return self.run(body, false, &mut w);
        };
        let v = self.eval(e, work)?;
        let choices: Vec<Value> = if *is_in {
            match v {
                Value::Set(s) => s.as_ref().clone(),
                other => {
                    return Err(StepError::Eval(EvalError {
                        span: e.span,
                        message: format!(
                            "`with {name} \\in S` needs a set, and {other} is not one"
                        ),
                    }))
                }
            }
        } else {
            vec![v]
        };
        for c in choices {
            self.frame[*slot as usize] = c.clone();
            if self.record {
                self.choices.push((name.clone(), c));
            }
            let r = self.with(bindings, i + 1, body, work);
            if self.record {
                self.choices.pop();
            }
            r?;
        }
        Ok(())
    }

    /// A call of an object's operation, for every choice of arguments.
    fn call_op(
        &mut self,
        op: &Arc<str>,
        params: &[(Arc<str>, u32, crate::eval::expr::CExpr)],
        i: usize,
        entry: &Arc<str>,
        work: &mut [Value],
    ) -> Result<(), StepError> {
        let Some((name, slot, set)) = params.get(i) else {
            let args: Vec<Value> = params
                .iter()
                .map(|(_, s, _)| work[*s as usize].clone())
                .collect();
            if self.record {
                self.event = Some(Event::Call {
                    op: op.to_string(),
                    args: args.iter().map(|a| a.to_string()).collect(),
                });
            }
            let mut w = work.to_vec();
            let slot = self.inst.event_slot.expect("objects have an event");
            w[slot as usize] = super::event("call", op, Value::Seq(Arc::new(args)), super::none());
            self.goto(entry, &mut w);
            self.event = None;
            return Ok(());
        };
        let values = match self.eval(set, work)? {
            Value::Set(s) => s,
            other => {
                return Err(StepError::Eval(EvalError {
                    span: set.span,
                    message: format!(
                    "the argument `{name}` of `{op}` must range over a set, and {other} is not one"
                ),
                }))
            }
        };
        for v in values.iter() {
            let mut w = work.to_vec();
            w[*slot as usize] = v.clone();
            self.call_op(op, params, i + 1, entry, &mut w)?;
        }
        Ok(())
    }

    /// The new value of `slot` after `slot[path] := value`.
    fn assigned_value(
        &mut self,
        slot: u32,
        path: &[crate::eval::expr::CPath],
        value: &crate::eval::expr::CExpr,
        work: &[Value],
    ) -> EvalResult<Value> {
        if path.is_empty() {
            return self.eval(value, work);
        }
        let base = work[slot as usize].clone();
        self.update(base, path, value, work)
    }

    fn update(
        &mut self,
        base: Value,
        path: &[crate::eval::expr::CPath],
        value: &crate::eval::expr::CExpr,
        work: &[Value],
    ) -> EvalResult<Value> {
        let Some((first, rest)) = path.split_first() else {
            return self.eval(value, work);
        };
        let (key, span) = match first {
            crate::eval::expr::CPath::Field(f) => (Value::Str(f.clone()), value.span),
            crate::eval::expr::CPath::Index(e) => (self.eval(e, work)?, e.span),
        };
        let Some(old) = base.apply(&key).cloned() else {
            return Err(EvalError {
                span,
                message: format!(
                    "cannot assign at {key}: it is not in the domain of {}",
                    crate::eval::expr::short(&base)
                ),
            });
        };
        let new = self.update(old, rest, value, work)?;
        Ok(base.except(&key, new).expect("key is in the domain"))
    }

    fn call(
        &mut self,
        proc: usize,
        args: &[crate::eval::expr::CExpr],
        ret: &CallReturn,
        current: Option<usize>,
        work: &mut [Value],
    ) -> Result<(), StepError> {
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a, work)?);
        }
        let ret_pc = match ret {
            CallReturn::Label(l) => Value::Str(l.clone()),
            CallReturn::Tail => {
                // Return from the current procedure first, then call with its return address.
                let Some(cur) = current else {
                    return Err(StepError::Eval(EvalError {
                        span: Span::DUMMY,
                        message: "`return` outside a procedure".into(),
                    }));
                };
                self.pop_frame(cur, work, Span::DUMMY)?;
                work[self.inst.pc_slot as usize].clone()
            }
        };
        let frame = &self.inst.procs[proc];
        let mut fields: Vec<(Arc<str>, Value)> = vec![
            (Arc::from("procedure"), Value::Str(frame.name.clone())),
            (Arc::from("pc"), ret_pc),
        ];
        for (n, s) in &frame.params {
            fields.push((n.clone(), work[*s as usize].clone()));
        }
        for (n, s, _) in &frame.locals {
            fields.push((n.clone(), work[*s as usize].clone()));
        }
        let stack_slot = self
            .inst
            .stack_slot
            .expect("a program with procedures has a stack");
        let Value::Seq(old) = &work[stack_slot as usize] else {
            unreachable!("stack is a sequence")
        };
        let mut stack = Vec::with_capacity(old.len() + 1);
        stack.push(Value::record(fields));
        stack.extend(old.iter().cloned());
        work[stack_slot as usize] = Value::Seq(Arc::new(stack));
        for ((_, s), v) in frame.params.iter().zip(vals) {
            work[*s as usize] = v;
        }
        for (_, s, init) in &frame.locals {
            let v = match init {
                Some(e) => self.eval(e, work)?,
                None => Value::Model(Arc::from("defaultInitValue")),
            };
            work[*s as usize] = v;
        }
        let entry = frame.entry.clone();
        self.goto(&entry, work);
        Ok(())
    }

    /// `return`: restore the caller's pc and this procedure's variables from the stack head.
    fn pop_frame(&mut self, proc: usize, work: &mut [Value], span: Span) -> Result<(), StepError> {
        let stack_slot = self
            .inst
            .stack_slot
            .expect("a program with procedures has a stack");
        let Value::Seq(stack) = work[stack_slot as usize].clone() else {
            unreachable!("stack is a sequence")
        };
        let Some(head) = stack.first() else {
            return Err(StepError::Eval(EvalError {
                span,
                message: "return with an empty procedure stack".into(),
            }));
        };
        let get = |f: &str| head.apply(&Value::str(f)).cloned();
        if let Some(pc) = get("pc") {
            work[self.inst.pc_slot as usize] = pc;
        }
        let frame = &self.inst.procs[proc];
        for (n, s) in &frame.params {
            if let Some(v) = get(n) {
                work[*s as usize] = v;
            }
        }
        for (n, s, _) in &frame.locals {
            if let Some(v) = get(n) {
                work[*s as usize] = v;
            }
        }
        work[stack_slot as usize] = Value::Seq(Arc::new(stack[1..].to_vec()));
        Ok(())
    }
}

/// `base` with the value at `keys` (already evaluated) replaced by `v`.
fn set_at(base: Value, keys: &[(Value, Span)], v: Value) -> EvalResult<Value> {
    let Some(((key, span), rest)) = keys.split_first() else {
        return Ok(v);
    };
    let Some(old) = base.apply(key).cloned() else {
        return Err(EvalError {
            span: *span,
            message: format!(
                "cannot assign at {key}: it is not in the domain of {}",
                crate::eval::expr::short(&base)
            ),
        });
    };
    let new = set_at(old, rest, v)?;
    Ok(base.except(key, new).expect("key is in the domain"))
}
