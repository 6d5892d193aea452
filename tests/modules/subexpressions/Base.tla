---- MODULE Base ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x < N /\ x' = x + 1
Inv == /\ x \in 0..N
       /\ Small:: x < 3
       /\ \A k \in 1..x : Pos(k):: k + x >= 1
THEOREM Bounded == \A k \in 0..N : k <= N
====
