\* Code after `return` can only be reached through a label.
--algorithm Ret
variables x = 0;
procedure p()
begin
  P1: x := 1;
      return;
      x := 2;
end procedure;
begin
  Start: call p();
end algorithm
