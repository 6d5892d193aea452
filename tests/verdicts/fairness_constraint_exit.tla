\* Weak fairness of an action whose step leaves the state constraint: the action is enabled
\* in x = 1 (TLC evaluates ENABLED without the constraints), so stuttering there forever is
\* unfair and the property holds. TLC: "No error has been found", 2 distinct states,
\* 3 states generated.
\* exit: 0
\* says: No error found.
\* says: 2 distinct states, 3 states generated
---- MODULE FCE ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
A == x < 3 /\ x' = x + 1
Spec == Init /\ [][A]_x /\ WF_x(A)
Reaches == <>(x = 3)
Small == x <= 1
(* --model
SPECIFICATION Spec
PROPERTY Reaches
CONSTRAINT Small
*)
====
