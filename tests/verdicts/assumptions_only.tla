\* A module of constants and assumptions, whose model names no spec: TLC checks the
\* assumptions and explores nothing (no state), and so does Thicket, saying so.
\* exit: 0
\* says: only its assumptions were checked (as TLC checks them)
\* says: 0 distinct states
---- MODULE assumptions_only ----
EXTENDS Naturals, FiniteSets
CONSTANT S
ASSUME Cardinality(S) = 3
ASSUME \A x \in S : \E y \in S : x # y
(* --model
CONSTANT S = {a, b, c}
*)
====
