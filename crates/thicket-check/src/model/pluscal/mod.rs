//! PlusCal: an algorithm translated as the PlusCal translator does (one atomic step per label,
//! `pc`, the procedure `stack`, `Done`), its [`Algorithm`] implementing [`Semantics`].
//!
//! Each process instance (`process P \in S` gives one per element of `S`) is compiled
//! separately with `self` known, so a process-local variable is a plain state slot and no
//! function is built or indexed at run time; printing reassembles TLC's functions. `build`
//! compiles the statements into one statement graph per instance, `step` runs them. Uses
//! `eval` and the model's shared parts (`program`, `temporal`); never `tla`.

mod build;
mod step;

use std::collections::HashMap;
use std::sync::Arc;

use thicket_syntax::ast::{self, Fairness, Span};

use crate::eval::expr::{CExpr, CPath, EvalResult};
use crate::eval::value::Value;
use crate::model::program::{Program, Semantics, StepFailure, Succ};
use crate::model::temporal::{FairKind, FairOn, Fairness as Fair};

pub use build::{build, MAX_INSTANCES};

/// A translated algorithm: its variables' initialisers and its process instances.
pub struct Algorithm {
    pub init: Vec<InitStep>,
    pub instances: Vec<Instance>,
    /// Processes (`pc` a function of the process ids), not a uniprocess algorithm.
    pub multiprocess: bool,
}

pub type StmtId = u32;

#[derive(Clone, Debug)]
pub struct Assign {
    pub slot: u32,
    pub path: Vec<CPath>,
    pub value: CExpr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CallReturn {
    /// Return to this label.
    Label(Arc<str>),
    /// `call P(); return;`: return straight to our own caller.
    Tail,
}

#[derive(Clone, Debug)]
pub enum SKind {
    Skip,
    Assign(Vec<Assign>),
    /// Conditions with their branch entry; the else entry.
    If(Vec<(CExpr, Option<StmtId>)>, Option<StmtId>),
    Either(Vec<Option<StmtId>>),
    While(CExpr, Option<StmtId>),
    Await(CExpr),
    /// Bindings (frame slot, name, `\in`?, expression) and the body entry.
    With(Vec<(u32, Arc<str>, bool, CExpr)>, Option<StmtId>),
    Goto(Arc<str>),
    Assert(CExpr),
    Print(CExpr),
    Call {
        proc: usize,
        args: Vec<CExpr>,
        ret: CallReturn,
    },
    Return,
    /// An object's client calls operation `op`: each parameter (slot) takes each value of its
    /// set; the event records the call; control goes to the operation's entry label.
    CallOp {
        op: Arc<str>,
        params: Vec<(Arc<str>, u32, CExpr)>,
        entry: Arc<str>,
    },
    /// The operation returns (with a value or not): the event records it, the parameters are
    /// reset, and the client is idle again.
    OpReturn {
        op: Arc<str>,
        params: Vec<u32>,
        value: Option<CExpr>,
    },
}

#[derive(Clone, Debug)]
pub struct CStmt {
    pub label: Option<Arc<str>>,
    pub kind: SKind,
    /// Where control goes after this statement (`None`: the end of the body).
    pub next: Option<StmtId>,
    pub span: Span,
    /// Inside a procedure (falling off its end is an error), or the process body.
    pub in_procedure: Option<usize>,
}

/// A procedure as seen by one process instance: the slots of its parameters and locals.
#[derive(Clone, Debug)]
pub struct ProcFrame {
    pub name: Arc<str>,
    pub params: Vec<(Arc<str>, u32)>,
    /// Locals with their initial value expressions (`None`: defaultInitValue).
    pub locals: Vec<(Arc<str>, u32, Option<CExpr>)>,
    pub entry: Arc<str>,
}

#[derive(Clone, Debug)]
pub struct Instance {
    /// For an object: the slot of the `event` variable.
    pub event_slot: Option<u32>,
    /// The process's name (`client`); the algorithm's name for a uniprocess algorithm.
    pub process: Arc<str>,
    /// `self`; `None` for a uniprocess algorithm.
    pub id: Option<Value>,
    pub pc_slot: u32,
    pub stack_slot: Option<u32>,
    pub stmts: Vec<CStmt>,
    pub labels: HashMap<Arc<str>, StmtId>,
    /// Labels in text order (the actions of this instance).
    pub label_order: Vec<Arc<str>>,
    /// Where the labels written in the text are written (byte offset).
    pub written: HashMap<Arc<str>, u32>,
    pub procs: Vec<ProcFrame>,
    pub fairness: Fairness,
    /// The first statement of the process body.
    pub entry: Option<StmtId>,
}

#[derive(Clone, Debug)]
pub enum InitKind {
    Eq,
    In,
}

#[derive(Clone, Debug)]
pub struct InitStep {
    pub slot: u32,
    pub kind: InitKind,
    pub expr: CExpr,
}

/// The `event` before any call.
pub fn no_event() -> Value {
    event("none", "", Value::Seq(Arc::new(vec![])), none())
}

/// The model value for "no value".
pub fn none() -> Value {
    Value::Model(Arc::from("none"))
}

/// `[kind |-> ..., op |-> ..., args |-> ..., value |-> ...]`
pub fn event(kind: &str, op: &str, args: Value, value: Value) -> Value {
    Value::record(vec![
        (Arc::from("kind"), Value::str(kind)),
        (Arc::from("op"), Value::str(op)),
        (Arc::from("args"), args),
        (Arc::from("value"), value),
    ])
}

impl Instance {
    /// The label the process body starts at, or `Done` when it is empty.
    pub fn entry_label(&self) -> Value {
        match self
            .entry
            .and_then(|e| self.stmts[e as usize].label.clone())
        {
            Some(l) => Value::Str(l),
            None => Value::str("Done"),
        }
    }
}

impl Semantics for Algorithm {
    fn initial_states(
        &self,
        prog: &Program,
        out: &mut dyn FnMut(Vec<Value>) -> bool,
    ) -> EvalResult<()> {
        step::initial_states(self, prog, out)
    }

    fn successors(
        &self,
        prog: &Program,
        st: &[Value],
        frame: &mut Vec<Value>,
        record: bool,
        out: &mut dyn FnMut(Succ<'_>),
    ) -> Result<bool, StepFailure> {
        step::successors(self, prog, st, frame, record, out)
    }

    fn fairness(&self) -> Vec<Fair> {
        let fair = |(i, inst): (usize, &Instance)| {
            let kind = match inst.fairness {
                Fairness::Unfair => return None,
                Fairness::Weak => FairKind::Weak,
                Fairness::Strong => FairKind::Strong,
            };
            Some(Fair {
                on: FairOn::Instance(i as u32),
                kind,
            })
        };
        self.instances.iter().enumerate().filter_map(fair).collect()
    }

    fn process(&self, instance: usize) -> Option<&Value> {
        self.instances.get(instance)?.id.as_ref()
    }

    fn choices_are_args(&self) -> bool {
        false
    }

    fn event_slot(&self) -> Option<u32> {
        self.instances.iter().find_map(|i| i.event_slot)
    }

    fn termination(&self, span: Span) -> Option<ast::Expr> {
        Some(termination(self.multiprocess, span))
    }
}

/// The translator's `Termination`: eventually every process is done.
fn termination(multiprocess: bool, span: Span) -> ast::Expr {
    use ast::ExprKind;
    let mk = |kind| ast::Expr { kind, span };
    let name = |n: &str| {
        mk(ExprKind::Name(ast::Ident {
            name: n.into(),
            span,
        }))
    };
    let done = mk(ExprKind::Str("Done".into()));
    let all_done = if multiprocess {
        mk(ExprKind::Quant {
            q: ast::Quantifier::Forall,
            bounds: vec![ast::Bound {
                pattern: ast::BoundPattern::Names(vec![ast::Ident {
                    name: "self".into(),
                    span,
                }]),
                set: Some(name("ProcSet")),
            }],
            body: Box::new(mk(ExprKind::Binary {
                op: ast::BinOp::Eq,
                lhs: Box::new(mk(ExprKind::FnApply {
                    f: Box::new(name("pc")),
                    args: vec![name("self")],
                })),
                rhs: Box::new(done),
            })),
        })
    } else {
        mk(ExprKind::Binary {
            op: ast::BinOp::Eq,
            lhs: Box::new(name("pc")),
            rhs: Box::new(done),
        })
    };
    mk(ExprKind::Unary {
        op: ast::UnOp::Eventually,
        arg: Box::new(all_done),
    })
}
