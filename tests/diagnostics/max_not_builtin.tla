---- MODULE max_not_builtin ----
\* `Max` is not a standard operator.
EXTENDS Naturals
Bigger(a, b) == Max(a, b)
====
