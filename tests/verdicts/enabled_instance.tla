\* Fairness of an instantiated module's action, whose variable the instance substitutes by an
\* expression: TLC evaluates its ENABLED over the instance's own variables (`d'` an unknown of
\* its own, `d` the value of the expression), not over the variables of the expression. So
\* `Unsatisfiable` is violated, although no value of `t'` makes `t > 5 /\ t < 3` true.
\* TLC, with each property alone: Always "No error has been found" (2 distinct states);
\* Reachable and Unsatisfiable "Temporal properties were violated" (t = 0, t = 1, then
\* stuttering).
\* exit: 1
\* says: Property Reachable is violated.
\* says: Always                   holds
\* says: Reachable                VIOLATED
\* says: Unsatisfiable            VIOLATED
---- MODULE Low ----
VARIABLE d
A == d' = TRUE
Spec == d \in BOOLEAN /\ [][A]_d /\ WF_d(A)
====
---- MODULE enabled_instance ----
EXTENDS Naturals
VARIABLE t
Init == t = 0
Next == t = 0 /\ t' = 1
L1 == INSTANCE Low WITH d <- (t = 2)
L2 == INSTANCE Low WITH d <- (t >= 0)
L3 == INSTANCE Low WITH d <- (t > 5 /\ t < 3)
Reachable == L1!Spec
Always == L2!Spec
Unsatisfiable == L3!Spec
(* --model
INIT Init
NEXT Next
CHECK_DEADLOCK FALSE
PROPERTIES Always Reachable Unsatisfiable
*)
====
