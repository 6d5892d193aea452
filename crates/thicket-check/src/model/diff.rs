//! What a step changed, as plain data for every view of a behavior: the variables whose value
//! differs between two states, down to the entries of a function or record that changed
//! (`rmState[r2]`), the elements a set gained or lost, and what a sequence gained at its end
//! or lost at its head. Long values are also given folded to a readable length.

use serde::{Deserialize, Serialize};

use crate::eval::value::Value;

/// A printed value longer than this many characters also comes folded (`short`).
pub const FOLD_AT: usize = 48;
/// Beyond this many changed entries of one function, the whole new value is given instead.
const MAX_ENTRIES: usize = 4;
/// How deep into nested functions a change is followed.
const MAX_DEPTH: usize = 3;

/// One thing a step changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The variable.
    pub var: String,
    /// The keys from the variable to the entry that changed, outermost first, each printed as
    /// TLC prints it in a function (`1`, `"a"`), a record's field by its name (`r2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    pub kind: ChangeKind,
    /// The new value (`Becomes`), or the elements gained, lost, appended or dropped.
    pub values: Vec<Shown>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The entry now has this value.
    Becomes,
    /// A set gained these elements.
    Gains,
    /// A set lost these elements.
    Loses,
    /// A sequence got these elements at its end.
    Appends,
    /// A sequence lost these elements at its head.
    Drops,
}

/// A value printed as TLA+, and folded when that is long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub value: String,
    /// The value folded to about [`FOLD_AT`] characters (`{[rm |-> "r1"], … 2 more}`), when
    /// `value` is longer than that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

impl Shown {
    pub fn of(v: &Value) -> Shown {
        let value = v.to_string();
        let short = (value.chars().count() > FOLD_AT).then(|| fold(v, FOLD_AT));
        Shown { value, short }
    }
}

/// The changes from `before` to `after`, two states shown variable by variable (in the same
/// order).
pub fn changes(before: &[(String, Value)], after: &[(String, Value)]) -> Vec<Change> {
    let mut out = Vec::new();
    for ((var, a), (_, b)) in before.iter().zip(after) {
        if a != b {
            diff(var, &mut Vec::new(), a, b, &mut out);
        }
    }
    out
}

fn diff(var: &str, path: &mut Vec<String>, a: &Value, b: &Value, out: &mut Vec<Change>) {
    let mut push = |kind, values: Vec<Shown>| {
        out.push(Change {
            var: var.to_string(),
            path: path.clone(),
            kind,
            values,
        })
    };
    match (a, b) {
        (Value::Set(x), Value::Set(y)) => {
            let gained: Vec<Shown> = y
                .iter()
                .filter(|v| x.binary_search(v).is_err())
                .map(Shown::of)
                .collect();
            let lost: Vec<Shown> = x
                .iter()
                .filter(|v| y.binary_search(v).is_err())
                .map(Shown::of)
                .collect();
            if !gained.is_empty() {
                push(ChangeKind::Gains, gained);
            }
            if !lost.is_empty() {
                push(ChangeKind::Loses, lost);
            }
        }
        (Value::Seq(x), Value::Seq(y)) if y.len() > x.len() && y.starts_with(x) => push(
            ChangeKind::Appends,
            y[x.len()..].iter().map(Shown::of).collect(),
        ),
        (Value::Seq(x), Value::Seq(y)) if y.len() < x.len() && x.ends_with(y) => push(
            ChangeKind::Drops,
            x[..x.len() - y.len()].iter().map(Shown::of).collect(),
        ),
        _ => match entries(a, b) {
            Some(differing) if path.len() < MAX_DEPTH && differing.len() <= MAX_ENTRIES => {
                for (key, a, b) in differing {
                    path.push(key);
                    diff(var, path, a, b, out);
                    path.pop();
                }
            }
            _ => push(ChangeKind::Becomes, vec![Shown::of(b)]),
        },
    }
}

/// The entries in which two functions of the same domain differ, by printed key; `None` when
/// they are not both functions of one domain.
fn entries<'a>(a: &'a Value, b: &'a Value) -> Option<Vec<(String, &'a Value, &'a Value)>> {
    match (a, b) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => Some(
            x.iter()
                .zip(y.iter())
                .enumerate()
                .filter(|(_, (p, q))| p != q)
                .map(|(i, (p, q))| ((i + 1).to_string(), p, q))
                .collect(),
        ),
        (Value::Record(x), Value::Record(y)) => keyed(x, y),
        (Value::Func(x), Value::Func(y)) => keyed(x, y),
        _ => None,
    }
}

/// The entries in which two sorted (key, value) lists with the same keys differ.
fn keyed<'a, K: PartialEq + std::fmt::Display>(
    x: &'a [(K, Value)],
    y: &'a [(K, Value)],
) -> Option<Vec<(String, &'a Value, &'a Value)>> {
    let same_keys = x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.0 == q.0);
    same_keys.then(|| {
        x.iter()
            .zip(y)
            .filter(|(p, q)| p.1 != q.1)
            .map(|(p, q)| (p.0.to_string(), &p.1, &q.1))
            .collect()
    })
}

/// `v` printed as TLA+ in about `budget` characters: a collection keeps the elements that fit
/// and says how many more there are (`{1, 2, … 8 more}`, `[… 5 fields]`), a string is cut.
pub fn fold(v: &Value, budget: usize) -> String {
    let full = v.to_string();
    if full.chars().count() <= budget {
        return full;
    }
    let items: Vec<Box<dyn Fn(usize) -> String + '_>> = match v {
        Value::Set(xs) | Value::Seq(xs) => xs
            .iter()
            .map(|x| Box::new(move |b| fold(x, b)) as Box<dyn Fn(usize) -> String>)
            .collect(),
        Value::Record(fs) => fs
            .iter()
            .map(|(k, x)| {
                Box::new(move |b: usize| {
                    format!("{k} |-> {}", fold(x, b.saturating_sub(k.len() + 5)))
                }) as Box<dyn Fn(usize) -> String>
            })
            .collect(),
        Value::Func(m) => m
            .iter()
            .map(|(k, x)| {
                Box::new(move |b: usize| format!("{k} :> {}", fold(x, b.saturating_sub(4))))
                    as Box<dyn Fn(usize) -> String>
            })
            .collect(),
        Value::Str(s) => {
            let cut: String = s.chars().take(budget.saturating_sub(3).max(1)).collect();
            return format!("\"{cut}…\"");
        }
        _ => return full,
    };
    let (open, sep, close, noun) = match v {
        Value::Set(_) => ("{", ", ", "}", "elements"),
        Value::Seq(_) => ("<<", ", ", ">>", "elements"),
        Value::Record(_) => ("[", ", ", "]", "fields"),
        _ => ("(", " @@ ", ")", "entries"),
    };
    fold_items(&items, (open, sep, close, noun), budget)
}

fn fold_items(
    items: &[Box<dyn Fn(usize) -> String + '_>],
    (open, sep, close, noun): (&str, &str, &str, &str),
    budget: usize,
) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut used = open.len() + close.len();
    for (i, item) in items.iter().enumerate() {
        let rest = items.len() - i - 1;
        let tail = if rest > 0 {
            format!("{sep}… {rest} more").chars().count()
        } else {
            0
        };
        let room = budget.saturating_sub(used + tail + if i > 0 { sep.len() } else { 0 });
        let text = item(room.max(8));
        if text.chars().count() > room {
            break;
        }
        used += text.chars().count() + if i > 0 { sep.len() } else { 0 };
        shown.push(text);
    }
    let rest = items.len() - shown.len();
    match (shown.is_empty(), rest) {
        (true, n) => format!("{open}… {n} {noun}{close}"),
        (false, 0) => format!("{open}{}{close}", shown.join(sep)),
        (false, n) => format!("{open}{}{sep}… {n} more{close}", shown.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn s(x: &str) -> Value {
        Value::str(x)
    }

    fn rec(fields: &[(&str, Value)]) -> Value {
        Value::record(
            fields
                .iter()
                .map(|(k, v)| (Arc::from(*k), v.clone()))
                .collect(),
        )
    }

    fn state(vars: &[(&str, Value)]) -> Vec<(String, Value)> {
        vars.iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    /// `var[path] kind values` in one line, to read the tests at a glance.
    fn show(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                let values: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
                format!(
                    "{}{} {:?} {}",
                    c.var,
                    c.path.iter().map(|k| format!("[{k}]")).collect::<String>(),
                    c.kind,
                    values.join(" ")
                )
            })
            .collect()
    }

    #[test]
    fn an_entry_of_a_record_is_named_by_its_field() {
        let before = state(&[
            (
                "rmState",
                rec(&[("r1", s("working")), ("r2", s("working"))]),
            ),
            ("n", Value::Int(0)),
        ]);
        let after = state(&[
            (
                "rmState",
                rec(&[("r1", s("working")), ("r2", s("prepared"))]),
            ),
            ("n", Value::Int(0)),
        ]);
        assert_eq!(
            show(&changes(&before, &after)),
            ["rmState[r2] Becomes \"prepared\""]
        );
    }

    #[test]
    fn sets_gain_and_lose_elements_and_sequences_grow_at_the_end_and_shrink_at_the_head() {
        let before = state(&[
            ("msgs", Value::set(vec![Value::Int(1), Value::Int(2)])),
            (
                "q",
                Value::Seq(Arc::new(vec![Value::Int(7), Value::Int(8)])),
            ),
            ("log", Value::Seq(Arc::new(vec![Value::Int(1)]))),
        ]);
        let after = state(&[
            ("msgs", Value::set(vec![Value::Int(2), Value::Int(3)])),
            ("q", Value::Seq(Arc::new(vec![Value::Int(8)]))),
            (
                "log",
                Value::Seq(Arc::new(vec![Value::Int(1), Value::Int(5)])),
            ),
        ]);
        assert_eq!(
            show(&changes(&before, &after)),
            ["msgs Gains 3", "msgs Loses 1", "q Drops 7", "log Appends 5"]
        );
    }

    #[test]
    fn nested_entries_are_followed_and_many_changed_entries_give_the_whole_value() {
        let inner = |x| rec(&[("a", Value::Int(x)), ("b", Value::Int(0))]);
        let before = state(&[("f", rec(&[("p", inner(1)), ("q", inner(1))]))]);
        let after = state(&[("f", rec(&[("p", inner(2)), ("q", inner(1))]))]);
        assert_eq!(show(&changes(&before, &after)), ["f[p][a] Becomes 2"]);

        let seq = |xs: &[i64]| Value::Seq(Arc::new(xs.iter().map(|x| Value::Int(*x)).collect()));
        let before = state(&[("v", seq(&[0, 0, 0, 0, 0]))]);
        let after = state(&[("v", seq(&[1, 1, 1, 1, 1]))]);
        assert_eq!(
            show(&changes(&before, &after)),
            ["v Becomes <<1, 1, 1, 1, 1>>"]
        );
    }

    #[test]
    fn a_value_of_another_shape_is_given_whole() {
        let before = state(&[("x", Value::Int(1))]);
        let after = state(&[("x", s("done"))]);
        assert_eq!(show(&changes(&before, &after)), ["x Becomes \"done\""]);
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn long_values_fold_to_what_fits_and_say_how_much_is_left_out() {
        let msgs = Value::set(
            (1..=4)
                .map(|i| rec(&[("rm", s(&format!("r{i}"))), ("type", s("prepared"))]))
                .collect(),
        );
        let shown = Shown::of(&msgs);
        assert!(shown.value.len() > FOLD_AT);
        assert_eq!(
            shown.short.as_deref(),
            Some("{[rm |-> \"r1\", type |-> \"prepared\"], … 3 more}")
        );
        let wide = rec(&[("alice", Value::Int(5)), ("bob", Value::Int(5))]);
        assert_eq!(Shown::of(&wide).short, None, "short values are not folded");
        let ints = Value::set((1..=30).map(Value::Int).collect());
        assert_eq!(fold(&ints, 20), "{1, 2, 3, … 27 more}");
        assert_eq!(fold(&ints, 4), "{… 30 elements}");
        assert_eq!(fold(&s("abcdefghijklmnop"), 8), "\"abcde…\"");
    }
}
