---- MODULE MC ----
\* A module of the proof library brings the modules it extends, as in SANY: SequencesExt's
\* `Front` and `Last` through SequencesExtTheorems, Functions' `Range` through SequenceTheorems
\* (as the Examples' SumSequence uses them).
EXTENDS Naturals, SequenceTheorems, SequencesExtTheorems, TLAPS
VARIABLES s
Init == s = <<>>
Next == /\ Len(s) < 3
        /\ \E x \in {1, 2} : s' = Append(s, x)
Inv == /\ s # <<>> => Front(s) \o <<Last(s)>> = s
       /\ Range(s) \subseteq {1, 2}
NoTwoTwos == ~(Len(s) = 3 /\ Front(s) = <<2, 2>>)
THEOREM FrontLen == \A t \in Seq(Nat) : t # <<>> => Len(Front(t)) = Len(t) - 1
====
