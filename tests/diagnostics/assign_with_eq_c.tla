\* `=` for `:=` in C-syntax.
--algorithm Counter {
  variables count = 0;
  {
    inc: count = count + 1;
  }
}
