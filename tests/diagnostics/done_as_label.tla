\* `Done` is reserved.
--algorithm Finish
variables x = 0;
begin
  Done: x := 1;
end algorithm
