\* Only operations return values; a procedure's `return` has none.
---- MODULE return_value_in_procedure ----
EXTENDS Integers
(* --algorithm Twice
variables x = 1, y = 0;
procedure double(v)
begin
  D: return 2 * v;
end procedure;
begin
  Start: call double(x);
  After: y := x;
end algorithm *)
====
