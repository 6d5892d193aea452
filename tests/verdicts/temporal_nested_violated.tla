\* A nested temporal formula violated: once x = 1 it must stay so, but IncX goes on. TLC, with
\* this model: "Temporal properties were violated", 4 distinct states, 8 generated.
\* exit: 1
\* says: Property Q2 is violated.
\* says: Q2                       VIOLATED
---- MODULE temporal_nested_violated ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
Next == IncX \/ UNCHANGED vars
Spec == Init /\ [][Next]_vars /\ WF_vars(IncX)
Q2 == [](x = 1 => [](x = 1))
Q4 == []<><<IncX>>_x
(* --model
SPECIFICATION Spec
PROPERTIES Q2
*)
====
