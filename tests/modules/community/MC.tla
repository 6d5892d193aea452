---- MODULE MC ----
\* Community Modules read from their TLA+ definitions.
EXTENDS Naturals, Sequences, SequencesExt, FiniteSetsExt, Functions, Folds, Bags
VARIABLES s, b
Init == s = <<>> /\ b = EmptyBag
Next == /\ Len(s) < 3
        /\ \E x \in {1, 2} : s' = Append(s, x) /\ b' = b (+) SetToBag({x})
Inv == /\ Max(ToSet(s) \cup {0}) <= 2
       /\ Len(s) > 0 => IsPrefix(SubSeq(s, 1, 1), s)
       /\ FoldSeq(LAMBDA x, acc : x + acc, 0, s) = FoldFunction(+, 0, s)
       /\ Range([i \in 1..Len(s) |-> s[i]]) = ToSet(s)
       /\ BagCardinality(b) <= Len(s)
NoTwoTwos == ~(Len(s) = 3 /\ Reverse(s) = <<2, 2, 1>>)
====
