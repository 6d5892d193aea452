\* `goto` to a label that does not exist.
--algorithm Jump
variables x = 0;
begin
  Start: x := x + 1;
  Check: if x < 3 then goto Strat; end if;
end algorithm
