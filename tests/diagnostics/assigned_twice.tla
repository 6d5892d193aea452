\* A variable assigned twice in one step.
--algorithm Twice
variables x = 0;
begin
  Start:
    x := 1;
    x := x + 1;
end algorithm
