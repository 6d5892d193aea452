//! Compiling an algorithm: its variables into state slots (globals, an object's `event` and
//! operation parameters, each process instance's locals, `pc`, the procedure `stack`), their
//! initialisers, and each process instance's statements into a statement graph.

use std::collections::HashMap;
use std::sync::Arc;

use thicket_syntax::ast::{
    self, Algorithm as Source, Document, Fairness, Model, ProcessIds, Span, Stmt, StmtKind,
    VarDecl, VarInit, WithKind,
};

use crate::eval::compile::{Binding, CompileError, Compiler, VarRef};
use crate::eval::expr::CExpr;
use crate::eval::value::Value;
use crate::model::program::{model_constants, Program};

use super::{
    no_event, Algorithm, Assign, CStmt, CallReturn, InitKind, InitStep, Instance, ProcFrame, SKind,
    StmtId,
};

struct Builder<'a> {
    c: Compiler,
    event_slot: Option<u32>,
    alg: &'a Source,
    slot_names: Vec<String>,
    errors: Vec<CompileError>,
    frame_size: u32,
}

/// Translate a document's algorithm under a model.
pub fn build(doc: &Document, alg: &Source, model: &Model) -> Result<Program, Vec<CompileError>> {
    let (constants, subs, mut errors) = model_constants(doc, model);
    let mut c = Compiler::new();
    c.constants = constants;
    c.substitutions = subs;
    for d in &doc.defs {
        c.add_def(d);
    }
    for d in &alg.defines {
        c.add_def(d);
    }
    let mut b = Builder {
        c,
        event_slot: None,
        alg,
        slot_names: Vec::new(),
        errors: Vec::new(),
        frame_size: 0,
    };
    let prog = b.build();
    errors.extend(b.errors);
    if errors.is_empty() {
        Ok(prog)
    } else {
        Err(errors)
    }
}

/// The most process instances an algorithm may have: each is compiled on its own (its `self` a
/// constant), and a state holds every instance's variables, so beyond this the load alone
/// takes seconds and gigabytes (a million philosophers: a minute and 11 GB).
pub const MAX_INSTANCES: usize = 10_000;

/// What one process declaration contributes before its instances are compiled.
struct ProcessPlan<'a> {
    name: Arc<str>,
    ids: Vec<Value>,
    set: bool,
    locals: &'a [VarDecl],
    body: &'a [Stmt],
    fairness: Fairness,
}

impl<'a> Builder<'a> {
    fn slot(&mut self, name: String) -> u32 {
        self.slot_names.push(name);
        (self.slot_names.len() - 1) as u32
    }

    fn take_errors(&mut self) {
        self.errors.append(&mut self.c.errors);
    }

    fn build(&mut self) -> Program {
        let alg = self.alg;
        let mut views: Vec<(String, VarRef)> = Vec::new();
        let mut init_decls: Vec<(u32, &VarDecl, Option<Value>)> = Vec::new();

        // Globals.
        for v in &alg.vars {
            let s = self.slot(v.name.name.clone());
            self.c.vars.insert(v.name.name.clone(), VarRef::Slot(s));
            views.push((v.name.name.clone(), VarRef::Slot(s)));
            init_decls.push((s, v, None));
        }

        // An object (an algorithm with operations): the last event, and the operations'
        // parameters, are variables too.
        let mut op_params: Vec<Vec<(Arc<str>, u32)>> = Vec::new();
        if !alg.operations.is_empty() {
            let s = self.slot("event".into());
            self.c.vars.insert("event".into(), VarRef::Slot(s));
            views.push(("event".into(), VarRef::Slot(s)));
            self.event_slot = Some(s);
            // Operations that name a parameter alike share its variable (one runs at a time).
            let mut by_name: HashMap<String, u32> = HashMap::new();
            for op in &alg.operations {
                let mut params = Vec::new();
                for p in &op.params {
                    let s = match by_name.get(&p.name.name) {
                        Some(s) => *s,
                        None => {
                            let s = self.slot(p.name.name.clone());
                            views.push((p.name.name.clone(), VarRef::Slot(s)));
                            by_name.insert(p.name.name.clone(), s);
                            s
                        }
                    };
                    params.push((Arc::from(p.name.name.as_str()), s));
                }
                op_params.push(params);
            }
        }

        // Processes and their ids.
        let plans = self.plans();
        let multiprocess = alg.body.is_none() && alg.operations.is_empty();
        let all_ids: Vec<(Arc<str>, Option<Value>)> = if multiprocess {
            plans
                .iter()
                .flat_map(|p| p.ids.iter().map(|id| (p.name.clone(), Some(id.clone()))))
                .collect()
        } else {
            vec![(Arc::from(alg.name.name.as_str()), None)]
        };
        let mut seen_ids = std::collections::HashSet::new();
        for (_, id) in &all_ids {
            if let Some(id) = id {
                if !seen_ids.insert(id.clone()) {
                    self.errors.push(CompileError {
                        span: alg.span,
                        message: format!(
                            "two processes have the id {id}; process ids must be distinct"
                        ),
                        hint: None,
                    });
                }
            }
        }

        // Process-local variables: one slot per instance.
        let mut local_slots: Vec<HashMap<String, u32>> = vec![HashMap::new(); all_ids.len()];
        let mut inst_index = 0;
        for p in &plans {
            for v in p.locals {
                let mut pairs = Vec::new();
                for (k, id) in p.ids.iter().enumerate() {
                    let s = self.slot(format!("{}[{}]", v.name.name, id));
                    local_slots[inst_index + k].insert(v.name.name.clone(), s);
                    pairs.push((id.clone(), s));
                    init_decls.push((s, v, Some(id.clone())));
                }
                let r = if p.set {
                    VarRef::gather(pairs)
                } else {
                    VarRef::Slot(pairs[0].1)
                };
                self.c.vars.insert(v.name.name.clone(), r.clone());
                views.push((v.name.name.clone(), r));
            }
            inst_index += p.ids.len();
        }
        if !multiprocess {
            inst_index = 1;
        }
        let _ = inst_index;

        // Procedure parameters and locals: one slot per instance.
        let mut proc_slots: Vec<HashMap<String, u32>> = vec![HashMap::new(); all_ids.len()];
        let mut proc_init: Vec<(u32, Option<&ast::Expr>, bool, Option<usize>)> = Vec::new();
        for proc in &alg.procedures {
            for (v, is_param) in proc
                .params
                .iter()
                .map(|v| (v, true))
                .chain(proc.locals.iter().map(|v| (v, false)))
            {
                let mut pairs = Vec::new();
                for (k, (_, id)) in all_ids.iter().enumerate() {
                    let s = match id {
                        Some(id) => self.slot(format!("{}[{}]", v.name.name, id)),
                        None => self.slot(v.name.name.clone()),
                    };
                    proc_slots[k].insert(v.name.name.clone(), s);
                    if let Some(id) = id {
                        pairs.push((id.clone(), s));
                    }
                    // TLC's Init gives parameters and locals their declared initial values
                    // (parameters without one, and locals without one, defaultInitValue).
                    let init = match &v.init {
                        VarInit::Eq(e) | VarInit::In(e) => Some(e),
                        VarInit::None => None,
                    };
                    proc_init.push((
                        s,
                        init,
                        matches!(v.init, VarInit::In(_)) && !is_param,
                        Some(k),
                    ));
                }
                let r = if multiprocess {
                    VarRef::gather(pairs)
                } else {
                    VarRef::Slot(proc_slots[0][&v.name.name])
                };
                self.c.vars.insert(v.name.name.clone(), r.clone());
                views.push((v.name.name.clone(), r));
            }
        }

        // pc and stack.
        let mut pc_pairs = Vec::new();
        let mut stack_pairs = Vec::new();
        let has_stack = !alg.procedures.is_empty();
        for (_, id) in &all_ids {
            let suffix = id.as_ref().map(|i| format!("[{i}]")).unwrap_or_default();
            let pc = self.slot(format!("pc{suffix}"));
            pc_pairs.push((id.clone(), pc));
            if has_stack {
                let st = self.slot(format!("stack{suffix}"));
                stack_pairs.push((id.clone(), st));
            }
        }
        let gather = |pairs: &Vec<(Option<Value>, u32)>| -> VarRef {
            if multiprocess {
                VarRef::gather(
                    pairs
                        .iter()
                        .map(|(id, s)| (id.clone().unwrap(), *s))
                        .collect(),
                )
            } else {
                VarRef::Slot(pairs[0].1)
            }
        };
        let pc_ref = gather(&pc_pairs);
        self.c.vars.insert("pc".into(), pc_ref.clone());
        views.push(("pc".into(), pc_ref));
        if has_stack {
            let r = gather(&stack_pairs);
            self.c.vars.insert("stack".into(), r.clone());
            views.push(("stack".into(), r));
        }
        if multiprocess {
            let ids: Vec<Value> = all_ids.iter().filter_map(|(_, id)| id.clone()).collect();
            self.c.constants.insert("ProcSet".into(), Value::set(ids));
        }

        // Initial states: globals, process locals, procedure variables (TLC's Init order).
        self.c.begin_frame();
        let mut init = Vec::new();
        for (slot, decl, id) in init_decls {
            let depth = self.c.scope.len();
            if let Some(id) = &id {
                self.c.scope.push((
                    "self".into(),
                    Binding::Expr(Arc::new(CExpr::constant(id.clone(), decl.span))),
                ));
            }
            let (kind, expr) = match &decl.init {
                VarInit::Eq(e) => (InitKind::Eq, self.c.expr(e)),
                VarInit::In(e) => (InitKind::In, self.c.expr(e)),
                VarInit::None => (InitKind::Eq, CExpr::constant(default_init(), decl.span)),
            };
            self.c.scope.truncate(depth);
            init.push(InitStep { slot, kind, expr });
        }
        for (slot, e, is_in, inst) in proc_init {
            // A procedure variable's initial value may read the others (`b = a + 1`): in this
            // instance, by slot, as in the process's own code.
            let depth = self.c.scope.len();
            if let Some(k) = inst {
                for (n, s) in &proc_slots[k] {
                    self.c.scope.push((n.clone(), Binding::Slot(*s)));
                }
                if let Some(id) = &all_ids[k].1 {
                    self.c.scope.push((
                        "self".into(),
                        Binding::Expr(Arc::new(CExpr::constant(id.clone(), Span::DUMMY))),
                    ));
                }
            }
            let expr = match e {
                Some(e) => self.c.expr(e),
                None => CExpr::constant(default_init(), Span::DUMMY),
            };
            self.c.scope.truncate(depth);
            init.push(InitStep {
                slot,
                kind: if is_in { InitKind::In } else { InitKind::Eq },
                expr,
            });
        }
        self.frame_size = self.frame_size.max(self.c.frame_size());
        self.take_errors();

        // Process instances.
        let mut instances = Vec::new();
        if multiprocess {
            let mut k = 0;
            for p in &plans {
                for id in &p.ids {
                    let inst = self.instance(
                        p.name.clone(),
                        Some(id.clone()),
                        p.body,
                        &local_slots[k],
                        &proc_slots[k],
                        pc_pairs[k].1,
                        stack_pairs.get(k).map(|x| x.1),
                        p.fairness,
                    );
                    instances.push(inst);
                    k += 1;
                }
            }
        } else if !alg.operations.is_empty() {
            let inst = self.object(
                pc_pairs[0].1,
                stack_pairs.first().map(|x| x.1),
                &proc_slots[0],
                &op_params,
            );
            instances.push(inst);
            init.push(InitStep {
                slot: self.event_slot.expect("objects have an event"),
                kind: InitKind::Eq,
                expr: CExpr::constant(no_event(), Span::DUMMY),
            });
            let mut param_slots: Vec<u32> = op_params.iter().flatten().map(|(_, s)| *s).collect();
            param_slots.sort_unstable();
            param_slots.dedup();
            for slot in param_slots {
                init.push(InitStep {
                    slot,
                    kind: InitKind::Eq,
                    expr: CExpr::constant(default_init(), Span::DUMMY),
                });
            }
        } else {
            let body = alg.body.as_deref().unwrap_or(&[]);
            let inst = self.instance(
                Arc::from(alg.name.name.as_str()),
                None,
                body,
                &HashMap::new(),
                &proc_slots[0],
                pc_pairs[0].1,
                stack_pairs.first().map(|x| x.1),
                alg.fairness,
            );
            instances.push(inst);
        }
        // pc starts at each body's first label (or Done for an empty body).
        for inst in &instances {
            let first = inst.entry_label();
            init.push(InitStep {
                slot: inst.pc_slot,
                kind: InitKind::Eq,
                expr: CExpr::constant(first, Span::DUMMY),
            });
            if let Some(s) = inst.stack_slot {
                init.push(InitStep {
                    slot: s,
                    kind: InitKind::Eq,
                    expr: CExpr::constant(Value::Seq(Arc::new(vec![])), Span::DUMMY),
                });
            }
        }

        let mut step_spans = HashMap::new();
        for inst in &instances {
            for (label, span) in label_spans(inst) {
                step_spans.entry(label).or_insert(span);
            }
        }
        let call_spans = alg
            .operations
            .iter()
            .map(|op| (Arc::from(op.name.name.as_str()), op.name.span))
            .collect();
        Program {
            step_spans,
            call_spans,
            slot_names: std::mem::take(&mut self.slot_names),
            views,
            ops: self.c.ops.clone(),
            frame_size: self.frame_size,
            compiler: std::mem::take(&mut self.c),
            semantics: Box::new(Algorithm {
                init,
                instances,
                multiprocess,
            }),
        }
    }

    fn plans(&mut self) -> Vec<ProcessPlan<'a>> {
        let mut plans = Vec::new();
        let mut instances = 0;
        for p in &self.alg.processes {
            self.c.begin_frame();
            let (e, set) = match &p.ids {
                ProcessIds::Single(e) => (e, false),
                ProcessIds::Set(e) => (e, true),
            };
            let ce = self.c.expr(e);
            self.take_errors();
            let ids = match (ce.as_const(), set) {
                (Some(Value::Set(s)), true) => s.as_ref().clone(),
                (Some(v), false) => vec![v.clone()],
                (Some(v), true) => {
                    self.errors.push(CompileError {
                        span: e.span,
                        message: format!("the process ids must be a set, and {v} is not one"),
                        hint: None,
                    });
                    vec![]
                }
                (None, _) => {
                    self.errors.push(CompileError {
                        span: e.span,
                        message: "process ids must be a constant expression (constants and definitions only)".into(),
                        hint: None,
                    });
                    vec![]
                }
            };
            instances += ids.len();
            let ids = if instances > MAX_INSTANCES {
                self.errors.push(CompileError {
                    span: e.span,
                    message: format!(
                        "this makes {instances} processes, more than Thicket compiles ({MAX_INSTANCES})"
                    ),
                    hint: Some(
                        "each process is compiled on its own; a model with fewer processes checks the same algorithm"
                            .into(),
                    ),
                });
                vec![]
            } else {
                ids
            };
            plans.push(ProcessPlan {
                name: Arc::from(p.name.name.as_str()),
                ids,
                set,
                locals: &p.locals,
                body: &p.body,
                fairness: if p.fairness == Fairness::Unfair {
                    self.alg.fairness
                } else {
                    p.fairness
                },
            });
        }
        plans
    }

    #[allow(clippy::too_many_arguments)]
    fn instance(
        &mut self,
        process: Arc<str>,
        id: Option<Value>,
        body: &[Stmt],
        locals: &HashMap<String, u32>,
        proc_vars: &HashMap<String, u32>,
        pc_slot: u32,
        stack_slot: Option<u32>,
        fairness: Fairness,
    ) -> Instance {
        self.c.begin_frame();
        let base = self.c.scope.len();
        for (n, s) in locals.iter().chain(proc_vars.iter()) {
            self.c.scope.push((n.clone(), Binding::Slot(*s)));
        }
        if let Some(id) = &id {
            self.c.scope.push((
                "self".into(),
                Binding::Expr(Arc::new(CExpr::constant(id.clone(), Span::DUMMY))),
            ));
        }
        let procs = self.proc_frames(proc_vars);
        let mut ib = InstanceBuilder {
            b: self,
            stmts: Vec::new(),
            labels: HashMap::new(),
            label_order: Vec::new(),
            procs,
            in_proc: None,
            in_op: None,
            macro_aliases: Vec::new(),
            written: HashMap::new(),
        };
        let entry = ib.list(body, None);
        ib.procedures(proc_vars);
        let InstanceBuilder {
            stmts,
            labels,
            mut label_order,
            procs,
            written,
            ..
        } = ib;
        label_order.sort_by_key(|l| stmts[labels[l] as usize].span.start);
        self.c.scope.truncate(base);
        self.frame_size = self.frame_size.max(self.c.frame_size());
        self.take_errors();
        Instance {
            event_slot: None,
            process,
            id,
            pc_slot,
            stack_slot,
            stmts,
            labels,
            label_order,
            written,
            procs,
            fairness,
            entry,
        }
    }
}

impl Builder<'_> {
    /// The procedures as one instance sees them (locals' initial values come later).
    fn proc_frames(&self, proc_vars: &HashMap<String, u32>) -> Vec<ProcFrame> {
        self.alg
            .procedures
            .iter()
            .map(|p| ProcFrame {
                name: Arc::from(p.name.name.as_str()),
                params: p
                    .params
                    .iter()
                    .map(|v| (Arc::from(v.name.name.as_str()), proc_vars[&v.name.name]))
                    .collect(),
                locals: vec![],
                entry: p
                    .body
                    .first()
                    .and_then(|s| s.label.as_ref())
                    .map(|l| Arc::from(l.name.as_str()))
                    .unwrap_or_else(|| Arc::from("Done")),
            })
            .collect()
    }

    /// The statement graph of an object: `Idle` (the client calls any operation), then each
    /// operation's body, ending in its return.
    fn object(
        &mut self,
        pc_slot: u32,
        stack_slot: Option<u32>,
        proc_vars: &HashMap<String, u32>,
        op_params: &[Vec<(Arc<str>, u32)>],
    ) -> Instance {
        self.c.begin_frame();
        let base = self.c.scope.len();
        for (n, s) in proc_vars.iter() {
            self.c.scope.push((n.clone(), Binding::Slot(*s)));
        }
        let procs = self.proc_frames(proc_vars);
        let alg = self.alg;
        let mut ib = InstanceBuilder {
            b: self,
            stmts: Vec::new(),
            labels: HashMap::new(),
            label_order: Vec::new(),
            procs,
            in_proc: None,
            in_op: None,
            macro_aliases: Vec::new(),
            written: HashMap::new(),
        };
        let idle: Arc<str> = Arc::from("Idle");
        let idle_id = ib.push_label(idle.clone(), SKind::Skip, None, alg.span);
        let mut calls = Vec::new();
        for (op, params) in alg.operations.iter().zip(op_params) {
            let name: Arc<str> = Arc::from(op.name.name.as_str());
            // The parameters' sets are read when the call is made.
            let sets: Vec<(Arc<str>, u32, CExpr)> = op
                .params
                .iter()
                .zip(params)
                .map(|(p, (n, s))| (n.clone(), *s, ib.b.c.expr(&p.set)))
                .collect();
            let depth = ib.b.c.scope.len();
            for (n, s) in params {
                ib.b.c.scope.push((n.to_string(), Binding::Slot(*s)));
            }
            let slots: Vec<u32> = params.iter().map(|(_, s)| *s).collect();
            ib.in_op = Some((name.clone(), slots.clone()));
            let ret = ib.push(
                None,
                SKind::OpReturn {
                    op: name.clone(),
                    params: slots,
                    value: None,
                },
                None,
                op.span,
            );
            let entry = ib.list(&op.body, Some(ret)).unwrap_or(ret);
            ib.in_op = None;
            ib.b.c.scope.truncate(depth);
            let entry_label = match ib.stmts[entry as usize].label.clone() {
                Some(l) => l,
                None => {
                    ib.stmts[entry as usize].label = Some(name.clone());
                    ib.labels.insert(name.clone(), entry);
                    ib.label_order.push(name.clone());
                    name.clone()
                }
            };
            calls.push(Some(ib.push(
                None,
                SKind::CallOp {
                    op: name,
                    params: sets,
                    entry: entry_label,
                },
                None,
                op.span,
            )));
        }
        ib.stmts[idle_id as usize].kind = SKind::Either(calls);
        ib.procedures(proc_vars);
        let InstanceBuilder {
            stmts,
            labels,
            mut label_order,
            procs,
            written,
            ..
        } = ib;
        label_order.sort_by_key(|l| stmts[labels[l] as usize].span.start);
        self.c.scope.truncate(base);
        self.frame_size = self.frame_size.max(self.c.frame_size());
        self.take_errors();
        Instance {
            event_slot: self.event_slot,
            process: Arc::from(alg.name.name.as_str()),
            id: None,
            pc_slot,
            stack_slot,
            stmts,
            labels,
            label_order,
            written,
            procs,
            fairness: alg.fairness,
            entry: Some(idle_id),
        }
    }
}

/// Where each label's step is written: from the label to the end of the last statement that lies
/// before the next label in text order; a compound statement with labels inside (a `while`)
/// stops at the next label. An object's `Idle` has no text of its own.
fn label_spans(inst: &Instance) -> Vec<(Arc<str>, Span)> {
    let mut starts: Vec<(u32, &Arc<str>)> = inst
        .label_order
        .iter()
        .map(|l| {
            (
                inst.written
                    .get(l)
                    .copied()
                    .unwrap_or(inst.stmts[inst.labels[l] as usize].span.start),
                l,
            )
        })
        .collect();
    starts.sort_by_key(|s| s.0);
    let mut spans = Vec::new();
    for (i, (start, label)) in starts.iter().enumerate() {
        if inst.event_slot.is_some() && &***label == "Idle" {
            continue;
        }
        let next = starts[i + 1..]
            .iter()
            .map(|s| s.0)
            .find(|s| s > start)
            .unwrap_or(u32::MAX);
        let inside =
            |s: &&CStmt| s.span.start >= *start && s.span.end <= next && s.span != Span::DUMMY;
        // No statement of its own in between (a macro's are written elsewhere): up to the next
        // label, or the label itself when it is the last.
        let fallback = if next == u32::MAX {
            start + label.len() as u32
        } else {
            next
        };
        let end = inst
            .stmts
            .iter()
            .filter(inside)
            .map(|s| s.span.end)
            .max()
            .unwrap_or(fallback);
        spans.push(((*label).clone(), Span { start: *start, end }));
    }
    spans
}

fn default_init() -> Value {
    Value::Model(Arc::from("defaultInitValue"))
}

struct InstanceBuilder<'b, 'a> {
    b: &'b mut Builder<'a>,
    stmts: Vec<CStmt>,
    labels: HashMap<Arc<str>, StmtId>,
    label_order: Vec<Arc<str>>,
    procs: Vec<ProcFrame>,
    in_proc: Option<usize>,
    /// Inside operation `name` (its parameters' slots): `return` ends the operation.
    in_op: Option<(Arc<str>, Vec<u32>)>,
    /// Macro parameters bound to variable names, for assignments inside macros.
    macro_aliases: Vec<HashMap<String, String>>,
    /// Where each label written in the text is (a macro's statements are written elsewhere).
    written: HashMap<Arc<str>, u32>,
}

impl InstanceBuilder<'_, '_> {
    /// Compile every procedure's body and its locals' initial values, for this instance.
    fn procedures(&mut self, proc_vars: &HashMap<String, u32>) {
        for (pi, p) in self.b.alg.procedures.iter().enumerate() {
            self.in_proc = Some(pi);
            let mut locals = Vec::new();
            for v in &p.locals {
                let e = match &v.init {
                    VarInit::Eq(e) => Some(self.b.c.expr(e)),
                    VarInit::In(e) => {
                        self.b.errors.push(CompileError {
                            span: e.span,
                            message: "a procedure local initialised with `\\in` is not supported yet; use `=`".into(),
                            hint: None,
                        });
                        None
                    }
                    VarInit::None => None,
                };
                locals.push((Arc::from(v.name.name.as_str()), proc_vars[&v.name.name], e));
            }
            self.procs[pi].locals = locals;
            self.list(&p.body, None);
        }
        self.in_proc = None;
    }

    /// Compile a statement list whose end continues at `cont`; returns its entry.
    fn list(&mut self, stmts: &[Stmt], cont: Option<StmtId>) -> Option<StmtId> {
        let mut next = cont;
        for s in stmts.iter().rev() {
            next = Some(self.stmt(s, next));
        }
        next
    }

    fn push_label(
        &mut self,
        label: Arc<str>,
        kind: SKind,
        next: Option<StmtId>,
        span: Span,
    ) -> StmtId {
        let id = self.stmts.len() as StmtId;
        self.labels.insert(label.clone(), id);
        self.label_order.push(label.clone());
        self.stmts.push(CStmt {
            label: Some(label),
            kind,
            next,
            span,
            in_procedure: self.in_proc,
        });
        id
    }

    fn push(
        &mut self,
        label: Option<&ast::Ident>,
        kind: SKind,
        next: Option<StmtId>,
        span: Span,
    ) -> StmtId {
        let id = self.stmts.len() as StmtId;
        if let Some(l) = label {
            self.written
                .insert(Arc::from(l.name.as_str()), l.span.start);
        }
        let label: Option<Arc<str>> = label.map(|l| Arc::from(l.name.as_str()));
        if let Some(l) = &label {
            if self.labels.insert(l.clone(), id).is_some() {
                self.b.errors.push(CompileError {
                    span,
                    message: format!("the label `{l}` is defined twice"),
                    hint: None,
                });
            }
            self.label_order.push(l.clone());
        }
        self.stmts.push(CStmt {
            label,
            kind,
            next,
            span,
            in_procedure: self.in_proc,
        });
        id
    }

    fn stmt(&mut self, s: &Stmt, next: Option<StmtId>) -> StmtId {
        let c = &mut self.b.c;
        let kind = match &s.kind {
            StmtKind::Skip => SKind::Skip,
            StmtKind::Assign(assigns) => {
                let mut out = Vec::new();
                for a in assigns {
                    let var = self.alias(&a.var.name);
                    let slot = match self.b.c.lookup_scope(&var) {
                        Some(Binding::Slot(s)) => Some(s),
                        _ => match self.b.c.vars.get(&var) {
                            Some(VarRef::Slot(s)) => Some(*s),
                            _ => None,
                        },
                    };
                    let Some(slot) = slot else {
                        self.b.errors.push(CompileError {
                            span: a.var.span,
                            message: format!(
                                "`{}` is not a variable that can be assigned here",
                                a.var.name
                            ),
                            hint: None,
                        });
                        continue;
                    };
                    let path = self.b.c.path(&a.path);
                    let value = self.b.c.expr(&a.value);
                    out.push(Assign {
                        slot,
                        path,
                        value,
                        span: a.span,
                    });
                }
                SKind::Assign(out)
            }
            StmtKind::If { branches, els } => {
                let mut arms = Vec::new();
                for (cond, body) in branches {
                    let ce = self.b.c.expr(cond);
                    let entry = self.list(body, next);
                    arms.push((ce, entry));
                }
                let else_entry = match els {
                    Some(body) => self.list(body, next),
                    None => next,
                };
                SKind::If(arms, else_entry)
            }
            StmtKind::Either(branches) => {
                SKind::Either(branches.iter().map(|b| self.list(b, next)).collect())
            }
            StmtKind::While { cond, body } => {
                let id = self.push(s.label.as_ref(), SKind::Skip, next, s.span);
                let ce = self.b.c.expr(cond);
                let entry = self.list(body, Some(id));
                self.stmts[id as usize].kind = SKind::While(ce, entry);
                return id;
            }
            StmtKind::Await(e) => SKind::Await(c.expr(e)),
            StmtKind::With { bindings, body } => {
                let depth = self.b.c.scope.len();
                let mut bs = Vec::new();
                for bnd in bindings {
                    let e = self.b.c.expr(&bnd.expr);
                    let slot = self.b.c.alloc_slot();
                    self.b
                        .c
                        .scope
                        .push((bnd.name.name.clone(), Binding::Local(slot)));
                    bs.push((
                        slot,
                        Arc::from(bnd.name.name.as_str()),
                        bnd.kind == WithKind::In,
                        e,
                    ));
                }
                let entry = self.list(body, next);
                self.b.c.scope.truncate(depth);
                SKind::With(bs, entry)
            }
            StmtKind::Goto(l) => SKind::Goto(Arc::from(l.name.as_str())),
            StmtKind::Assert(e) => SKind::Assert(c.expr(e)),
            StmtKind::Print(e) => SKind::Print(c.expr(e)),
            StmtKind::Call { proc, args } => {
                let Some(pi) = self
                    .b
                    .alg
                    .procedures
                    .iter()
                    .position(|p| p.name.name == proc.name)
                else {
                    self.b.errors.push(CompileError {
                        span: proc.span,
                        message: format!("there is no procedure `{}`", proc.name),
                        hint: None,
                    });
                    return self.push(s.label.as_ref(), SKind::Skip, next, s.span);
                };
                let nparams = self.b.alg.procedures[pi].params.len();
                if nparams != args.len() {
                    self.b.errors.push(CompileError {
                        span: s.span,
                        message: format!(
                            "procedure `{}` takes {nparams} argument(s), but {} are given",
                            proc.name,
                            args.len()
                        ),
                        hint: None,
                    });
                }
                let args = args.iter().map(|a| self.b.c.expr(a)).collect();
                let ret = self.call_return(next, s.span);
                SKind::Call {
                    proc: pi,
                    args,
                    ret,
                }
            }
            StmtKind::ReturnValue(e) => match self.in_op.clone() {
                Some((op, params)) => SKind::OpReturn {
                    op,
                    params,
                    value: Some(self.b.c.expr(e)),
                },
                None => {
                    self.b.errors.push(CompileError {
                        span: s.span,
                        message: "only an operation returns a value".into(),
                        hint: None,
                    });
                    SKind::Skip
                }
            },
            StmtKind::Return if self.in_op.is_some() => {
                let (op, params) = self.in_op.clone().expect("inside an operation");
                SKind::OpReturn {
                    op,
                    params,
                    value: None,
                }
            }
            StmtKind::Return => {
                if self.in_proc.is_none() {
                    self.b.errors.push(CompileError {
                        span: s.span,
                        message: "`return` is only allowed inside a procedure".into(),
                        hint: None,
                    });
                }
                SKind::Return
            }
            StmtKind::MacroCall { name, args } => return self.expand_macro(s, name, args, next),
        };
        self.push(s.label.as_ref(), kind, next, s.span)
    }

    fn alias(&self, name: &str) -> String {
        for m in self.macro_aliases.iter().rev() {
            if let Some(v) = m.get(name) {
                return v.clone();
            }
        }
        name.to_string()
    }

    /// Where a `call` returns: the label after it, or a tail call when `return` follows.
    fn call_return(&mut self, next: Option<StmtId>, span: Span) -> CallReturn {
        let Some(n) = next else {
            return CallReturn::Label(Arc::from("Done"));
        };
        let st = &self.stmts[n as usize];
        if let Some(l) = &st.label {
            return CallReturn::Label(l.clone());
        }
        match &st.kind {
            SKind::Return => CallReturn::Tail,
            SKind::Goto(l) => CallReturn::Label(l.clone()),
            // `call P(); return e;` in an operation: the operation returns once P has; its
            // return becomes a step of its own, named after the operation.
            SKind::OpReturn { op, .. } => {
                let mut label: Arc<str> = Arc::from(format!("{op}_return").as_str());
                let mut k = 2;
                while self.labels.contains_key(&label) {
                    label = Arc::from(format!("{op}_return{k}").as_str());
                    k += 1;
                }
                self.stmts[n as usize].label = Some(label.clone());
                self.labels.insert(label.clone(), n);
                self.label_order.push(label.clone());
                CallReturn::Label(label)
            }
            _ => {
                self.b.errors.push(CompileError {
                    span,
                    message:
                        "a `call` must be followed by a labelled statement, a `return` or a `goto`"
                            .into(),
                    hint: Some("add a label to the statement after the call".into()),
                });
                CallReturn::Label(Arc::from("Done"))
            }
        }
    }

    fn expand_macro(
        &mut self,
        s: &Stmt,
        name: &ast::Ident,
        args: &[ast::Expr],
        next: Option<StmtId>,
    ) -> StmtId {
        let Some(m) = self.b.alg.macros.iter().find(|m| m.name.name == name.name) else {
            self.b.errors.push(CompileError {
                span: name.span,
                message: format!("there is no macro `{}`", name.name),
                hint: None,
            });
            return self.push(s.label.as_ref(), SKind::Skip, next, s.span);
        };
        if m.params.len() != args.len() {
            self.b.errors.push(CompileError {
                span: s.span,
                message: format!(
                    "macro `{}` takes {} argument(s), but {} are given",
                    name.name,
                    m.params.len(),
                    args.len()
                ),
                hint: None,
            });
            return self.push(s.label.as_ref(), SKind::Skip, next, s.span);
        }
        let depth = self.b.c.scope.len();
        let mut aliases = HashMap::new();
        for (p, a) in m.params.iter().zip(args) {
            let ce = self.b.c.expr(a);
            if let ast::ExprKind::Name(v) = &a.kind {
                aliases.insert(p.name.clone(), self.alias(&v.name));
            }
            self.b
                .c
                .scope
                .push((p.name.clone(), Binding::Expr(Arc::new(ce))));
        }
        self.macro_aliases.push(aliases);
        let body = m.body.clone();
        let entry = self.list(&body, next);
        self.macro_aliases.pop();
        self.b.c.scope.truncate(depth);
        match (entry, &s.label) {
            (Some(e), Some(l)) if e != next.unwrap_or(u32::MAX) => {
                self.written
                    .insert(Arc::from(l.name.as_str()), l.span.start);
                let l: Arc<str> = Arc::from(l.name.as_str());
                self.stmts[e as usize].label = Some(l.clone());
                self.labels.insert(l.clone(), e);
                self.label_order.push(l);
                e
            }
            (Some(e), None) if Some(e) != next => e,
            _ => self.push(s.label.as_ref(), SKind::Skip, next, s.span),
        }
    }
}
