//! The TLA+ export, read back: every spec of `specs/`, written out as a module and a `.cfg` for
//! TLC, checks to the same verdict and the same counts. For objects this compares the
//! operations' semantics with their plain-PlusCal form.

use thicket_check::export::for_tlc;
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
        assert!(out.module.contains("\\* BEGIN TRANSLATION\n\\* END TRANSLATION"), "{}", path.display());
        assert!(out.config.contains("SPECIFICATION Spec") || out.config.contains("INIT"), "{}", path.display());
        assert!(!out.module.contains("operation "), "{}: operations are written out as plain PlusCal", path.display());
        let full = CheckOptions { continue_after_violation: true, check_deadlock: Some(false), ..Default::default() };
        let a = check_source(&src, None, &full, &mut |_| true);
        let b = check_source(&out.module, Some(&out.config), &full, &mut |_| true);
        assert!(b.diagnostics.is_empty(), "{}: {:?}\n{}", path.display(), b.diagnostics, out.module);
        assert_eq!((a.distinct_states, a.states_generated, a.depth), (b.distinct_states, b.states_generated, b.depth), "{}", path.display());
        let verdicts = |r: &thicket_check::CheckReport| r.properties.iter().map(|p| (p.name.clone(), p.verdict)).collect::<Vec<_>>();
        assert_eq!(verdicts(&a), verdicts(&b), "{}", path.display());
        n += 1;
    }
    assert!(n >= 25);
}
