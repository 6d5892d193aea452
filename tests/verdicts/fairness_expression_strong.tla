\* Strong fairness of an action expression whose subscript is one variable: as for weak
\* fairness, only A's steps change x. TLC, with this model: "Temporal properties were
\* violated" (YDone).
\* exit: 1
\* says: Property YDone is violated.
\* says: XDone holds
---- MODULE fairness_expression_strong ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
A == x < 3 /\ x' = x + 1 /\ y' = y
B == y < 3 /\ y' = y + 1 /\ x' = x
Next == A \/ B
Fairness == \A i \in {1, 2} : SF_x((i = 1 /\ A) \/ (i = 2 /\ B))
Spec == Init /\ [][Next]_vars
FairSpec == Spec /\ Fairness
XDone == <>(x = 3)
YDone == <>(y = 3)
(* --model
SPECIFICATION FairSpec
PROPERTIES XDone YDone
CHECK_DEADLOCK FALSE
*)
====
