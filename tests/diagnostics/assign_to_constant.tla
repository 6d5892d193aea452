---- MODULE assign_to_constant ----
\* Assigning to a constant.
EXTENDS Naturals
CONSTANT N
(* --algorithm Const
variables x = 0;
begin
  Start: N := 3;
end algorithm; *)
====
