---- MODULE tickets ----
\* Procedures (P-syntax): a parameter, a local variable, `call` and `return`, used twice by
\* each client of a process set; a lock makes read-then-write safe.
\* Expected: no violation (every ticket is handed out once).
EXTENDS Naturals, FiniteSets
CONSTANT Clients

(* --algorithm Tickets
variables next = 1, lock = FALSE, taken = {};

procedure take(who)
variables mine = 0;
begin
  Lock:   await ~lock;
          lock := TRUE;
  Read:   mine := next;
  Write:  next := mine + 1;
          taken := taken \cup {mine};
  Unlock: lock := FALSE;
          return;
end procedure;

process client \in 1..Clients
begin
  Get:   call take(self);
  Again: call take(self);
end process;
end algorithm; *)

UniqueTickets == Cardinality(taken) = next - 1

(* --model
CONSTANT Clients = 2
INVARIANT UniqueTickets
*)
====
