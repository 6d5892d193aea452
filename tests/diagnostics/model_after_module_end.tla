---- MODULE tm ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == x < 2
====
(* --model
INVARIANT Inv
*)
