\* An operator of the Community Modules that only TLC's host can evaluate (it writes a file)
\* is a located error where it is used, never a made-up value.
\* exit: 2
\* says: host_only_operator.tla:11:5: error: `CSVWrite` (of the module CSV) reads or writes files, runs commands or reads the environment, which Thicket does not do
---- MODULE host_only_operator ----
EXTENDS Naturals, CSV
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Log ==
    CSVWrite("%1$s", <<x>>, "/tmp/out.csv")
(* --model
INIT Init
NEXT Next
INVARIANT Log
*)
====
