---- MODULE lock_macro ----
\* Macros (P-syntax): `acquire` and `release` are expanded in place, inside the step that
\* uses them (a macro has no labels of its own). A fair process set.
\* Expected: no violation; every worker finishes.
EXTENDS Naturals, FiniteSets
CONSTANT N

(* --algorithm LockMacro
variables lock = 0, inCS = {};

macro acquire(l)
begin
  await l = 0;
  l := self;
end macro;

macro release(l)
begin
  l := 0;
end macro;

fair process worker \in 1..N
begin
  Start:
    acquire(lock);
  Critical:
    inCS := inCS \union {self};
  Leave:
    inCS := inCS \ {self};
    release(lock);
end process;
end algorithm; *)

Exclusive == Cardinality(inCS) <= 1
AllDone == <>(\A w \in 1..N : pc[w] = "Done")

(* --model
CONSTANT N = 3
INVARIANT Exclusive
PROPERTY AllDone
*)
====
