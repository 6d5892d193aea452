\* A model value for a defined name overrides its definition, as in TLC: `NoVal = NoVal` lets
\* a model check a spec whose `NoVal` is an unbounded CHOOSE (Specifying Systems' idiom). TLC,
\* with this model: "10 states generated, 3 distinct states found", no error.
\* exit: 0
\* says: No error found.
\* says: 3 distinct states, 10 states generated
---- MODULE model_value_for_definition ----
EXTENDS Naturals
CONSTANT Val
NoVal == CHOOSE v : v \notin Val
VARIABLE x
Init == x = NoVal
Next == x' \in Val \cup {NoVal}
Inv == x = NoVal \/ x \in Val
(* --model
CONSTANTS
  Val = {v1, v2}
  NoVal = NoVal
INIT Init
NEXT Next
INVARIANT Inv
*)
====
