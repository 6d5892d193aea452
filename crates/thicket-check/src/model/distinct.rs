//! How the model tells states apart, as TLC does: by the state itself, or through the
//! model's `VIEW` (two states with the same value of the view are one) and `SYMMETRY` (a state
//! counts as the least of its images, [`Symmetry`]); with both, the view of the least image.
//! The searches fingerprint what [`Distinction::key`] gives; the states they keep, expand and
//! show are the states reached, whole.

use crate::eval::expr::{CExpr, EvalError};
use crate::eval::value::Value;
use crate::model::program::Program;
use crate::model::symmetry::Symmetry;

/// What states are told apart by.
#[derive(Clone, Debug, Default)]
pub struct Distinction {
    /// `VIEW`: the expression whose value stands for the state.
    pub view: Option<CExpr>,
    /// `SYMMETRY`: the permutations a state is reduced by.
    pub symmetry: Option<Symmetry>,
}

impl Distinction {
    /// Whether states are told apart by themselves (no view, no symmetry): then the searches
    /// fingerprint the state directly and never call [`Distinction::key`].
    pub fn is_plain(&self) -> bool {
        self.view.is_none() && self.symmetry.is_none()
    }

    /// What stands for `st` when states are compared: its least image under the symmetry,
    /// then the view's value in that; `None` when that is `st` itself.
    pub fn key(
        &self,
        prog: &Program,
        st: &[Value],
        frame: &mut Vec<Value>,
    ) -> Result<Option<Vec<Value>>, EvalError> {
        let least = self
            .symmetry
            .as_ref()
            .and_then(|s| s.canonical(st, self.view.is_some()));
        let Some(view) = &self.view else {
            return Ok(least);
        };
        let st = least.as_deref().unwrap_or(st);
        Ok(Some(vec![prog.env(st, None).eval(view, frame)?]))
    }
}
