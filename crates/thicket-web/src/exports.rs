//! What the page hands out besides links: a behavior as JSON or as a Markdown transcript (for
//! blog posts), and the `<iframe>` snippet of the embedded widget. Pure text, tested natively.

use std::collections::HashMap;

use thicket_check::{TraceStep, TreeNode, TreeReport};

use crate::format;

/// The module's name (`---- MODULE counter ----`), else the algorithm's, else `spec`: names the
/// downloads and the widget's title.
pub fn module_name(source: &str) -> String {
    let word_after = |marker: &str| {
        source.lines().find_map(|line| {
            let rest = &line[line.find(marker)? + marker.len()..];
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
    };
    word_after("MODULE")
        .or_else(|| word_after("--algorithm"))
        .or_else(|| word_after("--fair algorithm"))
        .unwrap_or_else(|| "spec".into())
}

/// The behavior from a root to `id`, as the check reports a trace (first step `None`).
pub fn behavior_to(tree: &TreeReport, id: u32) -> Vec<TraceStep> {
    let by_id: HashMap<u32, &TreeNode> = tree.nodes.iter().map(|n| (n.id, n)).collect();
    let mut steps = vec![];
    let mut at = by_id.get(&id).copied();
    while let Some(node) = at {
        steps.push(TraceStep::from(node));
        at = node.parent.and_then(|p| by_id.get(&p).copied());
    }
    steps.reverse();
    steps
}

/// A behavior as JSON: the same `TraceStep`s as `thicket check --format json` prints in `trace`.
pub fn behavior_json(steps: &[TraceStep]) -> String {
    serde_json::to_string_pretty(steps).expect("traces are plain data")
}

/// A behavior as a Markdown transcript: a numbered list of steps, each with what it did and the
/// variables it changed, so it reads in a blog post.
pub fn transcript(module: &str, property: Option<&str>, steps: &[TraceStep]) -> String {
    let mut out = format!("### A behavior of `{module}`");
    if let Some(p) = property {
        out.push_str(&format!(" (highlighting `{p}`)"));
    }
    out.push_str("\n\n");
    let mut before: Option<&TraceStep> = None;
    for (i, t) in steps.iter().enumerate() {
        let what = match &t.step {
            None => "Initial state".to_string(),
            Some(step) => format!("`{}`", format::step(step)),
        };
        let vars: Vec<String> = t
            .state
            .iter()
            .filter_map(|v| match before {
                None => Some(format!("`{} = {}`", v.name, v.value)),
                Some(prev) => {
                    let old = prev.state.iter().find(|p| p.name == v.name)?;
                    (old.value != v.value)
                        .then(|| format!("`{}`: `{}` → `{}`", v.name, old.value, v.value))
                }
            })
            .collect();
        let changes = if vars.is_empty() {
            "nothing changes".to_string()
        } else {
            vars.join(", ")
        };
        out.push_str(&format!("{}. {what}: {changes}\n", i + 1));
        before = Some(t);
    }
    out
}

/// Text for an HTML attribute value in double quotes.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The widget's snippet for a course page: the page at `page_url` (origin and path) in embed
/// mode, holding `fragment`.
pub fn embed_snippet(page_url: &str, fragment: &str, module: &str) -> String {
    format!(
        r#"<iframe src="{}?embed#{}" width="100%" height="520" style="border:0" title="Thicket: {}" loading="lazy"></iframe>"#,
        attr(page_url),
        attr(fragment),
        attr(module)
    )
}

/// The file name of a download: the module's name, made safe for every file system.
pub fn file_name(module: &str, extension: &str) -> String {
    let stem: String = module
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::{StepInfo, VarValue};

    fn var(name: &str, value: &str) -> VarValue {
        VarValue {
            name: name.into(),
            value: value.into(),
            short: None,
        }
    }

    #[test]
    fn the_module_names_the_spec() {
        assert_eq!(module_name("---- MODULE counter ----\n===="), "counter");
        assert_eq!(
            module_name("(* --algorithm Clock\nbegin skip; end algorithm; *)"),
            "Clock"
        );
        assert_eq!(module_name("x == 1"), "spec");
    }

    #[test]
    fn a_transcript_lists_steps_and_what_they_changed() {
        let steps = vec![
            TraceStep {
                step: None,
                state: vec![var("n", "0"), var("pc", "\"Idle\"")],
                changes: vec![],
            },
            TraceStep {
                step: Some(StepInfo {
                    process: None,
                    label: "Inc".into(),
                    choices: vec![],
                    args: vec![],
                    event: None,
                    span: None,
                }),
                state: vec![var("n", "1"), var("pc", "\"Idle\"")],
                changes: vec![],
            },
        ];
        let md = transcript("counter", Some("AllPositiveGets"), &steps);
        assert!(md.starts_with("### A behavior of `counter` (highlighting `AllPositiveGets`)\n\n"));
        assert!(
            md.contains("1. Initial state: `n = 0`, `pc = \"Idle\"`\n"),
            "{md}"
        );
        assert!(md.contains("2. `Inc`: `n`: `0` → `1`\n"), "{md}");
        let json: serde_json::Value = serde_json::from_str(&behavior_json(&steps)).unwrap();
        assert_eq!(json[1]["step"]["label"], "Inc");
        assert_eq!(json[0]["state"][0]["value"], "0");
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let s = embed_snippet("http://127.0.0.1:8080/", "v1.abc", "a\"<b>");
        assert_eq!(
            s,
            r#"<iframe src="http://127.0.0.1:8080/?embed#v1.abc" width="100%" height="520" style="border:0" title="Thicket: a&quot;&lt;b&gt;" loading="lazy"></iframe>"#
        );
        assert_eq!(file_name("my spec", "tla"), "my_spec.tla");
    }
}
