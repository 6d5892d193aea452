\* A standard module Thicket does not implement yet adds no names: the spec checks when it
\* uses none of them (here TLCExt is named and unused), and a use of one is an error that names
\* the module (see not_implemented_operator.tla).
\* exit: 0
\* says: Inv                      holds
---- MODULE not_implemented_module ----
EXTENDS Naturals, TLCExt
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == x < 3
(* --model
INVARIANT Inv
*)
====
