//! The operators of the standard modules TLC, TLCExt and Randomization that TLC evaluates in
//! Java (their TLA+ definitions are `CHOOSE`s that only stand for what TLC does), and the
//! Community Modules' operators that need the host (`IOEnv`, `JsonSerialize`): what each means
//! here, as TLC gives it meaning.
//!
//! Random choices (`RandomElement`, `RandomSubset`, ...) are made by a generator seeded with
//! the arguments' values: the same arguments give the same choice in every evaluation and in
//! every run, so a spec's state space (and a counterexample) is the same each time, and
//! `RandomElement(S) = RandomElement(S)` holds (TLC may differ there). See docs/language.md.

use std::sync::Arc;

use thicket_syntax::ast::Span;

use crate::eval::expr::{err, short, CExpr, Env, EvalResult};
use crate::eval::run;
use crate::eval::value::Value;

/// An operator of TLC, TLCExt, Randomization, or a host operator of the Community Modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlcOp {
    TlcGet,
    TlcSet,
    RandomElement,
    Any,
    /// `SortSeq(s, Op)`, compiled as the sequence, two frame slots and `Op` over them.
    SortSeq,
    JavaTime,
    AssertEq,
    AssertError,
    TlcModelValue,
    Trace,
    CounterExample,
    TlcNoOp,
    RandomSubset,
    RandomSetOfSubsets,
    RandomSubsetSet,
    TestRandomSetOfSubsets,
    IoEnv,
    JsonSerialize,
    NdJsonSerialize,
    JsonDeserialize,
    NdJsonDeserialize,
    /// IOUtils' `Serialize(value, file, options)`, for the format "TXT" (a string as text).
    Serialize,
}

/// The operator `name` and its number of arguments, if it is one of these.
pub fn lookup(name: &str) -> Option<(TlcOp, usize)> {
    use TlcOp::*;
    Some(match name {
        "TLCGet" => (TlcGet, 1),
        "TLCSet" => (TlcSet, 2),
        "RandomElement" => (RandomElement, 1),
        "Any" => (Any, 0),
        "SortSeq" => (SortSeq, 2),
        "JavaTime" => (JavaTime, 0),
        "AssertEq" => (AssertEq, 2),
        "AssertError" => (AssertError, 2),
        "TLCModelValue" => (TlcModelValue, 1),
        "Trace" => (Trace, 0),
        "CounterExample" => (CounterExample, 0),
        "TLCNoOp" => (TlcNoOp, 1),
        "RandomSubset" => (RandomSubset, 2),
        "RandomSetOfSubsets" => (RandomSetOfSubsets, 3),
        "RandomSubsetSet" => (RandomSubsetSet, 3),
        "TestRandomSetOfSubsets" => (TestRandomSetOfSubsets, 3),
        "IOUtils:IOEnv" => (IoEnv, 0),
        "Json:JsonSerialize" => (JsonSerialize, 2),
        "Json:ndJsonSerialize" => (NdJsonSerialize, 2),
        "Json:JsonDeserialize" => (JsonDeserialize, 1),
        "Json:ndJsonDeserialize" => (NdJsonDeserialize, 1),
        "IOUtils:Serialize" => (Serialize, 3),
        _ => return None,
    })
}

impl TlcOp {
    /// Whether its value depends only on its arguments' (so a constant call may be folded).
    /// Reading the environment or a file is: neither changes during a run, and TLC too
    /// evaluates a constant definition that reads them once.
    pub fn pure(self) -> bool {
        use TlcOp::*;
        matches!(
            self,
            IoEnv
                | JsonDeserialize
                | NdJsonDeserialize
                | RandomElement
                | Any
                | TlcModelValue
                | TlcNoOp
                | RandomSubset
                | RandomSetOfSubsets
                | RandomSubsetSet
                | TestRandomSetOfSubsets
        )
    }
}

impl Env<'_> {
    /// The value of `op` applied to `args`.
    pub fn tlc_op(
        &self,
        op: TlcOp,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        use TlcOp::*;
        match op {
            TlcGet => tlc_get(self.eval(&args[0], f)?, span),
            TlcSet => {
                let (i, v) = (self.eval(&args[0], f)?, self.eval(&args[1], f)?);
                tlc_set(i, v, span)
            }
            RandomElement => {
                let s = self.set(&args[0], f)?;
                if s.is_empty() {
                    return err(span, "RandomElement of the empty set");
                }
                Ok(s[Rng::of(&[&Value::Set(s.clone())]).below(s.len())].clone())
            }
            Any => err(
                span,
                "Any is no set that can be built: it can only be used on the right of \\in",
            ),
            SortSeq => self.sort_seq(args, f),
            JavaTime => Ok(Value::Int(java_time())),
            AssertEq => {
                let (a, b) = (self.eval(&args[0], f)?, self.eval(&args[1], f)?);
                if a != b {
                    run::print("Assertion failed");
                    run::print(&a.to_string());
                    run::print(&b.to_string());
                }
                Ok(Value::Bool(a == b))
            }
            // FALSE when the expression has a value, as in TLC; when it fails, TLC compares its
            // own message with the text, which Thicket's messages are not.
            AssertError => match self.eval(&args[1], f) {
                Ok(_) => Ok(Value::Bool(false)),
                Err(_) => err(
                    span,
                    "AssertError compares TLC's own error messages, which Thicket's are not: it is not supported",
                ),
            },
            TlcModelValue => match self.eval(&args[0], f)? {
                Value::Str(s) => Ok(Value::Model(s)),
                other => err(
                    span,
                    format!("TLCModelValue needs a string, not {}", short(&other)),
                ),
            },
            Trace => err(
                span,
                "TLCExt's Trace (the behavior up to the current state) is not supported",
            ),
            CounterExample => err(
                span,
                "TLCExt's CounterExample is only defined in a POSTCONDITION, which Thicket does not check",
            ),
            TlcNoOp => self.eval(&args[0], f),
            RandomSubset | RandomSetOfSubsets | RandomSubsetSet | TestRandomSetOfSubsets => {
                self.randomization(op, args, span, f)
            }
            IoEnv => io_env(span),
            JsonSerialize | NdJsonSerialize => {
                let path = self.file_name(&args[0], f)?;
                let v = self.eval(&args[1], f)?;
                write_json(&path, &v, op == NdJsonSerialize, span)
            }
            JsonDeserialize | NdJsonDeserialize => {
                let path = self.file_name(&args[0], f)?;
                let text = read_file(&path, span)?;
                crate::eval::json::read(&text, op == NdJsonDeserialize)
                    .or_else(|e| err(span, format!("cannot read {path} as JSON: {e}")))
            }
            Serialize => {
                let v = self.eval(&args[0], f)?;
                let path = self.file_name(&args[1], f)?;
                let options = self.eval(&args[2], f)?;
                serialize(&v, &path, &options, span)
            }
        }
    }

    /// The value of `e`, a file name.
    fn file_name(&self, e: &CExpr, f: &mut Vec<Value>) -> EvalResult<Arc<str>> {
        match self.eval(e, f)? {
            Value::Str(s) => Ok(s),
            other => err(
                e.span,
                format!("the file name must be a string, not {}", short(&other)),
            ),
        }
    }

    /// `SortSeq(s, Op)`: `s` sorted so that `Op(a, b)` holds of each element `a` before an
    /// unequal `b`, by a stable merge sort (TLC's is stable too); any comparison, even one
    /// that is no order, gives some permutation of `s`.
    fn sort_seq(&self, args: &[CExpr], f: &mut Vec<Value>) -> EvalResult<Value> {
        let items = match self.eval(&args[0], f)? {
            Value::Seq(s) => s.as_ref().clone(),
            other => {
                return err(
                    args[0].span,
                    format!("SortSeq needs a sequence, not {}", short(&other)),
                )
            }
        };
        let slot = |e: &CExpr| e.as_const().and_then(Value::as_int).unwrap_or(0) as usize;
        let (a, b) = (slot(&args[1]), slot(&args[2]));
        let mut before = |x: &Value, y: &Value, f: &mut Vec<Value>| -> EvalResult<bool> {
            if x == y {
                return Ok(false);
            }
            f[a] = x.clone();
            f[b] = y.clone();
            self.bool(&args[3], f)
        };
        Ok(Value::Seq(Arc::new(merge_sort(items, &mut before, f)?)))
    }

    /// `v \in Any`: every value is.
    pub fn tlc_member(&self, op: TlcOp) -> Option<bool> {
        (op == TlcOp::Any).then_some(true)
    }

    /// The operators of Randomization.
    fn randomization(
        &self,
        op: TlcOp,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        let values: Vec<Value> = args
            .iter()
            .map(|a| self.eval(a, f))
            .collect::<EvalResult<_>>()?;
        let Some(k) = values[0].as_int() else {
            return err(
                args[0].span,
                format!("expected an integer here, not {}", short(&values[0])),
            );
        };
        let Some(s) = values[values.len() - 1].as_set().cloned() else {
            let last = &values[values.len() - 1];
            return err(
                span,
                format!("expected a set as the last argument, not {}", short(last)),
            );
        };
        let mut rng = Rng::of(&values.iter().collect::<Vec<_>>());
        match op {
            TlcOp::RandomSubset => {
                if k < 0 || k as usize > s.len() {
                    return err(
                        span,
                        format!(
                            "RandomSubset({k}, S) needs 0 <= {k} <= Cardinality(S) = {}",
                            s.len()
                        ),
                    );
                }
                let mut items = s.as_ref().clone();
                rng.shuffle(&mut items);
                items.truncate(k as usize);
                Ok(Value::set(items))
            }
            TlcOp::RandomSubsetSet => {
                let p = probability(&values[1], span)?;
                Ok(subsets(&mut rng, k, &s, p))
            }
            _ => {
                let Some(n) = values[1].as_int() else {
                    return err(
                        args[1].span,
                        format!("expected an integer here, not {}", short(&values[1])),
                    );
                };
                if s.is_empty() || n < 0 || n as usize > s.len() {
                    return err(
                        span,
                        format!(
                            "RandomSetOfSubsets(k, {n}, S) needs 0 <= {n} <= Cardinality(S) = {}",
                            s.len()
                        ),
                    );
                }
                let p = n as f64 / s.len() as f64;
                if op == TlcOp::RandomSetOfSubsets {
                    return Ok(subsets(&mut rng, k, &s, p));
                }
                let sizes = (0..5)
                    .map(|_| match subsets(&mut rng, k, &s, p) {
                        Value::Set(x) => Value::Int(x.len() as i64),
                        _ => Value::Int(0),
                    })
                    .collect();
                Ok(Value::Seq(Arc::new(sizes)))
            }
        }
    }
}

/// A set of at most `k` subsets of `s`, each element of `s` in each with probability `p`
/// (TLC's RandomSetOfSubsets and RandomSubsetSet: `k` draws, equal ones merged).
fn subsets(rng: &mut Rng, k: i64, s: &[Value], p: f64) -> Value {
    let draws = (0..k.max(0))
        .map(|_| Value::set(s.iter().filter(|_| rng.unit() < p).cloned().collect()))
        .collect();
    Value::set(draws)
}

/// RandomSubsetSet's probability, written as a string ("0.5").
fn probability(v: &Value, span: Span) -> EvalResult<f64> {
    let parsed = match v {
        Value::Str(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    match parsed {
        Some(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => err(
            span,
            format!(
                "the probability must be a string of a number in [0, 1], like \"0.5\", not {}",
                short(v)
            ),
        ),
    }
}

/// `TLCGet(i)`: a register, or one of TLC's named values.
fn tlc_get(key: Value, span: Span) -> EvalResult<Value> {
    let run = run::current();
    let undefined = |what: &str| err(span, format!("TLCGet({what}) is undefined here"));
    match &key {
        Value::Int(i) if *i >= 0 => match run::register(*i) {
            Some(v) => Ok(v),
            None => undefined(&key.to_string()),
        },
        Value::Str(s) if &**s == "level" => match run::level() {
            Some(l) => Ok(Value::Int(l as i64)),
            None => undefined("\"level\""),
        },
        Value::Str(s) if &**s == "duration" => match run {
            Some(r) => Ok(Value::Int(r.duration() as i64)),
            None => undefined("\"duration\""),
        },
        Value::Str(s) if &**s == "config" => match run.and_then(|r| r.config) {
            Some(c) => Ok(Value::record(vec![
                (Arc::from("mode"), Value::str("bfs")),
                (Arc::from("deadlock"), Value::Bool(c.deadlock)),
                (Arc::from("worker"), Value::Int(c.workers as i64)),
            ])),
            None => undefined("\"config\""),
        },
        Value::Str(s) if s.starts_with("-D") => java_property(&s[2..], span),
        Value::Str(s) => {
            let searching = run
                .as_ref()
                .filter(|r| r.searching.load(std::sync::atomic::Ordering::Relaxed));
            match (searching, stat_field(s)) {
                (Some(r), Some(_)) if &**s != "stats" => Ok(stat(r, s)),
                (Some(r), Some(_)) => Ok(Value::record(
                    ["diameter", "distinct", "duration", "generated", "queue"]
                        .iter()
                        .map(|k| (Arc::from(*k), stat(r, k)))
                        .collect(),
                )),
                (None, Some(_)) => undefined(&key.to_string()),
                (_, None) => err(
                    span,
                    format!("TLCGet({key}) is not supported: Thicket knows the registers (TLCGet(0), TLCGet(1), ...) and \"level\", \"diameter\", \"distinct\", \"queue\", \"generated\", \"duration\", \"stats\", \"config\""),
                ),
            }
        }
        _ => err(
            span,
            format!(
                "TLCGet needs a nonnegative integer or a string, not {}",
                short(&key)
            ),
        ),
    }
}

/// `TLCGet("-Dname")`: TLC's Java system property `name`. Thicket has none but the one that
/// turns on TLC's action composition (`\cdot`), which Thicket always has: that one is
/// `"true"`, as TLC gives it when run with `-Dtlc2.tool.impl.Tool.cdot=true`.
fn java_property(name: &str, span: Span) -> EvalResult<Value> {
    match name {
        "tlc2.tool.impl.Tool.cdot" => Ok(Value::str("true")),
        _ => err(
            span,
            format!("TLCGet(\"-D{name}\") is undefined: it reads a Java system property of TLC, and Thicket has none but -Dtlc2.tool.impl.Tool.cdot (always \"true\": Thicket composes actions with \\cdot)"),
        ),
    }
}

/// Whether `name` is one of the search's statistics.
fn stat_field(name: &str) -> Option<()> {
    [
        "diameter",
        "distinct",
        "queue",
        "generated",
        "duration",
        "stats",
    ]
    .contains(&name)
    .then_some(())
}

fn stat(r: &run::Shared, name: &str) -> Value {
    use std::sync::atomic::Ordering::Relaxed;
    let s = &r.stats;
    Value::Int(match name {
        "diameter" => s.diameter.load(Relaxed),
        "distinct" => s.distinct.load(Relaxed),
        "queue" => s.queue.load(Relaxed),
        "generated" => s.generated.load(Relaxed),
        _ => r.duration(),
    } as i64)
}

/// `TLCSet(i, v)`: TRUE, setting register `i` (`TLCSet("exit", FALSE)` does nothing).
fn tlc_set(key: Value, v: Value, span: Span) -> EvalResult<Value> {
    match &key {
        Value::Int(i) if *i >= 0 => {
            run::set_register(*i, v);
            Ok(Value::Bool(true))
        }
        Value::Str(s) if matches!(&**s, "exit" | "pause") && v == Value::Bool(false) => {
            Ok(Value::Bool(true))
        }
        Value::Str(s) if matches!(&**s, "exit" | "pause") => err(
            span,
            format!("TLCSet(\"{s}\", TRUE) (stopping or pausing TLC's search) is not supported"),
        ),
        _ => err(
            span,
            format!(
                "the first argument of TLCSet must be a nonnegative integer, not {}",
                short(&key)
            ),
        ),
    }
}

/// `JavaTime`: seconds since the epoch, as TLC gives it (a 31-bit number).
fn java_time() -> i64 {
    let ms = web_time::SystemTime::now()
        .duration_since(web_time::SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    (ms as i64) & 0x7fff_ffff
}

/// `IOEnv`: the environment's variables as a record.
fn io_env(span: Span) -> EvalResult<Value> {
    match run::host().and_then(|h| h.env()) {
        Some(vars) => Ok(Value::record(
            vars.into_iter()
                .map(|(k, v)| (Arc::from(k.as_str()), Value::str(&v)))
                .collect(),
        )),
        None => err(
            span,
            "IOEnv reads the environment, and there is none here (in the page); check the spec with the command line",
        ),
    }
}

/// IOUtils' `Serialize(v, file, options)` with `options.format = "TXT"`: write the string
/// `v` to the file; TLC's record of the outcome, `[exitValue |-> 0, stderr |-> "", stdout |-> ""]`.
/// Other formats (Java's serialization) are errors.
fn serialize(v: &Value, path: &str, options: &Value, span: Span) -> EvalResult<Value> {
    let format = options.apply(&Value::str("format"));
    if format != Some(&Value::str("TXT")) {
        return err(
            span,
            format!("Serialize writes only the format \"TXT\" here, not {}: the other formats are Java's", format.map_or("none".into(), short)),
        );
    }
    let Value::Str(text) = v else {
        return err(
            span,
            format!(
                "Serialize with the format \"TXT\" writes a string, not {}",
                short(v)
            ),
        );
    };
    write_file(path, text, span)?;
    Ok(Value::record(vec![
        (Arc::from("exitValue"), Value::Int(0)),
        (Arc::from("stderr"), Value::str("")),
        (Arc::from("stdout"), Value::str("")),
    ]))
}

/// Write `text` to the file `path` through the host; an error in the page, which has none.
fn write_file(path: &str, text: &str, span: Span) -> EvalResult<()> {
    let Some(host) = run::host() else {
        return err(
            span,
            "writing a file is not possible here (in the page); check the spec with the command line",
        );
    };
    host.write_file(path, text)
        .or_else(|e| err(span, format!("cannot write {path}: {e}")))
}

/// The text of the file `path`, read through the host; an error in the page, which has none.
fn read_file(path: &str, span: Span) -> EvalResult<String> {
    let Some(host) = run::host() else {
        return err(
            span,
            "reading a file is not possible here (in the page); check the spec with the command line",
        );
    };
    host.read_file(path)
        .or_else(|e| err(span, format!("cannot read {path}: {e}")))
}

/// `JsonSerialize(file, v)`: write `v` as JSON (ndJson: a sequence, one element a line).
fn write_json(path: &str, v: &Value, lines: bool, span: Span) -> EvalResult<Value> {
    let text = match (lines, v) {
        (true, Value::Seq(items)) => items
            .iter()
            .map(|x| crate::eval::json::write(x) + "\n")
            .collect(),
        (true, other) => {
            return err(
                span,
                format!("ndJsonSerialize needs a sequence, not {}", short(other)),
            )
        }
        (false, other) => crate::eval::json::write(other) + "\n",
    };
    write_file(path, &text, span)?;
    Ok(Value::Bool(true))
}

/// A small pseudo-random generator (SplitMix64) seeded with values: the same values, the same
/// sequence of choices.
struct Rng(u64);

impl Rng {
    fn of(values: &[&Value]) -> Rng {
        let mut bytes = Vec::new();
        for v in values {
            v.encode(&mut bytes);
        }
        Rng(xxhash_rust::xxh3::xxh3_64(&bytes))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle(&mut self, items: &mut [Value]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Whether one element must go before another (reading and writing the frame).
type Before<'a> = dyn FnMut(&Value, &Value, &mut Vec<Value>) -> EvalResult<bool> + 'a;

/// A stable merge sort: an element of the right half goes before one of the left only when
/// `before(right, left)` holds.
fn merge_sort(
    items: Vec<Value>,
    before: &mut Before<'_>,
    f: &mut Vec<Value>,
) -> EvalResult<Vec<Value>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut left = items;
    let right = left.split_off(left.len() / 2);
    let (left, right) = (merge_sort(left, before, f)?, merge_sort(right, before, f)?);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(x), Some(y)) = (l.peek(), r.peek()) {
        // The right one first only when it must precede: equal elements keep their order.
        if before(y, x, f)? {
            out.extend(r.next());
        } else {
            out.extend(l.next());
        }
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}
