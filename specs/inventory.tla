---- MODULE inventory ----
\* Records (P-syntax): a stock maps items to records, updated with `stock[i].qty := ...` and
\* with `[r EXCEPT !.qty = @ - 1, !.sold = @ + 1]`; a record set `[qty : S, sold : T]` types it.
\* Expected: no violation.
EXTENDS Naturals
CONSTANTS MaxQty, MaxSold
Items == {"apple", "pear"}

(* --algorithm Inventory
variables stock = [i \in Items |-> [qty |-> 1, sold |-> 0]];
begin
  Trade:
    while TRUE do
      with i \in Items do
        either
          await stock[i].qty < MaxQty;
          stock[i].qty := stock[i].qty + 1;
        or
          await stock[i].qty > 0 /\ stock[i].sold < MaxSold;
          stock[i] := [stock[i] EXCEPT !.qty = @ - 1, !.sold = @ + 1];
        end either;
      end with;
    end while;
end algorithm; *)

TypeOK == stock \in [Items -> [qty : 0..MaxQty, sold : 0..MaxSold]]
TotalSold == LET s == [i \in Items |-> stock[i].sold] IN s["apple"] + s["pear"] <= 2 * MaxSold

(* --model
CONSTANTS MaxQty = 2
          MaxSold = 3
INVARIANTS TypeOK TotalSold
\* Trading stops for good once both items are sold out to MaxSold and restocked to MaxQty:
\* that end is expected here, not a deadlock to report.
CHECK_DEADLOCK FALSE
*)
====
