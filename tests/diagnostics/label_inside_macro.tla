\* Labels are not allowed in macros: a macro is copied into every caller.
--algorithm M
variables x = 0;
macro bump()
begin
  Bump: x := x + 1;
end macro;
begin
  Start: bump();
end algorithm
