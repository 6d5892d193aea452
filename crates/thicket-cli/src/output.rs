//! Text renderings of the checker's results for the terminal.

use std::fmt::Write;
use std::path::Path;

use thicket_check::{CheckReport, Outcome, TreeReport, Verdict};
use thicket_syntax::ast::Document;
use thicket_syntax::diag::line_col;
use thicket_syntax::Diagnostic;

use crate::ModelSource;

pub fn diagnostics(file: &Path, src: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        // A diagnostic about another module file is shown in that file.
        let other = d.file.as_ref().map(|p| (p, other_file(p)));
        let (file, src): (&dyn std::fmt::Display, &str) = match &other {
            Some((path, text)) => (path, text),
            None => (&file.display(), src),
        };
        let (line, col) = line_col(src, d.span.start);
        let sev = match d.severity {
            thicket_syntax::Severity::Error => "error",
            thicket_syntax::Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{file}:{line}:{col}: {sev}: {}", d.message);
        if let Some(text) = src.lines().nth(line.saturating_sub(1)) {
            let _ = writeln!(out, "  {text}");
            let width = src
                .get(d.span.range())
                .unwrap_or_default()
                .chars()
                .take_while(|c| *c != '\n')
                .count()
                .max(1);
            let _ = writeln!(out, "  {}{}", " ".repeat(col - 1), "^".repeat(width));
        }
        for h in &d.hints {
            let _ = writeln!(out, "  hint: {h}");
        }
    }
    out
}

/// The text of a module file a diagnostic is about: a library module's, or the file's.
fn other_file(path: &str) -> String {
    let library = path
        .strip_prefix("(library)/")
        .and_then(|n| n.strip_suffix(".tla"))
        .and_then(thicket_syntax::modules::library::text);
    library.map_or_else(
        || std::fs::read_to_string(path).unwrap_or_default(),
        str::to_string,
    )
}

pub fn summary(doc: &Document) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &doc.module {
        parts.push(format!("module {}", m.name));
    }
    if let Some(a) = &doc.algorithm {
        let procs = a.processes.len();
        if a.operations.is_empty() {
            parts.push(format!(
                "algorithm {} with {} process declaration{}, {} procedure{}",
                a.name.name,
                procs,
                plural(procs),
                a.procedures.len(),
                plural(a.procedures.len())
            ));
        } else {
            let ops: Vec<&str> = a.operations.iter().map(|o| o.name.name.as_str()).collect();
            parts.push(format!(
                "object {} with operations {}",
                a.name.name,
                ops.join(", ")
            ));
        }
    }
    parts.push(format!(
        "{} definition{}",
        doc.defs.len(),
        plural(doc.defs.len())
    ));
    if doc.model.is_some() {
        parts.push("embedded model".into());
    }
    parts.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One line of a long check's progress: `Progress: depth 12, 40213 distinct states, ...`.
pub fn progress_line(p: &thicket_check::Progress) -> String {
    format!(
        "Progress: depth {}, {} distinct states, {} states generated, {} left on the queue, {} s.",
        p.depth,
        p.distinct_states,
        p.states_generated,
        p.queue,
        p.elapsed_ms / 1000
    )
}

pub fn check_text(file: &Path, src: &str, cfg: &ModelSource, r: &CheckReport) -> String {
    let mut out = String::new();
    let model = match cfg {
        ModelSource::File(p, _) => format!("model {}", p.display()),
        ModelSource::Embedded => "embedded model".to_string(),
        ModelSource::None => "no model".to_string(),
    };
    let _ = writeln!(out, "Checking {} ({model})", file.display());
    out.push_str(&diagnostics(file, src, &r.warnings));
    if !r.diagnostics.is_empty() {
        out.push_str(&diagnostics(file, src, &r.diagnostics));
        out.push_str(&verdicts(r));
        return out;
    }
    let headline = match r.result {
        Outcome::Ok => "No error found.".to_string(),
        Outcome::InvariantViolated => format!(
            "Invariant {} is violated.",
            r.property.as_deref().unwrap_or("?")
        ),
        Outcome::PropertyViolated => format!(
            "Property {} is violated.",
            r.property.as_deref().unwrap_or("?")
        ),
        Outcome::Deadlock => {
            "Deadlock reached: no step is enabled and not every process is done.".to_string()
        }
        Outcome::AssertionFailed => {
            format!("Assertion failed: {}", r.message.as_deref().unwrap_or(""))
        }
        Outcome::AssumptionFailed => {
            format!("Assumption failed: {}", r.message.as_deref().unwrap_or(""))
        }
        Outcome::Error => format!("Error: {}", r.message.as_deref().unwrap_or("")),
        Outcome::LimitReached => format!(
            "Stopped: {}",
            r.message.as_deref().unwrap_or("limit reached")
        ),
        Outcome::Cancelled => "Cancelled.".to_string(),
    };
    let _ = writeln!(out, "{headline}");
    if !r.trace.is_empty() {
        let _ = writeln!(
            out,
            "The shortest behavior that shows it ({} state{}):",
            r.trace.len(),
            plural(r.trace.len())
        );
        let mut prev: Option<&Vec<thicket_check::VarValue>> = None;
        for (i, t) in r.trace.iter().enumerate() {
            let step = match &t.step {
                None => "initial state".to_string(),
                Some(s) => {
                    let mut d = match &s.event {
                        Some(e) => format!("{e}  (step {})", s.label),
                        None => s.label.clone(),
                    };
                    if !s.args.is_empty() {
                        let args: Vec<&str> = s.args.iter().map(|(_, v)| v.as_str()).collect();
                        d = format!("{d}({})", args.join(", "));
                    }
                    if let Some(p) = &s.process {
                        d = format!("{d} (process {p})");
                    }
                    if !s.choices.is_empty() {
                        let cs: Vec<String> = s
                            .choices
                            .iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect();
                        d = format!("{d} with {}", cs.join(", "));
                    }
                    d
                }
            };
            let _ = writeln!(out, "  {}. {step}", i + 1);
            for v in &t.state {
                let changed =
                    prev.is_some_and(|p| p.iter().any(|o| o.name == v.name && o.value != v.value));
                let _ = writeln!(
                    out,
                    "     {} {} = {}",
                    if changed { "*" } else { " " },
                    v.name,
                    v.value
                );
            }
            prev = Some(&t.state);
        }
        match r.loop_start {
            Some(l) if l + 1 == r.trace.len() => {
                let _ = writeln!(
                    out,
                    "  ... and then state {} repeats forever (stuttering).",
                    l + 1
                );
            }
            Some(l) => {
                let _ = writeln!(out, "  ... and then back to state {}, forever.", l + 1);
            }
            None => {}
        }
    }
    let _ = writeln!(
        out,
        "{} distinct states, {} states generated, depth {}, {} ms.",
        r.distinct_states, r.states_generated, r.depth, r.elapsed_ms
    );
    out.push_str(&verdicts(r));
    out
}

/// Each property's verdict, a line each.
fn verdicts(r: &CheckReport) -> String {
    let mut out = String::new();
    for p in &r.properties {
        let v = match p.verdict {
            Verdict::Holds => "holds",
            Verdict::Violated => "VIOLATED",
            Verdict::NotChecked => "not checked",
        };
        let _ = writeln!(out, "  {:<24} {v}", p.name);
    }
    out
}

pub fn tree_text(r: &TreeReport) -> String {
    let mut out = String::new();
    if let Some(p) = &r.property {
        let _ = writeln!(
            out,
            "Against {p}: ! where a behavior leaves it, . after, * on the shortest counterexample"
        );
    }
    fn walk(r: &TreeReport, id: u32, indent: usize, out: &mut String) {
        let n = &r.nodes[id as usize];
        let step = n
            .step
            .as_deref()
            .map(thicket_check::StepInfo::name)
            .unwrap_or_else(|| "init".into());
        let state: Vec<String> = n
            .state
            .iter()
            .map(|v| format!("{}={}", v.name, v.value))
            .collect();
        let mut mark = if n.leaves_here {
            " !"
        } else if n.outside_property {
            " ."
        } else {
            ""
        }
        .to_string();
        if n.on_counterexample {
            mark.push_str(" *");
        }
        let rep = if n.repeat { " (seen)" } else { "" };
        let _ = writeln!(
            out,
            "{}{step}: {}{mark}{rep}",
            "  ".repeat(indent),
            state.join(" ")
        );
        for c in &n.children {
            walk(r, *c, indent + 1, out);
        }
    }
    for root in &r.roots {
        walk(r, *root, 0, &mut out);
    }
    if r.truncated {
        let _ = writeln!(out, "(truncated)");
    }
    out
}

pub fn tree_dot(r: &TreeReport) -> String {
    let mut out =
        String::from("digraph behaviors {\n  node [shape=box, fontname=\"monospace\"];\n");
    for n in &r.nodes {
        let label: Vec<String> = n
            .state
            .iter()
            .map(|v| format!("{} = {}", v.name, v.value))
            .collect();
        let color = if n.outside_property {
            ", color=\"#d33\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  n{} [label=\"{}\"{color}];",
            n.id,
            label.join("\\n").replace('"', "\\\"")
        );
        if let (Some(p), Some(s)) = (n.parent, &n.step) {
            let label = s.event.as_ref().map_or(s.label.clone(), |e| e.to_string());
            let _ = writeln!(
                out,
                "  n{p} -> n{} [label=\"{}\"];",
                n.id,
                label.replace('"', "\\\"")
            );
        }
    }
    out.push_str("}\n");
    out
}

pub fn count_text(r: &thicket_check::CountReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Behaviors of at most {} states, against {}:",
        r.length, r.property
    );
    let _ = writeln!(
        out,
        "  {:>8}  {:>22}  {:>22}  {:>22}",
        "length", "Spec", "Spec ∩ Property", "Spec \\ Property"
    );
    for (i, ((a, b), c)) in r
        .spec_by_length
        .iter()
        .zip(&r.inside_by_length)
        .zip(&r.outside_by_length)
        .enumerate()
    {
        let _ = writeln!(
            out,
            "  {:>8}  {:>22}  {:>22}  {:>22}",
            i + 1,
            a.text,
            b.text,
            c.text
        );
    }
    let _ = writeln!(
        out,
        "  {:>8}  {:>22}  {:>22}  {:>22}",
        "all", r.spec_total.text, r.inside_total.text, r.outside_total.text
    );
    if !r.complete {
        let _ = writeln!(
            out,
            "  (the state graph was cut by a limit: these are lower bounds)"
        );
    }
    for (title, examples) in [
        ("inside the property", &r.inside_examples),
        ("outside the property", &r.outside_examples),
    ] {
        for (i, b) in examples.iter().enumerate() {
            let steps: Vec<String> = b
                .iter()
                .skip(1)
                .filter_map(|t| t.step.as_ref())
                .map(|s| s.event.as_ref().map_or(s.label.clone(), |e| e.to_string()))
                .collect();
            let _ = writeln!(
                out,
                "Example {} {title}: {}",
                i + 1,
                if steps.is_empty() {
                    "(the initial state)".to_string()
                } else {
                    steps.join(", ")
                }
            );
        }
    }
    out
}

pub fn member_text(r: &thicket_check::MemberReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "The behavior ({}): {}", r.form, r.items.join("; "));
    if r.in_spec {
        let _ = writeln!(out, "In the Spec: yes.");
    } else {
        let at = r
            .departs_at
            .map(|i| {
                format!(
                    " It departs at item {} ({})",
                    i + 1,
                    r.items.get(i).cloned().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "In the Spec: no.{at}: {}.",
            r.why.as_deref().unwrap_or("no step matches")
        );
    }
    if let Some(p) = &r.property {
        let answer = match r.in_property {
            Some(true) => "yes",
            Some(false) => "no",
            None => "undecided",
        };
        let _ = writeln!(
            out,
            "In {p}: {answer}. {}",
            r.property_note.as_deref().unwrap_or("")
        );
    }
    out
}
