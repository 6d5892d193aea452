//! The temporal properties and fairness conditions a spec states, compiled: what `analysis`
//! checks on a state graph.

use crate::eval::expr::CExpr;

/// A temporal property in one of the shapes Thicket checks.
#[derive(Clone, Debug)]
pub enum Temporal {
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

/// One fairness condition: on the steps of one process instance.
#[derive(Clone, Copy, Debug)]
pub struct Fairness {
    pub instance: u32,
    pub kind: FairKind,
}
