---- MODULE peterson ----
\* Peterson's mutual exclusion for two processes (C-syntax): a `define` block, `await`, a
\* process set and weak fairness (`fair process`).
\* Expected: no violation; MutualExclusion holds and every process that tries gets in.
EXTENDS Naturals
(* --algorithm Peterson {
  variables flag = [i \in {0, 1} |-> FALSE], turn = 0;
  define {
    Other(p) == 1 - p
    InCS(p) == pc[p] = "cs"
  }
  fair process (proc \in {0, 1}) {
    ncs: while (TRUE) {
      e1: flag[self] := TRUE;
      e2: turn := Other(self);
      e3: await flag[Other(self)] = FALSE \/ turn = self;
      cs: skip;
      e4: flag[self] := FALSE;
    }
  }
} *)

MutualExclusion == ~(InCS(0) /\ InCS(1))
Progress == \A p \in {0, 1} : pc[p] = "e1" ~> pc[p] = "cs"

(* --model
INVARIANT MutualExclusion
PROPERTY Progress
*)
====
