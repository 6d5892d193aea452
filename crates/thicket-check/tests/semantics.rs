//! TLC's semantics, spec by spec: small inline PlusCal texts whose outcomes, counts and
//! messages are derived by hand (each test says how), so a regression in the translation,
//! the values or the exploration shows up as a precise difference.
//!
//! Counting conventions (TLC's): `distinct_states` counts every reachable state once;
//! `states_generated` counts the initial states plus every successor produced, including
//! the `Terminating` stutter that a state where every process is Done produces; `depth`
//! counts the initial states as depth 1.

use thicket_check::{check_source, CheckOptions, CheckReport, Outcome, Verdict};

fn run(src: &str, opts: &CheckOptions) -> CheckReport {
    let r = check_source(src, None, opts, &mut |_| true);
    assert!(
        r.diagnostics.is_empty(),
        "unexpected diagnostics: {:?}",
        r.diagnostics
    );
    r
}

fn check(src: &str) -> CheckReport {
    run(src, &CheckOptions::default())
}

/// The whole state graph (TLC's `-continue -deadlock`).
fn full(src: &str) -> CheckReport {
    run(
        src,
        &CheckOptions {
            continue_after_violation: true,
            check_deadlock: Some(false),
            ..Default::default()
        },
    )
}

/// The printed value of `var` in the `i`-th state of the trace.
fn var(r: &CheckReport, i: usize, name: &str) -> String {
    let st = &r
        .trace
        .get(i)
        .unwrap_or_else(|| panic!("no state {i} in a trace of {}", r.trace.len()))
        .state;
    st.iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variable {name} in {st:?}"))
        .value
        .clone()
}

fn verdict(r: &CheckReport, name: &str) -> Verdict {
    r.properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no property {name} in {:?}", r.properties))
        .verdict
}

/// `line L, column C` of the first occurrence of `needle` in `src` (1-based, as diagnostics).
fn loc(src: &str, needle: &str) -> String {
    loc_at(
        src,
        src.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the text")),
    )
}

/// `line L, column C` of a byte offset.
fn loc_at(src: &str, off: usize) -> String {
    let line = src[..off].matches('\n').count() + 1;
    let col = off - src[..off].rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("line {line}, column {col}")
}

fn message(r: &CheckReport) -> &str {
    r.message.as_deref().unwrap_or("")
}

// ---------------------------------------------------------------------------------------
// Invariants on initial states

/// `x \in 0..2` gives three initial states; `x = 0` violates `Pos` before any step, so the
/// counterexample is that one state. The whole graph: each x in 0..2 at `A`, then x+1 at
/// Done: 6 distinct; generated = 3 initial + 3 steps + 3 Terminating stutters = 9; depth 2.
const INIT_VIOLATION: &str = r#"---- MODULE InitViolation ----
EXTENDS Integers
(* --algorithm InitViolation
variables x \in 0..2;
begin
  A: x := x + 1;
end algorithm; *)
Pos == x > 0
(* --model
INVARIANT Pos
*)
===="#;

#[test]
fn invariant_violated_in_an_initial_state() {
    let r = check(INIT_VIOLATION);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.property.as_deref(), Some("Pos"));
    assert_eq!(r.trace.len(), 1, "{:?}", r.trace);
    assert!(r.trace[0].step.is_none());
    assert_eq!(var(&r, 0, "x"), "0");
    assert_eq!(var(&r, 0, "pc"), "\"A\"");
    assert_eq!(verdict(&r, "Pos"), Verdict::Violated);

    let r = full(INIT_VIOLATION);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (6, 9, 2));
    assert_eq!(verdict(&r, "Pos"), Verdict::Violated);
}

// ---------------------------------------------------------------------------------------
// Deadlock and termination

/// Two processes each take one step and finish. States (x, pc[1], pc[2]): (0,A,A),
/// (1,Done,A), (1,A,Done), (2,Done,Done): 4 distinct; generated = 1 + 2 + 1 + 1 + 1
/// (the final state's Terminating stutter) = 6; depth 3. Ending is not a deadlock.
const TERMINATES: &str = r#"---- MODULE Terminates ----
EXTENDS Integers
(* --algorithm Terminates
variables x = 0;
process p \in {1, 2}
begin
  A: x := x + 1;
end process;
end algorithm; *)
===="#;

#[test]
fn termination_is_not_a_deadlock() {
    let r = check(TERMINATES);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 6, 3));
    assert_eq!(verdict(&r, "Deadlock"), Verdict::Holds);
}

/// Turn-taking where process 2 ends up waiting forever. (turn, pc[1], pc[2]):
/// s0 (1,A,A) -p1 A-> s1 (2,B,A) -p2 A-> s2 (1,B,B) -p1 B-> s3 (1,Done,B); in s3 process 2
/// awaits turn = 2, which never comes, and process 1 is Done: a deadlock, trace of 4
/// states. Every state has exactly one enabled step except s3 (none, no stutter since not
/// all Done): 4 distinct, 4 generated, depth 4.
const BLOCKED: &str = r#"---- MODULE Blocked ----
EXTENDS Integers
(* --algorithm Blocked
variables turn = 1;
process p \in {1, 2}
begin
  A: await turn = self;
     turn := 3 - self;
  B: await turn = self;
end process;
end algorithm; *)
===="#;

#[test]
fn blocked_on_await_is_a_deadlock() {
    let r = check(BLOCKED);
    assert_eq!(r.result, Outcome::Deadlock);
    assert_eq!(r.property, None);
    assert_eq!(r.trace.len(), 4);
    assert_eq!(var(&r, 3, "pc"), r#"<<"Done", "B">>"#);
    assert_eq!(var(&r, 3, "turn"), "1");
    let labels: Vec<(Option<String>, String)> = r.trace[1..]
        .iter()
        .map(|t| {
            t.step
                .as_ref()
                .map(|s| (s.process.clone(), s.label.clone()))
                .unwrap()
        })
        .collect();
    assert_eq!(
        labels,
        vec![
            (Some("1".into()), "A".into()),
            (Some("2".into()), "A".into()),
            (Some("1".into()), "B".into())
        ]
    );
    assert_eq!(verdict(&r, "Deadlock"), Verdict::Violated);
}

#[test]
fn deadlock_checking_turned_off_by_the_model() {
    let src = BLOCKED.replace("====", "(* --model\nCHECK_DEADLOCK FALSE\n*)\n====");
    let r = check(&src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 4, 4));
    assert!(r.properties.iter().all(|p| p.name != "Deadlock"));
}

#[test]
fn deadlock_checking_turned_off_by_the_options() {
    let r = run(
        BLOCKED,
        &CheckOptions {
            check_deadlock: Some(false),
            ..Default::default()
        },
    );
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 4, 4));
}

// ---------------------------------------------------------------------------------------
// assert

/// (x, pc): (0,Inc) -> (1,Check); `assert x = 2` fails in the step Check.
const ASSERTS: &str = r#"---- MODULE Asserts ----
EXTENDS Integers, TLC
(* --algorithm Asserts
variables x = 0;
begin
  Inc: x := x + 1;
  Check: assert x = 2;
end algorithm; *)
===="#;

#[test]
fn assertion_failure_names_the_step_and_the_assert() {
    let r = check(ASSERTS);
    assert_eq!(r.result, Outcome::AssertionFailed);
    let m = message(&r);
    assert!(m.contains("Check"), "{m}");
    // The line of the assert (TLC's "Failure of assertion at line 7, column 10" gives the
    // keyword's column; the column here is checked to lie between the keyword and its
    // condition).
    assert!(m.contains("assertion failed"), "{m}");
    let (kw, cond) = (loc(ASSERTS, "assert x = 2"), loc(ASSERTS, "x = 2;"));
    let col = |l: &str| l.rsplit(' ').next().unwrap().parse::<usize>().unwrap();
    let at = m
        .rsplit_once("at line 7, column ")
        .unwrap_or_else(|| panic!("{m}: no `at line 7, column`"))
        .1;
    let c: usize = at
        .trim_end_matches(|ch: char| !ch.is_ascii_digit())
        .parse()
        .unwrap();
    assert!((col(&kw)..=col(&cond)).contains(&c), "{m}");
    // The two states reached, then the failing step from the last one.
    assert_eq!(var(&r, 1, "x"), "1");
    assert_eq!(var(&r, 1, "pc"), "\"Check\"");
    let last = r.trace.last().unwrap();
    assert_eq!(last.step.as_ref().map(|s| s.label.as_str()), Some("Check"));
}

// ---------------------------------------------------------------------------------------
// Procedures: defaultInitValue, the stack, recursion

/// `a` (a parameter) and `loc` (a local without initial value) start as defaultInitValue
/// without any model entry. s0 (r=0, a=dIV, loc=dIV, Main, <<>>) -Main-> s1 (a=5, P1, one
/// frame saving the caller's a, loc and return label After) -P1-> s2 (r=5, frame popped)
/// -After-> s3 (Done). `Zero` fails at s2: trace of 3. Whole graph: 4 distinct, 4 + 1
/// stutter = 5 generated, depth 4.
const DEFAULTS: &str = r#"---- MODULE Defaults ----
EXTENDS Integers
(* --algorithm Defaults
variables r = 0;
procedure P(a)
variables loc;
begin
  P1: r := a;
      return;
end procedure;
begin
  Main: call P(5);
  After: skip;
end algorithm; *)
Zero == r = 0
(* --model
INVARIANT Zero
*)
===="#;

#[test]
fn procedure_variables_start_as_default_init_value() {
    let r = check(DEFAULTS);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.trace.len(), 3);
    assert_eq!(var(&r, 0, "a"), "defaultInitValue");
    assert_eq!(var(&r, 0, "loc"), "defaultInitValue");
    assert_eq!(var(&r, 1, "a"), "5");
    assert_eq!(var(&r, 1, "loc"), "defaultInitValue");
    assert_eq!(var(&r, 1, "pc"), "\"P1\"");
    let frame = var(&r, 1, "stack");
    for part in [
        "procedure |-> \"P\"",
        "pc |-> \"After\"",
        "a |-> defaultInitValue",
        "loc |-> defaultInitValue",
    ] {
        assert!(frame.contains(part), "{frame} lacks {part}");
    }
    assert_eq!(
        (
            var(&r, 2, "r"),
            var(&r, 2, "a"),
            var(&r, 2, "pc"),
            var(&r, 2, "stack")
        ),
        (
            "5".into(),
            "defaultInitValue".into(),
            "\"After\"".into(),
            "<<>>".into()
        )
    );

    let r = full(DEFAULTS);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 5, 4));
}

/// fact(3) by recursion, multiplying on the way back. States (result, n, pc, |stack|):
/// (1,dIV,Main,0) (1,3,F1,1) (1,2,F1,2) (1,1,F1,3) -return-> (1,2,F2,2) -F2-> (2,3,F2,1)
/// -F2-> (6,dIV,Fin,0) -Fin-> (6,dIV,Done,0). `Running` fails only at the last: a trace of
/// all 8 states. Whole graph: 8 distinct, 8 + 1 stutter = 9 generated, depth 8.
const FACT: &str = r#"---- MODULE Fact ----
EXTENDS Integers
(* --algorithm Fact
variables result = 1;
procedure fact(n)
begin
  F1: if n > 1 then
        call fact(n - 1);
      else
        return;
      end if;
  F2: result := result * n;
      return;
end procedure;
begin
  Main: call fact(3);
  Fin: assert result = 6;
end algorithm; *)
Running == pc # "Done"
(* --model
INVARIANT Running
*)
===="#;

#[test]
fn recursion_through_the_procedure_stack() {
    let r = check(FACT);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(r.trace.len(), 8);
    let col = |name: &str| (0..8).map(|i| var(&r, i, name)).collect::<Vec<_>>();
    assert_eq!(col("result"), ["1", "1", "1", "1", "1", "2", "6", "6"]);
    assert_eq!(
        col("n"),
        [
            "defaultInitValue",
            "3",
            "2",
            "1",
            "2",
            "3",
            "defaultInitValue",
            "defaultInitValue"
        ]
    );
    assert_eq!(
        col("pc"),
        ["\"Main\"", "\"F1\"", "\"F1\"", "\"F1\"", "\"F2\"", "\"F2\"", "\"Fin\"", "\"Done\""]
    );
    let depths: Vec<usize> = col("stack")
        .iter()
        .map(|s| s.matches("procedure |->").count())
        .collect();
    assert_eq!(depths, [0, 1, 2, 3, 2, 1, 0, 0]);
    // The innermost frame returns to F2 with the caller's n = 2.
    let s3 = var(&r, 3, "stack");
    assert!(
        s3.starts_with("<<[") && s3.contains("n |-> 2") && s3.contains("pc |-> \"F2\""),
        "{s3}"
    );

    let r = full(FACT);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (8, 9, 8));
}

#[test]
fn recursive_factorial_of_five() {
    // The same procedure on 5: 5! = 120, and the assert holds.
    let src = FACT
        .replace("call fact(3)", "call fact(5)")
        .replace("result = 6", "result = 120")
        .replace("INVARIANT Running\n", "");
    let r = check(&src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    // One chain: Main, F1 with n = 5, 4, 3, 2, 1, F2 with n = 2, 3, 4, 5, Fin, Done: 12.
    assert_eq!(r.distinct_states, 12);
}

// ---------------------------------------------------------------------------------------
// Process sets over model values

/// `Procs = {p1, p2}`: bare names are model values. `owner` determines pc, so the states
/// are the 4 subsets of {p1, p2}; generated 1 + 2 + 1 + 1 + 1 stutter = 6; depth 3. A model
/// value is unequal to a string or an integer, without an error.
const OWNERS: &str = r#"---- MODULE Owners ----
EXTENDS Integers, FiniteSets
CONSTANT Procs
(* --algorithm Owners
variables owner = {};
process p \in Procs
begin
  Take: owner := owner \cup {self};
end process;
end algorithm; *)
TypeOK == owner \subseteq Procs
AtMostOne == Cardinality(owner) <= 1
Unlike == \A q \in Procs : q # "p1" /\ q # 1 /\ q \notin {1, 2}
(* --model
CONSTANT Procs = {p1, p2}
INVARIANTS TypeOK AtMostOne Unlike
*)
===="#;

#[test]
fn process_set_over_model_values() {
    let r = check(OWNERS);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(r.property.as_deref(), Some("AtMostOne"));
    assert_eq!(r.trace.len(), 3);
    let steps: Vec<(Option<String>, String)> = r.trace[1..]
        .iter()
        .map(|t| {
            t.step
                .as_ref()
                .map(|s| (s.process.clone(), s.label.clone()))
                .unwrap()
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            (Some("p1".into()), "Take".into()),
            (Some("p2".into()), "Take".into())
        ]
    );
    assert_eq!(var(&r, 2, "owner"), "{p1, p2}");
    let pc = var(&r, 2, "pc");
    assert!(
        pc.contains("p1") && pc.contains("p2") && pc.matches("\"Done\"").count() == 2,
        "{pc}"
    );

    let r = full(OWNERS);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 6, 3));
    assert_eq!(verdict(&r, "TypeOK"), Verdict::Holds);
    assert_eq!(verdict(&r, "Unlike"), Verdict::Holds);
    assert_eq!(verdict(&r, "AtMostOne"), Verdict::Violated);
}

// ---------------------------------------------------------------------------------------
// Evaluation errors: located, named, never a wrap

/// `x` reaches 2^31 - 1, TLC's largest integer, in one step; the next `+ 1` overflows, as
/// TLC's ("Overflow when computing 2147483647+1").
const OVERFLOW: &str = r#"---- MODULE Overflow ----
EXTENDS Integers
(* --algorithm Overflow
variables x = 2147483646;
begin
  Inc: x := x + 1;
  Again: x := x + 1;
end algorithm; *)
===="#;

#[test]
fn integer_overflow_is_an_error_with_its_location() {
    let r = check(OVERFLOW);
    assert_eq!(r.result, Outcome::Error);
    let m = message(&r);
    assert!(
        m.contains("integer overflow when computing 2147483647+1: TLC's integers are 32-bit"),
        "{m}"
    );
    assert!(m.contains("Again"), "{m}");
    let again = OVERFLOW.find("Again: x := ").unwrap() + "Again: x := ".len();
    let at = loc_at(OVERFLOW, again);
    assert!(m.ends_with(&at), "{m} (want {at})");
    assert_eq!(var(&r, 1, "x"), "2147483647");
    assert_eq!(
        r.trace.last().unwrap().step.as_ref().unwrap().label,
        "Again"
    );
}

#[test]
fn overflow_in_a_constant_expression_is_an_error_at_run_time() {
    let src = r#"---- MODULE Big ----
EXTENDS Integers
(* --algorithm Big
variables x = 0;
begin
  Big: x := 2147483647 + 1;
end algorithm; *)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::Error);
    let m = message(&r);
    assert!(m.contains("overflow") && m.contains("Big"), "{m}");
    assert!(m.ends_with(&loc(src, "2147483647 + 1")), "{m}");
    for (expr, what) in [
        // TLC: "Overflow when computing 1073741824*2", and so on.
        ("1073741824 * 2", "1073741824*2"),
        ("100000 * 100000", "100000*100000"),
        ("2 ^ 31", "2^31"),
        ("-2147483647 - 2", "-2147483647-2"),
    ] {
        let s = src.replace("2147483647 + 1", expr);
        let r = check(&s);
        assert_eq!(r.result, Outcome::Error, "{expr}");
        let want = format!("integer overflow when computing {what}:");
        assert!(message(&r).contains(&want), "{what}: {}", message(&r));
    }
    // A literal TLC cannot hold is an error before the run, as TLC's "TLC can't handle a
    // number this big".
    let big = src.replace("2147483647 + 1", "3000000000");
    let r = check_source(&big, None, &CheckOptions::default(), &mut |_| true);
    assert_eq!(r.result, Outcome::Error);
    let d = &r.diagnostics[0];
    assert!(
        d.message
            .contains("TLC can't handle a number this big: 3000000000"),
        "{}",
        d.message
    );
    assert_eq!(
        &big[d.span.start as usize..d.span.end as usize],
        "3000000000"
    );
}

#[test]
fn head_of_the_empty_sequence_is_an_error_with_its_location() {
    let src = r#"---- MODULE Pop ----
EXTENDS Sequences
(* --algorithm Pop
variables q = <<>>, h = 0;
begin
  Pop: h := Head(q);
end algorithm; *)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::Error);
    let m = message(&r);
    assert!(m.contains("Head") && m.contains("<<>>"), "{m}");
    assert!(m.contains("step Pop"), "{m}");
    assert!(
        m.ends_with(&loc(src, "Head(q)")),
        "{m} (want {})",
        loc(src, "Head(q)")
    );
    assert_eq!(r.trace.len(), 2, "the initial state and the failing step");
    assert_eq!(r.trace[1].step.as_ref().unwrap().label, "Pop");
}

/// `1 = "a"` is an error in TLC, not FALSE.
#[test]
fn comparing_an_integer_with_a_string_is_an_error() {
    let src = r#"---- MODULE Cmp ----
EXTENDS Integers
(* --algorithm Cmp
variables x = 1;
begin
  A: x := IF x = "a" THEN 0 ELSE 2;
end algorithm; *)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::Error);
    let m = message(&r);
    assert!(
        m.contains("cannot compare an integer (1) with a string (\"a\")"),
        "{m}"
    );
    assert!(
        m.contains("step A") && m.ends_with(&loc(src, "x = \"a\"")),
        "{m}"
    );

    // Membership tests compare too: in an interval (built or not) and in a set.
    for (expr, want) in [
        (
            "\"a\" \\in 1..3",
            "cannot test whether a string (\"a\") is in",
        ),
        (
            "\"a\" \\in 1..x",
            "cannot test whether a string (\"a\") is in 1..1",
        ),
        (
            "\"a\" \\in {x, 2}",
            "cannot test whether a string (\"a\") is in a set holding an integer (1)",
        ),
        // TLC: "Attempted to check if the value: "a" is an element of Nat."
        (
            "\"a\" \\in Nat",
            "cannot test whether a string (\"a\") is in Nat: it is not an integer",
        ),
        ("{x} \\in Int", "cannot test whether a set ({1}) is in Int"),
        (
            "x \\in STRING",
            "cannot test whether an integer (1) is in STRING: it is not a string",
        ),
    ] {
        let s = src.replace("x = \"a\"", expr);
        let r = check(&s);
        assert_eq!(r.result, Outcome::Error, "{expr}");
        assert!(
            message(&r).contains(want) && message(&r).contains("step A"),
            "{expr}: {}",
            message(&r)
        );
    }

    // The same in an invariant, on the initial state.
    let src2 = src.replace(
        "end algorithm; *)",
        "end algorithm; *)\nInv == x # \"a\"\n(* --model\nINVARIANT Inv\n*)",
    );
    let r = check(&src2);
    assert_eq!(r.result, Outcome::Error);
    assert!(
        message(&r).contains("cannot compare") && message(&r).contains("Inv"),
        "{}",
        message(&r)
    );
    assert_eq!(r.trace.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Limits and cancellation

/// x counts 0..1000 at L, then Done: a chain of 1002 states.
const CHAIN: &str = r#"---- MODULE Chain ----
EXTENDS Integers
(* --algorithm Chain
variables x = 0;
begin
  L: while x < 1000 do x := x + 1; end while;
end algorithm; *)
===="#;

#[test]
fn chain_counts() {
    let r = check(CHAIN);
    assert_eq!(r.result, Outcome::Ok);
    assert_eq!(
        (r.distinct_states, r.states_generated, r.depth),
        (1002, 1003, 1002)
    );
}

#[test]
fn state_limit_reached() {
    let r = run(
        CHAIN,
        &CheckOptions {
            max_states: Some(100),
            ..Default::default()
        },
    );
    assert_eq!(r.result, Outcome::LimitReached);
    assert!(
        (100..=101).contains(&r.distinct_states),
        "{}",
        r.distinct_states
    );
    assert!(message(&r).contains("state limit"), "{}", message(&r));
    assert!(
        r.properties.iter().all(|p| p.verdict != Verdict::Holds),
        "nothing holds after a partial run: {:?}",
        r.properties
    );
}

#[test]
fn depth_limit_reached() {
    let r = run(
        CHAIN,
        &CheckOptions {
            max_depth: Some(10),
            ..Default::default()
        },
    );
    assert_eq!(r.result, Outcome::LimitReached);
    assert_eq!(r.depth, 10);
    assert_eq!(r.distinct_states, 10);
}

/// 1000 x 1000 = 10^6 states: x and y each count to 999 independently.
const GRID: &str = r#"---- MODULE Grid ----
EXTENDS Integers
(* --algorithm Grid
variables x = 0, y = 0;
begin
  L: while TRUE do
       either await x < 999; x := x + 1;
       or     await y < 999; y := y + 1;
       end either;
     end while;
end algorithm; *)
===="#;

#[test]
fn cancellation_stops_promptly() {
    let mut calls = 0;
    let t = std::time::Instant::now();
    let r = check_source(GRID, None, &CheckOptions::default(), &mut |_| {
        calls += 1;
        false
    });
    assert_eq!(r.result, Outcome::Cancelled);
    assert_eq!(calls, 1);
    assert!(r.distinct_states < 1_000_000);
    assert!(t.elapsed().as_millis() < 2_000, "{:?}", t.elapsed());

    // Cancelled after a few progress reports, with growing counts.
    let mut seen = Vec::new();
    let r = check_source(GRID, None, &CheckOptions::default(), &mut |p| {
        seen.push(p.distinct_states);
        seen.len() < 3
    });
    assert_eq!(r.result, Outcome::Cancelled);
    assert_eq!(seen.len(), 3);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
}

// ---------------------------------------------------------------------------------------
// --continue

/// x: 0,1,2,3 at L then 3 at Done: 5 distinct, 5 + 1 stutter = 6 generated, depth 5.
/// `Small` fails at x = 2 (trace 3), `NotThree` at x = 3 (trace 4), `NonNeg` holds.
const THREE: &str = r#"---- MODULE Three ----
EXTENDS Integers
(* --algorithm Three
variables x = 0;
begin
  L: while x < 3 do x := x + 1; end while;
end algorithm; *)
Small == x < 2
NotThree == x # 3
NonNeg == x >= 0
(* --model
INVARIANTS Small NotThree NonNeg
*)
===="#;

#[test]
fn stop_at_the_first_violation() {
    let r = check(THREE);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.property.as_deref(), Some("Small"));
    assert_eq!(r.trace.len(), 3);
    assert_eq!(verdict(&r, "NotThree"), Verdict::NotChecked);
    assert_eq!(verdict(&r, "NonNeg"), Verdict::NotChecked);
}

#[test]
fn continue_gives_full_counts_and_every_verdict() {
    let r = run(
        THREE,
        &CheckOptions {
            continue_after_violation: true,
            ..Default::default()
        },
    );
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.property.as_deref(), Some("Small"));
    assert_eq!(r.trace.len(), 3, "the first violation's counterexample");
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (5, 6, 5));
    assert_eq!(verdict(&r, "Small"), Verdict::Violated);
    assert_eq!(verdict(&r, "NotThree"), Verdict::Violated);
    assert_eq!(verdict(&r, "NonNeg"), Verdict::Holds);
    assert_eq!(verdict(&r, "Deadlock"), Verdict::Holds);
}

// ---------------------------------------------------------------------------------------
// Branching and multiple assignment

/// A: 3 `with` branches; B: 3 `either` branches. 1 + 3 + 9 = 13 distinct; generated
/// 1 + 3 + 9 + 9 stutters = 22; depth 3. `NotBoth` fails first at x = 3, y = 2.
const BRANCHES: &str = r#"---- MODULE Branches ----
EXTENDS Integers
(* --algorithm Branches
variables x = 0, y = 0;
begin
  A: with v \in 1..3 do x := v; end with;
  B: either y := 1; or y := 2; or skip; end either;
end algorithm; *)
NotBoth == ~(x = 3 /\ y = 2)
(* --model
INVARIANT NotBoth
*)
===="#;

#[test]
fn with_and_either_branch() {
    let r = check(BRANCHES);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.trace.len(), 3);
    let step = |i: usize| r.trace[i].step.clone().unwrap();
    assert_eq!(
        (step(1).label, step(1).choices),
        ("A".to_string(), vec![("v".to_string(), "3".to_string())])
    );
    assert_eq!(
        (step(2).label, step(2).choices),
        (
            "B".to_string(),
            vec![("either".to_string(), "2".to_string())]
        )
    );
    let r = full(BRANCHES);
    assert_eq!(
        (r.distinct_states, r.states_generated, r.depth),
        (13, 22, 3)
    );
}

/// `with` over a function set and a powerset, two bindings: |[{1,2} -> {0,1}]| = 2^2 = 4
/// times |SUBSET {1,2}| = 4: 16 successors of the one initial state, all Done. 17 distinct,
/// 1 + 16 + 16 stutters = 33 generated, depth 2. An empty `with` set disables the step.
#[test]
fn with_over_function_sets_and_powersets() {
    let src = r#"---- MODULE FnSets ----
EXTENDS Integers
(* --algorithm FnSets
variables g = <<>>, s = {};
begin
  A: with h \in [{1, 2} -> {0, 1}], t \in SUBSET {1, 2} do
       g := h; s := t;
     end with;
end algorithm; *)
===="#;
    let r = full(src);
    assert_eq!(
        (r.distinct_states, r.states_generated, r.depth),
        (17, 33, 2)
    );
    let empty = src.replace("t \\in SUBSET {1, 2}", "t \\in {}");
    let r = check(&empty);
    assert_eq!(r.result, Outcome::Deadlock);
    assert_eq!(r.distinct_states, 1);
}

/// `||`: every right-hand side and index reads the state before the statement, and two
/// updates of one function both land. s0 (1, 2, <<1, 2>>) -Swap-> (2, 1, <<1, 2>>)
/// -Both-> (2, 1, <<2, 1>>) at Done. 3 distinct, 3 + 1 = 4 generated, depth 3.
const SWAP: &str = r#"---- MODULE Swap ----
EXTENDS Integers
(* --algorithm Swap
variables a = 1, b = 2, f = <<1, 2>>;
begin
  Swap: a := b || b := a;
  Both: f[1] := f[2] || f[2] := f[1];
end algorithm; *)
Running == pc # "Done"
(* --model
INVARIANT Running
*)
===="#;

#[test]
fn multiple_assignment_reads_the_old_state() {
    let r = check(SWAP);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.trace.len(), 3);
    assert_eq!((var(&r, 1, "a"), var(&r, 1, "b")), ("2".into(), "1".into()));
    assert_eq!(var(&r, 2, "f"), "<<2, 1>>");
    let r = full(SWAP);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (3, 4, 3));
}

// ---------------------------------------------------------------------------------------
// Values

/// One initial state holding many computed values (each expected value worked out by hand
/// in the comment beside it); the invariant fails at once so the trace shows them.
const VALUES: &str = r#"---- MODULE Values ----
EXTENDS Integers, Sequences, FiniteSets, TLC
CONSTANT M
(* --algorithm Values
variables
  chosen = CHOOSE k \in 1..10 : k * k > 20,
  cased = CASE 3 > 5 -> "a" [] 3 < 5 -> "b" [] OTHER -> "c",
  lets = LET sq(k) == k * k IN sq(3) + sq(4),
  except = [<<1, 2, 3>> EXCEPT ![2] = @ + 10],
  rec = [[a |-> 3, b |-> "x"] EXCEPT !.a = @ * 2],
  field = [a |-> 3, b |-> "x"].b,
  seqs = <<Append(<<1, 2>>, 3), SubSeq(<<1, 2, 3, 4, 5>>, 2, 4), <<1>> \o <<2, 3>>, Tail(<<7, 8>>)>>,
  lens = <<Len(<<4, 5, 6>>), Len(<<>>), Head(<<9, 8>>)>>,
  fns = <<[k \in {1, 2} |-> k > 1] \in [{1, 2} -> BOOLEAN], Cardinality([{1, 2} -> {0, 1, 2}]), [k \in {1, 2} |-> 5] \in [{1, 2} -> {0, 1}]>>,
  subsets = <<Cardinality(SUBSET {1, 2, 3}), {1} \in SUBSET {1, 2}, SUBSET {}>>,
  union = UNION {{1, 2}, {2, 3}, {}},
  builders = <<{k \in 1..6 : k % 2 = 0}, {k * k : k \in 1..3}, {<<a, b>> : a \in 1..2, b \in {"x"}}>>,
  quants = <<\A k \in 1..3 : k > 0, \E k \in 1..3 : k > 2, \E k \in {} : TRUE>>,
  arith = <<(-7) \div 2, 7 \div (-2), (-7) \div (-2), (-7) % 2, 2^10, -7 \div 2>>,
  funcs = <<(1 :> "a") @@ (2 :> "b"), DOMAIN [a |-> 1, b |-> 2], [a : {1, 2}, b : {"u"}]>>,
  sets = <<{3, 1, 2} \cap {2, 3, 4}, {1, 2} \ {2}, {1} \cup {2}, {1, 2} \subseteq {1, 2, 3}, <<1, 2>> \in Seq({1, 2})>>,
  models = <<M = M, M # "s", M \in {1, 2}>>;
begin
  A: skip;
end algorithm; *)
Never == pc # "A"
(* --model
CONSTANT M = m
INVARIANT Never
*)
===="#;

#[test]
fn values_of_tla_expressions() {
    let r = check(VALUES);
    assert_eq!(
        r.result,
        Outcome::InvariantViolated,
        "{:?} {:?}",
        r.message,
        r.diagnostics
    );
    let expect = [
        // 1, 4, 9, 16 are <= 20; 25 is the first square above it.
        ("chosen", "5"),
        ("cased", "\"b\""),
        // 9 + 16
        ("lets", "25"),
        ("except", "<<1, 12, 3>>"),
        ("rec", "[a |-> 6, b |-> \"x\"]"),
        ("field", "\"x\""),
        ("seqs", "<<<<1, 2, 3>>, <<2, 3, 4>>, <<1, 2, 3>>, <<8>>>>"),
        ("lens", "<<3, 0, 9>>"),
        // 3^2 = 9 functions from a 2-set to a 3-set; 5 is not in {0, 1}.
        ("fns", "<<TRUE, 9, FALSE>>"),
        // 2^3 subsets; SUBSET {} = {{}}.
        ("subsets", "<<8, TRUE, {{}}>>"),
        ("union", "{1, 2, 3}"),
        ("builders", "<<{2, 4, 6}, {1, 4, 9}, {<<1, \"x\">>, <<2, \"x\">>}>>"),
        ("quants", "<<TRUE, TRUE, FALSE>>"),
        // \div rounds towards minus infinity (TLC's Divide): -3.5 -> -4, 3.5 -> 3; % is in
        // 0..b-1; prefix minus binds looser than \div: -7 \div 2 = -(7 \div 2) = -3.
        ("arith", "<<-4, -4, 3, 1, 1024, -3>>"),
        // A function with domain 1..2 is a sequence.
        ("funcs", "<<<<\"a\", \"b\">>, {\"a\", \"b\"}, {[a |-> 1, b |-> \"u\"], [a |-> 2, b |-> \"u\"]}>>"),
        ("sets", "<<{2, 3}, {1}, {1, 2}, TRUE, TRUE>>"),
        // A model value equals itself only, and comparing it with anything is no error.
        ("models", "<<TRUE, TRUE, FALSE>>"),
    ];
    let mut wrong = Vec::new();
    for (name, want) in expect {
        let got = var(&r, 0, name);
        if got != want {
            wrong.push(format!("{name}: got {got}, want {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Arithmetic errors as TLC has them (division by zero, a non-positive modulus, 0^0), and
/// -2^31 \div -1, whose result is not one of TLC's 32-bit integers.
#[test]
fn arithmetic_errors() {
    let src = r#"---- MODULE Arith ----
EXTENDS Integers
(* --algorithm Arith
variables x = 0;
begin
  A: x := EXPR;
end algorithm; *)
===="#;
    // (A parenthesised left operand is located at its first token.)
    for (expr, want) in [
        ("7 \\div x", "division by zero"),
        ("7 % x", "modulus must be positive"),
        ("x ^ x", "0^0 is undefined"),
        ("(-2147483647 - 1 + x) \\div (-1)", "overflow"),
    ] {
        let s = src.replace("EXPR", expr);
        let r = check(&s);
        assert_eq!(r.result, Outcome::Error, "{expr}");
        let m = message(&r);
        assert!(
            m.contains(want)
                && m.contains("step A")
                && m.ends_with(&loc(&s, expr.trim_start_matches('('))),
            "{expr}: {m}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// More of the translation

/// A state constraint: a state outside it is generated (and its invariants checked) but
/// neither counted nor explored. x = 0..4 at L are kept; x = 5 is generated only, so no
/// deadlock there. TLC: "6 states generated, 5 distinct states found", depth 5.
#[test]
fn state_constraint_stops_exploration_and_does_not_count_the_state() {
    let src = r#"---- MODULE Constrained ----
EXTENDS Integers
(* --algorithm Constrained
variables x = 0;
begin
  L: while x < 10 do x := x + 1; end while;
end algorithm; *)
Lim == x < 5
(* --model
CONSTRAINT Lim
*)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (5, 6, 5));
}

/// `\in` initialisers multiply the initial states: a (2) x v[1] (2) x v[2] (2) = 8. From each,
/// the two processes' single steps give the 4 pc combinations, and `a` (with v and pc)
/// identifies its initial state, so 8 x 4 = 32 distinct. Generated: 8 + 8 x (2 + 1 + 1 + 1
/// stutter) = 48. Depth 3. `mine` reads `self` in its initialiser.
#[test]
fn initial_states_multiply_and_process_locals_see_self() {
    let src = r#"---- MODULE Inits ----
EXTENDS Integers
(* --algorithm Inits
variables a \in 1..2;
process p \in {1, 2}
variables v \in {0, 1}, mine = self * 10;
begin
  A: a := a + v + mine;
end process;
end algorithm; *)
Mine == mine = [i \in {1, 2} |-> i * 10]
Sum == (\A i \in {1, 2} : pc[i] = "Done") => a \in 31..34
(* --model
INVARIANTS Mine Sum
*)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(
        (r.distinct_states, r.states_generated, r.depth),
        (32, 48, 3)
    );
}

/// An `await` after an assignment in the same step sees the new value; `with (d = e)`;
/// `if/elsif/else` with a `goto`; a macro. One path: A, B, D, Done: 4 distinct, 4 + 1 = 5
/// generated, depth 4; path ends <<"a", "two", "d">>.
#[test]
fn steps_read_their_own_assignments_and_control_flow() {
    let src = r#"---- MODULE Flow ----
EXTENDS Integers, Sequences
(* --algorithm Flow
variables x = 0, y = 0, path = <<>>;
macro note(tag) begin
  path := Append(path, tag);
end macro;
begin
  A: x := 1;
     await x = 1;
     with (d = x + 1) do y := d; end with;
     note("a");
  B: if y = 1 then note("one");
     elsif y = 2 then note("two"); goto D;
     else note("other");
     end if;
  C: note("c");
  D: note("d");
end algorithm; *)
Running == pc # "Done"
(* --model
INVARIANT Running
*)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(r.trace.len(), 4);
    assert_eq!(
        (var(&r, 1, "x"), var(&r, 1, "y"), var(&r, 1, "path")),
        ("1".into(), "2".into(), "<<\"a\">>".into())
    );
    assert_eq!(var(&r, 2, "pc"), "\"D\"");
    assert_eq!(var(&r, 3, "path"), r#"<<"a", "two", "d">>"#);
    let r = full(src);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (4, 5, 4));
}

/// Two single processes with string ids: `pc` is the record [a |-> .., b |-> ..] and `b`
/// waits for `a` through it. (A1,B1) -> (Done,B1) -> (Done,Done): 3 distinct; generated
/// 1 + 1 (b is blocked at first) + 1 + 1 stutter = 4; depth 3.
#[test]
fn named_processes_and_pc_as_a_function() {
    let src = r#"---- MODULE Named ----
(* --algorithm Named
process a = "a"
begin
  A1: skip;
end process;
process b = "b"
begin
  B1: await pc["a"] = "Done";
end process;
end algorithm; *)
Order == pc["b"] = "Done" => pc["a"] = "Done"
Ids == ProcSet = {"a", "b"}
Running == pc["b"] # "Done"
(* --model
INVARIANTS Order Ids Running
*)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.property.as_deref(), Some("Running"));
    assert_eq!(r.trace.len(), 3);
    assert_eq!(var(&r, 0, "pc"), r#"[a |-> "A1", b |-> "B1"]"#);
    assert_eq!(var(&r, 2, "pc"), r#"[a |-> "Done", b |-> "Done"]"#);
    let r = full(src);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (3, 4, 3));
    assert_eq!(verdict(&r, "Order"), Verdict::Holds);
    assert_eq!(verdict(&r, "Ids"), Verdict::Holds);
}

/// `call inner(); return;` is a tail call: outer's frame is replaced by inner's, which
/// returns straight to outer's caller. Stack depths 0, 1, 1, 0, 0; 5 distinct, 6 generated,
/// depth 5.
#[test]
fn tail_call_replaces_the_frame() {
    let src = r#"---- MODULE Tail ----
EXTENDS Integers
(* --algorithm Tail
variables r = 0;
procedure inner()
begin
  I1: r := r + 1;
      return;
end procedure;
procedure outer()
begin
  O1: call inner();
      return;
end procedure;
begin
  M: call outer();
  E: skip;
end algorithm; *)
Running == pc # "Done"
(* --model
INVARIANT Running
*)
===="#;
    let r = check(src);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(r.trace.len(), 5);
    let depths: Vec<usize> = (0..5)
        .map(|i| var(&r, i, "stack").matches("procedure |->").count())
        .collect();
    assert_eq!(depths, [0, 1, 1, 0, 0]);
    let s2 = var(&r, 2, "stack");
    assert!(
        s2.contains("procedure |-> \"inner\"") && s2.contains("pc |-> \"E\""),
        "{s2}"
    );
    assert_eq!(var(&r, 3, "r"), "1");
    assert_eq!(var(&r, 3, "pc"), "\"E\"");
    let r = full(src);
    assert_eq!((r.distinct_states, r.states_generated, r.depth), (5, 6, 5));
}

/// An interval too large to build is an error, not a crash, even when its length is not a
/// 32-bit integer; membership in it needs no enumeration.
#[test]
fn huge_intervals() {
    let src = r#"---- MODULE Huge ----
EXTENDS Integers
(* --algorithm Huge
variables x \in SET;
begin
  A: skip;
end algorithm; *)
===="#;
    for set in ["1..100000000", "(-2147483647)..2147483647"] {
        let r = check(&src.replace("SET", set));
        assert_eq!(r.result, Outcome::Error, "{set}");
        assert!(message(&r).contains("too large"), "{set}: {}", message(&r));
    }
    let member = src.replace("x \\in SET", "x = (5 \\in (-2147483647)..2147483647)");
    let r = check(&member);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(r.distinct_states, 2);
}

// ---------------------------------------------------------------------------------------
// The benchmark specs: their header's hand-derived counts

fn bench_spec(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../specs/bench")
            .join(name),
    )
    .unwrap()
}

/// Clerks independent counters with n = 2 * Items + 2 local states each (see the spec's
/// header): n^C distinct, 2 + C (n - 1) n^(C - 1) generated, 1 + C (2 Items + 1) depth.
fn tally_counts(clerks: u32, items: u64) -> (u64, u64, u32) {
    let n = 2 * items + 2;
    (
        n.pow(clerks),
        2 + clerks as u64 * (n - 1) * n.pow(clerks - 1),
        1 + clerks * (2 * items as u32 + 1),
    )
}

#[test]
fn bench_specs_match_their_formula() {
    let small = bench_spec("tally3.tla");
    assert!(small.contains("\\* expect: distinct=1061208 generated=3152414 depth=304"));
    assert_eq!(tally_counts(3, 50), (1_061_208, 3_152_414, 304));
    let r = check(&small);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(
        (r.distinct_states, r.states_generated, r.depth),
        tally_counts(3, 50)
    );

    // The large one (3.1 million states) only through `thicket bench`; here its text with
    // small constants, against the same formula.
    let big = bench_spec("tally4_big.tla");
    assert!(big.contains("\\* expect: distinct=3111696 generated=12150434 depth=165"));
    assert_eq!(tally_counts(4, 20), (3_111_696, 12_150_434, 165));
    for items in [1, 3] {
        let r = check(&big.replace("Items = 20", &format!("Items = {items}")));
        assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
        assert_eq!(
            (r.distinct_states, r.states_generated, r.depth),
            tally_counts(4, items),
            "Items = {items}"
        );
    }
}

/// Definitions: operators with parameters, LET chains, RECURSIVE operators and recursive
/// functions, nested and multiple EXCEPT updates, and `f[i].a :=` in a step.
const DEFS: &str = r#"---- MODULE Defs ----
EXTENDS Integers, Sequences, FiniteSets
RECURSIVE SetSum(_)
SetSum(S) == IF S = {} THEN 0 ELSE LET m == CHOOSE y \in S : TRUE IN m + SetSum(S \ {m})
fact[k \in 0..10] == IF k = 0 THEN 1 ELSE k * fact[k - 1]
Add(p, q) == p + q
Twice(p) == Add(p, p)
(* --algorithm Defs
variables
  ops = <<Add(2, 3), Twice(Twice(4)), LET a == 1  b == a + 1 IN b * 10>>,
  recs = <<SetSum(1..10), fact[5], SetSum({})>>,
  ex = [[i \in 1..2 |-> [a |-> i, b |-> 0]] EXCEPT ![1].a = @ + 10, ![2] = [@ EXCEPT !.b = 7]],
  rs = <<[a |-> 1, b |-> 2], [a |-> 3, b |-> 4]>>;
begin
  A: rs[2].b := rs[1].a + 100;
end algorithm; *)
Never == pc # "Done"
(* --model
INVARIANT Never
*)
===="#;

#[test]
fn definitions_recursion_and_nested_updates() {
    let r = check(DEFS);
    assert_eq!(
        r.result,
        Outcome::InvariantViolated,
        "{:?} {:?}",
        r.message,
        r.diagnostics
    );
    // 2 + 3; Twice(4) = 8, Twice(8) = 16; b = 2.
    assert_eq!(var(&r, 0, "ops"), "<<5, 16, 20>>");
    // 1 + ... + 10 = 55; 5! = 120.
    assert_eq!(var(&r, 0, "recs"), "<<55, 120, 0>>");
    assert_eq!(
        var(&r, 0, "ex"),
        "<<[a |-> 11, b |-> 0], [a |-> 2, b |-> 7]>>"
    );
    assert_eq!(
        var(&r, 1, "rs"),
        "<<[a |-> 1, b |-> 2], [a |-> 3, b |-> 101]>>"
    );
}

/// Procedure parameters and locals start at their declared values in the initial state, as in
/// TLC's Init (a local may read a parameter); a call then sets the parameter and re-initialises
/// the local from it: 5 then 5 + 1.
#[test]
fn procedure_variables_start_at_their_declared_values() {
    let src = r#"
--algorithm P
variables r = 0;
procedure P(a = 7)
variables b = a + 1;
begin P1: r := a + b; return; end procedure;
begin Main: call P(5); After: skip; end algorithm
Never == a # 7
(* --model
INVARIANT Never
*)
"#;
    let r = check(src);
    assert_eq!(r.result, Outcome::InvariantViolated);
    assert_eq!(r.trace.len(), 1);
    assert_eq!(var(&r, 0, "a"), "7");
    assert_eq!(var(&r, 0, "b"), "8");
    let ok = src.replace("INVARIANT Never", "");
    let r = full(&ok);
    assert_eq!(r.result, Outcome::Ok);
    // Init (a = 7, b = 8), Main → P1 (a = 5, b = 6), P1 → After (r = 11, a and b restored), Done.
    assert_eq!(r.distinct_states, 4);
}

/// An operation may call a procedure; `call P(k); return;` returns from the operation in a step
/// of its own once the procedure has returned. The shortest way past `total <= 4`: add(2) (the
/// call, the operation's entry step, a1, a2, a3, its return: total = 4), then add(1) up to its
/// first addition (the call, the entry step, a1: total = 5) — 10 states.
#[test]
fn operations_call_procedures() {
    let src = r#"
--algorithm Acc {
  variables total = 0;
  procedure addTwice(k) {
    a1: total := total + k;
    a2: total := total + k;
    a3: return;
  }
  operation add(k2 \in 1..2) { call addTwice(k2); return; }
  operation read() { return total; }
}
Small == total <= 4
(* --model
INVARIANT Small
*)
"#;
    let r = check(src);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    let events: Vec<String> = r
        .trace
        .iter()
        .filter_map(|t| t.step.as_ref())
        .filter_map(|s| s.event.as_ref().map(|e| e.to_string()))
        .collect();
    assert_eq!(events, ["add(2)", "returns", "add(1)"]);
    let labels: Vec<String> = r
        .trace
        .iter()
        .filter_map(|t| t.step.as_ref())
        .map(|s| s.label.clone())
        .collect();
    assert_eq!(
        labels,
        [
            "Idle",
            "add",
            "a1",
            "a2",
            "a3",
            "add_return",
            "Idle",
            "add",
            "a1"
        ]
    );
    assert_eq!(var(&r, r.trace.len() - 1, "total"), "5");
}

/// `\A p \in S : P ~> Q` is checked as one leads-to per element of S: Peterson's Progress holds
/// with `fair` processes and fails without (a process may stop for good at e1).
#[test]
fn quantified_temporal_properties_are_checked_per_element() {
    let fair = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../specs/peterson.tla"
    ))
    .unwrap();
    let r = check(&fair);
    assert_eq!(r.result, Outcome::Ok);
    assert_eq!(verdict(&r, "Progress"), Verdict::Holds);
    assert_eq!(verdict(&r, "Progress (part 2)"), Verdict::Holds);
    let unfair = fair.replace("fair process", "process");
    let r = check(&unfair);
    assert_eq!(r.result, Outcome::PropertyViolated);
    assert_eq!(r.property.as_deref(), Some("Progress"));
    assert!(r.loop_start.is_some());
}

#[test]
fn an_invariant_over_the_translations_operators_is_an_error_naming_them() {
    let src = "---- MODULE T ----\nEXTENDS Naturals\n(* --algorithm T {\n  variables x = 0;\n  process (P \\in 1..2) { A: x := x + 1 }\n} *)\nCanMove == \\E self \\in 1..2 : ENABLED P(self)\nMoves == P(1) \\/ A(2)\n(* --model\nINVARIANT Moves\n*)\n====\n";
    let r = check_source(src, None, &CheckOptions::default(), &mut |_| true);
    let errors: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    for (e, name) in errors.iter().zip(["P", "A"]) {
        assert!(
            e.starts_with(&format!(
                "`{name}` is defined by the algorithm's TLA+ translation"
            )),
            "{e}"
        );
    }
}

/// A spec whose invariants `In` and `Out` hold and `Bad` is violated in the initial state.
fn in_out_bad(src: &str) {
    let r = full(src);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(verdict(&r, "In"), Verdict::Holds);
    assert_eq!(verdict(&r, "Out"), Verdict::Holds);
    assert_eq!(verdict(&r, "Bad"), Verdict::Violated);
}

#[test]
fn membership_in_the_union_of_an_infinite_set_is_tested_without_building_it() {
    // TLC: In and Out hold, "Invariant Bad is violated by the initial state" (Disruptor's
    // TypeOk reads `UNION {[0 .. LastIndex -> Values \union {NULL}]}` with Values = Int).
    let src = "---- MODULE U ----\nEXTENDS Integers\nVARIABLE f\n\
               Init == f = [i \\in 0..1 |-> -5]\nNext == UNCHANGED f\n\
               In == f \\in UNION {[0..1 -> Int]}\n\
               Out == [i \\in 0..2 |-> 1] \\notin UNION {[0..1 -> Int]}\n\
               Bad == f \\in UNION {[0..1 -> Nat]}\n\
               (* --model\nINIT Init\nNEXT Next\nINVARIANT In\nINVARIANT Out\nINVARIANT Bad\n*)\n====\n";
    in_out_bad(src);
}

#[test]
fn membership_in_a_union_over_a_set_map_is_tested_without_building_it() {
    // TLC: In and Out hold, "Invariant Bad is violated by the initial state". MCBinarySearch
    // bounds `Seq(S)` as `UNION {[1 .. n -> S] : n \in 1 .. MaxSeqLen}` (5^8 sequences at
    // n = 8): building it in every state was the model's cliff. (With `Int` as the range TLC
    // stops: "Attempted to enumerate a set of the form [D -> R]"; Thicket answers.)
    let src = "---- MODULE U ----\nEXTENDS Integers\nVARIABLE f\n\
               Init == f = <<-5, 7>>\nNext == UNCHANGED f\n\
               In == f \\in UNION {[1..n -> -9..9] : n \\in 1..3}\n\
               Out == <<1, 2, 3, 4>> \\notin UNION {[1..n -> -9..9] : n \\in 1..3}\n\
               Bad == f \\in UNION {[1..n -> 0..9] : n \\in 1..3}\n\
               (* --model\nINIT Init\nNEXT Next\nINVARIANT In\nINVARIANT Out\nINVARIANT Bad\n*)\n====\n";
    in_out_bad(src);
}

#[test]
fn an_operator_argument_is_evaluated_once_however_often_the_body_reads_it() {
    // TLC: x = 910. `P` reads `b`, the rest of the fold, three times: substituted, the fold
    // over 20 values would take 3^20 evaluations; evaluated once at its first use (TLC's
    // lazy arguments), 20. The community modules' FoldFunction is this fold.
    let src = "---- MODULE N ----\nEXTENDS Naturals\nVARIABLE x\n\
               P(a, b) == (a + b + b + b) % 1000\n\
               Fold(op(_, _), S) ==\n  LET iter[s \\in SUBSET S] ==\n\
               \x20       IF s = {} THEN 0 ELSE LET y == CHOOSE y \\in s : TRUE IN op(y, iter[s \\ {y}])\n\
               \x20 IN iter[S]\n\
               Init == x = Fold(P, 1..20)\nNext == UNCHANGED x\nInv == x = 910\n\
               (* --model\nINIT Init\nNEXT Next\nINVARIANT Inv\n*)\n====\n";
    let r = full(src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(verdict(&r, "Inv"), Verdict::Holds);
}

#[test]
fn a_let_value_is_evaluated_once_however_often_the_body_reads_it() {
    // TLC: Sum(20) = 290, at once. `r` is read three times: substituted, Sum(20) would take
    // 3^20 evaluations; evaluated at its first use and kept (TLC's LET values), 20.
    let src = "---- MODULE L ----\nEXTENDS Naturals\nVARIABLE x\n\
               RECURSIVE Sum(_)\n\
               Sum(n) == IF n = 0 THEN 0 ELSE LET r == Sum(n - 1) IN (n + r + r + r) % 1000\n\
               Init == x = Sum(20)\nNext == UNCHANGED x\nInv == x = 290\n\
               (* --model\nINIT Init\nNEXT Next\nINVARIANT Inv\n*)\n====\n";
    let r = full(src);
    assert_eq!(r.result, Outcome::Ok, "{:?}", r.message);
    assert_eq!(verdict(&r, "Inv"), Verdict::Holds);
}
