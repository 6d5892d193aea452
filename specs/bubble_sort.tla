---- MODULE bubble_sort ----
\* Sorting an array in place (C-syntax, uniprocess): a function updated with EXCEPT, nested
\* `while` loops, `goto Done`, and an input chosen from a function set `[1..N -> Values]`.
\* Expected: no violation; once done, the array is sorted and holds the same values.
EXTENDS Naturals, FiniteSets
CONSTANT N
Values == 1..3
Sorted(f) == \A i \in 1..N-1 : f[i] <= f[i + 1]
Count(f, v) == Cardinality({k \in 1..N : f[k] = v})

(* --algorithm BubbleSort {
  variables input \in [1..N -> Values], a = input, i = 1, swapped = FALSE;
  {
    pass: while (TRUE) {
      i := 1; swapped := FALSE;
      inner: while (i < N) {
        if (a[i] > a[i + 1]) {
          a := [a EXCEPT ![i] = a[i + 1], ![i + 1] = a[i]];
          swapped := TRUE;
        };
        i := i + 1;
      };
      done: if (~swapped) goto Done;
    }
  }
} *)

SortedWhenDone == pc = "Done" => Sorted(a)
SameValues == \A v \in Values : Count(a, v) = Count(input, v)

(* --model
CONSTANT N = 3
INVARIANTS SortedWhenDone SameValues
*)
====
