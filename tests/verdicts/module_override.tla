\* A model's binding of a module's definition (`Op <- [M] Def`, `Op = [M] value`) holds for
\* that module's definition wherever it is used (here through an instance), not for the
\* checked module's definition of the same name. TLC, with Inner and the main module in two
\* files and this model: "4 states generated, 3 distinct states found", depth 2, no error
\* (without the bindings the instance's steps would go to 100).
\* exit: 0
\* says: No error found.
\* says: 3 distinct states, 4 states generated, depth 2
---- MODULE Inner ----
EXTENDS Naturals
Limit == 100
Steps == 0..Limit
Start == 7
====
---- MODULE module_override ----
EXTENDS Naturals
VARIABLE x
I == INSTANCE Inner
Limit == 5
Init == x = I!Start
Next == x' \in I!Steps /\ x' > x
Inv == x < Limit
MCLimit == 2
(* --model
CONSTANTS
  Limit <- [Inner] MCLimit
  Start = [Inner] 0
INIT Init
NEXT Next
INVARIANT Inv
CHECK_DEADLOCK FALSE
*)
====
