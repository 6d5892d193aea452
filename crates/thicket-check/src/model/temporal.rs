//! The temporal properties and fairness conditions a spec states, compiled: what `analysis`
//! checks on a state graph.

use crate::eval::expr::CExpr;

/// A temporal property in one of the shapes Thicket checks.
#[derive(Clone, Debug)]
pub enum Temporal {
    /// `P` (a state predicate) among temporal formulas: true in every initial state.
    Initially(CExpr),
    /// `[]<>P`
    InfinitelyOften(CExpr),
    /// `<>[]P`
    EventuallyAlways(CExpr),
    /// `<>P`
    Eventually(CExpr),
    /// `P ~> Q`
    LeadsTo(CExpr, CExpr),
    /// `[][A]_v`, compiled as the action `A \/ UNCHANGED v` (reads the next state).
    ActionBox(CExpr),
    /// Any other formula: checked with a tableau of its negation.
    Formula(Ltl),
}

/// A temporal formula in negation normal form, over state predicates and actions.
#[derive(Clone, Debug)]
pub enum Ltl {
    /// A state predicate (true of a state) or an action (`action`: true of a step), or its
    /// negation (`holds` false).
    Atom {
        pred: CExpr,
        action: bool,
        holds: bool,
    },
    And(Vec<Ltl>),
    Or(Vec<Ltl>),
    Always(Box<Ltl>),
    Eventually(Box<Ltl>),
}

impl Ltl {
    /// `~F`, in negation normal form.
    pub fn negate(self) -> Ltl {
        match self {
            Ltl::Atom {
                pred,
                action,
                holds,
            } => Ltl::Atom {
                pred,
                action,
                holds: !holds,
            },
            Ltl::And(xs) => Ltl::Or(xs.into_iter().map(Ltl::negate).collect()),
            Ltl::Or(xs) => Ltl::And(xs.into_iter().map(Ltl::negate).collect()),
            Ltl::Always(f) => Ltl::Eventually(Box::new(f.negate())),
            Ltl::Eventually(f) => Ltl::Always(Box::new(f.negate())),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FairKind {
    Weak,
    Strong,
}

/// One fairness condition: `WF`/`SF` of the steps it is about.
#[derive(Clone, Copy, Debug)]
pub struct Fairness {
    pub on: FairOn,
    pub kind: FairKind,
}

/// The steps a fairness condition is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FairOn {
    /// The state-changing steps of one process instance (PlusCal's `fair process`), or of one
    /// operator application that the specification names (`WF_vars(P(2))`): the steps carry
    /// this tag.
    Instance(u32),
    /// `<<A>>_v` for an action expression: the language's fairness action of this index (see
    /// `Semantics::fair_taken` and `Semantics::fair_enabled`).
    Action(u32),
}
