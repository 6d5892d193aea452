\* Weak fairness of an action expression whose subscript is every
\* variable: B's steps count too. TLC, with this model (WF_vars):
\* "Model checking completed. No error has been found."
\* exit: 0
\* says: No error found.
\* says: XDone holds
\* says: YDone holds
---- MODULE fairness_expression_vars ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
A == x < 3 /\ x' = x + 1 /\ y' = y
B == y < 3 /\ y' = y + 1 /\ x' = x
Next == A \/ B
Fairness == \A i \in {1, 2} : WF_vars((i = 1 /\ A) \/ (i = 2 /\ B))
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
