//! A module's own meaning for a standard module's symbol. `a + b` is read as the built-in
//! operator (`ExprKind::Binary`); where the module defines `+` itself (Naturals not in
//! scope), or a `LET` or a parameter (`_+_`) binds it, a use means that definition, and is
//! made an application of it (`ExprKind::Apply` of `+`), as a use of `\prec` is. Names
//! (`Nat`, `Len`) need nothing: a definition is found before a built-in.

use crate::ast::*;
use crate::standard;

/// Make the uses of the standard symbols that `doc` defines or binds applications of its
/// definitions. `scope`: the standard modules in scope; `defined`: the module-level names of
/// the document (its own and those it extends).
pub(super) fn rebind<'a>(
    doc: &mut Document,
    scope: &[&str],
    defined: impl Iterator<Item = &'a str>,
) {
    let bound: Vec<String> = defined
        .filter(|n| crate::ops::is_symbol(n) && standard::free(n, scope))
        .map(str::to_string)
        .collect();
    let mut r = Rebind { bound };
    for d in &mut doc.defs {
        r.def(d);
    }
    for a in &mut doc.assumes {
        r.expr(&mut a.expr);
    }
    for t in &mut doc.theorems {
        if let Statement::Expr(e) = &mut t.statement {
            r.expr(e);
        }
    }
}

struct Rebind {
    /// The standard symbols that mean a definition here, innermost last.
    bound: Vec<String>,
}

impl Rebind {
    fn def(&mut self, d: &mut OpDef) {
        let depth = self.bound.len();
        let params = d.params.iter().map(|p| &p.name.name);
        self.bound
            .extend(params.filter(|n| standard_symbol(n)).cloned());
        for b in d.fn_bounds.iter_mut().flatten() {
            if let Some(s) = &mut b.set {
                self.expr(s);
            }
        }
        self.expr(&mut d.body);
        self.bound.truncate(depth);
    }

    fn expr(&mut self, e: &mut Expr) {
        if let ExprKind::Let { defs, body } = &mut e.kind {
            let depth = self.bound.len();
            let names = defs.iter().map(|d| &d.name.name);
            self.bound
                .extend(names.filter(|n| standard_symbol(n)).cloned());
            for d in defs.iter_mut() {
                self.def(d);
            }
            self.expr(body);
            self.bound.truncate(depth);
            return;
        }
        self.apply_bound(e);
        e.for_each_child_mut(&mut |c| self.expr(c));
    }

    /// `a + b` as an application of the `+` bound here, if one is.
    fn apply_bound(&self, e: &mut Expr) {
        let name = match &e.kind {
            ExprKind::Binary { op, .. } => crate::print::bin_text(*op),
            ExprKind::Unary { op: UnOp::Neg, .. } => "-.",
            _ => return,
        };
        if !self.bound.iter().any(|b| b == name) {
            return;
        }
        let op = Ident {
            name: name.to_string(),
            span: e.span,
        };
        let kind = std::mem::replace(&mut e.kind, ExprKind::At);
        e.kind = match kind {
            ExprKind::Binary { lhs, rhs, .. } => ExprKind::Apply {
                op,
                args: vec![*lhs, *rhs],
            },
            ExprKind::Unary { arg, .. } => ExprKind::Apply {
                op,
                args: vec![*arg],
            },
            other => other,
        };
    }
}

fn standard_symbol(name: &str) -> bool {
    crate::ops::is_symbol(name) && standard::module_of(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebound(src: &str, scope: &[&str]) -> String {
        let (doc, diags) = crate::read_document(src);
        let mut doc = doc.unwrap_or_else(|| panic!("{diags:?}"));
        let names: Vec<String> = doc.defs.iter().map(|d| d.name.name.clone()).collect();
        rebind(&mut doc, scope, names.iter().map(String::as_str));
        let last = doc.defs.last().expect("a definition");
        format!("{:?}", last.body.kind)
    }

    #[test]
    fn a_module_s_own_plus_is_applied_where_naturals_is_not_in_scope() {
        let src = "---- MODULE M ----\na + b == 0\nX == 1 + 2\n====";
        assert!(rebound(src, &[]).starts_with("Apply"));
        assert!(rebound(src, &["Naturals"]).starts_with("Binary"));
    }

    #[test]
    fn a_parameter_or_let_binds_the_symbol_in_its_body_only() {
        let src = "---- MODULE M ----\nX == LET F(_+_) == 1 + 2 IN 3 + 4\n====";
        let shown = rebound(src, &[]);
        assert!(
            shown.contains("Apply") && shown.contains("Binary"),
            "{shown}"
        );
    }
}
