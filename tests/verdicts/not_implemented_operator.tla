\* An operator of a module Thicket does not implement yet is not defined, and the error says
\* which module it may come from: never a silent omission.
\* exit: 2
\* says: error: the operator `RTnow` is not defined
\* says: hint: it may be defined in `RealTime` (a standard module Thicket does not implement yet)
---- MODULE not_implemented_operator ----
EXTENDS Naturals, RealTime
VARIABLE b
Init == b = RTnow(b)
Next == UNCHANGED b
(* --model
INVARIANT Inv
*)
Inv == TRUE
====
