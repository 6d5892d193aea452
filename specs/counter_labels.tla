---- MODULE counter_labels ----
\* The same counter as counter.tla, written with labels instead of operations (equal to TLC's
\* CounterBounded).
\* The counter of the blog post: a client calls inc, get and reset, in any order.
\* `ret` is what the last get returned (-1: no get has returned yet). The counter is
\* bounded by Max so that the whole state graph is finite.
EXTENDS Integers
CONSTANT Max
(* --algorithm Counter
variables n = 0, ret = -1;

process client = "c"
begin
  Idle:
    while TRUE do
      either
        Inc:   if n < Max then n := n + 1; end if;
      or
        Get:   ret := n;
      or
        Reset: n := 0;
      end either;
    end while;
end process;
end algorithm; *)

NoNegativeGets == ret # -1 => ret >= 0
AllPositiveGets == ret # -1 => ret > 0

(* --model
CONSTANT Max = 3
INVARIANTS NoNegativeGets AllPositiveGets
*)
====
