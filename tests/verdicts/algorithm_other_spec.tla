\* A model that names another specification than an algorithm's translation: an error, not a
\* check of something else than was asked.
\* exit: 2
\* says: algorithm_other_spec.tla:16:15: error: the model names `FairSpec`, but Thicket checks an algorithm as its translation's `Spec`
---- MODULE algorithm_other_spec ----
EXTENDS Naturals
(* --algorithm Count
variables x = 0;
begin
  Inc: while x < 2 do x := x + 1; end while;
end algorithm; *)
FairSpec == TRUE
Small == x <= 2
(* --model
INVARIANT Small
SPECIFICATION FairSpec
*)
====
