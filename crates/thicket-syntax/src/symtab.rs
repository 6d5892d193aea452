//! The names PlusCal's translator gives labels, processes and procedures (pcal.trans's
//! `PcalSymTab`). A label names a value of `pc` and an operator of the translation, so two
//! processes (or procedures) may each have a label `l0`: the translator keeps one and renames
//! the others, `l0_`, then `l0_p`, ... (the context's name letter by letter, then the kind's
//! number), and does the same for a label that has the name of a variable, a process or a
//! procedure. Labels are renamed here as the translator renames them, so `pc` takes TLC's
//! values; two labels of one process or procedure with one name remain an error.

use crate::ast::*;

/// The kinds of names, in the order the translator disambiguates them (the first is never
/// renamed).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Global = 0,
    Label = 1,
    Procedure = 2,
    Process = 3,
    ProcessVar = 4,
    ProcedureVar = 5,
    Parameter = 6,
}

struct Sym {
    kind: Kind,
    id: String,
    /// The process or procedure it belongs to ("" for the algorithm's own names).
    context: String,
    /// Its name in the translation.
    name: String,
}

#[derive(Default)]
struct Table(Vec<Sym>);

impl Table {
    /// The translator's `InsertSym`: a name already in the table (a variable: a global or
    /// any name of its context of the same name) is left out.
    fn insert(&mut self, kind: Kind, id: &str, context: &str) {
        let var = matches!(
            kind,
            Kind::ProcessVar | Kind::ProcedureVar | Kind::Parameter
        );
        let taken = self.0.iter().any(|s| {
            if var {
                s.id == id && (s.kind == Kind::Global || s.context == context)
            } else {
                s.id == id && s.context == context && s.kind == kind
            }
        });
        if !taken {
            self.0.push(Sym {
                kind,
                id: id.to_string(),
                context: context.to_string(),
                name: id.to_string(),
            });
        }
    }

    fn labels(&mut self, body: &[Stmt], context: &str) {
        let mut labels = Vec::new();
        collect_labels(body, &mut labels);
        for l in labels {
            self.insert(Kind::Label, &l, context);
        }
    }

    fn ambiguous(&self, name: &str) -> bool {
        self.0.iter().filter(|s| s.name == name).count() > 1
    }

    /// The translator's `Disambiguate`.
    fn disambiguate(&mut self) {
        let mut order: Vec<usize> = (0..self.0.len()).collect();
        order.sort_by_key(|&i| self.0[i].kind); // stable: table order within a kind
        for i in order {
            let kind = self.0[i].kind;
            let context: Vec<char> = self.0[i].context.chars().collect();
            let mut suffix = 0;
            while kind != Kind::Global && self.ambiguous(&self.0[i].name) {
                suffix += 1;
                let s = &mut self.0[i];
                if suffix == 1 {
                    s.name.push('_');
                } else if suffix > context.len() + 1 {
                    s.name.push_str(&(kind as u8).to_string());
                } else {
                    s.name.push(context[suffix - 2]);
                }
            }
        }
    }

    fn name(&self, kind: Kind, id: &str, context: &str) -> Option<&str> {
        let s = self
            .0
            .iter()
            .find(|s| s.kind == kind && s.id == id && s.context == context)?;
        Some(&s.name)
    }
}

/// The translator's symbol table of `alg`, in its order, disambiguated.
fn table(alg: &Algorithm) -> Table {
    let mut t = Table::default();
    t.insert(Kind::Global, "pc", "");
    if !alg.procedures.is_empty() {
        t.insert(Kind::Global, "stack", "");
    }
    for v in &alg.vars {
        t.insert(Kind::Global, &v.name.name, "");
    }
    for p in &alg.procedures {
        let me = p.name.name.as_str();
        t.insert(Kind::Procedure, me, "");
        for v in &p.locals {
            t.insert(Kind::ProcedureVar, &v.name.name, me);
        }
        for v in &p.params {
            t.insert(Kind::Parameter, &v.name.name, me);
        }
        t.labels(&p.body, me);
    }
    for p in &alg.processes {
        let me = p.name.name.as_str();
        t.insert(Kind::Process, me, "");
        for v in &p.locals {
            t.insert(Kind::ProcessVar, &v.name.name, me);
        }
        t.labels(&p.body, me);
    }
    if let Some(body) = &alg.body {
        t.labels(body, "");
    }
    t.disambiguate();
    t
}

/// Rename the labels of `alg` (and the `goto`s to them) as the translator does.
pub fn rename_labels(alg: &mut Algorithm) {
    // Labels repeated in one body are an error (reported by the label rules, by their names).
    if !alg.operations.is_empty() || bodies(alg).any(|b| repeats_a_label(b)) {
        return;
    }
    let t = table(alg);
    let rename = |body: &mut Vec<Stmt>, context: &str| {
        rename_in(body, &|l: &str| {
            t.name(Kind::Label, l, context).map(str::to_string)
        });
    };
    for p in &mut alg.procedures {
        let me = p.name.name.clone();
        rename(&mut p.body, &me);
    }
    for p in &mut alg.processes {
        let me = p.name.name.clone();
        rename(&mut p.body, &me);
    }
    if let Some(body) = &mut alg.body {
        rename(body, "");
    }
}

/// The operators the translation defines for the steps of `alg`: one for each label, process
/// and procedure, with its number of arguments (`self` in a multiprocess algorithm, except for
/// a single process's own steps).
pub fn step_operators(alg: &Algorithm) -> Vec<(String, usize)> {
    if !alg.operations.is_empty() {
        return Vec::new();
    }
    let t = table(alg);
    let multi = alg.body.is_none();
    let mut out = Vec::new();
    let mut add = |kind: Kind, id: &str, context: &str, arity: usize| {
        if let Some(name) = t.name(kind, id, context) {
            out.push((name.to_string(), arity));
        }
    };
    for p in &alg.procedures {
        let arity = usize::from(multi);
        add(Kind::Procedure, &p.name.name, "", arity);
        label_operators(&p.body, |l| add(Kind::Label, l, &p.name.name, arity));
    }
    for p in &alg.processes {
        let arity = usize::from(matches!(p.ids, ProcessIds::Set(_)));
        add(Kind::Process, &p.name.name, "", arity);
        label_operators(&p.body, |l| add(Kind::Label, l, &p.name.name, arity));
    }
    if let Some(body) = &alg.body {
        label_operators(body, |l| add(Kind::Label, l, "", 0));
    }
    out
}

fn bodies(alg: &Algorithm) -> impl Iterator<Item = &Vec<Stmt>> {
    let procedures = alg.procedures.iter().map(|p| &p.body);
    let processes = alg.processes.iter().map(|p| &p.body);
    procedures.chain(processes).chain(alg.body.iter())
}

fn repeats_a_label(body: &[Stmt]) -> bool {
    let mut labels = Vec::new();
    collect_labels(body, &mut labels);
    let mut seen = std::collections::HashSet::new();
    !labels.into_iter().all(|l| seen.insert(l))
}

fn label_operators(body: &[Stmt], mut f: impl FnMut(&str)) {
    let mut labels = Vec::new();
    collect_labels(body, &mut labels);
    labels.iter().for_each(|l| f(l));
}

fn collect_labels(stmts: &[Stmt], out: &mut Vec<String>) {
    for s in stmts {
        out.extend(s.label.iter().map(|l| l.name.clone()));
        crate::labels::for_each_child_seq(s, |b| collect_labels(b, out));
    }
}

fn rename_in(stmts: &mut [Stmt], new: &dyn Fn(&str) -> Option<String>) {
    for s in stmts {
        if let Some(l) = &mut s.label {
            if let Some(n) = new(&l.name) {
                l.name = n;
            }
        }
        match &mut s.kind {
            StmtKind::Goto(target) => {
                if let Some(n) = new(&target.name) {
                    target.name = n;
                }
            }
            StmtKind::If { branches, els } => {
                for (_, b) in branches.iter_mut() {
                    rename_in(b, new);
                }
                if let Some(e) = els {
                    rename_in(e, new);
                }
            }
            StmtKind::Either(bs) => bs.iter_mut().for_each(|b| rename_in(b, new)),
            StmtKind::While { body, .. } | StmtKind::With { body, .. } => rename_in(body, new),
            _ => {}
        }
    }
}
