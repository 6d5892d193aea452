\* POSTCONDITION: a predicate about constants, evaluated once the search is complete and found
\* nothing (TLC's workers evaluate it when no state is left; a false one is reported as a
\* false assumption, TLC's message 2104). TLC, with this model: "4 states generated, 4
\* distinct states found", depth 4, no error. (TLC of 2023-09 did not report a false
\* postcondition in our runs, `POSTCONDITION Small` with Max = 3: Thicket reports it false.)
\* exit: 0
\* says: No error found.
\* says: 4 distinct states, 4 states generated, depth 4
\* says: Big holds
---- MODULE postcondition ----
EXTENDS Naturals
CONSTANT Max
VARIABLE x
Init == x = 0
Next == x < Max /\ x' = x + 1
Big == Max > 1
(* --model
CONSTANT Max = 3
INIT Init
NEXT Next
CHECK_DEADLOCK FALSE
POSTCONDITION Big
*)
====
