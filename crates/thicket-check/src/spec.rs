//! A text turned into something checkable: the document parsed, the model chosen, the
//! algorithm translated, the properties compiled. Shared by `check`, the tree and counting.

use thicket_syntax::ast::{self, Document, ExprKind, Model, UnOp};
use thicket_syntax::{Diagnostic, Severity};

use crate::compile::CompileError;
use crate::explore::Invariant;
use crate::expr::CExpr;
use crate::program::{build, Program};
use crate::report::{PropertyKind, PropertyResult, Verdict};

pub struct Spec {
    pub doc: Document,
    pub model: Model,
    pub prog: Program,
    pub invariants: Vec<Invariant>,
    pub constraints: Vec<CExpr>,
    pub check_deadlock: bool,
    /// Temporal properties Thicket does not check yet (reported as not checked).
    pub unchecked: Vec<String>,
}

impl Spec {
    /// Every property the text names, in order, with an initial verdict of not checked.
    pub fn property_list(&self) -> Vec<PropertyResult> {
        let mut out: Vec<PropertyResult> = self
            .invariants
            .iter()
            .map(|i| PropertyResult {
                name: i.name.clone(),
                kind: if i.temporal { PropertyKind::Temporal } else { PropertyKind::Invariant },
                verdict: Verdict::NotChecked,
            })
            .collect();
        out.extend(self.unchecked.iter().map(|n| PropertyResult { name: n.clone(), kind: PropertyKind::Temporal, verdict: Verdict::NotChecked }));
        out
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
pub fn load(src: &str, cfg: Option<&str>) -> Result<Spec, Vec<Diagnostic>> {
    let parsed = thicket_syntax::parse_document(src);
    let errors: Vec<Diagnostic> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    let Some(doc) = parsed.document.filter(|_| errors.is_empty()) else {
        return Err(if errors.is_empty() { parsed.diagnostics } else { errors });
    };
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
    let mut prog = build(&doc, &model).map_err(|es| es.into_iter().map(compile_error).collect::<Vec<_>>())?;
    let mut diags = Vec::new();
    let mut invariants = Vec::new();
    let mut unchecked = Vec::new();
    let defined = |name: &str| doc.defs.iter().chain(doc.algorithm.iter().flat_map(|a| a.defines.iter())).find(|d| d.name.name == name).cloned();
    for id in &model.invariants {
        if defined(&id.name).is_none() {
            diags.push(Diagnostic::error(id.span, format!("the model lists the invariant `{}`, but the text does not define it", id.name)));
            continue;
        }
        let (expr, errs) = prog.compile_def(&id.name, id.span);
        diags.extend(errs.into_iter().map(compile_error));
        invariants.push(Invariant { name: id.name.clone(), expr, temporal: false });
    }
    for id in &model.properties {
        let Some(def) = defined(&id.name) else {
            if id.name == "Termination" {
                unchecked.push(id.name.clone());
            } else {
                diags.push(Diagnostic::error(id.span, format!("the model lists the property `{}`, but the text does not define it", id.name)));
            }
            continue;
        };
        match &def.body.kind {
            // `[]P` with P a state predicate: an invariant in all but name.
            ExprKind::Unary { op: UnOp::Always, arg } if !is_temporal(arg) => {
                let (expr, errs) = prog.compile_expr(arg);
                diags.extend(errs.into_iter().map(compile_error));
                invariants.push(Invariant { name: id.name.clone(), expr, temporal: true });
            }
            _ => unchecked.push(id.name.clone()),
        }
    }
    let mut constraints = Vec::new();
    for id in &model.constraints {
        let (expr, errs) = prog.compile_def(&id.name, id.span);
        diags.extend(errs.into_iter().map(compile_error));
        constraints.push(expr);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let check_deadlock = model.check_deadlock.unwrap_or(true);
    Ok(Spec { doc, model, prog, invariants, constraints, check_deadlock, unchecked })
}

/// Whether an expression contains a temporal operator or a prime (so it is not a plain
/// state predicate).
pub fn is_temporal(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Unary { op: UnOp::Always | UnOp::Eventually | UnOp::Prime | UnOp::Enabled | UnOp::Unchanged, .. } => true,
        ExprKind::Binary { op: ast::BinOp::LeadsTo, .. } | ExprKind::ActionProp { .. } | ExprKind::Fairness { .. } => true,
        ExprKind::Unary { arg, .. } => is_temporal(arg),
        ExprKind::Binary { lhs, rhs, .. } => is_temporal(lhs) || is_temporal(rhs),
        ExprKind::Junction { items, .. } => items.iter().any(is_temporal),
        _ => false,
    }
}
