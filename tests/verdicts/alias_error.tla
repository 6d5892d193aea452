\* An ALIAS that cannot be evaluated in a state of the behavior: that state is shown as it
\* is, as TLC shows it (TLC: states "inv = 5", "inv = 10", then "x = 0"), and Thicket says so.
\* exit: 1
\* says: warning: the ALIAS cannot show state 3 of the behavior: division by zero
\* says: Invariant Inv is violated.
---- MODULE AL ----
EXTENDS Naturals
VARIABLE x
Init == x = 2
Next == x' = x - 1
Inv == x > 0 - 1
Alias == [inv |-> 10 \div x]
(* --model
INIT Init
NEXT Next
INVARIANT Inv
ALIAS Alias
*)
====
