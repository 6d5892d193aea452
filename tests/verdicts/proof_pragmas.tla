\* TLAPS defines only proof pragmas: extending it changes nothing that is checked.
\* exit: 0
\* says: Invariant                 holds
---- MODULE proof_pragmas ----
EXTENDS Naturals, TLAPS
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Invariant == x < 3
(* --model
INVARIANT Invariant
*)
====
