\* A misspelled variable: the nearest defined name is suggested.
--algorithm Typo
variables counter = 0;
begin
  Inc:
    counter := countr + 1;
end algorithm
