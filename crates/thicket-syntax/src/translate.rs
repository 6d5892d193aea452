//! The PlusCal translation: an algorithm written out as TLA+ definitions (`VARIABLES`, `Init`,
//! one action per label, `Next`, `Spec`, `Termination`), the text PlusCal's translator puts
//! between `\* BEGIN TRANSLATION` and `\* END TRANSLATION`, so an exported module runs on TLC
//! as it is.
//!
//! The translation follows the translator's formulas: a label's action runs the statements from
//! the label until control reaches another label; a variable assigned earlier in the step is
//! read primed; every path through the step ends by setting `pc` and leaving every variable it
//! did not assign `UNCHANGED`. Where the translator shares the statements after an `if` between
//! its branches, this translation repeats them in each branch (the same action, written out
//! path by path). Process-set locals and procedure variables are functions of `self`.

use crate::ast::build::{expr as ex, name};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::print;

/// Translate an algorithm. Objects (algorithms with operations) must be written out in plain
/// PlusCal first; macros are expanded here.
pub fn translate(alg: &Algorithm) -> Result<String, Vec<Diagnostic>> {
    if !alg.operations.is_empty() {
        return Err(vec![Diagnostic::error(
            alg.name.span,
            "an algorithm with operations is translated after its operations are written out",
        )]);
    }
    let alg = expand_macros(alg)?;
    let mut t = Translator::new(&alg)?;
    let mut text = t.module();
    if text.contains("defaultInitValue") {
        text.insert_str(0, "CONSTANT defaultInitValue\n\n");
    }
    if t.errors.is_empty() {
        Ok(text)
    } else {
        Err(t.errors)
    }
}

/// The names the translation of `alg` defines: `Init`, `Next`, `Spec`, `vars`, `ProcSet`,
/// `Termination`, and the operators of its steps (one per label, process and procedure, with
/// the translator's names).
pub fn defined_names(alg: &Algorithm) -> Vec<String> {
    let fixed = ["vars", "Init", "Next", "Spec", "ProcSet", "Termination"];
    let steps = crate::symtab::step_operators(alg)
        .into_iter()
        .map(|(n, _)| n);
    fixed.into_iter().map(str::to_string).chain(steps).collect()
}

// ---------------------------------------------------------------------------------------------
// AST helpers
// ---------------------------------------------------------------------------------------------

fn prime(e: Expr) -> Expr {
    ex(ExprKind::Unary {
        op: UnOp::Prime,
        arg: Box::new(e),
    })
}

fn at(f: Expr, arg: Expr) -> Expr {
    ex(ExprKind::FnApply {
        f: Box::new(f),
        args: vec![arg],
    })
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

// ---------------------------------------------------------------------------------------------
// Macros
// ---------------------------------------------------------------------------------------------

pub(crate) fn expand_macros(alg: &Algorithm) -> Result<Algorithm, Vec<Diagnostic>> {
    let mut out = alg.clone();
    let mut errors = Vec::new();
    let macros = alg.macros.clone();
    let mut fix = |body: &mut Vec<Stmt>| *body = expand_list(body, &macros, &mut errors);
    if let Some(b) = out.body.as_mut() {
        fix(b);
    }
    for p in &mut out.procedures {
        fix(&mut p.body);
    }
    for p in &mut out.processes {
        fix(&mut p.body);
    }
    out.macros.clear();
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn expand_list(list: &[Stmt], macros: &[Macro], errors: &mut Vec<Diagnostic>) -> Vec<Stmt> {
    let mut out = Vec::new();
    for s in list {
        let mut s = s.clone();
        match &mut s.kind {
            StmtKind::MacroCall { name, args } => {
                let Some(m) = macros.iter().find(|m| m.name.name == name.name) else {
                    errors.push(Diagnostic::error(
                        name.span,
                        format!("there is no macro `{}`", name.name),
                    ));
                    continue;
                };
                if m.params.len() != args.len() {
                    errors.push(Diagnostic::error(
                        s.span,
                        format!(
                            "macro `{}` takes {} argument(s), but {} are given",
                            name.name,
                            m.params.len(),
                            args.len()
                        ),
                    ));
                    continue;
                }
                let subst: HashMap<String, Expr> = m
                    .params
                    .iter()
                    .map(|p| p.name.clone())
                    .zip(args.iter().cloned())
                    .collect();
                let mut body: Vec<Stmt> = m.body.iter().map(|st| subst_stmt(st, &subst)).collect();
                if let (Some(first), Some(l)) = (body.first_mut(), s.label.clone()) {
                    first.label = Some(l);
                }
                out.extend(expand_list(&body, macros, errors));
                continue;
            }
            _ => for_each_body(&mut s, &mut |b| *b = expand_list(b, macros, errors)),
        }
        out.push(s);
    }
    out
}

/// Call `f` on every statement list directly inside `s`.
fn for_each_body(s: &mut Stmt, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
    match &mut s.kind {
        StmtKind::If { branches, els } => {
            for (_, b) in branches.iter_mut() {
                f(b);
            }
            if let Some(e) = els {
                f(e);
            }
        }
        StmtKind::Either(bs) => bs.iter_mut().for_each(f),
        StmtKind::While { body, .. } | StmtKind::With { body, .. } => f(body),
        _ => {}
    }
}

fn subst_stmt(s: &Stmt, subst: &HashMap<String, Expr>) -> Stmt {
    let mut s = s.clone();
    let e = |x: &mut Expr| substitute(x, subst, &mut Vec::new());
    match &mut s.kind {
        StmtKind::Assign(asgs) => {
            for a in asgs {
                if let Some(Expr {
                    kind: ExprKind::Name(v),
                    ..
                }) = subst.get(&a.var.name)
                {
                    a.var = v.clone();
                }
                for p in &mut a.path {
                    if let PathElem::Index(xs) = p {
                        xs.iter_mut().for_each(e);
                    }
                }
                e(&mut a.value);
            }
        }
        StmtKind::If { branches, .. } => branches.iter_mut().for_each(|(c, _)| e(c)),
        StmtKind::While { cond, .. } => e(cond),
        StmtKind::Await(x)
        | StmtKind::Assert(x)
        | StmtKind::Print(x)
        | StmtKind::ReturnValue(x) => e(x),
        StmtKind::With { bindings, .. } => bindings.iter_mut().for_each(|b| e(&mut b.expr)),
        StmtKind::Call { args, .. } | StmtKind::MacroCall { args, .. } => {
            args.iter_mut().for_each(e)
        }
        _ => {}
    }
    for_each_body(&mut s, &mut |b| {
        *b = b.iter().map(|st| subst_stmt(st, subst)).collect()
    });
    s
}

/// Replace free names by expressions (macro parameters), respecting bound names.
fn substitute(e: &mut Expr, subst: &HashMap<String, Expr>, bound: &mut Vec<String>) {
    rewrite(e, bound, &mut |e, bound| {
        if let ExprKind::Name(n) = &e.kind {
            if !bound.contains(&n.name) {
                if let Some(r) = subst.get(&n.name) {
                    *e = r.clone();
                    return true;
                }
            }
        }
        false
    });
}

/// Walk an expression, calling `f` on each sub-expression with the names bound around it;
/// when `f` returns true the sub-expression was replaced and is not walked into.
fn rewrite(e: &mut Expr, bound: &mut Vec<String>, f: &mut dyn FnMut(&mut Expr, &[String]) -> bool) {
    if f(e, bound) {
        return;
    }
    let depth = bound.len();
    let bind_bounds = |bs: &mut Vec<Bound>,
                       bound: &mut Vec<String>,
                       f: &mut dyn FnMut(&mut Expr, &[String]) -> bool| {
        for b in bs.iter_mut() {
            if let Some(s) = &mut b.set {
                rewrite(s, bound, f);
            }
        }
        for b in bs.iter() {
            let names = match &b.pattern {
                BoundPattern::Names(n) | BoundPattern::Tuple(n) => n,
            };
            bound.extend(names.iter().map(|n| n.name.clone()));
        }
    };
    match &mut e.kind {
        ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Str(_)
        | ExprKind::Name(_)
        | ExprKind::At => {}
        ExprKind::Apply { args, .. } => args.iter_mut().for_each(|a| rewrite(a, bound, f)),
        ExprKind::Unary { arg, .. } => rewrite(arg, bound, f),
        ExprKind::Binary { lhs, rhs, .. } => {
            rewrite(lhs, bound, f);
            rewrite(rhs, bound, f);
        }
        ExprKind::Junction {
            items, bulleted, ..
        } => {
            *bulleted = false;
            items.iter_mut().for_each(|a| rewrite(a, bound, f));
        }
        ExprKind::If { cond, then, els } => {
            rewrite(cond, bound, f);
            rewrite(then, bound, f);
            rewrite(els, bound, f);
        }
        ExprKind::Case { arms, other } => {
            for (c, v) in arms {
                rewrite(c, bound, f);
                rewrite(v, bound, f);
            }
            if let Some(o) = other {
                rewrite(o, bound, f);
            }
        }
        ExprKind::Let { defs, body } => {
            bound.extend(defs.iter().map(|d| d.name.name.clone()));
            for d in defs.iter_mut() {
                let inner = bound.len();
                bound.extend(d.params.iter().map(|p| p.name.name.clone()));
                if let Some(bs) = &mut d.fn_bounds {
                    bind_bounds(bs, bound, f);
                }
                rewrite(&mut d.body, bound, f);
                bound.truncate(inner);
            }
            rewrite(body, bound, f);
        }
        ExprKind::Quant { bounds, body, .. } | ExprKind::FnConstruct { bounds, body } => {
            bind_bounds(bounds, bound, f);
            rewrite(body, bound, f);
        }
        ExprKind::SetMap { body, bounds } => {
            bind_bounds(bounds, bound, f);
            rewrite(body, bound, f);
        }
        ExprKind::Choose { bound: b, body }
        | ExprKind::SetFilter {
            bound: b,
            pred: body,
        } => {
            let mut bs = vec![(**b).clone()];
            bind_bounds(&mut bs, bound, f);
            **b = bs.remove(0);
            rewrite(body, bound, f);
        }
        ExprKind::SetEnum(xs) | ExprKind::Tuple(xs) | ExprKind::Cross(xs) => {
            xs.iter_mut().for_each(|a| rewrite(a, bound, f))
        }
        ExprKind::Label { body, .. } => rewrite(body, bound, f),
        ExprKind::FnApply { f: fun, args } => {
            rewrite(fun, bound, f);
            args.iter_mut().for_each(|a| rewrite(a, bound, f));
        }
        ExprKind::FnSet { dom, range } => {
            rewrite(dom, bound, f);
            rewrite(range, bound, f);
        }
        ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
            fields.iter_mut().for_each(|(_, v)| rewrite(v, bound, f))
        }
        ExprKind::Field { rec, .. } => rewrite(rec, bound, f),
        ExprKind::Except { base, updates } => {
            rewrite(base, bound, f);
            for u in updates {
                for p in &mut u.path {
                    if let PathElem::Index(xs) = p {
                        xs.iter_mut().for_each(|a| rewrite(a, bound, f));
                    }
                }
                rewrite(&mut u.value, bound, f);
            }
        }
        ExprKind::Lambda { params, body } => {
            bound.extend(params.iter().map(|p| p.name.clone()));
            rewrite(body, bound, f);
        }
        ExprKind::ActionProp { action, vars, .. } | ExprKind::Fairness { action, vars, .. } => {
            rewrite(action, bound, f);
            rewrite(vars, bound, f);
        }
        ExprKind::InstanceVar { image, .. } => rewrite(image, bound, f),
    }
    bound.truncate(depth);
}

// ---------------------------------------------------------------------------------------------
// The formula tree of one action, and its layout
// ---------------------------------------------------------------------------------------------

/// An action formula as the translator lays it out.
enum F {
    Line(String),
    And(Vec<F>),
    Or(Vec<F>),
    If(String, Box<F>, Box<F>),
    /// `\E x \in S:` or `LET x == e IN` before a body.
    Binder(String, Box<F>),
}

fn and(mut items: Vec<F>) -> F {
    if items.len() == 1 {
        items.pop().expect("one item")
    } else {
        F::And(items)
    }
}

/// Lay out `f` starting at column `col` (the first line is not indented).
fn layout(f: &F, col: usize) -> String {
    let pad = |n: usize| " ".repeat(n);
    match f {
        F::Line(s) => s.clone(),
        F::And(items) | F::Or(items) if items.is_empty() => "TRUE".into(),
        F::And(items) | F::Or(items) => {
            let bullet = if matches!(f, F::And(_)) {
                "/\\ "
            } else {
                "\\/ "
            };
            items
                .iter()
                .map(|i| format!("{bullet}{}", layout(i, col + 3)))
                .collect::<Vec<_>>()
                .join(&format!("\n{}", pad(col)))
        }
        F::If(c, a, b) => format!(
            "IF {c}\n{}THEN {}\n{}ELSE {}",
            pad(col + 3),
            layout(a, col + 8),
            pad(col + 3),
            layout(b, col + 8)
        ),
        F::Binder(head, body) => format!("{head}\n{}{}", pad(col + 2), layout(body, col + 2)),
    }
}

// ---------------------------------------------------------------------------------------------
// The translator
// ---------------------------------------------------------------------------------------------

/// Where control goes when a statement list runs out.
enum K<'a> {
    /// The end of a process body (`Done`) or of a procedure (an error: `Error`).
    End(&'static str),
    /// The statements after the enclosing one, then the enclosing continuation.
    Seq(&'a [Stmt], Rc<K<'a>>),
    /// Back to a `while`'s label.
    Loop(String),
}

/// Where a `call` returns.
enum Ret {
    Label(String),
    /// `call P(); return;`
    Tail,
}

/// The state of one path through a step.
#[derive(Clone, Default)]
struct Path {
    assigned: Vec<String>,
    bound: Vec<String>,
}

/// What the code being translated runs as.
#[derive(Clone)]
struct Ctx<'a> {
    /// `self` (a name in process sets and procedures, the id of a single process); `None` in a
    /// uniprocess algorithm.
    me: Option<Expr>,
    /// Variables read as `v[self]`.
    indexed: HashSet<String>,
    /// Every variable visible here.
    visible: HashSet<String>,
    procedure: Option<&'a Procedure>,
}

struct Translator<'a> {
    alg: &'a Algorithm,
    multi: bool,
    /// Every variable, in `VARIABLES` order.
    vars: Vec<String>,
    errors: Vec<Diagnostic>,
}

impl<'a> Translator<'a> {
    fn new(alg: &'a Algorithm) -> Result<Translator<'a>, Vec<Diagnostic>> {
        let multi = alg.body.is_none();
        let mut vars: Vec<String> = alg.vars.iter().map(|v| v.name.name.clone()).collect();
        let mut errors = Vec::new();
        let mut declare = |v: &VarDecl, vars: &mut Vec<String>| {
            if vars.contains(&v.name.name) {
                errors.push(Diagnostic::error(v.name.span, format!("the TLA+ translation needs distinct variable names, and `{}` is declared twice", v.name.name)));
            } else {
                vars.push(v.name.name.clone());
            }
        };
        for p in &alg.processes {
            for v in &p.locals {
                declare(v, &mut vars);
            }
        }
        for p in &alg.procedures {
            for v in p.params.iter().chain(&p.locals) {
                declare(v, &mut vars);
            }
        }
        for special in ["pc", "stack"] {
            if vars.iter().any(|v| v == special) {
                errors.push(Diagnostic::error(alg.name.span, format!("the TLA+ translation defines the variable `{special}`; rename the algorithm's `{special}`")));
            }
        }
        vars.push("pc".into());
        if !alg.procedures.is_empty() {
            vars.push("stack".into());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Translator {
            alg,
            multi,
            vars,
            errors: Vec::new(),
        })
    }

    fn module(&mut self) -> String {
        let alg = self.alg;
        let mut out = String::new();
        out.push_str(&format!("VARIABLES {}\n\n", self.vars.join(", ")));
        if !alg.defines.is_empty() {
            out.push_str("(* define statement *)\n");
            for d in &alg.defines {
                let doc = Document {
                    module: None,
                    extends: vec![],
                    constants: vec![],
                    variables: vec![],
                    instances: vec![],
                    assumes: vec![],
                    theorems: vec![],
                    defs: vec![d.clone()],
                    algorithm: None,
                    model: None,
                    span: Span::DUMMY,
                };
                out.push_str(print::document(&doc).trim());
                out.push('\n');
            }
            out.push('\n');
        }
        out.push_str(&format!("vars == << {} >>\n\n", self.vars.join(", ")));
        if self.multi {
            let parts: Vec<String> = alg
                .processes
                .iter()
                .map(|p| match &p.ids {
                    ProcessIds::Set(s) => format!("({})", print::expr(s)),
                    ProcessIds::Single(e) => format!("{{{}}}", print::expr(e)),
                })
                .collect();
            out.push_str(&format!("ProcSet == {}\n\n", parts.join(" \\cup ")));
        }
        out.push_str(&self.init());
        out.push('\n');

        // Actions: procedures first (as the translator orders them), then processes.
        let mut next: Vec<String> = Vec::new();
        for p in &alg.procedures {
            let cx = self.proc_ctx(p);
            let names = self.actions(&p.body, &cx, "Error", &mut out);
            let head = self.head(&p.name.name, &cx);
            out.push_str(&format!("{head} == {}\n\n", self.disjunction(&names, &cx)));
            next.push(if self.multi {
                format!("(\\E self \\in ProcSet: {head})")
            } else {
                head
            });
        }
        if let Some(body) = &alg.body {
            let cx = Ctx {
                me: None,
                indexed: HashSet::new(),
                visible: self.vars.iter().cloned().collect(),
                procedure: None,
            };
            // A uniprocess algorithm's steps are the disjuncts of `Next` themselves.
            next.extend(self.actions(body, &cx, "Done", &mut out));
        }
        for p in &alg.processes {
            let cx = self.process_ctx(p);
            let names = self.actions(&p.body, &cx, "Done", &mut out);
            let head = self.head(&p.name.name, &cx);
            out.push_str(&format!("{head} == {}\n\n", self.disjunction(&names, &cx)));
            next.push(match &p.ids {
                ProcessIds::Set(s) => format!("(\\E self \\in {}: {head})", print::expr(s)),
                ProcessIds::Single(_) => head,
            });
        }

        let all_done = if self.multi {
            "\\A self \\in ProcSet: pc[self] = \"Done\""
        } else {
            "pc = \"Done\""
        };
        out.push_str("(* Allow infinite stuttering to prevent deadlock on termination. *)\n");
        out.push_str(&format!(
            "Terminating == /\\ {all_done}\n               /\\ UNCHANGED vars\n\n"
        ));
        next.push("Terminating".into());
        out.push_str(&format!("Next == {}\n\n", next.join("\n           \\/ ")));
        out.push_str(&self.spec());
        out.push_str(&format!("Termination == <>({all_done})\n"));
        out
    }

    /// `P(self)` or `P`.
    fn head(&self, n: &str, cx: &Ctx) -> String {
        match &cx.me {
            Some(e) if matches!(&e.kind, ExprKind::Name(i) if i.name == "self") => {
                format!("{n}(self)")
            }
            _ => n.to_string(),
        }
    }

    fn disjunction(&self, names: &[String], cx: &Ctx) -> String {
        if names.is_empty() {
            return "FALSE".into();
        }
        names
            .iter()
            .map(|n| self.head(n, cx))
            .collect::<Vec<_>>()
            .join(" \\/ ")
    }

    fn proc_ctx(&self, p: &'a Procedure) -> Ctx<'a> {
        let own: Vec<String> = p
            .params
            .iter()
            .chain(&p.locals)
            .map(|v| v.name.name.clone())
            .collect();
        let mut visible: HashSet<String> =
            self.alg.vars.iter().map(|v| v.name.name.clone()).collect();
        visible.extend(own.iter().cloned());
        visible.insert("pc".into());
        visible.insert("stack".into());
        let indexed = if self.multi {
            own.into_iter()
                .chain(["pc".to_string(), "stack".to_string()])
                .collect()
        } else {
            HashSet::new()
        };
        Ctx {
            me: self.multi.then(|| name("self")),
            indexed,
            visible,
            procedure: Some(p),
        }
    }

    fn process_ctx(&self, p: &'a Process) -> Ctx<'a> {
        let own: Vec<String> = p.locals.iter().map(|v| v.name.name.clone()).collect();
        let mut visible: HashSet<String> =
            self.alg.vars.iter().map(|v| v.name.name.clone()).collect();
        visible.extend(own.iter().cloned());
        visible.insert("pc".into());
        visible.insert("stack".into());
        let mut indexed: HashSet<String> = ["pc".to_string(), "stack".to_string()].into();
        let me = match &p.ids {
            ProcessIds::Set(_) => {
                indexed.extend(own);
                name("self")
            }
            ProcessIds::Single(e) => e.clone(),
        };
        Ctx {
            me: Some(me),
            indexed,
            visible,
            procedure: None,
        }
    }

    fn init(&mut self) -> String {
        let alg = self.alg;
        let mut lines: Vec<String> = Vec::new();
        let global = Ctx {
            me: None,
            indexed: HashSet::new(),
            visible: alg.vars.iter().map(|v| v.name.name.clone()).collect(),
            procedure: None,
        };
        let decl = |v: &VarDecl, cx: &Ctx, me: &Translator, over: Option<&str>| -> String {
            let n = &v.name.name;
            let ps = Path::default();
            let (op, e) = match &v.init {
                VarInit::Eq(e) => ("=", me.expr(e, cx, &ps)),
                VarInit::In(e) => ("\\in", me.expr(e, cx, &ps)),
                VarInit::None => ("=", "defaultInitValue".to_string()),
            };
            match (over, op) {
                (None, _) => format!("{n} {op} {e}"),
                (Some(set), "=") => format!("{n} = [self \\in {set} |-> {e}]"),
                (Some(set), _) => format!("{n} \\in [{set} -> {e}]"),
            }
        };
        if !alg.vars.is_empty() {
            lines.push("(* Global variables *)".into());
        }
        for v in &alg.vars {
            lines.push(format!("/\\ {}", decl(v, &global, self, None)));
        }
        for p in &alg.procedures {
            lines.push(format!("(* Procedure {} *)", p.name.name));
            let cx = self.proc_ctx(p);
            for v in p.params.iter().chain(&p.locals) {
                lines.push(format!(
                    "/\\ {}",
                    decl(v, &cx, self, self.multi.then_some("ProcSet"))
                ));
            }
        }
        for p in &alg.processes {
            if p.locals.is_empty() {
                continue;
            }
            lines.push(format!("(* Process {} *)", p.name.name));
            let cx = self.process_ctx(p);
            let set = match &p.ids {
                ProcessIds::Set(s) => Some(print::expr(s).to_string()),
                ProcessIds::Single(_) => None,
            };
            for v in &p.locals {
                lines.push(format!("/\\ {}", decl(v, &cx, self, set.as_deref())));
            }
        }
        if !alg.procedures.is_empty() {
            lines.push(if self.multi {
                "/\\ stack = [self \\in ProcSet |-> << >>]".into()
            } else {
                "/\\ stack = << >>".into()
            });
        }
        let entry = |body: &[Stmt]| {
            body.first()
                .and_then(|s| s.label.as_ref())
                .map_or("Done".to_string(), |l| l.name.clone())
        };
        if self.multi {
            let arms: Vec<String> = alg
                .processes
                .iter()
                .map(|p| {
                    let test = match &p.ids {
                        ProcessIds::Set(s) => format!("self \\in {}", print::expr(s)),
                        ProcessIds::Single(e) => format!("self = {}", print::expr(e)),
                    };
                    (test, entry(&p.body))
                })
                .map(|(t, l)| format!("{t} -> {}", quote(&l)))
                .collect();
            let value = if arms.len() == 1 {
                quote(&entry(&alg.processes[0].body))
            } else {
                format!(
                    "CASE {}",
                    arms.join("\n                                        [] ")
                )
            };
            lines.push(format!("/\\ pc = [self \\in ProcSet |-> {value}]"));
        } else {
            lines.push(format!(
                "/\\ pc = {}",
                quote(&entry(alg.body.as_deref().unwrap_or(&[])))
            ));
        }
        let mut out = String::from("Init == ");
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                out.push_str("\n        ");
            }
            out.push_str(l);
        }
        out.push('\n');
        out
    }

    fn spec(&self) -> String {
        let alg = self.alg;
        let wf = |f: Fairness| match f {
            Fairness::Strong => "SF_vars",
            _ => "WF_vars",
        };
        let mut conj: Vec<String> = vec!["Init".into(), "[][Next]_vars".into()];
        if self.multi {
            for p in &alg.processes {
                let fair = if p.fairness == Fairness::Unfair {
                    alg.fairness
                } else {
                    p.fairness
                };
                if fair == Fairness::Unfair {
                    continue;
                }
                let w = wf(fair);
                match &p.ids {
                    ProcessIds::Set(s) => {
                        let mut parts = vec![format!("{w}({}(self))", p.name.name)];
                        parts.extend(
                            alg.procedures
                                .iter()
                                .map(|q| format!("{w}({}(self))", q.name.name)),
                        );
                        conj.push(format!(
                            "\\A self \\in {} : {}",
                            print::expr(s),
                            parts.join(" /\\ ")
                        ));
                    }
                    ProcessIds::Single(e) => {
                        let mut parts = vec![format!("{w}({})", p.name.name)];
                        parts.extend(
                            alg.procedures
                                .iter()
                                .map(|q| format!("{w}({}({}))", q.name.name, print::expr(e))),
                        );
                        conj.push(parts.join(" /\\ "));
                    }
                }
            }
        } else if alg.fairness != Fairness::Unfair {
            conj.push(format!("{}(Next)", wf(alg.fairness)));
        }
        format!(
            "Spec == {}\n\n",
            conj.iter()
                .map(|c| format!("/\\ {c}"))
                .collect::<Vec<_>>()
                .join("\n        ")
        )
    }

    /// Write one action per label of `body`; returns the labels in order.
    fn actions(
        &mut self,
        body: &'a [Stmt],
        cx: &Ctx<'a>,
        end: &'static str,
        out: &mut String,
    ) -> Vec<String> {
        let mut found: Vec<(&'a [Stmt], Rc<K<'a>>)> = Vec::new();
        collect(body, Rc::new(K::End(end)), &mut found);
        let mut names = Vec::new();
        for (from, k) in found {
            let label = from[0]
                .label
                .as_ref()
                .expect("collected at a label")
                .name
                .clone();
            let head = self.head(&label, cx);
            let guard = format!("{} = {}", self.read_pc(cx), quote(&label));
            let mut f = vec![F::Line(guard)];
            match self.go(from, &k, true, Path::default(), cx) {
                F::And(items) => f.extend(items),
                other => f.push(other),
            }
            let prefix = format!("{head} == ");
            out.push_str(&format!("{prefix}{}\n\n", layout(&and(f), prefix.len())));
            names.push(label);
        }
        names
    }

    fn read_pc(&self, cx: &Ctx) -> String {
        match &cx.me {
            Some(me) if self.multi => print::expr(&at(name("pc"), me.clone())),
            _ => "pc".into(),
        }
    }

    /// An expression as read on this path: variables assigned earlier in the step primed,
    /// process and procedure variables applied to `self`, a single process's `self` its id.
    fn expr_tree(&self, e: &Expr, cx: &Ctx, ps: &Path) -> Expr {
        let mut e = e.clone();
        let mut bound = ps.bound.clone();
        rewrite(&mut e, &mut bound, &mut |e, bound| {
            let ExprKind::Name(n) = &e.kind else {
                return false;
            };
            if bound.contains(&n.name) {
                return false;
            }
            if n.name == "self" {
                if let Some(me) = &cx.me {
                    *e = me.clone();
                    return true;
                }
                return false;
            }
            if !cx.visible.contains(&n.name) {
                return false;
            }
            let mut v = name(&n.name);
            if ps.assigned.contains(&n.name) {
                v = prime(v);
            }
            if cx.indexed.contains(&n.name) {
                v = at(v, cx.me.clone().expect("indexed variables have a self"));
            }
            *e = v;
            true
        });
        e
    }

    fn expr(&self, e: &Expr, cx: &Ctx, ps: &Path) -> String {
        print::expr(&self.expr_tree(e, cx, ps))
    }

    /// `v' = e` for a whole variable, with `self`'s entry when it is indexed.
    fn set_var(
        &self,
        v: &str,
        path: Vec<PathElem>,
        value: Expr,
        cx: &Ctx,
    ) -> (Vec<PathElem>, Expr) {
        let mut full = Vec::new();
        if cx.indexed.contains(v) {
            full.push(PathElem::Index(vec![cx
                .me
                .clone()
                .expect("indexed variables have a self")]));
        }
        full.extend(path);
        (full, value)
    }

    fn update_line(&self, v: &str, updates: Vec<(Vec<PathElem>, Expr)>) -> String {
        if updates.len() == 1 && updates[0].0.is_empty() {
            return format!("{v}' = {}", print::expr(&updates[0].1));
        }
        let e = ex(ExprKind::Except {
            base: Box::new(name(v)),
            updates: updates
                .into_iter()
                .map(|(path, value)| ExceptUpdate { path, value })
                .collect(),
        });
        format!("{v}' = {}", print::expr(&e))
    }

    fn assigned_twice(&mut self, v: &str, span: Span) {
        self.errors.push(
            Diagnostic::error(span, format!("`{v}` is assigned twice in one step")).with_hint(
                "PlusCal allows one assignment to a variable per step: add a label between the two",
            ),
        );
    }

    /// The formula of the paths through `cur` (then the continuation `k`) up to the next
    /// label: straight-line statements are conjoined, a branching or jumping one ends the list.
    fn go(
        &mut self,
        mut cur: &'a [Stmt],
        k: &Rc<K<'a>>,
        mut first: bool,
        mut ps: Path,
        cx: &Ctx<'a>,
    ) -> F {
        let mut acc: Vec<F> = Vec::new();
        let mut k = k.clone();
        loop {
            let Some(s) = cur.first() else {
                match &*k {
                    K::End(pc) => {
                        let pc = quote(pc);
                        acc.extend(self.finish(&pc, &ps, cx));
                        return and(acc);
                    }
                    K::Seq(rest, k2) => {
                        cur = rest;
                        k = k2.clone();
                        continue;
                    }
                    K::Loop(l) => {
                        acc.extend(self.finish(&quote(l), &ps, cx));
                        return and(acc);
                    }
                }
            };
            if let (false, Some(l)) = (first, &s.label) {
                acc.extend(self.finish(&quote(&l.name), &ps, cx));
                return and(acc);
            }
            first = false;
            let rest = &cur[1..];
            match &s.kind {
                StmtKind::Skip => {}
                StmtKind::Assign(asgs) => self.assign(asgs, &mut ps, &mut acc, cx),
                StmtKind::Await(e) => acc.push(F::Line(self.expr(e, cx, &ps))),
                StmtKind::Assert(e) => acc.push(self.assert(e, cx, &ps)),
                StmtKind::Print(e) => {
                    acc.push(F::Line(format!("PrintT({})", self.expr(e, cx, &ps))))
                }
                StmtKind::If { .. }
                | StmtKind::Either(_)
                | StmtKind::With { .. }
                | StmtKind::While { .. }
                | StmtKind::Goto(_)
                | StmtKind::Call { .. }
                | StmtKind::Return
                | StmtKind::ReturnValue(_)
                | StmtKind::MacroCall { .. } => {
                    acc.extend(self.path_end(s, rest, &k, ps, cx));
                    return and(acc);
                }
            }
            cur = rest;
        }
    }

    /// `x := e || f[i] := e2`: one update line per variable, in first-assigned order.
    fn assign(&mut self, asgs: &[Assignment], ps: &mut Path, acc: &mut Vec<F>, cx: &Ctx<'a>) {
        let mut order: Vec<String> = Vec::new();
        let mut updates: HashMap<String, Vec<(Vec<PathElem>, Expr)>> = HashMap::new();
        for a in asgs {
            let v = a.var.name.clone();
            if ps.assigned.contains(&v) {
                self.assigned_twice(&v, a.span);
            }
            let path: Vec<PathElem> = a
                .path
                .iter()
                .map(|p| match p {
                    PathElem::Field(f) => PathElem::Field(f.clone()),
                    PathElem::Index(xs) => {
                        PathElem::Index(xs.iter().map(|x| self.expr_tree(x, cx, ps)).collect())
                    }
                })
                .collect();
            let value = self.expr_tree(&a.value, cx, ps);
            if !order.contains(&v) {
                order.push(v.clone());
            }
            updates
                .entry(v.clone())
                .or_default()
                .push(self.set_var(&v, path, value, cx));
        }
        for v in order {
            let ups = updates.remove(&v).unwrap_or_default();
            acc.push(F::Line(self.update_line(&v, ups)));
            ps.assigned.push(v);
        }
    }

    /// `assert e`: TLC's `Assert(e, "Failure of assertion ...")`.
    fn assert(&self, e: &Expr, cx: &Ctx<'a>, ps: &Path) -> F {
        let label = "assertion";
        F::Line(format!(
            "Assert({}, {})",
            self.expr(e, cx, ps),
            quote(&format!(
                "Failure of {label} {}",
                print::expr(e).replace('\\', "\\\\").replace('"', "'")
            ))
        ))
    }

    /// The rest of a path from a statement that ends the statement list: a branch (`if`,
    /// `either`, `with`, `while`), a jump (`goto`, `call`, `return`), or an error.
    fn path_end(
        &mut self,
        s: &'a Stmt,
        rest: &'a [Stmt],
        k: &Rc<K<'a>>,
        mut ps: Path,
        cx: &Ctx<'a>,
    ) -> Vec<F> {
        let after = || Rc::new(K::Seq(rest, k.clone()));
        match &s.kind {
            StmtKind::If { branches, els } => vec![self.if_stmt(branches, els, &after(), &ps, cx)],
            StmtKind::Either(bs) => {
                let k2 = after();
                let items = bs
                    .iter()
                    .map(|b| self.go(b, &k2, false, ps.clone(), cx))
                    .collect();
                vec![F::Or(items)]
            }
            StmtKind::With { bindings, body } => {
                vec![self.with_stmt(bindings, body, &after(), &ps, cx)]
            }
            StmtKind::While { cond, body } => {
                let Some(l) = &s.label else {
                    self.errors
                        .push(Diagnostic::error(s.span, "a `while` must be labelled"));
                    return Vec::new();
                };
                let back = Rc::new(K::Loop(l.name.clone()));
                let then = self.go(body, &back, false, ps.clone(), cx);
                let els = self.go(rest, k, false, ps.clone(), cx);
                vec![F::If(
                    self.expr(cond, cx, &ps),
                    Box::new(then),
                    Box::new(els),
                )]
            }
            StmtKind::Goto(l) => self.finish(&quote(&l.name), &ps, cx),
            StmtKind::Call { proc, args } => {
                match next_target(rest, k) {
                    Some(ret) => self.call(proc, args, ret, s.span, &mut ps, cx),
                    None => {
                        self.errors.push(Diagnostic::error(s.span, "a `call` must be followed by a labelled statement, a `return` or a `goto`"));
                        Vec::new()
                    }
                }
            }
            StmtKind::Return => self.ret(&mut ps, cx, s.span),
            StmtKind::ReturnValue(_) | StmtKind::MacroCall { .. } => {
                self.errors.push(Diagnostic::error(
                    s.span,
                    "this statement must be written out before translation",
                ));
                Vec::new()
            }
            StmtKind::Skip
            | StmtKind::Assign(_)
            | StmtKind::Await(_)
            | StmtKind::Assert(_)
            | StmtKind::Print(_) => unreachable!("a straight-line statement does not end a path"),
        }
    }

    /// `if`/`elsif`/`else`: nested `IF`s, each branch continuing with `k2`.
    fn if_stmt(
        &mut self,
        branches: &'a [(Expr, Vec<Stmt>)],
        els: &'a Option<Vec<Stmt>>,
        k2: &Rc<K<'a>>,
        ps: &Path,
        cx: &Ctx<'a>,
    ) -> F {
        let mut f = match els {
            Some(body) => self.go(body, k2, false, ps.clone(), cx),
            None => self.go(&[], k2, false, ps.clone(), cx),
        };
        for (c, body) in branches.iter().rev() {
            let then = self.go(body, k2, false, ps.clone(), cx);
            f = F::If(self.expr(c, cx, ps), Box::new(then), Box::new(f));
        }
        f
    }

    /// `with x \in S, y = e do body`: `\E x \in S:` / `LET y == e IN` around the body.
    fn with_stmt(
        &mut self,
        bindings: &[WithBinding],
        body: &'a [Stmt],
        k2: &Rc<K<'a>>,
        ps: &Path,
        cx: &Ctx<'a>,
    ) -> F {
        let mut heads = Vec::new();
        let mut inner = ps.clone();
        for b in bindings {
            let e = self.expr(&b.expr, cx, &inner);
            heads.push(match b.kind {
                WithKind::In => format!("\\E {} \\in {e}:", b.name.name),
                WithKind::Eq => format!("LET {} == {e} IN", b.name.name),
            });
            inner.bound.push(b.name.name.clone());
        }
        let mut f = self.go(body, k2, false, inner, cx);
        for h in heads.into_iter().rev() {
            f = F::Binder(h, Box::new(f));
        }
        f
    }

    /// The end of a path: `pc` set, everything not assigned left unchanged.
    fn finish(&self, pc: &str, ps: &Path, cx: &Ctx) -> Vec<F> {
        let mut out = Vec::new();
        let pc_value = if self.multi {
            format!(
                "[pc EXCEPT ![{}] = {pc}]",
                print::expr(cx.me.as_ref().expect("a process has a self"))
            )
        } else {
            pc.to_string()
        };
        out.push(F::Line(format!("pc' = {pc_value}")));
        let mut assigned = ps.assigned.clone();
        assigned.push("pc".into());
        out.extend(self.unchanged(&assigned));
        out
    }

    fn unchanged(&self, assigned: &[String]) -> Option<F> {
        let rest: Vec<&String> = self.vars.iter().filter(|v| !assigned.contains(v)).collect();
        match rest.len() {
            0 => None,
            1 => Some(F::Line(format!("UNCHANGED {}", rest[0]))),
            _ => Some(F::Line(format!(
                "UNCHANGED << {} >>",
                rest.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    fn me_text(&self, cx: &Ctx) -> String {
        cx.me.as_ref().map(print::expr).unwrap_or_default()
    }

    /// `stack[self]` (or `stack`).
    fn stack(&self, cx: &Ctx) -> String {
        if self.multi {
            format!("stack[{}]", self.me_text(cx))
        } else {
            "stack".into()
        }
    }

    fn assign_whole(&self, v: &str, value: &str, cx: &Ctx) -> String {
        if self.multi {
            format!("{v}' = [{v} EXCEPT ![{}] = {value}]", self.me_text(cx))
        } else {
            format!("{v}' = {value}")
        }
    }

    fn call(
        &mut self,
        proc: &Ident,
        args: &[Expr],
        ret: Ret,
        span: Span,
        ps: &mut Path,
        cx: &Ctx<'a>,
    ) -> Vec<F> {
        let Some(q) = self
            .alg
            .procedures
            .iter()
            .find(|p| p.name.name == proc.name)
        else {
            self.errors.push(Diagnostic::error(
                proc.span,
                format!("there is no procedure `{}`", proc.name),
            ));
            return vec![];
        };
        if q.params.len() != args.len() {
            self.errors.push(Diagnostic::error(
                span,
                format!(
                    "procedure `{}` takes {} argument(s), but {} are given",
                    q.name.name,
                    q.params.len(),
                    args.len()
                ),
            ));
            return vec![];
        }
        let mut out = Vec::new();
        let head = format!("Head({})", self.stack(cx));
        let own: Vec<&VarDecl> = q.params.iter().chain(&q.locals).collect();
        let caller_vars: Vec<String> = cx
            .procedure
            .map(|p| {
                p.params
                    .iter()
                    .chain(&p.locals)
                    .map(|v| v.name.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        let (ret_pc, tail) = match ret {
            Ret::Label(l) => (quote(&l), false),
            Ret::Tail => {
                if cx.procedure.is_none() {
                    self.errors.push(Diagnostic::error(
                        span,
                        "`return` is only allowed inside a procedure",
                    ));
                    return vec![];
                }
                (format!("{head}.pc"), true)
            }
        };
        let arg_values: Vec<String> = args.iter().map(|a| self.expr(a, cx, ps)).collect();
        // The frame pushed: the callee's variables as they are (after the caller's frame is
        // popped, for a tail call).
        let mut fields = vec![
            format!("procedure |-> {}", quote(&q.name.name)),
            format!("pc |-> {ret_pc}"),
        ];
        for v in &own {
            let n = &v.name.name;
            let value = if tail && caller_vars.contains(n) {
                format!("{head}.{n}")
            } else {
                self.expr(&name(n), &self.with_vars(cx, &own), ps)
            };
            fields.push(format!("{n} |-> {value}"));
        }
        let rest = if tail {
            format!("Tail({})", self.stack(cx))
        } else {
            self.stack(cx)
        };
        let new_stack = format!("<< [{}] >> \\o {rest}", fields.join(", "));
        let qcx = self.with_vars(cx, &own);
        for (p, a) in q.params.iter().zip(&arg_values) {
            if ps.assigned.contains(&p.name.name) {
                self.assigned_twice(&p.name.name, span);
            }
            out.push(F::Line(self.assign_whole(&p.name.name, a, &qcx)));
        }
        ps.assigned
            .extend(q.params.iter().map(|p| p.name.name.clone()));
        for v in &q.locals {
            let value = match &v.init {
                VarInit::Eq(e) => self.expr(e, &qcx, ps),
                VarInit::None => "defaultInitValue".into(),
                VarInit::In(e) => {
                    self.errors.push(Diagnostic::error(
                        e.span,
                        "a procedure local initialised with `\\in` is not supported yet; use `=`",
                    ));
                    "defaultInitValue".into()
                }
            };
            if ps.assigned.contains(&v.name.name) {
                self.assigned_twice(&v.name.name, span);
            }
            out.push(F::Line(self.assign_whole(&v.name.name, &value, &qcx)));
        }
        ps.assigned
            .extend(q.locals.iter().map(|v| v.name.name.clone()));
        if tail {
            for n in caller_vars
                .iter()
                .filter(|n| !own.iter().any(|v| &v.name.name == *n))
            {
                out.push(F::Line(self.assign_whole(n, &format!("{head}.{n}"), cx)));
                ps.assigned.push(n.clone());
            }
        }
        let stack_line = if self.multi {
            format!(
                "stack' = [stack EXCEPT ![{}] = {new_stack}]",
                self.me_text(cx)
            )
        } else {
            format!("stack' = {new_stack}")
        };
        out.push(F::Line(stack_line));
        ps.assigned.push("stack".into());
        let entry = q
            .body
            .first()
            .and_then(|s| s.label.as_ref())
            .map_or("Error".to_string(), |l| l.name.clone());
        out.extend(self.finish(&quote(&entry), ps, cx));
        out
    }

    /// The context `cx` with `vars` (a callee's) visible and indexed like procedure variables.
    fn with_vars(&self, cx: &Ctx<'a>, vars: &[&VarDecl]) -> Ctx<'a> {
        let mut c = cx.clone();
        for v in vars {
            c.visible.insert(v.name.name.clone());
            if self.multi {
                c.indexed.insert(v.name.name.clone());
            }
        }
        c
    }

    fn ret(&mut self, ps: &mut Path, cx: &Ctx, span: Span) -> Vec<F> {
        let Some(p) = cx.procedure else {
            self.errors.push(Diagnostic::error(
                span,
                "`return` is only allowed inside a procedure",
            ));
            return vec![];
        };
        let head = format!("Head({})", self.stack(cx));
        let mut out = Vec::new();
        let pc = if self.multi {
            format!("pc' = [pc EXCEPT ![{}] = {head}.pc]", self.me_text(cx))
        } else {
            format!("pc' = {head}.pc")
        };
        out.push(F::Line(pc));
        for v in p.params.iter().chain(&p.locals) {
            let n = &v.name.name;
            if ps.assigned.contains(n) {
                self.assigned_twice(n, span);
            }
            out.push(F::Line(self.assign_whole(n, &format!("{head}.{n}"), cx)));
            ps.assigned.push(n.clone());
        }
        out.push(F::Line(self.assign_whole(
            "stack",
            &format!("Tail({})", self.stack(cx)),
            cx,
        )));
        ps.assigned.push("stack".into());
        ps.assigned.push("pc".into());
        out.extend(self.unchanged(&ps.assigned));
        out
    }
}

/// Every labelled statement of `list` (at any depth), as the statements from it on and where
/// control goes after them.
fn collect<'a>(list: &'a [Stmt], k: Rc<K<'a>>, out: &mut Vec<(&'a [Stmt], Rc<K<'a>>)>) {
    for (i, s) in list.iter().enumerate() {
        if s.label.is_some() {
            out.push((&list[i..], k.clone()));
        }
        let after = Rc::new(K::Seq(&list[i + 1..], k.clone()));
        match &s.kind {
            StmtKind::If { branches, els } => {
                for (_, b) in branches {
                    collect(b, after.clone(), out);
                }
                if let Some(e) = els {
                    collect(e, after.clone(), out);
                }
            }
            StmtKind::Either(bs) => bs.iter().for_each(|b| collect(b, after.clone(), out)),
            StmtKind::With { body, .. } => collect(body, after.clone(), out),
            StmtKind::While { body, .. } => {
                let back = Rc::new(K::Loop(
                    s.label.as_ref().map_or(String::new(), |l| l.name.clone()),
                ));
                collect(body, back, out);
            }
            _ => {}
        }
    }
}

/// Where a `call` followed by `rest` (then `k`) returns.
fn next_target(rest: &[Stmt], k: &Rc<K>) -> Option<Ret> {
    if let Some(s) = rest.first() {
        if let Some(l) = &s.label {
            return Some(Ret::Label(l.name.clone()));
        }
        return match &s.kind {
            StmtKind::Return => Some(Ret::Tail),
            StmtKind::Goto(l) => Some(Ret::Label(l.name.clone())),
            _ => None,
        };
    }
    match &**k {
        K::End(_) => Some(Ret::Label("Done".into())),
        K::Seq(r, k2) => next_target(r, k2),
        K::Loop(l) => Some(Ret::Label(l.clone())),
    }
}
