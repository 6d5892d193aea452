---- MODULE second_embedded_model ----
\* Two embedded models in one text.
EXTENDS Naturals
CONSTANT N
Ok == N > 0
(* --model
CONSTANT N = 2
*)
(* --model
INVARIANT Ok
*)
====
