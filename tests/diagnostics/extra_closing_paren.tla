---- MODULE extra_closing_paren ----
\* One `)` too many.
EXTENDS Naturals
Double(n) == (n + n))
====
