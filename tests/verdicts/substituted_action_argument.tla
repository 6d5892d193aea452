\* An operator constant replaced by a definition (`Send <- MCSend`) whose argument is primed
\* (`Send(p, r, x, x')`): the definition's `new = <<p, d>>` gives x' its value. TLC, with this
\* model: deadlock after x = <<7, 1>>, y = 1; 3 distinct states.
\* exit: 1
\* says: Deadlock reached
\* says: x = <<7, 1>>
---- MODULE substituted_action_argument ----
EXTENDS Naturals
CONSTANT Send(_, _, _, _)
MCSend(p, d, old, new) == new = <<p, d>>
VARIABLE x, y
Init == x = <<0, 0>> /\ y = 0
R(p) == /\ y = 0
        /\ \E r \in {1, 2} :
             /\ Send(p, r, x, x')
             /\ y' = 1
Next == \E p \in {7} : R(p)
(* --model
CONSTANTS
  Send <- MCSend
INIT Init
NEXT Next
*)
====
