\* A specification as a property (refinement): its initial predicate must hold in the initial
\* states, its [][A]_v in every step; through an instance too. TLC, with this model and
\* PROPERTIES Holds alone: "No error has been found", 3 distinct states; with Wrong too:
\* "Property ... Wrong is violated by the initial state: x = 0".
\* exit: 1
\* says: Property Wrong is violated.
\* says: Holds holds
\* says: x = 0
---- MODULE Counter ----
EXTENDS Naturals
VARIABLE n
CInit == n \in 0..1
CNext == n' = n + 1 \/ n' = 0
Spec == CInit /\ [][CNext]_n
====
---- MODULE refinement_property ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x
Counter == INSTANCE Counter WITH n <- x
Holds == Counter!Spec
Wrong == x = 1 /\ [][x' = x + 1 \/ x' = 0]_x
(* --model
SPECIFICATION Spec
PROPERTIES Holds Wrong
*)
====
