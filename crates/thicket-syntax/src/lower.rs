//! Lowering: pest pairs → the typed AST of `ast.rs`. With `parser.rs`, the only module that
//! touches pest types.
//!
//! Expressions arrive flat (`prefix* operand postfix* (infix prefix* operand postfix*)*`) and are
//! built here by precedence climbing with TLA+'s precedences. Every flat expression first
//! reserves its worst-case tree depth (one level per operator); beyond [`MAX_TREE_DEPTH`] it is
//! refused, so no later recursive pass (printer, resolver, checker, even `Drop`) can overflow.

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::parser::Rule;
use pest::iterators::Pair;
use std::collections::HashSet;

mod behavior;
mod proofs;

type P<'i> = Pair<'i, Rule>;

/// The deepest expression tree we build.
pub const MAX_TREE_DEPTH: usize = 1000;

/// The first words of TLC's configuration statements.
const MODEL_KEYWORDS: &[&str] = &[
    "CONSTANT",
    "CONSTANTS",
    "SPECIFICATION",
    "INIT",
    "NEXT",
    "INVARIANT",
    "INVARIANTS",
    "PROPERTY",
    "PROPERTIES",
    "CONSTRAINT",
    "CONSTRAINTS",
    "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS",
    "CHECK_DEADLOCK",
    "SYMMETRY",
    "VIEW",
    "ALIAS",
    "POSTCONDITION",
];

pub struct Lowerer {
    pub diags: Vec<Diagnostic>,
    depth: usize,
    /// `LET N == INSTANCE M IN ...`: instances named inside expressions, made the module's
    /// (their substitutions may not use names bound where they are written: reading the
    /// modules says so).
    let_instances: Vec<Instance>,
}

/// `x`, `F(_, _)` or `_+_`: an operator's parameter.
fn param(p: P) -> Param {
    let mut pk = kids(p);
    let first = pk.next().expect("param name");
    if first.as_rule() == Rule::symbol_param {
        let sp = span(&first);
        let op = first.into_inner().next().expect("a symbol");
        let arity = if op.as_rule() == Rule::infix_op { 2 } else { 1 };
        let name = symbol_name(&op).to_string();
        return Param {
            name: Ident { name, span: sp },
            arity,
        };
    }
    Param {
        name: ident(first),
        arity: pk.next().map_or(0, |a| a.into_inner().count()),
    }
}

fn span(p: &P) -> Span {
    let s = p.as_span();
    Span::new(s.start(), s.end())
}

/// Children that carry meaning: keywords are matched by the grammar and dropped here.
fn kids<'i>(p: P<'i>) -> impl Iterator<Item = P<'i>> {
    p.into_inner().filter(|c| !is_keyword(c.as_rule()))
}

fn is_keyword(r: Rule) -> bool {
    use Rule::*;
    matches!(
        r,
        kw_ACTION_CONSTRAINT
            | kw_ACTION_CONSTRAINTS
            | kw_ACTION
            | kw_ASSUME
            | kw_ASSUMPTION
            | kw_AXIOM
            | kw_BY
            | kw_DEF
            | kw_DEFINE
            | kw_DEFS
            | kw_HAVE
            | kw_HIDE
            | kw_WITH
            | kw_MODULE
            | kw_NEW
            | kw_OBVIOUS
            | kw_OMITTED
            | kw_ONLY
            | kw_PICK
            | kw_PROOF
            | kw_PROVE
            | kw_QED
            | kw_STATE
            | kw_SUFFICES
            | kw_TAKE
            | kw_TEMPORAL
            | kw_USE
            | kw_WITNESS
            | kw_CASE
            | kw_CHECK_DEADLOCK
            | kw_CHOOSE
            | kw_CONSTANT
            | kw_CONSTANTS
            | kw_CONSTRAINT
            | kw_CONSTRAINTS
            | kw_ELSE
            | kw_EXCEPT
            | kw_EXTENDS
            | kw_IF
            | kw_IN
            | kw_INIT
            | kw_INSTANCE
            | kw_INVARIANT
            | kw_INVARIANTS
            | kw_LAMBDA
            | kw_LET
            | kw_LOCAL
            | kw_NEXT
            | kw_OTHER
            | kw_PROPERTIES
            | kw_PROPERTY
            | kw_RECURSIVE
            | kw_SPECIFICATION
            | kw_SYMMETRY
            | kw_VIEW
            | kw_ALIAS
            | kw_POSTCONDITION
            | kw_THEN
            | kw_VARIABLE
            | kw_VARIABLES
            | kw_algorithm
            | kw_assert
            | kw_await
            | kw_begin
            | kw_call
            | kw_define
            | kw_do
            | kw_either
            | kw_else
            | kw_elsif
            | kw_end
            | kw_goto
            | kw_if
            | kw_macro
            | kw_or
            | kw_print
            | kw_procedure
            | kw_operation
            | kw_return
            | kw_process
            | kw_then
            | kw_variable
            | kw_variables
            | kw_when
            | kw_while
            | kw_with
            | semi
            | def_eq
            | assign_op
            | in_op
            | EOI
    )
}

fn ident(p: P) -> Ident {
    Ident {
        name: p.as_str().to_string(),
        span: span(&p),
    }
}

/// A name inside a wrapper rule (`name`, `label`, ...): its first `ident`.
fn inner_ident(p: P) -> Ident {
    let sp = span(&p);
    match p.into_inner().find(|c| c.as_rule() == Rule::ident) {
        Some(i) => ident(i),
        None => Ident {
            name: String::new(),
            span: sp,
        },
    }
}

enum Item {
    Prefix(UnOp, Span),
    Operand(Expr),
    Infix(Infix, Span),
}

#[derive(Clone, Copy, PartialEq)]
enum Infix {
    Bin(BinOp),
    Junction(Junction),
    Cross,
    /// An operator a module defines (`\prec`), by its name.
    User(&'static str),
}

#[derive(Clone, Copy, PartialEq)]
enum Assoc {
    Left,
    Right,
}

/// TLA+'s precedence of an infix operator (higher binds tighter), from SANY's table.
fn infix_prec(op: Infix) -> (u8, Assoc) {
    use BinOp::*;
    match op {
        Infix::Bin(Implies) => (1, Assoc::Right),
        Infix::Bin(Equiv | LeadsTo | WhilePlus) => (2, Assoc::Left),
        Infix::Junction(_) => (3, Assoc::Left),
        Infix::Bin(Eq | Neq | Lt | Le | Gt | Ge | In | NotIn | Subseteq) => (5, Assoc::Left),
        Infix::Bin(Merge) => (6, Assoc::Left),
        Infix::Bin(MapsTo) => (7, Assoc::Left),
        Infix::Bin(Cup | Cap | SetMinus) => (8, Assoc::Left),
        Infix::Bin(Range) => (9, Assoc::Left),
        Infix::Bin(Plus | Minus) | Infix::Cross => (10, Assoc::Left),
        // SANY's `%` is 10-11: below the unary minus (`-7 % 2` is `(-7) % 2`, 1 in TLC).
        Infix::Bin(Mod) => (11, Assoc::Left),
        Infix::Bin(Times | Div | Concat) => (13, Assoc::Left),
        Infix::Bin(Pow) => (14, Assoc::Right),
        Infix::Bin(And) => (3, Assoc::Left),
        Infix::Bin(Or) => (3, Assoc::Left),
        Infix::User(name) => match crate::ops::infix_prec(name) {
            Some((prec, crate::ops::Assoc::Right)) => (prec, Assoc::Right),
            Some((prec, crate::ops::Assoc::Left)) => (prec, Assoc::Left),
            None => (5, Assoc::Left),
        },
    }
}

/// The precedence of a prefix operator: its operand takes infix operators above it.
fn prefix_prec(op: UnOp) -> u8 {
    match op {
        UnOp::Not | UnOp::Enabled | UnOp::Unchanged | UnOp::Always | UnOp::Eventually => 4,
        UnOp::Subset | UnOp::Union => 8,
        UnOp::Domain => 9,
        UnOp::Neg => 12,
        UnOp::Prime => 15,
    }
}

fn infix_of(p: &P) -> Infix {
    use BinOp::*;
    let inner = p.clone().into_inner().next();
    let rule = inner.as_ref().map_or(Rule::eq_op, |c| c.as_rule());
    match rule {
        Rule::user_infix => {
            let text = inner.as_ref().map_or("", |c| c.as_str());
            Infix::User(crate::ops::infix_name(text).unwrap_or("\\prec"))
        }
        Rule::equiv_op => Infix::Bin(Equiv),
        Rule::implies_op => Infix::Bin(Implies),
        Rule::leads_to_op => Infix::Bin(LeadsTo),
        Rule::while_plus_op => Infix::Bin(WhilePlus),
        Rule::and_op => Infix::Junction(Junction::And),
        Rule::or_op => Infix::Junction(Junction::Or),
        Rule::le_op => Infix::Bin(Le),
        Rule::ge_op => Infix::Bin(Ge),
        Rule::neq_op => Infix::Bin(Neq),
        Rule::lt_op => Infix::Bin(Lt),
        Rule::gt_op => Infix::Bin(Gt),
        Rule::in_op => Infix::Bin(In),
        Rule::notin_op => Infix::Bin(NotIn),
        Rule::subseteq_op => Infix::Bin(Subseteq),
        Rule::cup_op => Infix::Bin(Cup),
        Rule::cap_op => Infix::Bin(Cap),
        Rule::concat_op => Infix::Bin(Concat),
        Rule::div_op => Infix::Bin(Div),
        Rule::cross_op => Infix::Cross,
        Rule::setminus_op => Infix::Bin(SetMinus),
        Rule::range_op => Infix::Bin(Range),
        Rule::plus_op => Infix::Bin(Plus),
        Rule::minus_op => Infix::Bin(Minus),
        Rule::times_op => Infix::Bin(Times),
        Rule::mod_op => Infix::Bin(Mod),
        Rule::pow_op => Infix::Bin(Pow),
        Rule::mapsto_op => Infix::Bin(MapsTo),
        Rule::merge_op => Infix::Bin(Merge),
        _ => Infix::Bin(Eq),
    }
}

fn prefix_of(p: &P) -> UnOp {
    let rule = p
        .clone()
        .into_inner()
        .next()
        .map_or(Rule::not_op, |c| c.as_rule());
    match rule {
        Rule::neg_op => UnOp::Neg,
        Rule::subset_op => UnOp::Subset,
        Rule::union_op => UnOp::Union,
        Rule::domain_op => UnOp::Domain,
        Rule::enabled_op => UnOp::Enabled,
        Rule::unchanged_op => UnOp::Unchanged,
        Rule::always_op => UnOp::Always,
        Rule::eventually_op => UnOp::Eventually,
        _ => UnOp::Not,
    }
}

/// The one spelling of an operator symbol (`\cup` for `\union`, `\oplus` for `(+)`, `<=` for
/// `\leq`): an `infix_op`, `prefix_symbol` or `user_postfix`.
fn symbol_name(c: &P) -> &'static str {
    match c.as_rule() {
        Rule::infix_op => match infix_of(c) {
            Infix::Bin(op) => crate::print::bin_text(op),
            Infix::Junction(Junction::And) => "/\\",
            Infix::Junction(Junction::Or) => "\\/",
            Infix::User(name) => name,
            Infix::Cross => "\\X",
        },
        Rule::prefix_symbol => "-.",
        Rule::user_postfix => crate::ops::POSTFIX
            .iter()
            .find(|p| **p == c.as_str())
            .copied()
            .unwrap_or("^+"),
        Rule::star_arg => "*",
        _ => "~",
    }
}

/// An operator passed as an argument (`Op(+, a, b)`): a name, its symbol's one spelling.
fn op_arg(p: P, sp: Span) -> ExprKind {
    let name = p.into_inner().next().map_or("~", |c| symbol_name(&c));
    ExprKind::Name(Ident {
        name: name.to_string(),
        span: sp,
    })
}

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn dummy(span: Span) -> Expr {
    mk(ExprKind::Bool(false), span)
}

impl Lowerer {
    pub fn new() -> Lowerer {
        Lowerer {
            diags: vec![],
            depth: 0,
            let_instances: vec![],
        }
    }

    fn err(&mut self, span: Span, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(span, msg));
        self.diags.last_mut().expect("just pushed")
    }

    // -----------------------------------------------------------------------------------------
    // Documents
    // -----------------------------------------------------------------------------------------

    pub fn document(&mut self, p: P) -> Document {
        let mut doc = Document {
            module: None,
            extends: vec![],
            constants: vec![],
            variables: vec![],
            instances: vec![],
            assumes: vec![],
            theorems: vec![],
            defs: vec![],
            algorithm: None,
            model: None,
            span: span(&p),
        };
        let Some(body) = kids(p).next() else {
            return doc;
        };
        let mut recursive = HashSet::new();
        match body.as_rule() {
            Rule::module => {
                for part in kids(body) {
                    match part.as_rule() {
                        Rule::module_header => doc.module = Some(inner_ident(part)),
                        Rule::trailer => self.trailer(part),
                        Rule::preamble | Rule::module_end => {}
                        _ => self.unit(part, &mut doc, &mut recursive),
                    }
                }
            }
            _ => {
                for part in kids(body) {
                    self.unit(part, &mut doc, &mut recursive);
                }
            }
        }
        mark_recursive(&mut doc.defs, &recursive);
        doc.instances.append(&mut self.let_instances);
        doc
    }

    fn unit(&mut self, p: P, doc: &mut Document, recursive: &mut HashSet<String>) {
        match p.as_rule() {
            Rule::extends => doc.extends.extend(kids(p).map(ident)),
            Rule::constant_decl => doc.constants.extend(kids(p).map(|c| self.const_item(c))),
            Rule::variable_decl => doc.variables.extend(kids(p).map(ident)),
            Rule::assume => {
                let a = self.assume(p);
                doc.assumes.push(a);
            }
            Rule::theorem => {
                let t = self.theorem(p);
                doc.theorems.push(t);
            }
            Rule::recursive_decl => recursive.extend(kids(p).map(|c| self.const_item(c).name.name)),
            Rule::instance | Rule::instance_def => {
                let i = self.instance(p, false);
                doc.instances.push(i);
            }
            Rule::local_def => match kids(p).next() {
                Some(i) if matches!(i.as_rule(), Rule::instance | Rule::instance_def) => {
                    let i = self.instance(i, true);
                    doc.instances.push(i);
                }
                Some(d) => {
                    let mut def = self.op_def(d);
                    def.local = true;
                    doc.defs.push(def);
                }
                None => {}
            },
            Rule::op_def => {
                let d = self.op_def(p);
                doc.defs.push(d);
            }
            Rule::algorithm_block => {
                if let Some(a) = kids(p).find(|c| c.as_rule() == Rule::algorithm) {
                    self.set_algorithm(a, doc);
                }
            }
            Rule::algorithm => self.set_algorithm(p, doc),
            Rule::model_block => {
                // Point at the `(* --model` opener, not the whole block.
                let sp = p
                    .clone()
                    .into_inner()
                    .next()
                    .map_or(span(&p), |open| span(&open));
                let m = self.model(p);
                if doc.model.is_some() {
                    self.err(sp, "a second embedded model").hints.push(
                        "a text holds at most one `(* --model ... *)` block: merge them".into(),
                    );
                } else {
                    doc.model = Some(m);
                }
            }
            _ => {}
        }
    }

    /// `INSTANCE M` of a standard module Thicket implements adds nothing (its operators are
    /// built in); any other module is an error at its name.
    /// `INSTANCE M WITH ...` (`p` an `instance`) or `N(p) == INSTANCE M ...` (an
    /// `instance_def`).
    fn instance(&mut self, p: P, local: bool) -> Instance {
        let sp = span(&p);
        let (mut name, mut params) = (None, vec![]);
        let mut inst = p;
        if inst.as_rule() == Rule::instance_def {
            let mut it = kids(inst);
            let mut hk = kids(it.next().expect("a head"));
            name = hk.next().map(ident);
            params = hk.map(param).collect();
            inst = it.next().expect("INSTANCE after the head");
        }
        let mut ik = kids(inst);
        let module = ident(ik.next().expect("the module's name"));
        let substitutions = ik
            .filter(|s| s.as_rule() == Rule::substitution)
            .map(|s| {
                let mut sk = kids(s);
                let name = ident(sk.next().expect("a name"));
                let value = sk.next().map_or_else(|| dummy(name.span), |e| self.expr(e));
                Substitution { name, value }
            })
            .collect();
        Instance {
            name,
            params,
            module,
            substitutions,
            local,
            span: sp,
        }
    }

    /// Text after the module's end is ignored, as SANY ignores it; when it reads as a model
    /// (`INVARIANT Inv`), the user meant it to count: say so.
    fn trailer(&mut self, p: P) {
        let text = p.as_str();
        let start = p.as_span().start();
        if let Some(at) = special_block_after_end(text) {
            let (what, kind) = special_kind(&text[at..]);
            let open = Span::new(start + at, start + at + what.len());
            self.err(
                open,
                format!("{kind} after the module's end (`====`) would be ignored"),
            )
            .hints
            .push(format!(
                "move the `{what} ... *)` block above the `====` line"
            ));
            return;
        }
        let Some(offset) = text.find(|c: char| !c.is_whitespace()) else {
            return;
        };
        let word: String = text[offset..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '_')
            .collect();
        if !MODEL_KEYWORDS.contains(&word.as_str()) {
            return;
        }
        let at = Span::new(start + offset, start + offset + word.len());
        self.diags.push(
            Diagnostic::warning(at, format!("`{word}` after the module's end (`====`) is ignored"))
                .with_hint("put the model inside the module as `(* --model ... *)`, or in a .cfg file beside it"),
        );
    }

    fn set_algorithm(&mut self, p: P, doc: &mut Document) {
        let sp = span(&p);
        let a = self.algorithm(p);
        if let Some(first) = &doc.algorithm {
            let first_span = first.name.span;
            self.err(sp, "a second algorithm")
                .labels
                .push(crate::diag::Label {
                    span: first_span,
                    message: "the first one".into(),
                });
        } else {
            doc.algorithm = Some(a);
        }
    }

    fn const_item(&mut self, p: P) -> ConstantDecl {
        let mut it = kids(p);
        let name = it.next().map(ident).unwrap_or_else(|| Ident {
            name: String::new(),
            span: Span::DUMMY,
        });
        let arity = it.next().map_or(0, |a| a.into_inner().count());
        ConstantDecl { name, arity }
    }

    pub fn op_def(&mut self, p: P) -> OpDef {
        let sp = span(&p);
        let mut it = kids(p);
        let head = it.next().expect("op_def has a head");
        let body = it.next().map_or_else(|| dummy(sp), |e| self.expr(e));
        let mut def = OpDef {
            name: Ident {
                name: String::new(),
                span: sp,
            },
            params: vec![],
            fn_bounds: None,
            body,
            recursive: false,
            local: false,
            span: sp,
        };
        if matches!(
            head.as_rule(),
            Rule::infix_head | Rule::prefix_head | Rule::postfix_head
        ) {
            self.symbol_head(head, &mut def);
            return def;
        }
        let is_fn = head.as_rule() == Rule::fn_head;
        let mut hk = kids(head);
        if let Some(n) = hk.next() {
            def.name = ident(n);
        }
        if is_fn {
            def.fn_bounds = Some(hk.next().map(|b| self.bounds(b)).unwrap_or_default());
        } else {
            def.params = hk.map(param).collect();
        }
        def
    }

    /// The head of a definition of an operator over symbols: `a \prec b`, `-. a`, `a ^+`. The
    /// definition's name is the operator's (`(+)` is `\oplus`), its parameters the operands.
    fn symbol_head(&mut self, head: P, def: &mut OpDef) {
        for c in kids(head) {
            match c.as_rule() {
                Rule::ident => def.params.push(Param {
                    name: ident(c),
                    arity: 0,
                }),
                _ => {
                    let sp = span(&c);
                    let name = symbol_name(&c).to_string();
                    def.name = Ident { name, span: sp };
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Expressions
    // -----------------------------------------------------------------------------------------

    pub fn expr(&mut self, p: P) -> Expr {
        let sp = span(&p);
        if p.as_rule() != Rule::expr {
            return self.operand(p);
        }
        let parts: Vec<P> = p.into_inner().collect();
        let ops = parts
            .iter()
            .filter(|c| {
                matches!(
                    c.as_rule(),
                    Rule::prefix_op
                        | Rule::infix_op
                        | Rule::prime
                        | Rule::index_access
                        | Rule::field_access
                        | Rule::user_postfix
                )
            })
            .count();
        if self.depth + ops + 1 > MAX_TREE_DEPTH {
            self.err(sp, format!("this expression is too deep to build (more than {MAX_TREE_DEPTH} nested operators)"))
                .hints
                .push("split it into named definitions".into());
            return dummy(sp);
        }
        self.depth += ops + 1;
        let mut items = self.items(parts);
        let mut pos = 0;
        let e = self.climb(&mut items, &mut pos, 0);
        self.depth -= ops + 1;
        e
    }

    fn items(&mut self, parts: Vec<P>) -> Vec<Item> {
        let mut items = vec![];
        for part in parts {
            let sp = span(&part);
            match part.as_rule() {
                Rule::prefix_op => items.push(Item::Prefix(prefix_of(&part), sp)),
                Rule::infix_op => items.push(Item::Infix(infix_of(&part), sp)),
                Rule::prime | Rule::index_access | Rule::field_access | Rule::user_postfix => {
                    if let Some(Item::Operand(base)) = items.pop() {
                        let e = self.postfix(base, part);
                        items.push(Item::Operand(e));
                    }
                }
                _ => {
                    let e = self.operand(part);
                    items.push(Item::Operand(e));
                }
            }
        }
        items
    }

    fn postfix(&mut self, base: Expr, p: P) -> Expr {
        let sp = base.span.to(span(&p));
        match p.as_rule() {
            Rule::prime => mk(
                ExprKind::Unary {
                    op: UnOp::Prime,
                    arg: Box::new(base),
                },
                sp,
            ),
            Rule::user_postfix => mk(
                ExprKind::Apply {
                    op: Ident {
                        name: p.as_str().to_string(),
                        span: span(&p),
                    },
                    args: vec![base],
                },
                sp,
            ),
            Rule::index_access => {
                let args = kids(p).map(|e| self.expr(e)).collect();
                mk(
                    ExprKind::FnApply {
                        f: Box::new(base),
                        args,
                    },
                    sp,
                )
            }
            _ => {
                let field = kids(p).next().map(ident).expect("field name");
                mk(
                    ExprKind::Field {
                        rec: Box::new(base),
                        field,
                    },
                    sp,
                )
            }
        }
    }

    /// Precedence climbing over the flat items, from `*pos`, taking infix operators of
    /// precedence `min` and above.
    fn climb(&mut self, items: &mut [Item], pos: &mut usize, min: u8) -> Expr {
        let mut lhs = self.unary(items, pos);
        while let Some(&Item::Infix(op, op_span)) = items.get(*pos) {
            let (prec, assoc) = infix_prec(op);
            if prec < min {
                break;
            }
            *pos += 1;
            let next_min = if assoc == Assoc::Right {
                prec
            } else {
                prec + 1
            };
            let rhs = self.climb(items, pos, next_min);
            lhs = combine(op, op_span, lhs, rhs);
        }
        lhs
    }

    fn unary(&mut self, items: &mut [Item], pos: &mut usize) -> Expr {
        // Items are consumed left to right: move each one out, leaving a placeholder.
        let Some(slot) = items.get_mut(*pos) else {
            return dummy(Span::DUMMY);
        };
        let item = std::mem::replace(slot, Item::Prefix(UnOp::Not, Span::DUMMY));
        *pos += 1;
        match item {
            Item::Prefix(op, sp) => {
                let arg = self.climb(items, pos, prefix_prec(op) + 1);
                let span = sp.to(arg.span);
                mk(
                    ExprKind::Unary {
                        op,
                        arg: Box::new(arg),
                    },
                    span,
                )
            }
            Item::Operand(e) => e,
            Item::Infix(_, sp) => dummy(sp),
        }
    }

    /// One operand. Each kind is lowered by its own small function: this recursion runs once
    /// per nesting level, and small frames keep deep (but allowed) nesting off the stack's edge.
    fn operand(&mut self, p: P) -> Expr {
        let sp = span(&p);
        let kind = match p.as_rule() {
            Rule::expr | Rule::inner_expr | Rule::paren | Rule::sub_vars => return self.expr_in(p),
            Rule::name => self.name_or_apply(p),
            Rule::number => self.number(p.as_str(), sp),
            Rule::string => {
                ExprKind::Str(unescape(p.into_inner().next().map_or("", |s| s.as_str())))
            }
            Rule::bool_lit => ExprKind::Bool(
                p.into_inner()
                    .next()
                    .is_some_and(|b| b.as_rule() == Rule::true_lit),
            ),
            Rule::at => ExprKind::At,
            Rule::tuple => self.tuple(p, sp),
            Rule::bullet_list => self.bullet_list(p),
            Rule::if_expr => self.if_expr(p, sp),
            Rule::case_expr => self.case(p),
            Rule::let_expr => self.let_in(p, sp),
            Rule::quant => self.quant(p, sp),
            Rule::temporal_quant => self.temporal_quant(p, sp),
            Rule::choose => self.choose(p, sp),
            Rule::lambda => self.lambda(p, sp),
            Rule::set_expr => self.set(p, sp),
            Rule::bracket_expr => self.bracket(p, sp),
            Rule::box_action | Rule::diamond_action => self.action_prop(p, sp),
            Rule::fairness_expr => self.fairness_expr(p, sp),
            Rule::op_arg => op_arg(p, sp),
            _ => ExprKind::Name(Ident {
                name: p.as_str().to_string(),
                span: sp,
            }),
        };
        mk(kind, sp)
    }

    fn name_or_apply(&mut self, p: P) -> ExprKind {
        if p.clone()
            .into_inner()
            .any(|c| c.as_rule() == Rule::label_colons)
        {
            return self.label(p);
        }
        // `N(a)!Op(b)` is the definition `N!Op` of the instance applied to `a, b`.
        let mut op = Ident {
            name: String::new(),
            span: span(&p),
        };
        let mut args = None::<Vec<Expr>>;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident => {
                    let id = ident(part);
                    if op.name.is_empty() {
                        op = id;
                    } else {
                        op.name = format!("{}!{}", op.name, id.name);
                        op.span = op.span.to(id.span);
                    }
                }
                Rule::call_args => {
                    let more = kids(part).map(|e| self.expr(e));
                    args.get_or_insert_with(Vec::new).extend(more);
                }
                Rule::instance_part => {
                    for q in part.into_inner() {
                        if q.as_rule() == Rule::instance_op {
                            let sym = q
                                .clone()
                                .into_inner()
                                .next()
                                .map_or("~", |c| symbol_name(&c));
                            op.name = format!("{}!{}", op.name, sym);
                            op.span = op.span.to(span(&q));
                        } else if matches!(q.as_rule(), Rule::ident | Rule::positional) {
                            op.name = format!("{}!{}", op.name, q.as_str());
                            op.span = op.span.to(span(&q));
                        } else {
                            let more = kids(q).map(|e| self.expr(e));
                            args.get_or_insert_with(Vec::new).extend(more);
                        }
                    }
                }
                _ => {}
            }
        }
        match args {
            Some(args) => ExprKind::Apply { op, args },
            None => ExprKind::Name(op),
        }
    }

    /// `P0:: e`, `L(x, y):: e`: a label naming the expression after it.
    fn label(&mut self, p: P) -> ExprKind {
        let sp = span(&p);
        let mut name = None;
        let mut params = vec![];
        let mut body = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident => name = Some(ident(part)),
                Rule::call_args => params.extend(kids(part).map(|a| self.label_param(a))),
                Rule::label_colons | Rule::instance_part => {}
                _ => body = Some(self.expr(part)),
            }
        }
        ExprKind::Label {
            name: name.unwrap_or(Ident {
                name: String::new(),
                span: sp,
            }),
            params,
            body: Box::new(body.unwrap_or_else(|| dummy(sp))),
        }
    }

    /// A parameter of a label: a name (an error for anything else).
    fn label_param(&mut self, p: P) -> Ident {
        let e = self.expr(p);
        match e.kind {
            ExprKind::Name(id) if !id.name.contains('!') => id,
            _ => {
                self.diags.push(Diagnostic::error(
                    e.span,
                    "a label's parameter must be a name bound around the label",
                ));
                Ident {
                    name: String::new(),
                    span: e.span,
                }
            }
        }
    }

    fn bullet_list(&mut self, p: P) -> ExprKind {
        let mut it = kids(p);
        let bullet = it.next().and_then(|b| b.into_inner().next());
        let op = match bullet.map(|b| b.as_rule()) {
            Some(Rule::junction_or) => Junction::Or,
            _ => Junction::And,
        };
        let items = it.filter(|e| e.as_rule() != Rule::same_bullet);
        ExprKind::Junction {
            op,
            items: items.map(|e| self.expr(e)).collect(),
            bulleted: true,
        }
    }

    fn if_expr(&mut self, p: P, sp: Span) -> ExprKind {
        let mut it = kids(p).map(|e| self.expr(e));
        let (c, t, e) = (it.next(), it.next(), it.next());
        let d = || Box::new(dummy(sp));
        ExprKind::If {
            cond: c.map_or_else(d, Box::new),
            then: t.map_or_else(d, Box::new),
            els: e.map_or_else(d, Box::new),
        }
    }

    fn quant(&mut self, p: P, sp: Span) -> ExprKind {
        let mut it = kids(p);
        let q = if it.next().is_some_and(|q| q.as_rule() == Rule::forall) {
            Quantifier::Forall
        } else {
            Quantifier::Exists
        };
        let bounds = it.next().map(|b| self.bounds(b)).unwrap_or_default();
        let body = it.next().map_or_else(|| dummy(sp), |e| self.expr(e));
        ExprKind::Quant {
            q,
            bounds,
            body: Box::new(body),
        }
    }

    fn temporal_quant(&mut self, p: P, sp: Span) -> ExprKind {
        let mut q = Quantifier::TemporalExists;
        let mut names = vec![];
        let mut body = dummy(sp);
        for c in kids(p) {
            match c.as_rule() {
                Rule::temporal_forall => q = Quantifier::TemporalForall,
                Rule::temporal_exists => q = Quantifier::TemporalExists,
                Rule::ident => names.push(ident(c)),
                _ => body = self.expr(c),
            }
        }
        ExprKind::Quant {
            q,
            bounds: vec![Bound {
                pattern: BoundPattern::Names(names),
                set: None,
            }],
            body: Box::new(body),
        }
    }

    fn choose(&mut self, p: P, sp: Span) -> ExprKind {
        let mut it = kids(p);
        let bound = self.bound(it.next().expect("choose bound"));
        let body = it.next().map_or_else(|| dummy(sp), |e| self.expr(e));
        ExprKind::Choose {
            bound: Box::new(bound),
            body: Box::new(body),
        }
    }

    fn lambda(&mut self, p: P, sp: Span) -> ExprKind {
        let mut params = vec![];
        let mut body = dummy(sp);
        for c in kids(p) {
            if c.as_rule() == Rule::ident {
                params.push(ident(c));
            } else {
                body = self.expr(c);
            }
        }
        ExprKind::Lambda {
            params,
            body: Box::new(body),
        }
    }

    fn action_prop(&mut self, p: P, sp: Span) -> ExprKind {
        let boxed = p.as_rule() == Rule::box_action;
        let mut it = kids(p);
        let action = it.next().map_or_else(|| dummy(sp), |e| self.operand(e));
        let vars = it.next().map_or_else(|| dummy(sp), |e| self.operand(e));
        ExprKind::ActionProp {
            action: Box::new(action),
            vars: Box::new(vars),
            boxed,
        }
    }

    fn fairness_expr(&mut self, p: P, sp: Span) -> ExprKind {
        let mut it = kids(p);
        let kind = if it.next().is_some_and(|k| k.as_rule() == Rule::sf) {
            FairnessKind::Strong
        } else {
            FairnessKind::Weak
        };
        let vars = it.next().map_or_else(|| dummy(sp), |e| self.operand(e));
        let action = it.next().map_or_else(|| dummy(sp), |e| self.operand(e));
        ExprKind::Fairness {
            kind,
            vars: Box::new(vars),
            action: Box::new(action),
        }
    }

    /// The single expression inside a wrapper (`paren`, `inner_expr`, `sub_vars`).
    fn expr_in(&mut self, p: P) -> Expr {
        let sp = span(&p);
        if p.as_rule() == Rule::expr {
            return self.expr(p);
        }
        match kids(p).next() {
            Some(e) => {
                let mut e = self.operand(e);
                if e.span == Span::DUMMY {
                    e.span = sp;
                }
                e
            }
            None => dummy(sp),
        }
    }

    fn number(&mut self, text: &str, sp: Span) -> ExprKind {
        let parsed = match text.get(..2) {
            Some("\\b" | "\\B") => i64::from_str_radix(&text[2..], 2),
            Some("\\o" | "\\O") => i64::from_str_radix(&text[2..], 8),
            Some("\\h" | "\\H") => i64::from_str_radix(&text[2..], 16),
            _ => text.parse::<i64>(),
        };
        match parsed {
            Ok(n) => ExprKind::Int(n),
            Err(_) => {
                self.err(sp, "this number is too large: integers must fit in 64 bits")
                    .hints
                    .push(format!("the largest integer is {}", i64::MAX));
                ExprKind::Int(0)
            }
        }
    }

    fn case(&mut self, p: P) -> ExprKind {
        let mut arms = vec![];
        let mut other = None;
        for c in kids(p) {
            let is_other = c.as_rule() == Rule::case_other;
            let mut it = kids(c)
                .map(|e| self.expr(e))
                .collect::<Vec<_>>()
                .into_iter();
            if is_other {
                other = it.next().map(Box::new);
            } else if let (Some(g), Some(e)) = (it.next(), it.next()) {
                arms.push((g, e));
            }
        }
        ExprKind::Case { arms, other }
    }

    fn let_in(&mut self, p: P, sp: Span) -> ExprKind {
        let mut defs = vec![];
        let mut recursive = HashSet::new();
        let mut body = dummy(sp);
        for c in kids(p) {
            match c.as_rule() {
                Rule::op_def => defs.push(self.op_def(c)),
                Rule::instance_def => {
                    let i = self.instance(c, true);
                    self.let_instances.push(i);
                }
                Rule::recursive_decl => {
                    recursive.extend(kids(c).map(|i| self.const_item(i).name.name))
                }
                _ => body = self.expr(c),
            }
        }
        mark_recursive(&mut defs, &recursive);
        ExprKind::Let {
            defs,
            body: Box::new(body),
        }
    }

    pub fn bounds(&mut self, p: P) -> Vec<Bound> {
        kids(p).map(|b| self.bound(b)).collect()
    }

    fn bound(&mut self, p: P) -> Bound {
        let mut it = kids(p);
        let pat = it.next().expect("bound pattern");
        let names = kids(pat.clone()).map(ident).collect();
        let pattern = if pat.as_rule() == Rule::tuple_pattern {
            BoundPattern::Tuple(names)
        } else {
            BoundPattern::Names(names)
        };
        let set = it.next().map(|e| self.expr(e));
        Bound { pattern, set }
    }

    fn set(&mut self, p: P, sp: Span) -> ExprKind {
        let mut it = kids(p);
        let Some(first) = it.next() else {
            return ExprKind::SetEnum(vec![]);
        };
        let first = self.expr(first);
        let Some(rest) = it.next() else {
            return ExprKind::SetEnum(vec![first]);
        };
        let is_colon = rest.as_rule() == Rule::set_colon;
        let mut after: Vec<Expr> = kids(rest).map(|e| self.expr(e)).collect();
        if !is_colon {
            after.insert(0, first);
            return ExprKind::SetEnum(after);
        }
        if after.len() == 1 {
            if let Some(bound) = as_bound(&first) {
                let pred = after.pop().expect("one predicate");
                return ExprKind::SetFilter {
                    bound: Box::new(bound),
                    pred: Box::new(pred),
                };
            }
        }
        match self.group_bounds(after) {
            Some(bounds) => ExprKind::SetMap {
                body: Box::new(first),
                bounds,
            },
            None => {
                self.err(sp, "after `:` in a set, expected bounds like `x \\in S`")
                    .hints
                    .push("write `{x \\in S : P}` to filter a set, or `{e : x \\in S}` to map over it".into());
                ExprKind::SetEnum(vec![])
            }
        }
    }

    /// `x, y \in S, <<a, b>> \in T` written as comma-separated expressions → bounds.
    fn group_bounds(&mut self, exprs: Vec<Expr>) -> Option<Vec<Bound>> {
        let mut bounds = vec![];
        let mut pending: Vec<Ident> = vec![];
        for e in exprs {
            match e.kind {
                ExprKind::Name(id) => pending.push(id),
                ExprKind::Binary {
                    op: BinOp::In,
                    lhs,
                    rhs,
                } => match lhs.kind {
                    ExprKind::Name(id) => {
                        pending.push(id);
                        bounds.push(Bound {
                            pattern: BoundPattern::Names(std::mem::take(&mut pending)),
                            set: Some(*rhs),
                        });
                    }
                    ExprKind::Tuple(ref items) if pending.is_empty() => {
                        let names = tuple_names(items)?;
                        bounds.push(Bound {
                            pattern: BoundPattern::Tuple(names),
                            set: Some(*rhs),
                        });
                    }
                    _ => return None,
                },
                _ => return None,
            }
        }
        (pending.is_empty() && !bounds.is_empty()).then_some(bounds)
    }

    /// `<<a, b>>`, or `<<A>>_v`.
    fn tuple(&mut self, p: P, sp: Span) -> ExprKind {
        let mut items = vec![];
        for c in kids(p) {
            if c.as_rule() == Rule::angle_sub {
                let action = items.pop().unwrap_or_else(|| dummy(sp));
                return self.sub_action(action, c, true);
            }
            items.push(self.expr(c));
        }
        ExprKind::Tuple(items)
    }

    /// `[A]_v` is `A \/ UNCHANGED v`, and `<<A>>_v` is `A /\ ~UNCHANGED v`: TLA+ defines them so.
    fn sub_action(&mut self, action: Expr, sub: P, angle: bool) -> ExprKind {
        let sp = span(&sub);
        let vars = kids(sub)
            .next()
            .map_or_else(|| dummy(sp), |v| self.operand(v));
        let mut unchanged = mk(
            ExprKind::Unary {
                op: UnOp::Unchanged,
                arg: Box::new(vars),
            },
            sp,
        );
        if angle {
            unchanged = mk(
                ExprKind::Unary {
                    op: UnOp::Not,
                    arg: Box::new(unchanged),
                },
                sp,
            );
        }
        ExprKind::Junction {
            op: if angle { Junction::And } else { Junction::Or },
            items: vec![action, unchanged],
            bulleted: false,
        }
    }

    fn bracket(&mut self, p: P, sp: Span) -> ExprKind {
        if let Some(sub) = p
            .clone()
            .into_inner()
            .find(|c| c.as_rule() == Rule::square_sub)
        {
            let action = kids(p)
                .next()
                .filter(|c| c.as_rule() != Rule::square_sub)
                .map_or_else(|| dummy(sp), |e| self.expr(e));
            return self.sub_action(action, sub, false);
        }
        let mut it = kids(p);
        let Some(first) = it.next() else {
            return ExprKind::Record(vec![]);
        };
        match first.as_rule() {
            Rule::record | Rule::record_set => {
                let is_record = first.as_rule() == Rule::record;
                let mut fields = vec![];
                let mut ki = kids(first);
                while let (Some(f), Some(e)) = (ki.next(), ki.next()) {
                    fields.push((ident(f), self.expr(e)));
                }
                if is_record {
                    ExprKind::Record(fields)
                } else {
                    ExprKind::RecordSet(fields)
                }
            }
            Rule::fn_construct => {
                let mut ki = kids(first);
                let bounds = ki.next().map(|b| self.bounds(b)).unwrap_or_default();
                let body = ki.next().map_or_else(|| dummy(sp), |e| self.expr(e));
                ExprKind::FnConstruct {
                    bounds,
                    body: Box::new(body),
                }
            }
            _ => {
                let base = self.expr(first);
                let Some(tail) = it.next() else {
                    return ExprKind::Tuple(vec![base]);
                };
                if tail.as_rule() == Rule::fn_set_range {
                    let range = kids(tail)
                        .next()
                        .map_or_else(|| dummy(sp), |e| self.expr(e));
                    ExprKind::FnSet {
                        dom: Box::new(base),
                        range: Box::new(range),
                    }
                } else {
                    let updates = kids(tail).map(|u| self.except_update(u)).collect();
                    ExprKind::Except {
                        base: Box::new(base),
                        updates,
                    }
                }
            }
        }
    }

    fn except_update(&mut self, p: P) -> ExceptUpdate {
        let sp = span(&p);
        let mut path = vec![];
        let mut value = dummy(sp);
        for c in kids(p) {
            match c.as_rule() {
                Rule::index_access | Rule::field_access => path.push(self.path_elem(c)),
                _ => value = self.expr(c),
            }
        }
        ExceptUpdate { path, value }
    }

    fn path_elem(&mut self, p: P) -> PathElem {
        if p.as_rule() == Rule::field_access {
            PathElem::Field(kids(p).next().map(ident).expect("field"))
        } else {
            PathElem::Index(kids(p).map(|e| self.expr(e)).collect())
        }
    }

    // -----------------------------------------------------------------------------------------
    // PlusCal
    // -----------------------------------------------------------------------------------------

    fn algorithm(&mut self, p: P) -> Algorithm {
        let sp = span(&p);
        let mut it = kids(p);
        let kw = it.next().expect("algorithm keyword");
        let fairness = if kw.into_inner().next().is_some() {
            Fairness::Weak
        } else {
            Fairness::Unfair
        };
        let name = ident(it.next().expect("algorithm name"));
        let body = it.next().expect("algorithm body");
        let syntax = if body.as_rule() == Rule::c_algorithm {
            Syntax::C
        } else {
            Syntax::P
        };
        let mut alg = Algorithm {
            name,
            syntax,
            fairness,
            vars: vec![],
            defines: vec![],
            macros: vec![],
            procedures: vec![],
            operations: vec![],
            processes: vec![],
            body: None,
            span: sp,
        };
        for part in kids(body) {
            match part.as_rule() {
                Rule::var_decls => {
                    let v = self.var_decls(part);
                    alg.vars.extend(v);
                }
                Rule::p_define | Rule::c_define => {
                    let defs: Vec<OpDef> = kids(part).map(|d| self.op_def(d)).collect();
                    alg.defines.extend(defs);
                }
                Rule::p_macro | Rule::c_macro => {
                    let m = self.macro_def(part);
                    alg.macros.push(m);
                }
                Rule::p_procedure | Rule::c_procedure => {
                    let pr = self.procedure(part);
                    alg.procedures.push(pr);
                }
                Rule::p_process | Rule::c_process => {
                    let pr = self.process(part);
                    alg.processes.push(pr);
                }
                Rule::p_operation | Rule::c_operation => {
                    let op = self.operation(part);
                    alg.operations.push(op);
                }
                Rule::p_main => {
                    alg.body = Some(kids(part).next().map(|s| self.stmts(s)).unwrap_or_default())
                }
                Rule::c_block => alg.body = Some(self.stmts(part)),
                _ => {}
            }
        }
        if alg.body.is_none() && alg.processes.is_empty() && alg.operations.is_empty() {
            let (open, close) = if syntax == Syntax::C {
                ("{ ... }", "`}`")
            } else {
                ("`begin`", "`end algorithm`")
            };
            let d = Diagnostic::error(alg.name.span, format!("the algorithm `{}` has no body", alg.name.name)).with_hint(format!(
                "write its statements ({open}) before its closing {close}, or processes, or operations"
            ));
            self.diags.push(d);
        }
        alg
    }

    fn operation(&mut self, p: P) -> Operation {
        // Without the whitespace an optional `;` may leave behind: the checker points at it.
        let sp = {
            let s = span(&p);
            let trailing = p.as_str().len() - p.as_str().trim_end().len();
            Span::new(s.start as usize, s.end as usize - trailing)
        };
        let mut it = kids(p);
        let name = ident(it.next().expect("operation name"));
        let mut params = vec![];
        let mut body = vec![];
        for c in it {
            if c.as_rule() == Rule::op_params {
                for param in kids(c) {
                    let psp = span(&param);
                    let mut pi = kids(param);
                    let name = ident(pi.next().expect("parameter name"));
                    let set = pi.next().map_or_else(|| dummy(psp), |e| self.expr(e));
                    params.push(OperationParam { name, set });
                }
            } else {
                body = self.stmts(c);
            }
        }
        Operation {
            name,
            params,
            body,
            span: sp,
        }
    }

    fn var_decls(&mut self, p: P) -> Vec<VarDecl> {
        kids(p).map(|d| self.var_decl(d)).collect()
    }

    fn var_decl(&mut self, p: P) -> VarDecl {
        let sp = span(&p);
        let mut it = kids(p);
        let name = ident(it.next().expect("variable name"));
        let init = match it.next() {
            None => VarInit::None,
            Some(i) => {
                let is_in = i.as_rule() == Rule::var_in;
                let e = kids(i).next().map_or_else(|| dummy(sp), |e| self.expr(e));
                if is_in {
                    VarInit::In(e)
                } else {
                    VarInit::Eq(e)
                }
            }
        };
        VarDecl {
            name,
            init,
            span: sp,
        }
    }

    fn macro_def(&mut self, p: P) -> Macro {
        let sp = span(&p);
        let mut it = kids(p);
        let name = ident(it.next().expect("macro name"));
        let params = it
            .next()
            .map(|ps| kids(ps).map(ident).collect())
            .unwrap_or_default();
        let body = it.next().map(|b| self.stmts(b)).unwrap_or_default();
        Macro {
            name,
            params,
            body,
            span: sp,
        }
    }

    fn procedure(&mut self, p: P) -> Procedure {
        let sp = span(&p);
        let mut it = kids(p);
        let name = ident(it.next().expect("procedure name"));
        let params = it
            .next()
            .map(|ps| kids(ps).map(|d| self.var_decl(d)).collect())
            .unwrap_or_default();
        let mut locals = vec![];
        let mut body = vec![];
        for c in it {
            if c.as_rule() == Rule::var_decls {
                locals = self.var_decls(c);
            } else {
                body = self.stmts(c);
            }
        }
        Procedure {
            name,
            params,
            locals,
            body,
            span: sp,
        }
    }

    fn process(&mut self, p: P) -> Process {
        let sp = span(&p);
        let mut pr = Process {
            name: Ident {
                name: String::new(),
                span: sp,
            },
            fairness: Fairness::Unfair,
            ids: ProcessIds::Single(dummy(sp)),
            locals: vec![],
            body: vec![],
            span: sp,
        };
        for c in kids(p) {
            match c.as_rule() {
                Rule::fairness => {
                    let strong = c
                        .into_inner()
                        .next()
                        .is_some_and(|f| f.as_rule() == Rule::fair_plus);
                    pr.fairness = if strong {
                        Fairness::Strong
                    } else {
                        Fairness::Weak
                    };
                }
                Rule::ident => pr.name = ident(c),
                Rule::process_ids => {
                    let Some(k) = kids(c).next() else { continue };
                    let is_set = k.as_rule() == Rule::process_set;
                    let e = kids(k).next().map_or_else(|| dummy(sp), |e| self.expr(e));
                    pr.ids = if is_set {
                        ProcessIds::Set(e)
                    } else {
                        ProcessIds::Single(e)
                    };
                }
                Rule::var_decls => pr.locals = self.var_decls(c),
                _ => pr.body = self.stmts(c),
            }
        }
        pr
    }

    /// A statement sequence: `p_stmts`, `c_block` or `c_body`.
    fn stmts(&mut self, p: P) -> Vec<Stmt> {
        let mut out = vec![];
        match p.as_rule() {
            Rule::c_body => self.stmt_into(p, &mut out),
            _ => {
                for s in kids(p) {
                    self.stmt_into(s, &mut out);
                }
            }
        }
        out
    }

    /// Lower one statement (with its label) and push it; a nested C block is flattened into
    /// the enclosing sequence, its label going to its first statement.
    fn stmt_into(&mut self, p: P, out: &mut Vec<Stmt>) {
        let sp = span(&p);
        let mut label = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::label => label = Some(inner_ident(c)),
                Rule::c_block => {
                    let mut inner = self.stmts(c);
                    if let Some(l) = label.take() {
                        match inner.first_mut() {
                            Some(first) if first.label.is_none() => first.label = Some(l),
                            _ => {
                                self.err(l.span, "this label must be on a statement");
                            }
                        }
                    }
                    out.extend(inner);
                }
                _ => {
                    let kind = self.stmt_kind(c);
                    out.push(Stmt {
                        label: label.take(),
                        kind,
                        span: sp,
                    });
                }
            }
        }
    }

    fn stmt_kind(&mut self, p: P) -> StmtKind {
        let sp = span(&p);
        match p.as_rule() {
            Rule::skip => StmtKind::Skip,
            Rule::return_stmt => StmtKind::Return,
            Rule::return_value => StmtKind::ReturnValue(self.first_expr(p, sp)),
            Rule::goto => StmtKind::Goto(kids(p).next().map(ident).expect("goto target")),
            Rule::call | Rule::macro_call => {
                let is_call = p.as_rule() == Rule::call;
                let mut it = kids(p);
                let name = ident(it.next().expect("callee"));
                let args = it
                    .next()
                    .map(|a| kids(a).map(|e| self.expr(e)).collect())
                    .unwrap_or_default();
                if is_call {
                    StmtKind::Call { proc: name, args }
                } else {
                    StmtKind::MacroCall { name, args }
                }
            }
            Rule::await_stmt => StmtKind::Await(self.first_expr(p, sp)),
            Rule::assert_stmt => StmtKind::Assert(self.first_expr(p, sp)),
            Rule::print_stmt => StmtKind::Print(self.first_expr(p, sp)),
            Rule::assignment => StmtKind::Assign(self.assignments(p)),
            Rule::p_if | Rule::c_if => self.if_stmt(p),
            Rule::p_either | Rule::c_either => {
                StmtKind::Either(kids(p).map(|b| self.branch(b)).collect())
            }
            Rule::p_while | Rule::c_while => {
                let mut it = kids(p);
                let cond = it.next().map_or_else(|| dummy(sp), |e| self.expr(e));
                let body = it.next().map(|b| self.stmts(b)).unwrap_or_default();
                StmtKind::While { cond, body }
            }
            Rule::p_with | Rule::c_with => {
                let mut bindings = vec![];
                let mut body = vec![];
                for c in kids(p) {
                    if c.as_rule() == Rule::with_binding {
                        bindings.push(self.with_binding(c));
                    } else {
                        body = self.stmts(c);
                    }
                }
                StmtKind::With { bindings, body }
            }
            _ => StmtKind::Skip,
        }
    }

    /// An `either` branch: the first is a bare sequence, the others are `or` wrappers.
    fn branch(&mut self, p: P) -> Vec<Stmt> {
        match p.as_rule() {
            Rule::p_or | Rule::c_or => kids(p).next().map(|b| self.stmts(b)).unwrap_or_default(),
            _ => self.stmts(p),
        }
    }

    fn first_expr(&mut self, p: P, sp: Span) -> Expr {
        kids(p).next().map_or_else(|| dummy(sp), |e| self.expr(e))
    }

    fn if_stmt(&mut self, p: P) -> StmtKind {
        let sp = span(&p);
        let is_c = p.as_rule() == Rule::c_if;
        let mut it = kids(p);
        let cond = it.next().map_or_else(|| dummy(sp), |e| self.expr(e));
        let body = it.next().map(|b| self.stmts(b)).unwrap_or_default();
        let mut branches = vec![(cond, body)];
        let mut els = None;
        for c in it {
            match c.as_rule() {
                Rule::p_elsif => {
                    let mut ci = kids(c);
                    let cond = ci.next().map_or_else(|| dummy(sp), |e| self.expr(e));
                    let body = ci.next().map(|b| self.stmts(b)).unwrap_or_default();
                    branches.push((cond, body));
                }
                _ => els = kids(c).next().map(|b| self.stmts(b)),
            }
        }
        // C-syntax `else if`: one more branch, as P-syntax's `elsif` would be.
        if is_c {
            while let Some(mut e) = els.take() {
                if e.len() == 1 && e[0].label.is_none() && matches!(e[0].kind, StmtKind::If { .. })
                {
                    if let StmtKind::If {
                        branches: more,
                        els: rest,
                    } = e.remove(0).kind
                    {
                        branches.extend(more);
                        els = rest;
                    }
                } else {
                    els = Some(e);
                    break;
                }
            }
        }
        StmtKind::If { branches, els }
    }

    fn assignments(&mut self, p: P) -> Vec<Assignment> {
        let mut out = vec![];
        let mut it = kids(p).peekable();
        while let Some(lhs) = it.next() {
            let lsp = span(&lhs);
            let mut lk = kids(lhs);
            let var = ident(lk.next().expect("assigned variable"));
            let path = lk.map(|e| self.path_elem(e)).collect();
            let value = it.next().map_or_else(|| dummy(lsp), |e| self.expr(e));
            let sp = lsp.to(value.span);
            out.push(Assignment {
                var,
                path,
                value,
                span: sp,
            });
        }
        out
    }

    fn with_binding(&mut self, p: P) -> WithBinding {
        let sp = span(&p);
        let mut it = kids(p);
        let name = ident(it.next().expect("with variable"));
        let b = it.next().expect("with binding");
        let kind = if b.as_rule() == Rule::with_in {
            WithKind::In
        } else {
            WithKind::Eq
        };
        let expr = kids(b).next().map_or_else(|| dummy(sp), |e| self.expr(e));
        WithBinding { name, kind, expr }
    }

    // -----------------------------------------------------------------------------------------
    // The model
    // -----------------------------------------------------------------------------------------

    pub fn model(&mut self, p: P) -> Model {
        let mut m = Model {
            span: span(&p),
            ..Model::default()
        };
        for st in kids(p) {
            let rule = st.as_rule();
            match rule {
                Rule::cfg_constants => {
                    for b in kids(st) {
                        let c = self.cfg_binding(b);
                        m.constants.push(c);
                    }
                }
                Rule::cfg_specification => m.specification = kids(st).next().map(ident),
                Rule::cfg_init => m.init = kids(st).next().map(ident),
                Rule::cfg_next => m.next = kids(st).next().map(ident),
                Rule::cfg_symmetry => m.symmetry = kids(st).next().map(ident),
                Rule::cfg_view => m.view = kids(st).next().map(ident),
                Rule::cfg_alias => m.alias = kids(st).next().map(ident),
                Rule::cfg_postcondition => m.postcondition = kids(st).next().map(ident),
                Rule::cfg_invariants => m.invariants.extend(kids(st).map(ident)),
                Rule::cfg_properties => m.properties.extend(kids(st).map(ident)),
                Rule::cfg_constraints => m.constraints.extend(kids(st).map(ident)),
                Rule::cfg_action_constraints => m.action_constraints.extend(kids(st).map(ident)),
                Rule::cfg_check_deadlock => {
                    m.check_deadlock = Some(st.into_inner().last().is_some_and(|b| {
                        b.into_inner()
                            .next()
                            .is_some_and(|t| t.as_rule() == Rule::true_lit)
                    }));
                }
                _ => {}
            }
        }
        m
    }

    fn cfg_binding(&mut self, p: P) -> ConstantBinding {
        let sp = span(&p);
        let mut it = kids(p);
        let name = ident(it.next().expect("constant name"));
        let rhs = it.next().expect("constant value");
        let subst = rhs.as_rule() == Rule::cfg_subst;
        let mut parts = kids(rhs).peekable();
        let module = parts
            .next_if(|p| p.as_rule() == Rule::cfg_module)
            .and_then(|m| kids(m).next().map(ident));
        let rhs = parts.next().expect("constant value");
        let value = if subst {
            ConstantValue::Substitute(ident(rhs))
        } else {
            ConstantValue::Value(self.cfg_value(rhs))
        };
        ConstantBinding {
            name,
            value,
            module,
            span: sp,
        }
    }

    fn cfg_value(&mut self, p: P) -> Expr {
        let sp = span(&p);
        let inner = kids(p).next().expect("cfg value");
        let isp = span(&inner);
        let kind = match inner.as_rule() {
            Rule::cfg_set => ExprKind::SetEnum(kids(inner).map(|v| self.cfg_value(v)).collect()),
            Rule::number => self.number(inner.as_str(), isp),
            Rule::neg_number => {
                let n = kids(inner).next().expect("number");
                let nsp = span(&n);
                let num = self.number(n.as_str(), nsp);
                ExprKind::Unary {
                    op: UnOp::Neg,
                    arg: Box::new(mk(num, nsp)),
                }
            }
            Rule::ident => ExprKind::Name(ident(inner)),
            _ => return self.operand(inner),
        };
        mk(kind, sp)
    }
}

fn combine(op: Infix, op_span: Span, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.to(rhs.span);
    let kind = match op {
        Infix::Junction(j) => match lhs.kind {
            ExprKind::Junction {
                op,
                mut items,
                bulleted: false,
            } if op == j => {
                items.push(rhs);
                ExprKind::Junction {
                    op,
                    items,
                    bulleted: false,
                }
            }
            kind => ExprKind::Junction {
                op: j,
                items: vec![
                    Expr {
                        kind,
                        span: lhs.span,
                    },
                    rhs,
                ],
                bulleted: false,
            },
        },
        Infix::Cross => match lhs.kind {
            ExprKind::Cross(mut items) => {
                items.push(rhs);
                ExprKind::Cross(items)
            }
            kind => ExprKind::Cross(vec![
                Expr {
                    kind,
                    span: lhs.span,
                },
                rhs,
            ]),
        },
        Infix::Bin(op) => ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        Infix::User(name) => ExprKind::Apply {
            op: Ident {
                name: name.to_string(),
                span: op_span,
            },
            args: vec![lhs, rhs],
        },
    };
    Expr { kind, span }
}

/// `x \in S` or `<<x, y>> \in S` read as a bound (in `{x \in S : P}`).
fn as_bound(e: &Expr) -> Option<Bound> {
    let ExprKind::Binary {
        op: BinOp::In,
        lhs,
        rhs,
    } = &e.kind
    else {
        return None;
    };
    let pattern = match &lhs.kind {
        ExprKind::Name(id) => BoundPattern::Names(vec![id.clone()]),
        ExprKind::Tuple(items) => BoundPattern::Tuple(tuple_names(items)?),
        _ => return None,
    };
    Some(Bound {
        pattern,
        set: Some((**rhs).clone()),
    })
}

fn tuple_names(items: &[Expr]) -> Option<Vec<Ident>> {
    items
        .iter()
        .map(|i| match &i.kind {
            ExprKind::Name(id) => Some(id.clone()),
            _ => None,
        })
        .collect()
}

fn mark_recursive(defs: &mut [OpDef], recursive: &HashSet<String>) {
    for d in defs {
        if recursive.contains(&d.name.name) {
            d.recursive = true;
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Where a `(* --model`, `(* --algorithm` or `(* --fair` block opens in `text`, if it does.
fn special_block_after_end(text: &str) -> Option<usize> {
    text.match_indices("(*").map(|(i, _)| i).find(|&i| {
        let after = text[i + 2..].trim_start();
        ["--model", "--algorithm", "--fair"]
            .iter()
            .any(|k| after.starts_with(k))
    })
}

/// The opener as written up to its keyword (`(* --model`) and what the block is.
fn special_kind(block: &str) -> (&str, &'static str) {
    let key = block.find("--").unwrap_or(0);
    let rest = &block[key..];
    let len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let what = &block[..key + len];
    let kind = if what.ends_with("--model") {
        "a model"
    } else {
        "an algorithm"
    };
    (what, kind)
}
