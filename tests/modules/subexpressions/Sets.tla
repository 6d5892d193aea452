---- MODULE Sets ----
\* A constant module: its theorems, instantiated with a parameter, are expressions.
EXTENDS Naturals
CONSTANT S
LEMMA Covered == \A e \in S : e \in S \cup {0}
Card == LET Twice == 2 IN /\ S # {}
                          /\ Big:: \E e \in S : e * Twice > 4
====
