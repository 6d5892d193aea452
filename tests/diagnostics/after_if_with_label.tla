\* After an `if` that contains a label, the next statement needs one.
--algorithm Branch
variables x = 0, y = 0;
begin
  Start:
    if x = 0 then
      Inner: x := 1;
    end if;
    y := 1;
end algorithm
