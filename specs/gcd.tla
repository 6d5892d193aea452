---- MODULE gcd ----
\* Euclid's algorithm (C-syntax, uniprocess): `while`, `%`, a multiple assignment and an
\* `assert`, run on every pair of inputs (`\in` initial values).
\* Expected: no violation.
EXTENDS Naturals
CONSTANT Max
Divides(d, n) == \E k \in 0..n : n = d * k
IsGCD(g, m, n) ==
  /\ Divides(g, m)
  /\ Divides(g, n)
  /\ \A d \in 1..Max : (Divides(d, m) /\ Divides(d, n)) => d <= g

(* --algorithm Euclid {
  variables m \in 1..Max, n \in 1..Max, x = m, y = n;
  {
    loop: while (y /= 0) {
      x := y || y := x % y;
    };
    check: assert IsGCD(x, m, n);
  }
} *)

Positive == x > 0

(* --model
CONSTANT Max = 6
INVARIANT Positive
*)
====
