\* A false ASSUME stops the run before anything is explored, as TLC stops it (TLC, with this
\* model: "Error: Assumption line 9, col 8 to line 9, col 12 of module false_assumption is
\* false.", exit code 10). Exit 1: the spec's own claim is violated.
\* exit: 1
\* says: Assumption failed: the assumption is false at line 9, column 8
---- MODULE false_assumption ----
EXTENDS Naturals
CONSTANT N
ASSUME N > 5
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % N
Inv == x < N
(* --model
CONSTANT N = 3
INVARIANT Inv
*)
====
