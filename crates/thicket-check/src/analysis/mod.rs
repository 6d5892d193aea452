//! Questions answered on a state graph: temporal properties under fairness (`liveness`),
//! behaviors counted by length (`count`) and the behavior tree (`tree`). Uses `eval`, `model`
//! and `search`.

pub mod count;
pub mod liveness;
pub mod tableau;
pub mod tree;
