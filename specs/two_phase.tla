---- MODULE two_phase ----
\* Two-phase commit, simplified (P-syntax): a coordinator and a set of resource managers
\* exchange messages (records) through a set; `either` models a vote, `await` a receive.
\* Expected: no violation; no manager commits while another aborts.
EXTENDS Naturals
RM == {"r1", "r2"}

(* --algorithm TwoPhase
variables rmState = [r \in RM |-> "working"], msgs = {};

define
  Consistent == \A r1, r2 \in RM : ~(rmState[r1] = "aborted" /\ rmState[r2] = "committed")
  Prepared(r) == [type |-> "prepared", rm |-> r] \in msgs
end define;

process coordinator = "tm"
variables decision = "none";
begin
  Collect:
    await (\A r \in RM : Prepared(r))
          \/ \E r \in RM : [type |-> "abort", rm |-> r] \in msgs;
  Decide:
    if \A r \in RM : Prepared(r) then
      decision := "commit";
    else
      decision := "abort";
    end if;
  Announce:
    msgs := msgs \cup {[type |-> decision, rm |-> "all"]};
end process;

process manager \in RM
begin
  Vote:
    either
      rmState[self] := "prepared";
      msgs := msgs \cup {[type |-> "prepared", rm |-> self]};
    or
      rmState[self] := "aborted";
      msgs := msgs \cup {[type |-> "abort", rm |-> self]};
    end either;
  Finish:
    await [type |-> "commit", rm |-> "all"] \in msgs \/ [type |-> "abort", rm |-> "all"] \in msgs;
    rmState[self] := IF [type |-> "commit", rm |-> "all"] \in msgs THEN "committed" ELSE "aborted";
end process;
end algorithm; *)

MessageType == \A m \in msgs : m \in [type : {"prepared", "abort", "commit"}, rm : RM \cup {"all"}]

(* --model
INVARIANTS Consistent MessageType
*)
====
