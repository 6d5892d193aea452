//! Name resolution: every name refers to something defined, nothing is defined twice,
//! operators get the right number of arguments, assignments target variables; then PlusCal's
//! label rules (`labels.rs`). Reports every problem it finds, not just the first.

use crate::ast::*;
use crate::diag::Diagnostic;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Builtin,
    Constant,
    /// A state variable (global, module `VARIABLE`, `pc`, `stack`).
    Variable,
    /// A process local or procedure parameter/local: a variable of the current body.
    Local,
    Definition,
    /// A name the translation defines (`Spec`, `Next`, `vars`, ...).
    Translation,
    /// Bound by `\A`, `CHOOSE`, `with`, a parameter, ...
    Bound,
    /// An operation's parameter: its value is the caller's choice.
    OpParam,
    /// A theorem stating `ASSUME ... PROVE ...`: named by proofs, no expression.
    AssumeProve,
}

#[derive(Clone, Copy, Debug)]
struct Sym {
    kind: Kind,
    /// `None`: any number of arguments is fine (or not checked).
    arity: Option<usize>,
    span: Option<Span>,
}

/// Standard-module operators and constants Thicket knows, with their arities.
const BUILTINS: &[(&str, usize)] = &[
    ("Nat", 0),
    ("Int", 0),
    ("BOOLEAN", 0),
    ("STRING", 0),
    ("Len", 1),
    ("Append", 2),
    ("Head", 1),
    ("Tail", 1),
    ("SubSeq", 3),
    ("SelectSeq", 2),
    ("Seq", 1),
    ("Cardinality", 1),
    ("IsFiniteSet", 1),
    ("ToString", 1),
    ("Print", 2),
    ("PrintT", 1),
    ("Assert", 2),
    ("JavaTime", 0),
    ("Permutations", 1),
    ("SortSeq", 2),
    ("TLCEval", 1),
    // Of TLC, TLCExt and Randomization (evaluated by the checker's `eval::tlc`).
    ("TLCGet", 1),
    ("TLCSet", 2),
    ("RandomElement", 1),
    ("Any", 0),
    ("Trace", 0),
    ("AssertEq", 2),
    ("AssertError", 2),
    ("TLCModelValue", 1),
    ("CounterExample", 0),
    ("TLCNoOp", 1),
    ("RandomSubset", 2),
    ("RandomSetOfSubsets", 3),
    ("RandomSubsetSet", 3),
    ("TestRandomSetOfSubsets", 3),
    ("defaultInitValue", 0),
    // Of Reals: read, and the checker says it cannot evaluate them (`standard::real_only`).
    ("Real", 0),
    ("Infinity", 0),
    ("/", 2),
    // Built into TLA+ (not definable); the checker says it does not implement it.
    ("\\cdot", 2),
];

/// What algorithms with operations add, for properties about their events (`Returned("get")
/// => Result >= 0`): the event of the last step is the variable `event`.
const EVENT_BUILTINS: &[(&str, usize)] = &[
    ("Returned", 1),
    ("Called", 1),
    ("Result", 0),
    ("Args", 0),
    ("event", 0),
];

const TRANSLATION_NAMES: &[&str] = &["vars", "Init", "Next", "Spec", "ProcSet", "Termination"];

/// `main_end`: where the main text ends in `src` (the other modules' texts follow it).
pub fn check(doc: &Document, src: &str, main_end: usize) -> Vec<Diagnostic> {
    let operations = doc
        .algorithm
        .iter()
        .flat_map(|a| &a.operations)
        .map(|o| o.name.name.clone())
        .collect();
    let mut r = Resolver {
        globals: HashMap::new(),
        scopes: vec![],
        diags: vec![],
        in_process: false,
        in_operation: false,
        current_def: None,
        procs: HashMap::new(),
        macros: HashMap::new(),
        operations,
        syntax: doc.algorithm.as_ref().map(|a| a.syntax),
        events_explained: false,
        unreadable_modules: vec![],
        standard: crate::standard::in_scope(doc.extends.iter().map(|e| e.name.as_str())),
        strict: doc.module.is_some(),
        main_end: main_end as u32,
    };
    r.check_modules(doc);
    r.declare_globals(doc);
    r.check_document(doc);
    if let Some(alg) = &doc.algorithm {
        crate::labels::check(alg, src, &mut r.diags);
    }
    r.diags
}

/// What is wrong with an undefined `A!B` name: a subexpression name (`Init!1`, `Inv!(p)`,
/// `Op!Lbl`) of something that is no module-level definition (those are selected when the
/// modules are read), or an instance that has no such definition. `None` for a plain name.
fn instance_name_problem(id: &Ident) -> Option<Diagnostic> {
    let (prefix, last) = id.name.rsplit_once('!')?;
    let positional = id.name.split('!').skip(1).any(|part| {
        part.is_empty()
            || part.starts_with(|c: char| c.is_ascii_digit())
            || matches!(part, "<<" | ">>" | "@" | ":")
    });
    Some(if positional {
        let first = id.name.split('!').next().unwrap_or_default();
        Diagnostic::error(
            id.span,
            format!(
                "`{}` names a subexpression of `{first}`, which is no definition of the module",
                id.name
            ),
        )
        .with_hint("a subexpression name starts with the name of a module-level definition or theorem (`Inv!2`, `Op(a)!Lbl`)")
    } else {
        Diagnostic::error(id.span, format!("`{prefix}` has no definition or label `{last}`"))
            .with_hint(format!("`{prefix}` must be an instance (`{prefix} == INSTANCE M`) of a module that defines `{last}`, or a definition whose body has the label `{last}::`"))
    })
}

/// The defined name closest to `name` (for "did you mean"), if any is close enough.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = if c.to_lowercase() == lower {
            0
        } else {
            strsim::levenshtein(name, c)
        };
        let limit = match name.chars().count() {
            0..=2 => 1,
            3..=5 => 2,
            _ => 3,
        };
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

struct Resolver {
    globals: HashMap<String, Sym>,
    /// Local scopes, innermost last.
    scopes: Vec<Vec<(String, Sym)>>,
    diags: Vec<Diagnostic>,
    /// `self` is defined (inside a process, procedure or macro).
    in_process: bool,
    /// Inside an operation's body: `return e` is allowed, `self` is not.
    in_operation: bool,
    /// The definition being checked, to catch recursion without `RECURSIVE`.
    current_def: Option<(String, bool)>,
    procs: HashMap<String, (usize, Span)>,
    /// Modules named by `EXTENDS` that Thicket cannot read: a name they may define is not
    /// defined here, and its error says so.
    unreadable_modules: Vec<String>,
    macros: HashMap<String, (usize, Span)>,
    /// The algorithm's operations, in text order (the event built-ins exist when there is one).
    operations: Vec<String>,
    /// The algorithm's syntax (`None`: no algorithm), for examples in hints.
    syntax: Option<Syntax>,
    /// Why the event built-ins are missing has been said once (the other uses are just marked).
    events_explained: bool,
    /// The standard modules in scope (extended or instantiated, and what they extend).
    standard: Vec<&'static str>,
    /// A module (not a bare algorithm): a standard module's names exist only where it is
    /// imported, as in SANY.
    strict: bool,
    /// Where the main text ends: what other modules bind is checked where they are read
    /// (the flat document's imports are those of all its modules together).
    main_end: u32,
}

impl Resolver {
    // -----------------------------------------------------------------------------------------
    // Declarations
    // -----------------------------------------------------------------------------------------

    /// Every module named by `EXTENDS` is one Thicket can find: an error at its name otherwise.
    /// A module Thicket knows of but does not implement yet adds no names: a use of one of
    /// its operators is a "not defined" error that names the module.
    fn check_modules(&mut self, doc: &Document) {
        use crate::modules::{known, problem, Known};
        for m in &doc.extends {
            match known(&m.name) {
                Some(Known::Implemented | Known::ProofOnly) => {}
                Some(Known::NotImplemented(_)) => self.unreadable_modules.push(m.name.clone()),
                None => {
                    let (message, hint) = problem(&m.name).unwrap_or_default();
                    self.diags
                        .push(Diagnostic::error(m.span, message).with_hint(hint));
                    self.unreadable_modules.push(m.name.clone());
                }
            }
        }
    }

    /// Whether the built-in `name` exists here: a standard module's name where its module is
    /// imported (in a bare algorithm, which imports nothing, always, except Reals').
    fn builtin_here(&self, name: &str) -> bool {
        match crate::standard::module_of(name) {
            Some(m) if self.strict || m == "Reals" => self.standard.contains(&m),
            _ => true,
        }
    }

    fn declare_globals(&mut self, doc: &Document) {
        for (name, arity) in BUILTINS {
            if !self.builtin_here(name) {
                continue;
            }
            self.globals.insert(
                name.to_string(),
                Sym {
                    kind: Kind::Builtin,
                    arity: Some(*arity),
                    span: None,
                },
            );
        }
        // Only when there are operations: other specs may define these names themselves.
        if !self.operations.is_empty() {
            for (name, arity) in EVENT_BUILTINS {
                self.globals.insert(
                    name.to_string(),
                    Sym {
                        kind: Kind::Builtin,
                        arity: Some(*arity),
                        span: None,
                    },
                );
            }
        }
        for c in &doc.constants {
            self.declare(&c.name, Kind::Constant, Some(c.arity));
        }
        for v in &doc.variables {
            self.declare(v, Kind::Variable, Some(0));
        }
        for d in &doc.defs {
            self.declare(&d.name, Kind::Definition, def_arity(d));
            self.check_symbol_def(d);
        }
        // Theorem and assumption names are named in proofs (`BY Thm`), which are not read;
        // those stating an expression are definitions already (`modules::load`), the others
        // (`ASSUME ... PROVE ...`) no expression.
        let names = doc.theorems.iter().filter_map(|t| t.name.as_ref());
        let names = names.chain(doc.assumes.iter().filter_map(|a| a.name.as_ref()));
        for name in names.filter(|n| !doc.defs.iter().any(|d| d.name == **n)) {
            self.declare(name, Kind::AssumeProve, Some(0));
        }
        let Some(alg) = &doc.algorithm else { return };
        for (name, kind) in [("pc", Kind::Variable), ("stack", Kind::Variable)] {
            self.globals.insert(
                name.into(),
                Sym {
                    kind,
                    arity: Some(0),
                    span: None,
                },
            );
        }
        for name in TRANSLATION_NAMES {
            self.globals.entry(name.to_string()).or_insert(Sym {
                kind: Kind::Translation,
                arity: None,
                span: None,
            });
        }
        for v in &alg.vars {
            self.declare(&v.name, Kind::Variable, Some(0));
        }
        // Process and procedure variables are TLA+ variables too (invariants read them), so
        // their names must differ from every other name.
        let locals = alg.processes.iter().flat_map(|p| &p.locals).chain(
            alg.procedures
                .iter()
                .flat_map(|p| p.params.iter().chain(&p.locals)),
        );
        for v in locals {
            self.declare(&v.name, Kind::Local, Some(0));
        }
        for d in &alg.defines {
            self.declare(&d.name, Kind::Definition, def_arity(d));
        }
        // The translation's operators for the steps (`P(self) == Li0(self) \/ ...`), which
        // the text after it may use; declared last, so a name also declared otherwise is that.
        for (name, arity) in crate::symtab::step_operators(alg) {
            self.globals.entry(name).or_insert(Sym {
                kind: Kind::Translation,
                arity: Some(arity),
                span: None,
            });
        }
        for m in &alg.macros {
            self.declare_callable(&m.name, m.params.len(), true);
        }
        for p in &alg.procedures {
            self.declare_callable(&p.name, p.params.len(), false);
        }
        let mut process_names: HashMap<&str, Span> = HashMap::new();
        for p in &alg.processes {
            if let Some(first) = process_names.insert(&p.name.name, p.name.span) {
                self.duplicate(&p.name, first);
            }
        }
        self.declare_operations(alg);
    }

    /// Operation names are unique, and differ from procedures and macros: a client's call
    /// names one of them, and the first step of each is named after it.
    fn declare_operations(&mut self, alg: &Algorithm) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for op in &alg.operations {
            if let Some(first) = seen.insert(&op.name.name, op.name.span) {
                self.duplicate(&op.name, first);
                continue;
            }
            let other = self
                .procs
                .get(&op.name.name)
                .map(|&(_, s)| (s, "procedure"))
                .or_else(|| self.macros.get(&op.name.name).map(|&(_, s)| (s, "macro")));
            if let Some((first, what)) = other {
                let d = Diagnostic::error(
                    op.name.span,
                    format!("`{}` is both an operation and a {what}", op.name.name),
                )
                .with_label(first, format!("the {what} is defined here"))
                .with_hint("rename one of them");
                self.diags.push(d);
            }
        }
    }

    fn declare(&mut self, id: &Ident, kind: Kind, arity: Option<usize>) {
        // Modules written for TLC often declare `CONSTANT defaultInitValue` themselves.
        // A standard module's name where the module is not imported is the module's to define.
        let redeclared_builtin = id.name == "defaultInitValue" && kind == Kind::Constant
            || crate::standard::free(&id.name, &self.standard)
                && self
                    .globals
                    .get(&id.name)
                    .is_some_and(|s| s.kind == Kind::Builtin);
        if let Some(prev) = self.globals.get(&id.name).filter(|_| !redeclared_builtin) {
            match (prev.span, prev.kind) {
                (Some(first), _) => self.duplicate(id, first),
                (None, Kind::Translation) => {
                    let d = Diagnostic::error(id.span, format!("`{}` is defined by the PlusCal translation", id.name))
                        .with_hint("the translation of the algorithm defines `Init`, `Next`, `Spec`, `vars`, `ProcSet` and `Termination`: choose another name");
                    self.diags.push(d);
                }
                (None, _) if EVENT_BUILTINS.iter().any(|(n, _)| *n == id.name) => {
                    let d = Diagnostic::error(id.span, format!("`{}` is already defined (it is built in)", id.name)).with_hint(
                        "an algorithm with operations defines `event`, `Returned`, `Called`, `Result` and `Args` for properties about its events: choose another name",
                    );
                    self.diags.push(d);
                }
                (None, _) => {
                    let d = self.builtin_redefined(id);
                    self.diags.push(d);
                }
            }
            return;
        }
        self.globals.insert(
            id.name.clone(),
            Sym {
                kind,
                arity,
                span: Some(id.span),
            },
        );
    }

    /// The error for a definition of a built-in name.
    fn builtin_redefined(&self, id: &Ident) -> Diagnostic {
        let Some(m) = crate::standard::module_of(&id.name) else {
            return Diagnostic::error(
                id.span,
                format!("`{}` is already defined (it is built in)", id.name),
            )
            .with_hint("choose another name");
        };
        Diagnostic::error(
            id.span,
            format!(
                "`{}` is already defined by the standard module {m}, which this module imports",
                id.name
            ),
        )
        .with_hint(format!(
            "choose another name (a module that does not import {m} may define `{}` itself)",
            id.name
        ))
    }

    /// A definition of an operator over symbols must be of one a module may define (`\prec`,
    /// `^+`, a standard module's `+` where that module is not imported), not of one Thicket
    /// builds in (`\cup`, an imported `+`).
    fn check_symbol_def(&mut self, d: &OpDef) {
        let name = d.name.name.as_str();
        let definable = crate::ops::infix_name(name).is_some()
            || crate::ops::POSTFIX.contains(&name)
            || crate::standard::free(name, &self.standard);
        if !crate::ops::is_symbol(name) || definable {
            return;
        }
        if crate::standard::module_of(name).is_some() {
            let d = self.builtin_redefined(&d.name);
            self.diags.push(d);
            return;
        }
        let d = Diagnostic::error(
            d.name.span,
            format!("`{name}` is built into Thicket: a module cannot define it"),
        )
        .with_hint("Thicket gives the standard modules' operators their standard meaning; define an operator with another name");
        self.diags.push(d);
    }

    fn declare_callable(&mut self, id: &Ident, arity: usize, is_macro: bool) {
        let table = if is_macro {
            &mut self.macros
        } else {
            &mut self.procs
        };
        if let Some(&(_, first)) = table.get(&id.name) {
            self.duplicate(id, first);
            return;
        }
        table.insert(id.name.clone(), (arity, id.span));
    }

    fn duplicate(&mut self, id: &Ident, first: Span) {
        let d = Diagnostic::error(id.span, format!("`{}` is defined twice", id.name))
            .with_label(first, "first defined here")
            .with_hint("rename one of them");
        self.diags.push(d);
    }

    // -----------------------------------------------------------------------------------------
    // Scopes
    // -----------------------------------------------------------------------------------------

    fn lookup(&self, name: &str) -> Option<Sym> {
        for scope in self.scopes.iter().rev() {
            if let Some((_, s)) = scope.iter().rev().find(|(n, _)| n == name) {
                return Some(*s);
            }
        }
        self.globals.get(name).copied()
    }

    fn push(&mut self, names: impl IntoIterator<Item = (String, Sym)>) {
        let names: Vec<(String, Sym)> = names.into_iter().collect();
        for (name, sym) in &names {
            self.bound_builtin(name, sym.span);
        }
        self.scopes.push(names);
    }

    /// A parameter, bound name or `LET` definition may not take the name of an imported
    /// standard module's operator (SANY: "Multiply-defined symbol").
    fn bound_builtin(&mut self, name: &str, span: Option<Span>) {
        let imported = crate::standard::module_of(name)
            .is_some_and(|m| self.strict && self.standard.contains(&m));
        let span = span.filter(|s| s.start < self.main_end);
        if let (true, Some(span)) = (imported, span) {
            let d = self.builtin_redefined(&Ident {
                name: name.to_string(),
                span,
            });
            self.diags.push(d);
        }
    }

    fn pop(&mut self) {
        self.scopes.pop();
    }

    fn bound_sym(span: Span, arity: usize) -> Sym {
        Sym {
            kind: Kind::Bound,
            arity: Some(arity),
            span: Some(span),
        }
    }

    fn visible_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.globals.keys().cloned().collect();
        for s in &self.scopes {
            names.extend(s.iter().map(|(n, _)| n.clone()));
        }
        if self.in_process {
            names.push("self".into());
        }
        names.sort();
        names
    }

    fn undefined(&mut self, id: &Ident, what: &str) {
        if EVENT_BUILTINS.iter().any(|(n, _)| *n == id.name) {
            // Only algorithms with operations have events (see `declare_globals`).
            let whose = if self.syntax.is_some() {
                "this algorithm has none"
            } else {
                "this text has no algorithm"
            };
            let mut d = Diagnostic::error(
                id.span,
                format!(
                    "`{}` is about the events of operations, and {whose}",
                    id.name
                ),
            );
            if !std::mem::replace(&mut self.events_explained, true) {
                let example = if self.syntax == Some(Syntax::P) {
                    "`operation get() begin ... end operation;`"
                } else {
                    "`operation get() { ... }`"
                };
                d = d.with_hint(format!(
                    "events are the calls and returns of operations: write the algorithm's interface as operations, e.g. {example}, \
                     or write the property about variables"
                ));
            }
            self.diags.push(d);
            return;
        }
        if crate::modules::library::host_only(&id.name).is_some()
            || crate::modules::library::native_call(&id.name)
        {
            // Read, and an error where it is evaluated (the checker says why).
            return;
        }
        if let Some(d) = instance_name_problem(id) {
            self.diags.push(d);
            return;
        }
        if let Some(d) = self.not_imported(&id.name, id.span) {
            self.diags.push(d);
            return;
        }
        let mut d = Diagnostic::error(id.span, format!("{what} `{}` is not defined", id.name));
        let names = self.visible_names();
        if id.name == "self" && self.in_operation {
            d = d.with_hint("an algorithm with operations is one object, not a set of processes: it has no `self`");
        } else if id.name == "self" {
            d = d.with_hint("`self` (the identifier of the running process) exists only inside a process or procedure");
        } else if id.name == "true" || id.name == "false" {
            d = d.with_hint(format!(
                "TLA+ writes booleans in capitals: `{}`",
                id.name.to_uppercase()
            ));
        } else if id.name == "Max" || id.name == "Min" {
            d = d.with_hint(format!(
                "`{0}` is not built in: define it, e.g. `{0}(a, b) == IF a {1} b THEN a ELSE b`",
                id.name,
                if id.name == "Max" { ">" } else { "<" }
            ));
        } else if let Some(near) = nearest(&id.name, names.iter().map(String::as_str)) {
            d = d.with_hint(format!("did you mean `{near}`?"));
        }
        let d = self.hint_unreadable_modules(d);
        self.diags.push(d);
    }

    /// The error for a use of a standard module's name where that module is not imported (as
    /// SANY has it): `None` when it is, or when the name is no standard module's.
    fn not_imported(&self, name: &str, span: Span) -> Option<Diagnostic> {
        let m = crate::standard::module_of(name)?;
        if self.builtin_here(name) {
            return None;
        }
        let d = Diagnostic::error(
            span,
            format!(
                "`{name}` is defined by the standard module {m}, which this module does not import"
            ),
        )
        .with_hint(format!(
            "add `EXTENDS {m}` (or another module that extends it)"
        ));
        Some(d)
    }

    // -----------------------------------------------------------------------------------------
    // The document
    // -----------------------------------------------------------------------------------------

    fn check_document(&mut self, doc: &Document) {
        for a in &doc.assumes {
            self.expr(&a.expr);
        }
        for t in &doc.theorems {
            self.theorem(t);
        }
        for d in &doc.defs {
            self.def(d);
        }
        if let Some(alg) = &doc.algorithm {
            self.algorithm(alg);
        }
        if let Some(m) = &doc.model {
            self.model(m, doc);
        }
    }

    /// A theorem's statement resolves like a definition's body; its proof is not kept.
    fn theorem(&mut self, t: &Theorem) {
        match &t.statement {
            Statement::Expr(e) => self.expr(e),
            Statement::AssumeProve(ap) => self.assume_prove(ap),
        }
    }

    /// `ASSUME NEW x \in S, P(x) PROVE Q(x)`: each `NEW` name is defined from there on.
    fn assume_prove(&mut self, ap: &AssumeProve) {
        self.push(vec![]);
        for a in &ap.assume {
            match a {
                Assumption::New(n) => {
                    if let Some(set) = &n.set {
                        self.expr(set);
                    }
                    let sym = Self::bound_sym(n.name.span, n.arity);
                    if let Some(scope) = self.scopes.last_mut() {
                        scope.push((n.name.name.clone(), sym));
                    }
                }
                Assumption::Expr(e) => self.expr(e),
                Assumption::AssumeProve(inner) => self.assume_prove(inner),
            }
        }
        self.expr(&ap.prove);
        self.pop();
    }

    fn def(&mut self, d: &OpDef) {
        let params: Vec<(String, Sym)> = match &d.fn_bounds {
            Some(bounds) => {
                let mut names = vec![];
                for b in bounds {
                    if let Some(s) = &b.set {
                        self.expr(s);
                    }
                    names.extend(bound_names(b));
                }
                // A recursive function definition may use its own name.
                names.push((d.name.name.clone(), Self::bound_sym(d.name.span, 0)));
                names
            }
            None => d
                .params
                .iter()
                .map(|p| (p.name.name.clone(), Self::bound_sym(p.name.span, p.arity)))
                .collect(),
        };
        let outer = self
            .current_def
            .replace((d.name.name.clone(), d.recursive || d.fn_bounds.is_some()));
        self.push(params);
        self.expr(&d.body);
        self.pop();
        self.current_def = outer;
    }

    fn model(&mut self, m: &Model, doc: &Document) {
        // A binding of another module's name (`Ballot <- [Voting] MCBallot`) is matched with
        // that module's definitions when the model is applied.
        for c in m.constants.iter().filter(|c| c.module.is_none()) {
            // A definition may be given a value too: the model's value overrides it (TLC).
            let declared = doc.constants.iter().any(|k| k.name.name == c.name.name)
                || doc.defs.iter().any(|d| d.name.name == c.name.name)
                || c.name.name == "defaultInitValue";
            if !declared {
                let mut d = Diagnostic::error(
                    c.name.span,
                    format!(
                        "the model sets `{}`, which is not a declared constant",
                        c.name.name
                    ),
                );
                let names = doc.constants.iter().map(|k| k.name.name.as_str());
                if let Some(near) = nearest(&c.name.name, names) {
                    d = d.with_hint(format!("did you mean `{near}`?"));
                } else {
                    d = d.with_hint(format!("declare it with `CONSTANT {}`", c.name.name));
                }
                self.diags.push(d);
            }
        }
        for c in &m.constants {
            if let ConstantValue::Substitute(target) = &c.value {
                self.model_name(target, "definition");
            }
        }
        let lists = [
            (&m.invariants, "invariant"),
            (&m.properties, "property"),
            (&m.constraints, "constraint"),
            (&m.action_constraints, "action constraint"),
        ];
        for (list, what) in lists {
            for id in list {
                self.model_name(id, what);
            }
        }
        for id in [
            &m.specification,
            &m.init,
            &m.next,
            &m.symmetry,
            &m.view,
            &m.alias,
            &m.postcondition,
        ]
        .into_iter()
        .flatten()
        {
            self.model_name(id, "definition");
        }
    }

    /// A "not defined" error, with where the name may come from when a module was unreadable.
    fn hint_unreadable_modules(&self, d: Diagnostic) -> Diagnostic {
        if self.unreadable_modules.is_empty() {
            return d;
        }
        let modules: Vec<String> = self
            .unreadable_modules
            .iter()
            .map(|m| match crate::modules::known(m) {
                Some(crate::modules::Known::NotImplemented(what)) => {
                    format!("`{m}` ({what} Thicket does not implement yet)")
                }
                _ => format!("`{m}` (which Thicket could not find)"),
            })
            .collect();
        d.with_hint(format!("it may be defined in {}", modules.join(", ")))
    }

    fn model_name(&mut self, id: &Ident, what: &str) {
        if !matches!(self.globals.get(&id.name), Some(s) if matches!(s.kind, Kind::Definition | Kind::Translation))
        {
            let mut d = Diagnostic::error(
                id.span,
                format!(
                    "the model names the {what} `{}`, which is not defined",
                    id.name
                ),
            );
            let defs: Vec<&str> = self
                .globals
                .iter()
                .filter(|(_, s)| s.kind == Kind::Definition)
                .map(|(n, _)| n.as_str())
                .collect();
            if let Some(near) = nearest(&id.name, defs.into_iter()) {
                d = d.with_hint(format!("did you mean `{near}`?"));
            }
            let d = self.hint_unreadable_modules(d);
            self.diags.push(d);
        }
    }

    // -----------------------------------------------------------------------------------------
    // PlusCal
    // -----------------------------------------------------------------------------------------

    fn algorithm(&mut self, alg: &Algorithm) {
        for v in &alg.vars {
            self.var_init(v);
        }
        for d in &alg.defines {
            self.def(d);
        }
        let procs = &alg.procedures;
        for m in &alg.macros {
            self.in_process = true;
            // Macro parameters stand for expressions, or for variables when assigned to.
            let params = m.params.iter().map(|p| {
                (
                    p.name.clone(),
                    Sym {
                        kind: Kind::Local,
                        arity: Some(0),
                        span: Some(p.span),
                    },
                )
            });
            self.push(params);
            self.stmts(&m.body, true);
            self.pop();
            self.in_process = false;
        }
        for p in procs {
            self.in_process = true;
            self.local_decls(&p.params, &p.locals, &p.body);
            self.in_process = false;
        }
        for p in &alg.processes {
            match &p.ids {
                ProcessIds::Single(e) | ProcessIds::Set(e) => self.expr(e),
            }
            self.in_process = true;
            self.local_decls(&[], &p.locals, &p.body);
            self.in_process = false;
        }
        if let Some(body) = &alg.body {
            self.stmts(body, false);
        }
        for op in &alg.operations {
            for p in &op.params {
                self.expr(&p.set);
            }
            self.push(op.params.iter().map(|p| {
                (
                    p.name.name.clone(),
                    Sym {
                        kind: Kind::OpParam,
                        arity: Some(0),
                        span: Some(p.name.span),
                    },
                )
            }));
            self.in_operation = true;
            self.stmts(&op.body, false);
            self.in_operation = false;
            self.pop();
        }
        self.object_without_processes(alg);
    }

    /// An algorithm with operations is an object driven by a client: the client's calls are
    /// its only behaviors, so processes or a main body have no place in it.
    fn object_without_processes(&mut self, alg: &Algorithm) {
        let Some(first_op) = alg.operations.first() else {
            return;
        };
        let message = "an algorithm with operations is an object: its behaviors are the calls and returns of its operations, so it has no processes";
        for p in &alg.processes {
            let d = Diagnostic::error(p.name.span, message)
                .with_label(first_op.name.span, "an operation")
                .with_hint("remove the process, or write the algorithm without operations");
            self.diags.push(d);
        }
        if let Some(first) = alg.body.as_ref().and_then(|b| b.first()) {
            let d = Diagnostic::error(first.span, message.replace("no processes", "no main body"))
                .with_label(first_op.name.span, "an operation")
                .with_hint("what the body does belongs in an operation (a client calls it), or in the initial values of the variables");
            self.diags.push(d);
        }
    }

    /// Check locals' initialisers and then the body.
    fn local_decls(&mut self, params: &[VarDecl], locals: &[VarDecl], body: &[Stmt]) {
        for v in params.iter().chain(locals) {
            self.var_init(v);
        }
        self.stmts(body, false);
    }

    fn var_init(&mut self, v: &VarDecl) {
        match &v.init {
            VarInit::Eq(e) | VarInit::In(e) => self.expr(e),
            VarInit::None => {}
        }
    }

    fn stmts(&mut self, stmts: &[Stmt], in_macro: bool) {
        for s in stmts {
            self.stmt(s, in_macro);
        }
    }

    fn stmt(&mut self, s: &Stmt, in_macro: bool) {
        match &s.kind {
            StmtKind::Skip | StmtKind::Return | StmtKind::Goto(_) => {}
            StmtKind::ReturnValue(e) => {
                self.expr(e);
                if !self.in_operation {
                    let d = Diagnostic::error(e.span, "a `return` with a value is allowed only in an operation")
                        .with_hint("a procedure's `return` has no value; only operations return values. Write `return;` and leave the result in a variable");
                    self.diags.push(d);
                }
            }
            StmtKind::Assign(asgs) => {
                for a in asgs {
                    self.assignment(a);
                }
            }
            StmtKind::If { branches, els } => {
                for (c, b) in branches {
                    self.expr(c);
                    self.stmts(b, in_macro);
                }
                if let Some(e) = els {
                    self.stmts(e, in_macro);
                }
            }
            StmtKind::Either(bs) => bs.iter().for_each(|b| self.stmts(b, in_macro)),
            StmtKind::While { cond, body } => {
                self.expr(cond);
                self.stmts(body, in_macro);
            }
            StmtKind::Await(e) | StmtKind::Assert(e) | StmtKind::Print(e) => self.expr(e),
            StmtKind::With { bindings, body } => {
                let mut names = vec![];
                for b in bindings {
                    // Each binding sees the ones before it.
                    self.push(names.clone());
                    self.expr(&b.expr);
                    self.pop();
                    names.push((b.name.name.clone(), Self::bound_sym(b.name.span, 0)));
                }
                self.push(names);
                self.stmts(body, in_macro);
                self.pop();
            }
            StmtKind::Call { proc, args } => {
                args.iter().for_each(|a| self.expr(a));
                self.callee(proc, args.len(), false);
            }
            StmtKind::MacroCall { name, args } => {
                args.iter().for_each(|a| self.expr(a));
                self.callee(name, args.len(), true);
            }
        }
    }

    fn callee(&mut self, name: &Ident, nargs: usize, is_macro: bool) {
        let (table, other, what) = if is_macro {
            (&self.macros, &self.procs, "macro")
        } else {
            (&self.procs, &self.macros, "procedure")
        };
        match table.get(&name.name) {
            Some(&(arity, def)) if arity != nargs => {
                let d = Diagnostic::error(
                    name.span,
                    format!(
                        "the {what} `{}` takes {} but is given {}",
                        name.name,
                        plural(arity, "argument"),
                        nargs
                    ),
                )
                .with_label(def, "defined here");
                self.diags.push(d);
            }
            Some(_) => {}
            None => {
                let mut d =
                    Diagnostic::error(name.span, format!("there is no {what} `{}`", name.name));
                if other.contains_key(&name.name) {
                    d = d.with_hint(if is_macro {
                        format!(
                            "`{}` is a procedure: write `call {}(...)`",
                            name.name, name.name
                        )
                    } else {
                        format!("`{}` is a macro: call it without `call`", name.name)
                    });
                } else if let Some(near) = nearest(&name.name, table.keys().map(String::as_str)) {
                    d = d.with_hint(format!("did you mean `{near}`?"));
                }
                self.diags.push(d);
            }
        }
    }

    fn assignment(&mut self, a: &Assignment) {
        for p in &a.path {
            if let PathElem::Index(ix) = p {
                ix.iter().for_each(|e| self.expr(e));
            }
        }
        self.expr(&a.value);
        match self.lookup(&a.var.name) {
            None => self.undefined(&a.var, "the variable"),
            Some(s) if matches!(s.kind, Kind::Variable | Kind::Local) => {}
            Some(s) => {
                let what = match s.kind {
                    Kind::Constant => "a constant",
                    Kind::Definition | Kind::Translation => "a definition",
                    Kind::Builtin => "built in",
                    Kind::OpParam => "a parameter of the operation (its value is the caller's)",
                    _ => "bound by `with` or a quantifier",
                };
                let mut d = Diagnostic::error(
                    a.var.span,
                    format!(
                        "cannot assign to `{}`: it is {what}, not a variable",
                        a.var.name
                    ),
                );
                if let Some(first) = s.span {
                    d = d.with_label(first, "defined here");
                }
                d = d.with_hint("only variables declared with `variables` (global, process or procedure) can be assigned");
                self.diags.push(d);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Expressions
    // -----------------------------------------------------------------------------------------

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Str(_) | ExprKind::At => {}
            ExprKind::Name(id) => self.name(id, 0, false),
            ExprKind::Apply { op, args } => {
                args.iter().for_each(|a| self.expr(a));
                self.name(op, args.len(), true);
                self.event_operation(op, args);
            }
            ExprKind::Unary { op, arg } => {
                if *op == UnOp::Neg {
                    self.builtin_symbol("-.", e.span);
                }
                self.expr(arg)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.builtin_symbol(crate::print::bin_text(*op), e.span);
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::Junction { items, .. }
            | ExprKind::SetEnum(items)
            | ExprKind::Tuple(items)
            | ExprKind::Cross(items) => {
                items.iter().for_each(|i| self.expr(i));
            }
            ExprKind::If { cond, then, els } => {
                self.expr(cond);
                self.expr(then);
                self.expr(els);
            }
            ExprKind::Case { arms, other } => {
                for (g, v) in arms {
                    self.expr(g);
                    self.expr(v);
                }
                if let Some(o) = other {
                    self.expr(o);
                }
            }
            ExprKind::Let { defs, body } => {
                let names = defs.iter().map(|d| {
                    (
                        d.name.name.clone(),
                        Sym {
                            kind: Kind::Definition,
                            arity: def_arity(d),
                            span: Some(d.name.span),
                        },
                    )
                });
                self.push(names);
                for d in defs {
                    self.def(d);
                }
                self.expr(body);
                self.pop();
            }
            ExprKind::Quant { bounds, body, .. } | ExprKind::FnConstruct { bounds, body } => {
                self.bounded(bounds, &[body])
            }
            ExprKind::SetMap { body, bounds } => self.bounded(bounds, &[body]),
            ExprKind::Choose { bound, body } => self.bounded(std::slice::from_ref(bound), &[body]),
            ExprKind::SetFilter { bound, pred } => {
                self.bounded(std::slice::from_ref(bound), &[pred])
            }
            ExprKind::FnApply { f, args } => {
                self.expr(f);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::FnSet { dom, range } => {
                self.expr(dom);
                self.expr(range);
            }
            ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
                fields.iter().for_each(|(_, v)| self.expr(v))
            }
            ExprKind::Field { rec, .. } => self.expr(rec),
            ExprKind::Except { base, updates } => {
                self.expr(base);
                for u in updates {
                    for p in &u.path {
                        if let PathElem::Index(ix) = p {
                            ix.iter().for_each(|i| self.expr(i));
                        }
                    }
                    self.expr(&u.value);
                }
            }
            ExprKind::Lambda { params, body } => {
                self.push(
                    params
                        .iter()
                        .map(|p| (p.name.clone(), Self::bound_sym(p.span, 0))),
                );
                self.expr(body);
                self.pop();
            }
            ExprKind::ActionProp { action, vars, .. } => {
                self.expr(action);
                self.expr(vars);
            }
            // A label's parameters are names bound around it.
            ExprKind::Label { body, .. } => self.expr(body),
            ExprKind::InstanceVar { image, .. } => self.expr(image),
            ExprKind::Fairness { vars, action, .. } => {
                self.expr(vars);
                self.expr(action);
            }
        }
    }

    /// A use of a built-in operator (`a + b`): its standard module must be imported.
    fn builtin_symbol(&mut self, name: &str, span: Span) {
        if let Some(d) = self.not_imported(name, span) {
            self.diags.push(d);
        }
    }

    /// Bounds: each set is checked outside the bound names, then the bodies inside them.
    fn bounded(&mut self, bounds: &[Bound], bodies: &[&Expr]) {
        let mut names = vec![];
        for b in bounds {
            if let Some(s) = &b.set {
                self.expr(s);
            }
            names.extend(bound_names(b));
        }
        self.push(names);
        for body in bodies {
            self.expr(body);
        }
        self.pop();
    }

    fn name(&mut self, id: &Ident, nargs: usize, applied: bool) {
        if id.name == "self" && self.lookup("self").is_none() {
            if !self.in_process {
                self.undefined(id, "the name");
            }
            return;
        }
        if let Some((current, recursive_ok)) = &self.current_def {
            if *current == id.name
                && !recursive_ok
                && self
                    .scopes
                    .iter()
                    .all(|s| s.iter().all(|(n, _)| n != &id.name))
            {
                let d = Diagnostic::error(id.span, format!("`{}` is used in its own definition", id.name)).with_hint(format!(
                    "a recursive operator must be declared first: add `RECURSIVE {}{}` before its definition",
                    id.name,
                    if nargs > 0 { format!("({})", vec!["_"; nargs].join(", ")) } else { String::new() }
                ));
                self.diags.push(d);
                return;
            }
        }
        let Some(sym) = self.lookup(&id.name) else {
            if !applied && crate::ops::builtin_operator_arity(&id.name).is_some() {
                // A built-in operator passed as an argument (`Op(+, a, b)`).
                return self.builtin_symbol(&id.name, id.span);
            }
            let what = if applied { "the operator" } else { "the name" };
            self.undefined(id, what);
            return;
        };
        if sym.kind == Kind::AssumeProve {
            let d = Diagnostic::error(
                id.span,
                format!("`{}` states ASSUME ... PROVE ..., which is no expression", id.name),
            )
            .with_hint("only a theorem stating an expression can be used as one (SANY: \"ASSUME/PROVE used where an expression is required\")");
            self.diags.push(d);
            return;
        }
        if applied && matches!(sym.kind, Kind::Variable | Kind::Local) {
            let d = Diagnostic::error(
                id.span,
                format!("`{}` is a variable, not an operator", id.name),
            )
            .with_hint(format!("to apply a function, write `{}[...]`", id.name));
            self.diags.push(d);
            return;
        }
        let Some(arity) = sym.arity else { return };
        let wrong = if applied { arity != nargs } else { false };
        if wrong {
            let mut d = Diagnostic::error(
                id.span,
                format!(
                    "`{}` takes {} but is given {}",
                    id.name,
                    plural(arity, "argument"),
                    nargs
                ),
            );
            if let Some(def) = sym.span {
                d = d.with_label(def, "defined here");
            }
            self.diags.push(d);
        }
    }
}

impl Resolver {
    /// `Returned("gt")`: a literal operation name must name an operation.
    fn event_operation(&mut self, op: &Ident, args: &[Expr]) {
        if !matches!(op.name.as_str(), "Returned" | "Called") || self.operations.is_empty() {
            return;
        }
        if !matches!(self.lookup(&op.name), Some(s) if s.kind == Kind::Builtin) {
            return;
        }
        let [Expr {
            kind: ExprKind::Str(name),
            span,
        }] = args
        else {
            return;
        };
        if self.operations.iter().any(|o| o == name) {
            return;
        }
        let mut d = Diagnostic::error(*span, format!("there is no operation `{name}`"));
        if let Some(near) = nearest(name, self.operations.iter().map(String::as_str)) {
            d = d.with_hint(format!("did you mean \"{near}\"?"));
        } else {
            let all: Vec<String> = self.operations.iter().map(|o| format!("\"{o}\"")).collect();
            d = d.with_hint(format!("the operations are {}", all.join(", ")));
        }
        self.diags.push(d);
    }
}

fn def_arity(d: &OpDef) -> Option<usize> {
    Some(d.params.len())
}

fn bound_names(b: &Bound) -> Vec<(String, Sym)> {
    let ids = match &b.pattern {
        BoundPattern::Names(ids) | BoundPattern::Tuple(ids) => ids,
    };
    ids.iter()
        .map(|i| (i.name.clone(), Resolver::bound_sym(i.span, 0)))
        .collect()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
