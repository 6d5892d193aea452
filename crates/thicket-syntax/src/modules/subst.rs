//! Substitution in definitions, as instantiation defines it: the constants and variables of the
//! instantiated module replaced by expressions of the instantiating one, its definitions renamed
//! (`Op` → `N!Op`) and handed the instance's parameters, without capture (a bound name that
//! would capture a name of a substituted expression is renamed).

use crate::ast::*;
use std::collections::{HashMap, HashSet};

/// What a name of the instantiated module becomes.
#[derive(Clone, Debug)]
pub enum Image {
    /// A constant or variable: the expression substituted for it.
    Value(Expr),
    /// A definition: its new name, applied first to the instance's parameters.
    Renamed(String),
    /// A variable substituted by an expression that is not a variable of the instantiating
    /// module: `var` (qualified, `N!x`) stands for `image` (see [`ExprKind::InstanceVar`]).
    Var { var: String, image: Expr },
}

/// One instantiation's substitution.
#[derive(Debug, Default)]
pub struct Subst {
    pub images: HashMap<String, Image>,
    /// The instance's parameters, passed first to every renamed definition.
    pub params: Vec<Ident>,
    /// Names a bound variable must not take (the free names of the substituted expressions
    /// and the parameters): such a binder is renamed.
    avoid: HashSet<String>,
}

impl Subst {
    pub fn new(images: HashMap<String, Image>, params: Vec<Ident>) -> Subst {
        let mut avoid: HashSet<String> = params.iter().map(|p| p.name.clone()).collect();
        for image in images.values() {
            if let Image::Value(e) | Image::Var { image: e, .. } = image {
                names_in(e, &mut avoid);
            }
        }
        Subst {
            images,
            params,
            avoid,
        }
    }

    /// A definition of the instantiated module, as the instance has it (its name is the
    /// caller's business).
    pub fn def(&self, def: &OpDef) -> OpDef {
        let mut w = Walker {
            s: self,
            scopes: vec![],
            fresh: 0,
        };
        w.def(def)
    }

    pub fn expr(&self, e: &Expr) -> Expr {
        let mut w = Walker {
            s: self,
            scopes: vec![],
            fresh: 0,
        };
        w.expr(e)
    }
}

/// Every name an expression mentions (a superset of its free names: enough to avoid capture).
fn names_in(e: &Expr, out: &mut HashSet<String>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Name(id) => {
                out.insert(id.name.clone());
            }
            ExprKind::Apply { op, args } => {
                out.insert(op.name.clone());
                stack.extend(args);
            }
            _ => e.for_each_child(&mut |c| stack.push(c)),
        }
    }
}

struct Walker<'s> {
    s: &'s Subst,
    /// Bound names, innermost last: each maps to the name it has after renaming.
    scopes: Vec<HashMap<String, String>>,
    fresh: usize,
}

impl Walker<'_> {
    fn def(&mut self, def: &OpDef) -> OpDef {
        let mut out = def.clone();
        self.scopes.push(HashMap::new());
        out.params = def
            .params
            .iter()
            .map(|p| Param {
                name: self.bind(&p.name),
                arity: p.arity,
            })
            .collect();
        out.fn_bounds = def.fn_bounds.as_ref().map(|bs| self.bounds(bs));
        out.body = self.expr(&def.body);
        self.scopes.pop();
        out
    }

    /// Declare a bound name in the innermost scope, renamed when it would capture.
    fn bind(&mut self, id: &Ident) -> Ident {
        let mut name = id.name.clone();
        if self.s.avoid.contains(&name) {
            loop {
                self.fresh += 1;
                name = format!("{}_{}", id.name, self.fresh);
                if !self.s.avoid.contains(&name) {
                    break;
                }
            }
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(id.name.clone(), name.clone());
        }
        Ident {
            name,
            span: id.span,
        }
    }

    /// A name bound around here, as renamed (a label's parameter).
    fn rename_bound(&self, id: &Ident) -> Ident {
        Ident {
            name: self.bound(&id.name).unwrap_or(&id.name).clone(),
            span: id.span,
        }
    }

    fn bound(&self, name: &str) -> Option<&String> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    /// Bounds: their sets read outside, their names bound in a new scope (the caller pops).
    fn bounds(&mut self, bs: &[Bound]) -> Vec<Bound> {
        let sets: Vec<Option<Expr>> = bs
            .iter()
            .map(|b| b.set.as_ref().map(|s| self.expr(s)))
            .collect();
        bs.iter()
            .zip(sets)
            .map(|(b, set)| Bound {
                pattern: match &b.pattern {
                    BoundPattern::Names(ns) => {
                        BoundPattern::Names(ns.iter().map(|n| self.bind(n)).collect())
                    }
                    BoundPattern::Tuple(ns) => {
                        BoundPattern::Tuple(ns.iter().map(|n| self.bind(n)).collect())
                    }
                },
                set,
            })
            .collect()
    }

    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.scopes.push(HashMap::new());
        let out = f(self);
        self.scopes.pop();
        out
    }

    fn exprs(&mut self, es: &[Expr]) -> Vec<Expr> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    fn boxed(&mut self, e: &Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn expr(&mut self, e: &Expr) -> Expr {
        let kind = match &e.kind {
            ExprKind::Name(id) => return self.name(id, e.span),
            ExprKind::Apply { op, args } => return self.apply(op, args, e.span),
            ExprKind::Let { defs, body } => self.scoped(|w| {
                for d in defs {
                    w.bind(&d.name);
                }
                let defs = defs.iter().map(|d| w.let_def(d)).collect();
                ExprKind::Let {
                    defs,
                    body: w.boxed(body),
                }
            }),
            ExprKind::Quant { q, bounds, body } => self.scoped(|w| ExprKind::Quant {
                q: *q,
                bounds: w.bounds(bounds),
                body: w.boxed(body),
            }),
            ExprKind::SetMap { bounds, body } => self.scoped(|w| {
                let bounds = w.bounds(bounds);
                ExprKind::SetMap {
                    body: w.boxed(body),
                    bounds,
                }
            }),
            ExprKind::FnConstruct { bounds, body } => self.scoped(|w| ExprKind::FnConstruct {
                bounds: w.bounds(bounds),
                body: w.boxed(body),
            }),
            ExprKind::Choose { bound, body } => self.scoped(|w| {
                let bound = w.bounds(std::slice::from_ref(bound)).remove(0);
                ExprKind::Choose {
                    bound: Box::new(bound),
                    body: w.boxed(body),
                }
            }),
            ExprKind::SetFilter { bound, pred } => self.scoped(|w| {
                let bound = w.bounds(std::slice::from_ref(bound)).remove(0);
                ExprKind::SetFilter {
                    bound: Box::new(bound),
                    pred: w.boxed(pred),
                }
            }),
            ExprKind::Label { name, params, body } => ExprKind::Label {
                name: name.clone(),
                params: params.iter().map(|p| self.rename_bound(p)).collect(),
                body: self.boxed(body),
            },
            ExprKind::Lambda { params, body } => self.scoped(|w| ExprKind::Lambda {
                params: params.iter().map(|p| w.bind(p)).collect(),
                body: w.boxed(body),
            }),
            _ => self.plain(&e.kind),
        };
        Expr { kind, span: e.span }
    }

    /// A `LET` definition: its name is already bound by the `LET`.
    fn let_def(&mut self, d: &OpDef) -> OpDef {
        let mut out = self.def(d);
        out.name.name = self.bound(&d.name.name).cloned().unwrap_or(out.name.name);
        out
    }

    /// The constructs that bind nothing: each part substituted.
    fn plain(&mut self, kind: &ExprKind) -> ExprKind {
        match kind {
            ExprKind::Unary { op, arg } => ExprKind::Unary {
                op: *op,
                arg: self.boxed(arg),
            },
            ExprKind::Binary { op, lhs, rhs } => ExprKind::Binary {
                op: *op,
                lhs: self.boxed(lhs),
                rhs: self.boxed(rhs),
            },
            ExprKind::Junction {
                op,
                items,
                bulleted,
            } => ExprKind::Junction {
                op: *op,
                items: self.exprs(items),
                bulleted: *bulleted,
            },
            ExprKind::If { cond, then, els } => ExprKind::If {
                cond: self.boxed(cond),
                then: self.boxed(then),
                els: self.boxed(els),
            },
            ExprKind::Case { arms, other } => ExprKind::Case {
                arms: arms
                    .iter()
                    .map(|(a, b)| (self.expr(a), self.expr(b)))
                    .collect(),
                other: other.as_ref().map(|o| self.boxed(o)),
            },
            ExprKind::SetEnum(items) => ExprKind::SetEnum(self.exprs(items)),
            ExprKind::Tuple(items) => ExprKind::Tuple(self.exprs(items)),
            ExprKind::Cross(items) => ExprKind::Cross(self.exprs(items)),
            ExprKind::FnApply { f, args } => ExprKind::FnApply {
                f: self.boxed(f),
                args: self.exprs(args),
            },
            ExprKind::FnSet { dom, range } => ExprKind::FnSet {
                dom: self.boxed(dom),
                range: self.boxed(range),
            },
            ExprKind::Record(fs) => ExprKind::Record(self.fields(fs)),
            ExprKind::RecordSet(fs) => ExprKind::RecordSet(self.fields(fs)),
            ExprKind::Field { rec, field } => ExprKind::Field {
                rec: self.boxed(rec),
                field: field.clone(),
            },
            ExprKind::Except { base, updates } => ExprKind::Except {
                base: self.boxed(base),
                updates: updates.iter().map(|u| self.update(u)).collect(),
            },
            ExprKind::ActionProp {
                action,
                vars,
                boxed,
            } => ExprKind::ActionProp {
                action: self.boxed(action),
                vars: self.boxed(vars),
                boxed: *boxed,
            },
            ExprKind::Fairness { kind, vars, action } => ExprKind::Fairness {
                kind: *kind,
                vars: self.boxed(vars),
                action: self.boxed(action),
            },
            ExprKind::InstanceVar { var, image } => ExprKind::InstanceVar {
                var: var.clone(),
                image: self.boxed(image),
            },
            other => other.clone(),
        }
    }

    fn fields(&mut self, fs: &[(Ident, Expr)]) -> Vec<(Ident, Expr)> {
        fs.iter().map(|(f, e)| (f.clone(), self.expr(e))).collect()
    }

    fn update(&mut self, u: &ExceptUpdate) -> ExceptUpdate {
        ExceptUpdate {
            path: u
                .path
                .iter()
                .map(|p| match p {
                    PathElem::Field(f) => PathElem::Field(f.clone()),
                    PathElem::Index(es) => PathElem::Index(self.exprs(es)),
                })
                .collect(),
            value: self.expr(&u.value),
        }
    }

    fn params(&self, span: Span) -> Vec<Expr> {
        self.s
            .params
            .iter()
            .map(|p| Expr {
                kind: ExprKind::Name(p.clone()),
                span,
            })
            .collect()
    }

    fn name(&mut self, id: &Ident, span: Span) -> Expr {
        if let Some(b) = self.bound(&id.name) {
            let id = Ident {
                name: b.clone(),
                span: id.span,
            };
            return Expr {
                kind: ExprKind::Name(id),
                span,
            };
        }
        match self.s.images.get(&id.name) {
            Some(Image::Value(v)) => Expr {
                kind: v.kind.clone(),
                span,
            },
            Some(Image::Var { var, image }) => Expr {
                kind: ExprKind::InstanceVar {
                    var: Ident {
                        name: var.clone(),
                        span: id.span,
                    },
                    image: Box::new(Expr {
                        kind: image.kind.clone(),
                        span,
                    }),
                },
                span,
            },
            Some(Image::Renamed(new)) => {
                let op = Ident {
                    name: new.clone(),
                    span: id.span,
                };
                let kind = if self.s.params.is_empty() {
                    ExprKind::Name(op)
                } else {
                    ExprKind::Apply {
                        op,
                        args: self.params(span),
                    }
                };
                Expr { kind, span }
            }
            None => Expr {
                kind: ExprKind::Name(id.clone()),
                span,
            },
        }
    }

    fn apply(&mut self, op: &Ident, args: &[Expr], span: Span) -> Expr {
        let args = self.exprs(args);
        let named = |name: &str| Ident {
            name: name.to_string(),
            span: op.span,
        };
        let kind = if let Some(b) = self.bound(&op.name) {
            ExprKind::Apply { op: named(b), args }
        } else {
            match self.s.images.get(&op.name) {
                Some(Image::Renamed(new)) => ExprKind::Apply {
                    op: named(new),
                    args: self.params(span).into_iter().chain(args).collect(),
                },
                Some(Image::Value(v) | Image::Var { image: v, .. }) => {
                    return applied(v, args, span)
                }
                None => ExprKind::Apply {
                    op: op.clone(),
                    args,
                },
            }
        };
        Expr { kind, span }
    }
}

/// An operator constant substituted by an operator, applied: `F <- G` makes `F(a)` `G(a)`;
/// `F <- LAMBDA x : e` makes it `e` with `a` for `x`.
fn applied(v: &Expr, args: Vec<Expr>, span: Span) -> Expr {
    match &v.kind {
        ExprKind::Name(g) => Expr {
            kind: ExprKind::Apply {
                op: g.clone(),
                args,
            },
            span,
        },
        ExprKind::Lambda { params, body } if params.len() == args.len() => {
            let images = params
                .iter()
                .zip(args)
                .map(|(p, a)| (p.name.clone(), Image::Value(a)))
                .collect();
            Subst::new(images, vec![]).expr(body)
        }
        // Not an operator: the checker reports the application (a located error).
        _ => Expr {
            kind: ExprKind::Apply {
                op: Ident {
                    name: "(substituted expression)".into(),
                    span: v.span,
                },
                args,
            },
            span,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Expr {
        crate::parse_expression(src).expect("parses")
    }

    fn show(e: &Expr) -> String {
        crate::print::expr(e)
    }

    #[test]
    fn constants_are_replaced_and_binders_renamed_to_avoid_capture() {
        let images = HashMap::from([("c".to_string(), Image::Value(parse("x + 1")))]);
        let s = Subst::new(images, vec![]);
        assert_eq!(
            show(&s.expr(&parse("\\E x \\in S : x = c"))),
            "\\E x_1 \\in S : x_1 = x + 1"
        );
    }

    #[test]
    fn definitions_are_renamed_and_take_the_parameters() {
        let p = Ident {
            name: "p".into(),
            span: Span::DUMMY,
        };
        let images = HashMap::from([
            ("Op".to_string(), Image::Renamed("N!Op".into())),
            ("v".to_string(), Image::Value(parse("p"))),
        ]);
        let s = Subst::new(images, vec![p]);
        assert_eq!(
            show(&s.expr(&parse("Op(v') /\\ Op"))),
            "N!Op(p, p') /\\ N!Op(p)"
        );
    }

    #[test]
    fn operator_constants_take_operators_and_lambdas() {
        let images = HashMap::from([
            ("F".to_string(), Image::Value(parse("G"))),
            ("H".to_string(), Image::Value(parse("LAMBDA a : a * 2"))),
        ]);
        let s = Subst::new(images, vec![]);
        assert_eq!(show(&s.expr(&parse("F(1) + H(3)"))), "G(1) + 3 * 2");
    }

    #[test]
    fn a_bound_name_shadows_what_it_binds() {
        let images = HashMap::from([("c".to_string(), Image::Value(parse("1")))]);
        let s = Subst::new(images, vec![]);
        assert_eq!(
            show(&s.expr(&parse("{c : c \\in S} \\cup {c}"))),
            "{c : c \\in S} \\cup {1}"
        );
    }
}
