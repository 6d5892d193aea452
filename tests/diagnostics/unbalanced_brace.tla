\* A C-syntax block whose `{` is never closed.
--algorithm Braces {
  variables x = 0;
  {
    a: while (x < 3) {
         x := x + 1;
  }
}
