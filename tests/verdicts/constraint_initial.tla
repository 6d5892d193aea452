\* An initial state outside the state constraint is checked against the invariants (here it
\* violates Inv), though it is neither counted nor expanded. TLC, with this model: "Invariant
\* Inv is violated by the initial state: x = 5".
\* exit: 1
\* says: Invariant Inv is violated.
\* says: 1. initial state
\* says: x = 5
---- MODULE constraint_initial ----
EXTENDS Naturals
VARIABLE x
Init == x \in {0, 5}
Next == x' = x + 1
Cons == x < 3
Inv == x # 5
(* --model
INVARIANT Inv
CONSTRAINT Cons
*)
====
