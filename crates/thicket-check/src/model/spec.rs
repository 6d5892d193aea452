//! A text turned into something checkable: the document parsed, the model chosen, the
//! algorithm translated, the properties compiled. Shared by `check`, the tree and counting.

use thicket_syntax::ast::{self, Document, ExprKind, Model, UnOp};
use thicket_syntax::modules::{ModuleSource, NoModules, Sources};
use thicket_syntax::{Diagnostic, Severity};

use crate::eval::compile::{is_action, Binding, CompileError};
use crate::eval::expr::CExpr;
use crate::eval::value::Value;
use crate::model::constraints::Constraints;
use crate::model::distinct::Distinction;
use crate::model::formula::{temporal_through, Ctx, Formula, Reader};
use crate::model::program::Program;
use crate::model::symmetry::Symmetry;
use crate::model::temporal::{Fairness, Ltl, Temporal};
use crate::model::{pluscal, tla};
use std::sync::Arc;

/// The text to check: the main file's text, its path (the module checked is the one named
/// like the file, else the last of the text) and where the modules it names are found.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub modules: &'a dyn ModuleSource,
}

impl<'a> From<&'a str> for Source<'a> {
    /// A text alone: the modules it names are built in or in the text itself.
    fn from(text: &'a str) -> Source<'a> {
        Source {
            path: "",
            text,
            modules: &NoModules,
        }
    }
}

impl<'a> From<&'a String> for Source<'a> {
    fn from(text: &'a String) -> Source<'a> {
        Source::from(text.as_str())
    }
}

/// A state predicate checked on every reachable state.
pub struct Invariant {
    pub name: String,
    pub expr: CExpr,
    /// Listed as a PROPERTY (`[]P`) rather than an INVARIANT.
    pub temporal: bool,
}

pub struct Spec {
    pub doc: Document,
    pub model: Model,
    pub prog: Program,
    pub invariants: Vec<Invariant>,
    pub constraints: Constraints,
    /// How states are told apart: the model's `VIEW` and `SYMMETRY`.
    pub distinction: Distinction,
    /// `ALIAS`: how a behavior's states are shown (a record whose fields stand for the
    /// variables).
    pub alias: Option<CExpr>,
    /// `POSTCONDITION`: a predicate evaluated once the search is complete.
    pub postcondition: Option<(String, CExpr)>,
    pub check_deadlock: bool,
    /// Temporal properties checked on the state graph, under `fairness`.
    pub temporal: Vec<(String, Temporal)>,
    pub fairness: Vec<Fairness>,
    /// Properties Thicket cannot check: a check refuses to run while there is one.
    pub unchecked: Vec<Unchecked>,
    /// What the run must say beside its verdict (the parse's warnings, and what was not asked).
    pub warnings: Vec<Diagnostic>,
    /// The module's `ASSUME`s, about constants only: TLC evaluates them before it explores.
    pub assumptions: Vec<CExpr>,
    /// The texts read (the main one and each module it names): spans are offsets into them.
    pub sources: Sources,
}

impl Spec {
    /// Where an offset is, in words: `line 3, column 7`, with the file when it is not the
    /// main text (`line 3, column 7 of Voting.tla`).
    pub fn position(&self, offset: u32) -> String {
        let (file, local) = self.sources.locate(offset);
        let (l, c) = thicket_syntax::diag::line_col(&file.text, local);
        if file.base == 0 {
            format!("line {l}, column {c}")
        } else {
            format!("line {l}, column {c} of {}", file.path)
        }
    }

    /// Whether a span is in the main text (the editor can mark it).
    pub fn in_main_text(&self, span: ast::Span) -> bool {
        self.sources.locate(span.start).0.base == 0
    }
}

/// A property the model names that Thicket cannot check, and why.
#[derive(Clone, Debug)]
pub struct Unchecked {
    pub name: String,
    pub why: Unsupported,
    /// Where the property is defined (`None` for one Thicket defines itself).
    pub defined_at: Option<ast::Span>,
}

/// Why a property cannot be checked: its formula has a shape Thicket does not check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// Definitions unfolded more than 50 deep.
    TooDeep,
    /// A formula of another shape than the ones checked.
    Shape,
    /// `\A x \in S : F` with `S` not a constant set.
    NotConstantSet,
    /// `\EE x : F` or `\AA x : F` (TLC does not check them either).
    TemporalQuantifier(ast::Quantifier),
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unsupported::TooDeep => write!(f, "the property's definitions are nested too deeply"),
            Unsupported::Shape => write!(
                f,
                "a temporal operator stands where Thicket does not check one (inside CASE, a set, or an operator's argument)"
            ),
            Unsupported::TemporalQuantifier(q) => {
                write!(f, "{}", crate::eval::compile::temporal_quantifier(*q))
            }
            Unsupported::NotConstantSet => write!(
                f,
                "the set of a \\A around a temporal formula must be a constant set"
            ),
        }
    }
}

impl std::error::Error for Unsupported {}

impl Unchecked {
    /// The error a check reports instead of a verdict.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(
            self.defined_at.unwrap_or(ast::Span::DUMMY),
            format!(
                "Thicket cannot check the property `{}`: {}",
                self.name, self.why
            ),
        )
        .with_hint(
            "remove it from the model's PROPERTIES to check the rest; the export for TLC checks it",
        )
    }
}

pub fn compile_error(e: CompileError) -> Diagnostic {
    let mut d = Diagnostic::error(e.span, e.message);
    if let Some(h) = e.hint {
        d = d.with_hint(h);
    }
    d
}

/// Parse and compile a text; `cfg` (a TLC configuration file's text) replaces the embedded
/// model when given.
pub fn load<'a>(src: impl Into<Source<'a>>, cfg: Option<&str>) -> Result<Spec, Vec<Diagnostic>> {
    let (doc, model, mut warnings, sources) = parse(src.into(), cfg)?;
    let model = crate::model::overrides::resolve(&doc, model, &sources).map_err(|ds| {
        ds.into_iter()
            .map(|d| in_model_file(d, cfg))
            .collect::<Vec<_>>()
    })?;
    let relocate = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
        let mut ds = ds.into_iter().map(|d| sources.relocate(d)).collect();
        thicket_syntax::dedup(&mut ds);
        ds
    };
    let mut spec = load_parsed(doc, model, cfg, &mut warnings).map_err(relocate)?;
    spec.warnings = relocate(std::mem::take(&mut spec.warnings));
    spec.sources = sources;
    Ok(spec)
}

fn load_parsed(
    doc: Document,
    model: Model,
    cfg: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Spec, Vec<Diagnostic>> {
    let mut warnings = std::mem::take(warnings);
    let (doc, model) = fair_algorithm_spec(doc, model);
    unsupported_model_parts(&doc, &model, cfg)?;
    let prog =
        build(&doc, &model).map_err(|es| es.into_iter().map(compile_error).collect::<Vec<_>>())?;
    let spec_assumptions = match doc.algorithm {
        Some(_) => Vec::new(),
        None => tla::temporal_assumptions(&doc, &model),
    };
    let mut props = Properties {
        doc: &doc,
        cfg,
        assumptions: spec_assumptions,
        prog,
        invariants: Vec::new(),
        temporal: Vec::new(),
        unchecked: Vec::new(),
        diags: Vec::new(),
    };
    for id in &model.invariants {
        props.invariant(id);
    }
    for id in &model.properties {
        props.property(id);
    }
    let Properties {
        mut prog,
        invariants,
        temporal,
        unchecked,
        mut diags,
        ..
    } = props;
    let fairness = prog.semantics.fairness();
    let mut constraints = Constraints::default();
    for (ids, into) in [
        (&model.constraints, &mut constraints.state),
        (&model.action_constraints, &mut constraints.action),
    ] {
        for id in ids {
            let (expr, errs) = prog.compile_def(&id.name, id.span);
            diags.extend(errs.into_iter().map(compile_error));
            into.push(expr);
        }
    }
    let distinction = Distinction {
        view: model
            .view
            .as_ref()
            .map(|id| compiled(&mut prog, id, &mut diags)),
        symmetry: model
            .symmetry
            .as_ref()
            .and_then(|id| symmetry(&mut prog, &model, id, cfg, &mut diags)),
    };
    let alias = model
        .alias
        .as_ref()
        .map(|id| compiled(&mut prog, id, &mut diags));
    let postcondition = model
        .postcondition
        .as_ref()
        .map(|id| (id.name.clone(), compiled(&mut prog, id, &mut diags)));
    let assumptions = assumptions(&mut prog, &doc, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let check_deadlock = model.check_deadlock.unwrap_or(true);
    if model.invariants.is_empty() && model.properties.is_empty() && postcondition.is_none() {
        warnings.push(nothing_named(&doc, cfg.is_some(), check_deadlock));
    }
    Ok(Spec {
        doc,
        model,
        prog,
        invariants,
        constraints,
        distinction,
        alias,
        postcondition,
        check_deadlock,
        temporal,
        fairness,
        unchecked,
        warnings,
        assumptions,
        sources: Sources::default(),
    })
}

type Parse = (ast::Document, ast::Model, Vec<Diagnostic>, Sources);

/// The text parsed, with its model (the separate `cfg` when given, else the embedded one),
/// the parser's warnings and the texts read; or every error.
fn parse(src: Source, cfg: Option<&str>) -> Result<Parse, Vec<Diagnostic>> {
    let parsed = thicket_syntax::parse_program(src.path, src.text, src.modules);
    let errors: Vec<Diagnostic> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let Some(doc) = parsed.document.filter(|_| errors.is_empty()) else {
        return Err(if errors.is_empty() {
            parsed.diagnostics
        } else {
            errors
        });
    };
    let warnings: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let model = match cfg {
        Some(text) => thicket_syntax::parse_model(text).map_err(|ds| {
            ds.into_iter()
                .map(|mut d| {
                    let (l, c) = thicket_syntax::diag::line_col(text, d.span.start);
                    d.message = format!("in the model file, line {l}, column {c}: {}", d.message);
                    d.span = ast::Span::new(0, 0);
                    d
                })
                .collect::<Vec<_>>()
        })?,
        None => doc.model.clone().unwrap_or_default(),
    };
    Ok((doc, model, warnings, parsed.sources))
}

/// The invariants and properties a model names, compiled as they are met, with what cannot be
/// checked and the errors found.
struct Properties<'d> {
    doc: &'d ast::Document,
    cfg: Option<&'d str>,
    /// The specification's temporal formulas other than `[][Next]_v` and fairness: each
    /// property is checked on the behaviors that satisfy them.
    assumptions: Vec<ast::Expr>,
    prog: Program,
    invariants: Vec<Invariant>,
    temporal: Vec<(String, Temporal)>,
    unchecked: Vec<Unchecked>,
    diags: Vec<Diagnostic>,
}

impl Properties<'_> {
    fn defined(&self, name: &str) -> Option<ast::OpDef> {
        definition_of(self.doc, name).cloned()
    }

    fn undefined(&mut self, id: &ast::Ident, what: &str) {
        let message = format!(
            "the model lists the {what} `{}`, but the text does not define it",
            id.name
        );
        let d = in_model_file(Diagnostic::error(id.span, message), self.cfg);
        self.diags.push(d);
    }

    fn invariant(&mut self, id: &ast::Ident) {
        if self.defined(&id.name).is_none() {
            return self.undefined(id, "invariant");
        }
        let (expr, errs) = self.prog.compile_def(&id.name, id.span);
        self.diags.extend(errs.into_iter().map(compile_error));
        self.invariants.push(Invariant {
            name: id.name.clone(),
            expr,
            temporal: false,
        });
    }

    /// A property: taken apart into the forms Thicket checks (one per conjunct and value of a
    /// `\A` around it), or listed as unchecked with the reason.
    fn property(&mut self, id: &ast::Ident) {
        let definition = self.defined(&id.name);
        let termination = || match id.name.as_str() {
            "Termination" => self.prog.semantics.termination(id.span),
            _ => None,
        };
        let body = match definition
            .as_ref()
            .map(|def| def.body.clone())
            .or_else(termination)
        {
            Some(body) => body,
            None => return self.undefined(id, "property"),
        };
        let forms = match self.assumptions.is_empty() {
            true => self.forms(&body),
            false => self
                .assumed(&body)
                .map(|f| vec![(Form::General(f), Vec::new())]),
        };
        let forms = match forms {
            Ok(forms) => forms,
            Err(why) => {
                return self.unchecked.push(Unchecked {
                    name: id.name.clone(),
                    why,
                    defined_at: definition.map(|d| d.span),
                })
            }
        };
        // A property that is a state predicate only is checked by TLC in the initial states
        // alone: checked so, with a warning, since `[]P` is more likely what was meant.
        if forms.iter().all(|(f, _)| matches!(f, Form::Initially(_))) {
            let name = &id.name;
            let message = format!("`{name}` is a state predicate: as a property it is checked in the initial states only, as TLC does");
            let hint =
                format!("to check it in every state, write []{name} or list it under INVARIANT");
            let d = Diagnostic::warning(id.span, message).with_hint(hint);
            self.diags.push(in_model_file(d, self.cfg));
        }
        for (k, (form, ctx)) in forms.into_iter().enumerate() {
            let name = if k == 0 {
                id.name.clone()
            } else {
                format!("{} (part {})", id.name, k + 1)
            };
            self.form(name, form, &ctx);
        }
    }

    /// A property's forms: its conjuncts of the shapes checked on the state graph directly, or
    /// the whole formula for the tableau.
    fn forms(&mut self, body: &ast::Expr) -> Result<Vec<(Form, Ctx)>, Unsupported> {
        let mut forms = Vec::new();
        let classified = {
            let prog = &mut self.prog;
            // The sets of `\A x \in S : ...` around temporal formulas, evaluated now.
            let mut values = |e: &ast::Expr| -> Result<Vec<Value>, Unsupported> {
                let (c, errs) = prog.compile_expr(e);
                match (errs.is_empty(), c.as_const()) {
                    (true, Some(Value::Set(s))) => Ok(s.as_ref().clone()),
                    _ => Err(Unsupported::NotConstantSet),
                }
            };
            let doc = self.doc;
            let bodies = |n: &str| {
                let def = definition_of(doc, n).filter(|d| d.params.is_empty());
                def.map(|d| d.body.clone())
            };
            classify(body, &bodies, &mut values, &[], &mut forms, 0)
        };
        match classified {
            Ok(()) => Ok(forms),
            Err(Unsupported::Shape) => Ok(vec![(Form::General(self.general(body)?), Vec::new())]),
            Err(why) => Err(why),
        }
    }

    /// `Assumptions => P`, for a specification with temporal formulas other than fairness.
    fn assumed(&mut self, body: &ast::Expr) -> Result<Formula, Unsupported> {
        let mut items = Vec::new();
        for a in self.assumptions.clone() {
            items.push(Formula::Not(Box::new(self.general(&a)?)));
        }
        items.push(self.general(body)?);
        Ok(Formula::Or(items))
    }

    /// A property of any shape, as a formula over state predicates and actions.
    fn general(&mut self, body: &ast::Expr) -> Result<Formula, Unsupported> {
        let doc = self.doc;
        let prog = &mut self.prog;
        let def = |n: &str| {
            let def = definition_of(doc, n).filter(|d| d.params.is_empty());
            def.map(|d| d.body.clone())
        };
        let mut values = |e: &ast::Expr, ctx: &Ctx| -> Result<Vec<Value>, Unsupported> {
            let depth = prog.compiler.scope.len();
            for (n, v) in ctx {
                let value = Arc::new(CExpr::constant(v.clone(), e.span));
                prog.compiler.scope.push((n.clone(), Binding::Expr(value)));
            }
            let (c, errs) = prog.compile_expr(e);
            prog.compiler.scope.truncate(depth);
            match (errs.is_empty(), c.as_const()) {
                (true, Some(Value::Set(s))) => Ok(s.as_ref().clone()),
                _ => Err(Unsupported::NotConstantSet),
            }
        };
        let mut reader = Reader {
            def: &def,
            values: &mut values,
        };
        reader.formula(body, &Vec::new(), 0)
    }

    /// A formula's leaves compiled: state predicates and actions.
    fn ltl(&mut self, f: Formula) -> Ltl {
        let all = |me: &mut Self, xs: Vec<Formula>| xs.into_iter().map(|x| me.ltl(x)).collect();
        match f {
            Formula::Leaf(e, ctx) => {
                let pred = self.compile(&e, &ctx);
                Ltl::Atom {
                    action: is_action(&pred),
                    pred,
                    holds: true,
                }
            }
            Formula::Not(x) => self.ltl(*x).negate(),
            Formula::And(xs) => Ltl::And(all(self, xs)),
            Formula::Or(xs) => Ltl::Or(all(self, xs)),
            Formula::Always(x) => Ltl::Always(Box::new(self.ltl(*x))),
            Formula::Eventually(x) => Ltl::Eventually(Box::new(self.ltl(*x))),
        }
    }

    /// `e` compiled with the names of the `\A`s around it bound to their values.
    fn compile(&mut self, e: &ast::Expr, ctx: &[(String, Value)]) -> CExpr {
        let prog = &mut self.prog;
        let depth = prog.compiler.scope.len();
        for (n, v) in ctx {
            prog.compiler.scope.push((
                n.clone(),
                Binding::Expr(Arc::new(CExpr::constant(v.clone(), e.span))),
            ));
        }
        let (c, errs) = prog.compile_expr(e);
        prog.compiler.scope.truncate(depth);
        self.diags.extend(errs.into_iter().map(compile_error));
        c
    }

    /// One form of a property, compiled: `[]P` is checked as an invariant, the rest on the graph.
    fn form(&mut self, name: String, form: Form, ctx: &[(String, Value)]) {
        let temporal = match form {
            Form::Always(p) => {
                let expr = self.compile(&p, ctx);
                return self.invariants.push(Invariant {
                    name,
                    expr,
                    temporal: true,
                });
            }
            Form::Initially(p) => Temporal::Initially(self.compile(&p, ctx)),
            Form::InfinitelyOften(p) => Temporal::InfinitelyOften(self.compile(&p, ctx)),
            Form::EventuallyAlways(p) => Temporal::EventuallyAlways(self.compile(&p, ctx)),
            Form::Eventually(p) => Temporal::Eventually(self.compile(&p, ctx)),
            Form::LeadsTo(p, q) => {
                let p = self.compile(&p, ctx);
                Temporal::LeadsTo(p, self.compile(&q, ctx))
            }
            Form::ActionBox(a, v) => Temporal::ActionBox(self.compile(&or_unchanged(a, v), ctx)),
            Form::General(f) => Temporal::Formula(self.ltl(f)),
        };
        self.temporal.push((name, temporal));
    }
}

/// The definition of `name`, in the module or the algorithm's `define` block.
fn definition_of<'d>(doc: &'d ast::Document, name: &str) -> Option<&'d ast::OpDef> {
    let defines = doc.algorithm.iter().flat_map(|a| a.defines.iter());
    doc.defs.iter().chain(defines).find(|d| d.name.name == name)
}

/// `A \/ UNCHANGED v`: the action of `[][A]_v`.
fn or_unchanged(a: ast::Expr, v: ast::Expr) -> ast::Expr {
    let span = a.span.to(v.span);
    let unchanged = ast::Expr {
        kind: ExprKind::Unary {
            op: UnOp::Unchanged,
            arg: Box::new(v),
        },
        span,
    };
    ast::Expr {
        kind: ExprKind::Junction {
            op: ast::Junction::Or,
            items: vec![a, unchanged],
            bulleted: false,
        },
        span,
    }
}

/// The definition a model names (`VIEW v`), compiled in the global context.
fn compiled(prog: &mut Program, id: &ast::Ident, diags: &mut Vec<Diagnostic>) -> CExpr {
    let (expr, errs) = prog.compile_def(&id.name, id.span);
    diags.extend(errs.into_iter().map(compile_error));
    expr
}

/// The model's `SYMMETRY`: its set of permutations evaluated, the model values in the order
/// the model first names them (TLC's order), the variables in TLC's order. A state whose
/// variables are not each one slot (an algorithm's process-local variables, gathered into
/// functions) cannot be permuted slot by slot: an error.
fn symmetry(
    prog: &mut Program,
    model: &Model,
    id: &ast::Ident,
    cfg: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Symmetry> {
    let (expr, errs) = prog.compile_def(&id.name, id.span);
    if !errs.is_empty() {
        diags.extend(errs.into_iter().map(compile_error));
        return None;
    }
    let error = |why: String| {
        let d = Diagnostic::error(id.span, format!("SYMMETRY {}: {why}", id.name));
        in_model_file(d, cfg)
    };
    let Some(order) = prog.slot_order() else {
        diags.push(error("symmetry is not supported yet for an algorithm whose processes have variables of their own or whose process set has more than one process".into()));
        return None;
    };
    let set = match prog.env(&[], None).eval(&expr, &mut prog.new_frame()) {
        Ok(set) => set,
        Err(e) => {
            diags.push(error(format!("the set cannot be evaluated: {}", e.message)));
            return None;
        }
    };
    Symmetry::new(&set, &model_values(model), order)
        .map_err(|e| diags.push(error(e.to_string())))
        .ok()
}

/// The names the model's constant values mention, in the order written: the model values in
/// the order TLC creates them.
fn model_values(model: &Model) -> Vec<Arc<str>> {
    fn names(e: &ast::Expr, out: &mut Vec<Arc<str>>) {
        match &e.kind {
            ExprKind::Name(id) if !out.iter().any(|n| **n == id.name) => {
                out.push(Arc::from(id.name.as_str()))
            }
            _ => e.for_each_child(&mut |c| names(c, out)),
        }
    }
    let mut out = Vec::new();
    for c in &model.constants {
        if let ast::ConstantValue::Value(e) = &c.value {
            names(e, &mut out);
        }
    }
    out
}

/// The text's assumptions, compiled; one that reads a variable is an error.
fn assumptions(prog: &mut Program, doc: &ast::Document, diags: &mut Vec<Diagnostic>) -> Vec<CExpr> {
    let mut out = Vec::new();
    for a in &doc.assumes {
        let (expr, errs) = prog.compile_expr(&a.expr);
        diags.extend(errs.into_iter().map(compile_error));
        if reads_state(&expr) {
            diags.push(Diagnostic::error(
                a.expr.span,
                "an assumption is about constants, and this one reads a variable",
            ));
        }
        out.push(expr);
    }
    out
}

/// Whether an expression reads a state variable (an assumption may not).
fn reads_state(e: &CExpr) -> bool {
    use crate::eval::expr::CKind;
    let mut found = false;
    e.visit(&mut |x| {
        found |= matches!(
            x.kind,
            CKind::Var(_)
                | CKind::Primed(_)
                | CKind::Gather { .. }
                | CKind::GatherApply { .. }
                | CKind::Enabled(_)
                | CKind::Compose(_)
        )
    });
    found
}

impl Spec {
    /// Every property the text names, in order (invariants, then temporal properties, then those
    /// Thicket cannot check), each with whether it is temporal.
    pub fn properties(&self) -> impl Iterator<Item = (&str, bool)> {
        let invariants = self
            .invariants
            .iter()
            .map(|i| (i.name.as_str(), i.temporal));
        let temporal = self.temporal.iter().map(|(n, _)| (n.as_str(), true));
        let unchecked = self.unchecked.iter().map(|u| (u.name.as_str(), true));
        invariants.chain(temporal).chain(unchecked)
    }
}

/// How an assumption failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assumption {
    /// It is false (or not a boolean): the run ends as TLC's does.
    False,
    /// Thicket cannot evaluate it.
    NotEvaluated,
    /// The run's time limit stopped its evaluation.
    TimeLimit,
}

impl Spec {
    /// The first assumption that does not hold, as TLC reports it: where it is written, why,
    /// and whether it is false or cannot be evaluated (never a silent pass).
    pub fn failed_assumption(&self) -> Option<(ast::Span, String, Assumption)> {
        for a in &self.assumptions {
            let mut frame = self.prog.new_frame();
            let failed = |why: String| (a.span, why, Assumption::False);
            match self.prog.env(&[], None).eval(a, &mut frame) {
                Ok(Value::Bool(true)) => {}
                Ok(Value::Bool(false)) => return Some(failed("the assumption is false".into())),
                Ok(other) => {
                    return Some(failed(format!(
                        "the assumption is not a boolean but {other}"
                    )))
                }
                Err(e) if e.is_time_limit() => {
                    let why = "the time limit stopped the evaluation of the assumption".into();
                    return Some((a.span, why, Assumption::TimeLimit));
                }
                Err(e) => {
                    let why = format!("Thicket cannot evaluate the assumption: {}", e.message);
                    return Some((e.span, why, Assumption::NotEvaluated));
                }
            }
        }
        None
    }
}

/// A diagnostic about the model: when the model is a separate file, its spans point into that
/// file, so the place is said in words and the span is the text's start.
fn in_model_file(mut d: Diagnostic, cfg: Option<&str>) -> Diagnostic {
    if let Some(text) = cfg {
        let (l, c) = thicket_syntax::diag::line_col(text, d.span.start);
        d.message = format!("in the model file, line {l}, column {c}: {}", d.message);
        d.span = ast::Span::DUMMY;
    }
    d
}

/// What a model may say that Thicket does not do yet: an error each, never ignored.
/// A specification `Spec /\ WF_vars(Next)` (or `SF_vars`) of a uniprocess algorithm is the
/// translation of its `--fair algorithm` (`--fair+`): read so, the model naming `Spec`.
fn fair_algorithm_spec(mut doc: Document, mut model: Model) -> (Document, Model) {
    let named = model.specification.as_ref().filter(|s| s.name != "Spec");
    let Some(body) = named
        .and_then(|s| definition_of(&doc, &s.name))
        .map(|d| &d.body)
    else {
        return (doc, model);
    };
    let mut parts = Vec::new();
    and_parts(body, &mut parts);
    let name = |e: &ast::Expr, n: &str| matches!(&e.kind, ExprKind::Name(id) if id.name == n);
    let fairness = match parts.as_slice() {
        [spec, ast::Expr {
            kind: ExprKind::Fairness { kind, vars, action },
            ..
        }] if name(spec, "Spec") && name(vars, "vars") && name(action, "Next") => match kind {
            ast::FairnessKind::Weak => ast::Fairness::Weak,
            ast::FairnessKind::Strong => ast::Fairness::Strong,
        },
        _ => return (doc, model),
    };
    if let Some(alg) = doc.algorithm.as_mut().filter(|a| a.body.is_some()) {
        alg.fairness = fairness;
        if let Some(spec) = model.specification.as_mut() {
            spec.name = "Spec".into();
        }
    }
    (doc, model)
}

/// The conjuncts of a formula (through `/\`).
fn and_parts<'e>(e: &'e ast::Expr, out: &mut Vec<&'e ast::Expr>) {
    match &e.kind {
        ExprKind::Junction {
            op: ast::Junction::And,
            items,
            ..
        } => items.iter().for_each(|i| and_parts(i, out)),
        ExprKind::Binary {
            op: ast::BinOp::And,
            lhs,
            rhs,
        } => {
            and_parts(lhs, out);
            and_parts(rhs, out);
        }
        _ => out.push(e),
    }
}

fn unsupported_model_parts(
    doc: &Document,
    model: &Model,
    cfg: Option<&str>,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    // An algorithm is checked as its translation: `Init`, `Next` and the fairness it declares.
    if doc.algorithm.is_some() {
        let named = [
            (&model.init, "Init"),
            (&model.next, "Next"),
            (&model.specification, "Spec"),
        ];
        for (id, theirs) in named {
            let Some(id) = id.as_ref().filter(|id| id.name != theirs) else {
                continue;
            };
            let d = Diagnostic::error(id.span, format!("the model names `{}`, but Thicket checks an algorithm as its translation's `{theirs}`", id.name))
                .with_hint(format!("name `{theirs}` in the model, and declare fairness in the algorithm (`fair process`, `fair+`)"));
            errors.push(in_model_file(d, cfg));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The warning of a model that names no invariant and no property, located at the embedded
/// model (or the module's name, when the model is a separate file).
fn nothing_named(doc: &Document, separate_model: bool, check_deadlock: bool) -> Diagnostic {
    let at = match (&doc.model, &doc.module) {
        (Some(m), _) if !separate_model => m.span,
        (_, Some(name)) => name.span,
        _ => ast::Span::DUMMY,
    };
    if doc.variables.is_empty() && doc.algorithm.is_none() {
        return Diagnostic::warning(
            at,
            "this module declares no variables and its model names no spec: only its assumptions were checked (as TLC checks them)",
        );
    }
    let checked = match (check_deadlock, doc.algorithm.is_some()) {
        (true, false) => "only deadlock freedom was checked",
        (true, true) => {
            "only deadlock freedom and the algorithm's `assert` statements were checked"
        }
        (false, false) => {
            "and deadlock is not checked: nothing was checked but that the states can be reached"
        }
        (false, true) => {
            "and deadlock is not checked: only the algorithm's `assert` statements were checked"
        }
    };
    Diagnostic::warning(at, format!("no invariant or property is named: {checked}"))
        .with_hint("name what must hold in the model: `INVARIANT TypeOK`, `PROPERTY Termination`")
}

/// Whether an expression contains a temporal operator or a prime (so it is not a plain
/// state predicate; `ENABLED A` is one).
pub fn is_temporal(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Unary {
            op: UnOp::Enabled, ..
        } => false,
        ExprKind::Unary {
            op: UnOp::Always | UnOp::Eventually | UnOp::Prime | UnOp::Unchanged,
            ..
        } => true,
        ExprKind::Binary {
            op: ast::BinOp::LeadsTo,
            ..
        }
        | ExprKind::ActionProp { .. }
        | ExprKind::Fairness { .. } => true,
        ExprKind::Quant {
            q: ast::Quantifier::TemporalForall | ast::Quantifier::TemporalExists,
            ..
        } => true,
        _ => {
            let mut found = false;
            e.for_each_child(&mut |c| found = found || is_temporal(c));
            found
        }
    }
}

/// The first temporal quantifier (`\EE`, `\AA`) in an expression's temporal structure
/// (outside the definitions it names).
pub fn temporal_quantifier_in(e: &ast::Expr) -> Option<ast::Quantifier> {
    match &e.kind {
        ExprKind::Quant {
            q: q @ (ast::Quantifier::TemporalForall | ast::Quantifier::TemporalExists),
            ..
        } => Some(*q),
        ExprKind::Quant { body: arg, .. } | ExprKind::Unary { arg, .. } => {
            temporal_quantifier_in(arg)
        }
        ExprKind::Binary { lhs, rhs, .. } => {
            temporal_quantifier_in(lhs).or_else(|| temporal_quantifier_in(rhs))
        }
        ExprKind::Junction { items, .. } => items.iter().find_map(temporal_quantifier_in),
        _ => None,
    }
}

/// The shapes of temporal formula Thicket checks.
enum Form {
    /// A state predicate among temporal formulas: true in the initial state (`Init` of a
    /// property `Init /\ [][Next]_v`).
    Initially(ast::Expr),
    Always(ast::Expr),
    InfinitelyOften(ast::Expr),
    EventuallyAlways(ast::Expr),
    Eventually(ast::Expr),
    LeadsTo(ast::Expr, ast::Expr),
    ActionBox(ast::Expr, ast::Expr),
    /// Any other shape.
    General(Formula),
}

/// `P => <>Q` with `P` and `Q` state predicates (under `[]`, that is `P ~> Q`).
fn implied_eventually(e: &ast::Expr) -> Option<(&ast::Expr, &ast::Expr)> {
    let ExprKind::Binary {
        op: ast::BinOp::Implies,
        lhs,
        rhs,
    } = &e.kind
    else {
        return None;
    };
    match &rhs.kind {
        ExprKind::Unary {
            op: UnOp::Eventually,
            arg: q,
        } if !is_temporal(lhs) && !is_temporal(q) => Some((lhs, q)),
        _ => None,
    }
}

fn classify(
    e: &ast::Expr,
    def: &dyn Fn(&str) -> Option<ast::Expr>,
    values: &mut dyn FnMut(&ast::Expr) -> Result<Vec<Value>, Unsupported>,
    ctx: &[(String, Value)],
    out: &mut Vec<(Form, Ctx)>,
    depth: usize,
) -> Result<(), Unsupported> {
    if depth > 50 {
        return Err(Unsupported::TooDeep);
    }
    let unsupported = || {
        Err(if let Some(q) = temporal_quantifier_in(e) {
            Unsupported::TemporalQuantifier(q)
        } else {
            Unsupported::Shape
        })
    };
    match &e.kind {
        ExprKind::Junction {
            op: ast::Junction::And,
            items,
            ..
        } => {
            for it in items {
                classify(it, def, values, ctx, out, depth + 1)?;
            }
            Ok(())
        }
        ExprKind::Binary {
            op: ast::BinOp::And,
            lhs,
            rhs,
        } => {
            classify(lhs, def, values, ctx, out, depth + 1)?;
            classify(rhs, def, values, ctx, out, depth + 1)
        }
        // `\A p \in S : F` around a temporal F: one property per element of S.
        ExprKind::Quant {
            q: ast::Quantifier::Forall,
            bounds,
            body,
        } if is_temporal(body) => {
            let mut combos: Vec<Ctx> = vec![ctx.to_vec()];
            for b in bounds {
                let (ast::BoundPattern::Names(names), Some(set)) = (&b.pattern, &b.set) else {
                    return unsupported();
                };
                let elems = values(set)?;
                for n in names {
                    combos = combos
                        .into_iter()
                        .flat_map(|c| {
                            elems
                                .iter()
                                .map(move |v| {
                                    let mut c = c.clone();
                                    c.push((n.name.clone(), v.clone()));
                                    c
                                })
                                .collect::<Vec<_>>()
                        })
                        .collect();
                }
            }
            for c in combos {
                classify(body, def, values, &c, out, depth + 1)?;
            }
            Ok(())
        }
        ExprKind::Name(id) => match def(&id.name) {
            Some(body) if temporal_through(&body, def, 0) => {
                classify(&body, def, values, ctx, out, depth + 1)
            }
            _ => {
                out.push((Form::Initially(e.clone()), ctx.to_vec()));
                Ok(())
            }
        },
        ExprKind::Unary {
            op: UnOp::Always,
            arg,
        } => match &arg.kind {
            ExprKind::Unary {
                op: UnOp::Eventually,
                arg: p,
            } if !is_temporal(p) => {
                out.push((Form::InfinitelyOften((**p).clone()), ctx.to_vec()));
                Ok(())
            }
            _ if implied_eventually(arg).is_some() => {
                let (p, q) = implied_eventually(arg).expect("just matched");
                out.push((Form::LeadsTo(p.clone(), q.clone()), ctx.to_vec()));
                Ok(())
            }
            _ if !is_temporal(arg) => {
                out.push((Form::Always((**arg).clone()), ctx.to_vec()));
                Ok(())
            }
            _ => unsupported(),
        },
        ExprKind::Unary {
            op: UnOp::Eventually,
            arg,
        } => match &arg.kind {
            ExprKind::Unary {
                op: UnOp::Always,
                arg: p,
            } if !is_temporal(p) => {
                out.push((Form::EventuallyAlways((**p).clone()), ctx.to_vec()));
                Ok(())
            }
            _ if !is_temporal(arg) => {
                out.push((Form::Eventually((**arg).clone()), ctx.to_vec()));
                Ok(())
            }
            _ => unsupported(),
        },
        ExprKind::Binary {
            op: ast::BinOp::LeadsTo,
            lhs,
            rhs,
        } if !is_temporal(lhs) && !is_temporal(rhs) => {
            out.push((
                Form::LeadsTo((**lhs).clone(), (**rhs).clone()),
                ctx.to_vec(),
            ));
            Ok(())
        }
        ExprKind::ActionProp {
            action,
            vars,
            boxed: true,
        } => {
            out.push((
                Form::ActionBox((**action).clone(), (**vars).clone()),
                ctx.to_vec(),
            ));
            Ok(())
        }
        _ if !is_temporal(e) => {
            out.push((Form::Initially(e.clone()), ctx.to_vec()));
            Ok(())
        }
        _ => unsupported(),
    }
}

/// The program of a document under a model: its algorithm's translation, or its `Init` and
/// `Next`.
fn build(doc: &Document, model: &Model) -> Result<Program, Vec<CompileError>> {
    match &doc.algorithm {
        Some(alg) => pluscal::build(doc, alg, model),
        None => tla::build(doc, model),
    }
}
