\* TLC's registers and statistics (`TLCGet`) are read, and an error where they are evaluated:
\* never a made-up value. A module may define names TLC's modules use (`Any`) for itself.
\* exit: 2
\* says: error: `TLCGet` (TLC's registers and statistics) is not supported
---- MODULE tlc_statistics ----
EXTENDS Naturals, TLC
VARIABLE x
Any == 1
Init == x = Any
Next == x' = (x + 1) % 3
ShallowEnough == TLCGet("level") < 10
(* --model
INIT Init
NEXT Next
INVARIANT ShallowEnough
*)
====
