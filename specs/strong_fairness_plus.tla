---- MODULE strong_fairness_plus ----
\* The waiter of strong_fairness.tla with strong fairness (`fair+`): it is enabled infinitely
\* often (whenever flag is TRUE), so it must eventually take its step.
\* Expected: Finishes holds.
(* --algorithm StrongFairness {
  variables flag = FALSE, done = FALSE;
  fair process (toggler = 1) { t: while (TRUE) { flag := ~flag; } }
  fair+ process (waiter = 2) { w: await flag; done := TRUE; }
} *)

Finishes == <>done

(* --model
PROPERTY Finishes
*)
====
