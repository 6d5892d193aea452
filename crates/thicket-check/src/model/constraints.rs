//! The model's bounds on the state space, as TLC reads them: a state outside the state
//! constraints (`CONSTRAINT`), or reached by a step outside the action constraints
//! (`ACTION_CONSTRAINT`), is checked against the invariants but neither counted, kept nor
//! expanded (the searches apply this; here is only what the constraints say of a state).

use crate::eval::expr::{CExpr, Env, EvalError};
use crate::eval::value::Value;
use crate::model::program::Program;

#[derive(Clone, Debug, Default)]
pub struct Constraints {
    /// State predicates.
    pub state: Vec<CExpr>,
    /// Predicates of a step (primed variables are the successor's).
    pub action: Vec<CExpr>,
}

/// A constraint that cannot be evaluated: never a silent prune.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintError {
    State(EvalError),
    Action(EvalError),
}

impl Constraints {
    /// Whether initial state `st` is within the state constraints.
    pub fn admits_state(
        &self,
        prog: &Program,
        st: &[Value],
        frame: &mut Vec<Value>,
    ) -> Result<bool, ConstraintError> {
        all_true(prog.env(st, None), &self.state, frame).map_err(ConstraintError::State)
    }

    /// Whether the step from `cur` to `next` is within the model: `next` within the state
    /// constraints and the step within the action constraints.
    pub fn admits_step(
        &self,
        prog: &Program,
        cur: &[Value],
        next: &[Value],
        frame: &mut Vec<Value>,
    ) -> Result<bool, ConstraintError> {
        Ok(self.admits_state(prog, next, frame)?
            && all_true(prog.env(cur, Some(next)), &self.action, frame)
                .map_err(ConstraintError::Action)?)
    }

    pub fn is_empty(&self) -> bool {
        self.state.is_empty() && self.action.is_empty()
    }
}

/// Whether every predicate is true in `env`.
fn all_true(env: Env<'_>, preds: &[CExpr], frame: &mut Vec<Value>) -> Result<bool, EvalError> {
    for c in preds {
        if !env.bool(c, frame)? {
            return Ok(false);
        }
    }
    Ok(true)
}
