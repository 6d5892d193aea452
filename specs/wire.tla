---- MODULE wire ----
\* The wire-transfer race of learntla.com (P-syntax, a process set with process locals): each
\* transfer checks the balance and withdraws in separate steps, so two transfers can both pass
\* the check. Expected: NoOverdraft is violated.
EXTENDS Naturals
CONSTANTS Money, NumTransfers
People == {"alice", "bob"}

(* --algorithm Wire
variables acct = [p \in People |-> 5];

define
  NoOverdraft == \A p \in People : acct[p] >= 0
end define;

process wire \in 1..NumTransfers
variables amnt \in 1..Money, from = "alice", to = "bob";
begin
  CheckBalance:
    if amnt <= acct[from] then
      Withdraw: acct[from] := acct[from] - amnt;
      Deposit:  acct[to] := acct[to] + amnt;
    end if;
end process;
end algorithm; *)

(* --model
CONSTANTS
  Money = 5
  NumTransfers = 2
INVARIANT NoOverdraft
*)
====
