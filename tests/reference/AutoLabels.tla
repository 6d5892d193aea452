---- MODULE AutoLabels ----
\* A uniprocess algorithm without a label: the translator adds them (Lbl_1, Lbl_2, ...: the
\* procedure's first, then the body's), where the label rules need them.
EXTENDS Naturals, Sequences
(* --algorithm AutoLabels {
variables x = 0, y = 0, z = 0;
macro bump(v) { y := y + v; x := x + 1 }
procedure inc(n) {
  x := x + n;
  return;
}
{
  x := 1;
  x := 2;
  if (x > 1) { y := 1; call inc(2); } else { y := 2 };
  bump(1);
  with (v \in {1, 2}) { z := v };
  while (x < 5) { x := x + 1; x := x + 1 };
  either { x := 0 } or { call inc(1) };
  goto Done;
}
}*)
\* BEGIN TRANSLATION
\* END TRANSLATION
Labels == pc \in {"Lbl_1", "Lbl_2", "Lbl_3", "Lbl_4", "Lbl_5", "Lbl_6", "Lbl_7", "Done"}
\* Lbl_4 starts the macro's second statement, which assigns `x` a second time in the step.
NotAtLbl4 == pc # "Lbl_4"
====
