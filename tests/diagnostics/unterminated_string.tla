\* A string without its closing quote.
--algorithm Greeting
variables msg = "hello;
begin
  Say: print msg;
end algorithm
