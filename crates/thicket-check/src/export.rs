//! Export for TLC: a TLA+ module holding the algorithm and its translation (between the
//! translator's markers, written by `thicket_syntax::translate`) and a `.cfg` that TLC accepts,
//! so a spec that outgrows the browser runs on TLC (`java tlc2.TLC M`, distributed if need be).
//!
//! Thicket's extensions are written out in plain PlusCal: an object's operations become a
//! uniprocess algorithm whose `Idle` step calls any operation (`either`/`with`) and whose
//! returns set the `event` variable, with the same states and steps as the object; the event
//! operators (`Returned`, `Result`, ...) become ordinary definitions.

use thicket_syntax::ast::build::{expr as ex, ident as id, name};
use thicket_syntax::ast::*;
use thicket_syntax::Diagnostic;

/// The module text and the configuration text.
pub struct Exported {
    pub module_name: String,
    pub module: String,
    pub config: String,
}

fn string(s: &str) -> Expr {
    ex(ExprKind::Str(s.to_string()))
}

fn stmt(kind: StmtKind) -> Stmt {
    Stmt {
        label: None,
        kind,
        span: Span::DUMMY,
    }
}

/// `[kind |-> k, op |-> o, args |-> a, value |-> v]`
fn event(kind: &str, op: &str, args: Expr, value: Expr) -> Expr {
    ex(ExprKind::Record(vec![
        (id("kind"), string(kind)),
        (id("op"), string(op)),
        (id("args"), args),
        (id("value"), value),
    ]))
}

fn assign(var: &str, value: Expr) -> Assignment {
    Assignment {
        var: id(var),
        path: vec![],
        value,
        span: Span::DUMMY,
    }
}

/// Write a text (with its embedded model, or `cfg`) out for TLC.
pub fn for_tlc(src: &str, cfg: Option<&str>) -> Result<Exported, Vec<Diagnostic>> {
    let parsed = thicket_syntax::parse_document(src);
    let Some(mut doc) = parsed.document else {
        return Err(parsed.diagnostics);
    };
    let mut model = match cfg {
        Some(text) => thicket_syntax::parse_model(text)?,
        None => doc.model.take().unwrap_or_default(),
    };
    doc.model = None;
    if doc.algorithm.is_none() {
        // A TLA+ spec already: the module as it is, and its model.
        let Some(module_name) = doc.module.as_ref().map(|m| m.name.clone()) else {
            return Err(vec![Diagnostic::error(
                Span::DUMMY,
                "this text has neither an algorithm nor a module to export",
            )]);
        };
        if model.specification.is_none() && model.init.is_none() {
            let has_spec = doc.defs.iter().any(|d| d.name.name == "Spec");
            if has_spec {
                model.specification = Some(id("Spec"));
            } else {
                model.init = Some(id("Init"));
                model.next = Some(id("Next"));
            }
        }
        let module = thicket_syntax::print::document(&doc);
        return Ok(Exported {
            module_name,
            module,
            config: thicket_syntax::print::model(&model),
        });
    }
    let alg = doc.algorithm.as_mut().expect("checked above");
    let module_name = doc
        .module
        .as_ref()
        .map(|m| m.name.clone())
        .unwrap_or_else(|| alg.name.name.clone());
    doc.module = Some(id(&module_name));
    for m in ["Integers", "Sequences", "FiniteSets", "TLC"] {
        if !doc.extends.iter().any(|e| e.name == m) {
            doc.extends.push(id(m));
        }
    }
    let object = !alg.operations.is_empty();
    if object {
        desugar_object(alg);
        doc.constants.push(ConstantDecl {
            name: id("none"),
            arity: 0,
        });
        // The event operators, after the translation (they read the variable `event`).
        let after = Span::new(alg.span.end as usize + 1, alg.span.end as usize + 1);
        let field = |f: &str| {
            ex(ExprKind::Field {
                rec: Box::new(name("event")),
                field: id(f),
            })
        };
        let is = |kind: &str| {
            ex(ExprKind::Junction {
                op: Junction::And,
                items: vec![
                    ex(ExprKind::Binary {
                        op: BinOp::Eq,
                        lhs: Box::new(field("kind")),
                        rhs: Box::new(string(kind)),
                    }),
                    ex(ExprKind::Binary {
                        op: BinOp::Eq,
                        lhs: Box::new(field("op")),
                        rhs: Box::new(name("op")),
                    }),
                ],
                bulleted: false,
            })
        };
        let def = |n: &str, params: &[&str], body: Expr| OpDef {
            name: id(n),
            params: params
                .iter()
                .map(|p| Param {
                    name: id(p),
                    arity: 0,
                })
                .collect(),
            fn_bounds: None,
            body,
            recursive: false,
            local: false,
            span: after,
        };
        let helpers = vec![
            def("Called", &["op"], is("call")),
            def("Returned", &["op"], is("return")),
            def("Result", &[], field("value")),
            def("Args", &[], field("args")),
        ];
        let at = doc
            .defs
            .iter()
            .position(|d| d.span.start > alg_start(&doc))
            .unwrap_or(doc.defs.len());
        doc.defs.splice(at..at, helpers);
    }

    let translation = match doc.algorithm.as_ref() {
        Some(alg) => thicket_syntax::translate::translate(alg)?,
        None => String::new(),
    };
    // The translation declares it when it uses it.
    doc.constants.retain(|c| c.name.name != "defaultInitValue");
    let text = thicket_syntax::print::document(&doc);
    let module = with_translation(&text, &translation);

    let mut config = String::new();
    if model.specification.is_none() && model.init.is_none() {
        model.specification = Some(id("Spec"));
    }
    let bound = |n: &str, m: &Model| m.constants.iter().any(|c| c.name.name == n);
    let needs_default = translation.starts_with("CONSTANT defaultInitValue");
    let mut extra = Vec::new();
    if needs_default && !bound("defaultInitValue", &model) {
        extra.push("defaultInitValue = defaultInitValue");
    }
    if object && !bound("none", &model) {
        extra.push("none = none");
    }
    config.push_str(&thicket_syntax::print::model(&model));
    if !extra.is_empty() {
        config.push_str(&format!("CONSTANTS {}\n", extra.join("\n          ")));
    }
    Ok(Exported {
        module_name,
        module,
        config,
    })
}

fn alg_start(doc: &Document) -> u32 {
    doc.algorithm.as_ref().map_or(u32::MAX, |a| a.span.start)
}

/// Put the translation between `\* BEGIN TRANSLATION` / `\* END TRANSLATION` markers right
/// after the algorithm's comment, where the PlusCal translator writes it.
fn with_translation(text: &str, translation: &str) -> String {
    let Some(start) = text.find("(* --") else {
        return text.to_string();
    };
    let Some(end) = text[start..].find(" *)\n").map(|i| start + i + 4) else {
        return text.to_string();
    };
    format!(
        "{}\\* BEGIN TRANSLATION\n{translation}\\* END TRANSLATION\n{}",
        &text[..end],
        &text[end..]
    )
}

/// An object as a uniprocess PlusCal algorithm with the same states and steps.
fn desugar_object(alg: &mut Algorithm) {
    let ops = std::mem::take(&mut alg.operations);
    alg.vars.push(VarDecl {
        name: id("event"),
        init: VarInit::Eq(event("none", "", ex(ExprKind::Tuple(vec![])), name("none"))),
        span: Span::DUMMY,
    });
    for op in &ops {
        for p in &op.params {
            // Operations that name a parameter alike share one variable (one runs at a time).
            if !alg.vars.iter().any(|v| v.name.name == p.name.name) {
                alg.vars.push(VarDecl {
                    name: p.name.clone(),
                    init: VarInit::Eq(name("defaultInitValue")),
                    span: Span::DUMMY,
                });
            }
        }
    }
    // Idle: the client calls any operation with any arguments.
    let mut branches = Vec::new();
    for op in &ops {
        let args = ex(ExprKind::Tuple(
            op.params
                .iter()
                .map(|p| name(&format!("arg_{}", p.name.name)))
                .collect(),
        ));
        let mut assigns = vec![assign(
            "event",
            event("call", &op.name.name, args, name("none")),
        )];
        for p in &op.params {
            assigns.push(assign(&p.name.name, name(&format!("arg_{}", p.name.name))));
        }
        let set = stmt(StmtKind::Assign(assigns));
        let call = if op.params.is_empty() {
            set
        } else {
            let bindings = op
                .params
                .iter()
                .map(|p| WithBinding {
                    name: id(&format!("arg_{}", p.name.name)),
                    kind: WithKind::In,
                    expr: p.set.clone(),
                })
                .collect();
            stmt(StmtKind::With {
                bindings,
                body: vec![set],
            })
        };
        branches.push(vec![call, stmt(StmtKind::Goto(id(&entry_label(op))))]);
    }
    let mut body = vec![Stmt {
        label: Some(id("Idle")),
        kind: StmtKind::Either(branches),
        span: Span::DUMMY,
    }];
    for op in &ops {
        let mut stmts = returns_to_idle(&op.body, op);
        if !ends_in_return(&op.body) {
            stmts.extend(return_stmts(op, None));
        }
        push_continuations(&mut stmts);
        if let Some(first) = stmts.first_mut() {
            if first.label.is_none() {
                first.label = Some(id(&op.name.name));
            }
        }
        body.extend(stmts);
    }
    alg.body = Some(body);
}

/// PlusCal's rule: a statement after an `if`/`either`/`with` that jumps (a return became a
/// `goto Idle`) would have to start a new step. To keep the operation's steps as they are, the
/// statements after such a compound are moved into each of its branches that does not jump.
fn push_continuations(stmts: &mut Vec<Stmt>) {
    let Some(i) = stmts.iter().position(|s| {
        !matches!(s.kind, StmtKind::Goto(_)) && contains_goto(std::slice::from_ref(s))
    }) else {
        return;
    };
    let rest: Vec<Stmt> = stmts.drain(i + 1..).collect();
    if rest.first().is_some_and(|s| s.label.is_some()) {
        // The next statement starts a step anyway.
        stmts.extend(rest);
        return;
    }
    let extend = |b: &mut Vec<Stmt>| {
        if !ends_in_goto(b) {
            b.extend(rest.iter().cloned());
        }
        push_continuations(b);
    };
    match &mut stmts[i].kind {
        StmtKind::If { branches, els } => {
            for (_, b) in branches.iter_mut() {
                extend(b);
            }
            let mut e = els.take().unwrap_or_default();
            extend(&mut e);
            *els = Some(e);
        }
        StmtKind::Either(bs) => bs.iter_mut().for_each(extend),
        StmtKind::With { body, .. } => extend(body),
        _ => stmts.extend(rest),
    }
}

fn ends_in_goto(stmts: &[Stmt]) -> bool {
    stmts
        .last()
        .is_some_and(|s| matches!(s.kind, StmtKind::Goto(_)))
}

fn contains_goto(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Goto(_) => true,
        StmtKind::If { branches, els } => {
            branches.iter().any(|(_, b)| contains_goto(b))
                || els.as_ref().is_some_and(|b| contains_goto(b))
        }
        StmtKind::Either(bs) => bs.iter().any(|b| contains_goto(b)),
        StmtKind::With { body, .. } | StmtKind::While { body, .. } => contains_goto(body),
        _ => false,
    })
}

fn entry_label(op: &Operation) -> String {
    op.body
        .first()
        .and_then(|s| s.label.as_ref())
        .map(|l| l.name.clone())
        .unwrap_or_else(|| op.name.name.clone())
}

/// The return of an operation: the event, the parameters reset, back to `Idle`.
fn return_stmts(op: &Operation, value: Option<Expr>) -> Vec<Stmt> {
    let args = ex(ExprKind::Tuple(
        op.params.iter().map(|p| name(&p.name.name)).collect(),
    ));
    let mut assigns = vec![assign(
        "event",
        event(
            "return",
            &op.name.name,
            args,
            value.unwrap_or_else(|| name("none")),
        ),
    )];
    for p in &op.params {
        assigns.push(assign(&p.name.name, name("defaultInitValue")));
    }
    vec![
        stmt(StmtKind::Assign(assigns)),
        stmt(StmtKind::Goto(id("Idle"))),
    ]
}

fn ends_in_return(body: &[Stmt]) -> bool {
    body.last()
        .is_some_and(|s| matches!(s.kind, StmtKind::Return | StmtKind::ReturnValue(_)))
}

/// Replace every `return` / `return e` of an operation body by its plain-PlusCal form.
fn returns_to_idle(stmts: &[Stmt], op: &Operation) -> Vec<Stmt> {
    let mut out = Vec::new();
    for s in stmts {
        let replaced = match &s.kind {
            StmtKind::Return => Some(return_stmts(op, None)),
            StmtKind::ReturnValue(e) => Some(return_stmts(op, Some(e.clone()))),
            _ => None,
        };
        if let Some(mut r) = replaced {
            r[0].label = s.label.clone();
            out.extend(r);
            continue;
        }
        let kind = match &s.kind {
            StmtKind::If { branches, els } => StmtKind::If {
                branches: branches
                    .iter()
                    .map(|(c, b)| (c.clone(), returns_to_idle(b, op)))
                    .collect(),
                els: els.as_ref().map(|b| returns_to_idle(b, op)),
            },
            StmtKind::Either(bs) => {
                StmtKind::Either(bs.iter().map(|b| returns_to_idle(b, op)).collect())
            }
            StmtKind::While { cond, body } => StmtKind::While {
                cond: cond.clone(),
                body: returns_to_idle(body, op),
            },
            StmtKind::With { bindings, body } => StmtKind::With {
                bindings: bindings.clone(),
                body: returns_to_idle(body, op),
            },
            other => other.clone(),
        };
        out.push(Stmt {
            label: s.label.clone(),
            kind,
            span: s.span,
        });
    }
    out
}

/// An exported module without its algorithm: plain TLA+, whose `Init`, `Next` and `Spec` are
/// the translation's (what TLC runs).
pub fn translation_only(module: &str) -> Option<String> {
    let start = module.find("(* --")?;
    let end = module.find("\\* BEGIN TRANSLATION")?;
    let text = format!("{}{}", &module[..start], &module[end..]);
    Some(
        text.lines()
            .filter(|l| {
                !l.starts_with("\\* BEGIN TRANSLATION") && !l.starts_with("\\* END TRANSLATION")
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
    )
}
