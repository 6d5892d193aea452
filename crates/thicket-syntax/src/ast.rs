//! The typed syntax tree of a Thicket document.
//!
//! Plain data: no pest types, no semantics. Every node carries the [`Span`] of the text it came
//! from (byte offsets into the document), so diagnostics and the editor can point at it.
//! Equality ignores nothing: two trees compare equal only with equal spans, so the round-trip
//! test compares trees with [`Document::without_spans`].

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the source text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const DUMMY: Span = Span { start: 0, end: 0 };
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// One whole text: a TLA+ module around an algorithm, or a bare algorithm, plus its model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `None` for a bare algorithm text.
    pub module: Option<Ident>,
    pub extends: Vec<Ident>,
    pub constants: Vec<ConstantDecl>,
    /// `VARIABLE(S)` declared at module level outside the translation (rare in PlusCal specs).
    pub variables: Vec<Ident>,
    /// `INSTANCE M ...` and `N(p) == INSTANCE M ...`, in text order. Reading the modules
    /// ([`crate::modules`]) replaces them by the definitions they bring.
    pub instances: Vec<Instance>,
    pub assumes: Vec<Assume>,
    /// `THEOREM`s (and `LEMMA`s, ...), in text order. TLC checks none of them.
    pub theorems: Vec<Theorem>,
    /// Module-level operator and function definitions, in text order (before and after the
    /// algorithm alike).
    pub defs: Vec<OpDef>,
    pub algorithm: Option<Algorithm>,
    /// The model embedded in the text (`(* --model ... *)`), if any.
    pub model: Option<Model>,
    pub span: Span,
}

impl Document {
    /// The same document with every span zeroed, for comparing trees that came from different
    /// texts (the printer's round trip).
    pub fn without_spans(&self) -> Document {
        let mut value = serde_json::to_value(self).expect("the AST serializes");
        zero_spans(&mut value);
        serde_json::from_value(value).expect("the AST deserializes")
    }
}

/// Zero every `span` field (iteratively: trees can be deep).
fn zero_spans(root: &mut serde_json::Value) {
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if key == "span" {
                        *child = serde_json::json!({ "start": 0, "end": 0 });
                    } else {
                        stack.push(child);
                    }
                }
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// `INSTANCE M WITH a <- e, ...`, named `N(p) == INSTANCE M ...`, either `LOCAL`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// `N` of `N == INSTANCE M`; `None` for an unnamed instance, whose definitions keep
    /// their names.
    pub name: Option<Ident>,
    pub params: Vec<Param>,
    pub module: Ident,
    /// `a <- e`; a constant or variable of `M` not named here is substituted by the name it
    /// has in the instantiating module.
    pub substitutions: Vec<Substitution>,
    pub local: bool,
    pub span: Span,
}

/// `a <- e` in `INSTANCE M WITH a <- e`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Substitution {
    pub name: Ident,
    pub value: Expr,
}

/// `ASSUME e`, `ASSUME Name == e` (also written `ASSUMPTION` or `AXIOM`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assume {
    pub name: Option<Ident>,
    pub expr: Expr,
    pub span: Span,
}

/// `THEOREM Name == statement` followed by its proof, or `LEMMA`, `PROPOSITION`, `COROLLARY`.
/// The proof is read but not kept: TLC checks no theorem, and neither does Thicket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theorem {
    pub kind: TheoremKind,
    pub name: Option<Ident>,
    pub statement: Statement,
    /// Where the proof was written, if it was.
    pub proof: Option<Proof>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TheoremKind {
    Theorem,
    Lemma,
    Proposition,
    Corollary,
}

/// A proof, skipped: only where it was written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proof {
    pub span: Span,
}

/// What a theorem states.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Statement {
    Expr(Expr),
    AssumeProve(AssumeProve),
}

/// `ASSUME NEW x \in S, P(x) PROVE Q(x)`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssumeProve {
    pub assume: Vec<Assumption>,
    pub prove: Expr,
    pub span: Span,
}

/// One item after `ASSUME`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Assumption {
    /// `NEW x`, `NEW x \in S`, `NEW VARIABLE v`, `NEW P(_)`: a name the statement is about.
    New(NewDecl),
    Expr(Expr),
    AssumeProve(AssumeProve),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewDecl {
    pub kind: NewKind,
    pub name: Ident,
    /// `NEW P(_, _)`
    pub arity: usize,
    /// `NEW x \in S`
    pub set: Option<Expr>,
}

/// What a `NEW` name is: `NEW x` and `NEW CONSTANT x` are constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NewKind {
    Constant,
    Variable,
    State,
    Action,
    Temporal,
}

/// `CONSTANT N` or the higher-order `CONSTANT F(_, _)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConstantDecl {
    pub name: Ident,
    pub arity: usize,
}

/// `Name(p1, p2) == body`, `Name == body`, or the function form `f[x \in S] == body`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpDef {
    pub name: Ident,
    pub params: Vec<Param>,
    /// Set for the function form `f[x \in S, y \in T] == e`; then `params` is empty.
    pub fn_bounds: Option<Vec<Bound>>,
    pub body: Expr,
    /// Declared in a `RECURSIVE` declaration.
    pub recursive: bool,
    /// `LOCAL Name == ...`
    pub local: bool,
    pub span: Span,
}

/// An operator parameter; `arity > 0` for `F(_, _)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: Ident,
    pub arity: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    /// The direct subexpressions of an expression (bound sets included).
    pub fn for_each_child<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        let e = self;
        let bounds = |bs: &'a [Bound], f: &mut dyn FnMut(&'a Expr)| {
            bs.iter().filter_map(|b| b.set.as_ref()).for_each(&mut *f)
        };
        match &e.kind {
            ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Str(_)
            | ExprKind::Name(_)
            | ExprKind::At => {}
            ExprKind::Apply { args, .. } => args.iter().for_each(f),
            ExprKind::Unary { arg, .. } => f(arg),
            ExprKind::Binary { lhs, rhs, .. } => {
                f(lhs);
                f(rhs)
            }
            ExprKind::Junction { items, .. }
            | ExprKind::SetEnum(items)
            | ExprKind::Tuple(items)
            | ExprKind::Cross(items) => items.iter().for_each(f),
            ExprKind::If { cond, then, els } => [cond, then, els].into_iter().for_each(|e| f(e)),
            ExprKind::Case { arms, other } => {
                arms.iter().for_each(|(a, b)| {
                    f(a);
                    f(b)
                });
                other.iter().for_each(|o| f(o));
            }
            ExprKind::Let { defs, body } => {
                defs.iter().for_each(|d| {
                    if let Some(bs) = &d.fn_bounds {
                        bounds(bs, f);
                    }
                    f(&d.body)
                });
                f(body)
            }
            ExprKind::Quant {
                bounds: bs, body, ..
            }
            | ExprKind::SetMap { bounds: bs, body }
            | ExprKind::FnConstruct { bounds: bs, body } => {
                bounds(bs, f);
                f(body)
            }
            ExprKind::Choose { bound, body } => {
                bounds(std::slice::from_ref(bound), f);
                f(body)
            }
            ExprKind::SetFilter { bound, pred } => {
                bounds(std::slice::from_ref(bound), f);
                f(pred)
            }
            ExprKind::FnApply { f: g, args } => {
                f(g);
                args.iter().for_each(f)
            }
            ExprKind::FnSet { dom, range } => {
                f(dom);
                f(range)
            }
            ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
                fields.iter().for_each(|(_, e)| f(e))
            }
            ExprKind::Field { rec, .. } => f(rec),
            ExprKind::Except { base, updates } => {
                f(base);
                for u in updates {
                    for p in &u.path {
                        if let PathElem::Index(es) = p {
                            es.iter().for_each(&mut *f);
                        }
                    }
                    f(&u.value)
                }
            }
            ExprKind::Lambda { body, .. } | ExprKind::Label { body, .. } => f(body),
            ExprKind::InstanceVar { image, .. } => f(image),
            ExprKind::ActionProp { action, vars, .. } => {
                f(action);
                f(vars)
            }
            ExprKind::Fairness { vars, action, .. } => {
                f(vars);
                f(action)
            }
        }
    }

    /// The direct subexpressions of an expression, to change in place (the same ones, in the
    /// same order, as [`Expr::for_each_child`]).
    pub fn for_each_child_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        let bounds = |bs: &mut [Bound], f: &mut dyn FnMut(&mut Expr)| {
            bs.iter_mut()
                .filter_map(|b| b.set.as_mut())
                .for_each(&mut *f)
        };
        match &mut self.kind {
            ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Str(_)
            | ExprKind::Name(_)
            | ExprKind::At => {}
            ExprKind::Apply { args, .. } => args.iter_mut().for_each(f),
            ExprKind::Unary { arg, .. } => f(arg),
            ExprKind::Binary { lhs, rhs, .. }
            | ExprKind::FnSet {
                dom: lhs,
                range: rhs,
            } => {
                f(lhs);
                f(rhs)
            }
            ExprKind::Junction { items, .. }
            | ExprKind::SetEnum(items)
            | ExprKind::Tuple(items)
            | ExprKind::Cross(items) => items.iter_mut().for_each(f),
            ExprKind::If { cond, then, els } => [cond, then, els].into_iter().for_each(|e| f(e)),
            ExprKind::Case { arms, other } => {
                arms.iter_mut().for_each(|(a, b)| {
                    f(a);
                    f(b)
                });
                other.iter_mut().for_each(|o| f(o));
            }
            ExprKind::Let { defs, body } => {
                defs.iter_mut().for_each(|d| {
                    if let Some(bs) = &mut d.fn_bounds {
                        bounds(bs, f);
                    }
                    f(&mut d.body)
                });
                f(body)
            }
            ExprKind::Quant {
                bounds: bs, body, ..
            }
            | ExprKind::SetMap { bounds: bs, body }
            | ExprKind::FnConstruct { bounds: bs, body } => {
                bounds(bs, f);
                f(body)
            }
            ExprKind::Choose { bound, body } | ExprKind::SetFilter { bound, pred: body } => {
                bounds(std::slice::from_mut(bound), f);
                f(body)
            }
            ExprKind::FnApply { f: g, args } => {
                f(g);
                args.iter_mut().for_each(f)
            }
            ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
                fields.iter_mut().for_each(|(_, e)| f(e))
            }
            ExprKind::Field { rec, .. } => f(rec),
            ExprKind::Except { base, updates } => {
                f(base);
                for u in updates {
                    for p in &mut u.path {
                        if let PathElem::Index(es) = p {
                            es.iter_mut().for_each(&mut *f);
                        }
                    }
                    f(&mut u.value)
                }
            }
            ExprKind::Lambda { body, .. } | ExprKind::Label { body, .. } => f(body),
            ExprKind::InstanceVar { image, .. } => f(image),
            ExprKind::ActionProp { action, vars, .. } => {
                f(action);
                f(vars)
            }
            ExprKind::Fairness { vars, action, .. } => {
                f(vars);
                f(action)
            }
        }
    }

    /// Whether the name `name` occurs in the expression (bound or free: enough to tell a
    /// definition that may refer to itself).
    pub fn mentions(&self, name: &str) -> bool {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Name(id) if id.name == name => return true,
                ExprKind::Apply { op, .. } if op.name == name => return true,
                _ => {}
            }
            e.for_each_child(&mut |c| stack.push(c));
        }
        false
    }
}

/// `x \in S`, `x, y \in S` or `<<x, y>> \in S` in quantifiers, set builders, functions, CHOOSE.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    pub pattern: BoundPattern,
    /// `None` only for unbounded `\E x : P` / `CHOOSE x : P` (temporal use only).
    pub set: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BoundPattern {
    /// `x` or `x, y` (each ranging over the set).
    Names(Vec<Ident>),
    /// `<<x, y>>` (destructuring a tuple element of the set).
    Tuple(Vec<Ident>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnOp {
    /// `~`, `\lnot`, `\neg`, `¬`
    Not,
    /// prefix `-`
    Neg,
    /// `SUBSET S`
    Subset,
    /// `UNION S`
    Union,
    /// `DOMAIN f`
    Domain,
    /// `ENABLED A`
    Enabled,
    /// `UNCHANGED e`
    Unchanged,
    /// `[]P`
    Always,
    /// `<>P`
    Eventually,
    /// `e'`
    Prime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinOp {
    And,
    Or,
    Implies,
    Equiv,
    Eq,
    Neq,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Plus,
    Minus,
    Times,
    /// `\div`
    Div,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `a..b`
    Range,
    /// `\cup`, `\union`, `∪`
    Cup,
    /// `\cap`, `\intersect`, `∩`
    Cap,
    /// `\` (set difference)
    SetMinus,
    /// `\subseteq`, `⊆`
    Subseteq,
    /// `\o`, `\circ`
    Concat,
    /// `:>`
    MapsTo,
    /// `@@`
    Merge,
    /// `~>`
    LeadsTo,
    /// `-+->`
    WhilePlus,
}

/// The two bulleted/infix junctions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Junction {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quantifier {
    Forall,
    Exists,
    /// `\AA x : F`, temporal universal quantification (over a variable's behaviors); its
    /// names have no set.
    TemporalForall,
    /// `\EE x : F`, temporal existential quantification (hiding `x`); its names have no set.
    TemporalExists,
}

impl Quantifier {
    /// How the quantifier is written.
    pub fn symbol(self) -> &'static str {
        match self {
            Quantifier::Forall => "\\A",
            Quantifier::Exists => "\\E",
            Quantifier::TemporalForall => "\\AA",
            Quantifier::TemporalExists => "\\EE",
        }
    }
}

/// One step of an `EXCEPT` path or an assignment's left-hand side: `.field` or `[i, j]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PathElem {
    Field(Ident),
    Index(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExceptUpdate {
    pub path: Vec<PathElem>,
    pub value: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FairnessKind {
    /// `WF_vars(A)`
    Weak,
    /// `SF_vars(A)`
    Strong,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExprKind {
    Bool(bool),
    /// Integer literal; literals beyond i64 are a parse error.
    Int(i64),
    Str(String),
    /// A name: variable, constant, definition, bound variable, `self`, builtin constant
    /// (`Nat`, `Int`, `BOOLEAN`, `STRING`), or a standard-module operator used without
    /// arguments. Resolution decides which.
    Name(Ident),
    /// `Op(a, b)`: a user-defined or standard-module operator applied to arguments; also an
    /// operator over TLA+'s symbols written infix (`a \prec b`) or postfix (`a ^+`), whose
    /// `op` is the symbol (see [`crate::ops`]).
    Apply {
        op: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: UnOp,
        arg: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// A bulleted list (`/\ a  /\ b` aligned) or a chain `a /\ b /\ c`; `bulleted` records which
    /// form was written so the printer can reproduce it.
    Junction {
        op: Junction,
        items: Vec<Expr>,
        bulleted: bool,
    },
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        els: Box<Expr>,
    },
    /// `CASE p1 -> e1 [] p2 -> e2 [] OTHER -> e`
    Case {
        arms: Vec<(Expr, Expr)>,
        other: Option<Box<Expr>>,
    },
    Let {
        defs: Vec<OpDef>,
        body: Box<Expr>,
    },
    Quant {
        q: Quantifier,
        bounds: Vec<Bound>,
        body: Box<Expr>,
    },
    Choose {
        bound: Box<Bound>,
        body: Box<Expr>,
    },
    /// `{a, b, c}`
    SetEnum(Vec<Expr>),
    /// `{x \in S : P}`
    SetFilter {
        bound: Box<Bound>,
        pred: Box<Expr>,
    },
    /// `{e : x \in S, y \in T}`
    SetMap {
        body: Box<Expr>,
        bounds: Vec<Bound>,
    },
    /// `<<a, b>>`
    Tuple(Vec<Expr>),
    /// `S \X T \X U`
    Cross(Vec<Expr>),
    /// `[x \in S |-> e]`
    FnConstruct {
        bounds: Vec<Bound>,
        body: Box<Expr>,
    },
    /// `f[a]` or `f[a, b]`
    FnApply {
        f: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `[S -> T]`
    FnSet {
        dom: Box<Expr>,
        range: Box<Expr>,
    },
    /// `[a |-> 1, b |-> 2]`
    Record(Vec<(Ident, Expr)>),
    /// `[a : S, b : T]`
    RecordSet(Vec<(Ident, Expr)>),
    /// `r.a`
    Field {
        rec: Box<Expr>,
        field: Ident,
    },
    /// `[f EXCEPT ![a] = e, !.b = e]`
    Except {
        base: Box<Expr>,
        updates: Vec<ExceptUpdate>,
    },
    /// `@` inside an EXCEPT update.
    At,
    /// `LAMBDA x, y : e`
    Lambda {
        params: Vec<Ident>,
        body: Box<Expr>,
    },
    /// `[][A]_v` (`box = true`) or `<><<A>>_v` (`box = false`).
    ActionProp {
        action: Box<Expr>,
        vars: Box<Expr>,
        boxed: bool,
    },
    /// `WF_v(A)` / `SF_v(A)`
    Fairness {
        kind: FairnessKind,
        vars: Box<Expr>,
        action: Box<Expr>,
    },
    /// A variable of an instantiated module for which the instance substitutes an expression
    /// that is not a variable here (`x <- e`, or the implicit `x <- x` where `x` is a
    /// definition here): it means `image`. Only `ENABLED` tells it apart, as TLC does: it
    /// evaluates `ENABLED` of an instance's action over the instance's own variables (`var'`
    /// an unknown of its own, `var` the image's value). `var` is qualified (`N!x`).
    InstanceVar {
        var: Ident,
        image: Box<Expr>,
    },
    /// `P0:: e`, `L(x, y):: e`: a label names the expression after it (for subexpression names
    /// `Op!P0`, and proofs) and means that expression. `params` are the names bound around
    /// the label that a use of it (`Op!L(1, 2)`) gives values.
    Label {
        name: Ident,
        params: Vec<Ident>,
        body: Box<Expr>,
    },
}

// ---------------------------------------------------------------------------------------------
// PlusCal
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Syntax {
    /// `begin ... end algorithm`
    P,
    /// `{ ... }`
    C,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fairness {
    #[default]
    Unfair,
    /// `fair`
    Weak,
    /// `fair+`
    Strong,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Algorithm {
    pub name: Ident,
    pub syntax: Syntax,
    /// `--fair algorithm`
    pub fairness: Fairness,
    pub vars: Vec<VarDecl>,
    /// `define ... end define` / `define { ... }`
    pub defines: Vec<OpDef>,
    pub macros: Vec<Macro>,
    pub procedures: Vec<Procedure>,
    pub processes: Vec<Process>,
    /// The algorithm's interface (Thicket's extension): operations a client calls, each call
    /// and each return an observable event. An algorithm with operations has neither processes
    /// nor a body.
    pub operations: Vec<Operation>,
    /// The body of a uniprocess algorithm; `None` when the algorithm has processes (or
    /// operations).
    pub body: Option<Vec<Stmt>>,
    pub span: Span,
}

/// `operation add(k \in 1..3) { n := n + k; }` / `operation get() begin return n; end operation;`
///
/// A call of the operation is one step (event `add(2)`), its body runs from the next step on
/// (its first statement is labelled with the operation's name when it has no label), and
/// `return e` ends it with the event `-> e`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub name: Ident,
    /// Each parameter ranges over a set: the caller may pass any of its values.
    pub params: Vec<OperationParam>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperationParam {
    pub name: Ident,
    /// The set the argument is drawn from (`k \in S`).
    pub set: Expr,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum VarInit {
    /// No initial value: `defaultInitValue` (procedure locals/parameters) or any value
    /// (global: a parse error in PlusCal, kept for diagnostics).
    None,
    /// `x = e`
    Eq(Expr),
    /// `x \in S`
    In(Expr),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VarDecl {
    pub name: Ident,
    pub init: VarInit,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Macro {
    pub name: Ident,
    pub params: Vec<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    pub name: Ident,
    /// Parameters; an initialiser (`p = e`) is allowed by PlusCal and rarely used.
    pub params: Vec<VarDecl>,
    pub locals: Vec<VarDecl>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProcessIds {
    /// `process P = e`
    Single(Expr),
    /// `process P \in S`
    Set(Expr),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Process {
    pub name: Ident,
    pub fairness: Fairness,
    pub ids: ProcessIds,
    pub locals: Vec<VarDecl>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stmt {
    /// The label written before the statement (`L: stmt`), if any.
    pub label: Option<Ident>,
    pub kind: StmtKind,
    pub span: Span,
}

/// `x := e`, `f[i].a := e`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub var: Ident,
    pub path: Vec<PathElem>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WithKind {
    /// `x = e`
    Eq,
    /// `x \in S`
    In,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithBinding {
    pub name: Ident,
    pub kind: WithKind,
    pub expr: Expr,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StmtKind {
    Skip,
    /// One assignment, or several joined by `||`.
    Assign(Vec<Assignment>),
    /// `if c1 then .. elsif c2 then .. else .. end if` / `if (c) {..} else if ..`:
    /// `branches` holds `(c1, body1), (c2, body2), ...`.
    If {
        branches: Vec<(Expr, Vec<Stmt>)>,
        els: Option<Vec<Stmt>>,
    },
    Either(Vec<Vec<Stmt>>),
    While {
        cond: Expr,
        body: Vec<Stmt>,
    },
    /// `await e` / `when e`
    Await(Expr),
    With {
        bindings: Vec<WithBinding>,
        body: Vec<Stmt>,
    },
    Goto(Ident),
    Assert(Expr),
    Print(Expr),
    Call {
        proc: Ident,
        args: Vec<Expr>,
    },
    Return,
    /// `return e` inside an operation: ends it, with the event `-> e`.
    ReturnValue(Expr),
    /// A macro call `M(a, b)`; expanded by the checker.
    MacroCall {
        name: Ident,
        args: Vec<Expr>,
    },
}

// ---------------------------------------------------------------------------------------------
// The model (TLC configuration)
// ---------------------------------------------------------------------------------------------

/// TLC's configuration, from a `.cfg` file or embedded in the text as `(* --model ... *)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub constants: Vec<ConstantBinding>,
    /// `SPECIFICATION Spec`
    pub specification: Option<Ident>,
    /// `INIT` / `NEXT` (accepted; Thicket always uses the algorithm's own Init/Next).
    pub init: Option<Ident>,
    pub next: Option<Ident>,
    pub invariants: Vec<Ident>,
    pub properties: Vec<Ident>,
    pub constraints: Vec<Ident>,
    pub action_constraints: Vec<Ident>,
    /// `CHECK_DEADLOCK FALSE` → `Some(false)`.
    pub check_deadlock: Option<bool>,
    /// `SYMMETRY Perms`: a set of permutations of model values; states that one of them maps
    /// to each other count once.
    pub symmetry: Option<Ident>,
    /// `VIEW v`: states are told apart by the value of `v` in them.
    pub view: Option<Ident>,
    /// `ALIAS a`: a behavior's states are shown as the record `a` in them.
    pub alias: Option<Ident>,
    /// `POSTCONDITION P`: a predicate about constants (and TLC's statistics) that must hold
    /// once the search is done.
    pub postcondition: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConstantBinding {
    pub name: Ident,
    pub value: ConstantValue,
    /// `C = [M] v`, `Op <- [M] Def`: the binding is of module `M`'s `C` or `Op` (wherever
    /// `M` is extended or instantiated); `None` for the checked module's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConstantValue {
    /// `N = 3`, `S = {a, b}` where bare names in the value are model values.
    Value(Expr),
    /// `N <- Op` (substitute a definition)
    Substitute(Ident),
}

// ---------------------------------------------------------------------------------------------
// A behavior typed by the user
// ---------------------------------------------------------------------------------------------

/// A behavior typed by the user, to ask whether the Spec can produce it
/// ([`crate::parse_behavior`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Behavior {
    /// Calls of an object's operations, like a REPL session: `inc(); get() -> 4`.
    Events(Vec<EventItem>),
    /// States, one per line: `n = 0, ret = -1` or `[n |-> 0, ret |-> -1]`.
    States(Vec<StateItem>),
}

/// One call: `get() -> 4` (with the value its return must have) or `inc()` (any return).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventItem {
    pub op: Ident,
    pub args: Vec<Expr>,
    pub ret: Option<Expr>,
    pub span: Span,
}

/// One state: the values of the variables it mentions, in the order written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateItem {
    pub fields: Vec<(Ident, Expr)>,
    pub span: Span,
}

/// Nodes made by a program rather than read from a text (the export, the translation): no
/// span.
pub mod build {
    use super::{Expr, ExprKind, Ident, Span};

    pub fn ident(name: &str) -> Ident {
        Ident {
            name: name.to_string(),
            span: Span::DUMMY,
        }
    }

    pub fn expr(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::DUMMY,
        }
    }

    /// A name used as an expression.
    pub fn name(n: &str) -> Expr {
        expr(ExprKind::Name(ident(n)))
    }
}
