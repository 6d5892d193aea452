---- MODULE max_finder ----
\* CHOOSE, CASE, set filters and set maps (P-syntax): find the largest element of a set, one
\* element per step, picking the next element with `with x \in todo`.
\* Expected: no violation; the assertion at the end holds.
EXTENDS Naturals
CONSTANT S
Largest(T) == CHOOSE m \in T : \A t \in T : t <= m

(* --algorithm MaxFinder
variables todo = S, best = 0;
begin
  Scan:
    while todo /= {} do
      with x \in todo do
        best := CASE x > best -> x [] OTHER -> best;
        todo := todo \ {x};
      end with;
    end while;
  Found:
    assert best = Largest(S);
end algorithm; *)

Seen == S \ todo
BestSoFar == best = 0 \/ best = Largest(Seen)
Doubled == {2 * x : x \in S}
BestIsMember == best \in {0} \cup {x \in S : x \notin todo}

(* --model
CONSTANT S = {1, 3, 4, 7}
INVARIANTS BestSoFar BestIsMember
*)
====
