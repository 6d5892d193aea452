\* A module of the same folder is not read yet: the missing module is named, and the names
\* it would define say where they may come from.
\* exit: 2
\* says: cannot find module `DieHard`
\* says: it may be defined in `DieHard` (which Thicket could not find)
---- MODULE sibling_module ----
EXTENDS Naturals, DieHard
(* --model
INIT Init
NEXT Next
INVARIANT TypeOK
*)
====
