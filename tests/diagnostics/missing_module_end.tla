---- MODULE missing_module_end ----
\* A module without its closing `====` line.
EXTENDS Naturals
Limit == 3
