\* A standard module Thicket does not implement yet is an error too, which says so.
\* exit: 2
\* says: the module `Bags` (a standard module) is not implemented by Thicket yet
---- MODULE not_implemented_module ----
EXTENDS Naturals, Bags
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
====
