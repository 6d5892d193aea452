---- MODULE unknown_model_invariant ----
\* The embedded model names an invariant that is not defined.
EXTENDS Naturals
(* --algorithm Inv
variables x = 0;
begin
  Start: x := 1;
end algorithm; *)
TypeOK == x \in 0..1
(* --model
INVARIANT TypeOk
*)
====
