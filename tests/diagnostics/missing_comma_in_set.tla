---- MODULE missing_comma_in_set ----
\* Set elements must be separated by commas.
EXTENDS Naturals
Small == {1 2 3}
====
