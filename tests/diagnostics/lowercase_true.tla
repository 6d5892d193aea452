\* TLA+ writes booleans in capitals.
--algorithm Flag
variables ready = true;
begin
  Start: ready := FALSE;
end algorithm
