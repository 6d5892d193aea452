\* `ENABLED <<A>>_v` (that is, `ENABLED (A /\ ~UNCHANGED v)`) evaluates v' in A's step: a
\* variable of v that A gives no value is an error, as in TLC ("In evaluation, the identifier x is either undefined or not an
\* operator", on the initial state), never a verdict.
\* exit: 2
\* says: `x'` is read before this step gives it a value (while evaluating Inv) at line 13
---- MODULE enabled_subscript_unassigned ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
SetY(v) == y < 2 /\ y' = v
Next == \E v \in 0..2 : SetY(v) /\ UNCHANGED x
Inv == (ENABLED <<SetY(1)>>_vars) = (y = 0)
(* --model
INIT Init
NEXT Next
INVARIANT Inv
*)
====
