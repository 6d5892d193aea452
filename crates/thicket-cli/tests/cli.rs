//! The command line as scripts and graders use it: exit codes, text and JSON.

use std::process::Command;

fn thicket(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    thicket_in(std::path::Path::new(root), args)
}

#[test]
fn a_violation_exits_1_with_the_shortest_counterexample() {
    let (code, out, _) = thicket(&["check", "specs/counter.tla"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Invariant AllPositiveGets is violated."),
        "{out}"
    );
    assert!(
        out.contains("The shortest behavior that shows it (3 states):"),
        "{out}"
    );
    assert!(
        out.contains("2. get()  (step Idle)") && out.contains("3. -> 0  (step get)"),
        "{out}"
    );
}

#[test]
fn json_has_the_documented_fields() {
    let (code, out, _) = thicket(&["check", "specs/die_hard.tla", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"], "invariant_violated");
    assert_eq!(v["property"], "NotSolved");
    for field in ["distinct_states", "states_generated", "depth", "elapsed_ms"] {
        assert!(v[field].is_u64(), "{field}");
    }
    let trace = v["trace"].as_array().unwrap();
    assert_eq!(trace.len(), 7, "TLC's DieHard counterexample has 7 states");
    assert!(trace[0]["step"].is_null());
    assert!(trace[1]["step"]["label"].is_string());
    assert!(trace[0]["state"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "big"));
}

#[test]
fn everything_holding_exits_0_and_errors_exit_2() {
    assert_eq!(thicket(&["check", "specs/peterson.tla"]).0, 0);
    let (code, _, err) = thicket(&["check", "specs/does_not_exist.tla"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    let (code, _, err) = thicket(&["parse", "tests/diagnostics/assign_with_eq.tla"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("tests/diagnostics/assign_with_eq.tla:"),
        "{err}"
    );
}

#[test]
fn limits_and_continue() {
    let (code, out, _) = thicket(&[
        "check",
        "specs/counter.tla",
        "--continue",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The whole graph of the counter object: 21 states (see specs/expected.jsonl).
    assert_eq!(v["distinct_states"], 21);
    let (code, out, _) = thicket(&[
        "check",
        "specs/bench/tally3.tla",
        "--max-states",
        "1000",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"], "limit_reached");
}

#[test]
fn a_typed_behavior_that_does_not_parse_is_an_error_at_its_line_and_column() {
    let (code, out, err) = thicket(&["member", "specs/counter.tla", "--behavior", "inc()\nget"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.starts_with("error: line 2, column 4: "), "{err}");
    assert!(err.contains("name(args)"), "{err}");
    let (code, out, err) = thicket(&[
        "member",
        "specs/counter.tla",
        "--behavior",
        "inc(); get() -> 1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("inc()"), "{out}");
}

#[test]
fn url_keeps_every_file_given_the_first_being_the_one_checked() {
    let (code, out, err) = thicket(&[
        "url",
        "tests/modules/extends/MC.tla",
        "tests/modules/extends/Counter.tla",
    ]);
    assert_eq!(code, 0, "{err}");
    let shared = thicket_share::decode(out.trim()).unwrap();
    let read = |p: &str| {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_string() + p)
            .unwrap()
    };
    assert_eq!(shared.text, read("tests/modules/extends/MC.tla"));
    assert_eq!(
        shared.modules,
        vec![thicket_share::ModuleFile {
            name: "Counter.tla".into(),
            text: read("tests/modules/extends/Counter.tla"),
        }]
    );
    // One file: the link of one text, as before.
    let (_, one, _) = thicket(&["url", "tests/modules/extends/MC.tla"]);
    assert!(one.starts_with("v1."), "{one}");
}

/// Run `thicket` in `dir`.
fn thicket_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thicket"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const FILES_SPEC: &str = r#"---- MODULE Files ----
EXTENDS Naturals, Sequences, Json, IOUtils, SVG, TLC
VARIABLE x
ASSUME ndJsonDeserialize("log.ndjson") = <<[a |-> 1, b |-> <<TRUE, "s">>], [a |-> -2, b |-> <<>>]>>
ASSUME JsonDeserialize("doc.json") = [n |-> 3, m |-> [k |-> "v"]]
Options == [format |-> "TXT", charset |-> "UTF-8", openOptions |-> <<"WRITE", "CREATE">>]
ASSUME Serialize("hello", "out.txt", Options) = [exitValue |-> 0, stdout |-> "", stderr |-> ""]
Init == x = 1
Next == x' = x + 1
Small == x < 3
Frame == SVGSerialize(Group(<<Rect(0, 0, x, 1, <<>>)>>, <<>>), "frame_", TLCGet("level"))
Alias == [x |-> x, frame |-> Frame.exitValue]
(* --model
INIT Init
NEXT Next
INVARIANT Small
ALIAS Alias
*)
===="#;

/// Json's and IOUtils' files, and SVG's frames, on the command line: JSON read as records
/// and sequences, text written, and one SVG file for each state of the behavior shown through
/// the ALIAS, numbered by `TLCGet("level")` as TLC numbers them.
#[test]
fn specs_read_and_write_files_relative_to_the_working_folder() {
    let dir = std::env::temp_dir().join(format!("thicket-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Files.tla"), FILES_SPEC).unwrap();
    std::fs::write(
        dir.join("log.ndjson"),
        "{\"a\": 1, \"b\": [true, \"s\"]}\n{\"a\": -2, \"b\": []}\n",
    )
    .unwrap();
    std::fs::write(dir.join("doc.json"), "{\"m\": {\"k\": \"v\"}, \"n\": 3}").unwrap();
    let (code, out, err) = thicket_in(&dir, &["check", "Files.tla"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Invariant Small is violated."), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("out.txt")).unwrap(),
        "hello"
    );
    for level in 1..=3 {
        let svg = std::fs::read_to_string(dir.join(format!("frame_00{level}.svg"))).unwrap();
        assert!(svg.starts_with("<g><rect "), "{svg}");
        assert!(svg.contains(&format!("width='{level}'")), "{svg}");
        assert!(svg.ends_with("</rect></g>"), "{svg}");
    }
    std::fs::write(dir.join("doc.json"), "{\"n\": 1.5}").unwrap();
    let (code, out, _) = thicket_in(&dir, &["check", "Files.tla"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("cannot read doc.json as JSON: 1.5 is no integer"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
