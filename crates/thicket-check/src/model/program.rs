//! A compiled spec, whatever its language: the state layout (slots, and how TLC prints the
//! variables), the compiled operators, the compiler for properties, where each step is written,
//! and its [`Semantics`]: where its behaviors start and how they go on. `pluscal/` (an
//! algorithm's process instances) and `tla/` (a module's `Init` and `Next`) implement it; the
//! searches see only this.

use std::collections::HashMap;
use std::sync::Arc;

use thicket_syntax::ast::{self, Document, Model, Span};

use crate::eval::compile::{CompileError, Compiler, VarRef};
use crate::eval::expr::{CExpr, CompiledOp, Env, EvalResult, Memo};
use crate::eval::value::Value;
use crate::model::event::Event;
use crate::model::temporal::Fairness;

/// What a spec means: its initial states, each state's successors, its fairness, and what its
/// steps show. One implementation per language (`pluscal::Algorithm`, `tla::TlaSpec`).
pub trait Semantics: Send + Sync {
    /// Every initial state, until `out` returns `false`.
    fn initial_states(
        &self,
        prog: &Program,
        out: &mut dyn FnMut(Vec<Value>) -> bool,
    ) -> EvalResult<()>;

    /// Every successor of `st` (with the steps' choices and events when `record`). Returns
    /// whether the spec is still running in `st` (no successor and `true` is a deadlock; no
    /// successor and `false`: every process is `Done`).
    fn successors(
        &self,
        prog: &Program,
        st: &[Value],
        frame: &mut Vec<Value>,
        record: bool,
        out: &mut dyn FnMut(Succ<'_>),
    ) -> Result<bool, StepFailure>;

    /// The fairness conditions, each on one "instance" (a process instance, or a TLA+ action
    /// application a `WF`/`SF` names) or on an action expression.
    fn fairness(&self) -> Vec<Fairness>;

    /// Whether the step from `cur` to `next` is an `<<A>>_v` step of fairness action `index`
    /// ([`crate::model::temporal::FairOn::Action`]).
    fn fair_taken(
        &self,
        _prog: &Program,
        _index: u32,
        _cur: &[Value],
        _next: &[Value],
    ) -> EvalResult<bool> {
        Ok(false)
    }

    /// Whether `ENABLED <<A>>_v` holds in `st` for fairness action `index`.
    fn fair_enabled(&self, _prog: &Program, _index: u32, _st: &[Value]) -> EvalResult<bool> {
        Ok(false)
    }

    /// The process that takes the steps of `instance`, if it has an id (`self`).
    fn process(&self, instance: usize) -> Option<&Value>;

    /// Whether a step's choices are the arguments of the action it is named after (TLA+), or
    /// the values its `with`s and `either`s chose (PlusCal).
    fn choices_are_args(&self) -> bool;

    /// For an object (an algorithm with operations): the slot of its `event` variable.
    fn event_slot(&self) -> Option<u32>;

    /// The translator's `Termination` (eventually every process is done), for a spec with
    /// processes.
    fn termination(&self, span: Span) -> Option<ast::Expr>;
}

pub use crate::eval::action::StepError;

/// A step that failed: the instance and the label (or action) it was taken by, and why.
pub type StepFailure = (usize, Arc<str>, StepError);

/// One successor, as handed to the searches.
pub struct Succ<'a> {
    pub instance: usize,
    pub label: &'a Arc<str>,
    pub state: &'a [Value],
    /// `with` choices and `either` branches taken, or an action's arguments (only when
    /// recording).
    pub choices: &'a [(Arc<str>, Value)],
    /// The observable event of the step (an object's call or return; only when recording).
    pub event: Option<&'a Event>,
}

pub struct Program {
    pub slot_names: Vec<String>,
    /// The variables as TLC prints them, in order.
    pub views: Vec<(String, VarRef)>,
    pub ops: Vec<CompiledOp>,
    /// Largest frame any expression or step needs.
    pub frame_size: u32,
    /// The compiler state for compiling properties against this program (global context).
    pub compiler: Compiler,
    /// Where each step is written, by label (or action name), for the editor to highlight.
    pub step_spans: HashMap<Arc<str>, Span>,
    /// Where each operation of an object is declared: its call steps point there.
    pub call_spans: HashMap<Arc<str>, Span>,
    /// How its behaviors start and go on.
    pub semantics: Box<dyn Semantics>,
}

impl Program {
    /// Every initial state (until `out` returns `false`).
    pub fn initial_states(&self, out: &mut dyn FnMut(Vec<Value>) -> bool) -> EvalResult<()> {
        self.semantics.initial_states(self, out)
    }

    /// Every successor of `st`: see [`Semantics::successors`].
    pub fn successors(
        &self,
        st: &[Value],
        frame: &mut Vec<Value>,
        record: bool,
        out: &mut dyn FnMut(Succ<'_>),
    ) -> Result<bool, StepFailure> {
        self.semantics.successors(self, st, frame, record, out)
    }

    pub fn num_slots(&self) -> usize {
        self.slot_names.len()
    }

    pub fn env<'a>(&'a self, cur: &'a [Value], next: Option<&'a [Value]>) -> Env<'a> {
        Env {
            cur,
            next,
            ops: &self.ops,
            depth: 0,
            memo: Memo::new(),
        }
    }

    pub fn new_frame(&self) -> Vec<Value> {
        vec![Value::Bool(false); self.frame_size as usize + 1]
    }

    /// The state's slots in TLC's order of the variables, when each variable is one slot
    /// (TLA+ specs; algorithms without process-local variables).
    pub fn slot_order(&self) -> Option<Vec<usize>> {
        self.views
            .iter()
            .map(|(_, r)| match r {
                VarRef::Slot(s) => Some(*s as usize),
                VarRef::Gather(_) => None,
            })
            .collect()
    }

    /// The state's variables as TLA+ text, in TLC's order.
    pub fn show_state(&self, st: &[Value]) -> Vec<(String, Value)> {
        self.views
            .iter()
            .map(|(name, r)| {
                let v = match r {
                    VarRef::Slot(s) => st[*s as usize].clone(),
                    VarRef::Gather(pairs) => Value::func(
                        pairs
                            .iter()
                            .map(|(k, s)| (k.clone(), st[*s as usize].clone()))
                            .collect(),
                    ),
                };
                (name.clone(), v)
            })
            .collect()
    }

    /// Compile a state or action expression in the global context (invariants, properties).
    pub fn compile_expr(&mut self, e: &ast::Expr) -> (CExpr, Vec<CompileError>) {
        self.compiler.begin_frame();
        let c = self.compiler.expr(e);
        let errors = std::mem::take(&mut self.compiler.errors);
        self.frame_size = self.frame_size.max(self.compiler.frame_size());
        self.ops = self.compiler.ops.clone();
        (c, errors)
    }

    /// Compile a named definition (`Inv`) in the global context.
    pub fn compile_def(&mut self, name: &str, span: Span) -> (CExpr, Vec<CompileError>) {
        let e = ast::Expr {
            kind: ast::ExprKind::Name(ast::Ident {
                name: name.to_string(),
                span,
            }),
            span,
        };
        self.compile_expr(&e)
    }
}

/// Constant values from the model: `N = 3`, `S = {a, b}` (bare names are model values).
pub fn model_constants(
    doc: &Document,
    model: &Model,
) -> (
    HashMap<String, Value>,
    HashMap<String, String>,
    Vec<CompileError>,
) {
    let mut values = HashMap::new();
    let mut subs = HashMap::new();
    let mut errors = Vec::new();
    for b in &model.constants {
        match &b.value {
            ast::ConstantValue::Value(e) => {
                let mut c = Compiler::new();
                c.model_values = true;
                c.constants = values.clone();
                let ce = c.expr(e);
                errors.append(&mut c.errors);
                match ce.as_const() {
                    Some(v) => {
                        values.insert(b.name.name.clone(), v.clone());
                    }
                    None => errors.push(CompileError {
                        span: e.span,
                        message: format!(
                            "the value of constant `{}` must be a constant expression",
                            b.name.name
                        ),
                        hint: None,
                    }),
                }
            }
            ast::ConstantValue::Substitute(op) => {
                subs.insert(b.name.name.clone(), op.name.clone());
            }
        }
    }
    for c in &doc.constants {
        let n = &c.name.name;
        if !values.contains_key(n) && !subs.contains_key(n) && n != "defaultInitValue" {
            errors.push(CompileError {
                span: c.name.span,
                message: format!("constant `{n}` has no value in the model"),
                hint: Some(format!(
                    "add `CONSTANT {n} = ...` to the model (`(* --model ... *)` or the .cfg file)"
                )),
            });
        }
    }
    (values, subs, errors)
}
