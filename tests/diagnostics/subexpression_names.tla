\* Subexpression names that select nothing (SANY refuses each of them too).
---- MODULE subexpression_names ----
EXTENDS Naturals
Inv == /\ 1 = 1
       /\ Lbl:: 2 > 1
Cs == CASE 1 > 2 -> 10 [] OTHER -> 30
Lt == LET z == 3 IN z + 1
Q(a) == \A x \in {a} : x > 0
A == Inv!3
B == Inv!Nope
C == Cs!2!1
D == Lt!2
E == Inv!1!:
F == Q!(1)
G == Q(1)!(1, 2)
H == Inv!@
====
