---- MODULE undefined_operator ----
\* A misspelled standard operator.
EXTENDS Naturals, Sequences
Short(s) == Lenght(s) < 3
====
