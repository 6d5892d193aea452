---- MODULE retry_goto ----
\* `goto` (P-syntax, `--fair algorithm`): a sender retries over a lossy channel; when a try
\* gets through it jumps to `Done`, otherwise back to `Send` until it runs out of tries.
\* Expected: no violation (delivery is not guaranteed: the channel may drop every try).
EXTENDS Naturals
CONSTANT MaxTries

(* --fair algorithm Retry
variables tries = 0, delivered = FALSE;
begin
  Send:
    tries := tries + 1;
    either
      delivered := TRUE;
      goto Done;
    or
      skip;
    end either;
  Retry:
    if tries < MaxTries then
      goto Send;
    end if;
end algorithm; *)

TriesBounded == tries <= MaxTries
DeliveredMeansStopped == delivered => pc = "Done"

(* --model
CONSTANT MaxTries = 3
INVARIANTS TriesBounded DeliveredMeansStopped
*)
====
