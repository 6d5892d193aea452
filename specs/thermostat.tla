---- MODULE thermostat ----
\* `if`/`elsif`/`else`, `goto` back to a label, and `print` (P-syntax, uniprocess): a
\* thermostat reacts to a temperature that drifts until it leaves the sensor's range.
\* Expected: no violation; each run prints its final reading.
EXTENDS Integers
CONSTANTS Low, High

(* --algorithm Thermostat
variables temp \in 17..23, heater = "off";
begin
  React:
    if temp < 18 then
      heater := "on";
    elsif temp > 22 then
      heater := "off";
    else
      skip;
    end if;
  Drift:
    with d \in {-1, 1} do
      temp := temp + d;
    end with;
    if temp >= Low /\ temp <= High then
      goto React;
    end if;
  Report:
    print <<"final", temp, heater>>;
end algorithm; *)

HeaterOnWhenCold == (pc = "Drift" /\ temp < 18) => heater = "on"
InRange == temp \in Low - 1..High + 1

(* --model
CONSTANTS Low = 15
          High = 25
INVARIANTS HeaterOnWhenCold InRange
*)
====
