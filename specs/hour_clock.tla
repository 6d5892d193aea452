---- MODULE hour_clock ----
\* An hour clock (P-syntax, `--fair algorithm`, uniprocess): `%`, an action property
\* `[][A]_v` (every step advances the hour by one) and a liveness property.
\* Expected: no violation.
EXTENDS Naturals
(* --fair algorithm HourClock
variables hr = 1;
begin
  Tick:
    while TRUE do
      hr := (hr % 12) + 1;
    end while;
end algorithm; *)

TypeOK == hr \in 1..12
Advances == [][hr' = (hr % 12) + 1]_hr
NoonAgain == []<>(hr = 12)

(* --model
INVARIANT TypeOK
PROPERTIES Advances NoonAgain
*)
====
