\* `Next` is a name the translation of the algorithm defines.
--algorithm Names
variables x = 0;
define
  Next == x + 1
end define;
begin
  Start: x := Next;
end algorithm
