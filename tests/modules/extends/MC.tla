---- MODULE MC ----
EXTENDS Counter, TLC
VARIABLE y
\* `Step` is LOCAL to Counter: this module may define its own.
Step == 2
MCInit == Init /\ y = 0
MCNext == Next /\ y' = (y + Step) % 5
Bounded == y < 5
====
