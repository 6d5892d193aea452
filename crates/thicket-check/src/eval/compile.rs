//! From AST expressions to [`CExpr`]: name resolution to slots, inlining of non-recursive
//! operators (TLA+ operators are substitution, so inlining is exact), constant folding.

use std::collections::HashMap;

use std::sync::Arc;

use thicket_syntax::ast::{
    self, BinOp, BoundPattern, Expr, ExprKind, Junction, OpDef, Quantifier, Span, UnOp,
};

use crate::eval::action::{act, Composition, EnabledAct};
use crate::eval::expr::{
    gathered_slot, Arith, Builtin, CBound, CExpr, CKind, CPath, CPattern, Cmp, CompiledOp, Env,
    InfiniteSet, Memo, SetOp,
};
use crate::eval::value::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

/// How a state variable is read in the current compilation context.
#[derive(Clone, Debug)]
pub enum VarRef {
    Slot(u32),
    /// A function over process ids, one slot per process, sorted by id ([`VarRef::gather`]).
    Gather(Arc<Vec<(Value, u32)>>),
}

impl VarRef {
    /// A function over process ids from its (id, slot) pairs, sorted by id so that a slot is
    /// found by binary search ([`gathered_slot`]): a spec may have tens of thousands of
    /// processes, and each reads its own slots.
    pub fn gather(mut pairs: Vec<(Value, u32)>) -> VarRef {
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        VarRef::Gather(Arc::new(pairs))
    }
}

/// What a name bound in a lexical scope stands for.
#[derive(Clone, Debug)]
pub enum Binding {
    /// A bound variable in the current frame.
    Local(u32),
    /// An operator parameter: the argument expression, substituted.
    Expr(Arc<CExpr>),
    /// A process-local variable of the process instance being compiled.
    Slot(u32),
    /// A LET-defined operator, with the scope it was defined in.
    Op(Arc<LocalOp>),
    /// A LET-defined RECURSIVE operator: the compiled operator it calls.
    Rec(u32),
    /// A LET-defined function that refers to itself (`f[x \in S] == ... f[x - 1] ...`): each
    /// application a call of the compiled operator; the definition for its use as a value.
    RecFn(u32, Arc<OpDef>),
    /// An operator parameter bound to the argument a call passed: compiled, and as written
    /// with the caller's scope, for where the body primes it (`p'` is the argument primed:
    /// applying an operator substitutes its arguments).
    Arg(Arc<Arg>),
    /// An argument evaluated at its first use in the body, then kept in `slot`
    /// ([`CKind::Force`]): a parameter used many times (`Add(p, q)` reads `q` six times)
    /// evaluates its argument once, as in TLC. The flag: it was compiled primed.
    Lazy(u32, Arc<Arg>, bool),
}

#[derive(Debug)]
pub struct Arg {
    pub compiled: CExpr,
    pub expr: Expr,
    pub scope: Vec<(String, Binding)>,
}

#[derive(Debug)]
pub struct LocalOp {
    pub def: OpDef,
    pub captured: Vec<(String, Binding)>,
    /// An operator passed as an argument (a LAMBDA, a symbol, a name): it has no name of its
    /// own, so it cannot call itself, and inlining it twice nested is no recursion.
    pub anonymous: bool,
}

/// A module-level definition (module body or the algorithm's `define` block).
#[derive(Clone, Debug)]
pub struct GlobalDef {
    pub def: OpDef,
}

pub struct Compiler {
    pub defs: HashMap<String, Arc<GlobalDef>>,
    pub constants: HashMap<String, Value>,
    pub substitutions: HashMap<String, String>,
    pub vars: HashMap<String, VarRef>,
    pub scope: Vec<(String, Binding)>,
    next_slot: u32,
    max_slot: u32,
    prime: bool,
    inlining: Vec<String>,
    pub ops: Vec<CompiledOp>,
    op_index: HashMap<String, u32>,
    pub errors: Vec<CompileError>,
    /// Unknown names become model values (reading the model's constant values).
    pub model_values: bool,
    /// Keep the names of inlined action operators (`CKind::Named`), for a TLA+ spec's `Next`.
    pub name_actions: bool,
    /// Names defined where the compiler does not look (the operators of an algorithm's
    /// translation), with why a use of one cannot be evaluated.
    pub not_evaluated: HashMap<String, String>,
    /// The values of the constant definitions evaluated so far (`None`: not one, or its
    /// value is left to each evaluation).
    constant_defs: HashMap<String, Option<Value>>,
    /// The memoised definitions' bodies by name, each with its id ([`CKind::Memo`]).
    memo_ids: HashMap<(String, u128), u32>,
    next_memo: u32,
    /// Inside `ENABLED`: the instance variables it reads, each a state slot of its own after
    /// the spec's, with its image (see [`ExprKind::InstanceVar`]).
    instance_vars: Option<Vec<InstanceSlot>>,
}

/// An instance's variable read inside `ENABLED`: its name and the expression it stands for.
#[derive(Clone, Debug)]
pub struct InstanceSlot {
    pub name: String,
    pub image: CExpr,
}

const BUILTIN_CONSTANTS: &[&str] = &["Nat", "Int", "STRING", "BOOLEAN", "TRUE", "FALSE"];

impl Compiler {
    pub fn new() -> Compiler {
        Compiler {
            defs: HashMap::new(),
            constants: HashMap::new(),
            substitutions: HashMap::new(),
            vars: HashMap::new(),
            scope: Vec::new(),
            next_slot: 0,
            max_slot: 0,
            prime: false,
            inlining: Vec::new(),
            ops: Vec::new(),
            op_index: HashMap::new(),
            errors: Vec::new(),
            model_values: false,
            name_actions: false,
            not_evaluated: HashMap::new(),
            constant_defs: HashMap::new(),
            memo_ids: HashMap::new(),
            next_memo: 0,
            instance_vars: None,
        }
    }

    pub fn add_def(&mut self, def: &OpDef) {
        self.defs.insert(
            def.name.name.clone(),
            Arc::new(GlobalDef { def: def.clone() }),
        );
    }

    /// Start a new frame (an action, an invariant, an initial predicate).
    pub fn begin_frame(&mut self) {
        self.next_slot = 0;
        self.max_slot = 0;
    }

    /// The number of slots the current frame needs.
    pub fn frame_size(&self) -> u32 {
        self.max_slot
    }

    pub fn alloc_slot(&mut self) -> u32 {
        let s = self.next_slot;
        self.next_slot += 1;
        self.max_slot = self.max_slot.max(self.next_slot);
        s
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> CExpr {
        self.errors.push(CompileError {
            span,
            message: message.into(),
            hint: None,
        });
        CExpr::constant(Value::Bool(false), span)
    }

    /// Compile an expression with every state variable read in the next state (a TLA+ spec's
    /// `Init`, whose variables are assigned as an action assigns primed ones).
    pub fn expr_primed(&mut self, e: &Expr) -> CExpr {
        self.prime = true;
        let c = self.expr(e);
        self.prime = false;
        c
    }

    /// Compile an expression in the current scope.
    pub fn expr(&mut self, e: &Expr) -> CExpr {
        let c = self.expr_inner(e);
        self.fold(c)
    }

    fn boxed(&mut self, e: &Expr) -> Box<CExpr> {
        Box::new(self.expr(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> CExpr {
        let span = e.span;
        let k = match &e.kind {
            ExprKind::Bool(b) => CKind::Const(Value::Bool(*b)),
            ExprKind::Int(i) if !super::expr::fits(*i) => {
                return self.error(
                    span,
                    format!("TLC can't handle a number this big: {i} (its integers are 32-bit)"),
                )
            }
            ExprKind::Int(i) => CKind::Const(Value::Int(*i)),
            ExprKind::Str(s) => CKind::Const(Value::str(s)),
            ExprKind::Name(id) => return self.name(id, span),
            // A label means the expression it names.
            ExprKind::Label { body, .. } => return self.expr_inner(body),
            ExprKind::InstanceVar { var, image } => return self.instance_var(var, image),
            ExprKind::Apply { op, args } => return self.apply(op, args, span),
            ExprKind::Unary { op, arg } => return self.unary(*op, arg, span),
            ExprKind::Binary { op, lhs, rhs } => return self.binary(*op, lhs, rhs, span),
            ExprKind::Junction { op, items, .. } => {
                let items: Vec<CExpr> = items.iter().map(|i| self.expr(i)).collect();
                match op {
                    Junction::And => CKind::And(items),
                    Junction::Or => CKind::Or(items),
                }
            }
            ExprKind::If { cond, then, els } => {
                CKind::If(self.boxed(cond), self.boxed(then), self.boxed(els))
            }
            ExprKind::Case { arms, other } => CKind::Case {
                arms: arms
                    .iter()
                    .map(|(c, v)| (self.expr(c), self.expr(v)))
                    .collect(),
                other: other.as_ref().map(|o| self.boxed(o)),
            },
            ExprKind::Let { defs, body } => return self.let_in(defs, body),
            ExprKind::Quant {
                q: q @ (Quantifier::TemporalForall | Quantifier::TemporalExists),
                ..
            } => return self.error(span, temporal_quantifier(*q)),
            ExprKind::Quant { q, bounds, body } => {
                let (bounds, body) = self.binder(bounds, body);
                match q {
                    Quantifier::Exists => CKind::Exists { bounds, body },
                    _ => CKind::Forall { bounds, body },
                }
            }
            ExprKind::Choose { bound, body } => {
                let (bound, body) = self.binder1(bound, body);
                CKind::Choose { bound, body }
            }
            ExprKind::SetEnum(items) => {
                CKind::SetEnum(items.iter().map(|i| self.expr(i)).collect())
            }
            ExprKind::SetFilter { bound, pred } => {
                let (bound, pred) = self.binder1(bound, pred);
                CKind::SetFilter { bound, pred }
            }
            ExprKind::SetMap { body, bounds } => {
                let (bounds, body) = self.binder(bounds, body);
                CKind::SetMap { bounds, body }
            }
            ExprKind::Tuple(items) => CKind::Tuple(items.iter().map(|i| self.expr(i)).collect()),
            ExprKind::Cross(items) => CKind::Cross(items.iter().map(|i| self.expr(i)).collect()),
            ExprKind::FnConstruct { bounds, body } => {
                let (bounds, body) = self.binder(bounds, body);
                CKind::FnConstruct { bounds, body }
            }
            ExprKind::FnApply { f, args } => return self.fn_apply(f, args, span),
            ExprKind::FnSet { dom, range } => CKind::FnSet(self.boxed(dom), self.boxed(range)),
            ExprKind::Record(fields) => CKind::Record(
                fields
                    .iter()
                    .map(|(k, v)| (Arc::from(k.name.as_str()), self.expr(v)))
                    .collect(),
            ),
            ExprKind::RecordSet(fields) => CKind::RecordSet(
                fields
                    .iter()
                    .map(|(k, v)| (Arc::from(k.name.as_str()), self.expr(v)))
                    .collect(),
            ),
            ExprKind::Field { rec, field } => {
                CKind::Field(self.boxed(rec), Arc::from(field.name.as_str()))
            }
            ExprKind::Except { base, updates } => self.except(base, updates),
            ExprKind::At => match self.lookup_scope("@") {
                Some(Binding::Local(s)) => CKind::Local(s),
                _ => {
                    return self.error(
                        span,
                        "`@` can only be used in the value of an EXCEPT update",
                    )
                }
            },
            ExprKind::Lambda { .. } => {
                return self.error(
                    span,
                    "LAMBDA can only be passed to an operator parameter (not supported yet)",
                )
            }
            ExprKind::ActionProp { .. } | ExprKind::Fairness { .. } => {
                return self.error(
                    span,
                    "a temporal formula can only appear in a PROPERTY, not inside an expression",
                )
            }
        };
        CExpr::new(k, span)
    }

    fn unary(&mut self, op: UnOp, arg: &Expr, span: Span) -> CExpr {
        let k = match op {
            UnOp::Not => CKind::Not(self.boxed(arg)),
            UnOp::Neg => CKind::Neg(self.boxed(arg)),
            UnOp::Subset => CKind::Powerset(self.boxed(arg)),
            UnOp::Union => CKind::BigUnion(self.boxed(arg)),
            UnOp::Domain => CKind::Domain(self.boxed(arg)),
            UnOp::Prime => {
                if self.prime {
                    return self.error(span, "a primed expression cannot be primed again");
                }
                self.prime = true;
                let c = self.expr(arg);
                self.prime = false;
                return c;
            }
            UnOp::Unchanged => {
                let cur = self.expr(arg);
                self.prime = true;
                let nxt = self.expr(arg);
                self.prime = false;
                CKind::Unchanged(Box::new(nxt), Box::new(cur))
            }
            UnOp::Enabled => return self.enabled(arg, span),
            UnOp::Always | UnOp::Eventually => {
                return self.error(
                    span,
                    "a temporal operator ([] or <>) can only appear in a PROPERTY, not inside an expression",
                )
            }
        };
        CExpr::new(k, span)
    }

    /// `ENABLED A`: the action taken apart for [`Env::enabled`]. (`<<A>>_v` and `[A]_v` are
    /// `A /\ ~UNCHANGED v` and `A \/ UNCHANGED v` here, as TLA+ defines them.)
    fn enabled(&mut self, arg: &Expr, span: Span) -> CExpr {
        if self.prime {
            return self.error(span, "ENABLED cannot be primed");
        }
        let (a, extra) = self.over_instance_vars(|c| c.expr(arg));
        let e = EnabledAct::new(act(a), None, self).with_instance_vars(extra);
        CExpr::new(CKind::Enabled(Box::new(e)), span)
    }

    /// Compile what `ENABLED` reads, with the instance variables met given slots of their own
    /// (numbered after the spec's variables): what was compiled, and those variables.
    pub fn over_instance_vars<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> T,
    ) -> (T, Vec<InstanceSlot>) {
        let outer = self.instance_vars.replace(Vec::new());
        let out = f(self);
        let extra = std::mem::replace(&mut self.instance_vars, outer).unwrap_or_default();
        (out, extra)
    }

    /// An instance's variable: its image, or inside `ENABLED` a state slot of its own.
    fn instance_var(&mut self, var: &ast::Ident, image: &Expr) -> CExpr {
        let Some(known) = &self.instance_vars else {
            return self.expr_inner(image);
        };
        let index = match known.iter().position(|s| s.name == var.name) {
            Some(i) => i,
            None => {
                let (prime, outer) = (self.prime, self.instance_vars.take());
                self.prime = false;
                let image = self.expr(image);
                self.prime = prime;
                let mut known = outer.unwrap_or_default();
                known.push(InstanceSlot {
                    name: var.name.clone(),
                    image,
                });
                self.instance_vars = Some(known);
                self.instance_vars.as_ref().map_or(0, |k| k.len() - 1)
            }
        };
        let slot = self.state_slots() + index as u32;
        let kind = if self.prime {
            CKind::Primed(slot)
        } else {
            CKind::Var(slot)
        };
        CExpr::new(kind, var.span)
    }

    /// The number of the spec's state slots.
    pub fn state_slots(&self) -> u32 {
        self.vars
            .values()
            .filter_map(|r| match r {
                VarRef::Slot(s) => Some(s + 1),
                VarRef::Gather(slots) => slots.iter().map(|(_, s)| s + 1).max(),
            })
            .max()
            .unwrap_or(0)
    }

    /// `A \cdot B`: both actions taken apart for the step runner, and `B` kept as a formula.
    fn composition(&mut self, a: &Expr, b: &Expr, span: Span) -> CExpr {
        if self.prime {
            return self.error(span, "`\\cdot` cannot be primed");
        }
        let first = act(self.expr(a));
        let then_test = self.expr(b);
        let c = Composition {
            first,
            then: act(then_test.clone()),
            then_test,
        };
        CExpr::new(CKind::Compose(Box::new(c)), span)
    }

    /// `LET defs IN body`: the definitions are inlined where they are used (each captures
    /// the scope it is defined in); a definition without parameters is a value, evaluated
    /// where it is first used and then kept (as TLC's LET values are), unless it reads the next
    /// state (a step's branches give it other values).
    fn let_in(&mut self, defs: &[OpDef], body: &Expr) -> CExpr {
        let depth = self.scope.len();
        let mut deferred = Vec::new();
        for d in defs {
            if d.params.is_empty() && d.fn_bounds.is_none() && !d.recursive {
                let value = self.value_argument(&d.body);
                if let Binding::Lazy(slot, _, _) = &value {
                    deferred.push(*slot);
                }
                self.scope.push((d.name.name.clone(), value));
                continue;
            }
            if d.recursive && d.fn_bounds.is_none() {
                let op = self.compile_local_recursive(d);
                self.scope.push((d.name.name.clone(), Binding::Rec(op)));
                continue;
            }
            if d.fn_bounds.is_some() && d.body.mentions(&d.name.name) {
                let op = self.compile_local_recursive_fn(d);
                let binding = Binding::RecFn(op, Arc::new(d.clone()));
                self.scope.push((d.name.name.clone(), binding));
                continue;
            }
            let captured = self.scope.clone();
            let op = LocalOp {
                def: d.clone(),
                captured,
                anonymous: false,
            };
            self.scope
                .push((d.name.name.clone(), Binding::Op(Arc::new(op))));
        }
        let b = self.expr(body);
        self.scope.truncate(depth);
        with_deferred(deferred, b)
    }

    /// The bounds of a binder (`\A`, `\E`, `{e : x \in S}`, `[x \in S |-> e]`) and its body,
    /// compiled with the bound names in scope (and out of scope after).
    fn binder(&mut self, bounds: &[ast::Bound], body: &Expr) -> (Vec<CBound>, Box<CExpr>) {
        let depth = self.scope.len();
        let bounds = self.bounds(bounds);
        let body = self.boxed(body);
        self.scope.truncate(depth);
        (bounds, body)
    }

    /// [`Self::binder`] with a single bound (`CHOOSE`, `{x \in S : p}`).
    fn binder1(&mut self, bound: &ast::Bound, body: &Expr) -> (Box<CBound>, Box<CExpr>) {
        let (mut b, body) = self.binder(std::slice::from_ref(bound), body);
        (Box::new(b.remove(0)), body)
    }

    /// `f[args]`: a recursive function's call, a per-process variable's slot, or an application.
    fn fn_apply(&mut self, f: &Expr, args: &[Expr], span: Span) -> CExpr {
        if let Some(c) = self.recursive_fn_apply(f, args, span) {
            return c;
        }
        if let ExprKind::Name(id) = &f.kind {
            if let Some(Binding::RecFn(op, _)) = self.lookup_scope(&id.name) {
                return self.call_compiled(op, args, span);
            }
        }
        let fun = self.boxed(f);
        let arg = self.args_as_one(args, span);
        // `pc[self]`, `x[p]` on a per-process variable: read the slot, build no function.
        if let CKind::Gather { pairs, primed } = &fun.kind {
            if let Some(key) = arg.as_const() {
                if let Some(slot) = gathered_slot(pairs, key) {
                    let k = if *primed {
                        CKind::Primed(slot)
                    } else {
                        CKind::Var(slot)
                    };
                    return CExpr::new(k, span);
                }
            }
            let k = CKind::GatherApply {
                pairs: pairs.clone(),
                primed: *primed,
                arg: Box::new(arg),
            };
            return CExpr::new(k, span);
        }
        CExpr::new(CKind::FnApply(fun, Box::new(arg)), span)
    }

    /// `[base EXCEPT !path = value, ...]`: `@` in a value reads a fresh slot.
    fn except(&mut self, base: &Expr, updates: &[ast::ExceptUpdate]) -> CKind {
        let base = self.boxed(base);
        let at = self.alloc_slot();
        let mut ups = Vec::new();
        for u in updates {
            let path = self.path(&u.path);
            self.scope.push(("@".into(), Binding::Local(at)));
            let v = self.expr(&u.value);
            self.scope.pop();
            ups.push((path, v));
        }
        CKind::Except {
            base,
            updates: ups,
            at,
        }
    }

    /// Compile an assignment path or EXCEPT path.
    pub fn path(&mut self, path: &[ast::PathElem]) -> Vec<CPath> {
        path.iter()
            .map(|p| match p {
                ast::PathElem::Field(f) => CPath::Field(Arc::from(f.name.as_str())),
                ast::PathElem::Index(args) => {
                    let span = args.first().map(|a| a.span).unwrap_or_default();
                    CPath::Index(self.args_as_one(args, span))
                }
            })
            .collect()
    }

    fn args_as_one(&mut self, args: &[Expr], span: Span) -> CExpr {
        if args.len() == 1 {
            self.expr(&args[0])
        } else {
            let items = args.iter().map(|a| self.expr(a)).collect();
            self.fold(CExpr::new(CKind::Tuple(items), span))
        }
    }

    /// Compile bounds: their sets in the enclosing scope, then bring the names into scope.
    pub fn bounds(&mut self, bounds: &[ast::Bound]) -> Vec<CBound> {
        let sets: Vec<Option<CExpr>> = bounds
            .iter()
            .map(|b| b.set.as_ref().map(|s| self.expr(s)))
            .collect();
        let mut out = Vec::new();
        for (b, set) in bounds.iter().zip(sets) {
            let (names, tuple) = match &b.pattern {
                BoundPattern::Names(n) => (n, false),
                BoundPattern::Tuple(n) => (n, true),
            };
            let slots: Vec<u32> = names.iter().map(|_| self.alloc_slot()).collect();
            for (n, s) in names.iter().zip(&slots) {
                self.scope.push((n.name.clone(), Binding::Local(*s)));
            }
            let set = match set {
                Some(s) => s,
                None => {
                    let span = names.first().map(|n| n.span).unwrap_or_default();
                    self.error(span, "an unbounded quantifier (without `\\in S`) cannot be evaluated; give the set")
                }
            };
            let pattern = if tuple {
                CPattern::Tuple(slots)
            } else {
                CPattern::Slots(slots)
            };
            out.push(CBound { pattern, set });
        }
        out
    }

    pub fn lookup_scope(&self, name: &str) -> Option<Binding> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
    }

    fn var(&self, r: &VarRef, span: Span) -> CExpr {
        let k = match r {
            VarRef::Slot(s) => {
                if self.prime {
                    CKind::Primed(*s)
                } else {
                    CKind::Var(*s)
                }
            }
            VarRef::Gather(pairs) => CKind::Gather {
                pairs: pairs.clone(),
                primed: self.prime,
            },
        };
        CExpr::new(k, span)
    }

    fn name(&mut self, id: &ast::Ident, span: Span) -> CExpr {
        let name = id.name.as_str();
        if let Some(b) = self.lookup_scope(name) {
            return match b {
                Binding::Local(s) => CExpr::new(CKind::Local(s), span),
                Binding::Expr(e) => (*e).clone(),
                Binding::Lazy(slot, a, primed) if primed == self.prime => CExpr::new(
                    CKind::Force {
                        slot,
                        value: Box::new(a.compiled.clone()),
                    },
                    span,
                ),
                Binding::Arg(a) | Binding::Lazy(_, a, _) if self.prime => {
                    let saved = std::mem::replace(&mut self.scope, a.scope.clone());
                    let primed = self.expr(&a.expr);
                    self.scope = saved;
                    primed
                }
                Binding::Arg(a) | Binding::Lazy(_, a, _) => a.compiled.clone(),
                Binding::Slot(s) => self.var(&VarRef::Slot(s), span),
                Binding::Op(op) => self.inline_local(&op, &[], span),
                Binding::Rec(op) => self.call_compiled(op, &[], span),
                Binding::RecFn(_, def) => self.recursive_fn_value(&def, span),
            };
        }
        if let Some(r) = self.vars.get(name) {
            return self.var(&r.clone(), span);
        }
        // The model's value for a name overrides its definition, as in TLC (`NoVal = NoVal`
        // for `NoVal == CHOOSE v : v \notin Val`).
        if let Some(v) = self.constants.get(name) {
            return CExpr::constant(v.clone(), span);
        }
        if let Some(target) = self.substitutions.get(name).cloned() {
            if let Some(d) = self.defs.get(&target).cloned() {
                return self.inline_global(&d, &[], span);
            }
        }
        if let Some(d) = self.defs.get(name).cloned() {
            return self.inline_global(&d, &[], span);
        }
        let k = match name {
            "TRUE" => CKind::Const(Value::Bool(true)),
            "FALSE" => CKind::Const(Value::Bool(false)),
            "BOOLEAN" => CKind::Const(Value::set(vec![Value::Bool(false), Value::Bool(true)])),
            "Nat" => CKind::Infinite(InfiniteSet::Nat),
            "Int" => CKind::Infinite(InfiniteSet::Int),
            "STRING" => CKind::Infinite(InfiniteSet::String),
            "defaultInitValue" => CKind::Const(Value::Model(Arc::from("defaultInitValue"))),
            "Result" | "Args" if self.vars.contains_key("event") => {
                let event = self.event(span).expect("an object has an event");
                CKind::Field(
                    Box::new(event),
                    Arc::from(if name == "Result" { "value" } else { "args" }),
                )
            }
            _ if thicket_syntax::ops::builtin_operator_arity(name).is_some() => {
                return self.error(span, format!("`{name}` is an operator, not a value: it can only be passed for an operator parameter (like `F(_, _)`)"));
            }
            _ if crate::eval::tlc::lookup(name).is_some_and(|(_, n)| n == 0) => {
                return self.builtin_apply(name, &[], span);
            }
            _ if thicket_syntax::modules::library::host_only(name).is_some() => {
                return self.host_only(name, span);
            }
            _ if thicket_syntax::ops::builtin_unsupported(name).is_some() => {
                let what = thicket_syntax::ops::builtin_unsupported(name).unwrap_or_default();
                return self.error(span, format!("`{name}` ({what}) is not supported"));
            }
            _ if thicket_syntax::standard::real_only(name) => return self.real(name, span),
            _ if self.model_values => CKind::Const(Value::Model(Arc::from(name))),
            _ if self.not_evaluated.contains_key(name) => return self.not_evaluated(name, span),
            _ => {
                let hint = self.closest_name(name);
                self.errors.push(CompileError {
                    span,
                    message: format!("unknown name `{name}`"),
                    hint: hint.map(|h| format!("did you mean `{h}`?")),
                });
                CKind::Const(Value::Bool(false))
            }
        };
        CExpr::new(k, span)
    }

    /// A use of a name defined where the compiler does not look: an error saying why.
    fn not_evaluated(&mut self, name: &str, span: Span) -> CExpr {
        let message = self.not_evaluated.get(name).cloned().unwrap_or_default();
        self.errors.push(CompileError {
            span,
            message,
            hint: Some(
                "the export for TLC (`thicket export`) checks it with the translation".into(),
            ),
        });
        CExpr::constant(Value::Bool(false), span)
    }

    /// A use of Reals' `Real`, `/` or `Infinity`: an error (TLC cannot evaluate them either:
    /// `Real` is no set it can enumerate, `/` and `Infinity` are `CHOOSE`s over it).
    fn real(&mut self, name: &str, span: Span) -> CExpr {
        self.errors.push(CompileError {
            span,
            message: format!("`{name}` (of the standard module Reals) is not supported: the checker does not evaluate the real numbers"),
            hint: Some("TLC cannot evaluate them either; check the spec with integers (`Int`, `\\div`) in place of the reals".into()),
        });
        CExpr::constant(Value::Bool(false), span)
    }

    /// A use of an operator of the library that only TLC's host can evaluate: an error.
    fn host_only(&mut self, name: &str, span: Span) -> CExpr {
        let (message, hint) =
            thicket_syntax::modules::library::host_only_problem(name).unwrap_or_default();
        self.errors.push(CompileError {
            span,
            message,
            hint: Some(hint),
        });
        CExpr::constant(Value::Bool(false), span)
    }

    /// The `event` variable of an object (read in the current prime context).
    fn event(&self, span: Span) -> Option<CExpr> {
        self.vars.get("event").cloned().map(|r| self.var(&r, span))
    }

    fn closest_name(&self, name: &str) -> Option<String> {
        let candidates = self
            .scope
            .iter()
            .map(|(n, _)| n.clone())
            .chain(self.vars.keys().cloned())
            .chain(self.defs.keys().cloned())
            .chain(self.constants.keys().cloned())
            .chain(BUILTIN_CONSTANTS.iter().map(|s| s.to_string()));
        candidates
            .map(|c| (edit_distance(&c, name), c))
            .filter(|(d, c)| *d <= 2.max(c.len() / 3))
            .min()
            .map(|(_, c)| c)
    }

    fn apply(&mut self, op: &ast::Ident, args: &[Expr], span: Span) -> CExpr {
        let name = op.name.as_str();
        if let Some(b) = self.lookup_scope(name) {
            return match b {
                Binding::Op(local) => self.inline_local(&local, args, span),
                Binding::Rec(op) => self.call_compiled(op, args, span),
                _ => self.error(
                    span,
                    format!("`{name}` is not an operator, so it cannot be applied to arguments"),
                ),
            };
        }
        let target = self
            .substitutions
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string());
        if let Some(d) = self.defs.get(&target).cloned() {
            return self.inline_global(&d, args, span);
        }
        self.builtin_apply(name, args, span)
    }

    fn builtin_apply(&mut self, name: &str, args: &[Expr], span: Span) -> CExpr {
        let (b, arity) = match name {
            "Len" => (Builtin::Len, 1),
            "Append" => (Builtin::Append, 2),
            "Head" => (Builtin::Head, 1),
            "Tail" => (Builtin::Tail, 1),
            "SubSeq" => (Builtin::SubSeq, 3),
            "Cardinality" => (Builtin::Cardinality, 1),
            "IsFiniteSet" => (Builtin::IsFiniteSet, 1),
            "ToString" => (Builtin::ToString, 1),
            "Permutations" => (Builtin::Permutations, 1),
            "Print" => (Builtin::Print, 2),
            "PrintT" => {
                if args.len() != 1 {
                    return self.error(span, "PrintT takes 1 argument");
                }
                return self.expr(&args[0]).with_kind_true();
            }
            "Assert" => (Builtin::Assert, 2),
            // `TLCEval(e)` is `e`, evaluated at once (as every expression here is).
            "TLCEval" if args.len() == 1 => return self.expr(&args[0]),
            "Returned" | "Called" => {
                if args.len() != 1 {
                    return self.error(
                        span,
                        format!(
                            "{name} takes 1 argument, the name of an operation (`{name}(\"get\")`)"
                        ),
                    );
                }
                let Some(event) = self.event(span) else {
                    return self.error(span, format!("`{name}` is about the events of operations, and this algorithm has none"));
                };
                let kind = if name == "Returned" { "return" } else { "call" };
                let field = |e: &CExpr, f: &str| {
                    CExpr::new(CKind::Field(Box::new(e.clone()), Arc::from(f)), span)
                };
                let op = self.expr(&args[0]);
                return CExpr::new(
                    CKind::And(vec![
                        CExpr::new(
                            CKind::Eq(
                                Box::new(field(&event, "kind")),
                                Box::new(CExpr::constant(Value::str(kind), span)),
                            ),
                            span,
                        ),
                        CExpr::new(CKind::Eq(Box::new(field(&event, "op")), Box::new(op)), span),
                    ]),
                    span,
                );
            }
            "SelectSeq" => {
                if args.len() != 2 {
                    return self.error(span, "SelectSeq takes 2 arguments: a sequence and a test");
                }
                let seq = self.boxed(&args[0]);
                let depth = self.scope.len();
                let Some((slot, pred)) = self.operator_argument(&args[1]) else {
                    return self.error(args[1].span, "the test of SelectSeq must be the name of a one-argument operator or a LAMBDA");
                };
                self.scope.truncate(depth);
                return CExpr::new(
                    CKind::SelectSeq {
                        seq,
                        slot,
                        pred: Box::new(pred),
                    },
                    span,
                );
            }
            "Seq" => {
                if args.len() != 1 {
                    return self.error(span, "Seq takes 1 argument");
                }
                return CExpr::new(CKind::SeqSet(self.boxed(&args[0])), span);
            }
            "SortSeq" => return self.sort_seq(args, span),
            "VectorClocks:CausalOrder" => return self.causal_order(args, span),
            _ if crate::eval::tlc::lookup(name).is_some() => {
                let (op, arity) = crate::eval::tlc::lookup(name).expect("just found");
                (Builtin::Tlc(op), arity)
            }
            _ if crate::eval::library::lookup(name).is_some() => {
                let (op, arity) = crate::eval::library::lookup(name).expect("just found");
                (Builtin::Lib(op), arity)
            }
            _ if thicket_syntax::modules::library::host_only(name).is_some() => {
                return self.host_only(name, span);
            }
            "\\cdot" if args.len() == 2 => return self.composition(&args[0], &args[1], span),
            _ if thicket_syntax::ops::builtin_unsupported(name).is_some() => {
                let what = thicket_syntax::ops::builtin_unsupported(name).unwrap_or_default();
                return self.error(span, format!("`{name}` ({what}) is not supported"));
            }
            _ if self.not_evaluated.contains_key(name) => return self.not_evaluated(name, span),
            _ if thicket_syntax::standard::real_only(name) => return self.real(name, span),
            _ => {
                let hint = self.closest_name(name);
                self.errors.push(CompileError {
                    span,
                    message: format!("unknown operator `{name}`"),
                    hint: hint.map(|h| format!("did you mean `{h}`?")),
                });
                return CExpr::constant(Value::Bool(false), span);
            }
        };
        if args.len() != arity {
            return self.error(
                span,
                format!(
                    "`{name}` takes {arity} argument{}, not {}",
                    if arity == 1 { "" } else { "s" },
                    args.len()
                ),
            );
        }
        let cargs = args.iter().map(|a| self.expr(a)).collect();
        CExpr::new(CKind::Builtin(b, cargs), span)
    }

    /// `SortSeq(s, Op)`: the sequence, the two frame slots the comparison reads, and the
    /// comparison `Op(a, b)` (a name, a symbol like `<` or a LAMBDA), compiled over them.
    fn sort_seq(&mut self, args: &[Expr], span: Span) -> CExpr {
        if args.len() != 2 {
            return self.error(
                span,
                "SortSeq takes 2 arguments: a sequence and an operator",
            );
        }
        let seq = self.expr(&args[0]);
        let (slots, body) = self.op_over_slots(&args[1], 2, span);
        let slot = |s: u32| CExpr::constant(Value::Int(s as i64), span);
        let cargs = vec![seq, slot(slots[0]), slot(slots[1]), body];
        CExpr::new(
            CKind::Builtin(Builtin::Tlc(crate::eval::tlc::TlcOp::SortSeq), cargs),
            span,
        )
    }

    /// The operator argument `op` (of `arity` arguments) applied to fresh frame slots: the
    /// slots, and the body that reads them (a native operator sets the slots, then evaluates
    /// the body).
    fn op_over_slots(&mut self, op: &Expr, arity: usize, span: Span) -> (Vec<u32>, CExpr) {
        let depth = self.scope.len();
        let slots: Vec<u32> = (0..arity).map(|_| self.alloc_slot()).collect();
        let names: Vec<ast::Ident> = (1..=arity).map(|i| arg_ident(i, span)).collect();
        for (n, s) in names.iter().zip(&slots) {
            self.scope.push((n.name.clone(), Binding::Local(*s)));
        }
        let param = ast::Ident {
            name: "Op".into(),
            span,
        };
        let mut def = anonymous_def(
            names.clone(),
            Expr {
                kind: ExprKind::Apply {
                    op: param.clone(),
                    args: names.iter().map(name_expr).collect(),
                },
                span,
            },
            span,
        );
        def.params.insert(0, ast::Param { name: param, arity });
        let apply = LocalOp {
            def,
            captured: self.scope.clone(),
            anonymous: true,
        };
        let call: Vec<Expr> = std::iter::once(op.clone())
            .chain(names.iter().map(name_expr))
            .collect();
        let body = self.inline_local(&apply, &call, span);
        self.scope.truncate(depth);
        (slots, body)
    }

    /// VectorClocks' `CausalOrder(log, clock, node, domain)`, natively: the log, then each
    /// operator argument as its slot and body.
    fn causal_order(&mut self, args: &[Expr], span: Span) -> CExpr {
        if args.len() != 4 {
            return self.error(
                span,
                "CausalOrder takes 4 arguments: a log and three operators",
            );
        }
        let mut cargs = vec![self.expr(&args[0])];
        for op in &args[1..] {
            let (slots, body) = self.op_over_slots(op, 1, span);
            cargs.push(CExpr::constant(Value::Int(slots[0] as i64), span));
            cargs.push(body);
        }
        CExpr::new(
            CKind::Builtin(
                Builtin::Lib(crate::eval::library::LibOp::CausalOrder),
                cargs,
            ),
            span,
        )
    }

    /// An operator passed as an argument (`Test` or `LAMBDA x : e`), compiled as a body that
    /// reads its one parameter from a frame slot.
    fn operator_argument(&mut self, e: &Expr) -> Option<(u32, CExpr)> {
        let slot = self.alloc_slot();
        let arg = CExpr::new(CKind::Local(slot), e.span);
        match &e.kind {
            ExprKind::Lambda { params, body } if params.len() == 1 => {
                self.scope
                    .push((params[0].name.clone(), Binding::Local(slot)));
                let b = self.expr(body);
                self.scope.pop();
                Some((slot, b))
            }
            ExprKind::Name(id) => {
                if let Some(Binding::Op(local)) = self.lookup_scope(&id.name) {
                    if local.def.params.len() != 1 {
                        return None;
                    }
                    let saved = std::mem::replace(&mut self.scope, local.captured.clone());
                    let b = self.def_body(&local.def, vec![Binding::Expr(Arc::new(arg))]);
                    self.scope = saved;
                    return Some((slot, b));
                }
                let d = self.defs.get(&id.name).cloned()?;
                if d.def.params.len() != 1 || d.def.recursive {
                    return None;
                }
                let saved = std::mem::take(&mut self.scope);
                let b = self.def_body(&d.def, vec![Binding::Expr(Arc::new(arg))]);
                self.scope = saved;
                Some((slot, b))
            }
            _ => None,
        }
    }

    /// The arguments of an operator, each bound as its parameter asks: an operator parameter
    /// (`F(_, _)`) is bound to an operator, any other to the compiled expression.
    /// A value argument as its parameter is bound: compiled, and as written in the caller's
    /// scope (an argument that is only a value needs no more).
    fn value_argument(&mut self, a: &Expr) -> Binding {
        let compiled = self.expr(a);
        if matches!(compiled.kind, CKind::Const(_)) {
            return Binding::Expr(Arc::new(compiled));
        }
        let trivial = matches!(
            compiled.kind,
            CKind::Local(_) | CKind::Var(_) | CKind::Primed(_) | CKind::Force { .. }
        );
        // Not an argument that reads the next state: a step's branches give it other values.
        let lazy = !trivial && !is_action(&compiled);
        let arg = Arc::new(Arg {
            compiled,
            expr: a.clone(),
            scope: self.scope.clone(),
        });
        if lazy {
            return Binding::Lazy(self.alloc_slot(), arg, self.prime);
        }
        Binding::Arg(arg)
    }

    fn arguments(&mut self, def: &OpDef, args: &[Expr]) -> Vec<Binding> {
        def.params
            .iter()
            .zip(args)
            .map(|(p, a)| {
                if p.arity > 0 {
                    self.operator_binding(a, p)
                } else {
                    self.value_argument(a)
                }
            })
            .collect()
    }

    /// The operator passed for the operator parameter `param`: a LAMBDA (closing over the
    /// current scope), an operator in scope, a definition, or a built-in operator (`+`,
    /// `\cup`, `Len`).
    fn operator_binding(&mut self, arg: &Expr, param: &ast::Param) -> Binding {
        let arity = param.arity;
        let wrong_arity = |given: usize| {
            format!(
                "`{}` must be an operator of {arity} argument{}, and this one takes {given}",
                param.name.name,
                if arity == 1 { "" } else { "s" }
            )
        };
        let op = match &arg.kind {
            ExprKind::Lambda { params, body } if params.len() == arity => LocalOp {
                def: anonymous_def(params.clone(), (**body).clone(), arg.span),
                captured: self.scope.clone(),
                anonymous: true,
            },
            ExprKind::Lambda { params, .. } => {
                self.bad_operator(arity, arg.span, wrong_arity(params.len()))
            }
            ExprKind::Name(id) => match self.lookup_scope(&id.name) {
                Some(Binding::Op(local)) if local.def.params.len() == arity => {
                    return Binding::Op(local)
                }
                Some(Binding::Op(local)) => {
                    self.bad_operator(arity, arg.span, wrong_arity(local.def.params.len()))
                }
                Some(Binding::Rec(op)) => match self.ops[op as usize].arity {
                    n if n == arity => forwarding(id, arity, self.scope.clone()),
                    n => self.bad_operator(arity, arg.span, wrong_arity(n)),
                },
                Some(_) => self.bad_operator(
                    arity,
                    arg.span,
                    format!(
                        "`{}` is a value, not an operator: `{}` must be an operator",
                        id.name, param.name.name
                    ),
                ),
                None => self.named_operator(id, arity, &wrong_arity),
            },
            _ => self.bad_operator(
                arity,
                arg.span,
                format!(
                    "`{}` must be an operator: pass its name, its symbol (`+`) or a LAMBDA",
                    param.name.name
                ),
            ),
        };
        Binding::Op(Arc::new(op))
    }

    /// A global operator passed by its name or symbol, as an operator of `arity` arguments.
    fn named_operator(
        &mut self,
        id: &ast::Ident,
        arity: usize,
        wrong_arity: &dyn Fn(usize) -> String,
    ) -> LocalOp {
        let target = self.substitutions.get(&id.name).unwrap_or(&id.name);
        let defined = self.defs.get(target).map(|d| d.def.params.len());
        let given = defined.or_else(|| thicket_syntax::ops::builtin_operator_arity(&id.name));
        if let Some(n) = given.filter(|&n| n != arity) {
            return self.bad_operator(arity, id.span, wrong_arity(n));
        }
        let params: Vec<ast::Ident> = (1..=arity).map(|i| arg_ident(i, id.span)).collect();
        let operand = |i: usize| Box::new(name_expr(&params[i]));
        let kind = match (
            defined,
            thicket_syntax::ops::builtin_infix(&id.name),
            thicket_syntax::ops::builtin_prefix(&id.name),
        ) {
            (None, Some(op), _) => ExprKind::Binary {
                op,
                lhs: operand(0),
                rhs: operand(1),
            },
            (None, _, Some(op)) => ExprKind::Unary {
                op,
                arg: operand(0),
            },
            _ => return forwarding(id, arity, Vec::new()),
        };
        let body = Expr {
            kind,
            span: id.span,
        };
        LocalOp {
            def: anonymous_def(params, body, id.span),
            captured: Vec::new(),
            anonymous: true,
        }
    }

    /// An error about an operator argument, and an operator of `arity` arguments that stands
    /// for it (so that its uses report nothing more).
    fn bad_operator(&mut self, arity: usize, span: Span, message: String) -> LocalOp {
        self.error(span, message);
        let params = (1..=arity).map(|i| arg_ident(i, span)).collect();
        let body = Expr {
            kind: ExprKind::Bool(false),
            span,
        };
        LocalOp {
            def: anonymous_def(params, body, span),
            captured: Vec::new(),
            anonymous: true,
        }
    }

    fn inline_global(&mut self, d: &GlobalDef, args: &[Expr], span: Span) -> CExpr {
        let name = d.def.name.name.clone();
        if d.def.recursive || self.calls_itself(&d.def) {
            if d.def.fn_bounds.is_some() && args.is_empty() {
                return self.error(
                    span,
                    format!(
                        "the recursive function `{name}` can only be used applied, as `{name}[x]`"
                    ),
                );
            }
            return self.call_recursive(d, args, span);
        }
        self.check_arity(&d.def, args, span);
        if let Some(Some(v)) = self.constant_defs.get(&name) {
            return CExpr::constant(v.clone(), span);
        }
        let cargs = self.arguments(&d.def, args);
        let named: Vec<(Arc<str>, CExpr)> = if self.name_actions {
            d.def
                .params
                .iter()
                .zip(cargs.iter())
                .filter_map(|(p, a)| match a {
                    Binding::Expr(e) => Some((Arc::from(p.name.name.as_str()), (**e).clone())),
                    Binding::Arg(a) | Binding::Lazy(_, a, _) => {
                        Some((Arc::from(p.name.name.as_str()), a.compiled.clone()))
                    }
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let saved = std::mem::take(&mut self.scope);
        self.inlining.push(name.clone());
        let first_slot = self.next_slot;
        let body = self.def_body(&d.def, cargs);
        self.inlining.pop();
        self.scope = saved;
        if d.def.params.is_empty() && !self.constant_defs.contains_key(&name) {
            let value = self.constant_value(&body, first_slot);
            self.constant_defs.insert(name.clone(), value.clone());
            if let Some(v) = value {
                return CExpr::constant(v, span);
            }
        }
        if d.def.params.is_empty() && !self.prime && memoisable(&body, first_slot, &self.ops) {
            return self.memo(&name, body);
        }
        if self.name_actions && !self.prime && is_action(&body) {
            return CExpr::new(
                CKind::Named {
                    name: Arc::from(name.as_str()),
                    params: named,
                    body: Box::new(body),
                },
                span,
            );
        }
        body
    }

    /// Whether inlining `def` here would inline it inside itself: a recursive function, or an
    /// operator that names itself without RECURSIVE (compiled as a recursive one). An operator
    /// with operator parameters is inlined inside itself up to a few times, as it is when one
    /// of its arguments uses it (`Reduce(LAMBDA a, t : Reduce(G, t, a), s, z)`): with another
    /// argument, that is no recursion.
    fn calls_itself(&self, def: &OpDef) -> bool {
        let nested = self
            .inlining
            .iter()
            .filter(|n| **n == def.name.name)
            .count();
        let higher_order = def.fn_bounds.is_none() && def.params.iter().any(|p| p.arity > 0);
        nested > 0 && !(higher_order && nested < MAX_HIGHER_ORDER_NESTING)
    }

    /// A LET definition (or an operator argument) inlined. It cannot call itself: its body
    /// reads the scope before it (a recursive one is a [`Binding::Rec`]), so its own name
    /// there is an outer definition of that name (`nxtQ == ... LET nxtQ == ... IN ...`, as
    /// PlusCal's translation writes), and it is not counted as inlining that name.
    fn inline_local(&mut self, op: &LocalOp, args: &[Expr], span: Span) -> CExpr {
        self.check_arity(&op.def, args, span);
        let cargs = self.arguments(&op.def, args);
        let saved = std::mem::replace(&mut self.scope, op.captured.clone());
        let body = self.def_body(&op.def, cargs);
        self.scope = saved;
        body
    }

    fn check_arity(&mut self, def: &OpDef, args: &[Expr], span: Span) {
        if def.params.len() != args.len() {
            let n = def.params.len();
            self.errors.push(CompileError {
                span,
                message: format!(
                    "`{}` takes {n} argument{}, but {} {} given",
                    def.name.name,
                    if n == 1 { "" } else { "s" },
                    args.len(),
                    if args.len() == 1 { "is" } else { "are" }
                ),
                hint: None,
            });
        }
    }

    /// A definition's body with its parameters bound to the arguments.
    fn def_body(&mut self, def: &OpDef, args: Vec<Binding>) -> CExpr {
        let deferred: Vec<u32> = args
            .iter()
            .filter_map(|a| match a {
                Binding::Lazy(slot, _, _) => Some(*slot),
                _ => None,
            })
            .collect();
        for (p, a) in def.params.iter().zip(args) {
            self.scope.push((p.name.name.clone(), a));
        }
        let body = self.def_body_bound(def);
        with_deferred(deferred, body)
    }

    /// A definition's body, its parameters in scope.
    fn def_body_bound(&mut self, def: &OpDef) -> CExpr {
        match &def.fn_bounds {
            Some(bounds) => {
                let depth = self.scope.len();
                let b = self.bounds(bounds);
                let body = self.boxed(&def.body);
                self.scope.truncate(depth);
                self.fold(CExpr::new(CKind::FnConstruct { bounds: b, body }, def.span))
            }
            None => self.expr(&def.body),
        }
    }

    /// `f[x]` where `f` is a recursive function definition: a call, not a built function.
    fn recursive_fn_apply(&mut self, f: &Expr, args: &[Expr], span: Span) -> Option<CExpr> {
        let ExprKind::Name(id) = &f.kind else {
            return None;
        };
        if self.lookup_scope(&id.name).is_some() || self.vars.contains_key(&id.name) {
            return None;
        }
        let d = self.defs.get(&id.name).cloned()?;
        if d.def.fn_bounds.is_none() || !(d.def.recursive || self.inlining.contains(&id.name)) {
            return None;
        }
        Some(self.call_recursive(&d, args, span))
    }

    fn call_recursive(&mut self, d: &GlobalDef, args: &[Expr], span: Span) -> CExpr {
        if let Some(p) = d.def.params.iter().find(|p| p.arity > 0) {
            return self.error(
                span,
                format!(
                    "the recursive operator `{}` has an operator parameter (`{}`): this is not supported yet",
                    d.def.name.name, p.name.name
                ),
            );
        }
        let idx = self.compile_recursive(&d.def);
        let arity = self.ops[idx as usize].arity;
        if arity != args.len() {
            return self.error(
                span,
                format!(
                    "`{}` takes {arity} argument(s), but {} given",
                    d.def.name.name,
                    args.len()
                ),
            );
        }
        let cargs = args.iter().map(|a| self.expr(a)).collect();
        CExpr::new(
            CKind::Call {
                op: idx,
                args: cargs,
            },
            span,
        )
    }

    /// Compile a recursive operator (or function) into its own frame, once.
    fn compile_recursive(&mut self, def: &OpDef) -> u32 {
        let name = &def.name.name;
        if let Some(i) = self.op_index.get(name) {
            return *i;
        }
        let params: Vec<String> = match &def.fn_bounds {
            Some(bounds) => bounds
                .iter()
                .flat_map(|b| match &b.pattern {
                    BoundPattern::Names(n) | BoundPattern::Tuple(n) => {
                        n.iter().map(|i| i.name.clone()).collect::<Vec<_>>()
                    }
                })
                .collect(),
            None => def.params.iter().map(|p| p.name.name.clone()).collect(),
        };
        let idx = self.ops.len() as u32;
        self.op_index.insert(name.clone(), idx);
        self.ops.push(CompiledOp {
            name: name.clone(),
            arity: params.len(),
            frame_size: 0,
            base: 0,
            body: None,
        });
        let saved_scope = std::mem::take(&mut self.scope);
        let (saved_next, saved_max, saved_prime) = (self.next_slot, self.max_slot, self.prime);
        self.next_slot = 0;
        self.max_slot = 0;
        self.prime = false;
        for p in &params {
            let s = self.alloc_slot();
            self.scope.push((p.clone(), Binding::Local(s)));
        }
        self.inlining.push(name.clone());
        let body = self.expr(&def.body);
        self.inlining.pop();
        let op = &mut self.ops[idx as usize];
        op.body = Some(body);
        op.frame_size = self.max_slot;
        self.scope = saved_scope;
        self.next_slot = saved_next;
        self.max_slot = saved_max;
        self.prime = saved_prime;
        idx
    }

    /// A RECURSIVE operator defined in a LET, compiled into its own frame each time the LET is:
    /// the frame starts with the enclosing frame's slots (the bound variables and arguments
    /// the definition may read, [`CompiledOp::base`]), then its parameters.
    fn compile_local_recursive(&mut self, def: &OpDef) -> u32 {
        let idx = self.ops.len() as u32;
        self.compile_local_recursive_as(def, Binding::Rec(idx))
    }

    /// [`Self::compile_local_recursive`], the definition's name bound to `itself` inside.
    fn compile_local_recursive_as(&mut self, def: &OpDef, itself: Binding) -> u32 {
        let idx = self.ops.len() as u32;
        let base = self.next_slot;
        self.ops.push(CompiledOp {
            name: def.name.name.clone(),
            arity: def.params.len(),
            frame_size: 0,
            base,
            body: None,
        });
        if let Some(p) = def.params.iter().find(|p| p.arity > 0) {
            let message = format!(
                "the recursive operator `{}` has an operator parameter (`{}`): this is not supported yet",
                def.name.name, p.name.name
            );
            self.error(def.name.span, message);
        }
        let depth = self.scope.len();
        let saved_max = self.max_slot;
        self.scope.push((def.name.name.clone(), itself));
        for p in &def.params {
            let s = self.alloc_slot();
            self.scope.push((p.name.name.clone(), Binding::Local(s)));
        }
        let body = self.expr(&def.body);
        self.scope.truncate(depth);
        let op = &mut self.ops[idx as usize];
        op.body = Some(body);
        op.frame_size = self.max_slot;
        self.next_slot = base;
        self.max_slot = saved_max;
        idx
    }

    /// A LET's function that refers to itself, compiled as an operator of its bound names.
    fn compile_local_recursive_fn(&mut self, def: &OpDef) -> u32 {
        let params = def
            .fn_bounds
            .iter()
            .flatten()
            .flat_map(|b| match &b.pattern {
                BoundPattern::Names(n) | BoundPattern::Tuple(n) => n.clone(),
            })
            .map(|name| ast::Param { name, arity: 0 })
            .collect();
        let op = OpDef {
            params,
            fn_bounds: None,
            ..def.clone()
        };
        let idx = self.ops.len() as u32;
        // Inside, `f[x]` is a call too.
        self.compile_local_recursive_as(&op, Binding::RecFn(idx, Arc::new(def.clone())))
    }

    /// A LET's self-referring function used as a value: `[x \in S |-> f[x]]`, each
    /// application a call.
    fn recursive_fn_value(&mut self, def: &OpDef, span: Span) -> CExpr {
        let names: Vec<Expr> = def
            .fn_bounds
            .iter()
            .flatten()
            .flat_map(|b| match &b.pattern {
                BoundPattern::Names(n) | BoundPattern::Tuple(n) => n.clone(),
            })
            .map(|id| Expr {
                kind: ExprKind::Name(id),
                span,
            })
            .collect();
        let call = Expr {
            kind: ExprKind::FnApply {
                f: Box::new(Expr {
                    kind: ExprKind::Name(def.name.clone()),
                    span,
                }),
                args: names,
            },
            span,
        };
        let whole = Expr {
            kind: ExprKind::FnConstruct {
                bounds: def.fn_bounds.clone().unwrap_or_default(),
                body: Box::new(call),
            },
            span,
        };
        self.expr(&whole)
    }

    /// A call of the compiled operator `op` (a LET's RECURSIVE operator).
    fn call_compiled(&mut self, op: u32, args: &[Expr], span: Span) -> CExpr {
        let (name, arity) = {
            let o = &self.ops[op as usize];
            (o.name.clone(), o.arity)
        };
        if arity != args.len() {
            return self.error(
                span,
                format!(
                    "`{name}` takes {arity} argument(s), but {} given",
                    args.len()
                ),
            );
        }
        let args = args.iter().map(|a| self.expr(a)).collect();
        CExpr::new(CKind::Call { op, args }, span)
    }

    fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, span: Span) -> CExpr {
        let a = self.boxed(lhs);
        let b = self.boxed(rhs);
        let k = match op {
            BinOp::And => CKind::And(vec![*a, *b]),
            BinOp::Or => CKind::Or(vec![*a, *b]),
            BinOp::Implies => CKind::Implies(a, b),
            BinOp::Equiv => CKind::Equiv(a, b),
            BinOp::Eq => CKind::Eq(a, b),
            BinOp::Neq => CKind::Neq(a, b),
            BinOp::Lt => CKind::Cmp(Cmp::Lt, a, b),
            BinOp::Le => CKind::Cmp(Cmp::Le, a, b),
            BinOp::Gt => CKind::Cmp(Cmp::Gt, a, b),
            BinOp::Ge => CKind::Cmp(Cmp::Ge, a, b),
            BinOp::In | BinOp::NotIn => return self.fold(membership(op == BinOp::In, a, b, span)),
            BinOp::Plus => CKind::Arith(Arith::Plus, a, b),
            BinOp::Minus => CKind::Arith(Arith::Minus, a, b),
            BinOp::Times => CKind::Arith(Arith::Times, a, b),
            BinOp::Div => CKind::Arith(Arith::Div, a, b),
            BinOp::Mod => CKind::Arith(Arith::Mod, a, b),
            BinOp::Pow => CKind::Arith(Arith::Pow, a, b),
            BinOp::Range => CKind::Range(a, b),
            BinOp::Cup => CKind::SetOp(SetOp::Cup, a, b),
            BinOp::Cap => CKind::SetOp(SetOp::Cap, a, b),
            BinOp::SetMinus => CKind::SetOp(SetOp::Minus, a, b),
            BinOp::Subseteq => CKind::Subseteq(a, b),
            BinOp::Concat => CKind::Builtin(Builtin::Concat, vec![*a, *b]),
            BinOp::MapsTo => CKind::Builtin(Builtin::MapsTo, vec![*a, *b]),
            BinOp::Merge => CKind::Builtin(Builtin::Merge, vec![*a, *b]),
            BinOp::LeadsTo | BinOp::WhilePlus => {
                return self.error(
                    span,
                    "a temporal formula can only appear in a PROPERTY, not inside an expression",
                )
            }
        };
        CExpr::new(k, span)
    }

    /// The value of a constant definition's body, evaluated once as TLC evaluates every
    /// constant definition before the search (`Edges == UNION {... : n \in Nodes}` is not
    /// rebuilt in every state). Left to each evaluation: a body that reads the state, a
    /// binder outside it (a slot before `first_slot`), a recursive operator or an impure
    /// operator (printing, TLC's registers); a set that membership tests without building
    /// it (`SUBSET`, function sets, ...); and one whose evaluation fails here, so that the
    /// error is reported where the definition is used.
    fn constant_value(&self, body: &CExpr, first_slot: u32) -> Option<Value> {
        if body.as_const().is_some()
            || lazy_set(body)
            || !constant_level(body, first_slot, &self.ops, &mut Vec::new())
        {
            return None;
        }
        let env = Env {
            cur: &[],
            next: None,
            ops: &self.ops,
            depth: 0,
            memo: Memo::new(),
        };
        let mut frame = vec![Value::Bool(false); self.max_slot as usize];
        env.eval(body, &mut frame).ok()
    }

    /// `body`, a zero-arity definition's, kept once evaluated in a state: bodies of the same
    /// definition compiled alike (the same nodes, the same frame slots) share one id, so every
    /// use of it in a state shares one value.
    fn memo(&mut self, name: &str, body: CExpr) -> CExpr {
        let span = body.span;
        let key = (name.to_string(), structure(&body));
        let next = self.next_memo;
        let id = *self.memo_ids.entry(key).or_insert(next);
        if id == next {
            self.next_memo += 1;
        }
        CExpr::new(
            CKind::Memo {
                id,
                body: Box::new(body),
            },
            span,
        )
    }

    /// Evaluate a node now when everything it reads is a constant.
    fn fold(&self, e: CExpr) -> CExpr {
        if !foldable(&e) {
            return e;
        }
        let env = Env {
            cur: &[],
            next: None,
            ops: &self.ops,
            depth: 0,
            memo: Memo::new(),
        };
        let mut frame = Vec::new();
        match env.eval(&e, &mut frame) {
            Ok(v) => CExpr::constant(v, e.span),
            Err(_) => e,
        }
    }
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler::new()
    }
}

impl CExpr {
    /// `PrintT(e)` is TRUE once `e` evaluates.
    fn with_kind_true(self) -> CExpr {
        let span = self.span;
        CExpr::new(
            CKind::Builtin(
                Builtin::Print,
                vec![self, CExpr::constant(Value::Bool(true), span)],
            ),
            span,
        )
    }
}

/// `x \in S` (or `\notin`). As TLC does, `x \in S \ T` is `x \in S /\ x \notin T`, so `S`
/// may be infinite (`N \in Nat \ {0}`).
fn membership(positive: bool, x: Box<CExpr>, set: Box<CExpr>, span: Span) -> CExpr {
    let kind = match set.kind {
        CKind::SetOp(SetOp::Minus, s, t) => {
            let both = CExpr::new(
                CKind::And(vec![
                    CExpr::new(CKind::In(x.clone(), s), span),
                    CExpr::new(CKind::NotIn(x, t), span),
                ]),
                span,
            );
            if positive {
                return both;
            }
            CKind::Not(Box::new(both))
        }
        _ if positive => CKind::In(x, set),
        _ => CKind::NotIn(x, set),
    };
    CExpr::new(kind, span)
}

/// Whether an expression reads the next state (so it is an action, not a state predicate).
pub fn is_action(e: &CExpr) -> bool {
    let mut found = false;
    e.visit(&mut |x| {
        found |= matches!(
            x.kind,
            CKind::Primed(_)
                | CKind::Compose(_)
                | CKind::Unchanged(..)
                | CKind::Gather { primed: true, .. }
                | CKind::GatherApply { primed: true, .. }
        )
    });
    found
}

/// `body` with the lazily evaluated slots `deferred` marked unevaluated at its entry.
fn with_deferred(deferred: Vec<u32>, body: CExpr) -> CExpr {
    if deferred.is_empty() {
        return body;
    }
    let span = body.span;
    CExpr::new(
        CKind::Defer {
            slots: deferred,
            body: Box::new(body),
        },
        span,
    )
}

/// How deep an operator with operator parameters may be inlined inside itself.
const MAX_HIGHER_ORDER_NESTING: usize = 8;

/// Whether an expression reads neither the state nor a binder outside it (a slot before
/// `first_slot`), and calls nothing impure, nor a recursive operator that does (or that is
/// still being compiled, or that reads the binders around its LET).
fn constant_level(e: &CExpr, first_slot: u32, ops: &[CompiledOp], seen: &mut Vec<u32>) -> bool {
    use CKind::*;
    let mut ok = true;
    e.visit(&mut |x| match &x.kind {
        Var(_) | Primed(_) | Gather { .. } | GatherApply { .. } | Unchanged(..) => ok = false,
        Enabled(_) | Compose(_) => ok = false,
        Local(s) if *s < first_slot => ok = false,
        Builtin(b, _) if !b.pure() => ok = false,
        Call { op, .. } if !seen.contains(op) => {
            seen.push(*op);
            // A LET's recursive operator starts its frame with the slots around it.
            let o = &ops[*op as usize];
            let first = if o.base == 0 { 0 } else { first_slot };
            ok &= o
                .body
                .as_ref()
                .is_some_and(|b| constant_level(b, first, ops, seen));
        }
        _ => {}
    });
    ok
}

/// A 128-bit hash of an expression's structure (its nodes, slots, constants and spans), so
/// that two compilations of a definition can be told alike without keeping either's text.
fn structure(e: &CExpr) -> u128 {
    struct Hashing(xxhash_rust::xxh3::Xxh3);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut h = Hashing(xxhash_rust::xxh3::Xxh3::new());
    let _ = std::fmt::Write::write_fmt(&mut h, format_args!("{e:?}"));
    h.0.digest128()
}

/// Whether a zero-arity definition's body is worth keeping once evaluated in a state: it
/// reads the current state but not the next, no binder outside it (a slot before
/// `first_slot`), nothing impure, no `ENABLED` or `\cdot` (which read binders unseen), and
/// it is more than a few nodes.
fn memoisable(e: &CExpr, first_slot: u32, ops: &[CompiledOp]) -> bool {
    use CKind::*;
    let (mut ok, mut nodes, mut reads_state) = (true, 0, false);
    e.visit(&mut |x| {
        nodes += 1;
        match &x.kind {
            Var(_) | Gather { primed: false, .. } | GatherApply { primed: false, .. } => {
                reads_state = true
            }
            Primed(_) | Gather { .. } | GatherApply { .. } | Unchanged(..) => ok = false,
            Enabled(_) | Compose(_) => ok = false,
            Local(s) if *s < first_slot => ok = false,
            Builtin(b, _) if !b.pure() => ok = false,
            Call { op, .. } => ok &= ops[*op as usize].base == 0,
            _ => {}
        }
    });
    ok && reads_state && nodes >= MEMO_MIN_NODES
}

/// The smallest definition body worth a memo: smaller ones cost less to evaluate again.
const MEMO_MIN_NODES: usize = 6;

/// A set that membership tests without building it: one not to build ahead of its use.
fn lazy_set(e: &CExpr) -> bool {
    use CKind::*;
    matches!(
        e.kind,
        Powerset(_)
            | FnSet(..)
            | SeqSet(_)
            | Infinite(_)
            | Cross(_)
            | RecordSet(_)
            | SetFilter { .. }
            | SetOp(..)
    )
}

/// A node whose direct children are all constants (and that reads no state, frame or
/// recursive operator still being compiled).
fn foldable(e: &CExpr) -> bool {
    use CKind::*;
    let all = |xs: &[CExpr]| xs.iter().all(|x| x.as_const().is_some());
    let c = |x: &CExpr| x.as_const().is_some();
    match &e.kind {
        Const(_)
        | Var(_)
        | Primed(_)
        | Gather { .. }
        | GatherApply { .. }
        | Local(_)
        | Infinite(_)
        | SeqSet(_)
        | Call { .. } => false,
        Forall { .. }
        | Exists { .. }
        | Choose { .. }
        | SetFilter { .. }
        | SetMap { .. }
        | FnConstruct { .. } => false,
        Except { .. } | Unchanged(..) | SelectSeq { .. } | Named { .. } => false,
        Memo { .. } | Defer { .. } | Force { .. } => false,
        Enabled(_) | Compose(_) => false,
        // A large `SUBSET S` is left to membership, which tests it without building it
        // (`board \in SUBSET SUBSET Pos`, Pos of 20 positions: 2^20 sets).
        Powerset(a) => a
            .as_const()
            .and_then(Value::as_set)
            .is_some_and(|s| s.len() <= 12),
        Not(a) | Neg(a) | BigUnion(a) | Domain(a) => c(a),
        Implies(a, b)
        | Equiv(a, b)
        | Eq(a, b)
        | Neq(a, b)
        | Cmp(_, a, b)
        | Arith(_, a, b)
        | Range(a, b)
        | SetOp(_, a, b) => c(a) && c(b),
        In(a, b) | NotIn(a, b) | Subseteq(a, b) | FnApply(a, b) | FnSet(a, b) => c(a) && c(b),
        And(xs) | Or(xs) | SetEnum(xs) | Tuple(xs) | Cross(xs) => all(xs),
        If(a, b, d) => c(a) && c(b) && c(d),
        Case { arms, other } => {
            arms.iter().all(|(p, v)| c(p) && c(v)) && other.as_ref().is_none_or(|o| c(o))
        }
        Record(fs) | RecordSet(fs) => fs.iter().all(|(_, v)| c(v)),
        Field(a, _) => c(a),
        Builtin(b, xs) => b.pure() && all(xs),
    }
}

/// Why an expression with `\EE` or `\AA` cannot be checked (TLC cannot either).
pub fn temporal_quantifier(q: Quantifier) -> String {
    format!(
        "`{}` (temporal quantification) is not supported",
        q.symbol()
    )
}

/// The definition of an operator passed as an argument (it has no name of its own).
fn anonymous_def(params: Vec<ast::Ident>, body: Expr, span: Span) -> OpDef {
    OpDef {
        name: ast::Ident {
            name: "LAMBDA".into(),
            span,
        },
        params: params
            .into_iter()
            .map(|name| ast::Param { name, arity: 0 })
            .collect(),
        fn_bounds: None,
        body,
        recursive: false,
        local: false,
        span,
    }
}

/// An operator of `arity` arguments that applies the operator `id` (seen in `captured`) to them.
fn forwarding(id: &ast::Ident, arity: usize, captured: Vec<(String, Binding)>) -> LocalOp {
    let params: Vec<ast::Ident> = (1..=arity).map(|i| arg_ident(i, id.span)).collect();
    let body = Expr {
        kind: ExprKind::Apply {
            op: id.clone(),
            args: params.iter().map(name_expr).collect(),
        },
        span: id.span,
    };
    LocalOp {
        def: anonymous_def(params, body, id.span),
        captured,
        anonymous: true,
    }
}

/// The `i`-th parameter of an operator made for an argument: no text can name it.
fn arg_ident(i: usize, span: Span) -> ast::Ident {
    ast::Ident {
        name: format!("#{i}"),
        span,
    }
}

fn name_expr(id: &ast::Ident) -> Expr {
    Expr {
        kind: ExprKind::Name(id.clone()),
        span: id.span,
    }
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + (ca != *cb) as usize)
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
