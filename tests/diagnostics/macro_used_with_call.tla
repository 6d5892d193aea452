\* `call` is for procedures; a macro is used like a statement.
--algorithm Mac
variables x = 0;
macro bump()
begin
  x := x + 1;
end macro;
begin
  Start: call bump();
end algorithm
