\* ACTION_CONSTRAINT as TLC applies it: a step outside it leads to a state that is checked
\* against the invariants but neither counted nor expanded. TLC, with this model: Inv is
\* violated by the behavior x = 0, 1, 2, 3 (the step 2 -> 3 is outside the constraint);
\* "4 states generated, 3 distinct states found", depth 3.
\* exit: 1
\* says: Invariant Inv is violated.
\* says: 4. Next
\* says: * x = 3
\* says: 3 distinct states, 4 states generated, depth 3
---- MODULE action_constraint ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 5
Small == x' < 3
Inv == x < 3
(* --model
INVARIANT Inv
ACTION_CONSTRAINT Small
*)
====
