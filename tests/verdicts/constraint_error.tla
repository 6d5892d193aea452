\* A state constraint that cannot be evaluated is an error, as in TLC, never a silent prune of
\* the states beyond it (here `x[3]` fails once x has two elements). TLC, with this model:
\* "Attempted to access index 3 of tuple <<1, 1>> which is out of bounds", the behavior
\* <<1>>, <<1, 1>>, evaluating line 12, column 24.
\* exit: 2
\* says: Error: the state constraint cannot be evaluated
---- MODULE constraint_error ----
EXTENDS Naturals, Sequences
VARIABLE x
Init == x = <<1>>
Next == x' = Append(x, 1)
Small == Len(x) < 2 \/ x[3] = 1
Inv == Len(x) < 5
(* --model
INVARIANT Inv
CONSTRAINT Small
*)
====
