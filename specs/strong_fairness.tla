---- MODULE strong_fairness ----
\* Weak vs strong fairness (C-syntax). A toggler flips `flag` forever; a waiter needs `flag` to
\* be TRUE to finish. The waiter is enabled only every other step, never continuously, so weak
\* fairness (`fair`) does not force it to go: Finishes fails. `fair+` (strong fairness: enabled
\* infinitely often) would make it hold; see strong_fairness_plus.tla.
\* Expected: Finishes is violated, by a loop in which the toggler flips forever.
(* --algorithm StrongFairness {
  variables flag = FALSE, done = FALSE;
  fair process (toggler = 1) { t: while (TRUE) { flag := ~flag; } }
  fair process (waiter = 2) { w: await flag; done := TRUE; }
} *)

Finishes == <>done

(* --model
PROPERTY Finishes
*)
====
