\* `while` without `do`.
--algorithm NoDo
variables x = 0;
begin
  Loop:
    while x < 3
      x := x + 1;
    end while;
end algorithm
