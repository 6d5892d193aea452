---- MODULE counter ----
\* The counter of the blog post, as an object: a client calls inc, get and reset in any
\* order; each call and each return is a step with an event (`get()`, then `-> 3`).
\* The counter stops at Max so that the checker can see all of its states.
\* Expected: NoNegativeGets holds; AllPositiveGets is violated by `get()`, `-> 0`.
EXTENDS Integers
CONSTANT Max
(* --algorithm Counter {
  variables n = 0;
  operation inc() { if (n < Max) { n := n + 1; } }
  operation get() { return n; }
  operation reset() { n := 0; }
} *)

NoNegativeGets == Returned("get") => Result >= 0
AllPositiveGets == Returned("get") => Result > 0

(* --model
CONSTANT Max = 3
INVARIANTS NoNegativeGets AllPositiveGets
*)
====
