---- MODULE bank_account ----
\* A bank account as an object, in P-syntax: a client deposits or withdraws 1 or 2, or asks
\* for the balance, in any order. A withdrawal of more than the balance is refused (it returns
\* "refused"); a deposit that would pass Cap is ignored, so that the checker can see all of the
\* states. Each call is a step with an event (`withdraw(2)`), and so is each return (`-> 3`,
\* `-> "refused"`, or `returns` for a body that ends without `return`).
\* Expected: NoOverdraft and FundsBounded hold.
EXTENDS Integers
CONSTANT Cap
(* --algorithm Account
variables funds = 0;
operation deposit(k \in 1..2)
begin
  if funds + k <= Cap then
    funds := funds + k;
  end if;
end operation;
operation withdraw(k \in 1..2)
begin
  if k > funds then
    return "refused";
  else
    funds := funds - k;
  end if;
end operation;
operation balance()
begin
  return funds;
end operation;
end algorithm *)

NoOverdraft == Returned("balance") => Result >= 0
FundsBounded == funds \in 0..Cap

(* --model
CONSTANT Cap = 4
INVARIANTS NoOverdraft FundsBounded
*)
====
