---- MODULE MC ----
\* An item of an outer bulleted list after a nested list of the same junction (inside a
\* quantifier, or an implication's right side) belongs to the outer list.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Inv == /\ \A m \in {} : /\ m = 2
                        /\ m = 3
       /\ x = 1 => /\ x > 0
                   /\ x < 5
       /\ x < 2
====
