//! How numbers, durations, states and steps read on the page. Pure functions.

use thicket_check::{Change, ChangeKind, Shown, StepInfo, VarValue};
use thicket_syntax::ast::Span;

/// `1234567` → `1,234,567`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `850` → `850 ms`, `4210` → `4.21 s`, `192000` → `3 min 12 s`.
pub fn duration(ms: u64) -> String {
    match ms {
        0..=999 => format!("{ms} ms"),
        1_000..=59_999 => format!("{:.2} s", ms as f64 / 1000.0),
        _ => format!("{} min {} s", ms / 60_000, (ms % 60_000) / 1000),
    }
}

/// Distinct states per second, or a dash when the run was too short to say.
pub fn rate(states: u64, ms: u64) -> String {
    if ms == 0 {
        return "—".into();
    }
    count((states as f64 * 1000.0 / ms as f64).round() as u64)
}

/// Variables that say where control is or what the last step was, rather than data: the
/// program counter and call stack, and an object's `event` record (the edge label already
/// shows it). They are left out of the compact summaries, not out of the full state.
pub fn is_control(var: &VarValue) -> bool {
    match var.name.as_str() {
        "pc" | "stack" => true,
        "event" => var.value.contains("kind |->"),
        _ => false,
    }
}

/// Text with `code` spans, as (is_code, text) pieces.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    text.split('`')
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| (i % 2 == 1, t))
        .collect()
}

/// A value as it reads in a small box: plain strings lose their quotes, and a process-indexed
/// record with a single entry (`[c |-> "Get"]`) shows its one value.
pub fn short_value(value: &str) -> String {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        if let Some((_, single)) = inner.split_once("|->") {
            if !single.contains("|->") && !single.contains(',') {
                return short_value(single);
            }
        }
    }
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(s) if !s.contains('"') => s.to_string(),
        _ => v.to_string(),
    }
}

/// `n = 0  ret = -1`: the data variables of a state, in order.
pub fn data_summary(state: &[VarValue]) -> String {
    state
        .iter()
        .filter(|v| !is_control(v))
        .map(|v| format!("{} = {}", v.name, short_value(&v.value)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// Where control is (`Idle`), if the state has a program counter.
pub fn control_summary(state: &[VarValue]) -> Option<String> {
    state
        .iter()
        .find(|v| v.name == "pc")
        .map(|v| short_value(&v.value))
}

/// A step's name, as every view shows it (see `StepInfo::name`).
pub fn step(step: &StepInfo) -> String {
    step.name()
}

/// What a step changed, as it reads in a node: `rmState[r2] = "prepared"`,
/// `msgs ∪ {[rm |-> "r1"]}`, `Append(q, 3)`, `Tail(q)`; long values folded.
pub fn change(c: &Change) -> String {
    let target: String = std::iter::once(c.var.clone())
        .chain(c.path.iter().map(|k| format!("[{k}]")))
        .collect();
    let values: Vec<&str> = c.values.iter().map(folded).collect();
    let list = values.join(", ");
    match (c.kind, values.len()) {
        (ChangeKind::Becomes, _) => format!("{target} = {list}"),
        (ChangeKind::Gains, _) => format!("{target} ∪ {{{list}}}"),
        (ChangeKind::Loses, _) => format!("{target} \\ {{{list}}}"),
        (ChangeKind::Appends, 1) => format!("Append({target}, {list})"),
        (ChangeKind::Appends, _) => format!("{target} ∘ <<{list}>>"),
        (ChangeKind::Drops, 1) => format!("Tail({target})"),
        (ChangeKind::Drops, n) => format!("{target} drops its first {n}"),
    }
}

/// What a step changed in the data, as a node, a card and the stepper say it; the control
/// variables (`pc`, `stack`, an object's `event`) are named only when nothing else changed.
pub fn data_changes(state: &[VarValue], changes: &[Change]) -> String {
    let control: Vec<&str> = state
        .iter()
        .filter(|v| is_control(v))
        .map(|v| v.name.as_str())
        .collect();
    let data: Vec<String> = changes
        .iter()
        .filter(|c| !control.contains(&c.var.as_str()))
        .map(change)
        .collect();
    let mut hidden: Vec<&str> = changes.iter().map(|c| c.var.as_str()).collect();
    hidden.dedup();
    match (data.is_empty(), hidden.is_empty()) {
        (false, _) => data.join(", "),
        (true, false) => format!("only {} changes", hidden.join(", ")),
        (true, true) => "nothing changes".into(),
    }
}

/// The data of a state (an initial one), folded: `n = 0  ret = -1`.
pub fn data_values(state: &[VarValue]) -> String {
    state
        .iter()
        .filter(|v| !is_control(v))
        .map(var_value)
        .collect::<Vec<_>>()
        .join("  ")
}

/// A value as a box shows it: folded when long.
pub fn folded(v: &Shown) -> &str {
    v.short.as_deref().unwrap_or(&v.value)
}

/// `x = 3`, folded when long.
pub fn var_value(v: &VarValue) -> String {
    format!("{} = {}", v.name, v.short.as_deref().unwrap_or(&v.value))
}

/// Everything about a step, for a tooltip: label, event, process and every choice.
pub fn step_detail(step: &StepInfo) -> String {
    let mut parts = vec![step.label.clone()];
    if let Some(event) = &step.event {
        parts.push(format!("event {event}"));
    }
    if let Some(process) = &step.process {
        parts.push(format!("process {}", short_value(process)));
    }
    for (k, v) in &step.choices {
        parts.push(format!("{k} = {v}"));
    }
    parts.join(" · ")
}

/// `line:col` (1-based, in characters) of a span's start.
pub fn location(source: &str, span: &Span) -> String {
    let (line, col) = thicket_syntax::diag::line_col(source, span.start);
    format!("{line}:{col}")
}

/// A byte offset into `source` as JavaScript counts: UTF-16 code units (the editor's offsets).
pub fn utf16_offset(source: &str, byte: u32) -> u32 {
    let mut end = (byte as usize).min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    source[..end].encode_utf16().count() as u32
}

/// Cut `text` to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str, value: &str) -> VarValue {
        VarValue {
            name: name.into(),
            value: value.into(),
            short: None,
        }
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(duration(850), "850 ms");
        assert_eq!(duration(4210), "4.21 s");
        assert_eq!(duration(192_000), "3 min 12 s");
        assert_eq!(rate(500, 250), "2,000");
        assert_eq!(rate(5, 0), "—");
    }

    #[test]
    fn states_read_compactly() {
        let state = vec![
            var("n", "0"),
            var("ret", "-1"),
            var("pc", r#"[c |-> "Idle"]"#),
        ];
        assert_eq!(data_summary(&state), "n = 0  ret = -1");
        assert_eq!(control_summary(&state).as_deref(), Some("Idle"));
        assert_eq!(short_value(r#""Get""#), "Get");
        assert_eq!(
            short_value(r#"[p1 |-> "a", p2 |-> "b"]"#),
            r#"[p1 |-> "a", p2 |-> "b"]"#
        );
        assert_eq!(short_value("<<1, 2>>"), "<<1, 2>>");
    }

    #[test]
    fn an_objects_event_record_is_control_not_data() {
        let event = var(
            "event",
            r#"[args |-> <<>>, kind |-> "call", op |-> "get", value |-> none]"#,
        );
        let state = vec![var("n", "0"), event, var("pc", r#""get""#)];
        assert_eq!(data_summary(&state), "n = 0");
        assert!(
            !is_control(&var("event", "3")),
            "a spec's own variable named event is data"
        );
        assert_eq!(
            code_spans("a `b` c"),
            vec![(false, "a "), (true, "b"), (false, " c")]
        );
    }

    #[test]
    fn steps_name_the_process_the_action_with_its_arguments_and_the_choices() {
        let mut s = StepInfo {
            process: Some("\"c\"".into()),
            label: "Get".into(),
            choices: vec![],
            args: vec![],
            event: None,
            span: None,
        };
        assert_eq!(step(&s), "c: Get");
        s.choices.push(("x".into(), "2".into()));
        assert_eq!(step(&s), "c: Get (x=2)");
        s.choices.insert(0, ("either".into(), "2".into()));
        assert_eq!(step(&s), "c: Get (x=2)");
        s.event = Some(thicket_check::Event::Return {
            value: Some("0".into()),
        });
        assert_eq!(step(&s), "c: -> 0 (x=2)");
        assert_eq!(
            step_detail(&s),
            "Get · event -> 0 · process c · either = 2 · x = 2"
        );
        let tla = StepInfo {
            process: None,
            label: "RMPrepare".into(),
            choices: vec![],
            args: vec![("rm".into(), "\"r2\"".into()), ("n".into(), "3".into())],
            event: None,
            span: None,
        };
        assert_eq!(step(&tla), "RMPrepare(r2, 3)");
    }

    #[test]
    fn changes_read_as_tla() {
        let shown = |v: &str| Shown {
            value: v.into(),
            short: None,
        };
        let change = |kind, path: &[&str], values: &[&str]| Change {
            var: "v".into(),
            path: path.iter().map(|k| k.to_string()).collect(),
            kind,
            values: values.iter().map(|v| shown(v)).collect(),
        };
        let cases = [
            (
                change(ChangeKind::Becomes, &["r2"], &["\"prepared\""]),
                "v[r2] = \"prepared\"",
            ),
            (
                change(ChangeKind::Becomes, &["1", "\"a\""], &["3"]),
                "v[1][\"a\"] = 3",
            ),
            (change(ChangeKind::Gains, &[], &["1", "2"]), "v ∪ {1, 2}"),
            (change(ChangeKind::Loses, &[], &["1"]), "v \\ {1}"),
            (change(ChangeKind::Appends, &[], &["3"]), "Append(v, 3)"),
            (
                change(ChangeKind::Appends, &[], &["3", "4"]),
                "v ∘ <<3, 4>>",
            ),
            (change(ChangeKind::Drops, &[], &["3"]), "Tail(v)"),
            (
                change(ChangeKind::Drops, &[], &["3", "4"]),
                "v drops its first 2",
            ),
        ];
        for (c, text) in cases {
            assert_eq!(change_text(&c), text);
        }
        let mut long = change(ChangeKind::Becomes, &[], &["{1, 2, 3, 4}"]);
        long.values[0].short = Some("{1, … 3 more}".into());
        assert_eq!(change_text(&long), "v = {1, … 3 more}");
    }

    fn change_text(c: &Change) -> String {
        change(c)
    }

    #[test]
    fn locations_are_one_based() {
        let src = "line one\nline two";
        assert_eq!(location(src, &Span { start: 0, end: 1 }), "1:1");
        assert_eq!(location(src, &Span { start: 14, end: 17 }), "2:6");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }

    #[test]
    fn editor_offsets_count_utf16_units() {
        let src = "a ≤ b 𝔸 c";
        assert_eq!(utf16_offset(src, 2), 2);
        assert_eq!(utf16_offset(src, 5), 3); // after the 3-byte '≤'
        assert_eq!(utf16_offset(src, 4), 2); // inside '≤': its start
        assert_eq!(utf16_offset(src, 12), 8); // after the 4-byte "𝔸" (two units)
        assert_eq!(utf16_offset(src, 999), src.encode_utf16().count() as u32);
    }
}
