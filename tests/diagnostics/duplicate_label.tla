\* Two statements with the same label.
--algorithm Labels
variables x = 0;
begin
  Step: x := 1;
  Step: x := 2;
end algorithm
