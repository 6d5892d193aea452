\* `=` written where an assignment `:=` is meant.
--algorithm Counter
variables count = 0;
begin
  Inc:
    count = count + 1;
end algorithm
