\* An operator of a module Thicket does not implement yet is not defined, and the error says
\* which module it may come from: never a silent omission.
\* exit: 2
\* says: error: the operator `TLCModelValue` is not defined
\* says: hint: it may be defined in `TLCExt` (a standard module Thicket does not implement yet)
---- MODULE not_implemented_operator ----
EXTENDS Naturals, TLCExt
VARIABLE b
Init == b = TLCModelValue("m")
Next == UNCHANGED b
(* --model
INVARIANT Inv
*)
Inv == TRUE
====
