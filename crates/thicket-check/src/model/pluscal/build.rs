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
    for name in thicket_syntax::translate::defined_names(alg) {
        let why = format!("`{name}` is defined by the algorithm's TLA+ translation, which Thicket does not evaluate: it runs the algorithm itself");
        c.not_evaluated.insert(name, why);
    }
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

/// A process instance: its process's name, and its id (none outside a multiprocess algorithm).
type InstanceId = (Arc<str>, Option<Value>);

/// A per-instance variable's slot in one instance, by the instance's id.
type IdSlot = (Option<Value>, u32);

/// An operation's parameters with their slots.
type OpParams = Vec<(Arc<str>, u32)>;

/// The variables as they are laid out: what a state shows of them, and the declarations whose
/// initial values `Init` computes.
#[derive(Default)]
struct Vars<'a> {
    views: Vec<(String, VarRef)>,
    /// Globals and process locals (a local's with its instance's id), in TLC's Init order.
    decls: Vec<(u32, &'a VarDecl, Option<Value>)>,
    /// Procedure parameters and locals, in each instance, after the others.
    proc_decls: Vec<ProcVarInit<'a>>,
}

/// A procedure parameter or local in one instance, to be given its initial value.
struct ProcVarInit<'a> {
    slot: u32,
    init: Option<&'a ast::Expr>,
    /// A local declared with `\in`: its value is chosen from a set (a parameter's never is).
    is_in: bool,
    /// The instance's index in [`InstanceSlots`].
    instance: usize,
}

/// Each instance's slots, in instance order.
struct InstanceSlots {
    ids: Vec<InstanceId>,
    /// Process locals, by name.
    locals: Vec<HashMap<String, u32>>,
    /// Procedure parameters and locals, by name.
    procs: Vec<HashMap<String, u32>>,
    pc: Vec<IdSlot>,
    /// Empty without procedures.
    stack: Vec<IdSlot>,
}

impl<'a> Builder<'a> {
    fn slot(&mut self, name: String) -> u32 {
        self.slot_names.push(name);
        (self.slot_names.len() - 1) as u32
    }

    fn take_errors(&mut self) {
        self.errors.append(&mut self.c.errors);
    }

    /// The program, in phases: the variables' slots (globals, an object's, the processes'
    /// and their ids, procedures', `pc` and `stack`), their initial values, each instance's
    /// statement graph, and where each step is written.
    fn build(&mut self) -> Program {
        let mut vars = Vars::default();
        self.globals(&mut vars);
        let op_params = self.object_variables(&mut vars);
        let plans = self.plans();
        let multiprocess = self.alg.body.is_none() && self.alg.operations.is_empty();
        let ids = self.process_ids(&plans, multiprocess);
        let locals = self.process_locals(&plans, ids.len(), &mut vars);
        let procs = self.procedure_variables(&ids, multiprocess, &mut vars);
        let (pc, stack) = self.control_variables(&ids, multiprocess, &mut vars);
        let slots = InstanceSlots {
            ids,
            locals,
            procs,
            pc,
            stack,
        };
        let mut init = self.init_steps(&vars, &slots);
        let instances = self.instances(&plans, &slots, &op_params, multiprocess, &mut init);
        start_steps(&instances, &mut init);
        self.program(instances, init, vars.views, multiprocess)
    }

    /// Name a variable to the compiler, and show it in states.
    fn expose(&mut self, vars: &mut Vars<'_>, name: &str, r: VarRef) {
        self.c.vars.insert(name.to_string(), r.clone());
        vars.views.push((name.to_string(), r));
    }

    /// The algorithm's own variables: a slot each.
    fn globals(&mut self, vars: &mut Vars<'a>) {
        let alg = self.alg;
        for v in &alg.vars {
            let s = self.slot(v.name.name.clone());
            self.expose(vars, &v.name.name, VarRef::Slot(s));
            vars.decls.push((s, v, None));
        }
    }

    /// An object (an algorithm with operations): the last event, and the operations'
    /// parameters, are variables too. Returns each operation's parameters with their slots.
    fn object_variables(&mut self, vars: &mut Vars<'a>) -> Vec<OpParams> {
        let alg = self.alg;
        let mut op_params = Vec::new();
        if alg.operations.is_empty() {
            return op_params;
        }
        let s = self.slot("event".into());
        self.expose(vars, "event", VarRef::Slot(s));
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
                        vars.views.push((p.name.name.clone(), VarRef::Slot(s)));
                        by_name.insert(p.name.name.clone(), s);
                        s
                    }
                };
                params.push((Arc::from(p.name.name.as_str()), s));
            }
            op_params.push(params);
        }
        op_params
    }

    /// Every process instance, in order, with its process's name and its id (one instance,
    /// without an id, when the algorithm is not multiprocess). Ids must be distinct.
    fn process_ids(&mut self, plans: &[ProcessPlan], multiprocess: bool) -> Vec<InstanceId> {
        let alg = self.alg;
        let all_ids: Vec<InstanceId> = if multiprocess {
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
        all_ids
    }

    /// Process-local variables: one slot per instance. Returns each instance's, by name.
    fn process_locals(
        &mut self,
        plans: &[ProcessPlan<'a>],
        instances: usize,
        vars: &mut Vars<'a>,
    ) -> Vec<HashMap<String, u32>> {
        let mut local_slots: Vec<HashMap<String, u32>> = vec![HashMap::new(); instances];
        let mut inst_index = 0;
        for p in plans {
            for v in p.locals {
                let mut pairs = Vec::new();
                for (k, id) in p.ids.iter().enumerate() {
                    let s = self.slot(format!("{}[{}]", v.name.name, id));
                    local_slots[inst_index + k].insert(v.name.name.clone(), s);
                    pairs.push((id.clone(), s));
                    vars.decls.push((s, v, Some(id.clone())));
                }
                let r = if p.set {
                    VarRef::gather(pairs)
                } else {
                    VarRef::Slot(pairs[0].1)
                };
                self.expose(vars, &v.name.name, r);
            }
            inst_index += p.ids.len();
        }
        local_slots
    }

    /// Procedure parameters and locals: one slot per instance. Returns each instance's, by
    /// name.
    fn procedure_variables(
        &mut self,
        ids: &[InstanceId],
        multiprocess: bool,
        vars: &mut Vars<'a>,
    ) -> Vec<HashMap<String, u32>> {
        let alg = self.alg;
        let mut proc_slots: Vec<HashMap<String, u32>> = vec![HashMap::new(); ids.len()];
        for proc in &alg.procedures {
            let params = proc.params.iter().map(|v| (v, true));
            for (v, is_param) in params.chain(proc.locals.iter().map(|v| (v, false))) {
                let mut pairs = Vec::new();
                for (k, (_, id)) in ids.iter().enumerate() {
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
                    vars.proc_decls.push(ProcVarInit {
                        slot: s,
                        init,
                        is_in: matches!(v.init, VarInit::In(_)) && !is_param,
                        instance: k,
                    });
                }
                let r = if multiprocess {
                    VarRef::gather(pairs)
                } else {
                    VarRef::Slot(proc_slots[0][&v.name.name])
                };
                self.expose(vars, &v.name.name, r);
            }
        }
        proc_slots
    }

    /// `pc` and (with procedures) `stack`: a slot per instance each. A multiprocess
    /// algorithm's `ProcSet` is the set of its ids.
    fn control_variables(
        &mut self,
        ids: &[InstanceId],
        multiprocess: bool,
        vars: &mut Vars<'a>,
    ) -> (Vec<IdSlot>, Vec<IdSlot>) {
        let mut pc_pairs = Vec::new();
        let mut stack_pairs = Vec::new();
        let has_stack = !self.alg.procedures.is_empty();
        for (_, id) in ids {
            let suffix = id.as_ref().map(|i| format!("[{i}]")).unwrap_or_default();
            let pc = self.slot(format!("pc{suffix}"));
            pc_pairs.push((id.clone(), pc));
            if has_stack {
                let st = self.slot(format!("stack{suffix}"));
                stack_pairs.push((id.clone(), st));
            }
        }
        let gather = |pairs: &Vec<IdSlot>| -> VarRef {
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
        self.expose(vars, "pc", gather(&pc_pairs));
        if has_stack {
            self.expose(vars, "stack", gather(&stack_pairs));
        }
        if multiprocess {
            let ids: Vec<Value> = ids.iter().filter_map(|(_, id)| id.clone()).collect();
            self.c.constants.insert("ProcSet".into(), Value::set(ids));
        }
        (pc_pairs, stack_pairs)
    }

    /// The initial states of the declared variables: globals, process locals, procedure
    /// variables (TLC's Init order).
    fn init_steps(&mut self, vars: &Vars<'_>, slots: &InstanceSlots) -> Vec<InitStep> {
        self.c.begin_frame();
        let mut init = Vec::new();
        for (slot, decl, id) in &vars.decls {
            init.push(self.var_init(*slot, decl, id.as_ref()));
        }
        for v in &vars.proc_decls {
            init.push(self.proc_var_init(v, slots));
        }
        self.frame_size = self.frame_size.max(self.c.frame_size());
        self.take_errors();
        init
    }

    /// A global's or process local's initial value (a local's in instance `id`).
    fn var_init(&mut self, slot: u32, decl: &VarDecl, id: Option<&Value>) -> InitStep {
        let depth = self.c.scope.len();
        if let Some(id) = id {
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
        InitStep { slot, kind, expr }
    }

    /// A procedure variable's initial value. It may read the others (`b = a + 1`): in this
    /// instance, by slot, as in the process's own code.
    fn proc_var_init(&mut self, v: &ProcVarInit<'_>, slots: &InstanceSlots) -> InitStep {
        let depth = self.c.scope.len();
        for (n, s) in &slots.procs[v.instance] {
            self.c.scope.push((n.clone(), Binding::Slot(*s)));
        }
        if let Some(id) = &slots.ids[v.instance].1 {
            self.c.scope.push((
                "self".into(),
                Binding::Expr(Arc::new(CExpr::constant(id.clone(), Span::DUMMY))),
            ));
        }
        let expr = match v.init {
            Some(e) => self.c.expr(e),
            None => CExpr::constant(default_init(), Span::DUMMY),
        };
        self.c.scope.truncate(depth);
        InitStep {
            slot: v.slot,
            kind: if v.is_in { InitKind::In } else { InitKind::Eq },
            expr,
        }
    }

    /// The instances' statement graphs: each process instance's, or the object's (whose event
    /// and parameters then start in `init`), or the algorithm's body.
    fn instances(
        &mut self,
        plans: &[ProcessPlan],
        slots: &InstanceSlots,
        op_params: &[OpParams],
        multiprocess: bool,
        init: &mut Vec<InitStep>,
    ) -> Vec<Instance> {
        let alg = self.alg;
        if multiprocess {
            self.process_instances(plans, slots)
        } else if !alg.operations.is_empty() {
            let inst = self.object(
                slots.pc[0].1,
                slots.stack.first().map(|x| x.1),
                &slots.procs[0],
                op_params,
            );
            self.object_inits(op_params, init);
            vec![inst]
        } else {
            let body = alg.body.as_deref().unwrap_or(&[]);
            vec![self.instance(
                Arc::from(alg.name.name.as_str()),
                None,
                body,
                &HashMap::new(),
                &slots.procs[0],
                slots.pc[0].1,
                slots.stack.first().map(|x| x.1),
                alg.fairness,
            )]
        }
    }

    /// Each process's instances, in order.
    fn process_instances(&mut self, plans: &[ProcessPlan], slots: &InstanceSlots) -> Vec<Instance> {
        let mut instances = Vec::new();
        let mut k = 0;
        for p in plans {
            for id in &p.ids {
                let inst = self.instance(
                    p.name.clone(),
                    Some(id.clone()),
                    p.body,
                    &slots.locals[k],
                    &slots.procs[k],
                    slots.pc[k].1,
                    slots.stack.get(k).map(|x| x.1),
                    p.fairness,
                );
                instances.push(inst);
                k += 1;
            }
        }
        instances
    }

    /// An object starts with no event, and its operations' parameters at their default.
    fn object_inits(&self, op_params: &[OpParams], init: &mut Vec<InitStep>) {
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
    }

    /// The program: the compiled algorithm, with where each step and each operation is
    /// written.
    fn program(
        &mut self,
        instances: Vec<Instance>,
        init: Vec<InitStep>,
        views: Vec<(String, VarRef)>,
        multiprocess: bool,
    ) -> Program {
        let mut step_spans = HashMap::new();
        for inst in &instances {
            for (label, span) in label_spans(inst) {
                step_spans.entry(label).or_insert(span);
            }
        }
        let call_spans = self
            .alg
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

/// `pc` starts at each body's first label (or Done for an empty body), and `stack` empty.
fn start_steps(instances: &[Instance], init: &mut Vec<InitStep>) {
    for inst in instances {
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
        let kind = match &s.kind {
            StmtKind::Skip => SKind::Skip,
            StmtKind::Assign(assigns) => self.assign(assigns),
            StmtKind::If { branches, els } => self.if_else(branches, els.as_deref(), next),
            StmtKind::Either(branches) => {
                SKind::Either(branches.iter().map(|b| self.list(b, next)).collect())
            }
            StmtKind::While { cond, body } => return self.while_loop(s, cond, body, next),
            StmtKind::Await(e) => SKind::Await(self.b.c.expr(e)),
            StmtKind::With { bindings, body } => self.with(bindings, body, next),
            StmtKind::Goto(l) => SKind::Goto(Arc::from(l.name.as_str())),
            StmtKind::Assert(e) => SKind::Assert(self.b.c.expr(e)),
            StmtKind::Print(e) => SKind::Print(self.b.c.expr(e)),
            StmtKind::Call { proc, args } => return self.call(s, proc, args, next),
            StmtKind::ReturnValue(e) => self.return_value(s, e),
            StmtKind::Return => self.return_(s),
            StmtKind::MacroCall { name, args } => return self.expand_macro(s, name, args, next),
        };
        self.push(s.label.as_ref(), kind, next, s.span)
    }

    /// `x := e || y[i] := f`: each assigned name must be a variable (through macro
    /// parameters bound to one).
    fn assign(&mut self, assigns: &[ast::Assignment]) -> SKind {
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

    /// `if .. elsif .. else`: each branch, and the `else` (or nothing), continue at `next`.
    fn if_else(
        &mut self,
        branches: &[(ast::Expr, Vec<Stmt>)],
        els: Option<&[Stmt]>,
        next: Option<StmtId>,
    ) -> SKind {
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

    /// `while`: the loop's statement comes first, so that its body can continue at it.
    fn while_loop(
        &mut self,
        s: &Stmt,
        cond: &ast::Expr,
        body: &[Stmt],
        next: Option<StmtId>,
    ) -> StmtId {
        let id = self.push(s.label.as_ref(), SKind::Skip, next, s.span);
        let ce = self.b.c.expr(cond);
        let entry = self.list(body, Some(id));
        self.stmts[id as usize].kind = SKind::While(ce, entry);
        id
    }

    /// `with x \in S, y = e do ..`: each bound name a local of the body.
    fn with(
        &mut self,
        bindings: &[ast::WithBinding],
        body: &[Stmt],
        next: Option<StmtId>,
    ) -> SKind {
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

    /// `call P(args)`: of a procedure that exists (else a `skip`), with as many arguments as it
    /// has parameters.
    fn call(
        &mut self,
        s: &Stmt,
        proc: &ast::Ident,
        args: &[ast::Expr],
        next: Option<StmtId>,
    ) -> StmtId {
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
        let kind = SKind::Call {
            proc: pi,
            args,
            ret,
        };
        self.push(s.label.as_ref(), kind, next, s.span)
    }

    /// `return e`: only an operation returns a value.
    fn return_value(&mut self, s: &Stmt, e: &ast::Expr) -> SKind {
        match self.in_op.clone() {
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
        }
    }

    /// `return`: ends the operation, or the procedure; outside both it is an error.
    fn return_(&mut self, s: &Stmt) -> SKind {
        if let Some((op, params)) = self.in_op.clone() {
            return SKind::OpReturn {
                op,
                params,
                value: None,
            };
        }
        if self.in_proc.is_none() {
            self.b.errors.push(CompileError {
                span: s.span,
                message: "`return` is only allowed inside a procedure".into(),
                hint: None,
            });
        }
        SKind::Return
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
