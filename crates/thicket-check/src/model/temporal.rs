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
