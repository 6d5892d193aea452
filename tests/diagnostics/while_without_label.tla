\* A `while` must be labeled.
--algorithm Loop
variables x = 0;
begin
  Start: x := 1;
  while x < 3 do
    x := x + 1;
  end while;
end algorithm
