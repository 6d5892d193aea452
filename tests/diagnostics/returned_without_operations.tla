\* `Returned` and `Result` speak of the events of operations; this algorithm has none.
---- MODULE returned_without_operations ----
EXTENDS Integers
(* --algorithm Counter
variables n = 0;
begin
  Inc: n := n + 1;
end algorithm *)

NoNegativeGets == Returned("get") => Result >= 0
====
