---- MODULE undefined_operator ----
\* A misspelled standard operator.
EXTENDS Sequences
Short(s) == Lenght(s) < 3
====
