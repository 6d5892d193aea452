\* SYMMETRY is not applied yet: the verdict stands (every state is explored), and a warning
\* says the counts are those TLC gives without symmetry.
\* exit: 0
\* says: warning: SYMMETRY Sym is not applied: every state is explored
---- MODULE symmetry_ignored ----
EXTENDS Naturals, TLC
CONSTANT Procs
VARIABLE owner
Init == owner = "none"
Next == \E p \in Procs : owner' = p
Sym == Permutations(Procs)
Inv == owner \in Procs \cup {"none"}
(* --model
CONSTANT Procs = {p1, p2}
SYMMETRY Sym
INVARIANT Inv
*)
====
