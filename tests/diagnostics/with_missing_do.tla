\* `with` without `do` (P-syntax).
--algorithm W
variables x = 0;
begin
  Pick:
    with i \in 1..3
      x := i;
    end with;
end algorithm
