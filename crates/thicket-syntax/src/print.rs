//! The printer: AST → text that parses back to the same AST (modulo spans).
//!
//! Expressions print on one line, except bulleted `/\`/`\/` lists, which print one item per
//! line aligned on the bullet's column (the printer tracks the current column for that).
//! Parentheses are added where precedence needs them; the AST has no parenthesis node.

use crate::ast::*;

/// Print a whole document: module wrapper (if it had one), definitions, the algorithm in its
/// own syntax, and the embedded model.
pub fn document(doc: &Document) -> String {
    let mut p = Printer::default();
    p.document(doc);
    p.out
}

/// Print one expression.
pub fn expr(e: &Expr) -> String {
    let mut p = Printer::default();
    p.expr(e, 0);
    p.out
}

/// Print a model in TLC's `.cfg` syntax.
pub fn model(m: &Model) -> String {
    let mut p = Printer::default();
    p.model_body(m);
    p.out
}

#[derive(Default)]
struct Printer {
    out: String,
    indent: usize,
}

/// The precedence level an expression prints at (higher binds tighter; 0: extends as far
/// right as possible, like `IF` or `\A`).
fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Unary {
            op: UnOp::Prime, ..
        } => 100,
        ExprKind::Unary { op, .. } => prefix_prec(*op),
        ExprKind::Binary { op, .. } => bin_prec(*op).0,
        ExprKind::Junction {
            bulleted: false, ..
        } => 3,
        ExprKind::Junction { bulleted: true, .. } => 0,
        ExprKind::Cross(_) => 10,
        ExprKind::Apply { op, args } if crate::ops::is_symbol(&op.name) => {
            match crate::ops::infix_prec(&op.name) {
                Some((prec, _)) if args.len() == 2 => prec,
                _ => 100,
            }
        }
        ExprKind::If { .. }
        | ExprKind::Case { .. }
        | ExprKind::Let { .. }
        | ExprKind::Quant { .. }
        | ExprKind::Choose { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::Label { .. } => 0,
        _ => 100,
    }
}

/// The first character `e` prints as, where it matters for gluing tokens together.
fn first_char(e: &Expr) -> Option<char> {
    match &e.kind {
        ExprKind::Tuple(_) => Some('<'),
        ExprKind::FnConstruct { .. }
        | ExprKind::FnSet { .. }
        | ExprKind::Record(_)
        | ExprKind::RecordSet(_)
        | ExprKind::Except { .. } => Some('['),
        ExprKind::ActionProp { boxed: true, .. } => Some('['),
        ExprKind::ActionProp { boxed: false, .. } => Some('<'),
        ExprKind::Unary {
            op: UnOp::Prime,
            arg,
        } => first_char(arg),
        ExprKind::Unary { op: UnOp::Neg, .. } => Some('-'),
        ExprKind::Unary {
            op: UnOp::Always, ..
        } => Some('['),
        ExprKind::Unary {
            op: UnOp::Eventually,
            ..
        } => Some('<'),
        ExprKind::FnApply { f, .. } => first_char(f),
        ExprKind::Field { rec, .. } => first_char(rec),
        ExprKind::Int(n) if *n < 0 => Some('-'),
        _ => None,
    }
}

fn prefix_prec(op: UnOp) -> u8 {
    match op {
        UnOp::Not | UnOp::Enabled | UnOp::Unchanged | UnOp::Always | UnOp::Eventually => 4,
        UnOp::Subset | UnOp::Union => 8,
        UnOp::Domain => 9,
        UnOp::Neg => 12,
        UnOp::Prime => 100,
    }
}

/// (precedence, right-associative) as the parser uses them.
fn bin_prec(op: BinOp) -> (u8, bool) {
    use BinOp::*;
    match op {
        Implies => (1, true),
        Equiv | LeadsTo | WhilePlus => (2, false),
        And | Or => (3, false),
        Eq | Neq | Lt | Le | Gt | Ge | In | NotIn | Subseteq => (5, false),
        Merge => (6, false),
        MapsTo => (7, false),
        Cup | Cap | SetMinus => (8, false),
        Range => (9, false),
        Plus | Minus => (10, false),
        Mod => (11, false),
        Times | Div | Concat => (13, false),
        Pow => (14, true),
    }
}

pub(crate) fn bin_text(op: BinOp) -> &'static str {
    use BinOp::*;
    match op {
        And => "/\\",
        Or => "\\/",
        Implies => "=>",
        Equiv => "<=>",
        Eq => "=",
        Neq => "#",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        In => "\\in",
        NotIn => "\\notin",
        Plus => "+",
        Minus => "-",
        Times => "*",
        Div => "\\div",
        Mod => "%",
        Pow => "^",
        Range => "..",
        Cup => "\\cup",
        Cap => "\\cap",
        SetMinus => "\\",
        Subseteq => "\\subseteq",
        Concat => "\\o",
        MapsTo => ":>",
        Merge => "@@",
        LeadsTo => "~>",
        WhilePlus => "-+->",
    }
}

fn un_text(op: UnOp) -> &'static str {
    match op {
        UnOp::Not => "~",
        UnOp::Neg => "-",
        UnOp::Subset => "SUBSET ",
        UnOp::Union => "UNION ",
        UnOp::Domain => "DOMAIN ",
        UnOp::Enabled => "ENABLED ",
        UnOp::Unchanged => "UNCHANGED ",
        UnOp::Always => "[]",
        UnOp::Eventually => "<>",
        UnOp::Prime => "'",
    }
}

fn junction_text(j: Junction) -> &'static str {
    match j {
        Junction::And => "/\\",
        Junction::Or => "\\/",
    }
}

impl Printer {
    fn w(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// The current column, in characters (what the scanner's alignment rule counts).
    fn col(&self) -> usize {
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out[line_start..].chars().count()
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn sep<T>(&mut self, items: &[T], sep: &str, mut f: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.w(sep);
            }
            f(self, item);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Documents
    // -----------------------------------------------------------------------------------------

    fn document(&mut self, doc: &Document) {
        if let Some(m) = &doc.module {
            self.w(&format!("---- MODULE {} ----\n", m.name));
        }
        if !doc.extends.is_empty() {
            self.w("EXTENDS ");
            self.sep(&doc.extends, ", ", |p, i| p.w(&i.name));
            self.w("\n");
        }
        if !doc.constants.is_empty() {
            self.w("CONSTANTS ");
            self.sep(&doc.constants, ", ", |p, c| {
                p.w(&c.name.name);
                p.arity(c.arity);
            });
            self.w("\n");
        }
        if !doc.variables.is_empty() {
            self.w("VARIABLES ");
            self.sep(&doc.variables, ", ", |p, i| p.w(&i.name));
            self.w("\n");
        }
        for a in &doc.assumes {
            self.w("ASSUME ");
            if let Some(name) = &a.name {
                self.w(&format!("{} == ", name.name));
            }
            self.expr(&a.expr, 0);
            self.w("\n");
        }
        // Definitions written after the algorithm (invariants, usually) stay after it.
        let alg_start = doc.algorithm.as_ref().map_or(u32::MAX, |a| a.span.start);
        // A named theorem or assumption is also a definition (`T == e`): printed once, as itself.
        let statements: Vec<&Ident> = (doc.theorems.iter().filter_map(|t| t.name.as_ref()))
            .chain(doc.assumes.iter().filter_map(|a| a.name.as_ref()))
            .collect();
        let (before, after): (Vec<&OpDef>, Vec<&OpDef>) = doc
            .defs
            .iter()
            .filter(|d| !statements.contains(&&d.name))
            .partition(|d| d.span.start < alg_start || d.span == Span::DUMMY);
        for d in before {
            self.top_def(d);
        }
        if let Some(alg) = &doc.algorithm {
            let wrapped = doc.module.is_some();
            self.w("\n");
            if wrapped {
                self.w("(* ");
            }
            self.algorithm(alg);
            if wrapped {
                self.w(" *)");
            }
            self.w("\n\n");
        }
        for d in after {
            self.top_def(d);
        }
        for t in &doc.theorems {
            self.theorem(t);
        }
        if let Some(m) = &doc.model {
            self.w("\n(* --model\n");
            self.model_body(m);
            self.w("*)\n");
        }
        if doc.module.is_some() {
            self.w("====\n");
        }
    }

    fn arity(&mut self, n: usize) {
        if n > 0 {
            self.w(&format!("({})", vec!["_"; n].join(", ")));
        }
    }

    fn top_def(&mut self, d: &OpDef) {
        if d.recursive {
            self.w(&format!("RECURSIVE {}", d.name.name));
            self.arity(d.params.len());
            self.w("\n");
        }
        if d.local {
            self.w("LOCAL ");
        }
        self.def(d);
        self.w("\n");
    }

    /// A theorem; its proof, which the AST does not keep, prints as `PROOF OMITTED`.
    fn theorem(&mut self, t: &Theorem) {
        self.w(match t.kind {
            TheoremKind::Theorem => "THEOREM ",
            TheoremKind::Lemma => "LEMMA ",
            TheoremKind::Proposition => "PROPOSITION ",
            TheoremKind::Corollary => "COROLLARY ",
        });
        if let Some(name) = &t.name {
            self.w(&format!("{} == ", name.name));
        }
        match &t.statement {
            Statement::Expr(e) => self.expr(e, 0),
            Statement::AssumeProve(ap) => self.assume_prove(ap),
        }
        if t.proof.is_some() {
            self.w("\n  PROOF OMITTED");
        }
        self.w("\n");
    }

    fn assume_prove(&mut self, ap: &AssumeProve) {
        self.w("ASSUME ");
        self.sep(&ap.assume, ", ", |p, a| match a {
            Assumption::New(n) => p.new_decl(n),
            Assumption::Expr(e) => p.expr(e, 0),
            Assumption::AssumeProve(inner) => p.assume_prove(inner),
        });
        self.w(" PROVE ");
        self.expr(&ap.prove, 0);
    }

    fn new_decl(&mut self, n: &NewDecl) {
        self.w(match n.kind {
            NewKind::Constant => "NEW ",
            NewKind::Variable => "NEW VARIABLE ",
            NewKind::State => "NEW STATE ",
            NewKind::Action => "NEW ACTION ",
            NewKind::Temporal => "NEW TEMPORAL ",
        });
        self.w(&n.name.name);
        self.arity(n.arity);
        if let Some(set) = &n.set {
            self.w(" \\in ");
            self.expr(set, 0);
        }
    }

    fn def(&mut self, d: &OpDef) {
        if crate::ops::is_symbol(&d.name.name) {
            return self.symbol_def(d);
        }
        self.w(&d.name.name);
        if let Some(bounds) = &d.fn_bounds {
            self.w("[");
            self.bounds(bounds);
            self.w("]");
        } else if !d.params.is_empty() {
            self.w("(");
            self.sep(&d.params, ", ", |p, param| {
                p.w(&param.name.name);
                p.arity(param.arity);
            });
            self.w(")");
        }
        self.w(" == ");
        self.expr(&d.body, 0);
    }

    /// The definition of an operator over symbols: `a \prec b == ...`, `a ^+ == ...`,
    /// `-. a == ...`.
    fn symbol_def(&mut self, d: &OpDef) {
        let name = &d.name.name;
        let params: Vec<&str> = d.params.iter().map(|p| p.name.name.as_str()).collect();
        let head = match params[..] {
            [a, b] => format!("{a} {name} {b}"),
            [a] if crate::ops::POSTFIX.contains(&name.as_str()) => format!("{a}{name}"),
            [a] => format!("{name} {a}"),
            _ => name.clone(),
        };
        self.w(&head);
        self.w(" == ");
        self.expr(&d.body, 0);
    }

    // -----------------------------------------------------------------------------------------
    // Expressions
    // -----------------------------------------------------------------------------------------

    /// Print `e` where the context needs at least precedence `ctx` (0: anything goes).
    fn expr(&mut self, e: &Expr, ctx: u8) {
        let needs_parens = match &e.kind {
            ExprKind::Junction { bulleted: true, .. } => ctx > 0,
            _ => level(e) < ctx,
        };
        if needs_parens {
            self.w("(");
            self.expr_bare(e);
            self.w(")");
        } else {
            self.expr_bare(e);
        }
    }

    /// Print `e` without parentheses around it, dispatching on the kind of expression.
    fn expr_bare(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Bool(b) => self.w(if *b { "TRUE" } else { "FALSE" }),
            ExprKind::Int(n) => self.w(&n.to_string()),
            ExprKind::Str(s) => self.string(s),
            ExprKind::Name(id) => self.w(&id.name),
            ExprKind::At => self.w("@"),
            ExprKind::Apply { .. }
            | ExprKind::Unary { .. }
            | ExprKind::Binary { .. }
            | ExprKind::Junction { .. }
            | ExprKind::Cross(_) => self.operator(e),
            ExprKind::If { .. } | ExprKind::Case { .. } | ExprKind::Let { .. } => self.control(e),
            ExprKind::Quant { .. }
            | ExprKind::Choose { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Label { .. } => self.binder(e),
            ExprKind::SetEnum(_)
            | ExprKind::SetFilter { .. }
            | ExprKind::SetMap { .. }
            | ExprKind::Tuple(_) => self.set_or_tuple(e),
            ExprKind::FnConstruct { .. } | ExprKind::FnApply { .. } | ExprKind::FnSet { .. } => {
                self.function(e)
            }
            ExprKind::Record(_)
            | ExprKind::RecordSet(_)
            | ExprKind::Field { .. }
            | ExprKind::Except { .. } => self.record(e),
            ExprKind::ActionProp { .. } | ExprKind::Fairness { .. } => self.temporal(e),
            ExprKind::InstanceVar { image, .. } => {
                self.w("(");
                self.expr_bare(image);
                self.w(")");
            }
        }
    }

    /// Operator applications: `Op(args)`, prefix and postfix operators, infix operators,
    /// `/\`/`\/` junctions and `\X`.
    fn operator(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Apply { op, args } if crate::ops::is_symbol(&op.name) => {
                self.symbol_apply(&op.name, args)
            }
            ExprKind::Apply { op, args } => {
                self.w(&op.name);
                // `F( *, x)`: `(*` would open a comment.
                let star = matches!(args.first(), Some(Expr { kind: ExprKind::Name(id), .. }) if id.name.starts_with('*'));
                self.w(if star { "( " } else { "(" });
                self.exprs(args);
                self.w(")");
            }
            ExprKind::Unary {
                op: UnOp::Prime,
                arg,
            } => {
                self.expr(arg, 100);
                self.w("'");
            }
            ExprKind::Unary { op, arg } => self.prefix(*op, arg),
            ExprKind::Binary { op, lhs, rhs } => {
                let (prec, right) = bin_prec(*op);
                self.expr(lhs, if right { prec + 1 } else { prec });
                self.w(&format!(" {} ", bin_text(*op)));
                self.expr(rhs, if right { prec } else { prec + 1 });
            }
            ExprKind::Junction {
                op,
                items,
                bulleted: false,
            } => {
                let text = format!(" {} ", junction_text(*op));
                self.sep(items, &text, |p, i| p.expr(i, 4));
            }
            ExprKind::Junction {
                op,
                items,
                bulleted: true,
            } => self.bullets(*op, items),
            ExprKind::Cross(items) => self.sep(items, " \\X ", |p, i| p.expr(i, 11)),
            _ => unreachable!("not an operator expression"),
        }
    }

    /// An operator over symbols written infix (`a \prec b`) or postfix (`a^+`).
    fn symbol_apply(&mut self, name: &str, args: &[Expr]) {
        match args {
            [lhs, rhs] => {
                let prec = crate::ops::infix_prec(name).map_or(5, |(p, _)| p);
                self.expr(lhs, prec);
                self.w(&format!(" {name} "));
                self.expr(rhs, prec + 1);
            }
            [arg] if crate::ops::POSTFIX.contains(&name) => {
                self.expr(arg, 100);
                self.w(name);
            }
            _ => {
                self.w(name);
                self.w(" ");
                self.expr(args.first().expect("an operand"), 100);
            }
        }
    }

    /// A prefix operator (anything but prime) applied to `arg`.
    fn prefix(&mut self, op: UnOp, arg: &Expr) {
        self.w(un_text(op));
        // Keep tokens apart: `- -x` (not `--x`), `[] [f EXCEPT ...]` (not `[][`),
        // `<> <<a>>` (not `<><<`, which starts `<><<A>>_v`).
        let first = first_char(arg);
        let glue = matches!(
            (op, first),
            (UnOp::Neg, Some('-')) | (UnOp::Always, Some('[')) | (UnOp::Eventually, Some('<'))
        );
        if glue {
            self.w(" ");
        }
        // A prefix operator's operand may itself start with a prefix operator.
        let ctx = if matches!(arg.kind, ExprKind::Unary { op, .. } if op != UnOp::Prime) {
            0
        } else {
            prefix_prec(op) + 1
        };
        self.expr(arg, ctx);
    }

    /// Control forms: `IF`/`THEN`/`ELSE`, `CASE` and `LET`/`IN`.
    fn control(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::If { cond, then, els } => {
                self.w("IF ");
                self.expr(cond, 0);
                self.w(" THEN ");
                self.expr(then, 0);
                self.w(" ELSE ");
                self.expr(els, 0);
            }
            ExprKind::Case { arms, other } => {
                self.w("CASE ");
                self.sep(arms, " [] ", |p, (g, v)| {
                    p.expr(g, 1);
                    p.w(" -> ");
                    p.expr(v, 1);
                });
                if let Some(o) = other {
                    self.w(" [] OTHER -> ");
                    self.expr(o, 1);
                }
            }
            ExprKind::Let { defs, body } => self.let_in(defs, body),
            _ => unreachable!("not a control form"),
        }
    }

    /// `LET defs IN body`.
    fn let_in(&mut self, defs: &[OpDef], body: &Expr) {
        self.w("LET ");
        for d in defs {
            if d.recursive {
                self.w(&format!("RECURSIVE {}", d.name.name));
                self.arity(d.params.len());
                self.w(" ");
            }
            // Parenthesized bodies: a def body must not run into the next def.
            self.def_in_let(d);
            self.w(" ");
        }
        self.w("IN ");
        self.expr(body, 0);
    }

    /// Forms that bind names over a body: `\A`/`\E`, `CHOOSE` and `LAMBDA`; and labels, which
    /// extend as far as a binder's body.
    fn binder(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Quant { q, bounds, body } => {
                self.w(q.symbol());
                self.w(" ");
                self.bounds(bounds);
                self.w(" : ");
                self.expr(body, 0);
            }
            ExprKind::Choose { bound, body } => {
                self.w("CHOOSE ");
                self.bound(bound);
                self.w(" : ");
                self.expr(body, 0);
            }
            ExprKind::Lambda { params, body } => {
                self.w("LAMBDA ");
                self.sep(params, ", ", |p, i| p.w(&i.name));
                self.w(" : ");
                self.expr(body, 0);
            }
            ExprKind::Label { name, params, body } => {
                self.w(&name.name);
                if !params.is_empty() {
                    self.w("(");
                    self.sep(params, ", ", |p, i| p.w(&i.name));
                    self.w(")");
                }
                self.w(":: ");
                self.expr(body, 0);
            }
            _ => unreachable!("not a binder"),
        }
    }

    /// Set forms (`{a, b}`, `{x \in S : p}`, `{e : x \in S}`) and tuples `<<a, b>>`.
    fn set_or_tuple(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::SetEnum(items) => {
                self.w("{");
                self.exprs(items);
                self.w("}");
            }
            ExprKind::SetFilter { bound, pred } => {
                self.w("{");
                self.bound(bound);
                self.w(" : ");
                self.expr(pred, 0);
                self.w("}");
            }
            ExprKind::SetMap { body, bounds } => {
                self.w("{");
                self.expr(body, 0);
                self.w(" : ");
                self.bounds(bounds);
                self.w("}");
            }
            ExprKind::Tuple(items) => {
                self.w("<<");
                self.exprs(items);
                self.w(">>");
            }
            _ => unreachable!("not a set or tuple"),
        }
    }

    /// Function forms: `[x \in S |-> e]`, `f[args]` and `[S -> T]`.
    fn function(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::FnConstruct { bounds, body } => {
                self.w("[");
                self.bounds(bounds);
                self.w(" |-> ");
                self.expr(body, 0);
                self.w("]");
            }
            ExprKind::FnApply { f, args } => {
                self.expr(f, 100);
                self.w("[");
                self.exprs(args);
                self.w("]");
            }
            ExprKind::FnSet { dom, range } => {
                self.w("[");
                self.expr(dom, 0);
                self.w(" -> ");
                self.expr(range, 0);
                self.w("]");
            }
            _ => unreachable!("not a function form"),
        }
    }

    /// Record forms: `[a |-> e]`, `[a : S]`, `r.a` and `[f EXCEPT ![i] = e]`.
    fn record(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
                let arrow = if matches!(e.kind, ExprKind::Record(_)) {
                    " |-> "
                } else {
                    " : "
                };
                self.w("[");
                self.sep(fields, ", ", |p, (f, v)| {
                    p.w(&f.name);
                    p.w(arrow);
                    p.expr(v, 0);
                });
                self.w("]");
            }
            ExprKind::Field { rec, field } => {
                self.expr(rec, 100);
                self.w(".");
                self.w(&field.name);
            }
            ExprKind::Except { base, updates } => {
                self.w("[");
                self.expr(base, 0);
                self.w(" EXCEPT ");
                self.sep(updates, ", ", |p, u| {
                    p.w("!");
                    p.path(&u.path);
                    p.w(" = ");
                    p.expr(&u.value, 0);
                });
                self.w("]");
            }
            _ => unreachable!("not a record form"),
        }
    }

    /// Temporal forms: `[][A]_v`, `<><<A>>_v` and `WF_v(A)`/`SF_v(A)`.
    fn temporal(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::ActionProp {
                action,
                vars,
                boxed,
            } => {
                self.w(if *boxed { "[][" } else { "<><<" });
                self.expr(action, 0);
                self.w(if *boxed { "]_" } else { ">>_" });
                self.expr(vars, 100);
            }
            ExprKind::Fairness { kind, vars, action } => {
                self.w(if *kind == FairnessKind::Weak {
                    "WF_"
                } else {
                    "SF_"
                });
                self.expr(vars, 100);
                self.w("(");
                self.expr(action, 0);
                self.w(")");
            }
            _ => unreachable!("not a temporal form"),
        }
    }

    fn def_in_let(&mut self, d: &OpDef) {
        self.def(d);
    }

    /// A bulleted list: one item per line, bullets aligned on the first bullet's column.
    fn bullets(&mut self, op: Junction, items: &[Expr]) {
        let col = self.col();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
                self.out.push_str(&" ".repeat(col));
            }
            self.w(junction_text(op));
            self.w(" ");
            self.expr(item, 0);
        }
    }

    fn exprs(&mut self, items: &[Expr]) {
        self.sep(items, ", ", |p, e| p.expr(e, 0));
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.w("\\\""),
                '\\' => self.w("\\\\"),
                '\n' => self.w("\\n"),
                '\t' => self.w("\\t"),
                '\r' => self.w("\\r"),
                '\u{c}' => self.w("\\f"),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn bounds(&mut self, bounds: &[Bound]) {
        self.sep(bounds, ", ", |p, b| p.bound(b));
    }

    fn bound(&mut self, b: &Bound) {
        match &b.pattern {
            BoundPattern::Names(ids) => self.sep(ids, ", ", |p, i| p.w(&i.name)),
            BoundPattern::Tuple(ids) => {
                self.w("<<");
                self.sep(ids, ", ", |p, i| p.w(&i.name));
                self.w(">>");
            }
        }
        if let Some(s) = &b.set {
            self.w(" \\in ");
            self.expr(s, 0);
        }
    }

    fn path(&mut self, path: &[PathElem]) {
        for el in path {
            match el {
                PathElem::Field(f) => {
                    self.w(".");
                    self.w(&f.name);
                }
                PathElem::Index(ix) => {
                    self.w("[");
                    self.exprs(ix);
                    self.w("]");
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // PlusCal
    // -----------------------------------------------------------------------------------------

    fn algorithm(&mut self, a: &Algorithm) {
        self.w(if a.fairness == Fairness::Unfair {
            "--algorithm "
        } else {
            "--fair algorithm "
        });
        self.w(&a.name.name);
        match a.syntax {
            Syntax::P => self.p_algorithm(a),
            Syntax::C => self.c_algorithm(a),
        }
    }

    fn var_decls(&mut self, vars: &[VarDecl]) {
        if vars.is_empty() {
            return;
        }
        self.w("variables ");
        self.sep(vars, ", ", |p, v| p.var_decl(v));
        self.w(";");
    }

    fn var_decl(&mut self, v: &VarDecl) {
        self.w(&v.name.name);
        match &v.init {
            VarInit::None => {}
            VarInit::Eq(e) => {
                self.w(" = ");
                self.expr(e, 0);
            }
            VarInit::In(e) => {
                self.w(" \\in ");
                self.expr(e, 0);
            }
        }
    }

    fn fairness(&mut self, f: Fairness) {
        match f {
            Fairness::Unfair => {}
            Fairness::Weak => self.w("fair "),
            Fairness::Strong => self.w("fair+ "),
        }
    }

    fn process_ids(&mut self, ids: &ProcessIds) {
        match ids {
            ProcessIds::Single(e) => {
                self.w(" = ");
                self.expr(e, 0);
            }
            ProcessIds::Set(e) => {
                self.w(" \\in ");
                self.expr(e, 0);
            }
        }
    }

    fn params(&mut self, params: &[VarDecl]) {
        self.w("(");
        self.sep(params, ", ", |p, v| p.var_decl(v));
        self.w(")");
    }

    fn op_params(&mut self, params: &[OperationParam]) {
        self.w("(");
        self.sep(params, ", ", |p, param| {
            p.w(&param.name.name);
            p.w(" \\in ");
            p.expr(&param.set, 0);
        });
        self.w(")");
    }

    fn p_algorithm(&mut self, a: &Algorithm) {
        self.w("\n");
        if !a.vars.is_empty() {
            self.var_decls(&a.vars);
            self.w("\n");
        }
        if !a.defines.is_empty() {
            self.w("define");
            self.indent += 1;
            for d in &a.defines {
                self.newline();
                self.def(d);
            }
            self.indent -= 1;
            self.w("\nend define;\n");
        }
        for m in &a.macros {
            self.w(&format!("macro {}(", m.name.name));
            self.sep(&m.params, ", ", |p, i| p.w(&i.name));
            self.w(")\nbegin");
            self.p_block(&m.body);
            self.w("\nend macro;\n");
        }
        for pr in &a.procedures {
            self.w(&format!("procedure {}", pr.name.name));
            self.params(&pr.params);
            if !pr.locals.is_empty() {
                self.w("\n");
                self.var_decls(&pr.locals);
            }
            self.w("\nbegin");
            self.p_block(&pr.body);
            self.w("\nend procedure;\n");
        }
        for pr in &a.processes {
            self.fairness(pr.fairness);
            self.w(&format!("process {}", pr.name.name));
            self.process_ids(&pr.ids);
            if !pr.locals.is_empty() {
                self.w("\n");
                self.var_decls(&pr.locals);
            }
            self.w("\nbegin");
            self.p_block(&pr.body);
            self.w("\nend process;\n");
        }
        if let Some(body) = &a.body {
            self.w("begin");
            self.p_block(body);
            self.w("\n");
        }
        for op in &a.operations {
            self.w(&format!("operation {}", op.name.name));
            self.op_params(&op.params);
            self.w("\nbegin");
            self.p_block(&op.body);
            self.w("\nend operation;\n");
        }
        self.w("end algorithm;");
    }

    /// Statements one per line, one level deeper.
    fn p_block(&mut self, stmts: &[Stmt]) {
        self.indent += 1;
        for s in stmts {
            self.newline();
            self.p_stmt(s);
            self.w(";");
        }
        self.indent -= 1;
    }

    fn label(&mut self, s: &Stmt) {
        if let Some(l) = &s.label {
            self.w(&l.name);
            self.w(": ");
        }
    }

    fn p_stmt(&mut self, s: &Stmt) {
        self.label(s);
        let compound = matches!(
            s.kind,
            StmtKind::If { .. }
                | StmtKind::Either(_)
                | StmtKind::While { .. }
                | StmtKind::With { .. }
        );
        if compound && s.label.is_some() {
            // `L:` on its own line, the compound statement below it.
            self.out.truncate(self.out.trim_end().len());
            self.indent += 1;
            self.newline();
            self.p_compound(s);
            self.indent -= 1;
        } else {
            self.p_compound(s);
        }
    }

    fn p_compound(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::If { branches, els } => {
                for (i, (c, b)) in branches.iter().enumerate() {
                    if i > 0 {
                        self.newline();
                    }
                    self.w(if i == 0 { "if " } else { "elsif " });
                    self.expr(c, 0);
                    self.w(" then");
                    self.p_block(b);
                }
                if let Some(e) = els {
                    self.newline();
                    self.w("else");
                    self.p_block(e);
                }
                self.newline();
                self.w("end if");
            }
            StmtKind::Either(bs) => {
                for (i, b) in bs.iter().enumerate() {
                    if i > 0 {
                        self.newline();
                    }
                    self.w(if i == 0 { "either" } else { "or" });
                    self.p_block(b);
                }
                self.newline();
                self.w("end either");
            }
            StmtKind::While { cond, body } => {
                self.w("while ");
                self.expr(cond, 0);
                self.w(" do");
                self.p_block(body);
                self.newline();
                self.w("end while");
            }
            StmtKind::With { bindings, body } => {
                self.w("with ");
                self.with_bindings(bindings);
                self.w(" do");
                self.p_block(body);
                self.newline();
                self.w("end with");
            }
            _ => self.simple_stmt(s),
        }
    }

    fn with_bindings(&mut self, bindings: &[WithBinding]) {
        self.sep(bindings, ", ", |p, b| {
            p.w(&b.name.name);
            p.w(if b.kind == WithKind::Eq {
                " = "
            } else {
                " \\in "
            });
            p.expr(&b.expr, 0);
        });
    }

    fn simple_stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Skip => self.w("skip"),
            StmtKind::Assign(asgs) => self.sep(asgs, " || ", |p, a| {
                p.w(&a.var.name);
                p.path(&a.path);
                p.w(" := ");
                p.expr(&a.value, 0);
            }),
            StmtKind::Await(e) => {
                self.w("await ");
                self.expr(e, 0);
            }
            StmtKind::Assert(e) => {
                self.w("assert ");
                self.expr(e, 0);
            }
            StmtKind::Print(e) => {
                self.w("print ");
                self.expr(e, 0);
            }
            StmtKind::Goto(l) => self.w(&format!("goto {}", l.name)),
            StmtKind::Return => self.w("return"),
            StmtKind::ReturnValue(e) => {
                self.w("return ");
                self.expr(e, 0);
            }
            StmtKind::Call { proc, args } => {
                self.w(&format!("call {}(", proc.name));
                self.exprs(args);
                self.w(")");
            }
            StmtKind::MacroCall { name, args } => {
                self.w(&format!("{}(", name.name));
                self.exprs(args);
                self.w(")");
            }
            _ => {}
        }
    }

    fn c_algorithm(&mut self, a: &Algorithm) {
        self.w(" {");
        self.indent += 1;
        if !a.vars.is_empty() {
            self.newline();
            self.var_decls(&a.vars);
        }
        if !a.defines.is_empty() {
            self.newline();
            self.w("define {");
            self.indent += 1;
            for d in &a.defines {
                self.newline();
                self.def(d);
            }
            self.indent -= 1;
            self.newline();
            self.w("}");
        }
        for m in &a.macros {
            self.newline();
            self.w(&format!("macro {}(", m.name.name));
            self.sep(&m.params, ", ", |p, i| p.w(&i.name));
            self.w(") ");
            self.c_block(&m.body);
        }
        for pr in &a.procedures {
            self.newline();
            self.w(&format!("procedure {}", pr.name.name));
            self.params(&pr.params);
            self.w(" ");
            if !pr.locals.is_empty() {
                self.var_decls(&pr.locals);
                self.w(" ");
            }
            self.c_block(&pr.body);
        }
        for pr in &a.processes {
            self.newline();
            self.fairness(pr.fairness);
            self.w(&format!("process ({}", pr.name.name));
            self.process_ids(&pr.ids);
            self.w(") ");
            if !pr.locals.is_empty() {
                self.var_decls(&pr.locals);
                self.w(" ");
            }
            self.c_block(&pr.body);
        }
        if let Some(body) = &a.body {
            self.newline();
            self.c_block(body);
        }
        for op in &a.operations {
            self.newline();
            self.w(&format!("operation {}", op.name.name));
            self.op_params(&op.params);
            self.w(" ");
            self.c_block(&op.body);
        }
        self.indent -= 1;
        self.newline();
        self.w("}");
    }

    fn c_block(&mut self, stmts: &[Stmt]) {
        self.w("{");
        self.indent += 1;
        for s in stmts {
            self.newline();
            self.c_stmt(s);
        }
        self.indent -= 1;
        self.newline();
        self.w("}");
    }

    fn c_stmt(&mut self, s: &Stmt) {
        self.label(s);
        match &s.kind {
            StmtKind::If { branches, els } => {
                for (i, (c, b)) in branches.iter().enumerate() {
                    self.w(if i == 0 { "if (" } else { " else if (" });
                    self.expr(c, 0);
                    self.w(") ");
                    self.c_block(b);
                }
                if let Some(e) = els {
                    self.w(" else ");
                    self.c_block(e);
                }
            }
            StmtKind::Either(bs) => {
                for (i, b) in bs.iter().enumerate() {
                    self.w(if i == 0 { "either " } else { " or " });
                    self.c_block(b);
                }
            }
            StmtKind::While { cond, body } => {
                self.w("while (");
                self.expr(cond, 0);
                self.w(") ");
                self.c_block(body);
            }
            StmtKind::With { bindings, body } => {
                self.w("with (");
                self.with_bindings(bindings);
                self.w(") ");
                self.c_block(body);
            }
            _ => {
                self.simple_stmt(s);
                self.w(";");
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // The model
    // -----------------------------------------------------------------------------------------

    fn model_body(&mut self, m: &Model) {
        if !m.constants.is_empty() {
            self.w("CONSTANTS");
            for c in &m.constants {
                self.w(&format!("\n  {}", c.name.name));
                let module = c
                    .module
                    .as_ref()
                    .map(|m| format!("[{}] ", m.name))
                    .unwrap_or_default();
                match &c.value {
                    ConstantValue::Value(v) => {
                        self.w(&format!(" = {module}"));
                        self.expr(v, 0);
                    }
                    ConstantValue::Substitute(s) => {
                        self.w(&format!(" <- {module}{}", s.name));
                    }
                }
            }
            self.w("\n");
        }
        let singles = [
            ("SPECIFICATION", &m.specification),
            ("INIT", &m.init),
            ("NEXT", &m.next),
            ("VIEW", &m.view),
            ("ALIAS", &m.alias),
            ("POSTCONDITION", &m.postcondition),
        ];
        for (kw, v) in singles {
            if let Some(id) = v {
                self.w(&format!("{kw} {}\n", id.name));
            }
        }
        let lists = [
            ("INVARIANTS", &m.invariants),
            ("PROPERTIES", &m.properties),
            ("CONSTRAINTS", &m.constraints),
            ("ACTION_CONSTRAINTS", &m.action_constraints),
        ];
        for (kw, list) in lists {
            if !list.is_empty() {
                let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
                self.w(&format!("{kw} {}\n", names.join(" ")));
            }
        }
        if let Some(b) = m.check_deadlock {
            self.w(&format!(
                "CHECK_DEADLOCK {}\n",
                if b { "TRUE" } else { "FALSE" }
            ));
        }
        if let Some(s) = &m.symmetry {
            self.w(&format!("SYMMETRY {}\n", s.name));
        }
    }
}
