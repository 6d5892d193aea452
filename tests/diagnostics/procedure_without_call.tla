\* A procedure used without `call`.
--algorithm Proc
variables x = 0;
procedure bump()
begin
  Bump: x := x + 1;
        return;
end procedure;
begin
  Start: bump();
end algorithm
