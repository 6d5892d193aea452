---- MODULE stray_comment_close ----
\* A `*)` that closes no comment.
EXTENDS Naturals
Limit == 3 *)
====
