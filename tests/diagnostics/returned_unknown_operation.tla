\* A misspelled operation name in a property.
---- MODULE returned_unknown_operation ----
EXTENDS Integers
(* --algorithm Counter {
  variables n = 0;
  operation inc() { n := n + 1; }
  operation get() { return n; }
} *)

NoNegativeGets == Returned("gt") => Result >= 0
====
