\* A label inside `with` would split its atomic step.
--algorithm Pick {
  variables x = 0;
  {
    pick: with (i \in 1..3) {
      set: x := i;
    }
  }
}
