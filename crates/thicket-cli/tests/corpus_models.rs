//! The TLA+ Examples corpus (`../shared/corpus/tlaplus-examples`) as a conformance suite: every
//! exhaustive-search model whose manifest records TLC's result is checked by the `thicket`
//! binary, and its verdict (and, where the manifest records them, its distinct states and
//! depth) must be TLC's.
//!
//! Two lists beside this suite, in `tests/corpus/`, keep it honest:
//! - `tlc.txt`: the models where the manifest's numbers come from another TLC version than
//!   `../shared/tools/tlc` (TLC 2.15), with that TLC's numbers, which are used instead;
//! - `pending.txt`: the models Thicket does not agree on yet, each with the reason. A pending
//!   model that agrees fails the suite too, so the list is always the true one.
//!
//! It runs the release binary: `cargo xtask test` runs it on the models TLC checks in under a
//! second (`cargo test --release -p thicket-cli --test corpus_models -- --ignored`), and
//! `cargo xtask conformance` on every model (`THICKET_CORPUS_MAX_RUNTIME=00:01:00`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use thicket_check::Outcome;

/// How long one model may run before it counts as not agreeing: far above what any model
/// of the corpus needs (the longest, MCCheckpointCoordination, takes about 430 s on one core,
/// 590 s beside another run), so only a run that does not end reaches it.
const TIMEOUT: Duration = Duration::from_secs(900);

/// One model of a manifest, with what TLC found.
struct Model {
    tla: PathBuf,
    cfg: PathBuf,
    /// The `.cfg` path relative to the corpus root: the model's name in the lists.
    name: String,
    verdict: Verdict,
    distinct: Option<u64>,
    depth: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Ok,
    Safety,
    Liveness,
    Deadlock,
    Assumption,
}

impl Verdict {
    /// The manifest's `result`.
    fn of_manifest(result: &str) -> Option<Verdict> {
        Some(match result {
            "success" => Verdict::Ok,
            "safety failure" => Verdict::Safety,
            "liveness failure" => Verdict::Liveness,
            "deadlock failure" => Verdict::Deadlock,
            "assumption failure" => Verdict::Assumption,
            _ => return None,
        })
    }

    /// Whether Thicket's outcome is this verdict. A violated property is a safety or a
    /// liveness failure, as TLC reports it.
    fn matches(self, outcome: Option<Outcome>) -> bool {
        match outcome {
            Some(Outcome::Ok) => self == Verdict::Ok,
            Some(Outcome::InvariantViolated | Outcome::AssertionFailed) => self == Verdict::Safety,
            Some(Outcome::PropertyViolated) => matches!(self, Verdict::Safety | Verdict::Liveness),
            Some(Outcome::Deadlock) => self == Verdict::Deadlock,
            Some(Outcome::AssumptionFailed) => self == Verdict::Assumption,
            _ => false,
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> PathBuf {
    let root = repo().join("../shared/corpus/tlaplus-examples");
    assert!(
        root.exists(),
        "the corpus is expected beside the repository: {}",
        root.display()
    );
    root
}

/// Every exhaustive-search model with a recorded result that TLC checked within `max_runtime`
/// (`HH:MM:SS`, compared as text as the manifests write it).
fn models(root: &Path, max_runtime: &str) -> Vec<Model> {
    let mut out = vec![];
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("specifications"))
        .expect("specifications/")
        .map(|e| e.expect("a folder").path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("manifest.json")) else {
            continue;
        };
        let manifest: Value = serde_json::from_str(&text).expect("a manifest is JSON");
        for module in manifest["modules"].as_array().into_iter().flatten() {
            for m in module["models"].as_array().into_iter().flatten() {
                if let Some(model) = model(root, module, m, max_runtime) {
                    out.push(model);
                }
            }
        }
    }
    out
}

fn model(root: &Path, module: &Value, m: &Value, max_runtime: &str) -> Option<Model> {
    let verdict = Verdict::of_manifest(m["result"].as_str()?)?;
    let runtime = m["runtime"].as_str().unwrap_or("99:99:99");
    if m["mode"] != "exhaustive search" || runtime > max_runtime {
        return None;
    }
    let name = m["path"].as_str()?.to_string();
    Some(Model {
        tla: root.join(module["path"].as_str()?),
        cfg: root.join(&name),
        name,
        verdict,
        distinct: m["distinctStates"].as_u64(),
        depth: m["stateDepth"].as_u64(),
    })
}

/// The lines of a list in `tests/corpus/`: the model's name and the rest of the line.
fn list(file: &str) -> BTreeMap<String, String> {
    let path = repo().join("tests/corpus").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((name, rest)) => (name.to_string(), rest.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// TLC 2.15's `distinct depth` for `name`, where `tlc.txt` records them.
fn tlc_numbers(tlc: &BTreeMap<String, String>, name: &str) -> Option<(u64, u64)> {
    let mut words = tlc.get(name)?.split_whitespace();
    let distinct = words.next()?.parse().ok()?;
    let depth = words.next()?.parse().ok()?;
    Some((distinct, depth))
}

/// What a run gave, as one line for the log.
struct Run {
    agrees: bool,
    line: String,
}

fn check(thicket: &Path, m: &Model, tlc: &BTreeMap<String, String>) -> Run {
    let started = Instant::now();
    let got = match run(thicket, m) {
        Ok(json) => json,
        Err(why) => {
            return Run {
                agrees: false,
                line: format!("{}: {why}", m.name),
            }
        }
    };
    let result = got["result"].as_str().unwrap_or("no result");
    let outcome = serde_json::from_value(got["result"].clone()).ok();
    let (distinct, depth) = (got["distinct_states"].as_u64(), got["depth"].as_u64());
    let want = match tlc_numbers(tlc, &m.name) {
        Some((d, h)) => (Some(d), Some(h)),
        None => (m.distinct, m.depth),
    };
    let mut agrees = m.verdict.matches(outcome);
    if agrees && m.verdict == Verdict::Ok && want.0.is_some() {
        agrees = (distinct, depth) == want;
    }
    let message = got["message"]
        .as_str()
        .or_else(|| got["diagnostics"][0]["message"].as_str())
        .unwrap_or("");
    let line = format!(
        "{}: TLC {:?} {}/{}, Thicket {result} {}/{} in {} ms {}",
        m.name,
        m.verdict,
        shown(want.0),
        shown(want.1),
        shown(distinct),
        shown(depth),
        started.elapsed().as_millis(),
        message.lines().next().unwrap_or(""),
    );
    Run { agrees, line }
}

fn shown(n: Option<u64>) -> String {
    n.map_or("-".into(), |n| n.to_string())
}

/// The folder the runs work in.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("thicket-corpus-{}", std::process::id()))
}

/// `thicket check M.tla --config M.cfg --format json`, as JSON, in a scratch folder of its own
/// (the files a spec writes, like SVG frames, go there, not into the corpus).
fn run(thicket: &Path, m: &Model) -> Result<Value, String> {
    let dir = scratch().join(&m.name);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut child = Command::new(thicket)
        .arg("check")
        .arg(&m.tla)
        .arg("--config")
        .arg(&m.cfg)
        .args(["--format", "json"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", thicket.display()))?;
    // The report is read as it is written: a long trace fills the pipe before the run ends.
    let mut stdout = child.stdout.take().expect("a piped stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
        text
    });
    let started = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not end within {} s", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = reader.join().unwrap_or_default();
    serde_json::from_str(text.trim()).map_err(|_| format!("no JSON report: {}", text.trim()))
}

#[test]
#[ignore = "runs the release binary over the corpus: `cargo xtask test` runs it"]
fn corpus_models_agree_with_tlc() {
    let max_runtime =
        std::env::var("THICKET_CORPUS_MAX_RUNTIME").unwrap_or_else(|_| "00:00:01".into());
    let root = corpus();
    let models = models(&root, &max_runtime);
    let (tlc, pending) = (list("tlc.txt"), list("pending.txt"));
    let thicket = PathBuf::from(env!("CARGO_BIN_EXE_thicket"));
    let runs = Mutex::new(vec![]);
    let next = Mutex::new(models.iter());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let Some(m) = next.lock().expect("the queue").next() else {
                    return;
                };
                let r = check(&thicket, m, &tlc);
                eprintln!(
                    "{} {}",
                    if r.agrees { "agrees " } else { "DIFFERS" },
                    r.line
                );
                runs.lock().expect("the results").push((m.name.clone(), r));
            });
        }
    });
    let runs = runs.into_inner().expect("the results");
    let _ = std::fs::remove_dir_all(scratch());
    let agree = runs.iter().filter(|(_, r)| r.agrees).count();
    eprintln!(
        "\n{agree} of {} models (TLC runtime up to {max_runtime}) agree with TLC",
        runs.len()
    );
    let mut wrong = vec![];
    for (name, r) in &runs {
        match (r.agrees, pending.get(name)) {
            (false, None) => wrong.push(format!("does not agree: {}", r.line)),
            (true, Some(_)) => wrong.push(format!(
                "agrees now, so take it off tests/corpus/pending.txt: {}",
                r.line
            )),
            _ => {}
        }
    }
    wrong.sort();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
