---- MODULE mutex_fair ----
\* Liveness with fairness (C-syntax): three fair processes share a semaphore. Every process
\* that wants the critical section keeps trying, and weak fairness (`fair process`) makes some
\* process enter again and again.
\* Expected: MutualExclusion holds; SomeoneEnters ([]<>) holds; InsideLeaves (~>) holds.
EXTENDS Naturals, FiniteSets
CONSTANT N
(* --algorithm MutexFair {
  variables inside = {}, sem = 1;
  fair process (p \in 1..N) {
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
InsideLeaves == (inside # {}) ~> (inside = {})

(* --model
CONSTANT N = 3
INVARIANT MutualExclusion
PROPERTIES SomeoneEnters InsideLeaves
*)
====
