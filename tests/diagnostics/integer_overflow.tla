---- MODULE integer_overflow ----
\* An integer literal beyond 64 bits.
EXTENDS Naturals
Huge == 123456789012345678901234567890
====
