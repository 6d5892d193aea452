\* A specification's conjuncts beyond Init, [][Next]_v and fairness, as TLC reads them: a state
\* predicate (`x \in 0..2`) joins the initial predicate, and another temporal formula
\* (`<>[][Inc]_x`) is assumed when checking the properties: without it (Bare), Reset steps
\* forever keep x from 2. TLC, with this model: "Model checking completed. No error has been
\* found.", 3 distinct states, 7 generated, depth 3; with SPECIFICATION Bare, "Temporal
\* properties were violated".
\* exit: 0
\* says: P                        holds
\* says: 3 distinct states, 7 states generated, depth 3
---- MODULE spec_assumption ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Inc == x' = (x + 1) % 3
Reset == x' = 0
Next == Inc \/ Reset
Spec == Init /\ [][Next]_x /\ x \in 0..2 /\ WF_x(Inc) /\ <>[][Inc]_x
Bare == Init /\ [][Next]_x /\ WF_x(Inc)
P == []<>(x = 2)
(* --model
SPECIFICATION Spec
PROPERTY P
*)
====
