\* TLC's registers and statistics (`TLCGet`) are read, and an error where they are evaluated:
\* never a made-up value. A module may define the names of TLC's modules it does not import
\* (`Trace` of TLCExt) for itself (`Any` here would be TLC's: SANY says "Operator Any already
\* defined or declared").
\* exit: 2
\* says: error: `TLCGet` (TLC's registers and statistics) is not supported
---- MODULE tlc_statistics ----
EXTENDS Naturals, TLC
VARIABLE x
Trace == 1
Init == x = Trace
Next == x' = (x + 1) % 3
ShallowEnough == TLCGet("level") < 10
(* --model
INIT Init
NEXT Next
INVARIANT ShallowEnough
*)
====
