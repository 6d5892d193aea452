\* Action composition `A \cdot B`: a step of A, then from where it ends a step of B (Specifying
\* Systems' definition: \E m : A(s, m) /\ B(m, t)). The TLC of this repository's tools does not
\* evaluate \cdot, so the expected counts are TLC's for the same spec with each composition
\* written out (IncX \cdot Double is x < 4 /\ x' = x + 1 /\ y' = 2 * (x + 1), and so on):
\* "Model checking completed. No error has been found.", 16 distinct states, 32 generated,
\* depth 6.
\* exit: 0
\* says: Inv                      holds
\* says: Prop                     holds
\* says: 16 distinct states, 32 states generated, depth 6
---- MODULE compose ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
IncX == x < 4 /\ x' = x + 1 /\ y' = y
Double == y' = 2 * x /\ x' = x
Reset == x' = 0 /\ y' = y
Next == (IncX \cdot Double) \/ (IncX \cdot Reset) \/ (IncX \cdot IncX)
Inv == y # 7
Prop == [][(IncX \cdot IncX) => x' = x + 2]_<<x, y>>
(* --model
INIT Init
NEXT Next
INVARIANT Inv
PROPERTY Prop
CHECK_DEADLOCK FALSE
*)
====
