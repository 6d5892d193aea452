\* A theorem stating ASSUME ... PROVE ... is no expression (SANY: "ASSUME/PROVE used where an
\* expression is required").
---- MODULE assume_prove_theorem_used ----
EXTENDS Naturals
THEOREM T == ASSUME NEW r \in {1}, r > 0 PROVE r = 1
ASSUME T
====
