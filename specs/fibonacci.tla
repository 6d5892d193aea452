---- MODULE fibonacci ----
\* A RECURSIVE operator, LET, and a loop (P-syntax, uniprocess): the loop computes Fibonacci
\* numbers with a multiple assignment and checks each one against the recursive definition.
\* Expected: no violation.
EXTENDS Naturals
CONSTANT Limit

RECURSIVE Fib(_)
Fib(n) == IF n < 2 THEN n ELSE Fib(n - 1) + Fib(n - 2)

(* --algorithm Fibonacci
variables i = 0, a = 0, b = 1;
begin
  Loop:
    while i < Limit do
      Check: assert a = Fib(i);
      Step:  a := b || b := a + b;
             i := i + 1;
    end while;
end algorithm; *)

Matches == LET k == i IN a = Fib(k) /\ b = Fib(k + 1)

(* --model
CONSTANT Limit = 10
INVARIANT Matches
*)
====
