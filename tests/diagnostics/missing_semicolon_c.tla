\* A statement not ended by `;` (C-syntax).
--algorithm Missing {
  variables x = 0, y = 0;
  {
    a: x := 1
       y := 2;
  }
}
