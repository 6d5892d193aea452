\* A procedure called with the wrong number of arguments.
--algorithm Args
variables x = 0;
procedure set(v)
begin
  Set: x := v;
       return;
end procedure;
begin
  Start: call set(1, 2);
end algorithm
