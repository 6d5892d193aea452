---- MODULE Counter ----
EXTENDS Naturals
CONSTANT Max
VARIABLE x
Init == x = 0
Inc == x < Max /\ x' = x + 1
Reset == x = Max /\ x' = 0
Next == Inc \/ Reset
====
