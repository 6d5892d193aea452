---- MODULE die_hard ----
\* The Die Hard jugs puzzle (P-syntax, uniprocess): `either`/`or`, `with x = e`, and a
\* multiple assignment with `||`. NotSolved says "the big jug never holds 4 gallons".
\* Expected: NotSolved is violated; the counterexample is a solution of the puzzle.
EXTENDS Naturals
(* --algorithm DieHard
variables small = 0, big = 0;
begin
  Pour:
    while TRUE do
      either
        small := 3;
      or
        big := 5;
      or
        small := 0;
      or
        big := 0;
      or
        with amount = IF small < 5 - big THEN small ELSE 5 - big do
          small := small - amount || big := big + amount;
        end with;
      or
        with amount = IF big < 3 - small THEN big ELSE 3 - small do
          big := big - amount || small := small + amount;
        end with;
      end either;
    end while;
end algorithm; *)

TypeOK == small \in 0..3 /\ big \in 0..5
NotSolved == big # 4

(* --model
INVARIANTS TypeOK NotSolved
*)
====
