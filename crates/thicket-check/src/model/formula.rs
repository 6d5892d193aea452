//! A temporal property of any shape, read from the syntax tree into a [`Formula`]: `[]`, `<>`,
//! `~>`, the connectives, `[][A]_v`, `<><<A>>_v`, `WF_v(A)`/`SF_v(A)` (as TLA+ defines them,
//! with `ENABLED`), `IF` on a state predicate, `LET` (its definitions taken to the leaves), and `\A`/`\E` over constant sets (expanded),
//! named definitions unfolded. Its leaves are the expressions without a temporal operator:
//! state predicates and actions, each with the values of the quantified names around it.
//!
//! `spec` compiles a formula's leaves into an [`Ltl`](crate::model::temporal::Ltl), which
//! `analysis` checks with a tableau.

use thicket_syntax::ast::{self, ExprKind, UnOp};

use crate::eval::value::Value;
use crate::model::spec::Unsupported;

/// The values of the quantified names around an expression.
pub type Ctx = Vec<(String, Value)>;

/// A temporal formula over state predicates and actions.
#[derive(Clone, Debug)]
pub enum Formula {
    /// A state predicate or an action (told apart once compiled), with its context.
    Leaf(ast::Expr, Ctx),
    Not(Box<Formula>),
    And(Vec<Formula>),
    Or(Vec<Formula>),
    Always(Box<Formula>),
    Eventually(Box<Formula>),
}

impl Formula {
    /// The formula with each leaf's expression replaced by `f` of it.
    fn map_leaves(self, f: &mut dyn FnMut(ast::Expr) -> ast::Expr) -> Formula {
        let all = |items: Vec<Formula>, f: &mut dyn FnMut(ast::Expr) -> ast::Expr| {
            items.into_iter().map(|i| i.map_leaves(f)).collect()
        };
        match self {
            Formula::Leaf(e, ctx) => Formula::Leaf(f(e), ctx),
            Formula::Not(x) => Formula::Not(Box::new(x.map_leaves(f))),
            Formula::And(items) => Formula::And(all(items, f)),
            Formula::Or(items) => Formula::Or(all(items, f)),
            Formula::Always(x) => Formula::Always(Box::new(x.map_leaves(f))),
            Formula::Eventually(x) => Formula::Eventually(Box::new(x.map_leaves(f))),
        }
    }
}

/// The elements of a constant set, under the values of the names around it.
pub type SetValues<'r> = dyn FnMut(&ast::Expr, &Ctx) -> Result<Vec<Value>, Unsupported> + 'r;

/// What reading a formula needs from the spec: the body of a definition without parameters,
/// and the elements of a constant set.
pub struct Reader<'r> {
    pub def: &'r dyn Fn(&str) -> Option<ast::Expr>,
    pub values: &'r mut SetValues<'r>,
}

const MAX_DEPTH: usize = 60;

impl Reader<'_> {
    /// Read `e` (under `ctx`) as a temporal formula.
    pub fn formula(
        &mut self,
        e: &ast::Expr,
        ctx: &Ctx,
        depth: usize,
    ) -> Result<Formula, Unsupported> {
        if depth > MAX_DEPTH {
            return Err(Unsupported::TooDeep);
        }
        if !temporal_through(e, self.def, 0) {
            return Ok(Formula::Leaf(e.clone(), ctx.clone()));
        }
        let d = depth + 1;
        let f = match &e.kind {
            ExprKind::Name(id) => match (self.def)(&id.name) {
                Some(body) => return self.formula(&body, ctx, d),
                None => return Err(Unsupported::Shape),
            },
            ExprKind::Label { body, .. } => return self.formula(body, ctx, d),
            ExprKind::Unary { op, arg } => self.unary(*op, arg, ctx, d)?,
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, ctx, d)?,
            ExprKind::Junction { op, items, .. } => {
                let items = items
                    .iter()
                    .map(|i| self.formula(i, ctx, d))
                    .collect::<Result<Vec<_>, _>>()?;
                match op {
                    ast::Junction::And => Formula::And(items),
                    ast::Junction::Or => Formula::Or(items),
                }
            }
            ExprKind::If { cond, then, els } if !temporal_through(cond, self.def, 0) => {
                let c = Formula::Leaf((**cond).clone(), ctx.clone());
                let t = self.formula(then, ctx, d)?;
                let f = self.formula(els, ctx, d)?;
                Formula::Or(vec![
                    Formula::And(vec![c.clone(), t]),
                    Formula::And(vec![Formula::Not(Box::new(c)), f]),
                ])
            }
            ExprKind::Quant { q, bounds, body } => self.quantified(*q, bounds, body, ctx, d)?,
            ExprKind::ActionProp {
                action,
                vars,
                boxed,
            } => {
                let leaf = Formula::Leaf(sub_action(action, vars, *boxed), ctx.clone());
                match boxed {
                    true => Formula::Always(Box::new(leaf)),
                    false => Formula::Eventually(Box::new(leaf)),
                }
            }
            ExprKind::Fairness { kind, vars, action } => fairness(*kind, action, vars, ctx),
            ExprKind::Let { defs, body } => self.let_in(defs, body, ctx, d)?,
            _ => return Err(Unsupported::Shape),
        };
        Ok(f)
    }

    /// `LET defs IN F` with `F` temporal: `F` with each leaf under the same LET (LET is
    /// substitution, so its definitions mean the same in every state). Inside, the LET's names
    /// hide the module's definitions of the same names; a LET definition that is itself
    /// temporal is not checked.
    fn let_in(
        &mut self,
        defs: &[ast::OpDef],
        body: &ast::Expr,
        ctx: &Ctx,
        d: usize,
    ) -> Result<Formula, Unsupported> {
        let outer = self.def;
        if defs.iter().any(|x| temporal_through(&x.body, outer, 0)) {
            return Err(Unsupported::Shape);
        }
        let hidden = |name: &str| {
            if defs.iter().any(|x| x.name.name == name) {
                None
            } else {
                outer(name)
            }
        };
        let mut inner = Reader {
            def: &hidden,
            values: &mut *self.values,
        };
        let f = inner.formula(body, ctx, d)?;
        Ok(f.map_leaves(&mut |e| {
            let span = e.span;
            mk(
                ExprKind::Let {
                    defs: defs.to_vec(),
                    body: Box::new(e),
                },
                span,
            )
        }))
    }

    fn unary(
        &mut self,
        op: UnOp,
        arg: &ast::Expr,
        ctx: &Ctx,
        d: usize,
    ) -> Result<Formula, Unsupported> {
        let f = Box::new(self.formula(arg, ctx, d)?);
        Ok(match op {
            UnOp::Not => Formula::Not(f),
            UnOp::Always => Formula::Always(f),
            UnOp::Eventually => Formula::Eventually(f),
            _ => return Err(Unsupported::Shape),
        })
    }

    fn binary(
        &mut self,
        op: ast::BinOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        ctx: &Ctx,
        d: usize,
    ) -> Result<Formula, Unsupported> {
        let a = self.formula(lhs, ctx, d)?;
        let b = self.formula(rhs, ctx, d)?;
        let not = |f: &Formula| Formula::Not(Box::new(f.clone()));
        Ok(match op {
            ast::BinOp::And => Formula::And(vec![a, b]),
            ast::BinOp::Or => Formula::Or(vec![a, b]),
            ast::BinOp::Implies => Formula::Or(vec![not(&a), b]),
            ast::BinOp::Equiv => Formula::Or(vec![
                Formula::And(vec![a.clone(), b.clone()]),
                Formula::And(vec![not(&a), not(&b)]),
            ]),
            ast::BinOp::LeadsTo => Formula::Always(Box::new(Formula::Or(vec![
                not(&a),
                Formula::Eventually(Box::new(b)),
            ]))),
            _ => return Err(Unsupported::Shape),
        })
    }

    /// `\A x \in S : F` is the conjunction of `F` for each element of the constant set `S`,
    /// `\E` the disjunction.
    fn quantified(
        &mut self,
        q: ast::Quantifier,
        bounds: &[ast::Bound],
        body: &ast::Expr,
        ctx: &Ctx,
        d: usize,
    ) -> Result<Formula, Unsupported> {
        if matches!(
            q,
            ast::Quantifier::TemporalForall | ast::Quantifier::TemporalExists
        ) {
            return Err(Unsupported::TemporalQuantifier(q));
        }
        let mut combos: Vec<Ctx> = vec![ctx.clone()];
        for b in bounds {
            let (ast::BoundPattern::Names(names), Some(set)) = (&b.pattern, &b.set) else {
                return Err(Unsupported::Shape);
            };
            for n in names {
                let mut grown = Vec::new();
                for c in &combos {
                    for v in (self.values)(set, c)? {
                        let mut c = c.clone();
                        c.push((n.name.clone(), v));
                        grown.push(c);
                    }
                }
                combos = grown;
            }
        }
        let items = combos
            .iter()
            .map(|c| self.formula(body, c, d))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match q {
            ast::Quantifier::Forall => Formula::And(items),
            _ => Formula::Or(items),
        })
    }
}

/// Whether `e` has a temporal operator, in itself or in a definition it names (`def` gives
/// the body of a definition without parameters).
pub fn temporal_through(
    e: &ast::Expr,
    def: &dyn Fn(&str) -> Option<ast::Expr>,
    depth: usize,
) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match &e.kind {
        ExprKind::Unary {
            op: UnOp::Always | UnOp::Eventually,
            ..
        }
        | ExprKind::Binary {
            op: ast::BinOp::LeadsTo,
            ..
        }
        | ExprKind::ActionProp { .. }
        | ExprKind::Fairness { .. } => return true,
        ExprKind::Quant {
            q: ast::Quantifier::TemporalForall | ast::Quantifier::TemporalExists,
            ..
        } => return true,
        ExprKind::Name(id) => {
            return def(&id.name).is_some_and(|b| temporal_through(&b, def, depth + 1))
        }
        // ENABLED's argument is an action, whatever it names.
        ExprKind::Unary {
            op: UnOp::Enabled, ..
        } => return false,
        _ => {}
    }
    let mut found = false;
    e.for_each_child(&mut |c| found = found || temporal_through(c, def, depth + 1));
    found
}

fn mk(kind: ExprKind, span: ast::Span) -> ast::Expr {
    ast::Expr { kind, span }
}

/// `[A]_v` (`A \/ UNCHANGED v`) or `<<A>>_v` (`A /\ ~UNCHANGED v`), as an action.
fn sub_action(a: &ast::Expr, v: &ast::Expr, boxed: bool) -> ast::Expr {
    let span = a.span.to(v.span);
    let mut unchanged = mk(
        ExprKind::Unary {
            op: UnOp::Unchanged,
            arg: Box::new(v.clone()),
        },
        span,
    );
    if !boxed {
        unchanged = mk(
            ExprKind::Unary {
                op: UnOp::Not,
                arg: Box::new(unchanged),
            },
            span,
        );
    }
    let op = match boxed {
        true => ast::Junction::Or,
        false => ast::Junction::And,
    };
    mk(
        ExprKind::Junction {
            op,
            items: vec![a.clone(), unchanged],
            bulleted: false,
        },
        span,
    )
}

/// `WF_v(A)` is `[]<>~ENABLED <<A>>_v \/ []<><<A>>_v`; `SF_v(A)` is
/// `<>[]~ENABLED <<A>>_v \/ []<><<A>>_v`.
fn fairness(kind: ast::FairnessKind, a: &ast::Expr, v: &ast::Expr, ctx: &Ctx) -> Formula {
    let angle = sub_action(a, v, false);
    let enabled = mk(
        ExprKind::Unary {
            op: UnOp::Enabled,
            arg: Box::new(angle.clone()),
        },
        angle.span,
    );
    let leaf = |e: ast::Expr| Box::new(Formula::Leaf(e, ctx.clone()));
    let disabled = Box::new(Formula::Not(leaf(enabled)));
    let taken = Formula::Always(Box::new(Formula::Eventually(leaf(angle))));
    let neglect = match kind {
        ast::FairnessKind::Weak => Formula::Always(Box::new(Formula::Eventually(disabled))),
        ast::FairnessKind::Strong => Formula::Eventually(Box::new(Formula::Always(disabled))),
    };
    Formula::Or(vec![neglect, taken])
}
