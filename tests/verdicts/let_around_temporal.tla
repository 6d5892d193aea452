\* Temporal properties under LET: the definitions mean the same in every state. TLC:
\* "Temporal properties were violated", the lasso x = 0, 1, 2, 0, 1, 2, back to state 4
\* (Bounded fails at x = 2; Often holds under the weak fairness).
\* exit: 1
\* says: Property Bounded is violated.
\* says: Often                    holds
---- MODULE LT ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Often == LET Big == x >= 2 IN []<>Big
Bounded == LET Below(y) == x < y IN [](Below(2))
(* --model
SPECIFICATION Spec
PROPERTY Often Bounded
*)
====
