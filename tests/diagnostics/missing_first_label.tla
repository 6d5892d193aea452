\* A process body must start with a label.
--algorithm First
variables x = 0;
process p \in 1..2
begin
  x := x + 1;
end process;
end algorithm
