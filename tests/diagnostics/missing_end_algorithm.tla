---- MODULE missing_end_algorithm ----
\* The algorithm's `end algorithm` is missing.
EXTENDS Naturals
(* --algorithm Unfinished
variables x = 0;
begin
  Start: x := 1;
*)
====
