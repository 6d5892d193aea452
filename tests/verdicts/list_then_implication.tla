\* A bulleted list ended by `=>` at (or left of) its bullets' column is the implication's left
\* side, as TLA+'s alignment rule has it: `Imp` is `(x > 0 /\ x < 3) => x < 2`, violated at
\* x = 2; a list nested in a list likewise (`Inv`). TLC, with this model: "Invariant Imp is
\* violated by the initial state: x = 2"; with INVARIANT Inv alone, "Invariant Inv is violated
\* by the initial state: x = 2".
\* exit: 1
\* says: Invariant Imp is violated.
\* says: x = 2
\* says: Inv VIOLATED
---- MODULE list_then_implication ----
EXTENDS Naturals
VARIABLE x
Init == x \in 0..3
Next == UNCHANGED x
Imp == /\ x > 0
       /\ x < 3
       => x < 2
Inv == /\ /\ x > 1
          /\ \/ x = 2
             \/ x = 3
          => x > 2
       /\ x < 10
(* --model
INIT Init
NEXT Next
INVARIANT Imp Inv
*)
====
