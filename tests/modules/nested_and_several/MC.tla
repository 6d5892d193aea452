---- MODULE MC ----
EXTENDS Naturals
CONSTANT N
VARIABLES x, hidden
---- MODULE Inner ----
\* A nested module sees the declarations before it.
VARIABLE seen
IInit == x = 0 /\ seen = 0
INext == x' = (x + 1) % N /\ seen' = x
====
In(seen) == INSTANCE Inner
H == INSTANCE Helper WITH K <- N
Init == In(hidden)!IInit
Next == In(hidden)!INext
Inv == H!Below(x) /\ H!Below(hidden)
====
---- MODULE Helper ----
\* A second module of the same text.
EXTENDS Naturals
CONSTANT K
Below(v) == v < K
====
