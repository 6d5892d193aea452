//! Typed behaviors (`parse_behavior`): the events form, like a REPL session, and the states
//! form, one state per line; errors are located diagnostics.

use thicket_syntax::ast::{Behavior, BinOp, EventItem, ExprKind, StateItem};
use thicket_syntax::{parse_behavior, print, Diagnostic};

fn events(src: &str) -> Vec<EventItem> {
    match parse_behavior(src) {
        Ok(Behavior::Events(items)) => items,
        other => panic!("{src:?} should be events, got {other:?}"),
    }
}

fn states(src: &str) -> Vec<StateItem> {
    match parse_behavior(src) {
        Ok(Behavior::States(items)) => items,
        other => panic!("{src:?} should be states, got {other:?}"),
    }
}

fn error(src: &str) -> Diagnostic {
    match parse_behavior(src) {
        Err(mut diags) => diags.remove(0),
        Ok(b) => panic!("{src:?} should not parse, got {b:?}"),
    }
}

/// Each call as `op(args) -> ret` (`-> _` for any return).
fn calls(items: &[EventItem]) -> Vec<String> {
    items
        .iter()
        .map(|e| {
            let args: Vec<String> = e.args.iter().map(print::expr).collect();
            let ret = e.ret.as_ref().map_or("_".to_string(), print::expr);
            format!("{}({}) -> {ret}", e.op.name, args.join(", "))
        })
        .collect()
}

/// Each state as `name = value, ...`.
fn fields(items: &[StateItem]) -> Vec<String> {
    items
        .iter()
        .map(|s| {
            s.fields
                .iter()
                .map(|(k, v)| format!("{} = {}", k.name, print::expr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect()
}

#[test]
fn a_repl_session_reads_as_calls() {
    let src = ">>> c = Counter()\n>>> c.inc(); c.inc()\n>>> c.get()        -> 2\n";
    let items = events(src);
    assert_eq!(
        calls(&items),
        ["inc() -> _", "inc() -> _", "get() -> 2"],
        "prompts, receivers and the constructor line are dropped"
    );
    // Spans point into the text: the call with its receiver and its return.
    assert_eq!(&src[items[2].span.range()], "c.get()        -> 2");
    assert_eq!(&src[items[2].op.span.range()], "get");
}

#[test]
fn calls_take_arguments_and_returns_of_any_value() {
    let items = events("add(1, <<2, 3>>); get() -> {1, 2}\nput(\"k\", -1) -> -1");
    assert_eq!(
        calls(&items),
        [
            "add(1, <<2, 3>>) -> _",
            "get() -> {1, 2}",
            "put(\"k\", -1) -> -1"
        ]
    );
    // `>>>` is a prompt only where an item starts: elsewhere it closes tuples.
    assert_eq!(
        calls(&events(">>> put(<<<<1>>>>); >>> get() -> <<<<1>>>>")),
        ["put(<<<<1>>>>) -> _", "get() -> <<<<1>>>>"]
    );
    // `->` inside an argument is the expression's (a set of functions), not a return.
    assert_eq!(
        calls(&events("f([1..2 -> BOOLEAN])")),
        ["f([1 .. 2 -> BOOLEAN]) -> _"]
    );
}

#[test]
fn blank_items_comments_and_bare_prompts_are_skipped() {
    let items = events("\\* a session\n>>>\ninc();; inc();\n\n>>> >>> get() -> 2 \\* two\n");
    assert_eq!(calls(&items), ["inc() -> _", "inc() -> _", "get() -> 2"]);
    // Only the constructor: events without calls (the caller says to type some).
    assert_eq!(events("c = Counter()"), []);
    assert_eq!(events("c = counter.Counter()"), []);
}

#[test]
fn states_are_assignments_or_records_one_per_line() {
    let items = states("n = 0, ret = -1\n[n |-> 1, ret |-> 0]\n\n\\* done\n");
    assert_eq!(fields(&items), ["n = 0, ret = -1", "n = 1, ret = 0"]);
    let src = "n = 0, ret = -1";
    assert_eq!(&src[items[0].span.range()], src);
    assert_eq!(&src[items[0].fields[1].0.span.range()], "ret");
}

#[test]
fn a_field_value_is_a_whole_expression_up_to_the_next_field() {
    let src = "n = 0, s = {1, 2}, b = (1 = 2), pc = [c |-> \"Get\"], t = <<1, 2>>";
    let items = states(src);
    assert_eq!(
        fields(&items),
        ["n = 0, s = {1, 2}, b = 1 = 2, pc = [c |-> \"Get\"], t = <<1, 2>>"]
    );
    let (b, value) = &items[0].fields[2];
    assert_eq!(b.name, "b");
    assert!(
        matches!(value.kind, ExprKind::Binary { op: BinOp::Eq, .. }),
        "{value:?}"
    );
    assert_eq!(
        &src[value.span.range()],
        "1 = 2",
        "the expression inside the parentheses"
    );
    // Outside brackets, `=` after a value compares: the field's value is `0 = 1`.
    let items = states("b = 0 = 1");
    assert_eq!(items[0].fields.len(), 1);
    assert!(matches!(
        items[0].fields[0].1.kind,
        ExprKind::Binary { op: BinOp::Eq, .. }
    ));
}

#[test]
fn a_state_never_runs_past_its_line() {
    // `0` followed by a record on the next line is not `0[...]`.
    assert_eq!(fields(&states("n = 0\n[n |-> 1]")), ["n = 0", "n = 1"]);
}

#[test]
fn an_empty_text_is_no_states() {
    assert_eq!(states(""), []);
    assert_eq!(states("  \n\\* nothing yet\n"), []);
}

#[test]
fn syntax_errors_are_located() {
    let d = error("inc()\nget");
    assert_eq!(d.span.start, 9, "at the end of `get`: {d:?}");
    assert!(d.hints.iter().any(|h| h.contains("name(args)")), "{d:?}");

    let d = error("get() ->");
    assert_eq!(d.span.start, 8, "{d:?}");
    assert!(d.message.contains("an expression"), "{d:?}");
    assert!(d.hints.iter().any(|h| h.contains("after `->`")), "{d:?}");

    let src = "n = 0, ret = \nn = 1";
    let d = error(src);
    assert_eq!(d.span.start as usize, src.find('\n').unwrap(), "{d:?}");
    assert!(d.message.contains("an expression"), "{d:?}");

    // Two calls on one line need a `;` between them.
    let d = error("inc() get()");
    assert_eq!(&"inc() get()"[d.span.range()], "get", "{d:?}");
    assert!(d.message.contains("`;`"), "{d:?}");

    // The scanner's checks hold here too.
    let d = error("inc(); get(");
    assert_eq!(d.span.start, 10, "{d:?}");
    assert!(d.message.contains("never closed"), "{d:?}");
}
