---- MODULE traffic_light ----
\* A traffic light (C-syntax): strings, a CASE expression in a `define` block, a single fair
\* process, and liveness properties (`[]<>` and `~>`).
\* Expected: no violation; the light turns green again and again.
EXTENDS Naturals
(* --algorithm TrafficLight {
  variables color = "red";
  define {
    NextColor(c) == CASE c = "red" -> "green" [] c = "green" -> "yellow" [] OTHER -> "red"
    Colors == {"red", "green", "yellow"}
  }
  fair process (light = "light") {
    cycle: while (TRUE) {
      color := NextColor(color);
    }
  }
} *)

TypeOK == color \in Colors
GreenAgain == []<>(color = "green")
RedThenGreen == color = "red" ~> color = "green"

(* --model
INVARIANT TypeOK
PROPERTIES GreenAgain RedThenGreen
*)
====
