---- MODULE philosophers ----
\* Dining philosophers (C-syntax, a process set): each philosopher takes the left fork, then
\* the right one; `||` updates two entries of one function in a single assignment.
\* Expected: a deadlock, when every philosopher holds a left fork.
EXTENDS Naturals
CONSTANT N
Left(p) == p
Right(p) == (p % N) + 1

(* --algorithm Philosophers {
  variables forks = [f \in 1..N |-> TRUE];  \* TRUE: the fork is on the table
  process (phil \in 1..N) {
    think: while (TRUE) {
      takeL: await forks[Left(self)]; forks[Left(self)] := FALSE;
      takeR: await forks[Right(self)]; forks[Right(self)] := FALSE;
      eat: forks[Left(self)] := TRUE || forks[Right(self)] := TRUE;
    }
  }
} *)

(* --model
CONSTANT N = 3
CHECK_DEADLOCK TRUE
*)
====
