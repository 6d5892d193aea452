---- MODULE unterminated_comment ----
\* A block comment that is never closed.
EXTENDS Naturals
(* This comment explains
   the next definition but forgets to end.
Foo == 1
====
