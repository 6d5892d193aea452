---- MODULE duplicate_definition ----
\* The same operator defined twice.
EXTENDS Naturals
Limit == 3
Limit == 4
====
