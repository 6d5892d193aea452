\* ENABLED in invariants and temporal properties, as TLC evaluates it: `ENABLED A` holds when A
\* has a step from the state (the variables A does not mention keep their values),
\* `ENABLED <<A>>_v` when it has one that changes v, `ENABLED [A]_v` always. TLC, with this
\* model: "Model checking completed. No error has been found." for every invariant and for
\* Prop1, Prop2, Prop5 alone; with Prop3 "Temporal properties were violated", a lasso through
\* three IncX steps, stuttering at x = 3 (so at y = 0, where SetY(1) stays enabled);
\* 12 distinct states, 46 states generated, depth 5.
\* exit: 1
\* says: Property Prop3 is violated.
\* says: Inv1 holds
\* says: Inv2 holds
\* says: Inv3 holds
\* says: Inv4 holds
\* says: Inv6 holds
\* says: Prop1 holds
\* says: Prop2 holds
\* says: Prop5 holds
\* says: 12 distinct states, 46 states generated, depth 5
---- MODULE enabled ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
SetY(v) == y < 2 /\ y' = v
Next == IncX \/ (\E v \in 0..2 : SetY(v) /\ UNCHANGED x) \/ UNCHANGED vars
Spec == Init /\ [][Next]_vars /\ WF_vars(IncX)
Inv1 == (ENABLED IncX) = (x < 3)
Inv2 == ~ENABLED <<SetY(y)>>_y
Inv3 == (ENABLED SetY(5)) = (y < 2)
Inv4 == \A v \in 0..2 : (ENABLED (SetY(v) /\ x' = x)) <=> y < 2
Inv6 == ENABLED [IncX]_x
Prop1 == []<>(~ENABLED IncX)
Prop2 == <>[](~ENABLED IncX)
Prop3 == (ENABLED SetY(1)) ~> (y = 2)
Prop5 == [](ENABLED IncX => <>(x = 3))
(* --model
SPECIFICATION Spec
INVARIANTS Inv1 Inv2 Inv3 Inv4 Inv6
PROPERTIES Prop1 Prop2 Prop3 Prop5
*)
====
