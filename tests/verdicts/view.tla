\* VIEW as TLC applies it: states with the same value of the view are one state (counted and
\* expanded once: the first reached), so the states beyond the others are not explored. TLC,
\* with this model: "7 states generated, 3 distinct states found", depth 2, no error; without
\* the VIEW: "Invariant Inv is violated" (x = 2, steps = 2 is then reached).
\* exit: 0
\* says: No error found.
\* says: 3 distinct states, 7 states generated, depth 2
---- MODULE view ----
EXTENDS Naturals
VARIABLES x, steps
Init == x = 0 /\ steps = 0
Next == /\ steps < 6
        /\ x' \in {(x + 1) % 3, (x + 2) % 3}
        /\ steps' = steps + 1
View == x
Inv == x + steps < 4
(* --model
INIT Init
NEXT Next
INVARIANT Inv
VIEW View
CHECK_DEADLOCK FALSE
*)
====
