\* Reals is read (`Real`, `/`, `Infinity` resolve), but the checker does not evaluate the real
\* numbers: the assumption is a located error, never a verdict. TLC cannot either (on this
\* assumption): "Error: Evaluating assumption ... failed. Attempted to check if the value: 3 is
\* an element of the string "Reals"".
\* exit: 2
\* says: `Real` (of the standard module Reals) is not supported
---- MODULE reals_not_supported ----
EXTENDS Reals
VARIABLE x
ASSUME 3 \in Real
Init == x = 1 + 1
Next == UNCHANGED x
(* --model
INIT Init
NEXT Next
*)
====
