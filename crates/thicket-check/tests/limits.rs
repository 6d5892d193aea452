//! A run's limits hold whatever the spec asks for: the time limit inside one expensive state,
//! the state limit inside one state's successors, the stack whatever the number of variables.
//! Each test is an input the fuzz test (`tests/fuzz.rs`) found, reduced to its point.

use std::sync::mpsc;
use std::time::Duration;

use thicket_check::{check_source, CheckOptions, CheckReport, Outcome};

fn run(src: &str, opts: &CheckOptions) -> CheckReport {
    let r = check_source(src, None, opts, &mut |_| true);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    r
}

/// Run with a time limit of 200 ms on a thread of its own; the run must stop at the limit,
/// well within `bound` (a run that does not is a failure, not a test that hangs).
fn timed(src: &str, bound: Duration) -> CheckReport {
    let (tx, rx) = mpsc::channel();
    let src = src.to_string();
    std::thread::spawn(move || {
        let opts = CheckOptions {
            max_millis: Some(200),
            ..Default::default()
        };
        let _ = tx.send(run(&src, &opts));
    });
    let r = rx
        .recv_timeout(bound)
        .unwrap_or_else(|e| panic!("a run with a 200 ms limit still runs after {bound:?}: {e}"));
    assert_eq!(r.result, Outcome::LimitReached, "{:?}", r.message);
    let message = r.message.clone().unwrap_or_default();
    assert!(message.contains("time limit"), "{message}");
    r
}

/// Found as `specs/fibonacci.tla` with `Limit = 1000000`: Fib(i) costs 2^i calls, so each state
/// costs twice the one before, and the search never came back to read its clock.
#[test]
fn the_time_limit_holds_inside_one_state() {
    let src = "---- MODULE slow ----\nEXTENDS Naturals\nRECURSIVE Fib(_)\nFib(n) == IF n < 2 THEN n ELSE Fib(n - 1) + Fib(n - 2)\n(* --algorithm Slow\nvariables i = 0;\nbegin\n  Loop:\n    while TRUE do\n      assert Fib(i) >= 0;\n      i := i + 1;\n    end while;\nend algorithm; *)\n====\n";
    timed(src, Duration::from_secs(5));
}

/// The same stop in every place a state's evaluation happens: the initial states, a step, an
/// invariant, a state constraint, an action constraint, an assumption (each a quantifier over
/// 10^10 pairs, nested; the assumption was found as the corpus's `TransitiveClosure`, whose
/// assumptions take seconds).
#[test]
fn the_time_limit_holds_in_init_next_invariants_and_constraints() {
    let huge = "\\A a, b \\in 1..100000 : a + b > x";
    let specs = [
        format!("Init == x = 0 /\\ {huge}\nNext == x' = x\n(* --model\nINIT Init\nNEXT Next\n*)"),
        format!("Init == x = 0\nNext == x' = x + 1 /\\ {huge}\n(* --model\nINIT Init\nNEXT Next\n*)"),
        format!("Init == x = 0\nNext == x' = x + 1\nInv == {huge}\n(* --model\nINIT Init\nNEXT Next\nINVARIANT Inv\n*)"),
        format!("Init == x = 0\nNext == x' = x + 1\nC == {huge}\n(* --model\nINIT Init\nNEXT Next\nCONSTRAINT C\n*)"),
        format!("Init == x = 0\nNext == x' = x + 1\nC == x' > 0 /\\ {huge}\n(* --model\nINIT Init\nNEXT Next\nACTION_CONSTRAINT C\n*)"),
        format!("ASSUME {}\nInit == x = 0\nNext == x' = x + 1\n(* --model\nINIT Init\nNEXT Next\n*)", huge.replace('x', "0")),
    ];
    for body in specs {
        let src = format!("---- MODULE slow ----\nEXTENDS Naturals\nVARIABLE x\n{body}\n====\n");
        let r = timed(&src, Duration::from_secs(5));
        assert!(r
            .properties
            .iter()
            .all(|p| p.verdict != thicket_check::Verdict::Holds));
    }
}

/// Found as the TLA+ Examples' `barriers/Barrier.tla` with `N = 1000000`: each successor (a
/// function of a million values, copied, fingerprinted and checked against TypeOK) takes a
/// tenth of a second, and the clock was read only every 64 polls.
#[test]
fn the_time_limit_holds_when_each_successor_is_large() {
    let src = "---- MODULE barrier ----\nEXTENDS Integers\nCONSTANT N\nVARIABLE pc\nProcSet == 1..N\nInit == pc = [p \\in ProcSet |-> \"b0\"]\nNext == \\E p \\in ProcSet : pc[p] = \"b0\" /\\ pc' = [pc EXCEPT ![p] = \"b1\"]\nTypeOK == pc \\in [ProcSet -> {\"b0\", \"b1\"}]\n(* --model\nCONSTANT N = 1000000\nINIT Init\nNEXT Next\nINVARIANT TypeOK\n*)\n====\n";
    timed(src, Duration::from_secs(5));
}

/// Found as `specs/bench/tally4_big.tla` with `Clerks = 65536`: two initialisers a clerk, and the
/// initial states were enumerated by a recursion an initialiser deep, which overflowed the stack.
#[test]
fn many_initialisers_do_not_overflow_the_stack() {
    let src = "---- MODULE many ----\nEXTENDS Naturals\n(* --algorithm Many\nprocess clerk \\in 1..10000\nvariables held = 0;\nbegin\n  Take:\n    held := held + 1;\nend process;\nend algorithm; *)\n====\n";
    // On a thread with a small stack (the page's worker has 1 MB).
    let r = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            run(
                src,
                &CheckOptions {
                    max_states: Some(10),
                    max_millis: Some(300),
                    ..Default::default()
                },
            )
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(r.result, Outcome::LimitReached, "{:?}", r.message);
    assert!(r.distinct_states <= 10, "{}", r.distinct_states);
}

/// Found with the same clerks: every successor of the first state was kept before the state
/// limit was looked at, each as large as a state (65536 of 3 MB). Now the limit holds inside one
/// state's successors, and among the initial states.
#[test]
fn the_state_limit_holds_inside_one_state() {
    let opts = CheckOptions {
        max_states: Some(10),
        ..Default::default()
    };
    let wide = "---- MODULE wide ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == \\E i \\in 1..1000000 : x' = i\n(* --model\nINIT Init\nNEXT Next\n*)\n====\n";
    let r = run(wide, &opts);
    assert_eq!(r.result, Outcome::LimitReached, "{:?}", r.message);
    assert_eq!(r.distinct_states, 10);
    assert!(r.message.unwrap_or_default().contains("state limit"));

    let many_initial = "---- MODULE many ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in 1..1000000\nNext == x' = x\n(* --model\nINIT Init\nNEXT Next\n*)\n====\n";
    let r = run(many_initial, &opts);
    assert_eq!(r.result, Outcome::LimitReached, "{:?}", r.message);
    assert_eq!(r.distinct_states, 10);
    assert_eq!(r.depth, 1);
}

/// Found as the TLA+ Examples' `DiningPhilosophers` with `NP = 65536`: every process is compiled
/// on its own, so the load took seconds (a million philosophers: a minute and 11 GB). More than
/// `MAX_INSTANCES` processes are an error at the process set.
#[test]
fn too_many_processes_are_an_error_at_their_set() {
    let src = "---- MODULE crowd ----\nEXTENDS Naturals\nCONSTANT N\n(* --algorithm Crowd\nvariables forks = [f \\in 1..N |-> 0];\nprocess p \\in 1..N\nbegin\n  Eat:\n    forks[self] := 1;\nend process;\nend algorithm; *)\n(* --model\nCONSTANT N = 1000000\n*)\n====\n";
    let r = check_source(src, None, &CheckOptions::default(), &mut |_| true);
    assert_eq!(r.result, Outcome::Error);
    let d = &r.diagnostics[0];
    assert!(
        d.message
            .contains("this makes 1000000 processes, more than Thicket compiles (10000)"),
        "{}",
        d.message
    );
    // (The span of a process set runs to the end of its line.)
    assert_eq!(
        src[d.span.start as usize..d.span.end as usize].trim_end(),
        "1..N"
    );
    assert_eq!(thicket_check::model::pluscal::MAX_INSTANCES, 10_000);
}

/// Found while writing the fuzz test's mutations (numbers become 1000000): the size of a
/// cartesian product was a `usize` product that overflowed (a panic; a wrapped, small size in a
/// release build), and a set of records was built field by field before its size was checked
/// (an allocation of 240 GB, which aborts). Both sizes are now checked before anything is built,
/// and a set with an empty factor is empty, as in TLC.
#[test]
fn sets_too_large_to_build_are_errors_before_they_are_built() {
    let spec = |init: &str| {
        format!("---- MODULE big ----\nEXTENDS Naturals, FiniteSets\nVARIABLE x\nInit == x = {init}\nNext == x' = x\n(* --model\nINIT Init\nNEXT Next\n*)\n====\n")
    };
    let million = "(1..1000000)";
    for (init, message) in [
        (
            format!("Cardinality({million} \\X {million} \\X {million} \\X {million})"),
            "this cartesian product is too large to build",
        ),
        (
            "Cardinality([a : 1..100000, b : 1..100000])".to_string(),
            "this set of records is too large to build",
        ),
    ] {
        let r = run(&spec(&init), &CheckOptions::default());
        assert_eq!(r.result, Outcome::Error, "{init}");
        let m = r.message.unwrap_or_default();
        assert!(m.contains(message), "{init}: {m}");
    }
    for init in [
        format!("Cardinality({million} \\X {million} \\X {million} \\X {{}})"),
        "Cardinality([a : 1..100000, b : 1..100000, c : {}])".to_string(),
    ] {
        let r = run(&spec(&init), &CheckOptions::default());
        assert_eq!(r.result, Outcome::Ok, "{init}: {:?}", r.message);
        assert_eq!(r.trace.len(), 0);
        assert_eq!(r.distinct_states, 1, "{init}");
    }
}

/// Found as the TLA+ Examples' `Prisoner.tla` with a counter made `2^62`: a run told to go on
/// after a violation and stopped at its depth limit called its search complete, said the other
/// invariants held and went on to build the whole (unbounded) state graph for the temporal
/// property. A search that a limit stopped proves nothing held, whatever it found on the way.
#[test]
fn a_limit_after_a_violation_leaves_the_other_properties_unchecked() {
    let src = "---- MODULE onward ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nSmall == x < 2\nTyped == x \\in Nat\nSpec == Init /\\ [][Next]_x\nGrows == <>(x > 3)\n(* --model\nSPECIFICATION Spec\nINVARIANT Small\nINVARIANT Typed\nPROPERTY Grows\n*)\n====\n";
    let opts = CheckOptions {
        max_depth: Some(5),
        max_millis: Some(2000),
        continue_after_violation: true,
        ..Default::default()
    };
    let r = run(src, &opts);
    assert_eq!(r.result, Outcome::InvariantViolated, "{:?}", r.message);
    assert_eq!(r.property.as_deref(), Some("Small"));
    for p in &r.properties {
        let want = if p.name == "Small" {
            thicket_check::Verdict::Violated
        } else {
            thicket_check::Verdict::NotChecked
        };
        assert_eq!(p.verdict, want, "{}", p.name);
    }
}
