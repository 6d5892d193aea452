---- MODULE model_unknown_constant ----
\* The embedded model gives a value to a constant the module does not declare.
EXTENDS Naturals
CONSTANT Size
(* --algorithm C
variables x = 0;
begin
  Start: x := Size;
end algorithm; *)
(* --model
CONSTANT Sise = 3
*)
====
