---- MODULE definition_missing_body ----
\* A definition whose body is missing.
EXTENDS Naturals
Limit ==
Other == 2
====
