//! Actions, and the steps they allow from a state, found the way TLC finds them: conjunct by
//! conjunct from left to right, `x' = e` gives `x'` its value when it has none yet (and is a
//! test when it has one), `x' \in S`, `\/`, `\E`, `IF` and `CASE` branch, `UNCHANGED` copies,
//! anything else is a test.
//!
//! [`Steps`] runs an [`Act`] from a state and hands each next state to a sink: the TLA+ specs'
//! `Init` and `Next` (in `model`) and `ENABLED A` (here: [`Env::enabled`]) are its users. For
//! `ENABLED` a step need not give every variable a value: the others keep theirs.

use std::sync::Arc;

use thicket_syntax::ast::Span;

use crate::eval::compile::{is_action, Compiler, InstanceSlot, VarRef};
use crate::eval::expr::{
    defer, err, poll, Builtin, CExpr, CKind, CPattern, CompiledOp, Env, EvalError, EvalResult,
    Memo, MemoTable, MAX_ENUMERATION,
};
use crate::eval::value::{kind_name, tlc_eq, Value};

/// An action operator's arguments, by parameter name.
pub type Args = Vec<(Arc<str>, Value)>;

/// An action operator a step went through, with its argument values and where it is applied.
pub type Entered = (Arc<str>, Args, Span);

/// Why a step could not be taken.
#[derive(Clone, Debug, PartialEq)]
pub enum StepError {
    /// An expression failed to evaluate.
    Eval(EvalError),
    /// An `assert` was false.
    Assert { span: Span },
}

impl From<EvalError> for StepError {
    fn from(e: EvalError) -> Self {
        StepError::Eval(e)
    }
}

/// An expression with the primed variables it reads (which must have their values first).
#[derive(Clone, Debug)]
pub struct PExpr {
    pub e: CExpr,
    pub primed: Vec<u32>,
}

impl PExpr {
    pub fn new(e: CExpr) -> PExpr {
        let mut primed = Vec::new();
        e.visit(&mut |x| {
            if let CKind::Primed(s) = x.kind {
                if !primed.contains(&s) {
                    primed.push(s);
                }
            }
        });
        PExpr { e, primed }
    }
}

/// An action, taken apart into what TLC's evaluation does with each piece.
#[derive(Clone, Debug)]
pub enum Act {
    And(Vec<Act>),
    Or(Vec<Act>),
    Exists(Vec<(u32, CPattern, PExpr)>, Box<Act>),
    If(PExpr, Box<Act>, Box<Act>),
    Case(Vec<(PExpr, Act)>, Option<Box<Act>>),
    /// An operator's action body whose arguments in these slots are evaluated at first use.
    Defer(Vec<u32>, Box<Act>),
    /// `x' = e`
    Assign(u32, PExpr),
    /// `x' \in S`
    AssignIn(u32, PExpr),
    /// `UNCHANGED <<x, y>>`
    Unchanged(Vec<u32>),
    /// Anything else: true or false in the current and (partly given) next state.
    Test(PExpr),
    /// TLC's `Assert(c, message)` (a PlusCal `assert`): false is an assertion failure.
    Assert(PExpr),
    Named(Arc<str>, Vec<(Arc<str>, PExpr)>, Box<Act>, Span),
    /// `A \cdot B`: a step of `A`, then from where it ends a step of `B`.
    Compose(Box<Act>, Box<Act>),
}

/// `A \cdot B` as an expression: its two actions, and `B` as a formula of a step.
#[derive(Clone, Debug)]
pub struct Composition {
    pub first: Act,
    pub then: Act,
    pub then_test: CExpr,
}

/// `ENABLED A`, or for a fairness condition `ENABLED <<A>>_v`: the action, and the subscript
/// that must change.
#[derive(Clone, Debug)]
pub struct EnabledAct {
    pub act: Act,
    pub sub: Option<CExpr>,
    /// The names of the state variables, by slot (for messages), then of `instance`'s.
    pub var_names: Vec<String>,
    /// The instantiated modules' variables it reads, in the slots after the spec's (see
    /// [`crate::eval::compile::InstanceSlot`]): their values in a state are their images'.
    pub instance: Vec<InstanceSlot>,
}

impl EnabledAct {
    /// `ENABLED <<act>>_sub` (`ENABLED act` without `sub`), in the compiler's module.
    pub fn new(act: Act, sub: Option<CExpr>, c: &Compiler) -> EnabledAct {
        let mut var_names = Vec::new();
        for (name, r) in &c.vars {
            if let VarRef::Slot(s) = r {
                let s = *s as usize;
                if var_names.len() <= s {
                    var_names.resize(s + 1, String::new());
                }
                var_names[s] = name.clone();
            }
        }
        var_names.resize(c.state_slots() as usize, String::new());
        EnabledAct {
            act,
            sub,
            var_names,
            instance: Vec::new(),
        }
    }

    /// The same, over these instance variables (numbered from the end of `var_names`).
    pub fn with_instance_vars(mut self, instance: Vec<InstanceSlot>) -> EnabledAct {
        self.var_names
            .extend(instance.iter().map(|s| s.name.clone()));
        self.instance = instance;
        self
    }

    /// Whether the step from `env`'s state to `r.next` changes the subscript `v`. TLC evaluates
    /// `v'` in the step, so a variable of `v` it gives no value is an error.
    fn changes(
        &self,
        v: &CExpr,
        env: &Env,
        r: &Reached,
        f: &mut Vec<Value>,
        at: Span,
    ) -> EvalResult<bool> {
        let mut unset = None;
        v.visit(&mut |x| match x.kind {
            CKind::Var(s) if !r.given[s as usize] => unset = Some(s as usize),
            _ => {}
        });
        if let Some(s) = unset {
            let var = self.var_names.get(s).map_or("a variable", |n| n);
            return err(at, format!("a step of this action gives `{var}'` no value, and the subscript of its fairness condition reads it"));
        }
        let before = Env::state_env(env.cur, env.ops).eval(v, f)?;
        Ok(Env::state_env(r.next, env.ops).eval(v, f)? != before)
    }
}

/// Take a compiled action apart.
pub fn act(e: CExpr) -> Act {
    if let CKind::Builtin(Builtin::Assert, args) = &e.kind {
        if let Some(c) = args.first() {
            return Act::Assert(PExpr::new(c.clone()));
        }
    }
    if !is_action(&e) {
        return Act::Test(PExpr::new(e));
    }
    match e.kind {
        CKind::And(xs) => Act::And(xs.into_iter().map(act).collect()),
        CKind::Or(xs) => Act::Or(xs.into_iter().map(act).collect()),
        CKind::Exists { bounds, body } => {
            let bs = bounds
                .into_iter()
                .enumerate()
                .map(|(i, b)| (i as u32, b.pattern, PExpr::new(b.set)))
                .collect();
            Act::Exists(bs, Box::new(act(*body)))
        }
        CKind::If(c, a, b) => Act::If(PExpr::new(*c), Box::new(act(*a)), Box::new(act(*b))),
        CKind::Case { arms, other } => Act::Case(
            arms.into_iter()
                .map(|(c, v)| (PExpr::new(c), act(v)))
                .collect(),
            other.map(|o| Box::new(act(*o))),
        ),
        CKind::Defer { slots, body } => Act::Defer(slots, Box::new(act(*body))),
        // A step is named with the arguments known before it: an argument that reads the
        // next state (`Send(p, d, mem, mem')`) is given its value by the step itself.
        CKind::Named { name, params, body } => Act::Named(
            name,
            params
                .into_iter()
                .map(|(n, e)| (n, PExpr::new(e)))
                .filter(|(_, e)| e.primed.is_empty())
                .collect(),
            Box::new(act(*body)),
            e.span,
        ),
        CKind::Eq(l, r) if matches!(l.kind, CKind::Primed(_)) => {
            let CKind::Primed(s) = l.kind else {
                unreachable!()
            };
            Act::Assign(s, PExpr::new(*r))
        }
        CKind::In(l, r) if matches!(l.kind, CKind::Primed(_)) => {
            let CKind::Primed(s) = l.kind else {
                unreachable!()
            };
            Act::AssignIn(s, PExpr::new(*r))
        }
        CKind::Compose(c) => Act::Compose(Box::new(c.first), Box::new(c.then)),
        CKind::Unchanged(nxt, cur) => {
            let mut slots = Vec::new();
            if primed_slots(&nxt, &mut slots) {
                Act::Unchanged(slots)
            } else {
                Act::Test(PExpr::new(CExpr::new(CKind::Unchanged(nxt, cur), e.span)))
            }
        }
        kind => Act::Test(PExpr::new(CExpr::new(kind, e.span))),
    }
}

/// The slots of `x'` or `<<x', <<y', z'>>>>`.
fn primed_slots(e: &CExpr, out: &mut Vec<u32>) -> bool {
    match &e.kind {
        CKind::Primed(s) => {
            out.push(*s);
            true
        }
        CKind::Tuple(xs) => xs.iter().all(|x| primed_slots(x, out)),
        CKind::Named { body, .. } => primed_slots(body, out),
        _ => false,
    }
}

/// A next state a run reached.
pub struct Reached<'a> {
    pub next: &'a [Value],
    /// Which variables the step gave a value (all of them, unless [`Completion::Partial`]).
    pub given: &'a [bool],
    /// The action operators the step went through.
    pub entered: &'a [Entered],
}

/// What a run does with each next state it reaches: `Ok(false)` stops the run.
pub type Sink<'o> = dyn FnMut(&Reached) -> Result<bool, StepError> + 'o;

/// What the steps of a run must give a value to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Every variable, primed (a step of `Next`).
    Step,
    /// Every variable (the initial predicate, whose variables play the primed ones).
    Initial,
    /// Whatever the action gives (`ENABLED`): the others keep their values.
    Partial,
}

/// A run of an action's steps from one state.
pub struct Steps<'p, 'o> {
    ops: &'p [CompiledOp],
    /// The variables' names, for messages.
    names_of: &'p [String],
    cur: &'p [Value],
    /// The memoised definitions' values in `cur`, shared by every expression of the run.
    memo: MemoTable,
    next: Vec<Value>,
    given: Vec<bool>,
    frame: &'o mut Vec<Value>,
    /// The action operators entered on this path, with their argument values.
    pub entered: Vec<Entered>,
    out: &'o mut Sink<'o>,
    stop: bool,
    completion: Completion,
}

impl<'p, 'o> Steps<'p, 'o> {
    /// A run of steps from `cur` (for [`Completion::Initial`], a state of placeholders), each
    /// next state handed to `out`.
    pub fn new(
        env: &Env<'p>,
        names_of: &'p [String],
        completion: Completion,
        frame: &'o mut Vec<Value>,
        out: &'o mut Sink<'o>,
    ) -> Self {
        Steps {
            ops: env.ops,
            names_of,
            cur: env.cur,
            memo: MemoTable::default(),
            next: env.cur.to_vec(),
            given: vec![false; env.cur.len()],
            frame,
            entered: Vec::new(),
            out,
            stop: false,
            completion,
        }
    }

    /// Every step of `a`.
    pub fn all(&mut self, a: &'p Act) -> Result<(), StepError> {
        let mut pending = vec![a];
        self.run(&mut pending)
    }

    fn eval(&mut self, e: &PExpr) -> EvalResult<Value> {
        if let Some(&s) = e.primed.iter().find(|s| !self.given[**s as usize]) {
            let var = self.names_of.get(s as usize).map_or("a variable", |n| n);
            return Err(EvalError {
                span: e.e.span,
                message: format!("`{var}'` is read before this step gives it a value"),
            });
        }
        let env = Env {
            cur: self.cur,
            next: Some(&self.next),
            ops: self.ops,
            depth: 0,
            memo: Memo::Shared(&self.memo),
        };
        env.eval(&e.e, self.frame)
    }

    fn truth(&mut self, e: &PExpr) -> EvalResult<bool> {
        match self.eval(e)? {
            Value::Bool(b) => Ok(b),
            other => Err(EvalError {
                span: e.e.span,
                message: format!("expected a boolean here, but the value is {other}"),
            }),
        }
    }

    /// The error of a step that leaves variable `s` without a value.
    fn incomplete(&self, s: usize) -> StepError {
        let var = self.names_of.get(s).map_or("a variable", |n| n);
        let (message, span) = match (self.completion, self.entered.last()) {
            (Completion::Initial, _) => (format!("the initial predicate does not give `{var}` a value"), Span::DUMMY),
            (_, Some((n, _, span))) => (format!("the step `{n}` does not give `{var}'` a value (write `{var}' = ...` or `UNCHANGED {var}`)"), *span),
            (_, None) => (format!("this step does not give `{var}'` a value"), Span::DUMMY),
        };
        StepError::Eval(EvalError { span, message })
    }

    fn emit(&mut self) -> Result<(), StepError> {
        poll(Span::DUMMY)?;
        if self.completion != Completion::Partial {
            if let Some(s) = self.given.iter().position(|g| !g) {
                return Err(self.incomplete(s));
            }
        }
        let reached = Reached {
            next: &self.next,
            given: &self.given,
            entered: &self.entered,
        };
        if !(self.out)(&reached)? {
            self.stop = true;
        }
        Ok(())
    }

    fn run(&mut self, pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        if self.stop {
            return Ok(());
        }
        let Some(a) = pending.pop() else {
            return self.emit();
        };
        let r = self.one(a, pending);
        pending.push(a);
        r
    }

    /// Go on with `a` first.
    fn then(&mut self, a: &'p Act, pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        pending.push(a);
        let r = self.run(pending);
        pending.pop();
        r
    }

    fn assign(&mut self, s: u32, v: Value, pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        let i = s as usize;
        if self.given[i] {
            let same = tlc_eq(&self.next[i], &v).map_err(|(ka, kb)| {
                StepError::Eval(EvalError {
                    span: Span::DUMMY,
                    message: format!(
                        "TLC cannot compare {} with {}",
                        kind_name(ka),
                        kind_name(kb)
                    ),
                })
            })?;
            if same {
                self.run(pending)?;
            }
            return Ok(());
        }
        self.next[i] = v;
        self.given[i] = true;
        let r = self.run(pending);
        self.given[i] = false;
        r
    }

    fn one(&mut self, a: &'p Act, pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        match a {
            Act::And(xs) => {
                let depth = pending.len();
                pending.extend(xs.iter().rev());
                let r = self.run(pending);
                pending.truncate(depth);
                r
            }
            Act::Or(xs) => {
                for x in xs {
                    self.then(x, pending)?;
                }
                Ok(())
            }
            Act::Exists(bounds, body) => self.exists(bounds, 0, body, pending),
            Act::If(c, a, b) => {
                let branch = if self.truth(c)? { a } else { b };
                self.then(branch, pending)
            }
            Act::Case(arms, other) => self.case(arms, other.as_deref(), pending),
            Act::Defer(slots, body) => {
                defer(slots, self.frame);
                self.then(body, pending)
            }
            Act::Assign(s, e) => {
                let v = self.eval(e)?;
                self.assign(*s, v, pending)
            }
            Act::AssignIn(s, e) => self.assign_in(*s, e, pending),
            Act::Unchanged(slots) => self.unchanged(slots, pending),
            Act::Assert(c) => {
                if !self.truth(c)? {
                    return Err(StepError::Assert { span: c.e.span });
                }
                self.run(pending)
            }
            Act::Test(e) => {
                if self.truth(e)? {
                    self.run(pending)?;
                }
                Ok(())
            }
            Act::Compose(a, b) => self.compose(a, b, pending),
            Act::Named(name, params, body, span) => {
                let mut args = Vec::with_capacity(params.len());
                for (p, e) in params {
                    args.push((p.clone(), self.eval(e)?));
                }
                self.entered.push((name.clone(), args, *span));
                let r = self.then(body, pending);
                if r.is_ok() {
                    // On an error the path stays, to name the failing step.
                    self.entered.pop();
                }
                r
            }
        }
    }

    /// `A \cdot B`: each state a step of `B` reaches from a state a step of `A` reaches.
    fn compose(&mut self, a: &Act, b: &Act, pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        let mut ends = Vec::new();
        for mid in self.reach(a, self.cur)? {
            ends.extend(self.reach(b, &mid)?);
        }
        for end in ends {
            self.assign_from(&end, 0, pending)?;
        }
        Ok(())
    }

    /// The next states of every step of `a` from `from`, each giving every variable a value.
    fn reach(&mut self, a: &Act, from: &[Value]) -> Result<Vec<Vec<Value>>, StepError> {
        let env = Env {
            cur: from,
            next: None,
            ops: self.ops,
            depth: 0,
            memo: Memo::new(),
        };
        let mut out = Vec::new();
        let mut sink = |r: &Reached| {
            out.push(r.next.to_vec());
            Ok(true)
        };
        Steps::new(&env, self.names_of, Completion::Step, self.frame, &mut sink).all(a)?;
        Ok(out)
    }

    /// Give the variables from the `i`th on the values of `end` (a test for those given).
    fn assign_from(
        &mut self,
        end: &[Value],
        i: usize,
        pending: &mut Vec<&'p Act>,
    ) -> Result<(), StepError> {
        let Some(v) = end.get(i) else {
            return self.run(pending);
        };
        if self.given[i] {
            if self.next[i] == *v {
                return self.assign_from(end, i + 1, pending);
            }
            return Ok(());
        }
        self.next[i] = v.clone();
        self.given[i] = true;
        let r = self.assign_from(end, i + 1, pending);
        self.given[i] = false;
        r
    }

    fn case(
        &mut self,
        arms: &'p [(PExpr, Act)],
        other: Option<&'p Act>,
        pending: &mut Vec<&'p Act>,
    ) -> Result<(), StepError> {
        for (c, body) in arms {
            if self.truth(c)? {
                return self.then(body, pending);
            }
        }
        match other {
            Some(o) => self.then(o, pending),
            None => Err(StepError::Eval(EvalError {
                span: Span::DUMMY,
                message: "no arm of this CASE applies".into(),
            })),
        }
    }

    fn assign_in(
        &mut self,
        s: u32,
        e: &PExpr,
        pending: &mut Vec<&'p Act>,
    ) -> Result<(), StepError> {
        let set = self.eval(e)?;
        let Value::Set(elems) = set else {
            return Err(StepError::Eval(EvalError {
                span: e.e.span,
                message: format!("`x' \\in S` needs a set, and {set} is not one"),
            }));
        };
        for v in elems.iter() {
            self.assign(s, v.clone(), pending)?;
            if self.stop {
                break;
            }
        }
        Ok(())
    }

    fn unchanged(&mut self, slots: &[u32], pending: &mut Vec<&'p Act>) -> Result<(), StepError> {
        let Some((&s, rest)) = slots.split_first() else {
            return self.run(pending);
        };
        let i = s as usize;
        if self.given[i] {
            if self.next[i] == self.cur[i] {
                return self.unchanged(rest, pending);
            }
            return Ok(());
        }
        self.next[i] = self.cur[i].clone();
        self.given[i] = true;
        let r = self.unchanged(rest, pending);
        self.given[i] = false;
        r
    }

    fn exists(
        &mut self,
        bounds: &'p [(u32, CPattern, PExpr)],
        i: usize,
        body: &'p Act,
        pending: &mut Vec<&'p Act>,
    ) -> Result<(), StepError> {
        let Some((_, pattern, set_e)) = bounds.get(i) else {
            return self.then(body, pending);
        };
        let set = self.eval(set_e)?;
        let Value::Set(elems) = set else {
            return Err(StepError::Eval(EvalError {
                span: set_e.e.span,
                message: format!("\\E x \\in S needs a set, and {set} is not one"),
            }));
        };
        if elems.len() > MAX_ENUMERATION {
            return Err(StepError::Eval(EvalError {
                span: set_e.e.span,
                message: "this set is too large to enumerate".into(),
            }));
        }
        match pattern {
            CPattern::Slots(slots) => self.exists_slots(slots, &elems, bounds, i, body, pending),
            CPattern::Tuple(slots) => {
                for v in elems.iter() {
                    let Value::Seq(items) = v else { continue };
                    if items.len() != slots.len() {
                        continue;
                    }
                    for (s, x) in slots.iter().zip(items.iter()) {
                        self.frame[*s as usize] = x.clone();
                    }
                    self.exists(bounds, i + 1, body, pending)?;
                    if self.stop {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    fn exists_slots(
        &mut self,
        slots: &[u32],
        elems: &[Value],
        bounds: &'p [(u32, CPattern, PExpr)],
        i: usize,
        body: &'p Act,
        pending: &mut Vec<&'p Act>,
    ) -> Result<(), StepError> {
        let Some((&s, rest)) = slots.split_first() else {
            return self.exists(bounds, i + 1, body, pending);
        };
        for v in elems {
            self.frame[s as usize] = v.clone();
            self.exists_slots(rest, elems, bounds, i, body, pending)?;
            if self.stop {
                break;
            }
        }
        Ok(())
    }
}

impl Env<'_> {
    /// `ENABLED A` (or `ENABLED <<A>>_v`) in the current state: whether `A` has a step from
    /// it (one that changes `v`). The bound variables around it are read from the frame `f`.
    pub fn enabled(&self, e: &EnabledAct, span: Span, f: &mut Vec<Value>) -> EvalResult<bool> {
        if e.instance.is_empty() {
            return self.enabled_here(e, span, f);
        }
        let mut state = self.cur.to_vec();
        for s in &e.instance {
            state.push(self.eval(&s.image, f)?);
        }
        let env = Env {
            cur: &state,
            next: self.next,
            ops: self.ops,
            depth: self.depth,
            memo: Memo::new(),
        };
        env.enabled_here(e, span, f)
    }

    /// `ENABLED` from this state (which holds the instance variables' values, if any).
    fn enabled_here(&self, e: &EnabledAct, span: Span, f: &mut Vec<Value>) -> EvalResult<bool> {
        let mut found = false;
        let mut sub_frame = f.clone();
        let mut out = |r: &Reached| -> Result<bool, StepError> {
            found = match &e.sub {
                None => true,
                Some(v) => e.changes(v, self, r, &mut sub_frame, span)?,
            };
            Ok(!found)
        };
        let mut steps = Steps::new(self, &e.var_names, Completion::Partial, f, &mut out);
        match steps.all(&e.act) {
            Ok(()) => Ok(found),
            Err(StepError::Eval(e)) => Err(e),
            Err(StepError::Assert { span: at }) => Err(EvalError {
                span: if at == Span::DUMMY { span } else { at },
                message: "an assertion failed inside ENABLED".into(),
            }),
        }
    }

    /// `A \cdot B` of the step from the current to the next state: a step of `A` reaches a
    /// state from which this is a step of `B`.
    pub fn composition(&self, c: &Composition, span: Span, f: &mut Vec<Value>) -> EvalResult<bool> {
        let Some(next) = self.next else {
            return err(span, "`A \\cdot B` is an action: it needs a step");
        };
        let mut mids = Vec::new();
        let mut sink = |r: &Reached| {
            mids.push(r.next.to_vec());
            Ok(true)
        };
        let first = Steps::new(self, &[], Completion::Step, f, &mut sink).all(&c.first);
        first.map_err(|e| match e {
            StepError::Eval(e) => e,
            StepError::Assert { span: at } => EvalError {
                span: at,
                message: "an assertion failed inside `\\cdot`".into(),
            },
        })?;
        for mid in &mids {
            let env = Env {
                cur: mid,
                next: Some(next),
                ops: self.ops,
                depth: 0,
                memo: Memo::new(),
            };
            if env.bool(&c.then_test, f)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The environment of a state predicate in `st`.
    fn state_env<'s>(st: &'s [Value], ops: &'s [CompiledOp]) -> Env<'s> {
        Env {
            cur: st,
            next: None,
            ops,
            depth: 0,
            memo: Memo::new(),
        }
    }
}
