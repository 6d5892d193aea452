\* A specification's fairness written in an instantiated module, of an action that Next never
\* takes, over an instance variable substituted by an expression. TLC evaluates its ENABLED
\* over the instance's own variables: `d = FALSE` always, so `d' = TRUE` is always enabled and
\* never taken, no behavior is fair, and every property holds. TLC, with this model: "Model
\* checking completed. No error has been found.", 4 distinct states.
\* exit: 0
\* says: 4 distinct states
\* says: Live                     holds
---- MODULE Low ----
VARIABLE d
A == d' = TRUE
Fair == WF_d(A)
====
---- MODULE enabled_instance_fairness ----
EXTENDS Naturals
VARIABLE t
L == INSTANCE Low WITH d <- (t > 5 /\ t < 3)
Next == t < 3 /\ t' = t + 1
Init == t = 0
Spec == Init /\ [][Next]_t /\ L!Fair
Live == <>(t = 7)
(* --model
SPECIFICATION Spec
PROPERTY Live
CHECK_DEADLOCK FALSE
*)
====
