//! TLA+ specs without an algorithm (`VARIABLES`, `Init`, `Next`, `Spec`): TLC's way of reading
//! actions, fairness from `Spec`, and located errors. Counts are derived by hand in each test.

use thicket_check::{check_source, CheckOptions, CheckReport, Outcome, Verdict};

fn run(src: &str) -> CheckReport {
    check_source(src, None, &CheckOptions::default(), &mut |_| true)
}

fn verdict(r: &CheckReport, name: &str) -> Verdict {
    r.properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no property {name} in {:?}", r.properties))
        .verdict
}

const CLOCK: &str = r#"---- MODULE Clock ----
EXTENDS Naturals
VARIABLE hr
Init == hr \in 1..12
Tick == hr' = IF hr = 12 THEN 1 ELSE hr + 1
Next == Tick
Spec == Init /\ [][Next]_hr FAIRNESS
InRange == hr \in 1..12
StrikesOne == []<>(hr = 1)
(* --model
SPECIFICATION Spec
INVARIANT InRange
PROPERTY StrikesOne
*)
===="#;

#[test]
fn an_hour_clock_strikes_one_only_when_fair() {
    // 12 initial states, one successor each: 12 distinct, 12 + 12 generated, depth 1.
    let fair = run(&CLOCK.replace("FAIRNESS", r"/\ WF_hr(Tick)"));
    assert!(fair.diagnostics.is_empty(), "{:?}", fair.diagnostics);
    assert_eq!(
        (fair.distinct_states, fair.states_generated, fair.depth),
        (12, 24, 1)
    );
    assert_eq!(fair.result, Outcome::Ok);
    assert_eq!(verdict(&fair, "StrikesOne"), Verdict::Holds);
    // Without fairness the clock may stop (stutter) at 2 forever.
    let unfair = run(&CLOCK.replace("FAIRNESS", ""));
    assert_eq!(unfair.result, Outcome::PropertyViolated);
    assert_eq!(verdict(&unfair, "StrikesOne"), Verdict::Violated);
}

#[test]
fn primed_membership_and_disjunction_branch_and_steps_are_named() {
    // From x = 0, Pick gives x' each of 1..3 and Reset x' = 0: states 0..3; every state has
    // 4 successors: 1 + 4 * 4 = 17 generated; depth 2.
    let src = r#"---- MODULE Pick ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Pick == x' \in 1..3
Reset == x' = 0
Next == Pick \/ Reset
Small == x < 3
(* --model
INIT Init
NEXT Next
INVARIANT Small
*)
===="#;
    let r = check_source(
        src,
        None,
        &CheckOptions {
            continue_after_violation: true,
            ..Default::default()
        },
        &mut |_| true,
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 17, 2));
    let r = run(src);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.trace.len(), 2);
    assert_eq!(
        r.trace[1].step.as_ref().map(|s| s.label.as_str()),
        Some("Pick")
    );
}

#[test]
fn a_step_that_forgets_a_variable_is_a_located_error() {
    let src = "---- MODULE Forget ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nInc == x' = x + 1\nNext == Inc\n====\n";
    let r = run(src);
    assert_eq!(r.result, Outcome::Error);
    let m = r.message.unwrap_or_default();
    assert!(m.contains("`Inc` does not give `y'` a value"), "{m}");
    assert!(m.contains("line 6"), "{m}");
}

#[test]
fn reading_a_primed_variable_before_it_has_a_value_is_an_error() {
    let src = "---- MODULE Early ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == y' = x' /\\ x' = 1\n====\n";
    let r = run(src);
    assert_eq!(r.result, Outcome::Error);
    let m = r.message.unwrap_or_default();
    assert!(
        m.contains("`x'` is read before this step gives it a value"),
        "{m}"
    );
}

#[test]
fn fairness_per_process_applies_to_that_process_only() {
    // Two processes count to 2; only process 1 is fair. "process 1 finishes" holds, "process
    // 2 finishes" does not (it may stop while process 1 goes on).
    let src = r#"---- MODULE Two ----
EXTENDS Naturals
VARIABLE n
Init == n = [p \in {1, 2} |-> 0]
Count(p) == n[p] < 2 /\ n' = [n EXCEPT ![p] = @ + 1]
Next == \E p \in {1, 2} : Count(p)
Spec == Init /\ [][Next]_n /\ WF_n(Count(1))
OneDone == <>(n[1] = 2)
TwoDone == <>(n[2] = 2)
(* --model
SPECIFICATION Spec
PROPERTIES OneDone TwoDone
CHECK_DEADLOCK FALSE
*)
===="#;
    let r = check_source(
        src,
        None,
        &CheckOptions {
            continue_after_violation: true,
            ..Default::default()
        },
        &mut |_| true,
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.distinct_states, 9);
    assert_eq!(verdict(&r, "OneDone"), Verdict::Holds);
    assert_eq!(verdict(&r, "TwoDone"), Verdict::Violated);
}

#[test]
fn a_module_without_algorithm_or_variables_says_what_it_needs() {
    let r = run("---- MODULE Empty ----\nX == 1\n====\n");
    assert_eq!(r.result, Outcome::Error);
    let d = r.diagnostics.first().expect("a diagnostic");
    assert!(
        d.message.contains("no algorithm") && d.message.contains("VARIABLES"),
        "{}",
        d.message
    );
}

#[test]
fn a_translation_without_its_algorithm_is_the_spec() {
    // What an exported module becomes when its algorithm comment is deleted: the markers stay,
    // and what lies between them is the spec (x goes 0, 1, Done).
    let src = "---- MODULE Kept ----\nEXTENDS Naturals\n\\* BEGIN TRANSLATION\nVARIABLES x, pc\nvars == << x, pc >>\nInit == x = 0 /\\ pc = \"A\"\nA == pc = \"A\" /\\ x' = 1 /\\ pc' = \"Done\"\nTerminating == pc = \"Done\" /\\ UNCHANGED vars\nNext == A \\/ Terminating\nSpec == Init /\\ [][Next]_vars\n\\* END TRANSLATION\nSmall == x <= 1\n(* --model\nSPECIFICATION Spec\nINVARIANT Small\n*)\n====\n";
    let r = run(src);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        (r.result, r.distinct_states, r.states_generated, r.depth),
        (Outcome::Ok, 2, 3, 2)
    );
}
