\* A module Thicket cannot find is an error at its name, never a silent omission.
\* exit: 2
\* says: unknown_module.tla:5:19: error: cannot find module `NoSuchModule`
---- MODULE unknown_module ----
EXTENDS Naturals, NoSuchModule
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == x < 3
(* --model
INVARIANT Inv
*)
====
