//! Mutation fuzzing over real specs: every `.tla` of `../shared/corpus` (the TLA+ Examples, the
//! Community Modules, the TLAPS library) and of the repository's `specs/` and `tests/`, each with
//! the `.cfg` of the same name beside it if there is one, is mutated by random byte edits
//! (insert, delete, replace, duplicate a range) and token edits (swap, delete, duplicate tokens;
//! a number, an operator or an identifier replaced by another), then read and checked in
//! process: `parse_document`, a bounded `check_source`, and for a text that loads a `Session`
//! with a small tree, the children and behavior of a node, and a count. Any panic is a finding,
//! and so is a hang: one call into the product running over 10 s, or a case over 30 s (reported,
//! then the process stops).
//! Each case runs on a thread of its own with a bounded stack, named after the case's seed, so
//! even a stack overflow (which aborts the process) names the case; the text being run is kept
//! in `target/fuzz-findings/running.tla` until the case ends.
//!
//! Deterministic: case `i` is generated from a seed derived from `THICKET_FUZZ_SEED` and `i`
//! alone. `THICKET_FUZZ_CASES` (default 2000) and `THICKET_FUZZ_SECONDS` (default 30: no case
//! starts after it) bound the run; `cargo xtask fuzz --seconds N` runs it long, optimised.
//! A finding is written to `target/fuzz-findings/<seed>.tla` (with `<seed>.cfg` when the case
//! has a model file, and `<seed>.txt` saying what failed), with a reduced text that still fails
//! the same way in `<seed>.min.tla`. `THICKET_FUZZ_REPLAY=<seed>` runs one case again, and
//! `THICKET_FUZZ_FILE=path.tla` runs a file (with `path.cfg` if present) as a case.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use thicket_check::session::Session;
use thicket_check::{check_source, CheckOptions, Outcome, TreeOptions};

/// One call into the product running longer than this is a hang ...
const HANG: Duration = Duration::from_secs(10);
/// ... and so is a case (a few calls) running longer than this.
const CASE_HANG: Duration = Duration::from_secs(30);
/// The stack of a case's thread: generous (the syntax crate is unoptimised in the test
/// profile), but bounded, so unbounded recursion in the product shows as an overflow.
const STACK: usize = 16 << 20;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn findings_dir() -> PathBuf {
    repo().join("target/fuzz-findings")
}

// ---------------------------------------------------------------------------------------------
// The inputs.

struct Source {
    name: String,
    text: String,
    cfg: Option<String>,
    /// Whether the unmutated text loads (parses, has a model, compiles).
    loads: bool,
}

fn tla_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            tla_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "tla") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<Source> {
    let root = repo();
    let corpus = root.join("../shared/corpus");
    assert!(
        corpus.is_dir(),
        "{}: the corpus must be beside the repository (../shared/corpus)",
        corpus.display()
    );
    let mut paths = Vec::new();
    for dir in [corpus, root.join("specs"), root.join("tests")] {
        tla_files(&dir, &mut paths);
    }
    paths.retain(|p| !p.components().any(|c| c.as_os_str() == "node_modules"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let cfg = std::fs::read_to_string(p.with_extension("cfg")).ok();
            let name = p
                .strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned();
            Some(Source {
                name,
                text,
                cfg,
                loads: false,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The random numbers: SplitMix64, enough for choosing edits and small enough to read.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A small length, mostly 1 to 4, sometimes up to 256.
    fn len(&mut self) -> usize {
        match self.below(20) {
            0..=9 => 1 + self.below(4),
            10..=16 => 1 + self.below(16),
            _ => 1 + self.below(256),
        }
    }
}

/// The seed of case `i` of a run seeded with `base`.
fn case_seed(base: u64, i: u64) -> u64 {
    Rng(base ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next()
}

// ---------------------------------------------------------------------------------------------
// The mutations.

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "100",
    "65536",
    "1000000",
    "2^62",
    "2^63",
    "-2^63",
    "4611686018427387904",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999999",
];

/// Symbolic operators of TLA+ and PlusCal, longest first where one is a prefix of another.
const SYMBOLS: &[&str] = &[
    "-+->", "<=>", "|->", "\\/", "/\\", "=>", "==", "/=", "<=", ">=", "=<", "..", "<<", ">>", "[]",
    "<>", "~>", "->", ":=", "::", "@@", ":>", "||", "++", "--", "**", "//", "(*", "*)", "\\*", "'",
    "=", "#", "<", ">", "+", "-", "*", "/", "%", "^", "~", "|", "&", "!", ".", ",", ":", ";", "@",
    "$", "?", "(", ")", "[", "]", "{", "}", "\\",
];

/// Operators to put in place of one: the symbols above and those written as words.
const OPERATORS: &[&str] = &[
    "/\\",
    "\\/",
    "=>",
    "<=>",
    "~",
    "=",
    "#",
    "/=",
    "<",
    ">",
    "<=",
    ">=",
    "+",
    "-",
    "*",
    "\\div",
    "%",
    "^",
    "..",
    "\\in",
    "\\notin",
    "\\subseteq",
    "\\cup",
    "\\cap",
    "\\union",
    "\\",
    "\\X",
    "\\o",
    "@@",
    ":>",
    "|->",
    "->",
    "'",
    "[]",
    "<>",
    "~>",
    ":=",
    "==",
    "\\E",
    "\\A",
    "||",
    ",",
    ":",
    ";",
    "SUBSET",
    "UNION",
    "DOMAIN",
    "CHOOSE",
    "ENABLED",
    "UNCHANGED",
    "Cardinality",
    "Len",
    "Seq",
    "Append",
    "Head",
    "Tail",
    "SelectSeq",
    "SubSeq",
    "IF",
    "THEN",
    "ELSE",
    "CASE",
    "OTHER",
    "LET",
    "IN",
    "EXCEPT",
];

/// Text to insert: pieces of the languages' syntax.
const SNIPPETS: &[&str] = &[
    "(*",
    "*)",
    "\\*",
    "\"",
    "==",
    "<<",
    ">>",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "\\in ",
    "..",
    " UNCHANGED ",
    "\n====\n",
    "\n----\n",
    "CONSTANT N\n",
    "VARIABLE v\n",
    "EXTENDS Naturals\n",
    "RECURSIVE F(_)\nF(n) == IF n = 0 THEN 0 ELSE F(n - 1)\n",
    "--algorithm A\nbegin\nL: skip;\nend algorithm\n",
    "(* --model\nINVARIANT Inv\n*)",
    "SPECIFICATION Spec\n",
    "\n  /\\ ",
    "\n  \\/ ",
    "SUBSET ",
    "[x \\in S |-> x]",
    "{x \\in S : TRUE}",
    "CHOOSE x \\in S : TRUE",
    "\\A x \\in S : ",
    "\\E x \\in S : ",
    "LET a == 1 IN ",
    "IF TRUE THEN 1 ELSE 2",
    "1..1000000",
    "[1..20 -> BOOLEAN]",
    "SUBSET SUBSET (1..10)",
    " \\X (1..1000000)",
    "[a : 1..100000, b : 1..100000]",
    "[f \\in 1..1000000 |-> f]",
    " \\o ",
    "Seq(1..3)",
    "STRING",
    "Nat",
    "Int",
    "WF_vars(Next)",
    "SF_vars(Next)",
    "[][Next]_vars",
    "<>[]",
    "[]<>",
    "~>",
    "ENABLED ",
    "process P \\in 1..3\nbegin\nQ: skip;\nend process\n",
    "await ",
    "either skip; or skip; end either;",
    "while TRUE do\nskip;\nend while;",
    "with x \\in 1..3 do\nskip;\nend with;",
    "goto L;",
    "call P();",
    "return;",
    "assert FALSE;",
    "print 1;",
    "é",
    "⟨",
    "\u{0}",
    "\t",
];

const PUNCTUATION: &[u8] = b"()[]{}<>=\\/~#-+*:;,.'\"|@!^%&$_ \n\t0123456789";

fn random_bytes(rng: &mut Rng, n: usize) -> Vec<u8> {
    match rng.below(4) {
        0 => (0..n).map(|_| b' ' + rng.below(95) as u8).collect(),
        1 => (0..n).map(|_| *rng.pick(PUNCTUATION)).collect(),
        2 => (0..n).map(|_| rng.next() as u8).collect(),
        _ => rng.pick(SNIPPETS).as_bytes().to_vec(),
    }
}

/// A random byte edit; the result is made text again (a cut character becomes U+FFFD).
fn byte_edit(rng: &mut Rng, text: &str) -> (String, String) {
    let mut b = text.as_bytes().to_vec();
    let pos = rng.below(b.len() + 1);
    let n = rng.len();
    let end = (pos + n).min(b.len());
    let what = match rng.below(4) {
        0 => {
            let ins = random_bytes(rng, n);
            let what = format!("insert {:?} at {pos}", String::from_utf8_lossy(&ins));
            b.splice(pos..pos, ins);
            what
        }
        1 => {
            b.drain(pos..end);
            format!("delete bytes {pos}..{end}")
        }
        2 => {
            let ins = random_bytes(rng, n);
            let what = format!(
                "replace bytes {pos}..{end} with {:?}",
                String::from_utf8_lossy(&ins)
            );
            b.splice(pos..end, ins);
            what
        }
        _ => {
            let piece = b[pos..end].to_vec();
            let to = rng.below(b.len() + 1);
            b.splice(to..to, piece);
            format!("duplicate bytes {pos}..{end} at {to}")
        }
    };
    (String::from_utf8_lossy(&b).into_owned(), what)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    Number,
    Operator,
    Other,
}

struct Token {
    start: usize,
    end: usize,
    kind: Kind,
}

/// A rough lexer of TLA+ and PlusCal: words, numbers, strings, operators. Comments are not
/// skipped: algorithms and models live in them.
fn tokens(s: &str) -> Vec<Token> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Number
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            Kind::Word
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            Kind::Other
        } else if c == b'\\' && b.get(i + 1).is_some_and(|x| x.is_ascii_alphabetic()) {
            i += 1;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            Kind::Operator
        } else if let Some(op) = SYMBOLS.iter().find(|op| b[i..].starts_with(op.as_bytes())) {
            i += op.len();
            Kind::Operator
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            Kind::Other
        };
        out.push(Token {
            start,
            end: i.min(b.len()),
            kind,
        });
    }
    out
}

fn splice(text: &str, start: usize, end: usize, with: &str) -> String {
    format!("{}{}{}", &text[..start], with, &text[end..])
}

/// A random token edit, or `None` when the text has no token of the kind chosen.
fn token_edit(rng: &mut Rng, text: &str) -> Option<(String, String)> {
    let toks = tokens(text);
    if toks.len() < 2 {
        return None;
    }
    let of_kind = |k: Kind| -> Vec<&Token> { toks.iter().filter(|t| t.kind == k).collect() };
    let at = |t: &Token| &text[t.start..t.end];
    let edit = match rng.below(9) {
        0 => {
            let i = rng.below(toks.len() - 1);
            let j = if rng.below(4) == 0 {
                i + 1 + rng.below(toks.len() - 1 - i)
            } else {
                (i + 1 + rng.below(3)).min(toks.len() - 1)
            };
            let (a, b) = (&toks[i], &toks[j]);
            let swapped = format!(
                "{}{}{}{}{}",
                &text[..a.start],
                at(b),
                &text[a.end..b.start],
                at(a),
                &text[b.end..]
            );
            (
                swapped,
                format!("swap {:?} and {:?} at {}", at(a), at(b), a.start),
            )
        }
        1 => {
            let t = rng.pick(&toks);
            (
                splice(text, t.start, t.end, ""),
                format!("delete {:?} at {}", at(t), t.start),
            )
        }
        2 => {
            let t = rng.pick(&toks);
            let copy = format!("{} {}", at(t), at(t));
            (
                splice(text, t.start, t.end, &copy),
                format!("duplicate {:?} at {}", at(t), t.start),
            )
        }
        3 | 4 => {
            let nums = of_kind(Kind::Number);
            if nums.is_empty() {
                return None;
            }
            let t = *rng.pick(&nums);
            let n = rng.pick(NUMBERS);
            (
                splice(text, t.start, t.end, n),
                format!("number {:?} at {} -> {n}", at(t), t.start),
            )
        }
        5 | 6 => {
            let ops: Vec<&Token> = toks
                .iter()
                .filter(|t| t.kind == Kind::Operator || OPERATORS.contains(&at(t)))
                .collect();
            if ops.is_empty() {
                return None;
            }
            let t = *rng.pick(&ops);
            let op = rng.pick(OPERATORS);
            let with = if op.starts_with(|c: char| c.is_ascii_alphabetic() || c == '\\') {
                format!(" {op} ")
            } else {
                op.to_string()
            };
            (
                splice(text, t.start, t.end, &with),
                format!("operator {:?} at {} -> {op}", at(t), t.start),
            )
        }
        _ => {
            let words = of_kind(Kind::Word);
            if words.is_empty() {
                return None;
            }
            let t = *rng.pick(&words);
            let o = *rng.pick(&words);
            let other = at(o);
            (
                splice(text, t.start, t.end, other),
                format!("identifier {:?} at {} -> {other}", at(t), t.start),
            )
        }
    };
    Some(edit)
}

/// Apply one to a few edits to `text`, saying what each was.
fn mutate(rng: &mut Rng, text: &str, log: &mut Vec<String>) -> String {
    let edits = match rng.below(20) {
        0..=11 => 1,
        12..=16 => 2,
        _ => 3 + rng.below(4),
    };
    let mut text = text.to_string();
    for _ in 0..edits {
        let token = if rng.below(10) < 7 {
            token_edit(rng, &text)
        } else {
            None
        };
        let (t, what) = token.unwrap_or_else(|| byte_edit(rng, &text));
        text = t;
        log.push(what);
    }
    text
}

struct Case {
    seed: u64,
    source: String,
    text: String,
    cfg: Option<String>,
    edits: Vec<String>,
}

fn make_case(seed: u64, sources: &[Source], loadable: &[usize]) -> Case {
    let mut rng = Rng(seed);
    let i = if !loadable.is_empty() && rng.below(5) != 0 {
        *rng.pick(loadable)
    } else {
        rng.below(sources.len())
    };
    let src = &sources[i];
    let mut edits = Vec::new();
    let (mut text, mut cfg) = (src.text.clone(), src.cfg.clone());
    match (&cfg, rng.below(20)) {
        (Some(c), 0..=2) => cfg = Some(mutate(&mut rng, c, &mut edits)),
        (Some(c), 3) => {
            cfg = Some(mutate(&mut rng, c, &mut edits));
            text = mutate(&mut rng, &text, &mut edits);
        }
        _ => text = mutate(&mut rng, &text, &mut edits),
    }
    Case {
        seed,
        source: src.name.clone(),
        text,
        cfg,
        edits,
    }
}

// ---------------------------------------------------------------------------------------------
// Running a case.

/// How far a case went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The parser refused the text (with diagnostics).
    Refused,
    /// Parsed, but the checker refused to load it (no model, an unknown name, ...).
    Parsed,
    /// The checker ran: its outcome.
    Checked(Outcome),
}

/// What one case does, the product's calls only; `verbose` says how long each call took.
/// `call` is when the call under way began (the watchdog reads it).
fn run(text: &str, cfg: Option<&str>, verbose: bool, call: &Mutex<Instant>) -> Stage {
    let mut clock = Instant::now();
    let mut took = |what: &str| {
        if verbose {
            println!("fuzz:   {what}: {} ms", clock.elapsed().as_millis());
        }
        clock = Instant::now();
        *call.lock().unwrap_or_else(|e| e.into_inner()) = clock;
    };
    let parsed = thicket_syntax::parse_document(text);
    took("parse_document");
    if parsed.document.is_none() {
        return Stage::Refused;
    }
    let opts = CheckOptions {
        max_states: Some(2000),
        max_millis: Some(300),
        ..Default::default()
    };
    let report = check_source(text, cfg, &opts, &mut |_| true);
    took(&format!(
        "check_source ({:?}, {} states: {})",
        report.result,
        report.distinct_states,
        report.message.as_deref().unwrap_or("")
    ));
    // The page asks nothing more of a text that did not load or whose assumptions fail.
    if !report.diagnostics.is_empty() || report.result == Outcome::AssumptionFailed {
        return Stage::Parsed;
    }
    let mut session = match Session::open(text, cfg) {
        Ok(s) => s,
        Err(d) => panic!("check_source loaded the text, Session::open refused it: {d:?}"),
    };
    took("Session::open");
    // A session's questions have no limit of time or states but the tree's depth (the page
    // stops a long one by ending its worker), and the tree is built on the whole state graph
    // to its depth: they are asked only when that graph is known to be small, as a second
    // bounded search to the same depth says (its states at depth 5 are the graph's leaves).
    let complete = report.result == Outcome::Ok;
    if !complete {
        let probe = check_source(
            text,
            cfg,
            &CheckOptions {
                max_states: Some(20_000),
                max_depth: Some(5),
                max_millis: Some(300),
                continue_after_violation: true,
                check_deadlock: Some(false),
                ..Default::default()
            },
            &mut |_| true,
        );
        let cut = probe.result == Outcome::LimitReached
            && !probe
                .message
                .as_deref()
                .is_some_and(|m| m.contains("depth limit"));
        took(&format!("a search to depth 5 (cut short: {cut})"));
        if cut {
            return Stage::Checked(report.result);
        }
    }
    // The property the page highlights: the one violated, else (when the search was cut
    // short) the first safety property. Asking for none when the search was cut short and
    // there are temporal properties would build the whole state graph: not a small question.
    let property = report.property.clone().or_else(|| {
        (!complete)
            .then(|| session.safety_properties().into_iter().next())
            .flatten()
    });
    if property.is_some() || complete || session.spec.temporal.is_empty() {
        let tree = session.tree(&TreeOptions {
            depth: 4,
            max_nodes: 300,
            property: property.clone(),
        });
        took(&format!(
            "tree ({} nodes, graph of {} states)",
            tree.nodes.len(),
            session.built_graph().map_or(0, |g| g.len())
        ));
        // A node at depth 3 at most: its children are in the graph to depth 4.
        if let Some(node) = tree.nodes.iter().rev().find(|n| n.depth <= 3) {
            let _ = session.children_against(&node.path, property.as_deref());
            let _ = session.behavior_at(&node.path);
            took("children_against, behavior_at");
        }
        if let Some(p) = session.safety_properties().first() {
            let _ = session.count(p, 3, 2);
            took("count");
        }
    }
    Stage::Checked(report.result)
}

/// The last panic of a case's thread: message and location.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("");
        if !name.starts_with("fuzz-case-") {
            return default(info);
        }
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".into());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{msg} at {at}"));
    }));
}

/// The end of one case.
enum Ran {
    Done(Stage),
    /// A panic: its message and location.
    Panicked(String),
    Hung,
}

/// Run a case on a fresh thread and wait for it: at most [`HANG`] for one call into the
/// product, [`CASE_HANG`] for the whole case.
fn run_case(seed: u64, text: &str, cfg: Option<&str>, verbose: bool) -> Ran {
    let (tx, rx) = mpsc::channel();
    let (text, cfg): (Arc<str>, Option<Arc<str>>) = (text.into(), cfg.map(Into::into));
    *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let started = Instant::now();
    let call = Arc::new(Mutex::new(started));
    let handle = {
        let call = call.clone();
        std::thread::Builder::new()
            .name(format!("fuzz-case-{seed:016x}"))
            .stack_size(STACK)
            .spawn(move || {
                let r = panic::catch_unwind(AssertUnwindSafe(|| {
                    run(&text, cfg.as_deref(), verbose, &call)
                }));
                let _ = tx.send(r.ok());
            })
            .expect("a thread for the case")
    };
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(stage)) => {
                let _ = handle.join();
                return Ran::Done(stage);
            }
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                let _ = handle.join();
                let msg = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
                return Ran::Panicked(msg.unwrap_or_else(|| "a panic".into()));
            }
            Err(RecvTimeoutError::Timeout) => {
                let call = *call.lock().unwrap_or_else(|e| e.into_inner());
                if call.elapsed() > HANG || started.elapsed() > CASE_HANG {
                    return Ran::Hung;
                }
            }
        }
    }
}

/// Where a panic happened (`file:line`), to tell one failure from another.
fn location(msg: &str) -> &str {
    msg.rsplit(" at ").next().unwrap_or(msg)
}

/// Shrink a text that panics, keeping the panic's location: drop chunks of lines, then
/// single tokens, as long as the failure stays the same (a bounded number of tries).
fn reduce(seed: u64, text: &str, cfg: Option<&str>, failure: &str) -> String {
    let started = Instant::now();
    let same = |t: &str| match run_case(seed, t, cfg, false) {
        Ran::Panicked(m) => location(&m) == location(failure),
        _ => false,
    };
    let mut best = text.to_string();
    let budget = |tries: usize| tries < 2000 && started.elapsed() < Duration::from_secs(120);
    let mut tries = 0;
    // Lines, in chunks halving down to one line.
    let mut lines: Vec<String> = best.split_inclusive('\n').map(String::from).collect();
    let mut chunk = lines.len().div_ceil(2).max(1);
    while chunk >= 1 && budget(tries) {
        let mut i = 0;
        while i < lines.len() && budget(tries) {
            let mut candidate = lines.clone();
            candidate.drain(i..(i + chunk).min(lines.len()));
            tries += 1;
            if same(&candidate.concat()) {
                lines = candidate;
            } else {
                i += chunk;
            }
        }
        if chunk == 1 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    best = lines.concat();
    // Tokens, one at a time, from the end.
    let mut k = tokens(&best).len();
    while k > 0 && budget(tries) {
        k -= 1;
        let toks = tokens(&best);
        let Some(t) = toks.get(k) else { continue };
        let candidate = splice(&best, t.start, t.end, "");
        tries += 1;
        if same(&candidate) {
            best = candidate;
        }
    }
    best
}

fn write_finding(case: &Case, what: &str, reduced: Option<&str>) -> PathBuf {
    let dir = findings_dir();
    let _ = std::fs::create_dir_all(&dir);
    let base = dir.join(format!("{:016x}", case.seed));
    let _ = std::fs::write(base.with_extension("tla"), &case.text);
    if let Some(cfg) = &case.cfg {
        let _ = std::fs::write(base.with_extension("cfg"), cfg);
    }
    if let Some(r) = reduced {
        let _ = std::fs::write(base.with_extension("min.tla"), r);
    }
    let mut note = format!(
        "seed {:016x}\n{what}\nsource: {}\nedits:\n",
        case.seed, case.source
    );
    for e in &case.edits {
        let _ = writeln!(note, "  {e}");
    }
    let _ = std::fs::write(base.with_extension("txt"), note);
    base.with_extension("tla")
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => {
            let v = v.trim();
            let parsed = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{name}={v}: not a number"))
        }
        Err(_) => default,
    }
}

/// `THICKET_FUZZ_FILE`: one file, as it is (with its `.cfg` if there is one).
fn run_file(path: &str) {
    // Relative to the repository (a test runs in its crate's directory).
    let path = repo().join(path);
    let text = std::fs::read_to_string(&path).expect("THICKET_FUZZ_FILE");
    let cfg = std::fs::read_to_string(path.with_extension("cfg")).ok();
    match run_case(0, &text, cfg.as_deref(), true) {
        Ran::Done(stage) => println!("fuzz: {}: {stage:?}", path.display()),
        Ran::Panicked(m) => panic!("{}: panic: {m}", path.display()),
        Ran::Hung => {
            eprintln!(
                "{}: still running (one call over {HANG:?}, or the case over {CASE_HANG:?})",
                path.display()
            );
            std::process::exit(101);
        }
    }
}

/// Mark which unmutated texts load (on as many threads as there are cores): most cases mutate
/// one of those, so they reach the checker. Returns their indices.
fn mark_loadable(sources: &mut [Source]) -> Vec<usize> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = sources.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for chunk in sources.chunks_mut(per) {
            std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, move || {
                    for s in chunk {
                        s.loads = Session::open(&s.text, s.cfg.as_deref()).is_ok();
                    }
                })
                .expect("a thread to load the texts");
        }
    });
    (0..sources.len()).filter(|i| sources[*i].loads).collect()
}

/// The cases run so far, and what came of them.
struct Tally {
    base: u64,
    started: Instant,
    cases: u64,
    parsed: u64,
    reached: u64,
    outcomes: BTreeMap<String, u64>,
    findings: Vec<String>,
}

impl Tally {
    fn new(base: u64, started: Instant) -> Tally {
        Tally {
            base,
            started,
            cases: 0,
            parsed: 0,
            reached: 0,
            outcomes: BTreeMap::new(),
            findings: Vec::new(),
        }
    }

    /// One line on the run so far, counting `findings` findings.
    fn summary(&self, findings: usize) -> String {
        format!(
            "fuzz: seed {:#x}: {} cases, {} parse, {} reach the checker, {findings} findings, {:.0} s",
            self.base,
            self.cases,
            self.parsed,
            self.reached,
            self.started.elapsed().as_secs_f64()
        )
    }

    /// Count how a case ended; a panic is reduced and written down, a hang ends the process.
    fn record(&mut self, case: &Case, ran: Ran, replay: bool) {
        let seed = case.seed;
        match ran {
            Ran::Done(stage) => {
                if replay {
                    println!("fuzz: case {seed:016x}: {stage:?}");
                }
                if stage != Stage::Refused {
                    self.parsed += 1;
                }
                if let Stage::Checked(outcome) = stage {
                    self.reached += 1;
                    *self.outcomes.entry(format!("{outcome:?}")).or_default() += 1;
                }
            }
            Ran::Panicked(msg) => self.panicked(case, &msg),
            Ran::Hung => self.hung(case),
        }
    }

    fn panicked(&mut self, case: &Case, msg: &str) {
        let seed = case.seed;
        eprintln!(
            "fuzz: FINDING: case {seed:016x} ({}) panics: {msg}",
            case.source
        );
        let reduced = reduce(seed, &case.text, case.cfg.as_deref(), msg);
        let path = write_finding(case, &format!("panic: {msg}"), Some(&reduced));
        eprintln!(
            "fuzz:   written to {} ({} bytes reduced to {})",
            path.display(),
            case.text.len(),
            reduced.len()
        );
        self.findings.push(format!("{seed:016x}: panic: {msg}"));
    }

    fn hung(&self, case: &Case) -> ! {
        let seed = case.seed;
        let path = write_finding(
            case,
            &format!("still running (one call over {HANG:?}, or the case over {CASE_HANG:?})"),
            None,
        );
        eprintln!(
            "fuzz: FINDING: case {seed:016x} ({}) still runs (one call over {HANG:?}, or the case over {CASE_HANG:?}); written to {}",
            case.source,
            path.display()
        );
        for f in &self.findings {
            eprintln!("fuzz:   earlier finding {f}");
        }
        eprintln!("{}", self.summary(self.findings.len() + 1));
        // The case's thread cannot be stopped: end the process.
        std::process::exit(101);
    }

    /// The end of the run: no finding, and some case ran (and reached the checker, unless
    /// one case was replayed).
    fn finish(&self, replay: bool) {
        println!("{}", self.summary(self.findings.len()));
        println!(
            "fuzz: outcomes of the cases that reach the checker: {:?}",
            self.outcomes
        );
        assert!(
            self.findings.is_empty(),
            "{} findings (inputs in {}):\n{}",
            self.findings.len(),
            findings_dir().display(),
            self.findings.join("\n")
        );
        assert!(self.cases > 0, "no case ran");
        assert!(self.reached > 0 || replay, "no case reached the checker");
    }
}

#[test]
fn mutated_specs_never_panic_or_hang() {
    install_panic_hook();
    let started = Instant::now();
    let base = env_u64("THICKET_FUZZ_SEED", 0x7417_c0de);
    let max_cases = env_u64("THICKET_FUZZ_CASES", 2000);
    let budget = Duration::from_secs(env_u64("THICKET_FUZZ_SECONDS", 30));
    let _ = std::fs::create_dir_all(findings_dir());
    let running = findings_dir().join("running.tla");

    if let Ok(path) = std::env::var("THICKET_FUZZ_FILE") {
        run_file(&path);
        return;
    }

    let mut sources = sources();
    let loadable = mark_loadable(&mut sources);
    println!(
        "fuzz: {} texts ({} load unmutated) in {:.1} s; seed {base:#x}, at most {max_cases} cases or {} s",
        sources.len(),
        loadable.len(),
        started.elapsed().as_secs_f64(),
        budget.as_secs()
    );
    assert!(
        !loadable.is_empty(),
        "no text loads: the fuzz test would not reach the checker"
    );

    let replay = std::env::var("THICKET_FUZZ_REPLAY")
        .is_ok()
        .then(|| env_u64("THICKET_FUZZ_REPLAY", 0));
    let seeds: Box<dyn Iterator<Item = u64>> = match replay {
        Some(seed) => Box::new(std::iter::once(seed)),
        None => Box::new((0..max_cases).map(|i| case_seed(base, i))),
    };

    let mut tally = Tally::new(base, started);
    let mut last_report = Instant::now();
    // The budget is the cases' own: reading the texts above takes what the machine takes.
    let cases_started = Instant::now();
    for seed in seeds {
        if replay.is_none() && cases_started.elapsed() >= budget {
            break;
        }
        let case = make_case(seed, &sources, &loadable);
        let _ = std::fs::write(&running, &case.text);
        tally.cases += 1;
        if replay.is_some() {
            println!("fuzz: case {seed:016x}: {}", case.source);
            for e in &case.edits {
                println!("fuzz:   {e}");
            }
        }
        let ran = run_case(seed, &case.text, case.cfg.as_deref(), replay.is_some());
        tally.record(&case, ran, replay.is_some());
        if last_report.elapsed() >= Duration::from_secs(60) {
            last_report = Instant::now();
            eprintln!("{}", tally.summary(tally.findings.len()));
        }
    }
    let _ = std::fs::remove_file(&running);
    tally.finish(replay.is_some());
}
