\* A state outside the state constraint (CONSTRAINT), or reached by a step outside the action
\* constraint (ACTION_CONSTRAINT), is checked but neither counted nor expanded, as TLC counts:
\* an initial state outside (x + y = 7) is not counted either. TLC, with this model:
\* "65 states generated, 21 distinct states found", depth 6, no error.
\* exit: 0
\* says: No error found.
\* says: 21 distinct states, 65 states generated, depth 6
---- MODULE constraint_counts ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0, 7}
Next == \/ x' = x + 1 /\ y' = y
        \/ x' = x /\ y' = y + 1
        \/ x' = x + 2 /\ y' = y + 2
Step == x' + y' - x - y < 3
Cons == x + y < 6
(* --model
ACTION_CONSTRAINT Step
CONSTRAINT Cons
*)
====
