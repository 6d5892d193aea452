---- MODULE unclosed_algorithm_comment ----
\* The comment around the algorithm is never closed.
EXTENDS Naturals
(* --algorithm Open
variables x = 0;
begin
  Start: x := 1;
end algorithm;
====
