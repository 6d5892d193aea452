\* `if` without `then`.
--algorithm NoThen
variables x = 0;
begin
  Start:
    if x = 0
      x := 1;
    end if;
end algorithm
