---- MODULE die_hard_tla ----
\* The Die Hard jugs puzzle as plain TLA+ (no algorithm): VARIABLES, Init, one action per
\* move, Next and Spec, as in Lamport's TLA+ course. The same puzzle as die_hard.tla, written
\* without PlusCal: the same 16 states, and NotSolved is violated by a solution.
EXTENDS Naturals

VARIABLES small, big

TypeOK == small \in 0..3 /\ big \in 0..5

Init == /\ big = 0
        /\ small = 0

FillSmall == /\ small' = 3
             /\ big' = big

FillBig == /\ big' = 5
           /\ small' = small

EmptySmall == /\ small' = 0
              /\ big' = big

EmptyBig == /\ big' = 0
            /\ small' = small

Min(m, n) == IF m < n THEN m ELSE n

SmallToBig == LET poured == Min(small, 5 - big)
              IN  /\ big' = big + poured
                  /\ small' = small - poured

BigToSmall == LET poured == Min(big, 3 - small)
              IN  /\ small' = small + poured
                  /\ big' = big - poured

Next == \/ FillSmall
        \/ FillBig
        \/ EmptySmall
        \/ EmptyBig
        \/ SmallToBig
        \/ BigToSmall

Spec == Init /\ [][Next]_<<small, big>>

NotSolved == big # 4

(* --model
SPECIFICATION Spec
INVARIANTS TypeOK NotSolved
*)
====
