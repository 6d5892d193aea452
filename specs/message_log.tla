---- MODULE message_log ----
\* Standard-module operators (P-syntax): SelectSeq with a LAMBDA, `:>` and `@@` to update a
\* function, and a RECURSIVE operator over sequences.
\* Expected: no violation.
EXTENDS Naturals, Sequences, TLC
CONSTANT MaxLen

RECURSIVE Total(_)
Total(s) == IF s = <<>> THEN 0 ELSE Head(s) + Total(Tail(s))
Positive(s) == SelectSeq(s, LAMBDA x : x > 0)

(* --algorithm MessageLog
variables log = <<>>, counts = [v \in {0, 1, 2} |-> 0];
begin
  Record:
    while Len(log) < MaxLen do
      with v \in {0, 1, 2} do
        log := Append(log, v);
        counts := (v :> counts[v] + 1) @@ counts;
      end with;
    end while;
end algorithm; *)

CountsMatch == Total(log) = counts[1] + 2 * counts[2]
PositivesAgree == Len(Positive(log)) = counts[1] + counts[2]

(* --model
CONSTANT MaxLen = 3
INVARIANTS CountsMatch PositivesAgree
*)
====
