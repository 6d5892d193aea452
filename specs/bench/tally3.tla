---- MODULE tally3 ----
\* Benchmark: three clerks each take Items items, one at a time, and record each one in a
\* shared ledger and a running total. The clerks never wait for each other, so the state
\* graph is the product of the clerks' own histories.
\*
\* Expected counts, by hand. One clerk's part of the state is (pc, held, ledger[self]):
\*   Take with held = ledger[self] = k, for k in 0..Items   -> Items + 1 states
\*   Record with held = k + 1, ledger[self] = k, k < Items  -> Items states
\*   Done with held = ledger[self] = Items                  -> 1 state
\* so n = 2 * Items + 2 = 102 per clerk, and `total` is the sum of the ledger (nothing
\* new). Distinct states: n^3 = 102^3 = 1,061,208.
\* Generated: the initial state, one successor per clerk not yet Done in every state
\* (3 * (n - 1) * n^2 = 3 * 101 * 10,404 = 3,152,412), and the Terminating stutter of the
\* final state: 1 + 3,152,412 + 1 = 3,152,414.
\* Depth: every path to a state has the same length; a clerk takes 2 * Items + 1 = 101
\* steps, so the longest path has 3 * 101 = 303 steps: depth 304 (initial states are 1).
\* expect: distinct=1061208 generated=3152414 depth=304
EXTENDS Naturals
CONSTANTS Clerks, Items
(* --algorithm Tally
variables ledger = [c \in 1..Clerks |-> 0], total = 0;

process clerk \in 1..Clerks
variables held = 0;
begin
  Take:
    while held < Items do
      held := held + 1;
  Record:
      ledger[self] := ledger[self] + 1;
      total := total + 1;
    end while;
end process;
end algorithm; *)

Bounded == total <= Clerks * Items

(* --model
CONSTANTS Clerks = 3
          Items = 50
INVARIANT Bounded
*)
====
