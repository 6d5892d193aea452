\* A function variable applied with parentheses instead of brackets.
--algorithm Apply
variables f = [i \in 1..3 |-> 0], x = 0;
begin
  Start: x := f(1);
end algorithm
