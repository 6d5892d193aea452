\* TLC's statistics (`TLCGet("level")`) are read as TLC reads them. A module may define the
\* names of TLC's modules it does not import (`Trace` of TLCExt) for itself (`Any` here would be
\* TLC's: SANY says "Operator Any already defined or declared"). TLC 2.15: "Model checking
\* completed. No error has been found.", 4 states generated, 3 distinct, depth 3.
\* exit: 0
\* says: No error found.
\* says: 3 distinct states, 4 states generated, depth 3
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
