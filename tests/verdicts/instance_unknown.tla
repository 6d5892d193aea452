\* INSTANCE of a module Thicket cannot find: an error at the module's name.
\* exit: 2
\* says: instance_unknown.tla:6:10: error: cannot find module `Channel`
---- MODULE instance_unknown ----
EXTENDS Naturals
INSTANCE Channel
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
====
