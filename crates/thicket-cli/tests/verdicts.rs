//! Honest verdicts: every text in `tests/verdicts/` is checked by the CLI as a user would run
//! it. Its header says the exit code it must give (`\* exit: N`) and lines its output must hold
//! (`\* says: ...`, compared with runs of spaces folded); the whole output (stdout, then
//! stderr) matches its reviewed snapshot (`tests/snapshots/`; `INSTA_UPDATE=always` and review).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn header(src: &str, key: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| l.strip_prefix(&format!("\\* {key}: ")).map(str::to_string))
        .collect()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thicket"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_verdict_fixture() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/verdicts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "tla"));
    paths.sort();
    assert!(paths.len() >= 8, "found {} fixtures", paths.len());
    for path in paths {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = format!(
            "tests/verdicts/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let (code, out, err) = run(&["check", &name]);
        let all = format!("{out}{err}");
        let want: i32 = header(&src, "exit")
            .first()
            .expect("an exit line")
            .parse()
            .unwrap();
        assert_eq!(code, want, "{name}: exit code\n{all}");
        for says in header(&src, "says") {
            assert!(
                fold(&all).contains(&fold(&says)),
                "{name} should say `{says}`:\n{all}"
            );
        }
        let stable: String = all
            .lines()
            .map(|l| {
                if l.ends_with(" ms.") {
                    "(counts and time)"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(
            path.file_stem().unwrap().to_string_lossy().to_string(),
            stable
        );
    }
}

#[test]
fn json_of_an_unchecked_property_is_an_error_never_ok() {
    let (code, out, _) = run(&[
        "check",
        "tests/verdicts/unchecked_property.tla",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"], "error");
    let src =
        std::fs::read_to_string(root().join("tests/verdicts/unchecked_property.tla")).unwrap();
    let span = &v["diagnostics"][0]["span"];
    let at = &src[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize];
    assert!(
        at.starts_with("Safety =="),
        "the error points at the property's definition: {at}"
    );
    assert!(
        v["properties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["verdict"] == "not_checked"),
        "{v}"
    );
}

#[test]
fn json_warnings_are_message_and_span() {
    let (code, out, _) = run(&[
        "check",
        "tests/verdicts/model_after_end.tla",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let src = std::fs::read_to_string(root().join("tests/verdicts/model_after_end.tla")).unwrap();
    let span = &warnings[0]["span"];
    assert_eq!(
        &src[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize],
        "INVARIANT"
    );
    assert!(warnings[1]["message"]
        .as_str()
        .unwrap()
        .contains("only deadlock freedom was checked"));
    // A model that names an invariant has no such warning.
    let (_, out, _) = run(&["check", "specs/peterson.tla", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_thicket"))
        .args([
            "tree",
            "specs/bench/tally3.tla",
            "--depth",
            "12",
            "--max-nodes",
            "200000",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // as `head` does once it has its lines
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(status.code(), Some(0), "{err}");
}
