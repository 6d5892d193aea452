---- MODULE mismatched_bracket ----
\* A `[` closed by `)`.
EXTENDS Naturals
Squares == [x \in 1..3 |-> x * x)
====
