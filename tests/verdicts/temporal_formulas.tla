\* Temporal formulas of any shape, checked with a tableau: nested [] and <> (Q1), IF on a
\* state predicate (Q3), WF and SF as properties (Q5), a refinement with fairness (Q7), a
\* disjunction of temporal formulas (Q8), \A and \E over constant sets (Q10, Q11), and a state
\* predicate implying an eventuality (Q9). TLC, with this model: Q1 Q3 Q5 Q7 Q8 Q10 Q11 alone,
\* "Model checking completed. No error has been found.", 12 distinct states, 46 generated,
\* depth 5; with Q9, "Temporal properties were violated" (a lasso in which y never becomes 2).
\* exit: 1
\* says: Property Q9 is violated.
\* says: Q1                       holds
\* says: Q3                       holds
\* says: Q5                       holds
\* says: Q7                       holds
\* says: Q8                       holds
\* says: Q10                      holds
\* says: Q11                      holds
\* says: Q9                       VIOLATED
\* says: 12 distinct states, 46 states generated, depth 5
---- MODULE temporal_formulas ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
SetY(v) == y < 2 /\ y' = v
Next == IncX \/ (\E v \in 0..2 : SetY(v) /\ UNCHANGED x) \/ UNCHANGED vars
Spec == Init /\ [][Next]_vars /\ WF_vars(IncX)
Q1 == [](y = 2 => [](y = 2))
Q3 == IF x = 0 THEN <>(x = 3) ELSE <>(x = 0)
Q5 == WF_vars(IncX)
Q7 == Init /\ [][Next]_vars /\ WF_vars(IncX)
Q8 == <>[](x = 3) \/ []<>(y = 1)
Q9 == (x = 0) => <>(y = 2)
Q10 == \A v \in {1, 2} : <>[](x = 3 \/ y = v)
Q11 == \E v \in {1, 2} : []<>(y # v)
(* --model
SPECIFICATION Spec
PROPERTIES Q1 Q3 Q5 Q7 Q8 Q10 Q11 Q9
*)
====
