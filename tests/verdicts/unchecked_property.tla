\* A property Thicket cannot check makes the run an error, located at its definition; the
\* other property is not reported as holding either.
\* exit: 2
\* says: unchecked_property.tla:13:1: error: Thicket cannot check the property `Safety`: `\EE` (temporal quantification) is not supported
\* says: Liveness                 not checked
---- MODULE unchecked_property ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Spec == Init /\ [][Next]_x /\ WF_x(Next)
PostCondition == x = 3
Safety == \EE y : [](x = y)
Liveness == <>(x = 3)
(* --model
SPECIFICATION Spec
PROPERTIES Liveness Safety
CHECK_DEADLOCK FALSE
*)
====
