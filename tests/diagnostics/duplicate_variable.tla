\* A process local with the name of a global variable.
--algorithm Dup
variables x = 0;
process p = 1
variables x = 1;
begin
  A: skip;
end process;
end algorithm
