//! Subexpression names (`Inv!2`, `Op(a)!Lbl`, `Q!(v)`, `T!:`) and named theorems used as
//! expressions evaluate to what TLC makes of them. Every expected value is what TLC printed
//! for the same expression (`PrintT`, TLC 2.20), noted next to each group.

use thicket_check::{check_source, CheckOptions, Outcome};

const DEFS: &str = r#"
Inv == /\ 1 = 1
       /\ 2 + 3 > 4
       /\ \A x \in {1, 2} : x > 0
Op(a) == /\ a > 1
         /\ L1:: a + 10
         /\ \E y \in {a} : L2(y):: y * 2 = a
THEOREM T == \A Q \in {{1}} : Q # {}
THEOREM T2 == \A Q \in {{}} : Q # {}
ASSUME Named == 2 > 1
Par == (10 - 2) * 3
Chain == 1 = 1 /\ 2 = 3 /\ 4 = 4
Chain3 == 7 + 8 + 9
Lt == LET z == 3
          w(c) == c + z
      IN  z * 5 + w(1)
Cs == CASE 1 > 2 -> 10 [] 2 > 1 -> 20 [] OTHER -> 30
Fa == [i \in 1..3 |-> i * 2][2 + 0]
Sf == {x \in 1..5 : x > 3}
Sm == {x * 3 : x \in 1..3}
Ch == CHOOSE x \in 1..5 : x > 3
Ex == \E x, y \in {1, 2}, z \in {3} : x + y < z + 1
Nest == /\ A1:: /\ 1 = 1
                /\ B1:: 6 + 7
        /\ 2 = 2
Tup == <<3, 4 + 1>>
Rec == [a |-> 8, b |-> 9 + 1]
Neg == ~(1 > 2)
Dom == DOMAIN <<1>>
Ite == IF 1 > 2 THEN 7 ELSE 8
Ap == Cs + Par
Lbl(k) == \A y \in {k} : LET d == y + k IN Q(y):: d * 2
Bullets == /\ \A m \in {} : /\ m = 2
                            /\ m = 3
           /\ 4 > 3
"#;

/// The value of `expr` (after [`DEFS`]), as Thicket prints it: the one state of a spec whose
/// invariant fails at once shows it.
fn value(expr: &str) -> String {
    let src = format!(
        "---- MODULE Sub ----\nEXTENDS Integers, TLC\n{DEFS}\nVARIABLE x\n\
         Init == x = ({expr})\nNext == UNCHANGED x\nNever == FALSE\n\
         (* --model\nINIT Init\nNEXT Next\nINVARIANT Never\n*)\n===="
    );
    let r = check_source(&src, None, &CheckOptions::default(), &mut |_| true);
    assert!(r.diagnostics.is_empty(), "{expr}: {:?}", r.diagnostics);
    assert_eq!(
        r.result,
        Outcome::InvariantViolated,
        "{expr}: {:?}",
        r.message
    );
    let state = &r.trace.first().expect("a one-state trace").state;
    let x = state
        .iter()
        .find(|v| v.name == "x")
        .expect("x in the state");
    x.value.clone()
}

fn check(cases: &[(&str, &str)]) {
    for (expr, want) in cases {
        assert_eq!(value(expr), *want, "{expr}");
    }
}

#[test]
fn operands_by_position() {
    // TLC: <<"Inv!2", TRUE>> <<"Inv!2!1", 5>> <<"Par!1", 8, 10>> <<"Chain!1 !2", FALSE, TRUE>>
    // <<"Chain3!1 !2", 15, 9>> <<"Tup", 3, 5>> <<"Rec", 8, 10>> <<"Ap", 20, 24>>
    check(&[
        ("Inv!2", "TRUE"),
        ("Inv!2!1", "5"),
        ("Par!1", "8"),
        ("Par!1!1", "10"),
        ("Chain!1", "FALSE"),
        ("Chain!2", "TRUE"),
        ("Chain3!1", "15"),
        ("Chain3!2", "9"),
        ("Tup!1", "3"),
        ("Tup!2", "5"),
        ("Rec!1", "8"),
        ("Rec!2", "10"),
        ("Ap!1", "20"),
        ("Ap!2", "24"),
    ]);
    // An infix operator's left and right operands. TLC 2.x: <<"Par", 8, 3, 2>>
    // <<"Chain3", 15, 9, 7>> for Par!<<, Par!>>, Par!<<!>> and Chain3!<<, Chain3!>>, Chain3!<<!<<.
    check(&[
        ("Par!<<", "8"),
        ("Par!>>", "3"),
        ("Par!<<!>>", "2"),
        ("Chain3!<<", "15"),
        ("Chain3!>>", "9"),
        ("Chain3!<<!<<", "7"),
    ]);
    // TLC: <<"Neg", FALSE, <<1>>>> <<"Inv!4!1", FALSE, 7, 8>> <<"Fa", <<2, 4, 6>>, 2>>
    // <<"Cs", FALSE, 10, 20, 30>> <<"Lt2", 19, 4>>
    check(&[
        ("Neg!1", "FALSE"),
        ("Dom!1", "<<1>>"),
        ("Ite!1", "FALSE"),
        ("Ite!2", "7"),
        ("Ite!3", "8"),
        ("Fa!1", "<<2, 4, 6>>"),
        ("Fa!2", "2"),
        ("Cs!1!1", "FALSE"),
        ("Cs!1!2", "10"),
        ("Cs!2!2", "20"),
        ("Cs!3!2", "30"),
        ("Lt!1", "19"),
        ("Lt!1!2", "4"),
    ]);
}

#[test]
fn an_outer_bullet_after_a_nested_list_is_the_outer_lists() {
    // SANY: `Bullets` has two conjuncts, the second `4 > 3`.
    check(&[("Bullets!2", "TRUE"), ("Bullets!2!1", "4")]);
}

#[test]
fn binders_sets_and_bodies() {
    // TLC: <<"Inv!3!(1)", TRUE>> <<"Sf", 1..5, TRUE>> <<"Sm", 1..3, 12>> <<"Ch", 1..5, TRUE>>
    // <<"Multi", {1, 2}, {3}, TRUE, FALSE>> (TLC prints the interval `1..5`, Thicket its
    // elements: compared, they are the same set)
    check(&[
        ("Inv!3!(1)", "TRUE"),
        ("Inv!3!1", "{1, 2}"),
        ("Sf!1 = 1..5", "TRUE"),
        ("Sf!(4)", "TRUE"),
        ("Sm!1 = 1..3", "TRUE"),
        ("Sm!(4)", "12"),
        ("Ch!1 = 1..5", "TRUE"),
        ("Ch!(4)", "TRUE"),
        ("Ex!1", "{1, 2}"),
        ("Ex!2", "{3}"),
        ("Ex!(1, 1, 3)", "TRUE"),
        ("Ex!(2, 2, 3)", "FALSE"),
    ]);
}

#[test]
fn labels_with_and_without_parameters() {
    // TLC: <<"Op(5)!L1", 15>> <<"Op(5)!2", 15>> <<"Op(3)!L2(4)", FALSE>>
    // <<"Op(3)!3!(4)", FALSE>> <<"Nest", 13, 13, TRUE>> <<"Lbl", 14>>
    check(&[
        ("Op(5)!L1", "15"),
        ("Op(5)!2", "15"),
        ("Op(3)!L2(4)", "FALSE"),
        ("Op(3)!3!(4)", "FALSE"),
        ("Nest!A1!B1", "13"),
        ("Nest!A1!2", "13"),
        ("Nest!A1!1", "TRUE"),
        ("Lbl(3)!Q(4)", "14"),
    ]);
}

#[test]
fn theorems_and_their_statements() {
    // TLC: <<"T!:", TRUE>> <<"T", TRUE>> <<"T2!:", FALSE>>
    check(&[
        ("T", "TRUE"),
        ("T!:", "TRUE"),
        ("T2!:", "FALSE"),
        ("Inv!:", "TRUE"),
        ("Named", "TRUE"),
    ]);
}
