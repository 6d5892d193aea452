\* ACTION_CONSTRAINT is not applied yet: an error at it, not a run over more behaviors than
\* the model allows.
\* exit: 2
\* says: action_constraint.tla:14:19: error: ACTION_CONSTRAINT Small is not supported by Thicket yet
---- MODULE action_constraint ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 5
Small == x' < 3
Inv == x < 3
(* --model
INVARIANT Inv
ACTION_CONSTRAINT Small
*)
====
