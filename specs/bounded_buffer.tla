---- MODULE bounded_buffer ----
\* A producer and a consumer share a bounded queue (P-syntax, two single processes):
\* sequences (`<<>>`, Append, Head, Tail, Len, SubSeq, `\o`) and `await`.
\* Expected: no violation (deadlock checking is off: the consumer waits forever at the end).
EXTENDS Naturals, Sequences
CONSTANTS Capacity, Items

(* --algorithm BoundedBuffer
variables queue = <<>>, sent = <<>>, received = <<>>;

process producer = "p"
variables next = 1;
begin
  Produce:
    while next <= Items do
      Put: await Len(queue) < Capacity;
           queue := Append(queue, next);
           sent := sent \o <<next>>;
           next := next + 1;
    end while;
end process;

process consumer = "c"
begin
  Consume:
    while TRUE do
      Take: await queue /= <<>>;
            received := Append(received, Head(queue));
            queue := Tail(queue);
    end while;
end process;
end algorithm; *)

InOrder == received = SubSeq(sent, 1, Len(received))
Bounded == Len(queue) <= Capacity

(* --model
CONSTANTS Capacity = 2
          Items = 4
INVARIANTS InOrder Bounded
CHECK_DEADLOCK FALSE
*)
====
