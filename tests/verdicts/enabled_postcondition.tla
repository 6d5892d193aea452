\* ENABLED under [] in a property: a state that has no Next step is one where x = 3. TLC, with
\* this model: "Model checking completed. No error has been found.", 4 distinct states, 4
\* generated, depth 4.
\* exit: 0
\* says: Safety                   holds
\* says: Liveness                 holds
\* says: 4 distinct states, 4 states generated, depth 4
---- MODULE enabled_postcondition ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Spec == Init /\ [][Next]_x /\ WF_x(Next)
PostCondition == x = 3
Safety == []((~ ENABLED Next) => PostCondition)
Liveness == <>(x = 3)
(* --model
SPECIFICATION Spec
PROPERTIES Liveness Safety
CHECK_DEADLOCK FALSE
*)
====
