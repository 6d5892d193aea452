//! Subexpression names, as SANY reads them: `Inv!2` (the second conjunct of `Inv`'s body),
//! `Op(a)!P0` (the expression labelled `P0::` in `Op`'s body, with `a` for `Op`'s parameter),
//! `Op!L(v)` (a label with parameters), `Q!(v)` (the body of a quantifier with `v` for its
//! bound name), `T!:` (the body of a definition or theorem), chained (`Inv!3!1`, `Op!A!B`).
//!
//! A name made of a module-level definition followed by selectors is replaced by the
//! expression it selects, the definition's parameters (and the label's, and the bound names
//! of a quantifier selected into) substituted by the arguments, and the `LET` definitions it
//! was selected through kept around it. A selection that names nothing is an error at the name.

use super::subst::{Image, Subst};
use crate::ast::*;
use crate::diag::Diagnostic;
use std::collections::{HashMap, VecDeque};

/// Replace every subexpression name in the module's definitions and assumptions by the
/// expression it selects.
pub(crate) fn apply(doc: &mut Document, diags: &mut Vec<Diagnostic>) {
    let defs: HashMap<String, OpDef> = doc
        .defs
        .iter()
        .map(|d| (d.name.name.clone(), d.clone()))
        .collect();
    let mut r = Rewriter {
        defs: &defs,
        diags,
        depth: 0,
    };
    for d in &mut doc.defs {
        r.rewrite(&mut d.body);
    }
    for a in &mut doc.assumes {
        r.rewrite(&mut a.expr);
    }
    for t in &mut doc.theorems {
        statement_exprs(&mut t.statement, &mut |e| r.rewrite(e));
    }
}

/// Every expression a theorem states (assumptions and the goal).
fn statement_exprs(s: &mut Statement, f: &mut dyn FnMut(&mut Expr)) {
    fn assume_prove(ap: &mut AssumeProve, f: &mut dyn FnMut(&mut Expr)) {
        for a in &mut ap.assume {
            match a {
                Assumption::New(n) => n.set.iter_mut().for_each(&mut *f),
                Assumption::Expr(e) => f(e),
                Assumption::AssumeProve(inner) => assume_prove(inner, f),
            }
        }
        f(&mut ap.prove)
    }
    match s {
        Statement::Expr(e) => f(e),
        Statement::AssumeProve(ap) => assume_prove(ap, f),
    }
}

/// Every label dropped for the expression it names (the checker has no use for them).
pub(crate) fn strip_labels(doc: &mut Document) {
    for d in &mut doc.defs {
        unlabel(&mut d.body);
    }
    for a in &mut doc.assumes {
        unlabel(&mut a.expr);
    }
    for t in &mut doc.theorems {
        statement_exprs(&mut t.statement, &mut unlabel);
    }
}

fn unlabel(e: &mut Expr) {
    while let ExprKind::Label { body, .. } = &mut e.kind {
        let body = std::mem::replace(
            &mut **body,
            Expr {
                kind: ExprKind::At,
                span: e.span,
            },
        );
        *e = body;
    }
    e.for_each_child_mut(&mut unlabel);
}

/// How deep selections may select names that select (a definition selecting in itself).
const MAX_DEPTH: usize = 64;

struct Rewriter<'a> {
    defs: &'a HashMap<String, OpDef>,
    diags: &'a mut Vec<Diagnostic>,
    depth: usize,
}

impl Rewriter<'_> {
    fn rewrite(&mut self, e: &mut Expr) {
        if let Some(selected) = self.selection(e) {
            match selected {
                Ok(new) if self.depth < MAX_DEPTH => {
                    *e = new;
                    self.depth += 1;
                    self.rewrite(e);
                    self.depth -= 1;
                    return;
                }
                Ok(_) => {
                    let d = Diagnostic::error(e.span, "this subexpression name selects itself");
                    return self.diags.push(d);
                }
                Err(d) => return self.diags.push(d),
            }
        }
        e.for_each_child_mut(&mut |c| self.rewrite(c));
    }

    /// `None` when `e` is no subexpression name of a definition of the module.
    fn selection(&self, e: &Expr) -> Option<Result<Expr, Diagnostic>> {
        let (id, args) = match &e.kind {
            ExprKind::Name(id) => (id, &[][..]),
            ExprKind::Apply { op, args } => (op, &args[..]),
            _ => return None,
        };
        if self.defs.contains_key(&id.name) {
            return None;
        }
        let parts: Vec<&str> = id.name.split('!').collect();
        let (def, selectors) = (1..parts.len()).rev().find_map(|k| {
            let d = self.defs.get(&parts[..k].join("!"))?;
            Some((d, &parts[k..]))
        })?;
        let mut s = Selection {
            shown: shown(&id.name),
            span: e.span,
            env: HashMap::new(),
            lets: vec![],
            args: args.iter().cloned().collect(),
            at: def.body.clone(),
        };
        Some(s.run(def, selectors).map(|()| s.result(e.span)))
    }
}

/// A selection under way: the expression reached, what its free names stand for, the `LET`
/// definitions it is inside, the arguments not yet taken.
struct Selection {
    /// The name as written (`Q!(…)!2`), for messages.
    shown: String,
    span: Span,
    env: HashMap<String, Expr>,
    lets: Vec<Vec<OpDef>>,
    args: VecDeque<Expr>,
    at: Expr,
}

impl Selection {
    fn run(&mut self, def: &OpDef, selectors: &[&str]) -> Result<(), Diagnostic> {
        if def.fn_bounds.is_some() {
            return Err(self.error(format!(
                "`{}` is a function, whose body has no subexpression names",
                def.name.name
            )));
        }
        let params: Vec<&Ident> = def.params.iter().map(|p| &p.name).collect();
        self.bind(&params, &format!("`{}`", def.name.name))?;
        let (mut rest, mut named) = (selectors, true);
        while let Some((&sel, more)) = rest.split_first() {
            (rest, named) = self.step(sel, more, named)?;
        }
        if self.args.is_empty() {
            Ok(())
        } else {
            Err(self.error(format!("`{}` is given too many arguments", self.shown)))
        }
    }

    /// One selector (`named`: the one before named a definition or a label, which `!:` may
    /// follow): the selectors left, and whether this one named.
    fn step<'s>(
        &mut self,
        sel: &str,
        rest: &'s [&'s str],
        named: bool,
    ) -> Result<(&'s [&'s str], bool), Diagnostic> {
        match sel {
            ":" if named => Ok((rest, true)),
            ":" => Err(self.error("`!:` must follow the name of a definition or a label")),
            "" => self.instantiate().map(|()| (rest, false)),
            // An infix operator's left and right operands.
            "<<" => Ok((self.operand("1", rest)?, false)),
            ">>" => Ok((self.operand("2", rest)?, false)),
            "@" => Err(self.error("the selector `!@` is not supported")),
            _ if sel.starts_with(|c: char| c.is_ascii_digit()) => {
                Ok((self.operand(sel, rest)?, false))
            }
            _ => self.label(sel).map(|()| (rest, true)),
        }
    }

    /// The expression selected, its names substituted, inside the `LET`s it was selected through.
    fn result(self, span: Span) -> Expr {
        let mut e = self.at;
        for defs in self.lets.into_iter().rev() {
            let span = e.span;
            e = Expr {
                kind: ExprKind::Let {
                    defs,
                    body: Box::new(e),
                },
                span,
            };
        }
        let images = self
            .env
            .into_iter()
            .map(|(k, v)| (k, Image::Value(v)))
            .collect();
        let mut e = Subst::new(images, vec![]).expr(&e);
        e.span = span;
        e
    }

    fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.span, message)
    }

    /// Take one argument for each of `names`.
    fn bind(&mut self, names: &[&Ident], what: &str) -> Result<(), Diagnostic> {
        if self.args.len() < names.len() {
            return Err(self.error(format!(
                "`{}` is given too few arguments: {what} takes {}",
                self.shown,
                names.len(),
            )));
        }
        for n in names {
            let arg = self.args.pop_front().expect("counted");
            self.env.insert(n.name.clone(), arg);
        }
        Ok(())
    }

    /// `!(v, w)`: the body of the quantifier (or other binder) reached, `v, w` for its names.
    fn instantiate(&mut self) -> Result<(), Diagnostic> {
        let at = unlabelled(&self.at).clone();
        let (bounds, body) = match &at.kind {
            ExprKind::Quant { bounds, body, .. }
            | ExprKind::SetMap { bounds, body }
            | ExprKind::FnConstruct { bounds, body } => (bounds.clone(), body),
            ExprKind::Choose { bound, body } => (vec![(**bound).clone()], body),
            ExprKind::SetFilter { bound, pred } => (vec![(**bound).clone()], pred),
            ExprKind::Lambda { params, body } => {
                let names: Vec<&Ident> = params.iter().collect();
                self.bind(&names, "the LAMBDA")?;
                self.at = (**body).clone();
                return Ok(());
            }
            _ => {
                return Err(
                    self.error("`!(...)` selects the body of a quantifier, and this is none")
                )
            }
        };
        let mut names = vec![];
        for b in &bounds {
            match &b.pattern {
                BoundPattern::Names(ns) => names.extend(ns),
                BoundPattern::Tuple(_) => {
                    return Err(self.error("`!(...)` on a bound `<<x, y>> \\in S` is not supported"))
                }
            }
        }
        self.bind(&names, "the quantifier")?;
        self.at = (**body).clone();
        Ok(())
    }

    /// `!Lbl` or `!Lbl(a)`: the expression labelled `Lbl`.
    fn label(&mut self, name: &str) -> Result<(), Diagnostic> {
        let mut lets = vec![];
        let Some((params, body)) = find_label(&self.at, name, &mut lets) else {
            return Err(self.error(format!("`{}` has no label `{name}`", self.shown)));
        };
        let (params, body) = (params.clone(), body.clone());
        self.lets.extend(lets.into_iter().cloned());
        self.bind(
            &params.iter().collect::<Vec<_>>(),
            &format!("the label `{name}`"),
        )?;
        self.at = body;
        Ok(())
    }

    /// `!3`: the third operand of the expression reached (`rest`: the selectors after it, of
    /// which a `CASE` arm takes one).
    fn operand<'s>(&mut self, sel: &str, rest: &'s [&'s str]) -> Result<&'s [&'s str], Diagnostic> {
        let i: usize = sel
            .parse()
            .map_err(|_| self.error(format!("`!{sel}` is no operand")))?;
        let at = unlabelled(&self.at).clone();
        if let ExprKind::Let { defs, body } = at.kind {
            if i != 1 {
                return Err(self.error(format!("a LET expression has one operand, not `!{sel}`")));
            }
            self.lets.push(defs);
            self.at = *body;
            return Ok(rest);
        }
        if let ExprKind::Case { arms, other } = &at.kind {
            let (next, more) = rest.split_first().ok_or_else(|| {
                self.error(
                    "a CASE arm is selected with two numbers (`!2!1`: the second arm's condition)",
                )
            })?;
            self.at = case_part(arms, other.as_deref(), i, next).map_err(|m| self.error(m))?;
            return Ok(more);
        }
        match nth_operand(&at, i) {
            Some(e) => {
                self.at = e;
                Ok(rest)
            }
            None => Err(self.error(format!(
                "`{}`: the expression selected has no operand `!{sel}`",
                self.shown
            ))),
        }
    }
}

/// A subexpression name as written: `Q!(…)` for the name `Q!` of `Q!(a)`.
fn shown(name: &str) -> String {
    let parts: Vec<&str> = name.split('!').collect();
    let parts: Vec<&str> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i > 0 && p.is_empty() { "(…)" } else { p })
        .collect();
    parts.join("!")
}

/// The expression a label names (the label dropped).
fn unlabelled(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Label { body, .. } => unlabelled(body),
        _ => e,
    }
}

/// The label `name` in `e` (not inside another label, nor in a `LET` definition): its
/// parameters and the expression it names; `lets` gets the `LET` definitions around it.
fn find_label<'a>(
    e: &'a Expr,
    name: &str,
    lets: &mut Vec<&'a Vec<OpDef>>,
) -> Option<(&'a Vec<Ident>, &'a Expr)> {
    match &e.kind {
        ExprKind::Label {
            name: n,
            params,
            body,
        } if n.name == name => Some((params, body)),
        ExprKind::Label { .. } => None,
        ExprKind::Let { defs, body } => {
            lets.push(defs);
            let found = find_label(body, name, lets);
            if found.is_none() {
                lets.pop();
            }
            found
        }
        _ => {
            let mut found = None;
            e.for_each_child(&mut |c| {
                if found.is_none() {
                    found = find_label(c, name, lets);
                }
            });
            found
        }
    }
}

/// `CASE`'s arm `i`: its condition (`!i!1`) or its value (`!i!2`); the arm after the last is
/// `OTHER`, which has only a value.
fn case_part(
    arms: &[(Expr, Expr)],
    other: Option<&Expr>,
    i: usize,
    which: &str,
) -> Result<Expr, String> {
    let arm = i.checked_sub(1).and_then(|k| arms.get(k));
    match (arm, other, which) {
        (Some((c, _)), _, "1") => Ok(c.clone()),
        (Some((_, v)), _, "2") => Ok(v.clone()),
        (None, Some(o), "2") if i == arms.len() + 1 => Ok(o.clone()),
        (None, Some(_), "1") if i == arms.len() + 1 => {
            Err("`OTHER` has no condition to select".into())
        }
        (Some(_), _, _) | (None, Some(_), _) if i <= arms.len() + 1 => {
            Err(format!("a CASE arm has two operands, not `!{which}`"))
        }
        _ => Err(format!("the CASE has no arm `!{i}`")),
    }
}

/// The operand `i` (from 1) of an expression, as SANY numbers them: a bulleted list's items,
/// an infix chain `a /\ b /\ c` as `(a /\ b) /\ c`, an operator's arguments, `IF`'s three
/// parts, a quantifier's sets, a function application's function then arguments.
fn nth_operand(e: &Expr, i: usize) -> Option<Expr> {
    let k = i.checked_sub(1)?;
    let ops: Vec<Expr> = match &e.kind {
        ExprKind::Junction {
            items,
            bulleted: false,
            op,
        } if items.len() > 2 => {
            let (last, first) = items.split_last()?;
            let head = ExprKind::Junction {
                op: *op,
                items: first.to_vec(),
                bulleted: false,
            };
            let span = first[0].span.to(first[first.len() - 1].span);
            vec![Expr { kind: head, span }, last.clone()]
        }
        ExprKind::Junction { items, .. }
        | ExprKind::SetEnum(items)
        | ExprKind::Tuple(items)
        | ExprKind::Cross(items)
        | ExprKind::Apply { args: items, .. } => items.clone(),
        ExprKind::Unary { arg, .. } | ExprKind::Field { rec: arg, .. } => vec![(**arg).clone()],
        ExprKind::Binary { lhs, rhs, .. }
        | ExprKind::FnSet {
            dom: lhs,
            range: rhs,
        } => {
            vec![(**lhs).clone(), (**rhs).clone()]
        }
        ExprKind::If { cond, then, els } => {
            vec![(**cond).clone(), (**then).clone(), (**els).clone()]
        }
        ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
            fields.iter().map(|(_, e)| e.clone()).collect()
        }
        ExprKind::FnApply { f, args } => {
            std::iter::once((**f).clone()).chain(args.clone()).collect()
        }
        ExprKind::Quant { bounds, .. }
        | ExprKind::SetMap { bounds, .. }
        | ExprKind::FnConstruct { bounds, .. } => {
            bounds.iter().filter_map(|b| b.set.clone()).collect()
        }
        ExprKind::Choose { bound, .. } | ExprKind::SetFilter { bound, .. } => {
            bound.set.iter().cloned().collect()
        }
        _ => vec![],
    };
    ops.into_iter().nth(k)
}
