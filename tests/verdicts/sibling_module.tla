\* A module the spec extends is looked for in its folder (then `--lib` folders): when it is not
\* there, the error names it and says where Thicket looked.
\* exit: 2
\* says: cannot find module `DieHard` (looked in: the standard modules, this text, the folder tests/verdicts)
---- MODULE sibling_module ----
EXTENDS Naturals, DieHard
(* --model
INIT Init
NEXT Next
INVARIANT TypeOK
*)
====
