---- MODULE SameLabels ----
\* Labels repeated across processes: the translator keeps one and renames the others
\* (`a` of p is `a_`, of q `a_q`), and the translation's operators for the steps (`p(self)`,
\* `a_q`) are the module's to use, as the Examples' Sailfish and DijkstraMutex do.
EXTENDS Naturals
(* --algorithm SameLabels {
variables x = 0;
process (p \in 1..2) {
  a: x := x + 1;
  b: x := x + 1;
}
process (q = 3) {
  a: x := x + 2;
  b: skip;
}
process (r = 4) {
  a: x := x + 3;
}
}*)
\* BEGIN TRANSLATION
\* END TRANSLATION
Renamed == /\ pc[1] \in {"a_", "b_", "Done"}
           /\ pc[3] \in {"a_q", "b", "Done"}
           /\ pc[4] \in {"a", "Done"}
NotBoth == ~(pc[1] = "b_" /\ pc[3] = "b")
FairP == \A self \in 1..2 : WF_vars(p(self))
QSteps == [][a_q \/ b => x' > x \/ pc[3] = "b"]_vars
====
