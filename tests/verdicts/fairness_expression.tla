\* Fairness of any action expression, inside a definition the specification names
\* (`FairSpec == Spec /\ Fairness`), quantified: `<<A>>_x` steps are the ones that change x, so
\* only A's steps count, and a behavior that stops once x = 3 is fair. TLC, with this model:
\* XDone alone: "Model checking completed. No error has been found."; both: "Temporal
\* properties were violated" (YDone), 16 distinct states, 25 generated.
\* exit: 1
\* says: Property YDone is violated.
\* says: XDone holds
\* says: YDone VIOLATED
\* says: 16 distinct states, 25 states generated
---- MODULE fairness_expression ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
A == x < 3 /\ x' = x + 1 /\ y' = y
B == y < 3 /\ y' = y + 1 /\ x' = x
Next == A \/ B
Fairness == \A i \in {1, 2} : WF_x((i = 1 /\ A) \/ (i = 2 /\ B))
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
