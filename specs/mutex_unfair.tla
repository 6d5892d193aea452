---- MODULE mutex_unfair ----
\* The same mutex without fairness (C-syntax): nothing forces any process to take a step, so
\* a behavior may stop (stutter) forever before anyone enters.
\* Expected: MutualExclusion holds; SomeoneEnters is violated by the initial state stuttering
\* forever (a lasso of one state).
EXTENDS Naturals, FiniteSets
CONSTANT N
(* --algorithm MutexUnfair {
  variables inside = {}, sem = 1;
  process (p \in 1..N) {
    work: while (TRUE) {
      acq:  await sem > 0; sem := sem - 1;
      crit: inside := inside \cup {self};
      out:  inside := inside \ {self};
      rel:  sem := sem + 1;
    }
  }
} *)

MutualExclusion == Cardinality(inside) <= 1
SomeoneEnters == []<>(inside # {})

(* --model
CONSTANT N = 3
INVARIANT MutualExclusion
PROPERTIES SomeoneEnters
*)
====
