//! PlusCal's label rules (PlusCal User's Manual, "Labels"), with errors that say *why*.
//!
//! A label names the start of a step (an atomic action). The translator needs one wherever
//! control can arrive from more than one place or a step must end: at the start of each
//! body, on a `while`, after `call`/`return`/`goto`, after an `if`/`either` that contains a
//! label or a jump, and where a variable would be assigned twice in one step. Labels are
//! forbidden where a step must not be split: inside `with` and inside macros.

use crate::ast::*;
use crate::diag::{Diagnostic, Label};
use std::collections::HashMap;

/// Why a statement must carry a label.
#[derive(Clone, Copy)]
enum Need {
    BodyStart(&'static str),
    AfterCall,
    AfterReturn,
    AfterGoto,
    AfterBranching(Span, &'static str),
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    in_with: bool,
    in_macro: bool,
}

pub fn check(alg: &Algorithm, src: &str, diags: &mut Vec<Diagnostic>) {
    let mut checker = LabelChecker {
        diags,
        src,
        all_labels: HashMap::new(),
    };
    if let Some(body) = &alg.body {
        checker.body(body, Some(Need::BodyStart("the algorithm's body")));
    }
    for p in &alg.processes {
        checker.body(&p.body, Some(Need::BodyStart("a process body")));
    }
    for p in &alg.procedures {
        checker.body(&p.body, Some(Need::BodyStart("a procedure body")));
    }
    // An operation's first statement needs no label: its first step is named after the
    // operation.
    for op in &alg.operations {
        checker.body(&op.body, None);
    }
    for op in &alg.operations {
        checker.operation_name(&op.name);
    }
    for m in &alg.macros {
        let mut assigned = HashMap::new();
        checker.seq(
            &m.body,
            None,
            Ctx {
                in_macro: true,
                ..Ctx::default()
            },
            &mut assigned,
        );
    }
}

struct LabelChecker<'d> {
    diags: &'d mut Vec<Diagnostic>,
    src: &'d str,
    all_labels: HashMap<String, Span>,
}

impl LabelChecker<'_> {
    fn body(&mut self, body: &[Stmt], first: Option<Need>) {
        let mut labels = vec![];
        collect_labels(body, &mut labels);
        for l in &labels {
            self.declare_label(l);
        }
        self.check_gotos(body, &labels);
        let mut assigned = HashMap::new();
        self.seq(body, first, Ctx::default(), &mut assigned);
    }

    /// The first step of an operation is named after it, so its name is a label too.
    fn operation_name(&mut self, name: &Ident) {
        if name.name == "Done" || name.name == "Error" {
            let d = Diagnostic::error(name.span, format!("`{}` cannot be the name of an operation", name.name))
                .with_hint(format!("PlusCal reserves `{}` for a finished (or failed) control state, and an operation's first step is named after it; choose another name", name.name));
            self.diags.push(d);
        } else if let Some(first) = self.all_labels.get(&name.name) {
            let d = Diagnostic::error(name.span, format!("`{}` is both an operation and a label", name.name))
                .with_label(*first, "the label")
                .with_hint("an operation's first step is named after the operation, so no label may have its name");
            self.diags.push(d);
        }
    }

    fn declare_label(&mut self, l: &Ident) {
        if l.name == "Done" || l.name == "Error" {
            let d = Diagnostic::error(l.span, format!("`{}` cannot be a label", l.name))
                .with_hint(format!("PlusCal reserves `{}` for the control state of a finished (or failed) process; choose another name", l.name));
            self.diags.push(d);
        } else if let Some(first) = self.all_labels.get(&l.name) {
            let d = Diagnostic::error(l.span, format!("the label `{}` is used twice", l.name))
                .with_label(*first, "first used here")
                .with_hint("labels name the control points of a process or procedure (the values of `pc`), so the labels of one process or procedure must differ");
            self.diags.push(d);
        } else {
            self.all_labels.insert(l.name.clone(), l.span);
        }
    }

    fn check_gotos(&mut self, body: &[Stmt], labels: &[Ident]) {
        let mut gotos = vec![];
        collect_gotos(body, &mut gotos);
        for target in gotos {
            if target.name == "Done" || labels.iter().any(|l| l.name == target.name) {
                continue;
            }
            let mut d = Diagnostic::error(
                target.span,
                format!(
                    "`goto {}`: there is no label `{}` here",
                    target.name, target.name
                ),
            );
            let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
            if let Some(near) = crate::resolve::nearest(&target.name, names.iter().copied()) {
                d = d.with_hint(format!("did you mean `{near}`?"));
            }
            if self.all_labels.contains_key(&target.name) {
                d = d.with_hint(
                    "a `goto` can only jump to a label of the same process or procedure",
                );
            } else {
                d = d.with_hint("`goto Done` ends the process; otherwise jump to a label of this process or procedure");
            }
            self.diags.push(d);
        }
    }

    /// Check one statement sequence; return whether it contains a label or a jump (`call`,
    /// `return`, `goto`), which makes the statement after an enclosing `if`/`either` need one.
    fn seq(
        &mut self,
        stmts: &[Stmt],
        first: Option<Need>,
        ctx: Ctx,
        assigned: &mut HashMap<String, Span>,
    ) -> bool {
        let mut need = first;
        let mut contains = false;
        for s in stmts {
            let why = need.take();
            if let Some(label) = &s.label {
                contains = true;
                self.forbidden_label(label, ctx);
                assigned.clear();
            } else if let Some(why) = why {
                let exempt = matches!(why, Need::AfterCall)
                    && matches!(s.kind, StmtKind::Return | StmtKind::Goto(_));
                if !exempt && !ctx.in_macro && !ctx.in_with {
                    self.missing_label(s, why);
                    // Go on as if the label were there: one missing label, one error.
                    assigned.clear();
                }
            }
            if matches!(s.kind, StmtKind::While { .. }) && s.label.is_none() {
                self.unlabeled_while(s, ctx);
                assigned.clear();
            }
            let (inner_contains, next) = self.stmt(s, ctx, assigned);
            contains |= inner_contains;
            need = next;
        }
        contains
    }

    /// Check one statement's insides; return (contains a label or jump, what the next needs).
    fn stmt(
        &mut self,
        s: &Stmt,
        ctx: Ctx,
        assigned: &mut HashMap<String, Span>,
    ) -> (bool, Option<Need>) {
        match &s.kind {
            StmtKind::Assign(asgs) => {
                self.assignments(asgs, ctx, assigned);
                (false, None)
            }
            StmtKind::If { branches, els } => {
                let mut bodies: Vec<&Vec<Stmt>> = branches.iter().map(|(_, b)| b).collect();
                bodies.extend(els.iter());
                self.branching(s, &bodies, "if", ctx, assigned)
            }
            StmtKind::Either(branches) => {
                let bodies: Vec<&Vec<Stmt>> = branches.iter().collect();
                self.branching(s, &bodies, "either", ctx, assigned)
            }
            StmtKind::While { body, .. } => {
                let mut inner = assigned.clone();
                self.seq(body, None, ctx, &mut inner);
                // Leaving the loop happens in the step that starts at the loop's label.
                assigned.clear();
                (true, None)
            }
            StmtKind::With { body, .. } => {
                let c = self.seq(
                    body,
                    None,
                    Ctx {
                        in_with: true,
                        ..ctx
                    },
                    assigned,
                );
                (c, None)
            }
            StmtKind::Call { .. } => (true, Some(Need::AfterCall)),
            StmtKind::Return | StmtKind::ReturnValue(_) => (true, Some(Need::AfterReturn)),
            StmtKind::Goto(_) => (true, Some(Need::AfterGoto)),
            _ => (false, None),
        }
    }

    fn branching(
        &mut self,
        s: &Stmt,
        bodies: &[&Vec<Stmt>],
        word: &'static str,
        ctx: Ctx,
        assigned: &mut HashMap<String, Span>,
    ) -> (bool, Option<Need>) {
        let mut contains = false;
        let mut after = assigned.clone();
        for b in bodies {
            let mut inner = assigned.clone();
            contains |= self.seq(b, None, ctx, &mut inner);
            after.extend(inner);
        }
        *assigned = after;
        let need = contains.then_some(Need::AfterBranching(s.span, word));
        (contains, need)
    }

    fn assignments(&mut self, asgs: &[Assignment], ctx: Ctx, assigned: &mut HashMap<String, Span>) {
        if ctx.in_macro {
            return;
        }
        let mut this_stmt: HashMap<&str, (Span, bool)> = HashMap::new();
        for a in asgs {
            let whole = a.path.is_empty();
            if let Some(&(first, first_whole)) = this_stmt.get(a.var.name.as_str()) {
                // `f[1] := a || f[2] := b` updates two parts of `f` at once: allowed.
                if whole || first_whole {
                    let d = Diagnostic::error(a.var.span, format!("`{}` is assigned twice in one multiple assignment", a.var.name))
                        .with_label(first, "first assigned here")
                        .with_hint("in `a := x || b := y` each variable may appear once (or as distinct parts like `f[1]` and `f[2]`)");
                    self.diags.push(d);
                }
                continue;
            }
            if let Some(first) = assigned.get(&a.var.name) {
                let d = Diagnostic::error(a.var.span, format!("`{}` is assigned twice in the same step", a.var.name))
                    .with_label(*first, "first assigned here, in the same step")
                    .with_hint(
                        "a step assigns each variable at most once: it becomes one TLA+ action in which the variable's new value is defined once. \
                         Put a label before this statement to start a new step, or combine the assignments with `||`",
                    );
                self.diags.push(d);
            }
            this_stmt.insert(&a.var.name, (a.var.span, whole));
        }
        for a in asgs {
            assigned.entry(a.var.name.clone()).or_insert(a.var.span);
        }
    }

    fn forbidden_label(&mut self, label: &Ident, ctx: Ctx) {
        if ctx.in_macro {
            let d = Diagnostic::error(label.span, format!("a label (`{}:`) is not allowed inside a macro", label.name)).with_hint(
                "a macro is copied into every place that calls it, so its labels would appear several times, and labels must be unique. \
                 Put the label before the macro call, or make the macro a procedure",
            );
            self.diags.push(d);
        } else if ctx.in_with {
            let d = Diagnostic::error(label.span, format!("a label (`{}:`) is not allowed inside `with`", label.name)).with_hint(
                "a `with` chooses its value and runs its whole body as one atomic step; a label would split that step and the chosen value would be lost. \
                 Put the label before the `with`, or split the work into two `with` statements",
            );
            self.diags.push(d);
        }
    }

    fn unlabeled_while(&mut self, s: &Stmt, ctx: Ctx) {
        if ctx.in_macro {
            let d = Diagnostic::error(stmt_head(s, self.src), "a `while` is not allowed inside a macro")
                .with_hint("a `while` needs a label, and a macro cannot contain labels (it is copied into every caller); use a procedure");
            self.diags.push(d);
        } else if ctx.in_with {
            let d = Diagnostic::error(stmt_head(s, self.src), "a `while` is not allowed inside `with`")
                .with_hint("a `while` needs a label, and the body of a `with` is one atomic step that cannot contain labels");
            self.diags.push(d);
        } else {
            let d = Diagnostic::error(stmt_head(s, self.src), "a `while` needs a label").with_hint(
                "each iteration goes back to the loop test, so the test starts a step and needs a name to jump back to: write e.g. `Loop: while ...`",
            );
            self.diags.push(d);
        }
    }

    fn missing_label(&mut self, s: &Stmt, why: Need) {
        if matches!(s.kind, StmtKind::While { .. }) {
            return; // reported as "a while needs a label", with its own reason
        }
        let (message, hint, label) = match why {
            Need::BodyStart(what) => (
                format!("the first statement of {what} needs a label"),
                "every process, procedure and uniprocess algorithm starts at a label: it names the first step (the initial value of `pc`). \
                 Write e.g. `Start: ` before this statement"
                    .to_string(),
                None,
            ),
            Need::AfterCall => (
                "the statement after a `call` needs a label".to_string(),
                "a call ends the step: the procedure runs in steps of its own and then returns here, so this statement starts a new step \
                 and needs a label (only `return` or `goto` may follow a `call` directly)"
                    .to_string(),
                None,
            ),
            Need::AfterReturn => (
                "the statement after a `return` needs a label".to_string(),
                "`return` ends the step and jumps back to the caller, so this statement can only be reached by a new step, which starts at a label"
                    .to_string(),
                None,
            ),
            Need::AfterGoto => (
                "the statement after a `goto` needs a label".to_string(),
                "`goto` ends the step and jumps away, so this statement can only be reached by a jump to a label".to_string(),
                None,
            ),
            Need::AfterBranching(at, word) => (
                format!("the statement after this `{word}` needs a label"),
                format!(
                    "the `{word}` contains a label or a `call`/`return`/`goto`, so its branches end in different steps; \
                     the statement after it is reached from several of them and must start a step of its own"
                ),
                Some(at),
            ),
        };
        let mut d = Diagnostic::error(stmt_head(s, self.src), message).with_hint(hint);
        if let Some(at) = label {
            d.labels.push(Label {
                span: Span::new(at.start as usize, at.start as usize + word_len(why)),
                message: "this statement contains a label or a jump".into(),
            });
        }
        self.diags.push(d);
    }
}

fn word_len(why: Need) -> usize {
    match why {
        Need::AfterBranching(_, w) => w.len(),
        _ => 0,
    }
}

/// The first line of a statement: underlining a whole `if` would hide the point.
fn stmt_head(s: &Stmt, src: &str) -> Span {
    let (start, end) = (s.span.start as usize, s.span.end as usize);
    let line_end = src
        .get(start..end)
        .and_then(|t| t.find('\n'))
        .map_or(end, |i| start + i);
    let text = src.get(start..line_end).unwrap_or("");
    Span::new(start, start + text.trim_end().len())
}

fn collect_labels(stmts: &[Stmt], out: &mut Vec<Ident>) {
    for s in stmts {
        out.extend(s.label.iter().cloned());
        for_each_child_seq(s, |b| collect_labels(b, out));
    }
}

fn collect_gotos(stmts: &[Stmt], out: &mut Vec<Ident>) {
    for s in stmts {
        if let StmtKind::Goto(t) = &s.kind {
            out.push(t.clone());
        }
        for_each_child_seq(s, |b| collect_gotos(b, out));
    }
}

pub fn for_each_child_seq(s: &Stmt, mut f: impl FnMut(&[Stmt])) {
    match &s.kind {
        StmtKind::If { branches, els } => {
            for (_, b) in branches {
                f(b);
            }
            if let Some(e) = els {
                f(e);
            }
        }
        StmtKind::Either(bs) => bs.iter().for_each(|b| f(b)),
        StmtKind::While { body, .. } | StmtKind::With { body, .. } => f(body),
        _ => {}
    }
}
