//! Lowering theorems (`THEOREM Name == ASSUME NEW x PROVE P(x)`) and named assumptions. A
//! proof is read by the grammar and kept only as its span: TLC checks no theorem.

use super::{dummy, ident, kids, span, Lowerer, P};
use crate::ast::{
    Assume, AssumeProve, Assumption, Ident, NewDecl, NewKind, Proof, Statement, Theorem,
    TheoremKind,
};
use crate::parser::Rule;

impl Lowerer {
    /// `ASSUME e` or `ASSUME Name == e`.
    pub(super) fn assume(&mut self, p: P) -> Assume {
        let sp = span(&p);
        let mut name = None;
        let mut expr = dummy(sp);
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => name = Some(ident(c)),
                _ => expr = self.expr(c),
            }
        }
        Assume {
            name,
            expr,
            span: sp,
        }
    }

    pub(super) fn theorem(&mut self, p: P) -> Theorem {
        let sp = span(&p);
        let mut theorem = Theorem {
            kind: TheoremKind::Theorem,
            name: None,
            statement: Statement::Expr(dummy(sp)),
            proof: None,
            span: sp,
        };
        for c in kids(p) {
            match c.as_rule() {
                Rule::theorem_kw => theorem.kind = theorem_kind(c),
                Rule::ident => theorem.name = Some(ident(c)),
                Rule::assume_prove => {
                    theorem.statement = Statement::AssumeProve(self.assume_prove(c));
                }
                Rule::proof => theorem.proof = Some(Proof { span: span(&c) }),
                _ => theorem.statement = Statement::Expr(self.expr(c)),
            }
        }
        theorem
    }

    fn assume_prove(&mut self, p: P) -> AssumeProve {
        let sp = span(&p);
        let mut items: Vec<Assumption> = kids(p)
            .map(|c| match c.as_rule() {
                Rule::new_decl => Assumption::New(self.new_decl(c)),
                Rule::assume_prove => Assumption::AssumeProve(self.assume_prove(c)),
                _ => Assumption::Expr(self.expr(c)),
            })
            .collect();
        // The last expression is what is proved.
        let prove = match items.pop() {
            Some(Assumption::Expr(e)) => e,
            _ => dummy(sp),
        };
        AssumeProve {
            assume: items,
            prove,
            span: sp,
        }
    }

    fn new_decl(&mut self, p: P) -> NewDecl {
        let sp = span(&p);
        let mut decl = NewDecl {
            kind: NewKind::Constant,
            name: Ident {
                name: String::new(),
                span: sp,
            },
            arity: 0,
            set: None,
        };
        for c in kids(p) {
            match c.as_rule() {
                Rule::kw_NEW => {}
                Rule::decl_kind => decl.kind = new_kind(c),
                Rule::ident => decl.name = ident(c),
                Rule::arity => decl.arity = c.into_inner().count(),
                _ => decl.set = Some(self.expr(c)),
            }
        }
        decl
    }
}

fn theorem_kind(p: P) -> TheoremKind {
    match p.into_inner().next().map(|k| k.as_rule()) {
        Some(Rule::kw_LEMMA) => TheoremKind::Lemma,
        Some(Rule::kw_PROPOSITION) => TheoremKind::Proposition,
        Some(Rule::kw_COROLLARY) => TheoremKind::Corollary,
        _ => TheoremKind::Theorem,
    }
}

fn new_kind(p: P) -> NewKind {
    match p.into_inner().next().map(|k| k.as_rule()) {
        Some(Rule::kw_VARIABLE) => NewKind::Variable,
        Some(Rule::kw_STATE) => NewKind::State,
        Some(Rule::kw_ACTION) => NewKind::Action,
        Some(Rule::kw_TEMPORAL) => NewKind::Temporal,
        _ => NewKind::Constant,
    }
}
