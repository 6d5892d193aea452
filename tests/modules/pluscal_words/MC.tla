---- MODULE MC ----
\* PlusCal's words are names in TLA+ text: only inside an algorithm are they reserved
\* (`\A process \in Procs`, `LET call == ...`, as in the Examples' Boulanger and Elevator).
EXTENDS Naturals
VARIABLES num
Procs == {1, 2}
begin(end, do) == end + do
Init == num = [process \in Procs |-> 0]
Next == \E process \in Procs :
          LET call == begin(num[process], 1) IN
            /\ call <= 2
            /\ num' = [num EXCEPT ![process] = call]
print == \A process \in Procs : num[process] <= 2
either == \E while \in Procs : num[while] = 2
NotBoth == ~(num[1] = 2 /\ num[2] = 2 /\ either)
====
