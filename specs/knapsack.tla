---- MODULE knapsack ----
\* Sets (P-syntax): SUBSET, a RECURSIVE sum over a set, CHOOSE, LET, `\X`, DOMAIN. Three
\* random guesses look for the most valuable subset of items that fits in the bag.
\* Expected: FoundOptimum is violated (three guesses may miss the best subset);
\* NeverBeatsOptimum holds.
EXTENDS Naturals, FiniteSets
Items == 1..4
Weight == [i \in Items |-> i + 1]
Value == [i \in Items |-> 5 - i]
Cap == 6

RECURSIVE Sum(_, _)
Sum(S, f) == IF S = {} THEN 0 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + Sum(S \ {x}, f)

Fits(S) == Sum(S, Weight) <= Cap
Optimum ==
  LET best == CHOOSE S \in SUBSET Items :
                /\ Fits(S)
                /\ \A T \in SUBSET Items : Fits(T) => Sum(T, Value) <= Sum(S, Value)
  IN Sum(best, Value)

(* --algorithm Knapsack
variables best = 0, chosen = {}, tried = 0;
begin
  Search:
    while tried < 3 do
      with S \in SUBSET Items do
        if Fits(S) /\ Sum(S, Value) > best then
          best := Sum(S, Value) || chosen := S;
        end if;
      end with;
      tried := tried + 1;
    end while;
end algorithm; *)

NeverBeatsOptimum == best <= Optimum
FoundOptimum == pc = "Done" => best = Optimum
ChosenFits == chosen \subseteq DOMAIN Weight /\ Fits(chosen)
PairsOfItems == Cardinality(Items \X Items) = 16

(* --model
INVARIANTS NeverBeatsOptimum ChosenFits FoundOptimum
*)
====
