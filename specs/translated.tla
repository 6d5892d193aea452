---- MODULE translated ----
\* A module as the PlusCal translator leaves it: the text between the BEGIN and END
\* TRANSLATION markers is ignored (Thicket translates the algorithm itself), and the
\* definitions after it still see the algorithm's variables.
\* Expected: no violation; the (fair) algorithm terminates.
EXTENDS Naturals
(* --fair algorithm Translated
variables x = 0;
begin
  Inc:
    while x < 3 do
      x := x + 1;
    end while;
end algorithm; *)
\* BEGIN TRANSLATION (chksum(pcal) = "d41d8cd9" /\ chksum(tla) = "a1b2c3d4")
VARIABLES x, pc

vars == << x, pc >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = "Inc"

Inc == /\ pc = "Inc"
       /\ IF x < 3
             THEN /\ x' = x + 1
                  /\ pc' = "Inc"
             ELSE /\ pc' = "Done"
                  /\ x' = x

Terminating == pc = "Done" /\ UNCHANGED vars

Next == Inc
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(Next)

Termination == <>(pc = "Done")

\* END TRANSLATION

XBounded == x <= 3
Finishes == <>(pc = "Done")

(* --model
INVARIANT XBounded
PROPERTY Finishes
*)
====
