---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
LOCAL Step(v) == (v + 1) % N
Init == x = 0
Next == x' = Step(x)
TypeOK == x \in 0..(N - 1)
====
