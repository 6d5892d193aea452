---- MODULE producer_consumer ----
\* A producer and a consumer that must finish (P-syntax, `--fair algorithm` is not needed:
\* both processes are `fair`). The producer puts Items items in a buffer of size 2; the
\* consumer takes them all. Termination (defined by the translation) says every process ends.
\* Expected: no violation; Termination and AllConsumed hold.
EXTENDS Naturals, Sequences
CONSTANT Items
(* --algorithm ProducerConsumer
variables buf = <<>>, consumed = 0;

fair process producer = "p"
variables made = 0;
begin
  Produce:
    while made < Items do
      Put: await Len(buf) < 2;
           buf := Append(buf, made);
           made := made + 1;
    end while;
end process;

fair process consumer = "c"
begin
  Consume:
    while consumed < Items do
      Take: await buf # <<>>;
            buf := Tail(buf);
            consumed := consumed + 1;
    end while;
end process;
end algorithm; *)

AllConsumed == <>(consumed = Items)

(* --model
CONSTANT Items = 3
PROPERTIES Termination AllConsumed
*)
====
