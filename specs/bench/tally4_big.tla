---- MODULE tally4_big ----
\* Benchmark, large: four clerks each take Items items, one at a time, and record each one in a
\* shared ledger and a running total. The clerks never wait for each other, so the state
\* graph is the product of the clerks' own histories.
\*
\* Expected counts, by hand. One clerk's part of the state is (pc, held, ledger[self]):
\*   Take with held = ledger[self] = k, for k in 0..Items   -> Items + 1 states
\*   Record with held = k + 1, ledger[self] = k, k < Items  -> Items states
\*   Done with held = ledger[self] = Items                  -> 1 state
\* so n = 2 * Items + 2 = 42 per clerk, and `total` is the sum of the ledger (nothing
\* new). Distinct states: n^4 = 42^4 = 3,111,696.
\* Generated: the initial state, one successor per clerk not yet Done in every state
\* (4 * (n - 1) * n^3 = 4 * 41 * 74,088 = 12,150,432), and the Terminating stutter of the
\* final state: 1 + 12,150,432 + 1 = 12,150,434.
\* Depth: every path to a state has the same length; a clerk takes 2 * Items + 1 = 41
\* steps, so the longest path has 4 * 41 = 164 steps: depth 165 (initial states are 1).
\* expect: distinct=3111696 generated=12150434 depth=165
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
CONSTANTS Clerks = 4
          Items = 20
INVARIANT Bounded
*)
====
