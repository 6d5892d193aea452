//! The example corpus: every spec in `specs/` (and `specs/bench/`) has its expected results in
//! `specs/expected.jsonl`, and this test checks them all.
//!
//! `checked_by` says where a row's numbers come from: `tlc:<Module>` rows must also equal TLC's
//! results for that reference module (the same algorithm and model), so they are checked against
//! `tests/reference/tlc-results.jsonl` too; `hand` rows were derived by hand (the row's
//! `note` says how); `regression` rows record Thicket's own results after review, so that any
//! change to them is seen.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thicket_check::{check_source, CheckOptions, Outcome};

#[derive(Deserialize)]
struct Expected {
    spec: String,
    verdict: String,
    trace_states: Option<usize>,
    distinct_states: u64,
    states_generated: u64,
    depth: u32,
    checked_by: String,
}

#[derive(Deserialize)]
struct Tlc {
    spec: String,
    config: Option<String>,
    verdict: String,
    trace_states: Option<usize>,
    distinct_states: u64,
    states_generated: u64,
    depth: u32,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Vec<T> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn verdict(outcome: Outcome, property: Option<&str>) -> String {
    match outcome {
        Outcome::InvariantViolated => format!("invariant_violated:{}", property.unwrap_or("")),
        Outcome::PropertyViolated => format!("property_violated:{}", property.unwrap_or("")),
        other => serde_json::to_value(other)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string(),
    }
}

fn corpus() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("specs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tla") {
            names.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    names
}

#[test]
fn every_spec_has_expected_results() {
    let expected: BTreeSet<String> = lines::<Expected>(&root().join("specs/expected.jsonl"))
        .into_iter()
        .map(|e| e.spec)
        .collect();
    let missing: Vec<_> = corpus().difference(&expected).cloned().collect();
    assert!(
        missing.is_empty(),
        "specs without a row in specs/expected.jsonl: {missing:?}"
    );
}

#[test]
fn every_spec_gives_its_expected_results() {
    let tlc: Vec<Tlc> = lines(&root().join("tests/reference/tlc-results.jsonl"));
    for e in lines::<Expected>(&root().join("specs/expected.jsonl")) {
        let src = std::fs::read_to_string(root().join(format!("specs/{}.tla", e.spec))).unwrap();
        let full = CheckOptions {
            continue_after_violation: true,
            check_deadlock: Some(false),
            ..Default::default()
        };
        let r = check_source(&src, None, &full, &mut |_| true);
        assert!(r.diagnostics.is_empty(), "{}: {:?}", e.spec, r.diagnostics);
        assert_eq!(
            (r.distinct_states, r.states_generated, r.depth),
            (e.distinct_states, e.states_generated, e.depth),
            "{}: counts",
            e.spec
        );
        let r = check_source(&src, None, &CheckOptions::default(), &mut |_| true);
        assert_eq!(
            verdict(r.result, r.property.as_deref()),
            e.verdict,
            "{}: verdict ({:?})",
            e.spec,
            r.message
        );
        assert_eq!(
            (!r.trace.is_empty()).then_some(r.trace.len()),
            e.trace_states,
            "{}: counterexample length",
            e.spec
        );

        if let Some(module) = e.checked_by.strip_prefix("tlc:") {
            let t = tlc
                .iter()
                .find(|t| t.spec == module && t.config.is_none())
                .unwrap_or_else(|| panic!("no TLC result for {module}"));
            assert_eq!(
                (e.distinct_states, e.states_generated, e.depth),
                (t.distinct_states, t.states_generated, t.depth),
                "{} vs TLC",
                e.spec
            );
            assert_eq!(
                e.trace_states, t.trace_states,
                "{} vs TLC: counterexample length",
                e.spec
            );
            assert_eq!(e.verdict, t.verdict, "{} vs TLC: verdict", e.spec);
        } else {
            assert!(
                ["regression", "hand"].contains(&e.checked_by.as_str()),
                "{}: unknown provenance {}",
                e.spec,
                e.checked_by
            );
        }
    }
}
