\* An algorithm with operations is an object driven by its client: it has no processes.
---- MODULE operations_with_process ----
EXTENDS Integers
(* --algorithm Counter
variables n = 0;
operation get()
begin
  return n;
end operation;
process ticker = "t"
begin
  Tick: n := n + 1;
end process;
end algorithm *)
====
