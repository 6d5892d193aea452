//! TLA+ specs written with `Init` and `Next` (a module without an algorithm, such as the
//! translation of one): the state is the module's `VARIABLES`, and actions are evaluated the
//! way TLC evaluates them, conjunct by conjunct from left to right: `x' = e` gives `x'` its
//! value when it has none yet (and is a test when it has one), `x' \in S`, `\/`, `\E`, `IF` and
//! `CASE` branch, `UNCHANGED` copies, anything else is a test. `Init` is evaluated the same
//! way with its variables in the role of the primed ones.
//!
//! A step is named after the last action operator it went through (`c1`, with its arguments:
//! `self = 2`), and carries a fairness tag: the index of the outermost operator application
//! (`P(2)`) that a `WF_vars`/`SF_vars` of `Spec` names, so PlusCal's per-process fairness
//! maps onto the same liveness check.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use thicket_syntax::ast::{self, Document, Expr, ExprKind, FairnessKind, Model, Span};

use crate::eval::action::{act, Act, Completion, EnabledAct, Entered, Reached, StepError, Steps};
use crate::eval::compile::{Binding, CompileError, Compiler, VarRef};
use crate::eval::expr::{CExpr, EvalError, EvalResult};
use crate::eval::value::Value;
use crate::model::program::{model_constants, Program, Semantics, StepFailure, Succ};
use crate::model::temporal::{FairKind, FairOn, Fairness};

/// Whether the subscript `v` of `<<A>>_v` changes from `cur` to `next`.
fn changes(
    prog: &Program,
    sub: &CExpr,
    cur: &[Value],
    next: &[Value],
    frame: &mut Vec<Value>,
) -> EvalResult<bool> {
    let before = prog.env(cur, None).eval(sub, frame)?;
    Ok(prog.env(next, None).eval(sub, frame)? != before)
}

/// The `Init` and `Next` of a TLA+ spec, with the fairness tags of `Spec`.
#[derive(Clone, Debug)]
pub struct TlaSpec {
    pub init: Act,
    pub next: Act,
    /// Operator applications named by fairness conditions, each with its tag.
    pub tags: HashMap<(Arc<str>, Vec<Value>), u32>,
    pub fairness: Vec<Fairness>,
    /// The actions of fairness conditions on an action expression (`WF_v(A \/ B)`).
    pub fair_actions: Vec<FairAction>,
    pub num_vars: usize,
}

/// `<<A>>_v` of a fairness condition: `A` as a formula of a step, and `ENABLED <<A>>_v`.
#[derive(Clone, Debug)]
pub struct FairAction {
    test: CExpr,
    enabled: EnabledAct,
}

/// The tag of a step that no fairness condition names.
const UNTAGGED: u32 = u32::MAX - 1;

fn compile_error(span: Span, message: impl Into<String>) -> CompileError {
    CompileError {
        span,
        message: message.into(),
        hint: None,
    }
}

/// Build a [`Program`] for a module that has no algorithm.
pub fn build(doc: &Document, model: &Model) -> Result<Program, Vec<CompileError>> {
    let (constants, subs, mut errors) = model_constants(doc, model);
    if doc.variables.is_empty() && assumptions_only(doc, model) {
        return Ok(no_behaviors(doc, constants, subs));
    }
    if doc.variables.is_empty() {
        errors.push(CompileError {
            span: Span::new(0, 0),
            message: "this text has no algorithm (`--algorithm Name ...`) and no VARIABLES to check".into(),
            hint: Some("write the spec as a PlusCal algorithm, or as a TLA+ module with VARIABLES, Init and Next".into()),
        });
        return Err(errors);
    }
    let mut c = Compiler::new();
    c.constants = constants;
    c.substitutions = subs;
    for d in &doc.defs {
        c.add_def(d);
    }
    let (slot_names, views) = variables(doc, &mut c);
    let parts = spec_parts(doc, model, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (init, next, mut frame_size) = init_next(
        &mut c,
        &parts.init,
        &parts.init_extra,
        &parts.next,
        parts.next_expr.as_ref(),
    );
    errors.append(&mut c.errors);
    let in_next = named_actions(&next);
    let fair = fairness_tags(&mut c, parts.fairness, &in_next, &mut errors);
    frame_size = frame_size.max(fair.frame_size);
    errors.append(&mut c.errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let num_vars = slot_names.len();
    let tla = TlaSpec {
        init,
        next,
        tags: fair.tags,
        fairness: fair.fairness,
        fair_actions: fair.actions,
        num_vars,
    };
    // A step is named for the action it went through: its definition is where it is written.
    let step_spans = doc
        .defs
        .iter()
        .map(|d| (Arc::from(d.name.name.as_str()), d.span))
        .collect();
    Ok(Program {
        slot_names,
        views,
        ops: c.ops.clone(),
        frame_size,
        compiler: c,
        step_spans,
        call_spans: HashMap::new(),
        semantics: Box::new(tla),
    })
}

/// A module of constants and assumptions only, whose model names no spec: TLC checks its
/// assumptions and explores nothing.
fn assumptions_only(doc: &Document, model: &Model) -> bool {
    !doc.assumes.is_empty()
        && model.init.is_none()
        && model.next.is_none()
        && model.specification.is_none()
        && !doc.defs.iter().any(|d| d.name.name == "Spec")
}

/// The program of a module without behaviors: no variables, no initial state.
fn no_behaviors(
    doc: &Document,
    constants: HashMap<String, Value>,
    subs: HashMap<String, String>,
) -> Program {
    let mut c = Compiler::new();
    c.constants = constants;
    c.substitutions = subs;
    for d in &doc.defs {
        c.add_def(d);
    }
    let none = || act(CExpr::constant(Value::Bool(false), Span::DUMMY));
    let tla = TlaSpec {
        init: none(),
        next: none(),
        tags: HashMap::new(),
        fairness: vec![],
        fair_actions: vec![],
        num_vars: 0,
    };
    Program {
        slot_names: vec![],
        views: vec![],
        ops: c.ops.clone(),
        frame_size: 0,
        compiler: c,
        step_spans: HashMap::new(),
        call_spans: HashMap::new(),
        semantics: Box::new(tla),
    }
}

/// The module's `VARIABLES`, a slot each: their names, and how states show them.
fn variables(doc: &Document, c: &mut Compiler) -> (Vec<String>, Vec<(String, VarRef)>) {
    let mut slot_names = Vec::new();
    let mut views = Vec::new();
    for (i, v) in doc.variables.iter().enumerate() {
        c.vars.insert(v.name.clone(), VarRef::Slot(i as u32));
        slot_names.push(v.name.clone());
        views.push((v.name.clone(), VarRef::Slot(i as u32)));
    }
    (slot_names, views)
}

/// A fairness condition: `WF`/`SF` of an action with its subscript, inside `\A x \in S :`
/// bounds.
type FairExpr = (Vec<ast::Bound>, FairnessKind, Expr, Expr);

/// What a spec is made of: its `Init` and `Next` (by name, with where they are named), and
/// its fairness conditions.
struct SpecParts {
    init: (String, Span),
    /// The specification's other state predicates: conjuncts of the initial predicate.
    init_extra: Vec<Expr>,
    next: (String, Span),
    /// The next-state relation when the specification writes it as an expression
    /// (`[][\E n \in Node : Next(n)]_vars`) rather than a name.
    next_expr: Option<Expr>,
    fairness: Vec<FairExpr>,
}

/// A conjunct of a specification, read.
enum SpecConjunct<'e> {
    /// The initial predicate's name.
    Init(&'e ast::Ident),
    /// A state predicate (`PrintT(R)`, `x = 0`): part of the initial predicate.
    State(&'e Expr),
    /// `[][Next]_v`: the next-state relation's name.
    Next(&'e Expr),
    /// `WF_v(A)`, `SF_v(A)`, possibly under `\A`.
    Fairness(Vec<FairExpr>),
    /// Any other temporal formula (`<>[][A]_v`): an assumption of every temporal property.
    Assumption(&'e Expr),
}

/// Init, Next and the fairness conditions: from the model, or from `Spec`. Init and Next must
/// be defined.
fn spec_parts(doc: &Document, model: &Model, errors: &mut Vec<CompileError>) -> SpecParts {
    let defined = |n: &str| doc.defs.iter().find(|d| d.name.name == n);
    let mut init_name = model.init.as_ref().map(|i| (i.name.clone(), i.span));
    let mut next_name = model.next.as_ref().map(|i| (i.name.clone(), i.span));
    let mut parts = SpecParts {
        init: (String::new(), Span::DUMMY),
        init_extra: Vec::new(),
        next: (String::new(), Span::DUMMY),
        next_expr: None,
        fairness: Vec::new(),
    };
    let spec = model.specification.clone().or_else(|| {
        (init_name.is_none() && defined("Spec").is_some()).then(|| ast::Ident {
            name: "Spec".into(),
            span: Span::DUMMY,
        })
    });
    if let Some(spec) = &spec {
        match defined(&spec.name) {
            None => errors.push(compile_error(
                spec.span,
                format!(
                    "the model names the specification `{}`, but the text does not define it",
                    spec.name
                ),
            )),
            Some(d) => read_spec(
                doc,
                &d.body,
                &mut init_name,
                &mut next_name,
                &mut parts,
                errors,
            ),
        }
    }
    let init_name = init_name.unwrap_or_else(|| ("Init".into(), Span::DUMMY));
    let next_name = next_name.unwrap_or_else(|| ("Next".into(), Span::DUMMY));
    let named = if parts.next_expr.is_some() {
        vec![&init_name]
    } else {
        vec![&init_name, &next_name]
    };
    for (n, span) in named {
        if defined(n).is_none() {
            errors.push(compile_error(
                *span,
                format!("the spec needs `{n}`, and the text does not define it"),
            ));
        }
    }
    parts.init = init_name;
    parts.next = next_name;
    parts
}

/// Read a specification `Init /\ [][Next]_vars /\ fairness`: the init (unless the model names
/// one), the next-state relation, and the fairness conditions. A conjunct may be the name of
/// a definition that is a part of a specification (`FairSpec == Spec /\ Fairness`); other state
/// predicates join the initial predicate; other temporal formulas are assumptions of the
/// properties (see [`temporal_assumptions`]).
fn read_spec(
    doc: &Document,
    body: &Expr,
    init_name: &mut Option<(String, Span)>,
    next_name: &mut Option<(String, Span)>,
    parts: &mut SpecParts,
    errors: &mut Vec<CompileError>,
) {
    for c in spec_parts_of(doc, body, init_name.is_none()) {
        match c {
            SpecConjunct::Init(n) => *init_name = Some((n.name.clone(), n.span)),
            SpecConjunct::State(e) => parts.init_extra.push(e.clone()),
            SpecConjunct::Next(action) => match &action.kind {
                ExprKind::Name(n) => *next_name = Some((n.name.clone(), n.span)),
                _ => {
                    *next_name = Some(("Next".into(), action.span));
                    parts.next_expr = Some(action.clone());
                }
            },
            SpecConjunct::Fairness(mut f) => parts.fairness.append(&mut f),
            SpecConjunct::Assumption(p) => {
                if let Some(q) = crate::model::spec::temporal_quantifier_in(p) {
                    let message = crate::eval::compile::temporal_quantifier(q);
                    errors.push(compile_error(p.span, message));
                }
            }
        }
    }
}

/// The conjuncts of a specification, each read (`init_open`: the initial predicate is still to
/// be found).
fn spec_parts_of<'e>(doc: &'e Document, body: &'e Expr, init_open: bool) -> Vec<SpecConjunct<'e>> {
    let mut parts = Vec::new();
    spec_conjuncts(doc, body, &mut parts, 0);
    let mut init_open = init_open;
    let mut out = Vec::new();
    for p in parts {
        let read = match &p.kind {
            ExprKind::Name(n) if init_open && !temporal_through(doc, p, 0) => {
                init_open = false;
                SpecConjunct::Init(n)
            }
            ExprKind::ActionProp {
                action,
                boxed: true,
                ..
            } if out.iter().all(|c| !matches!(c, SpecConjunct::Next(_))) => {
                SpecConjunct::Next(action)
            }
            _ if !crate::model::spec::is_temporal(p) && !temporal_through(doc, p, 0) => {
                SpecConjunct::State(p)
            }
            _ => {
                let mut fair = Vec::new();
                match fairness(doc, 0, p, &mut Vec::new(), &mut fair) {
                    Ok(()) => SpecConjunct::Fairness(fair),
                    Err(_) => SpecConjunct::Assumption(p),
                }
            }
        };
        out.push(read);
    }
    out
}

/// The temporal formulas of the model's specification other than `[][Next]_v` and fairness
/// (`<>[][A]_v`): TLC checks each temporal property on the behaviors that satisfy them.
pub fn temporal_assumptions(doc: &Document, model: &Model) -> Vec<Expr> {
    let Some(spec) = model.specification.as_ref() else {
        return Vec::new();
    };
    let Some(d) = doc.defs.iter().find(|d| d.name.name == spec.name) else {
        return Vec::new();
    };
    let init_open = model.init.is_none();
    spec_parts_of(doc, &d.body, init_open)
        .into_iter()
        .filter_map(|c| match c {
            SpecConjunct::Assumption(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

/// How deep definitions are unfolded when reading a specification (a recursive definition
/// of a specification is no specification).
const MAX_UNFOLD: usize = 16;

/// The body of the definition a name stands for, when it has no parameters and is temporal
/// (a part of a specification rather than a state predicate such as `Init`).
fn temporal_def<'d>(doc: &'d Document, e: &Expr, depth: usize) -> Option<&'d Expr> {
    let ExprKind::Name(n) = &e.kind else {
        return None;
    };
    let d = doc
        .defs
        .iter()
        .find(|d| d.name.name == n.name && d.params.is_empty() && d.fn_bounds.is_none())?;
    (depth < MAX_UNFOLD && temporal_through(doc, &d.body, depth + 1)).then_some(&d.body)
}

/// Whether a formula is temporal, looking through the definitions it names.
fn temporal_through(doc: &Document, e: &Expr, depth: usize) -> bool {
    if crate::model::spec::is_temporal(e) {
        return true;
    }
    let mut parts = Vec::new();
    conjuncts(e, &mut parts);
    parts.iter().any(|p| temporal_def(doc, p, depth).is_some())
}

/// The conjuncts of a specification, with the names of temporal definitions unfolded.
fn spec_conjuncts<'e>(doc: &'e Document, e: &'e Expr, out: &mut Vec<&'e Expr>, depth: usize) {
    let mut parts = Vec::new();
    conjuncts(e, &mut parts);
    for p in parts {
        match temporal_def(doc, p, depth) {
            Some(body) => spec_conjuncts(doc, body, out, depth + 1),
            None => out.push(p),
        }
    }
}

/// `Init` (its variables in the role of the primed ones) and `Next` (its actions named),
/// compiled; with the frame size they need.
fn init_next(
    c: &mut Compiler,
    init_name: &(String, Span),
    init_extra: &[Expr],
    next_name: &(String, Span),
    next_expr: Option<&Expr>,
) -> (Act, Act, u32) {
    let name_expr = |(n, span): &(String, Span)| Expr {
        kind: ExprKind::Name(ast::Ident {
            name: n.clone(),
            span: *span,
        }),
        span: *span,
    };
    c.begin_frame();
    let mut init = name_expr(init_name);
    if !init_extra.is_empty() {
        let mut items = vec![init];
        items.extend(init_extra.iter().cloned());
        init = Expr {
            span: init_name.1,
            kind: ExprKind::Junction {
                op: ast::Junction::And,
                items,
                bulleted: false,
            },
        };
    }
    let init = act(c.expr_primed(&init));
    let mut frame_size = c.frame_size();
    c.begin_frame();
    c.name_actions = true;
    let next = match next_expr {
        Some(e) => act(c.expr(e)),
        None => act(c.expr(&name_expr(next_name))),
    };
    c.name_actions = false;
    frame_size = frame_size.max(c.frame_size());
    (init, next, frame_size)
}

/// The names of the actions `Next` goes through (the operators its steps are tagged with).
fn named_actions(next: &Act) -> HashSet<Arc<str>> {
    fn walk(a: &Act, out: &mut HashSet<Arc<str>>) {
        match a {
            Act::And(xs) | Act::Or(xs) => xs.iter().for_each(|x| walk(x, out)),
            Act::Exists(_, b) | Act::Defer(_, b) => walk(b, out),
            Act::If(_, a, b) | Act::Compose(a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Act::Case(arms, other) => {
                arms.iter().for_each(|(_, x)| walk(x, out));
                other.iter().for_each(|x| walk(x, out));
            }
            Act::Named(name, _, body, _) => {
                out.insert(name.clone());
                walk(body, out);
            }
            Act::Assign(..) | Act::AssignIn(..) | Act::Unchanged(_) | Act::Test(_) => {}
            Act::Assert(_) => {}
        }
    }
    let mut out = HashSet::new();
    walk(next, &mut out);
    out
}

/// Operator applications (an operator and its arguments) that fairness conditions name, each
/// with its tag.
type FairnessTags = HashMap<(Arc<str>, Vec<Value>), u32>;

/// The fairness conditions of a spec, compiled.
struct CompiledFairness {
    tags: FairnessTags,
    fairness: Vec<Fairness>,
    actions: Vec<FairAction>,
    frame_size: u32,
}

/// Fairness: a condition that names an action of `Next` (`in_next`) applied to constant
/// arguments tags the steps that go through it (each application, for each value of the bound
/// names, a tag); any other action expression is compiled as a [`FairAction`].
fn fairness_tags(
    c: &mut Compiler,
    fair_exprs: Vec<FairExpr>,
    in_next: &HashSet<Arc<str>>,
    errors: &mut Vec<CompileError>,
) -> CompiledFairness {
    let mut out = CompiledFairness {
        tags: HashMap::new(),
        fairness: Vec::new(),
        actions: Vec::new(),
        frame_size: 0,
    };
    for (bounds, kind, action, sub) in fair_exprs {
        let kind = if kind == FairnessKind::Strong {
            FairKind::Strong
        } else {
            FairKind::Weak
        };
        let named: Option<(&str, &[Expr])> = match &action.kind {
            ExprKind::Name(n) => Some((&n.name, &[])),
            ExprKind::Apply { op, args } => Some((&op.name, args)),
            _ => None,
        };
        let named = named.filter(|(op, _)| in_next.contains(*op));
        for binding in bindings(c, &bounds, errors) {
            let applied = named
                .and_then(|(op, args)| Some((op, constant_args(c, &binding, args, action.span)?)));
            let on = match applied {
                Some((op, values)) => {
                    let next_tag = out.tags.len() as u32;
                    FairOn::Instance(*out.tags.entry((Arc::from(op), values)).or_insert(next_tag))
                }
                // An action expression, or an operator applied to arguments that read the
                // state (`WF_vars(Return(c, alloc[c]))`).
                None => {
                    let (fa, frame) = fair_action(c, &binding, &action, &sub);
                    out.frame_size = out.frame_size.max(frame);
                    out.actions.push(fa);
                    FairOn::Action(out.actions.len() as u32 - 1)
                }
            };
            out.fairness.push(Fairness { on, kind });
        }
    }
    out
}

/// `<<A>>_v` compiled with the bound names given their values; with the frame size it needs.
fn fair_action(
    c: &mut Compiler,
    binding: &[(String, Value)],
    action: &Expr,
    sub: &Expr,
) -> (FairAction, u32) {
    let depth = c.scope.len();
    for (n, v) in binding {
        c.scope.push((
            n.clone(),
            Binding::Expr(Arc::new(CExpr::constant(v.clone(), action.span))),
        ));
    }
    c.begin_frame();
    let test = c.expr(action);
    let mut frame = c.frame_size();
    let ((steps, sub), instance) = c.over_instance_vars(|c| {
        c.begin_frame();
        let steps = c.expr(action);
        frame = frame.max(c.frame_size());
        c.begin_frame();
        let sub = c.expr(sub);
        frame = frame.max(c.frame_size());
        (steps, sub)
    });
    c.scope.truncate(depth);
    let enabled = EnabledAct::new(act(steps), Some(sub), c).with_instance_vars(instance);
    (FairAction { test, enabled }, frame)
}

/// The arguments of an action under fairness, with the bound names given their values, if
/// each is a constant.
fn constant_args(
    c: &mut Compiler,
    binding: &[(String, Value)],
    args: &[Expr],
    span: Span,
) -> Option<Vec<Value>> {
    let depth = c.scope.len();
    for (n, v) in binding {
        c.scope.push((
            n.clone(),
            Binding::Expr(Arc::new(CExpr::constant(v.clone(), span))),
        ));
    }
    let errors = c.errors.len();
    let values = args
        .iter()
        .map(|a| {
            c.begin_frame();
            c.expr(a).as_const().cloned()
        })
        .collect();
    // An argument that does not compile is reported where the action is compiled.
    c.errors.truncate(errors);
    c.scope.truncate(depth);
    values
}

/// The conjuncts of a formula (through `/\` lists).
fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Junction {
            op: ast::Junction::And,
            items,
            ..
        } => items.iter().for_each(|i| conjuncts(i, out)),
        ExprKind::Binary {
            op: ast::BinOp::And,
            lhs,
            rhs,
        } => {
            conjuncts(lhs, out);
            conjuncts(rhs, out);
        }
        _ => out.push(e),
    }
}

/// `WF_v(A)`, `SF_v(A)`, their conjunctions, and `\A x \in S :` around them, through the
/// definitions they name.
fn fairness(
    doc: &Document,
    depth: usize,
    e: &Expr,
    bounds: &mut Vec<ast::Bound>,
    out: &mut Vec<FairExpr>,
) -> Result<(), ()> {
    match &e.kind {
        ExprKind::Fairness { kind, vars, action } => {
            out.push((bounds.clone(), *kind, (**action).clone(), (**vars).clone()));
            Ok(())
        }
        ExprKind::Junction {
            op: ast::Junction::And,
            items,
            ..
        } => items
            .iter()
            .try_for_each(|i| fairness(doc, depth, i, bounds, out)),
        ExprKind::Binary {
            op: ast::BinOp::And,
            lhs,
            rhs,
        } => {
            fairness(doc, depth, lhs, bounds, out)?;
            fairness(doc, depth, rhs, bounds, out)
        }
        ExprKind::Quant {
            q: ast::Quantifier::Forall,
            bounds: bs,
            body,
        } => {
            let outer = bounds.len();
            bounds.extend(bs.iter().cloned());
            let r = fairness(doc, depth, body, bounds, out);
            bounds.truncate(outer);
            r
        }
        _ => match temporal_def(doc, e, depth) {
            Some(body) => fairness(doc, depth + 1, body, bounds, out),
            None => Err(()),
        },
    }
}

/// Every assignment of values to the names of `bounds` (constant sets).
fn bindings(
    c: &mut Compiler,
    bounds: &[ast::Bound],
    errors: &mut Vec<CompileError>,
) -> Vec<Vec<(String, Value)>> {
    let mut out = vec![Vec::new()];
    for b in bounds {
        let names: Vec<String> = match &b.pattern {
            ast::BoundPattern::Names(n) => n.iter().map(|i| i.name.clone()).collect(),
            ast::BoundPattern::Tuple(_) => {
                errors.push(compile_error(
                    Span::DUMMY,
                    "a tuple pattern around fairness is not supported",
                ));
                return vec![];
            }
        };
        let Some(set) = &b.set else { return vec![] };
        c.begin_frame();
        let Some(Value::Set(elems)) = c.expr(set).as_const().cloned() else {
            errors.push(compile_error(
                set.span,
                "the set of a \\A around fairness must be a constant set",
            ));
            return vec![];
        };
        for n in names {
            let mut grown = Vec::new();
            for prefix in &out {
                for v in elems.iter() {
                    let mut p = prefix.clone();
                    p.push((n.clone(), v.clone()));
                    grown.push(p);
                }
            }
            out = grown;
        }
    }
    out
}

impl TlaSpec {
    /// The fairness tag of a step that went through the operators `entered`.
    fn tag(&self, entered: &[Entered]) -> u32 {
        // Only fairness needs the tag: without any, no key is built.
        if self.tags.is_empty() {
            return UNTAGGED;
        }
        entered
            .iter()
            .find_map(|(n, args, _)| {
                let key = (n.clone(), args.iter().map(|(_, v)| v.clone()).collect());
                self.tags.get(&key).copied()
            })
            .unwrap_or(UNTAGGED)
    }
}

/// An error of the initial predicate, as an evaluation error.
fn initial_error(e: StepError) -> EvalError {
    match e {
        StepError::Eval(e) => e,
        StepError::Assert { span } => EvalError {
            span,
            message: "an assertion failed in the initial predicate".into(),
        },
    }
}

impl Semantics for TlaSpec {
    fn initial_states(
        &self,
        prog: &Program,
        out: &mut dyn FnMut(Vec<Value>) -> bool,
    ) -> EvalResult<()> {
        let blank = vec![Value::Bool(false); self.num_vars];
        let mut frame = prog.new_frame();
        let mut sink = |r: &Reached| Ok(out(r.next.to_vec()));
        let env = prog.env(&blank, None);
        let mut steps = Steps::new(
            &env,
            &prog.slot_names,
            Completion::Initial,
            &mut frame,
            &mut sink,
        );
        steps.all(&self.init).map_err(initial_error)
    }

    fn successors(
        &self,
        prog: &Program,
        st: &[Value],
        frame: &mut Vec<Value>,
        record: bool,
        out: &mut dyn FnMut(Succ<'_>),
    ) -> Result<bool, StepFailure> {
        let mut sink = |r: &Reached| {
            let (label, choices): (Arc<str>, &[(Arc<str>, Value)]) = match r.entered.last() {
                Some((n, args, _)) => (n.clone(), if record { args } else { &[] }),
                None => (Arc::from("Next"), &[]),
            };
            out(Succ {
                instance: self.tag(r.entered) as usize,
                label: &label,
                state: r.next,
                choices,
                event: None,
            });
            Ok(true)
        };
        let env = prog.env(st, None);
        let mut steps = Steps::new(&env, &prog.slot_names, Completion::Step, frame, &mut sink);
        match steps.all(&self.next) {
            Ok(()) => Ok(true),
            Err(e) => {
                let label: Arc<str> = steps
                    .entered
                    .last()
                    .map(|(n, _, _)| n.clone())
                    .unwrap_or_else(|| Arc::from("Next"));
                Err((UNTAGGED as usize, label, e))
            }
        }
    }

    fn fairness(&self) -> Vec<Fairness> {
        self.fairness.clone()
    }

    fn fair_taken(
        &self,
        prog: &Program,
        index: u32,
        cur: &[Value],
        next: &[Value],
    ) -> EvalResult<bool> {
        let fa = &self.fair_actions[index as usize];
        let Some(sub) = &fa.enabled.sub else {
            unreachable!("a fairness action has its subscript")
        };
        let mut frame = prog.new_frame();
        let env = prog.env(cur, Some(next));
        Ok(env.bool(&fa.test, &mut frame)? && changes(prog, sub, cur, next, &mut frame)?)
    }

    fn fair_enabled(&self, prog: &Program, index: u32, st: &[Value]) -> EvalResult<bool> {
        let fa = &self.fair_actions[index as usize];
        let mut frame = prog.new_frame();
        prog.env(st, None)
            .enabled(&fa.enabled, Span::DUMMY, &mut frame)
    }

    fn process(&self, _instance: usize) -> Option<&Value> {
        None
    }

    fn choices_are_args(&self) -> bool {
        true
    }

    fn event_slot(&self) -> Option<u32> {
        None
    }

    fn termination(&self, _span: Span) -> Option<Expr> {
        None
    }
}
