---- MODULE recursive_without_declaration ----
\* A recursive operator needs a RECURSIVE declaration.
EXTENDS Naturals
Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
====
