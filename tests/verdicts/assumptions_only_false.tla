\* Only assumptions to check, and one is false: the run fails at it, as TLC's does
\* ("Assumption line 5, col 8 to line 5, col 25 ... is false" in the same module without the header).
\* exit: 1
\* says: the assumption is false at line 9, column 8
---- MODULE assumptions_only_false ----
EXTENDS Naturals, FiniteSets
CONSTANT S
ASSUME Cardinality(S) = 3
ASSUME Cardinality(S) = 4
(* --model
CONSTANT S = {a, b, c}
*)
====
