---- MODULE operator_wrong_arity ----
\* An operator applied to the wrong number of arguments.
EXTENDS Naturals
Double(n) == 2 * n
Four == Double(1, 1)
====
