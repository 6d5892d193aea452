\* A model that names no invariant and no property: the verdict says what was checked.
\* exit: 0
\* says: warning: no invariant or property is named: only deadlock freedom was checked
---- MODULE nothing_named ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
====
