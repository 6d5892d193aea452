//! Thicket against TLC: the reference modules in `tests/reference` with the counts and
//! verdicts TLC 2.15/2.20 reported for them (`tlc-results.jsonl`).

use std::path::PathBuf;

use serde::Deserialize;
use thicket_check::{check_source, CheckOptions, Outcome};

#[derive(Deserialize)]
struct TlcResult {
    spec: String,
    config: Option<String>,
    verdict: String,
    trace_states: Option<usize>,
    distinct_states: u64,
    states_generated: u64,
    depth: u32,
}

fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/reference")
}

fn results() -> Vec<TlcResult> {
    let text = std::fs::read_to_string(reference_dir().join("tlc-results.jsonl"))
        .expect("tests/reference/tlc-results.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a TLC result line"))
        .collect()
}

fn verdict(outcome: Outcome, property: Option<&str>) -> String {
    match outcome {
        Outcome::Ok => "ok".into(),
        Outcome::InvariantViolated => format!("invariant_violated:{}", property.unwrap_or("")),
        Outcome::PropertyViolated => "property_violated".into(),
        Outcome::Deadlock => "deadlock".into(),
        Outcome::AssertionFailed => "assertion_failed".into(),
        other => format!("{other:?}"),
    }
}

fn run(name: &str, big: bool) {
    let rows = results();
    let mut ran = 0;
    for row in rows.iter().filter(|r| r.spec == name) {
        let is_big = row.distinct_states > 500_000;
        if is_big != big {
            continue;
        }
        let dir = reference_dir();
        let src = std::fs::read_to_string(dir.join(format!("{}.tla", row.spec))).unwrap();
        let cfg_name = row
            .config
            .clone()
            .unwrap_or_else(|| format!("{}.cfg", row.spec));
        let cfg = std::fs::read_to_string(dir.join(&cfg_name)).unwrap();
        let label = format!("{} ({cfg_name})", row.spec);

        // The whole graph, as TLC's `-continue -deadlock` run counted it.
        let full = CheckOptions {
            continue_after_violation: true,
            check_deadlock: Some(false),
            ..Default::default()
        };
        let r = check_source(&src, Some(&cfg), &full, &mut |_| true);
        assert!(r.diagnostics.is_empty(), "{label}: {:?}", r.diagnostics);
        assert_eq!(
            r.distinct_states, row.distinct_states,
            "{label}: distinct states"
        );
        assert_eq!(
            r.states_generated, row.states_generated,
            "{label}: states generated"
        );
        assert_eq!(r.depth, row.depth, "{label}: depth");

        // A normal run: the verdict and the length of the shortest counterexample.
        let r = check_source(&src, Some(&cfg), &CheckOptions::default(), &mut |_| true);
        assert_eq!(
            verdict(r.result, r.property.as_deref()),
            row.verdict,
            "{label}: verdict ({:?})",
            r.message
        );
        if let Some(n) = row.trace_states {
            assert_eq!(r.trace.len(), n, "{label}: counterexample length");
        }

        // Two worker threads: the same answers, the same shortest counterexample.
        if !big {
            let par = CheckOptions { workers: 2, ..full };
            let p = check_source(&src, Some(&cfg), &par, &mut |_| true);
            assert_eq!(
                (p.distinct_states, p.states_generated, p.depth),
                (row.distinct_states, row.states_generated, row.depth),
                "{label}: 2 workers"
            );
            let p = check_source(
                &src,
                Some(&cfg),
                &CheckOptions {
                    workers: 2,
                    ..Default::default()
                },
                &mut |_| true,
            );
            assert_eq!(
                verdict(p.result, p.property.as_deref()),
                row.verdict,
                "{label}: verdict with 2 workers"
            );
            assert_eq!(p.trace, r.trace, "{label}: counterexample with 2 workers");
        }
        // The TLA+ translation alone (the exported module without its algorithm): what TLC
        // itself runs, with the same counts and verdict.
        let out = thicket_check::export::for_tlc(&src, Some(&cfg))
            .unwrap_or_else(|d| panic!("{label}: export: {d:?}"));
        let tla = thicket_check::export::translation_only(&out.module)
            .expect("the export holds the algorithm and its translation");
        let t = check_source(&tla, Some(&out.config), &full, &mut |_| true);
        assert!(
            t.diagnostics.is_empty(),
            "{label}, translated: {:?}\n{tla}",
            t.diagnostics
        );
        assert_eq!(
            (t.distinct_states, t.states_generated, t.depth),
            (row.distinct_states, row.states_generated, row.depth),
            "{label}, translated: counts"
        );
        let t = check_source(
            &tla,
            Some(&out.config),
            &CheckOptions::default(),
            &mut |_| true,
        );
        assert_eq!(
            verdict(t.result, t.property.as_deref()),
            row.verdict,
            "{label}, translated: verdict ({:?})",
            t.message
        );
        if let Some(n) = row.trace_states {
            assert_eq!(
                t.trace.len(),
                n,
                "{label}, translated: counterexample length"
            );
        }
        ran += 1;
    }
    assert!(ran > 0, "no TLC result for {name}");
}

#[test]
fn counter_bounded_matches_tlc() {
    run("CounterBounded", false);
}

#[test]
fn die_hard_matches_tlc() {
    run("DieHard", false);
}

#[test]
fn lost_update_matches_tlc() {
    run("LostUpdate", false);
}

#[test]
fn mutex3_matches_tlc() {
    run("Mutex3", false);
}

#[test]
fn bakery_small_matches_tlc() {
    run("Bakery", false);
}

#[test]
fn workers_matches_tlc() {
    run("Workers", true);
}

#[test]
fn bakery_matches_tlc() {
    run("Bakery", true);
}

#[test]
fn auto_labels_match_tlc() {
    run("AutoLabels", false);
}

#[test]
fn same_labels_match_tlc() {
    run("SameLabels", false);
}
