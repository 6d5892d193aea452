\* `call` of a procedure that does not exist.
--algorithm Calls
variables x = 0;
procedure increment()
begin
  Inc: x := x + 1;
       return;
end procedure;
begin
  Start: call incremnt();
end algorithm
