---- MODULE MC ----
EXTENDS Naturals
VARIABLES a, b
\* A named instance on `a`, another on `b`: `A!Next` is an action on `a` alone.
A == INSTANCE Counter WITH x <- a, N <- 2
B == INSTANCE Counter WITH x <- b, N <- 3
Init == A!Init /\ B!Init
Next == (A!Next /\ UNCHANGED b) \/ (B!Next /\ UNCHANGED a)
Inv == ~(A!Done /\ B!Done)
====
