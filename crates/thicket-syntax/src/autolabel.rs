//! The labels PlusCal's translator adds by itself. A uniprocess algorithm written without any
//! label gets one wherever the label rules need it, named `Lbl_1`, `Lbl_2`, ... in the order
//! the translator finds the places: the procedures first, then the body (pcal.trans's
//! `ParseAlgorithm.InnerAddLabels`, followed here rule for rule, including its quirks). An
//! algorithm with a label, or with processes, gets none: a missing label is an error there,
//! as it is for the translator.

use crate::ast::*;
use std::collections::BTreeSet;

type Vars = BTreeSet<String>;

/// Add the translator's labels to `alg` when it is a uniprocess algorithm without labels.
pub fn add_labels(alg: &mut Algorithm) {
    if alg.body.is_none() || !alg.operations.is_empty() || has_label(alg) {
        return;
    }
    // The translator expands macros before it adds labels: a label may fall inside a
    // macro's statements.
    if has_macro_call(alg) {
        let Ok(mut expanded) = crate::translate::expand_macros(alg) else {
            return; // the call's error is reported by the name checks
        };
        expanded.macros = std::mem::take(&mut alg.macros);
        *alg = expanded;
    }
    let mut adder = Adder {
        next: 1,
        procedure: None,
        procedure_vars: alg
            .procedures
            .iter()
            .flat_map(|p| p.params.iter().chain(&p.locals))
            .map(|v| v.name.name.clone())
            .collect(),
    };
    for p in &mut alg.procedures {
        adder.procedure = Some(p.name.name.clone());
        adder.seq(&mut p.body, true, false, &Vars::new());
    }
    adder.procedure = None;
    if let Some(body) = &mut alg.body {
        adder.seq(body, true, false, &Vars::new());
    }
}

fn has_label(alg: &Algorithm) -> bool {
    let bodies = alg.procedures.iter().map(|p| &p.body);
    let bodies = bodies.chain(alg.macros.iter().map(|m| &m.body));
    bodies
        .chain(alg.body.iter())
        .any(|b| any_stmt(b, &|s| s.label.is_some()))
}

fn has_macro_call(alg: &Algorithm) -> bool {
    let is_call = |s: &Stmt| matches!(s.kind, StmtKind::MacroCall { .. });
    let bodies = alg.procedures.iter().map(|p| &p.body);
    bodies.chain(alg.body.iter()).any(|b| any_stmt(b, &is_call))
}

fn any_stmt(stmts: &[Stmt], f: &dyn Fn(&Stmt) -> bool) -> bool {
    stmts.iter().any(|s| {
        let mut inner = false;
        crate::labels::for_each_child_seq(s, |b| inner |= any_stmt(b, f));
        f(s) || inner
    })
}

struct Adder {
    /// The number of the next label (`Lbl_n`); no label was typed, so none is taken.
    next: usize,
    /// The procedure whose body is being labelled.
    procedure: Option<String>,
    /// The parameters and variables of every procedure (what a `return` assigns).
    procedure_vars: Vars,
}

impl Adder {
    fn label(&mut self, s: &mut Stmt) {
        if s.label.is_none() {
            let at = s.span.start as usize;
            s.label = Some(Ident {
                name: format!("Lbl_{}", self.next),
                span: Span::new(at, at),
            });
            self.next += 1;
        }
    }

    /// Label `stmts`; returns whether it holds (or got) a label or needs one after it, and the
    /// variables assigned in the step when it ends. `assigned_before`: those assigned before
    /// it in the step (an outermost `with` is compared with this set, not with what the
    /// statements before it in the same sequence assigned: the translator's rule).
    fn seq(
        &mut self,
        stmts: &mut [Stmt],
        first_labeled: bool,
        in_with: bool,
        assigned_before: &Vars,
    ) -> (bool, Vars) {
        let mut out = assigned_before.clone();
        let mut needs = first_labeled;
        let mut had = false;
        let mut i = 0;
        while i < stmts.len() {
            if stmts[i].label.is_some() {
                had = true;
                out.clear();
            }
            if needs {
                if !in_with {
                    self.label(&mut stmts[i]);
                }
                had = true;
                out.clear();
            }
            // `call P(); return` and `call P(); goto L` are one statement to the translator.
            let joined = joined_jump(stmts, i);
            let step = self.stmt(&mut stmts[i], joined, in_with, assigned_before, &mut out);
            needs = step.needs_label_after;
            had |= step.had_label;
            i += 1 + usize::from(joined.is_some());
        }
        (had || needs, out)
    }

    fn stmt(
        &mut self,
        s: &mut Stmt,
        joined: Option<Joined>,
        in_with: bool,
        assigned_before: &Vars,
        out: &mut Vars,
    ) -> Step {
        match &mut s.kind {
            StmtKind::If { branches, els } => {
                let mut no_else = Vec::new();
                let mut bodies: Vec<&mut Vec<Stmt>> = branches.iter_mut().map(|(_, b)| b).collect();
                bodies.push(els.as_mut().unwrap_or(&mut no_else));
                self.branches(bodies, in_with, out)
            }
            StmtKind::Either(bodies) => self.branches(bodies.iter_mut().collect(), in_with, out),
            StmtKind::While { .. } => self.while_stmt(s, in_with, out),
            StmtKind::With { .. } => self.with_stmt(s, in_with, assigned_before, out),
            StmtKind::Assign(asgs) => {
                let vars: Vars = asgs.iter().map(|a| a.var.name.clone()).collect();
                self.assigns(s, vars, in_with, out, false)
            }
            _ => self.jump(s, joined, in_with, out),
        }
    }

    fn branches(&mut self, bodies: Vec<&mut Vec<Stmt>>, in_with: bool, out: &mut Vars) -> Step {
        let mut needs = false;
        let mut union = Vars::new();
        for b in bodies {
            let (n, assigned) = self.seq(b, false, in_with, out);
            needs |= n;
            union.extend(assigned);
        }
        *out = union;
        Step::after(needs)
    }

    fn while_stmt(&mut self, s: &mut Stmt, in_with: bool, out: &mut Vars) -> Step {
        if !in_with {
            self.label(s);
        }
        out.clear();
        if let StmtKind::While { body, .. } = &mut s.kind {
            self.seq(body, false, false, &Vars::new());
        }
        // The statement after a loop follows its labelled test: it needs no label.
        Step {
            needs_label_after: false,
            had_label: true,
        }
    }

    fn with_stmt(
        &mut self,
        s: &mut Stmt,
        in_with: bool,
        assigned_before: &Vars,
        out: &mut Vars,
    ) -> Step {
        let before = if in_with {
            assigned_before.clone()
        } else {
            Vars::new()
        };
        let StmtKind::With { body, .. } = &mut s.kind else {
            return Step::after(false);
        };
        let (needs, assigned) = self.seq(body, false, true, &before);
        *out = assigned;
        if !in_with && !assigned_before.is_disjoint(out) {
            self.label(s);
            out.clear();
            return Step {
                needs_label_after: needs,
                had_label: true,
            };
        }
        Step::after(needs)
    }

    /// A statement that assigns `vars`: labelled when one was assigned earlier in the step.
    fn assigns(
        &mut self,
        s: &mut Stmt,
        vars: Vars,
        in_with: bool,
        out: &mut Vars,
        jump: bool,
    ) -> Step {
        if out.is_disjoint(&vars) {
            out.extend(vars);
            return Step::after(jump);
        }
        if !in_with {
            self.label(s);
        }
        *out = vars;
        Step {
            needs_label_after: jump,
            had_label: true,
        }
    }

    /// `call`, `return`, `goto` and the statements that assign nothing.
    fn jump(
        &mut self,
        s: &mut Stmt,
        joined: Option<Joined>,
        in_with: bool,
        out: &mut Vars,
    ) -> Step {
        let here = self.procedure.as_deref();
        let (call_or_return, sets_procedure_vars) = match (&s.kind, joined) {
            (StmtKind::Call { .. }, Some(Joined::Return)) => (true, true),
            (StmtKind::Call { proc, .. }, _) => (true, Some(proc.name.as_str()) == here),
            (StmtKind::Return, _) => (true, true),
            (StmtKind::Goto(_), _) => return self.assigns(s, Vars::new(), in_with, out, true),
            _ => (false, false),
        };
        if !call_or_return {
            return Step::after(false);
        }
        let mut vars: Vars = ["stack".to_string()].into();
        if sets_procedure_vars {
            vars.extend(self.procedure_vars.iter().cloned());
        }
        self.assigns(s, vars, in_with, out, true)
    }
}

/// What one statement left for the next.
struct Step {
    needs_label_after: bool,
    had_label: bool,
}

impl Step {
    fn after(needs_label_after: bool) -> Step {
        Step {
            needs_label_after,
            had_label: false,
        }
    }
}

#[derive(Clone, Copy)]
enum Joined {
    Return,
    Goto,
}

/// The unlabelled `return` or `goto` right after the `call` at `i`, which the translator
/// reads as part of the call.
fn joined_jump(stmts: &[Stmt], i: usize) -> Option<Joined> {
    if !matches!(stmts[i].kind, StmtKind::Call { .. }) {
        return None;
    }
    let next = stmts.get(i + 1).filter(|s| s.label.is_none())?;
    match next.kind {
        StmtKind::Return => Some(Joined::Return),
        StmtKind::Goto(_) => Some(Joined::Goto),
        _ => None,
    }
}
