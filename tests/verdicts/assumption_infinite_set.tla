\* ASSUMEs are evaluated as TLC evaluates them: `N \in Nat \ {0}` holds for N = 3 (a
\* membership in an infinite set minus a finite one), and the spec is checked.
\* exit: 0
\* says: Inv                      holds
---- MODULE assumption_infinite_set ----
EXTENDS Naturals
CONSTANT N
ASSUME N \in Nat \ {0}
ASSUME 0 \notin Nat \ {0}
ASSUME ~(3 \in {1, 2, 3} \ {3})
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % N
Inv == x \in Nat \ {N}
(* --model
CONSTANT N = 3
INVARIANT Inv
*)
====
