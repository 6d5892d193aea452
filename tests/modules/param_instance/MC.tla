---- MODULE MC ----
EXTENDS Naturals
CONSTANT Max
VARIABLES a, b
\* A parameterized instance: `C(a)!Next` is the counter's action on `a`.
C(v) == INSTANCE Counter WITH x <- v
Init == C(a)!Init /\ C(b)!Init
Next == (C(a)!Next /\ UNCHANGED b) \/ (C(b)!Next /\ UNCHANGED a)
Inv == a + b < 2 * Max
====
