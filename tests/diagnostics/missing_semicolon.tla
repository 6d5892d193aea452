\* A statement not ended by `;` (P-syntax).
--algorithm Missing
variables x = 0, y = 0;
begin
  A:
    x := 1
    y := 2;
end algorithm
