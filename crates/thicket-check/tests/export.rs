//! The TLA+ export, read back: every spec of `specs/`, written out as a module and a `.cfg` for
//! TLC, checks to the same verdict and the same counts, twice: read as PlusCal (for objects,
//! this compares the operations' semantics with their plain-PlusCal form), and read as the
//! TLA+ translation alone (the algorithm removed, so `Init`, `Next` and `Spec` are what runs).

use thicket_check::export::{for_tlc, translation_only};
use thicket_check::{check_source, CheckOptions};

#[test]
fn every_spec_exports_and_reads_back_the_same() {
    let dir = format!("{}/../../specs", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tla") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let out = for_tlc(&src, None).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let plain_tla = !src.contains("--algorithm") && !src.contains("--fair");
        assert!(
            plain_tla || out.module.contains("\\* BEGIN TRANSLATION\n"),
            "{}",
            path.display()
        );
        assert!(out.module.contains("Next == "), "{}", path.display());
        assert!(
            out.config.contains("SPECIFICATION Spec") || out.config.contains("INIT"),
            "{}",
            path.display()
        );
        assert!(
            !out.module.contains("operation "),
            "{}: operations are written out as plain PlusCal",
            path.display()
        );
        let full = CheckOptions {
            continue_after_violation: true,
            check_deadlock: Some(false),
            ..Default::default()
        };
        let a = check_source(&src, None, &full, &mut |_| true);
        let b = check_source(&out.module, Some(&out.config), &full, &mut |_| true);
        assert!(
            b.diagnostics.is_empty(),
            "{}: {:?}\n{}",
            path.display(),
            b.diagnostics,
            out.module
        );
        assert_eq!(
            (a.distinct_states, a.states_generated, a.depth),
            (b.distinct_states, b.states_generated, b.depth),
            "{}",
            path.display()
        );
        let verdicts = |r: &thicket_check::CheckReport| {
            r.properties
                .iter()
                .map(|p| (p.name.clone(), p.verdict))
                .collect::<Vec<_>>()
        };
        assert_eq!(verdicts(&a), verdicts(&b), "{}", path.display());

        if plain_tla {
            n += 1;
            continue;
        }
        let tla = translation_only(&out.module)
            .expect("the export holds the algorithm and its translation");
        assert!(
            !tla.contains("--algorithm") && !tla.contains("--fair"),
            "{}",
            path.display()
        );
        let c = check_source(&tla, Some(&out.config), &full, &mut |_| true);
        assert!(
            c.diagnostics.is_empty(),
            "{}: {:?}\n{}",
            path.display(),
            c.diagnostics,
            tla
        );
        assert_eq!(
            (a.distinct_states, a.states_generated, a.depth),
            (c.distinct_states, c.states_generated, c.depth),
            "{}: the translation",
            path.display()
        );
        assert_eq!(
            verdicts(&a),
            verdicts(&c),
            "{}: the translation",
            path.display()
        );
        // A normal run stops at the same kind of violation, with a counterexample as long.
        let a1 = check_source(&src, None, &CheckOptions::default(), &mut |_| true);
        let c1 = check_source(
            &tla,
            Some(&out.config),
            &CheckOptions::default(),
            &mut |_| true,
        );
        assert_eq!(
            (a1.result, a1.property.clone(), a1.trace.len()),
            (c1.result, c1.property.clone(), c1.trace.len()),
            "{}: the translation, first violation",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 25);
}
