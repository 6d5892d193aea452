\* A model written after the module's end is ignored, as SANY ignores it: a warning says so
\* (and the run is not said to have used an embedded model).
\* exit: 0
\* says: Checking tests/verdicts/model_after_end.tla (no model)
\* says: model_after_end.tla:13:1: warning: `INVARIANT` after the module's end (`====`) is ignored
---- MODULE model_after_end ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == x < 3
====
INVARIANT Inv
