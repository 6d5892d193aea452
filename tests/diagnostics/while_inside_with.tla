\* A loop inside `with`: the loop needs a label, and `with` cannot hold one.
--algorithm WW
variables x = 0;
begin
  Pick:
    with i \in 1..3 do
      while x < i do
        x := x + 1;
      end while;
    end with;
end algorithm
