\* A specification `Spec /\ WF_vars(Next)` of a uniprocess algorithm is the translation of its
\* `--fair algorithm`: the model may name it. TLC, with this model: "Model checking completed.
\* No error has been found.", 5 distinct states, 6 generated, depth 5; with SPECIFICATION Spec,
\* "Temporal properties were violated".
\* exit: 0
\* says: Done                     holds
\* says: 5 distinct states, 6 states generated, depth 5
---- MODULE fair_spec_algorithm ----
EXTENDS Naturals
(* --algorithm A
variable x = 0;
begin
l: while x < 3 do x := x + 1; end while;
end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES x, pc

vars == << x, pc >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = "l"

l == /\ pc = "l"
     /\ IF x < 3
           THEN /\ x' = x + 1
                /\ pc' = "l"
           ELSE /\ pc' = "Done"
                /\ x' = x

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == l
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION
LiveSpec == Spec /\ WF_vars(Next)
Done == <>(x = 3)
(* --model
SPECIFICATION LiveSpec
PROPERTY Done
*)
====
