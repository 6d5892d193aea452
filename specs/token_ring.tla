---- MODULE token_ring ----
\* A token passed around a ring (C-syntax): strongly fair processes (`fair+`), `when`, modular
\* arithmetic, and a liveness property quantified over the nodes.
\* Expected: no violation; every node gets the token infinitely often.
EXTENDS Naturals
CONSTANT N

(* --algorithm TokenRing {
  variables token = 0, visits = [n \in 0..N-1 |-> 0];
  fair+ process (node \in 0..N-1) {
    wait: while (TRUE) {
      when token = self;
      visits[self] := (visits[self] + 1) % 3;
      token := (self + 1) % N;
    }
  }
} *)

OneHolder == token \in 0..N-1
EveryNodeServed == \A n \in 0..N-1 : []<>(token = n)

(* --model
CONSTANT N = 3
INVARIANT OneHolder
PROPERTY EveryNodeServed
*)
====
