---- MODULE Sets ----
EXTENDS Naturals
CONSTANT S
VARIABLE x
\* Its bound name `y` is the name of what the instance substitutes for `x`: it must not capture it.
Init == x \in S
Next == \E y \in S : y > x /\ x' = y
Big == \A y \in S : x >= y - 2
====
