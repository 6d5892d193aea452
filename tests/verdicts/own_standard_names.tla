\* A module that imports no standard module may define their names, and its uses mean its own
\* definitions (`{1} + {2}` is its union). TLC: "Model checking completed. No error has been
\* found." (1 distinct state).
\* exit: 0
\* says: Inv                      holds
---- MODULE own_standard_names ----
VARIABLE x
Nat == {0, 1}
a + b == a \cup b
Len(s) == 7
Init == x = {1} + {2}
Next == UNCHANGED x
Inv == x = {1, 2} /\ Len(<<>>) = 7 /\ 0 \in Nat
(* --model
INIT Init
NEXT Next
INVARIANT Inv
CHECK_DEADLOCK FALSE
*)
====
