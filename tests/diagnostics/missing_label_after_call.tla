\* The statement after a `call` must start a new step.
--algorithm Calls
variables total = 0;
procedure add(n)
begin
  Add: total := total + n;
       return;
end procedure;
begin
  Start:
    call add(1);
    total := total * 2;
end algorithm
