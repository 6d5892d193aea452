\* `self` exists only inside processes and procedures.
--algorithm Uni
variables owner = 0;
begin
  Start: owner := self;
end algorithm
