---- MODULE MC ----
\* Subexpression names through EXTENDS and INSTANCE: positions, labels (with parameters),
\* `!(v)`, `!:`, named theorems as expressions, a parameterized instance's theorem.
EXTENDS Base
I == INSTANCE Base WITH N <- 5
P(T) == INSTANCE Sets WITH S <- T
ASSUME Bounded /\ I!Bounded!: /\ \A n \in 1..3 : P(1..n)!Covered
ASSUME P({1, 2})!Card!1!1 /\ ~P({1, 2})!Card!Big /\ P({3})!Card!Big
InvAll == /\ Inv!1
          /\ Inv!3!(1)
          /\ I!Inv!Pos(1)
InvSmall == Inv!Small
====
