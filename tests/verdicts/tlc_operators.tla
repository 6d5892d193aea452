\* TLC's own operators as TLC evaluates them, their output printed as TLC prints it (PrintT
\* lines on standard output, in the order TLC prints them, replaying the counterexample's
\* steps too). TLC 2.15 -workers 1 prints exactly these lines, then "Error: Deadlock reached."
\* with a behavior of 3 states: ToString's formatting, SortSeq (stable), Any, AssertEq, a
\* register set in an ASSUME and in each step, TLCGet("level") (0 in an assumption, in the
\* initial predicate and in an initial state's invariant; a step from an initial state at 1),
\* and membership in an infinite set filtered or joined.
\* exit: 1
\* says: <<"<<1, \"a\", {2, 3}>>", "[a |-> 1, b |-> \"x\"]", "\"x\"", "TRUE", "(1 :> 2 @@ 3 :> 4)", "{}">>
\* says: <<<<1, 2, 3>>, <<3, 3, 2, 1>>, <<>>>>
\* says: <<TRUE, TRUE, TRUE, 3>>
\* says: <<TRUE, 7, 0>>
\* says: <<TRUE, FALSE, TRUE>>
\* says: <<"init", 0>>
\* says: <<"inv", 0, 0>>
\* says: <<"next", 0, 1, 7>>
\* says: <<"inv", 1, 1>>
\* says: <<"next", 1, 2, 10>>
\* says: <<"inv", 2, 2>>
\* says: <<"next", 0, 1, 11>>
\* says: 3 distinct states, 3 states generated, depth 3
---- MODULE tlc_operators ----
EXTENDS TLC, TLCExt, Integers, Sequences
ASSUME PrintT(<<ToString(<<1,"a",{2,3}>>), ToString([a|->1, b|->"x"]), ToString("x"), ToString(TRUE), ToString(1:>2 @@ 3:>4), ToString({})>>)
ASSUME PrintT(<<SortSeq(<<3,1,2>>, <), SortSeq(<<1,3,2,3>>, LAMBDA x, y: x > y), SortSeq(<<>>, <)>>)
ASSUME PrintT(<<5 \in Any, {1} \in Any, AssertEq(1, 1), TLCNoOp(3)>>)
ASSUME PrintT(<<TLCSet(3, 7), TLCGet(3), TLCGet("level")>>)
ASSUME PrintT(<<2 \in {n \in Nat : n > 1}, 0 \in {n \in Nat : n > 1}, -1 \in Nat \cup {-1}>>)
VARIABLE x
Init == x = 0 /\ PrintT(<<"init", TLCGet("level")>>)
Next == x < 2 /\ x' = x + 1 /\ PrintT(<<"next", x, TLCGet("level"), TLCGet(3)>>) /\ TLCSet(3, x + 10)
Inv == PrintT(<<"inv", x, TLCGet("level")>>)
====
