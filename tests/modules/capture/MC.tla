---- MODULE MC ----
EXTENDS Naturals
VARIABLE y
I == INSTANCE Sets WITH x <- y, S <- 1..4
Init == I!Init
Next == I!Next
Inv == I!Big
====
