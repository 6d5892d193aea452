\* ALIAS: a behavior's states are shown as the alias's record (its fields as the variables;
\* the next state is the primed one). TLC, with this model: "Invariant Inv is violated",
\* "3 states generated, 3 distinct states found"; its behavior shows `double = 0`, then
\* `double = 2` (TLC leaves the last state out of a behavior shown through an alias; Thicket
\* shows it, `double = 4`, and `next` only where there is a next state).
\* exit: 1
\* says: Invariant Inv is violated.
\* says: double = 2
\* says: next = 2
\* says: 3 distinct states, 3 states generated
---- MODULE alias ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x < 2
Alias == [double |-> 2 * x, next |-> x']
(* --model
INIT Init
NEXT Next
INVARIANT Inv
ALIAS Alias
*)
====
