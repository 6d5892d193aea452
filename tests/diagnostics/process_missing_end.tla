\* A process without `end process`.
--algorithm P
variables x = 0;
process p = 1
begin
  A: x := 1;
end algorithm
