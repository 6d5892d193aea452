\* An action property violated by a step, found as the search takes the step. TLC: "Action
\* property Grows is violated", the behavior x = 0, 1, 2, 0; 4 states generated, 3 distinct.
\* exit: 1
\* says: Property Grows is violated.
\* says: Grows                    VIOLATED
---- MODULE AP ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Grows == [][x' > x]_x
(* --model
INIT Init
NEXT Next
PROPERTY Grows
*)
====
