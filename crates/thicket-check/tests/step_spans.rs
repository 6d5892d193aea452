//! Where each step is written: the page highlights a step's statements in the editor, so every
//! step of every spec in `specs/` must carry a span of its own text, and that text must be the
//! step's: a PlusCal label's block starts with the label, a TLA+ action's definition with its
//! name, an object's call step is the operation's name.

use std::path::PathBuf;

use thicket_check::{tree_source, TreeOptions};

fn specs() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tla") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Whether `text` (a step's span) begins with `label` written as a label (`name:`) or as a
/// definition (`Name ==`, `Name(`).
fn begins_with_name(text: &str, label: &str) -> bool {
    text.strip_prefix(label).is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.starts_with(':') || rest.starts_with("==") || rest.starts_with('(')
    })
}

#[test]
fn every_step_points_at_its_own_text() {
    let mut steps = 0;
    for (name, src) in specs() {
        let tree = tree_source(
            &src,
            None,
            &TreeOptions {
                depth: 8,
                max_nodes: 3000,
                property: None,
            },
        );
        assert!(tree.error.is_none(), "{name}: {:?}", tree.error);
        for node in &tree.nodes {
            let Some(step) = &node.step else { continue };
            let span = step
                .span
                .unwrap_or_else(|| panic!("{name}: the step {step:?} has no span"));
            let text = src
                .get(span.start as usize..span.end as usize)
                .unwrap_or_else(|| panic!("{name}: {span:?} is not in the text"));
            assert!(
                !text.trim().is_empty(),
                "{name}: the step `{}` has an empty span",
                step.label
            );
            let call = match &step.event {
                Some(thicket_check::Event::Call { op, .. }) if step.label == "Idle" => Some(op),
                _ => None,
            };
            if let Some(op) = call {
                assert_eq!(
                    text, op,
                    "{name}: a call step points at its operation's name"
                );
            } else if src.contains(&format!("{}:", step.label))
                || src.contains(&format!("{} ==", step.label))
            {
                assert!(
                    begins_with_name(text, &step.label),
                    "{name}: the step `{}` points at {text:?}",
                    step.label
                );
            }
            steps += 1;
        }
    }
    assert!(steps > 1000, "the corpus gave only {steps} steps");
}

#[test]
fn a_labelled_block_ends_before_the_next_label() {
    let src = "---- MODULE Loop ----\nEXTENDS Naturals\n(* --algorithm Loop\nvariables x = 0;\nbegin\n  a: while x < 2 do\n    b: x := x + 1;\n       assert x > 0;\n  end while;\nend algorithm *)\n====\n";
    let tree = tree_source(
        src,
        None,
        &TreeOptions {
            depth: 4,
            max_nodes: 100,
            property: None,
        },
    );
    let text_of = |label: &str| {
        let step = tree
            .nodes
            .iter()
            .filter_map(|n| n.step.as_ref())
            .find(|s| s.label == label)
            .unwrap();
        let span = step.span.unwrap();
        &src[span.start as usize..span.end as usize]
    };
    // The loop's own step is its test: it stops where the body's label begins.
    assert_eq!(text_of("a").trim_end(), "a: while x < 2 do");
    // A step runs every statement up to the next label.
    assert_eq!(text_of("b"), "b: x := x + 1;\n       assert x > 0;");
}
