//! Compiled expressions and their evaluation.
//!
//! A [`CExpr`] is an expression with every name already resolved: state variables are slot
//! numbers, bound variables are frame slots, constants and closed sub-expressions are folded to
//! values, and non-recursive operators are inlined. Evaluation never looks a name up.
//!
//! [`Env::eval`], the checker's hottest path, is one dispatch on the kind of expression: the
//! trivial kinds are evaluated in place, every other kind by its own short method (`eval_*`),
//! grouped by family: names (state variables, gathered per-process functions), logic and
//! arithmetic, quantifiers, sets, functions/records/sequences, control (IF, CASE, LET,
//! recursive calls). Membership ([`Env::member_value`]) is tested without building infinite
//! or large sets; the operators of the standard modules (Sequences, FiniteSets, TLC) are
//! evaluated by `Env::builtin`.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use thicket_syntax::ast::Span;
use web_time::Instant;

use crate::eval::action::{Composition, EnabledAct};
use crate::eval::value::{kind_name, set_contains, set_union, tlc_eq, Value};

/// An evaluation error, located at the expression that failed.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    pub span: Span,
    pub message: String,
}

pub type EvalResult<T> = Result<T, EvalError>;

pub fn err<T>(span: Span, message: impl Into<String>) -> EvalResult<T> {
    Err(EvalError {
        span,
        message: message.into(),
    })
}

/// The largest set Thicket will enumerate before giving up with an error.
pub const MAX_ENUMERATION: usize = 5_000_000;

/// The number of tuples (or records) drawn from sets of these sizes, saturating: checked
/// before any is built.
fn product_size(sizes: impl Iterator<Item = usize>) -> usize {
    let sizes: Vec<usize> = sizes.collect();
    if sizes.contains(&0) {
        return 0;
    }
    sizes.iter().fold(1, |n, s| n.saturating_mul(*s))
}

/// The slot of process `id` in the (id, slot) pairs of a gathered function, sorted by id (the
/// first of equal ids).
pub fn gathered_slot(pairs: &[(Value, u32)], id: &Value) -> Option<u32> {
    let i = pairs.partition_point(|(k, _)| k < id);
    pairs.get(i).filter(|(k, _)| k == id).map(|(_, s)| *s)
}

/// The message of the error an evaluation stops with once its thread's [`Deadline`] passed.
pub const TIME_LIMIT: &str = "the time limit was reached during this evaluation";

impl EvalError {
    /// Whether evaluation stopped at a [`Deadline`] rather than failed.
    pub fn is_time_limit(&self) -> bool {
        self.message == TIME_LIMIT
    }
}

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// A wall-clock limit on the evaluations of this thread (a search's time limit), in force until
/// the guard is dropped. Recursive calls and every loop over a set's elements or a value being
/// built poll it ([`poll`]), so one expensive state (exponential recursion, nested quantifiers
/// over large sets) cannot outlive the limit: its evaluation fails with [`TIME_LIMIT`].
pub struct Deadline {
    previous: Option<Instant>,
}

impl Deadline {
    pub fn set(at: Option<Instant>) -> Deadline {
        Deadline {
            previous: DEADLINE.with(|d| d.replace(at)),
        }
    }

    /// Whether the deadline in force on this thread has passed.
    pub fn passed() -> bool {
        DEADLINE
            .with(Cell::get)
            .is_some_and(|at| Instant::now() >= at)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.previous));
    }
}

/// Fail with [`TIME_LIMIT`] once this thread's [`Deadline`] has passed. The clock is read at
/// every poll (tens of nanoseconds), since what happens between two polls may be large (a
/// state of a million values copied, fingerprinted, checked); without a deadline, a poll costs
/// one thread-local read.
#[inline]
pub fn poll(span: Span) -> EvalResult<()> {
    if Deadline::passed() {
        return err(span, TIME_LIMIT);
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Plus,
    Minus,
    Times,
    Div,
    Mod,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Cup,
    Cap,
    Minus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Append,
    Head,
    Tail,
    SubSeq,
    Concat,
    Cardinality,
    IsFiniteSet,
    ToString,
    MapsTo,
    Merge,
    Permutations,
    /// `Print(out, val)` = val
    Print,
    /// `Assert(cond, out)`
    Assert,
    /// An operator of TLC, TLCExt or Randomization, or a host operator (`eval::tlc`).
    Tlc(crate::eval::tlc::TlcOp),
    /// A Community Module's operator evaluated natively (`eval::library`).
    Lib(crate::eval::library::LibOp),
}

impl Builtin {
    /// Whether its value depends only on its arguments' values (a constant call may be
    /// folded): not so of printing, assertions, TLC's registers and statistics.
    pub fn pure(self) -> bool {
        match self {
            Builtin::Print | Builtin::Assert => false,
            Builtin::Tlc(op) => op.pure(),
            _ => true,
        }
    }
}

/// A bound: the slots it binds and the set they range over.
#[derive(Clone, Debug)]
pub struct CBound {
    pub pattern: CPattern,
    pub set: CExpr,
}

#[derive(Clone, Debug)]
pub enum CPattern {
    /// `x` or `x, y \in S` (each slot ranges over the set independently).
    Slots(Vec<u32>),
    /// `<<x, y>> \in S`
    Tuple(Vec<u32>),
}

#[derive(Clone, Debug)]
pub enum CPath {
    Field(Arc<str>),
    Index(CExpr),
}

#[derive(Clone, Debug)]
pub struct CExpr {
    pub kind: CKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CKind {
    Const(Value),
    /// A state variable of the current state.
    Var(u32),
    /// A state variable of the next state (`x'`).
    Primed(u32),
    /// A function assembled from per-process slots: `pc`, a process-set local, ... (`primed`
    /// reads the next state).
    Gather {
        pairs: Arc<Vec<(Value, u32)>>,
        primed: bool,
    },
    /// `f[x]` on a gathered function: reads the slot of process `x`.
    GatherApply {
        pairs: Arc<Vec<(Value, u32)>>,
        primed: bool,
        arg: Box<CExpr>,
    },
    /// A bound variable (frame slot).
    Local(u32),
    Not(Box<CExpr>),
    Neg(Box<CExpr>),
    And(Vec<CExpr>),
    Or(Vec<CExpr>),
    Implies(Box<CExpr>, Box<CExpr>),
    Equiv(Box<CExpr>, Box<CExpr>),
    Eq(Box<CExpr>, Box<CExpr>),
    Neq(Box<CExpr>, Box<CExpr>),
    Cmp(Cmp, Box<CExpr>, Box<CExpr>),
    Arith(Arith, Box<CExpr>, Box<CExpr>),
    In(Box<CExpr>, Box<CExpr>),
    NotIn(Box<CExpr>, Box<CExpr>),
    Range(Box<CExpr>, Box<CExpr>),
    SetOp(SetOp, Box<CExpr>, Box<CExpr>),
    Subseteq(Box<CExpr>, Box<CExpr>),
    /// `SUBSET S`
    Powerset(Box<CExpr>),
    /// `UNION S`
    BigUnion(Box<CExpr>),
    Domain(Box<CExpr>),
    SetEnum(Vec<CExpr>),
    SetFilter {
        bound: Box<CBound>,
        pred: Box<CExpr>,
    },
    SetMap {
        bounds: Vec<CBound>,
        body: Box<CExpr>,
    },
    Forall {
        bounds: Vec<CBound>,
        body: Box<CExpr>,
    },
    Exists {
        bounds: Vec<CBound>,
        body: Box<CExpr>,
    },
    Choose {
        bound: Box<CBound>,
        body: Box<CExpr>,
    },
    If(Box<CExpr>, Box<CExpr>, Box<CExpr>),
    Case {
        arms: Vec<(CExpr, CExpr)>,
        other: Option<Box<CExpr>>,
    },
    Tuple(Vec<CExpr>),
    Cross(Vec<CExpr>),
    FnConstruct {
        bounds: Vec<CBound>,
        body: Box<CExpr>,
    },
    FnApply(Box<CExpr>, Box<CExpr>),
    FnSet(Box<CExpr>, Box<CExpr>),
    Record(Vec<(Arc<str>, CExpr)>),
    RecordSet(Vec<(Arc<str>, CExpr)>),
    Field(Box<CExpr>, Arc<str>),
    /// `[f EXCEPT !path = e, ...]`; `at` is the slot that `@` reads.
    Except {
        base: Box<CExpr>,
        updates: Vec<(Vec<CPath>, CExpr)>,
        at: u32,
    },
    Builtin(Builtin, Vec<CExpr>),
    /// `SelectSeq(s, Test)`: `pred` reads the element from frame slot `slot`.
    SelectSeq {
        seq: Box<CExpr>,
        slot: u32,
        pred: Box<CExpr>,
    },
    /// `Seq(S)`: only membership is supported.
    SeqSet(Box<CExpr>),
    /// `Nat`, `Int`, `STRING`: only membership is supported.
    Infinite(InfiniteSet),
    /// A call of a recursive operator (its own frame).
    Call {
        op: u32,
        args: Vec<CExpr>,
    },
    /// An operator's body whose arguments in `slots` are evaluated when first used, and then
    /// only once (as TLC's lazy arguments are): each slot starts [`unevaluated`].
    Defer {
        slots: Vec<u32>,
        body: Box<CExpr>,
    },
    /// A use of a deferred argument: its value in `slot`, evaluated from `value` the first time.
    Force {
        slot: u32,
        value: Box<CExpr>,
    },
    /// A zero-arity definition that reads the current state (and nothing around it): its
    /// value is kept, under `id`, for the rest of the evaluation in this state.
    Memo {
        id: u32,
        body: Box<CExpr>,
    },
    /// `UNCHANGED e` compiled as `e' = e`.
    Unchanged(Box<CExpr>, Box<CExpr>),
    /// An action operator's body, inlined, remembered by name and arguments (the steps of a
    /// TLA+ spec's `Next` are named after the operators they go through).
    Named {
        name: Arc<str>,
        params: Vec<(Arc<str>, CExpr)>,
        body: Box<CExpr>,
    },
    /// `ENABLED A`: a state predicate. Its action's primes are its own (a step it looks for),
    /// so [`CExpr::visit`] does not enter it: an expression reads what `ENABLED` reads of the
    /// current state only through this node.
    Enabled(Box<EnabledAct>),
    /// `A \cdot B` (action composition), for [`Env::composition`]; like `ENABLED`, not entered
    /// by [`CExpr::visit`].
    Compose(Box<Composition>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InfiniteSet {
    Nat,
    Int,
    String,
}

impl CExpr {
    pub fn new(kind: CKind, span: Span) -> CExpr {
        CExpr { kind, span }
    }
    pub fn constant(v: Value, span: Span) -> CExpr {
        CExpr {
            kind: CKind::Const(v),
            span,
        }
    }
    /// Call `f` on this expression and every sub-expression.
    pub fn visit(&self, f: &mut dyn FnMut(&CExpr)) {
        use CKind::*;
        f(self);
        let bounds =
            |bs: &[CBound], f: &mut dyn FnMut(&CExpr)| bs.iter().for_each(|b| b.set.visit(f));
        match &self.kind {
            Const(_) | Var(_) | Primed(_) | Gather { .. } | Local(_) | Infinite(_) => {}
            GatherApply { arg, .. } => arg.visit(f),
            Not(a) | Neg(a) | Powerset(a) | BigUnion(a) | Domain(a) | SeqSet(a) | Field(a, _) => {
                a.visit(f)
            }
            Memo { body, .. } | Defer { body, .. } => body.visit(f),
            Force { value, .. } => value.visit(f),
            Implies(a, b)
            | Equiv(a, b)
            | Eq(a, b)
            | Neq(a, b)
            | Cmp(_, a, b)
            | Arith(_, a, b)
            | In(a, b)
            | NotIn(a, b)
            | Range(a, b)
            | SetOp(_, a, b)
            | Subseteq(a, b)
            | FnApply(a, b)
            | FnSet(a, b)
            | Unchanged(a, b) => {
                a.visit(f);
                b.visit(f);
            }
            And(xs)
            | Or(xs)
            | SetEnum(xs)
            | Tuple(xs)
            | Cross(xs)
            | Builtin(_, xs)
            | Call { args: xs, .. } => xs.iter().for_each(|x| x.visit(f)),
            SetFilter { bound, pred } => {
                bound.set.visit(f);
                pred.visit(f);
            }
            Choose { bound, body } => {
                bound.set.visit(f);
                body.visit(f);
            }
            SetMap { bounds: bs, body }
            | Forall { bounds: bs, body }
            | Exists { bounds: bs, body }
            | FnConstruct { bounds: bs, body } => {
                bounds(bs, f);
                body.visit(f);
            }
            If(a, b, c) => {
                a.visit(f);
                b.visit(f);
                c.visit(f);
            }
            Case { arms, other } => {
                for (p, v) in arms {
                    p.visit(f);
                    v.visit(f);
                }
                if let Some(o) = other {
                    o.visit(f);
                }
            }
            Record(fs) | RecordSet(fs) => fs.iter().for_each(|(_, v)| v.visit(f)),
            Except { base, updates, .. } => {
                base.visit(f);
                for (path, v) in updates {
                    for p in path {
                        if let CPath::Index(i) = p {
                            i.visit(f);
                        }
                    }
                    v.visit(f);
                }
            }
            Named { params, body, .. } => {
                params.iter().for_each(|(_, a)| a.visit(f));
                body.visit(f);
            }
            SelectSeq { seq, pred, .. } => {
                seq.visit(f);
                pred.visit(f);
            }
            Enabled(_) | Compose(_) => {}
        }
    }

    pub fn as_const(&self) -> Option<&Value> {
        match &self.kind {
            CKind::Const(v) => Some(v),
            _ => None,
        }
    }
}

/// A compiled recursive operator: its body runs in a fresh frame of `frame_size` slots whose
/// first slots hold the arguments.
#[derive(Clone, Debug)]
pub struct CompiledOp {
    pub name: String,
    pub arity: usize,
    pub frame_size: u32,
    /// A call's frame starts with a copy of the caller's first `base` slots, then the
    /// arguments: a RECURSIVE operator of a LET reads the bound variables around the LET.
    pub base: u32,
    pub body: Option<CExpr>,
}

/// `v \in set`, an error (as in TLC) when `v` cannot be compared with the set's elements.
fn contains(v: &Value, set: &[Value], span: Span) -> EvalResult<bool> {
    if let Some(first) = set.first() {
        if let Err((ka, kb)) = tlc_eq(v, first) {
            return err(
                span,
                format!(
                    "cannot test whether {} ({}) is in a set holding {} ({})",
                    kind_name(ka),
                    short(v),
                    kind_name(kb),
                    short(first)
                ),
            );
        }
    }
    Ok(set_contains(set, v))
}

/// Whether [`Env::member_value`] tests membership in a set of this kind without building it.
fn tested_lazily(k: &CKind) -> bool {
    use CKind::*;
    matches!(
        k,
        Infinite(_)
            | Range(..)
            | SeqSet(_)
            | FnSet(..)
            | Powerset(_)
            | SetFilter { .. }
            | SetOp(..)
            | BigUnion(_)
            | Cross(_)
            | RecordSet(_)
            | Memo { .. }
            | Defer { .. }
    )
}

/// What a deferred argument's slot holds before its first use: a model value no model can
/// name (model values are identifiers).
fn unevaluated() -> Value {
    static UNEVALUATED: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from(""));
    Value::Model(UNEVALUATED.clone())
}

fn is_unevaluated(v: &Value) -> bool {
    matches!(v, Value::Model(m) if m.is_empty())
}

/// Mark deferred arguments' slots as not evaluated yet.
pub fn defer(slots: &[u32], f: &mut [Value]) {
    for s in slots {
        f[*s as usize] = unevaluated();
    }
}

/// What an expression reads: the current state, maybe the next one, the frame's bound
/// variables, and the recursive operators.
pub struct Env<'a> {
    pub cur: &'a [Value],
    pub next: Option<&'a [Value]>,
    pub ops: &'a [CompiledOp],
    pub depth: u32,
    /// The values of the [`CKind::Memo`] definitions evaluated so far in `cur`.
    pub memo: Memo<'a>,
}

/// The values of memoised definitions in one state, by id.
pub type MemoTable = RefCell<Vec<Option<Value>>>;

/// An environment's memo table: its own (a new state), or one it shares with the evaluations
/// around it in the same state (a step's conjuncts, a recursive operator's body).
pub enum Memo<'a> {
    Own(MemoTable),
    Shared(&'a MemoTable),
}

impl<'a> Memo<'a> {
    /// An empty table, for a state not evaluated in before.
    pub fn new() -> Memo<'a> {
        Memo::Own(RefCell::new(Vec::new()))
    }

    pub fn table(&self) -> &MemoTable {
        match self {
            Memo::Own(t) => t,
            Memo::Shared(t) => t,
        }
    }

    fn get(&self, id: u32) -> Option<Value> {
        self.table().borrow().get(id as usize).cloned().flatten()
    }

    fn put(&self, id: u32, v: Value) {
        let mut t = self.table().borrow_mut();
        if t.len() <= id as usize {
            t.resize(id as usize + 1, None);
        }
        t[id as usize] = Some(v);
    }
}

impl Default for Memo<'_> {
    fn default() -> Self {
        Memo::new()
    }
}

const MAX_CALL_DEPTH: u32 = 2_000;

impl<'a> Env<'a> {
    /// The value of `e`, its bound variables read from the frame `f`. The trivial kinds are
    /// evaluated here; every other kind has its own method below, grouped by family.
    pub fn eval(&self, e: &CExpr, f: &mut Vec<Value>) -> EvalResult<Value> {
        use CKind::*;
        let span = e.span;
        match &e.kind {
            // Names.
            Const(v) => Ok(v.clone()),
            Var(s) => Ok(self.cur[*s as usize].clone()),
            Local(s) => Ok(f[*s as usize].clone()),
            Primed(s) => Ok(self.state(true, span)?[*s as usize].clone()),
            Gather { pairs, primed } => self.eval_gather(pairs, *primed, span),
            GatherApply { pairs, primed, arg } => {
                self.eval_gather_apply(pairs, *primed, arg, span, f)
            }
            // Logic and arithmetic.
            Not(a) => Ok(Value::Bool(!self.bool(a, f)?)),
            And(items) => self.eval_and(items, f),
            Or(items) => self.eval_or(items, f),
            Implies(a, b) => Ok(Value::Bool(!self.bool(a, f)? || self.bool(b, f)?)),
            Equiv(a, b) => Ok(Value::Bool(self.bool(a, f)? == self.bool(b, f)?)),
            Eq(a, b) => Ok(Value::Bool(self.equal(span, a, b, f)?)),
            Neq(a, b) => Ok(Value::Bool(!self.equal(span, a, b, f)?)),
            In(x, s) => Ok(Value::Bool(self.member(x, s, f)?)),
            NotIn(x, s) => Ok(Value::Bool(!self.member(x, s, f)?)),
            Cmp(op, a, b) => self.eval_cmp(*op, a, b, f),
            Neg(a) => self.eval_neg(a, span, f),
            Arith(op, a, b) => self.eval_arith(*op, a, b, span, f),
            // Quantifiers.
            Forall { bounds, body } => self.eval_forall(bounds, body, f),
            Exists { bounds, body } => self.eval_exists(bounds, body, f),
            Choose { bound, body } => self.eval_choose(bound, body, span, f),
            // Sets.
            SetEnum(items) => Ok(Value::set(self.eval_list(items, f)?)),
            Range(a, b) => self.eval_range(a, b, span, f),
            SetOp(op, a, b) => self.eval_set_op(*op, a, b, f),
            Subseteq(a, b) => self.eval_subseteq(a, b, f),
            Powerset(a) => self.eval_powerset(a, span, f),
            BigUnion(a) => self.eval_big_union(a, span, f),
            SetFilter { bound, pred } => self.eval_set_filter(bound, pred, f),
            SetMap { bounds, body } => self.eval_set_map(bounds, body, f),
            Cross(items) => self.eval_cross(items, span, f),
            FnSet(d, r) => self.eval_fn_set(d, r, span, f),
            RecordSet(fields) => self.eval_record_set(fields, span, f),
            SeqSet(_) => err(
                span,
                "Seq(S) is infinite: it can only be used on the right of \\in",
            ),
            Infinite(s) => infinite(*s, span),
            // Functions, records and sequences.
            Domain(a) => self.eval_domain(a, span, f),
            FnConstruct { bounds, body } => self.eval_fn_construct(bounds, body, f),
            FnApply(fun, arg) => self.eval_fn_apply(fun, arg, span, f),
            Record(fields) => self.eval_record(fields, f),
            Field(r, name) => self.eval_field(r, name, span, f),
            Except { base, updates, at } => self.eval_except(base, updates, *at, f),
            Tuple(items) => Ok(Value::Seq(Arc::new(self.eval_list(items, f)?))),
            Builtin(b, args) => self.builtin(*b, args, span, f),
            SelectSeq { seq, slot, pred } => self.eval_select_seq(seq, *slot, pred, span, f),
            // Control.
            If(c, t, el) => {
                if self.bool(c, f)? {
                    self.eval(t, f)
                } else {
                    self.eval(el, f)
                }
            }
            Case { arms, other } => self.eval_case(arms, other.as_deref(), span, f),
            Defer { slots, body } => {
                defer(slots, f);
                self.eval(body, f)
            }
            Force { slot, value } => self.force(*slot, value, f),
            Memo { id, body } => {
                if let Some(v) = self.memo.get(*id) {
                    return Ok(v);
                }
                let v = self.eval(body, f)?;
                self.memo.put(*id, v.clone());
                Ok(v)
            }
            Call { op, args } => self.eval_call(*op, args, span, f),
            Unchanged(p, c) => Ok(Value::Bool(self.eval(p, f)? == self.eval(c, f)?)),
            Named { body, .. } => self.eval(body, f),
            Enabled(a) => Ok(Value::Bool(self.enabled(a, span, f)?)),
            Compose(c) => Ok(Value::Bool(self.composition(c, span, f)?)),
        }
    }

    // Names.

    /// The current state, or the next one (`primed`), which only an action has.
    #[inline]
    fn state(&self, primed: bool, span: Span) -> EvalResult<&'a [Value]> {
        match (primed, self.next) {
            (false, _) => Ok(self.cur),
            (true, Some(n)) => Ok(n),
            (true, None) => err(span, "a primed variable is only meaningful in an action"),
        }
    }

    fn eval_gather(&self, pairs: &[(Value, u32)], primed: bool, span: Span) -> EvalResult<Value> {
        let st = self.state(primed, span)?;
        Ok(Value::func(
            pairs
                .iter()
                .map(|(k, s)| (k.clone(), st[*s as usize].clone()))
                .collect(),
        ))
    }

    #[inline]
    fn eval_gather_apply(
        &self,
        pairs: &[(Value, u32)],
        primed: bool,
        arg: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let key = self.eval(arg, f)?;
        let st = self.state(primed, span)?;
        match gathered_slot(pairs, &key) {
            Some(s) => Ok(st[s as usize].clone()),
            None => err(
                span,
                format!("{key} is not a process id, so it is not in the domain"),
            ),
        }
    }

    // Logic and arithmetic.

    #[inline]
    fn eval_and(&self, items: &[CExpr], f: &mut Vec<Value>) -> EvalResult<Value> {
        for it in items {
            if !self.bool(it, f)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    }

    #[inline]
    fn eval_or(&self, items: &[CExpr], f: &mut Vec<Value>) -> EvalResult<Value> {
        for it in items {
            if self.bool(it, f)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    }

    #[inline]
    fn eval_cmp(&self, op: Cmp, a: &CExpr, b: &CExpr, f: &mut Vec<Value>) -> EvalResult<Value> {
        let (x, y) = (self.int(a, f)?, self.int(b, f)?);
        Ok(Value::Bool(match op {
            Cmp::Lt => x < y,
            Cmp::Le => x <= y,
            Cmp::Gt => x > y,
            Cmp::Ge => x >= y,
        }))
    }

    #[inline]
    fn eval_neg(&self, a: &CExpr, span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let i = self.int(a, f)?;
        let r = i.checked_neg().filter(|r| fits(*r));
        Ok(Value::Int(
            r.ok_or_else(|| overflow(span, format!("-{i}")))?,
        ))
    }

    #[inline]
    fn eval_arith(
        &self,
        op: Arith,
        a: &CExpr,
        b: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let (x, y) = (self.int(a, f)?, self.int(b, f)?);
        Ok(Value::Int(arith(op, x, y, span)?))
    }

    // Quantifiers.

    fn eval_forall(
        &self,
        bounds: &[CBound],
        body: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut all = true;
        self.for_each_binding(bounds, f, &mut |env, f| {
            if !env.bool(body, f)? {
                all = false;
                return Ok(false);
            }
            Ok(true)
        })?;
        Ok(Value::Bool(all))
    }

    fn eval_exists(
        &self,
        bounds: &[CBound],
        body: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut any = false;
        self.for_each_binding(bounds, f, &mut |env, f| {
            if env.bool(body, f)? {
                any = true;
                return Ok(false);
            }
            Ok(true)
        })?;
        Ok(Value::Bool(any))
    }

    fn eval_choose(
        &self,
        bound: &CBound,
        body: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let s = self.set(&bound.set, f)?;
        for v in s.iter() {
            self.bind(&bound.pattern, v, f, bound.set.span)?;
            if self.bool(body, f)? {
                return Ok(v.clone());
            }
        }
        err(span, "CHOOSE found no value satisfying its condition")
    }

    // Sets.

    /// The values of `items`, in order (the elements of a set or a tuple).
    #[inline]
    fn eval_list(&self, items: &[CExpr], f: &mut Vec<Value>) -> EvalResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(self.eval(it, f)?);
        }
        Ok(out)
    }

    fn eval_range(
        &self,
        a: &CExpr,
        b: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let (lo, hi) = (self.int(a, f)?, self.int(b, f)?);
        // In i128: the length of `-2^63..2^63-1` does not fit in an i64.
        if hi as i128 - lo as i128 >= MAX_ENUMERATION as i128 {
            return err(
                span,
                format!("the interval {lo}..{hi} is too large to build"),
            );
        }
        Ok(Value::Set(Arc::new((lo..=hi).map(Value::Int).collect())))
    }

    fn eval_set_op(
        &self,
        op: SetOp,
        a: &CExpr,
        b: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let (x, y) = (self.set(a, f)?, self.set(b, f)?);
        Ok(match op {
            SetOp::Cup => Value::Set(Arc::new(set_union(&x, &y))),
            SetOp::Cap => Value::Set(Arc::new(
                x.iter().filter(|v| set_contains(&y, v)).cloned().collect(),
            )),
            SetOp::Minus => Value::Set(Arc::new(
                x.iter().filter(|v| !set_contains(&y, v)).cloned().collect(),
            )),
        })
    }

    fn eval_subseteq(&self, a: &CExpr, b: &CExpr, f: &mut Vec<Value>) -> EvalResult<Value> {
        let x = self.set(a, f)?;
        match &b.kind {
            // `S \subseteq Nat` and friends: test each element.
            CKind::Infinite(_)
            | CKind::SeqSet(_)
            | CKind::FnSet(..)
            | CKind::Powerset(_)
            | CKind::RecordSet(_) => {
                for v in x.iter() {
                    if !self.member_value(v, b, f)? {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }
            _ => {
                let y = self.set(b, f)?;
                Ok(Value::Bool(x.iter().all(|v| set_contains(&y, v))))
            }
        }
    }

    fn eval_powerset(&self, a: &CExpr, span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let s = self.set(a, f)?;
        if s.len() > 22 {
            return err(
                span,
                format!(
                    "SUBSET of a set of {} elements is too large to build",
                    s.len()
                ),
            );
        }
        let mut out = Vec::with_capacity(1 << s.len());
        for mask in 0u64..(1u64 << s.len()) {
            poll(span)?;
            out.push(Value::Set(Arc::new(
                s.iter()
                    .enumerate()
                    .filter(|(i, _)| mask >> i & 1 == 1)
                    .map(|(_, v)| v.clone())
                    .collect(),
            )));
        }
        Ok(Value::set(out))
    }

    fn eval_big_union(&self, a: &CExpr, span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let s = self.set(a, f)?;
        let mut out = Vec::new();
        for v in s.iter() {
            match v {
                Value::Set(inner) => out.extend(inner.iter().cloned()),
                other => {
                    return err(
                        span,
                        format!("UNION needs a set of sets, and {other} is not a set"),
                    )
                }
            }
        }
        Ok(Value::set(out))
    }

    fn eval_set_filter(
        &self,
        bound: &CBound,
        pred: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let s = self.set(&bound.set, f)?;
        let mut out = Vec::new();
        for v in s.iter() {
            self.bind(&bound.pattern, v, f, bound.set.span)?;
            if self.bool(pred, f)? {
                out.push(v.clone());
            }
        }
        Ok(Value::Set(Arc::new(out)))
    }

    fn eval_set_map(
        &self,
        bounds: &[CBound],
        body: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut out = Vec::new();
        self.for_each_binding(bounds, f, &mut |env, f| {
            out.push(env.eval(body, f)?);
            Ok(true)
        })?;
        Ok(Value::set(out))
    }

    /// `S \X T \X ...`
    fn eval_cross(&self, items: &[CExpr], span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let mut sets = Vec::with_capacity(items.len());
        for it in items {
            sets.push(self.set(it, f)?);
        }
        match product_size(sets.iter().map(|s| s.len())) {
            0 => return Ok(Value::set(vec![])),
            n if n > MAX_ENUMERATION => {
                return err(span, "this cartesian product is too large to build")
            }
            _ => {}
        }
        let mut out = vec![Vec::new()];
        for s in &sets {
            let mut next = Vec::with_capacity(out.len() * s.len());
            for prefix in &out {
                for v in s.iter() {
                    poll(span)?;
                    let mut t = prefix.clone();
                    t.push(v.clone());
                    next.push(t);
                }
            }
            out = next;
        }
        Ok(Value::set(
            out.into_iter().map(|t| Value::Seq(Arc::new(t))).collect(),
        ))
    }

    /// `[D -> R]`
    fn eval_fn_set(
        &self,
        d: &CExpr,
        r: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let dom = self.set(d, f)?;
        let range = self.set(r, f)?;
        let total = (range.len() as f64).powi(dom.len() as i32);
        if total > MAX_ENUMERATION as f64 {
            return err(
                span,
                format!("the set of functions has {total:.0} elements: too many to build"),
            );
        }
        let mut out: Vec<Vec<(Value, Value)>> = vec![Vec::new()];
        for k in dom.iter() {
            let mut next = Vec::with_capacity(out.len() * range.len());
            for prefix in &out {
                for v in range.iter() {
                    poll(span)?;
                    let mut p = prefix.clone();
                    p.push((k.clone(), v.clone()));
                    next.push(p);
                }
            }
            out = next;
        }
        Ok(Value::set(out.into_iter().map(Value::func).collect()))
    }

    /// `[a : S, b : T, ...]`
    fn eval_record_set(
        &self,
        fields: &[(Arc<str>, CExpr)],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut sets = Vec::with_capacity(fields.len());
        for (k, s) in fields {
            sets.push((k, self.set(s, f)?));
        }
        match product_size(sets.iter().map(|(_, s)| s.len())) {
            0 => return Ok(Value::set(vec![])),
            n if n > MAX_ENUMERATION => {
                return err(span, "this set of records is too large to build")
            }
            _ => {}
        }
        let mut out: Vec<Vec<(Arc<str>, Value)>> = vec![Vec::new()];
        for (k, set) in sets {
            let mut next = Vec::with_capacity(out.len() * set.len());
            for prefix in &out {
                for v in set.iter() {
                    poll(span)?;
                    let mut p = prefix.clone();
                    p.push((k.clone(), v.clone()));
                    next.push(p);
                }
            }
            out = next;
        }
        Ok(Value::set(out.into_iter().map(Value::record).collect()))
    }

    // Functions, records and sequences.

    fn eval_domain(&self, a: &CExpr, span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let v = self.eval(a, f)?;
        match v.domain() {
            Some(d) => Ok(d),
            None => err(span, format!("DOMAIN needs a function, and {v} is not one")),
        }
    }

    fn eval_fn_construct(
        &self,
        bounds: &[CBound],
        body: &CExpr,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut pairs = Vec::new();
        self.for_each_binding(bounds, f, &mut |env, f| {
            let key = bound_key(bounds, f);
            pairs.push((key, env.eval(body, f)?));
            Ok(true)
        })?;
        Ok(Value::func(pairs))
    }

    #[inline]
    fn eval_fn_apply(
        &self,
        fun: &CExpr,
        arg: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let fv = self.eval(fun, f)?;
        let x = self.eval(arg, f)?;
        match fv.apply(&x) {
            Some(v) => Ok(v.clone()),
            None => not_applicable(&fv, &x, span),
        }
    }

    fn eval_record(&self, fields: &[(Arc<str>, CExpr)], f: &mut Vec<Value>) -> EvalResult<Value> {
        let mut out = Vec::with_capacity(fields.len());
        for (k, v) in fields {
            out.push((k.clone(), self.eval(v, f)?));
        }
        Ok(Value::record(out))
    }

    #[inline]
    fn eval_field(
        &self,
        r: &CExpr,
        name: &Arc<str>,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let rv = self.eval(r, f)?;
        match rv.apply(&Value::Str(name.clone())) {
            Some(v) => Ok(v.clone()),
            None => err(span, format!("{} has no field `{name}`", short(&rv))),
        }
    }

    fn eval_except(
        &self,
        base: &CExpr,
        updates: &[(Vec<CPath>, CExpr)],
        at: u32,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let mut v = self.eval(base, f)?;
        for (path, val) in updates {
            v = self.update_path(v, path, val, at, f)?;
        }
        Ok(v)
    }

    fn eval_select_seq(
        &self,
        seq: &CExpr,
        slot: u32,
        pred: &CExpr,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        // As in TLC, a string is the sequence of its characters (and the result a sequence).
        let s = match self.eval(seq, f)? {
            Value::Str(s) => Arc::new(characters(&s)),
            other => as_seq(other, seq)?,
        };
        let mut out = Vec::new();
        for v in s.iter() {
            poll(span)?;
            f[slot as usize] = v.clone();
            if self.bool(pred, f)? {
                out.push(v.clone());
            }
        }
        Ok(Value::Seq(Arc::new(out)))
    }

    // Control.

    fn eval_case(
        &self,
        arms: &[(CExpr, CExpr)],
        other: Option<&CExpr>,
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        for (c, v) in arms {
            if self.bool(c, f)? {
                return self.eval(v, f);
            }
        }
        match other {
            Some(o) => self.eval(o, f),
            None => err(span, "no CASE arm applies and there is no OTHER"),
        }
    }

    /// A call of a recursive operator: its arguments are evaluated into a fresh frame.
    fn eval_call(
        &self,
        op: u32,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        poll(span)?;
        let o = &self.ops[op as usize];
        if self.depth >= MAX_CALL_DEPTH {
            return err(
                span,
                format!(
                    "recursion of `{}` is more than {MAX_CALL_DEPTH} calls deep",
                    o.name
                ),
            );
        }
        let base = (o.base as usize).min(f.len());
        let size = (o.frame_size as usize).max(base + args.len());
        let mut frame = vec![Value::Bool(false); size];
        frame[..base].clone_from_slice(&f[..base]);
        for (i, a) in args.iter().enumerate() {
            frame[base + i] = self.eval(a, f)?;
        }
        let inner = Env {
            cur: self.cur,
            next: self.next,
            ops: self.ops,
            depth: self.depth + 1,
            memo: Memo::Shared(self.memo.table()),
        };
        match &o.body {
            Some(b) => inner.eval(b, &mut frame),
            None => err(span, format!("`{}` could not be compiled", o.name)),
        }
    }

    pub fn bool(&self, e: &CExpr, f: &mut Vec<Value>) -> EvalResult<bool> {
        match self.eval(e, f)? {
            Value::Bool(b) => Ok(b),
            other => err(
                e.span,
                format!(
                    "expected a boolean here, but the value is {}",
                    short(&other)
                ),
            ),
        }
    }

    pub fn int(&self, e: &CExpr, f: &mut Vec<Value>) -> EvalResult<i64> {
        match self.eval(e, f)? {
            Value::Int(i) => Ok(i),
            other => err(
                e.span,
                format!(
                    "expected an integer here, but the value is {}",
                    short(&other)
                ),
            ),
        }
    }

    pub fn set(&self, e: &CExpr, f: &mut Vec<Value>) -> EvalResult<Arc<Vec<Value>>> {
        match self.eval(e, f)? {
            Value::Set(s) => Ok(s),
            other => err(
                e.span,
                format!("expected a set here, but the value is {}", short(&other)),
            ),
        }
    }

    fn equal(&self, span: Span, a: &CExpr, b: &CExpr, f: &mut Vec<Value>) -> EvalResult<bool> {
        let (x, y) = (self.eval(a, f)?, self.eval(b, f)?);
        tlc_eq(&x, &y).or_else(|(ka, kb)| {
            err(
                span,
                format!(
                    "cannot compare {} ({}) with {} ({})",
                    kind_name(ka),
                    short(&x),
                    kind_name(kb),
                    short(&y)
                ),
            )
        })
    }

    fn member(&self, x: &CExpr, s: &CExpr, f: &mut Vec<Value>) -> EvalResult<bool> {
        let v = self.eval(x, f)?;
        self.member_value(&v, s, f)
    }

    /// A deferred argument's value: evaluated (and kept in its slot) at its first use.
    pub fn force(&self, slot: u32, value: &CExpr, f: &mut Vec<Value>) -> EvalResult<Value> {
        if !is_unevaluated(&f[slot as usize]) {
            return Ok(f[slot as usize].clone());
        }
        let v = self.eval(value, f)?;
        f[slot as usize] = v.clone();
        Ok(v)
    }

    /// `v \in S`, without building `S` when it is infinite or large.
    pub fn member_value(&self, v: &Value, s: &CExpr, f: &mut Vec<Value>) -> EvalResult<bool> {
        use CKind::*;
        Ok(match &s.kind {
            Defer { slots, body } => {
                defer(slots, f);
                self.member_value(v, body, f)?
            }
            // A memoised set: its value when it has one, else tested as its body is when that
            // is tested without building it, else built (and kept).
            Memo { id, body } => match self.memo.get(*id) {
                Some(Value::Set(items)) => contains(v, &items, s.span)?,
                None if tested_lazily(&body.kind) => self.member_value(v, body, f)?,
                _ => contains(v, &self.set(s, f)?, s.span)?,
            },
            Infinite(set) => in_infinite(*set, v, s.span)?,
            Range(a, b) => {
                let (lo, hi) = (self.int(a, f)?, self.int(b, f)?);
                match v {
                    Value::Int(i) => lo <= *i && *i <= hi,
                    Value::Model(_) => false,
                    // As in TLC (and as for an interval built as a set): an error, not FALSE.
                    other => {
                        return err(
                            s.span,
                            format!(
                            "cannot test whether {} ({}) is in {lo}..{hi}: it is not an integer",
                            kind_name(other.kind()),
                            short(other)
                        ),
                        )
                    }
                }
            }
            SeqSet(inner) => {
                // As in TLC, a string is the sequence of its characters: `"ab" \in Seq(STRING)`.
                let chars;
                let items = match v {
                    Value::Seq(items) => items.as_slice(),
                    Value::Str(s) => {
                        chars = characters(s);
                        chars.as_slice()
                    }
                    _ => return Ok(false),
                };
                for it in items {
                    if !self.member_value(it, inner, f)? {
                        return Ok(false);
                    }
                }
                true
            }
            FnSet(d, r) => {
                if !v.is_function() {
                    return Ok(false);
                }
                let dom = self.eval(d, f)?;
                if v.domain().as_ref() != Some(&dom) {
                    return Ok(false);
                }
                for (_, val) in v.pairs() {
                    if !self.member_value(&val, r, f)? {
                        return Ok(false);
                    }
                }
                true
            }
            Powerset(inner) => match v {
                Value::Set(items) => {
                    for it in items.iter() {
                        if !self.member_value(it, inner, f)? {
                            return Ok(false);
                        }
                    }
                    true
                }
                _ => false,
            },
            Builtin(self::Builtin::Tlc(op), _) if self.tlc_member(*op).is_some() => {
                self.tlc_member(*op).unwrap_or(false)
            }
            // As TLC does, without building the set: `v \in {x \in S : P}` is `v \in S`
            // and `P` of `v` (so `S` may be infinite).
            SetFilter { bound, pred } if matches!(bound.pattern, CPattern::Slots(ref s) if s.len() == 1) =>
            {
                if !self.member_value(v, &bound.set, f)? {
                    return Ok(false);
                }
                self.bind(&bound.pattern, v, f, bound.set.span)?;
                self.bool(pred, f)?
            }
            // As TLC: in either side is TRUE even where the other cannot tell (`"n" \in Nat
            // \cup {"n"}`); in neither is that side's error, if one has one.
            SetOp(self::SetOp::Cup, a, b) => match self.member_value(v, a, f) {
                Ok(true) => true,
                first => match self.member_value(v, b, f)? {
                    true => true,
                    false => first?,
                },
            },
            SetOp(self::SetOp::Cap, a, b) => {
                self.member_value(v, a, f)? && self.member_value(v, b, f)?
            }
            SetOp(self::SetOp::Minus, a, b) => {
                self.member_value(v, a, f)? && !self.member_value(v, b, f)?
            }
            // `v \in UNION {S1, ..., Sn}` is `v \in S1 \/ ... \/ v \in Sn`, so each `Si` may be
            // infinite (`UNION {[0..3 -> Int \cup {NULL}]}`, Disruptor's RingBuffer).
            BigUnion(sets) if matches!(sets.kind, SetEnum(_)) => {
                let SetEnum(xs) = &sets.kind else {
                    unreachable!("matched above")
                };
                for x in xs {
                    if self.member_value(v, x, f)? {
                        return Ok(true);
                    }
                }
                false
            }
            // `v \in UNION {e : x \in D}` is `\E x \in D : v \in e`: no `e` is built
            // (`UNION {[1..n -> S] : n \in 1..8}`, a bounded `Seq(S)`).
            BigUnion(sets) if matches!(sets.kind, SetMap { .. }) => {
                let SetMap { bounds, body } = &sets.kind else {
                    unreachable!("matched above")
                };
                let mut found = false;
                self.for_each_binding(bounds, f, &mut |env, f| {
                    found = env.member_value(v, body, f)?;
                    Ok(!found)
                })?;
                found
            }
            // As TLC does, without building the product (its factors may be infinite).
            Cross(factors) => match v {
                Value::Seq(items) if items.len() == factors.len() => {
                    for (it, set) in items.iter().zip(factors) {
                        if !self.member_value(it, set, f)? {
                            return Ok(false);
                        }
                    }
                    true
                }
                _ => false,
            },
            RecordSet(fields) => match v {
                Value::Record(r) if r.len() == fields.len() => {
                    for (k, set) in fields {
                        match v.apply(&Value::Str(k.clone())) {
                            Some(fv) => {
                                if !self.member_value(fv, set, f)? {
                                    return Ok(false);
                                }
                            }
                            None => return Ok(false),
                        }
                    }
                    let _ = r;
                    true
                }
                _ => false,
            },
            _ => contains(v, &self.set(s, f)?, s.span)?,
        })
    }

    /// Bind a pattern's slots to one element of its set.
    fn bind(&self, p: &CPattern, v: &Value, f: &mut [Value], span: Span) -> EvalResult<()> {
        poll(span)?;
        match p {
            CPattern::Slots(slots) => {
                // Only single-slot patterns reach here (multi-slot ones iterate each slot).
                f[slots[0] as usize] = v.clone();
            }
            CPattern::Tuple(slots) => match v {
                Value::Seq(items) if items.len() == slots.len() => {
                    for (s, it) in slots.iter().zip(items.iter()) {
                        f[*s as usize] = it.clone();
                    }
                }
                other => {
                    return err(
                        span,
                        format!(
                            "cannot match {} against a tuple of {} names",
                            short(other),
                            slots.len()
                        ),
                    )
                }
            },
        }
        Ok(())
    }

    /// Run `body` for every combination of the bounds' values; `body` returns `false` to stop.
    pub fn for_each_binding(
        &self,
        bounds: &[CBound],
        f: &mut Vec<Value>,
        body: &mut dyn FnMut(&Env<'a>, &mut Vec<Value>) -> EvalResult<bool>,
    ) -> EvalResult<bool> {
        // Flatten `x, y \in S` into one level per slot.
        let mut levels: Vec<(&CPattern, usize, &CExpr)> = Vec::new();
        for b in bounds {
            match &b.pattern {
                CPattern::Slots(slots) => {
                    for i in 0..slots.len() {
                        levels.push((&b.pattern, i, &b.set));
                    }
                }
                CPattern::Tuple(_) => levels.push((&b.pattern, 0, &b.set)),
            }
        }
        self.bind_levels(&levels, f, body)
    }

    fn bind_levels(
        &self,
        levels: &[(&CPattern, usize, &CExpr)],
        f: &mut Vec<Value>,
        body: &mut dyn FnMut(&Env<'a>, &mut Vec<Value>) -> EvalResult<bool>,
    ) -> EvalResult<bool> {
        let Some(((pat, i, set), rest)) = levels.split_first() else {
            return body(self, f);
        };
        let s = self.set(set, f)?;
        for v in s.iter() {
            poll(set.span)?;
            match pat {
                CPattern::Slots(slots) => f[slots[*i] as usize] = v.clone(),
                CPattern::Tuple(_) => self.bind(pat, v, f, set.span)?,
            }
            if !self.bind_levels(rest, f, body)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn update_path(
        &self,
        base: Value,
        path: &[CPath],
        val: &CExpr,
        at: u32,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let Some((first, rest)) = path.split_first() else {
            f[at as usize] = base;
            return self.eval(val, f);
        };
        let (key, span) = match first {
            CPath::Field(name) => (Value::Str(name.clone()), val.span),
            CPath::Index(e) => (self.eval(e, f)?, e.span),
        };
        let Some(old) = base.apply(&key).cloned() else {
            return err(
                span,
                format!("EXCEPT: {key} is not in the domain of {}", short(&base)),
            );
        };
        let new = self.update_path(old, rest, val, at, f)?;
        Ok(base
            .except(&key, new)
            .expect("key was just found in the domain"))
    }

    /// `Len`, `Append`, `Head`, `Tail`, `SubSeq` and `\o` on a sequence `s` (the first
    /// argument's value).
    fn seq_builtin(
        &self,
        b: Builtin,
        mut s: Arc<Vec<Value>>,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        use self::Builtin::*;
        Ok(match b {
            Len => Value::Int(s.len() as i64),
            Append => {
                let v = self.eval(&args[1], f)?;
                Arc::make_mut(&mut s).push(v);
                Value::Seq(s)
            }
            Head => match s.first() {
                Some(v) => v.clone(),
                None => return err(span, "Head of the empty sequence <<>>"),
            },
            Tail if s.is_empty() => return err(span, "Tail of the empty sequence <<>>"),
            Tail => Value::Seq(Arc::new(s[1..].to_vec())),
            SubSeq => {
                let (m, n) = (self.int(&args[1], f)?, self.int(&args[2], f)?);
                let range = sub_range(m, n, s.len(), "sequence", span)?;
                Value::Seq(Arc::new(s[range].to_vec()))
            }
            _ => {
                // `s \o t`; as in TLC, a string `t` is the sequence of its characters.
                let tail = match self.eval(&args[1], f)? {
                    Value::Str(t) => characters(&t),
                    other => as_seq(other, &args[1])?.as_ref().clone(),
                };
                Arc::make_mut(&mut s).extend(tail);
                Value::Seq(s)
            }
        })
    }

    /// `Len`, `Append`, `Head`, `Tail`, `SubSeq` and `\o` on a string, as TLC applies them:
    /// a string is the sequence of its characters, and what they build is a string (so
    /// `Append` and `\o` take a string).
    fn string_builtin(
        &self,
        b: Builtin,
        s: &str,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        use self::Builtin::*;
        let chars: Vec<char> = s.chars().collect();
        let string = |cs: &[char]| Value::str(&cs.iter().collect::<String>());
        Ok(match b {
            Len => Value::Int(chars.len() as i64),
            Head | Tail if chars.is_empty() => {
                let name = if b == Head { "Head" } else { "Tail" };
                return err(span, format!("{name} of the empty string \"\""));
            }
            Head => string(&chars[..1]),
            Tail => string(&chars[1..]),
            SubSeq => {
                let (m, n) = (self.int(&args[1], f)?, self.int(&args[2], f)?);
                string(&chars[sub_range(m, n, chars.len(), "string", span)?])
            }
            _ => match self.eval(&args[1], f)? {
                Value::Str(t) => Value::str(&format!("{s}{t}")),
                other => {
                    let what = if b == Append {
                        "Append to"
                    } else {
                        "\\o after"
                    };
                    return err(
                        args[1].span,
                        format!(
                            "{what} a string needs a string, but the value is {}",
                            short(&other)
                        ),
                    );
                }
            },
        })
    }

    fn builtin(
        &self,
        b: Builtin,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        use self::Builtin::*;
        Ok(match b {
            Len | Append | Head | Tail | SubSeq | Concat => {
                return match self.eval(&args[0], f)? {
                    Value::Str(s) => self.string_builtin(b, &s, args, span, f),
                    first => self.seq_builtin(b, as_seq(first, &args[0])?, args, span, f),
                }
            }
            Cardinality => Value::Int(self.set(&args[0], f)?.len() as i64),
            IsFiniteSet => match &args[0].kind {
                CKind::Infinite(_) | CKind::SeqSet(_) => Value::Bool(false),
                _ => {
                    self.set(&args[0], f)?;
                    Value::Bool(true)
                }
            },
            ToString => Value::str(&self.eval(&args[0], f)?.to_string()),
            MapsTo => {
                let (k, v) = (self.eval(&args[0], f)?, self.eval(&args[1], f)?);
                Value::func(vec![(k, v)])
            }
            Merge => {
                let (a, b) = (self.eval(&args[0], f)?, self.eval(&args[1], f)?);
                if !a.is_function() || !b.is_function() {
                    return err(span, "@@ needs two functions");
                }
                let mut pairs = a.pairs();
                for (k, v) in b.pairs() {
                    if a.apply(&k).is_none() {
                        pairs.push((k, v));
                    }
                }
                Value::func(pairs)
            }
            Permutations => {
                let s = self.set(&args[0], f)?;
                if s.len() > 8 {
                    return err(
                        span,
                        "Permutations of more than 8 elements is too large to build",
                    );
                }
                let mut out = Vec::new();
                permute(&mut s.as_ref().clone(), 0, &s, &mut out);
                Value::set(out)
            }
            Print => {
                let out = self.eval(&args[0], f)?;
                // As TLC prints: a string without its quotes.
                match &out {
                    Value::Str(s) => crate::eval::run::print(s),
                    other => crate::eval::run::print(&other.to_string()),
                }
                self.eval(&args[1], f)?
            }
            Assert => {
                if !self.bool(&args[0], f)? {
                    let msg = self.eval(&args[1], f)?;
                    return err(span, format!("Assert failed: {msg}"));
                }
                Value::Bool(true)
            }
            Tlc(op) => return self.tlc_op(op, args, span, f),
            Lib(op) => return self.lib_op(op, args, span, f),
        })
    }
}

fn permute(items: &mut Vec<Value>, k: usize, sorted: &[Value], out: &mut Vec<Value>) {
    if k == items.len() {
        // A permutation of S is a bijection S -> S: the i-th smallest element maps to items[i].
        out.push(Value::func(
            sorted.iter().cloned().zip(items.iter().cloned()).collect(),
        ));
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permute(items, k + 1, sorted, out);
        items.swap(k, i);
    }
}

/// The key of a function built by `[x \in S, y \in T |-> e]`: `x`, or `<<x, y>>`.
fn bound_key(bounds: &[CBound], f: &[Value]) -> Value {
    let mut slots = Vec::new();
    for b in bounds {
        match &b.pattern {
            CPattern::Slots(s) => slots.extend(s.iter().copied()),
            CPattern::Tuple(s) => {
                // `[<<a, b>> \in S |-> e]` keys by the tuple itself.
                return Value::Seq(Arc::new(s.iter().map(|i| f[*i as usize].clone()).collect()));
            }
        }
    }
    if slots.len() == 1 {
        f[slots[0] as usize].clone()
    } else {
        Value::Seq(Arc::new(
            slots.iter().map(|i| f[*i as usize].clone()).collect(),
        ))
    }
}

/// The error of applying `fv` to `x`, which is not in its domain (or `fv` is no function).
#[cold]
fn not_applicable(fv: &Value, x: &Value, span: Span) -> EvalResult<Value> {
    if fv.is_function() {
        err(span, format!("{x} is not in the domain of {}", short(fv)))
    } else {
        err(
            span,
            format!(
                "{} is not a function, so it cannot be applied to {x}",
                short(fv)
            ),
        )
    }
}

/// Whether `v` is in `Nat`, `Int` or `STRING`. As in TLC, a model value is in none of them
/// and any other value of the wrong kind is an error, not FALSE (`"a" \in Nat`).
fn in_infinite(set: InfiniteSet, v: &Value, span: Span) -> EvalResult<bool> {
    match (set, v) {
        (InfiniteSet::Nat, Value::Int(i)) => Ok(*i >= 0),
        (InfiniteSet::Int, Value::Int(_)) | (InfiniteSet::String, Value::Str(_)) => Ok(true),
        (_, Value::Model(_)) => Ok(false),
        (_, other) => err(
            span,
            format!(
                "cannot test whether {} ({}) is in {}: it is not {}",
                kind_name(other.kind()),
                short(other),
                infinite_name(set),
                match set {
                    InfiniteSet::String => "a string",
                    _ => "an integer",
                }
            ),
        ),
    }
}

fn infinite_name(s: InfiniteSet) -> &'static str {
    match s {
        InfiniteSet::Nat => "Nat",
        InfiniteSet::Int => "Int",
        InfiniteSet::String => "STRING",
    }
}

/// The error of building `Nat`, `Int` or `STRING`.
#[cold]
fn infinite(s: InfiniteSet, span: Span) -> EvalResult<Value> {
    let name = infinite_name(s);
    err(
        span,
        format!("{name} is infinite: it can only be used on the right of \\in or \\subseteq"),
    )
}

/// Whether an integer is one of TLC's: 32-bit.
pub fn fits(i: i64) -> bool {
    i32::try_from(i).is_ok()
}

/// A result outside TLC's integers, as TLC says it.
#[cold]
fn overflow(span: Span, computing: String) -> EvalError {
    EvalError {
        span,
        message: format!(
            "integer overflow when computing {computing}: TLC's integers are 32-bit ({}..{})",
            i32::MIN,
            i32::MAX
        ),
    }
}

fn arith(op: Arith, x: i64, y: i64, span: Span) -> EvalResult<i64> {
    let r = match op {
        Arith::Plus => x.checked_add(y),
        Arith::Minus => x.checked_sub(y),
        Arith::Times => x.checked_mul(y),
        Arith::Div => {
            if y == 0 {
                return err(span, "division by zero");
            }
            // TLC's Divide rounds towards minus infinity (for either sign of y), which is
            // neither Rust's `/` nor `div_euclid` when y < 0.
            x.checked_div(y).map(|q| {
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            })
        }
        Arith::Mod => {
            if y <= 0 {
                return err(span, format!("the modulus must be positive, and it is {y}"));
            }
            Some(x.rem_euclid(y))
        }
        Arith::Pow => {
            if y < 0 {
                return err(span, "a negative exponent is not an integer");
            }
            if x == 0 && y == 0 {
                return err(span, "0^0 is undefined");
            }
            u32::try_from(y).ok().and_then(|y| x.checked_pow(y))
        }
    };
    let symbol = match op {
        Arith::Plus => "+",
        Arith::Minus => "-",
        Arith::Times => "*",
        Arith::Div => " \\div ",
        Arith::Mod => "%",
        Arith::Pow => "^",
    };
    r.filter(|r| fits(*r))
        .ok_or_else(|| overflow(span, format!("{x}{symbol}{y}")))
}

/// The characters of a string, each a string of one character.
fn characters(s: &str) -> Vec<Value> {
    s.chars().map(|c| Value::str(&c.to_string())).collect()
}

/// The value of `e` as a sequence.
fn as_seq(v: Value, e: &CExpr) -> EvalResult<Arc<Vec<Value>>> {
    match v {
        Value::Seq(s) => Ok(s),
        other => err(
            e.span,
            format!(
                "expected a sequence here, but the value is {}",
                short(&other)
            ),
        ),
    }
}

/// The elements `SubSeq(s, m, n)` takes of a sequence (or string) of length `len`.
fn sub_range(
    m: i64,
    n: i64,
    len: usize,
    what: &str,
    span: Span,
) -> EvalResult<std::ops::Range<usize>> {
    if m > n {
        Ok(0..0)
    } else if m < 1 || n as usize > len {
        err(
            span,
            format!("SubSeq({m}, {n}) is out of range for a {what} of length {len}"),
        )
    } else {
        Ok(m as usize - 1..n as usize)
    }
}

/// A value shortened for an error message.
pub fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::compile::VarRef;

    /// A process's slot is found by binary search over ids sorted whatever the order of the
    /// process sets (found with 65536 philosophers: a linear search for each of them made the
    /// load quadratic, 8 s).
    #[test]
    fn gathered_slots_are_found_by_id() {
        let ids = [
            Value::str("b"),
            Value::Int(3),
            Value::str("a"),
            Value::Int(1),
        ];
        let VarRef::Gather(pairs) =
            VarRef::gather(ids.iter().cloned().zip([10, 11, 12, 13]).collect())
        else {
            unreachable!()
        };
        for (id, slot) in ids.iter().zip([10, 11, 12, 13]) {
            assert_eq!(gathered_slot(&pairs, id), Some(slot), "{id}");
        }
        assert_eq!(gathered_slot(&pairs, &Value::Int(2)), None);
        assert_eq!(gathered_slot(&pairs, &Value::str("c")), None);
        assert_eq!(gathered_slot(&[], &Value::Int(1)), None);
    }
}
