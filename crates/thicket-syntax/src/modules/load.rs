//! Reading a module with every module it names: `EXTENDS` and `INSTANCE` resolved into one
//! flat document, as TLA+ defines them.
//!
//! - `EXTENDS M`: `M`'s declarations and definitions become the module's own (`M`'s `LOCAL`
//!   definitions stay usable by `M`'s definitions only: they are renamed out of reach).
//! - `INSTANCE M WITH a <- e`: `M`'s definitions with `M`'s constants and variables replaced
//!   by the expressions (a name not mentioned by the one of the same name here); not its
//!   assumptions (TLC evaluates those of the checked module and the modules it extends only).
//! - `N(p) == INSTANCE M ...`: the same, each definition `Op` named `N!Op` and taking `p`
//!   first.
//! - A module nested in another sees the declarations and definitions before it.
//!
//! A module is looked for among the built-in ones, then in the text itself, then in the
//! [`ModuleSource`]. Every module that cannot be read is an error located at its name.

use super::sources::{ModuleSource, Sources};
use super::split::{self, Piece};
use super::subst::{Image, Subst};
use crate::ast::*;
use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::rc::Rc;

/// Where a module's text is: which file, which piece of it.
#[derive(Clone, Debug)]
struct Place {
    file: usize,
    pieces: Rc<Vec<Piece>>,
    piece: usize,
}

pub(crate) struct Loader<'a> {
    source: &'a dyn ModuleSource,
    pub sources: Sources,
    places: HashMap<String, Place>,
    parsed: HashMap<String, Option<Rc<Document>>>,
    flat: HashMap<String, Option<Rc<Document>>>,
    /// The modules being read, outermost first (a module that names itself is an error).
    active: Vec<String>,
    /// The module checked: read with its PlusCal algorithm (the others as TLC reads them,
    /// through their translation when they have one).
    pub main: Option<String>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Loader<'a> {
    pub fn new(path: &str, text: &str, source: &'a dyn ModuleSource) -> Loader<'a> {
        let mut l = Loader {
            source,
            sources: Sources::new(path, text),
            places: HashMap::new(),
            parsed: HashMap::new(),
            flat: HashMap::new(),
            active: vec![],
            main: None,
            diags: vec![],
        };
        l.register(0);
        l
    }

    /// The module the main text is about: the one named like its file, else the last one
    /// not nested in another. `None` for a text without modules.
    pub fn main_module(&self) -> Option<String> {
        let f = &self.sources.files[0];
        let pieces = split::pieces(&f.text);
        let stem = f.path.rsplit(['/', '\\']).next().unwrap_or_default();
        let stem = stem.strip_suffix(".tla").unwrap_or(stem);
        pieces
            .iter()
            .find(|p| p.parent.is_none() && p.name == stem)
            .or_else(|| pieces.iter().rev().find(|p| p.parent.is_none()))
            .map(|p| p.name.clone())
    }

    fn register(&mut self, file: usize) {
        let pieces = Rc::new(split::pieces(&self.sources.files[file].text));
        for (i, p) in pieces.iter().enumerate() {
            self.places.entry(p.name.clone()).or_insert(Place {
                file,
                pieces: pieces.clone(),
                piece: i,
            });
        }
    }

    /// The module `name`, flat; `None` (and an error at `at`) when it cannot be read.
    pub fn flat(&mut self, name: &str, at: Span) -> Option<Rc<Document>> {
        if let Some(done) = self.flat.get(name) {
            return done.clone();
        }
        if self.active.iter().any(|a| a == name) {
            let chain = [&self.active[..], &[name.to_string()]].concat().join(" → ");
            self.diags.push(Diagnostic::error(
                at,
                format!("the module `{name}` names itself ({chain})"),
            ));
            return None;
        }
        self.active.push(name.to_string());
        let result = self.read_flat(name, at);
        self.active.pop();
        self.flat.insert(name.to_string(), result.clone());
        result
    }

    fn read_flat(&mut self, name: &str, at: Span) -> Option<Rc<Document>> {
        let doc = self.parsed(name, at)?;
        let place = self.places.get(name).cloned()?;
        let prefix = match place.pieces[place.piece].parent {
            Some(parent) => {
                let outer = &place.pieces[parent];
                let outer_doc = self.parsed(&outer.name.clone(), at)?;
                let before = place.pieces[place.piece].range.start as u32
                    + self.sources.files[place.file].base;
                Some(self.flatten(&before_offset(&outer_doc, before)))
            }
            None => None,
        };
        Some(Rc::new(self.flatten_with(&doc, prefix)))
    }

    /// The module `name` parsed (not yet flat).
    fn parsed(&mut self, name: &str, at: Span) -> Option<Rc<Document>> {
        if let Some(done) = self.parsed.get(name) {
            return done.clone();
        }
        let result = self
            .locate(name, at)
            .and_then(|place| self.parse(name, &place));
        self.parsed.insert(name.to_string(), result.clone());
        result
    }

    fn locate(&mut self, name: &str, at: Span) -> Option<Place> {
        if !self.places.contains_key(name) {
            if let Some(text) = super::library::text(name) {
                let file = self.sources.add(&super::library::path(name), text);
                self.register(file);
            } else if let Some(found) = self.source.find(name) {
                let file = self.sources.add(&found.path, &found.text);
                self.register(file);
            }
        }
        let place = self.places.get(name).cloned();
        if place.is_none() {
            let places = [
                vec!["the standard modules".to_string(), "this text".into()],
                self.source.places(),
            ]
            .concat();
            self.diags.push(
                Diagnostic::error(at, format!("cannot find module `{name}` (looked in: {})", places.join(", ")))
                    .with_hint(format!("put `{name}.tla` beside this file, or name its folder with `--lib DIR`; in the page, add a tab named `{name}`")),
            );
        }
        place
    }

    fn parse(&mut self, name: &str, place: &Place) -> Option<Rc<Document>> {
        let file = &self.sources.files[place.file];
        let own = if place.pieces.len() == 1 {
            file.text.clone()
        } else {
            split::alone(&file.text, &place.pieces, place.piece)
        };
        let text = self.sources.placed(place.file, &own);
        // Another module than the one checked is read as TLC reads it: when it holds a PlusCal
        // algorithm and its translation, the translation is its definitions.
        let translated = self.main.as_deref() != Some(name) && own.contains("BEGIN TRANSLATION");
        let (doc, diags) = crate::read_document_as(&text, translated);
        self.diags.extend(diags);
        doc.map(|mut d| {
            // The library's operators that only stand for what TLC does outside the model.
            let module = d
                .module
                .as_ref()
                .map(|m| m.name.clone())
                .unwrap_or_default();
            if super::library::has(&module) {
                d.defs
                    .retain(|x| super::library::host_only(&x.name.name) != Some(&module));
                for def in &mut d.defs {
                    if super::library::native(&module, &def.name.name) {
                        def.body = native_call(&module, def);
                    }
                }
            }
            Rc::new(d)
        })
    }

    /// A parsed module made flat: what it extends and instantiates, then its own.
    pub fn flatten(&mut self, doc: &Document) -> Document {
        self.flatten_with(doc, None)
    }

    fn flatten_with(&mut self, doc: &Document, prefix: Option<Document>) -> Document {
        let mut out = Document {
            module: doc.module.clone(),
            extends: vec![],
            constants: vec![],
            variables: vec![],
            instances: vec![],
            assumes: vec![],
            theorems: doc.theorems.clone(),
            defs: vec![],
            algorithm: None,
            model: doc.model.clone(),
            span: doc.span,
        };
        if let Some(p) = prefix {
            extend(&mut out, &p, "");
        }
        for e in &doc.extends {
            self.extend_module(&mut out, e);
        }
        for inst in &doc.instances {
            self.instance(&mut out, inst, doc);
        }
        let doc = &own_meanings(&with_statement_defs(doc), &out);
        drop_restated(&mut out, doc);
        extend(&mut out, doc, "");
        out.algorithm = doc.algorithm.clone().or(out.algorithm);
        super::select::apply(&mut out, &mut self.diags);
        out
    }

    /// `EXTENDS e`: a built-in module is named (a module of the proof library also brings
    /// the modules its text extends, as in SANY), another one read and added.
    fn extend_module(&mut self, out: &mut Document, e: &Ident) {
        if !self.is_builtin(&e.name) {
            if let Some(m) = self.flat(&e.name, e.span) {
                extend(out, &m, &e.name);
            }
            return;
        }
        if out.extends.iter().any(|x| x.name == e.name) {
            return;
        }
        add_builtin(out, e);
        for base in super::proof_module_extends(&e.name) {
            let base = Ident {
                name: base.to_string(),
                span: e.span,
            };
            self.extend_module(out, &base);
        }
    }

    /// Whether the module `name` is one built in, not read: the standard modules TLC
    /// implements itself (even when a module of that name is beside the text: TLC uses its
    /// own) and the proof library's; the others Thicket knows (Reals, RealTime, TLCExt, ...)
    /// only when the text or its folder has no module of that name (SANY reads that one).
    fn is_builtin(&mut self, name: &str) -> bool {
        use super::Known;
        match super::known(name) {
            None => false,
            Some(Known::ProofOnly) => true,
            Some(Known::Implemented) if super::IMPLEMENTED.contains(&name) => true,
            Some(_) => !self.found_beside(name),
        }
    }

    /// Whether the text or the module source has the module `name` (then registered).
    fn found_beside(&mut self, name: &str) -> bool {
        if self.places.contains_key(name) {
            return true;
        }
        let Some(found) = self.source.find(name) else {
            return false;
        };
        let file = self.sources.add(&found.path, &found.text);
        self.register(file);
        self.places.contains_key(name)
    }

    fn instance(&mut self, out: &mut Document, inst: &Instance, doc: &Document) {
        if self.is_builtin(&inst.module.name) {
            if let Some(n) = &inst.name {
                let d = Diagnostic::error(
                    n.span,
                    format!(
                        "a named instance of the standard module `{}` is not supported",
                        inst.module.name
                    ),
                )
                .with_hint(format!(
                    "write `EXTENDS {}` or `INSTANCE {}` and use its operators by their names",
                    inst.module.name, inst.module.name
                ));
                self.diags.push(d);
            }
            return add_builtin(out, &inst.module);
        }
        let Some(m) = self.flat(&inst.module.name, inst.module.span) else {
            return;
        };
        if m.algorithm.is_some() {
            let d = Diagnostic::error(inst.module.span, format!("`{}` holds a PlusCal algorithm: Thicket cannot instantiate it yet", inst.module.name))
                .with_hint("EXTENDS it instead, or instantiate the module that its translation is checked with");
            return self.diags.push(d);
        }
        let Some(images) = self.images(inst, &m, doc, out) else {
            return;
        };
        let params: Vec<Ident> = inst.params.iter().map(|p| p.name.clone()).collect();
        let mut images = images;
        let renamed: Vec<String> = m
            .defs
            .iter()
            .map(|d| match &inst.name {
                Some(n) => format!("{}!{}", n.name, d.name.name),
                None if d.local && plain(&d.name.name) => {
                    format!("{}!{}", inst.module.name, d.name.name)
                }
                None => d.name.name.clone(),
            })
            .collect();
        for (d, new) in m.defs.iter().zip(&renamed) {
            images.insert(d.name.name.clone(), Image::Renamed(new.clone()));
        }
        let subst = Subst::new(images, params);
        for (d, new) in m.defs.iter().zip(renamed) {
            let mut nd = subst.def(d);
            if nd.fn_bounds.is_some() && !inst.params.is_empty() {
                nd = function_of_params(nd, &new, &d.name.name, &inst.params);
            }
            nd.name.name = new;
            nd.params = inst.params.iter().cloned().chain(nd.params).collect();
            nd.local = d.local || inst.local;
            add_def(out, nd);
        }
        // An instance's assumptions are not the instantiating module's: TLC evaluates only
        // the checked module's and those of the modules it extends.
        for e in &m.extends {
            add_builtin(out, e);
        }
    }

    /// What each constant and variable of `m` becomes in the instance: the expression named
    /// by `WITH`, else the name itself, which the instantiating module must have.
    fn images(
        &mut self,
        inst: &Instance,
        m: &Document,
        doc: &Document,
        out: &Document,
    ) -> Option<HashMap<String, Image>> {
        let declared: Vec<&str> = m
            .constants
            .iter()
            .map(|c| c.name.name.as_str())
            .chain(m.variables.iter().map(|v| v.name.as_str()))
            .collect();
        let mut ok = true;
        for s in &inst.substitutions {
            if !declared.contains(&s.name.name.as_str()) {
                self.diags.push(Diagnostic::error(
                    s.name.span,
                    format!(
                        "`{}` is not a constant or variable of `{}`",
                        s.name.name, inst.module.name
                    ),
                ));
                ok = false;
            }
        }
        let here = |n: &str| {
            inst.params.iter().any(|p| p.name.name == n) || declares(doc, n) || declares(out, n)
        };
        let prefix = inst.name.as_ref().unwrap_or(&inst.module);
        let var = |name: &str, image: Expr| Image::Var {
            var: format!("{}!{name}", prefix.name),
            image,
        };
        let variable = |n: &str| m.variables.iter().any(|v| v.name == n);
        let mut images = HashMap::new();
        for name in declared {
            match inst.substitutions.iter().find(|s| s.name.name == name) {
                Some(s) if variable(name) && !is_variable(&s.value, doc, out) => {
                    images.insert(name.to_string(), var(name, s.value.clone()));
                }
                Some(s) => {
                    images.insert(name.to_string(), Image::Value(s.value.clone()));
                }
                None if variable(name) && defines(doc, out, name) => {
                    let image = Expr {
                        kind: ExprKind::Name(Ident {
                            name: name.to_string(),
                            span: inst.module.span,
                        }),
                        span: inst.module.span,
                    };
                    images.insert(name.to_string(), var(name, image));
                }
                None if here(name) => {}
                None => {
                    self.diags.push(
                        Diagnostic::error(inst.module.span, format!("`{}` declares `{name}`, which this instance does not substitute and this module does not have", inst.module.name))
                            .with_hint(format!("add `WITH {name} <- ...`, or declare or define `{name}` in this module")),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(images)
    }
}

/// `doc` with its uses of the standard symbols it defines (where their module is not in scope)
/// made applications of its definitions (see [`super::rebind`]).
fn own_meanings(doc: &Document, out: &Document) -> Document {
    let scope = crate::standard::in_scope(out.extends.iter().map(|e| e.name.as_str()));
    let defined = doc
        .defs
        .iter()
        .chain(&out.defs)
        .map(|d| d.name.name.as_str());
    let mut doc = doc.clone();
    super::rebind::rebind(&mut doc, &scope, defined);
    doc
}

/// A function definition `f[x \in S] == e` of an instance with parameters `p`: the operator
/// `N!f(p) == LET f[x \in S] == e IN f` (a function has no parameters; its recursive uses,
/// which the substitution made `N!f(p)`, are the local function again).
fn function_of_params(mut d: OpDef, renamed: &str, local: &str, params: &[Param]) -> OpDef {
    fn unrename(e: &mut Expr, renamed: &str, local: &str, n: usize) {
        if let ExprKind::Apply { op, args } = &e.kind {
            if op.name == renamed && args.len() == n {
                e.kind = ExprKind::Name(Ident {
                    name: local.to_string(),
                    span: op.span,
                });
                return;
            }
        }
        e.for_each_child_mut(&mut |c| unrename(c, renamed, local, n));
    }
    unrename(&mut d.body, renamed, local, params.len());
    let name = Ident {
        name: local.to_string(),
        span: d.name.span,
    };
    let span = d.body.span;
    let function = OpDef {
        name: name.clone(),
        params: vec![],
        fn_bounds: d.fn_bounds.take(),
        body: d.body,
        recursive: false,
        local: false,
        span: d.span,
    };
    d.body = Expr {
        kind: ExprKind::Let {
            defs: vec![function],
            body: Box::new(Expr {
                kind: ExprKind::Name(name),
                span,
            }),
        },
        span,
    };
    d
}

/// The module with its named theorems and assumptions (`THEOREM T == e`) also definitions
/// (`T == e`): SANY lets an expression name them, and means their statement.
fn with_statement_defs(doc: &Document) -> Document {
    let mut out = doc.clone();
    let theorems = doc
        .theorems
        .iter()
        .filter_map(|t| match (&t.name, &t.statement) {
            (Some(n), Statement::Expr(e)) => Some((n, e, t.span)),
            _ => None,
        });
    let assumes = doc
        .assumes
        .iter()
        .filter_map(|a| Some((a.name.as_ref()?, &a.expr, a.span)));
    for (name, e, span) in theorems.chain(assumes) {
        out.defs.push(OpDef {
            name: name.clone(),
            params: vec![],
            fn_bounds: None,
            body: e.clone(),
            recursive: false,
            local: false,
            span,
        });
    }
    out.defs.sort_by_key(|d| d.span.start);
    out
}

/// A name as written by the user (hidden names made by instantiation hold `!`).
fn plain(name: &str) -> bool {
    !name.contains('!')
}

/// Whether `e` is a variable of the instantiating module (`doc`, with what `out` has read).
fn is_variable(e: &Expr, doc: &Document, out: &Document) -> bool {
    let ExprKind::Name(id) = &e.kind else {
        return false;
    };
    let declared = |d: &Document| {
        d.variables.iter().any(|v| v.name == id.name)
            || d.algorithm.is_some() && declares(d, &id.name) && !defines_in(d, &id.name)
    };
    declared(doc) || declared(out)
}

/// Whether `name` is a definition of the instantiating module.
fn defines(doc: &Document, out: &Document, name: &str) -> bool {
    defines_in(doc, name) || defines_in(out, name)
}

fn defines_in(d: &Document, name: &str) -> bool {
    d.defs.iter().any(|x| x.name.name == name)
}

fn declares(doc: &Document, name: &str) -> bool {
    // An algorithm's variables, process locals and procedure parameters and locals are
    // variables of its translation.
    let algorithm = doc.algorithm.as_ref().is_some_and(|a| {
        let locals = a.processes.iter().flat_map(|p| &p.locals);
        let procs = a
            .procedures
            .iter()
            .flat_map(|p| p.params.iter().chain(&p.locals));
        a.vars
            .iter()
            .chain(locals)
            .chain(procs)
            .any(|v| v.name.name == name)
            || matches!(name, "pc" | "stack")
    });
    algorithm
        || doc.constants.iter().any(|c| c.name.name == name)
        || doc.variables.iter().any(|v| v.name == name)
        || doc.defs.iter().any(|d| d.name.name == name)
}

/// The declarations and definitions of `doc` that come before `offset` (what a module nested
/// there sees).
fn before_offset(doc: &Document, offset: u32) -> Document {
    let mut d = doc.clone();
    d.constants.retain(|c| c.name.span.start < offset);
    d.variables.retain(|v| v.span.start < offset);
    d.defs.retain(|x| x.span.start < offset);
    d.assumes.retain(|a| a.span.start < offset);
    d.instances.retain(|i| i.span.start < offset);
    d.extends.retain(|e| e.span.start < offset);
    d.theorems.clear();
    d.algorithm = None;
    d.model = None;
    d
}

/// A definition the module restates, word for word, that an instance or an extended module
/// brings too (`vars == <<pc>>` then `INSTANCE Barrier`): the module's own is the one, as SANY
/// has it. Two different ones of a name are left for name resolution to report.
fn drop_restated(out: &mut Document, doc: &Document) {
    out.defs.retain(|d| {
        !doc.defs.iter().any(|own| {
            own.name.name == d.name.name
                && own.params.len() == d.params.len()
                && crate::print::expr(&own.body) == crate::print::expr(&d.body)
        })
    });
}

fn add_builtin(out: &mut Document, e: &Ident) {
    if !out.extends.iter().any(|x| x.name == e.name) {
        out.extends.push(e.clone());
    }
}

/// Add `m`'s declarations and definitions to `out` as `EXTENDS` does (`from`: `m`'s name, to
/// put its `LOCAL` definitions out of reach; empty for the module's own).
fn extend(out: &mut Document, m: &Document, from: &str) {
    for e in m.extends.iter().filter(|e| super::known(&e.name).is_some()) {
        add_builtin(out, e);
    }
    for c in &m.constants {
        if !out.constants.iter().any(|x| x.name.name == c.name.name) {
            out.constants.push(c.clone());
        }
    }
    for v in &m.variables {
        if !out.variables.iter().any(|x| x.name == v.name) {
            out.variables.push(v.clone());
        }
    }
    let hidden: HashMap<String, Image> = m
        .defs
        .iter()
        .filter(|d| !from.is_empty() && d.local && plain(&d.name.name))
        .map(|d| {
            let new = format!("{from}!{}", d.name.name);
            (d.name.name.clone(), Image::Renamed(new))
        })
        .collect();
    let subst = (!hidden.is_empty()).then(|| Subst::new(hidden, vec![]));
    for d in &m.defs {
        let nd = match &subst {
            Some(s) => {
                let mut nd = s.def(d);
                if let Some(Image::Renamed(new)) = s.images.get(&d.name.name) {
                    nd.name.name = new.clone();
                }
                nd
            }
            None => d.clone(),
        };
        add_def(out, nd);
    }
    for a in &m.assumes {
        add_assume(out, a.clone());
    }
    if out.algorithm.is_none() {
        out.algorithm = m.algorithm.clone();
    }
}

/// Add a definition, once: the same definition reached twice (`EXTENDS` of a module two
/// others extend), or restated word for word by another module (`Range` of a spec and of
/// Functions, which SANY accepts with a warning), is one; two different ones of a name are
/// left for name resolution to report.
fn add_def(out: &mut Document, d: OpDef) {
    let same = |x: &OpDef| {
        x.name.name == d.name.name
            && (x.span == d.span && x.body == d.body
                || x.params.len() == d.params.len()
                    && crate::print::expr(&x.body) == crate::print::expr(&d.body))
    };
    if !out.defs.iter().any(same) {
        out.defs.push(d);
    }
}

fn add_assume(out: &mut Document, a: Assume) {
    if !out
        .assumes
        .iter()
        .any(|x| x.span == a.span && x.expr == a.expr)
    {
        out.assumes.push(a);
    }
}

/// The body of a library operator evaluated natively: a call of `Module:Op` with its
/// parameters (a name no text can write, which the checker maps to its native operator).
fn native_call(module: &str, def: &crate::ast::OpDef) -> crate::ast::Expr {
    use crate::ast::{Expr, ExprKind};
    let span = def.body.span;
    let args = def
        .params
        .iter()
        .map(|p| Expr {
            kind: ExprKind::Name(p.name.clone()),
            span,
        })
        .collect();
    Expr {
        kind: ExprKind::Apply {
            op: Ident {
                name: format!("{module}:{}", def.name.name),
                span: def.name.span,
            },
            args,
        },
        span,
    }
}
