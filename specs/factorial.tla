---- MODULE factorial ----
\* A recursive procedure (C-syntax): `fact(n)` calls itself with `call` and comes back with
\* `return`; the result accumulates in a global. A RECURSIVE operator states the expected
\* value. Expected: no violation; the assertion holds and the algorithm terminates.
EXTENDS Naturals
CONSTANT N

RECURSIVE Fact(_)
Fact(k) == IF k = 0 THEN 1 ELSE k * Fact(k - 1)

(* --algorithm Factorial {
  variables result = 1;
  procedure fact(n) {
    f1: if (n > 0) {
          result := result * n;
          f2: call fact(n - 1);
        };
    f3: return;
  }
  {
    start: call fact(N);
    check: assert result = Fact(N);
  }
} *)

ResultDivides == Fact(N) % result = 0

(* --model
CONSTANT N = 5
INVARIANT ResultDivides
*)
====
