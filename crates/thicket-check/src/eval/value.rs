//! TLA+ values as TLC sees them.
//!
//! Representation invariant (what makes derived `Eq`/`Ord`/`Hash` equal TLA+ equality):
//! - sets are sorted, duplicate-free vectors;
//! - a function whose domain is `1..n` (n ≥ 0) is always a [`Value::Seq`] (so `<<>>` is the
//!   empty function), one whose domain is a non-empty set of strings is always a
//!   [`Value::Record`], and every other function is a [`Value::Func`] sorted by key.
//!
//! Constructors below ([`Value::func`], [`Value::set`]) restore the invariant; code that builds
//! `Seq`/`Record`/`Set` directly must already respect it.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Str(Arc<str>),
    /// A model value (from the model's constants), equal only to itself.
    Model(Arc<str>),
    Set(Arc<Vec<Value>>),
    Seq(Arc<Vec<Value>>),
    Record(Arc<Vec<(Arc<str>, Value)>>),
    Func(Arc<Vec<(Value, Value)>>),
}

/// The order of values (sets are kept sorted in it): by variant in declaration order, then by
/// contents, as a derived order would be; but contents shared by both (one `Arc`) are equal
/// without a look at them, and names (strings and model values, short and compared often)
/// are compared in place.
impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Bool(a), Bool(b)) => a.cmp(b),
            (Int(a), Int(b)) => a.cmp(b),
            (Str(a), Str(b)) | (Model(a), Model(b)) => names_cmp(a, b),
            (Set(a), Set(b)) | (Seq(a), Seq(b)) => shared_or(a, b, || a.as_slice().cmp(b)),
            (Record(a), Record(b)) => shared_or(a, b, || {
                let fields = a.iter().zip(b.iter());
                fields
                    .map(|((ka, va), (kb, vb))| names_cmp(ka, kb).then_with(|| va.cmp(vb)))
                    .find(|o| o.is_ne())
                    .unwrap_or_else(|| a.len().cmp(&b.len()))
            }),
            (Func(a), Func(b)) => shared_or(a, b, || a.as_slice().cmp(b)),
            _ => self.variant().cmp(&other.variant()),
        }
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `Equal` when `a` and `b` are one allocation, else `order()`.
#[inline]
fn shared_or<T: ?Sized>(a: &Arc<T>, b: &Arc<T>, order: impl FnOnce() -> Ordering) -> Ordering {
    if Arc::ptr_eq(a, b) {
        Ordering::Equal
    } else {
        order()
    }
}

/// Two names in the order of their bytes, as `str` orders them.
#[inline]
fn names_cmp(a: &Arc<str>, b: &Arc<str>) -> Ordering {
    shared_or(a, b, || {
        let (x, y) = (a.as_bytes(), b.as_bytes());
        x.iter()
            .zip(y)
            .map(|(p, q)| p.cmp(q))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| x.len().cmp(&y.len()))
    })
}

/// The kinds TLC distinguishes when it refuses to compare values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Int,
    Str,
    Model,
    Set,
    Function,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::from(s))
    }

    pub fn empty_set() -> Value {
        Value::Set(Arc::new(Vec::new()))
    }

    /// The variant's place in the declaration, which orders values of different variants.
    fn variant(&self) -> u8 {
        match self {
            Value::Bool(_) => 0,
            Value::Int(_) => 1,
            Value::Str(_) => 2,
            Value::Model(_) => 3,
            Value::Set(_) => 4,
            Value::Seq(_) => 5,
            Value::Record(_) => 6,
            Value::Func(_) => 7,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) => Kind::Int,
            Value::Str(_) => Kind::Str,
            Value::Model(_) => Kind::Model,
            Value::Set(_) => Kind::Set,
            Value::Seq(_) | Value::Record(_) | Value::Func(_) => Kind::Function,
        }
    }

    /// A set from any elements (sorts and removes duplicates).
    pub fn set(mut elems: Vec<Value>) -> Value {
        elems.sort_unstable();
        elems.dedup();
        Value::Set(Arc::new(elems))
    }

    /// A function from any (key, value) pairs with distinct keys, in canonical form.
    pub fn func(mut pairs: Vec<(Value, Value)>) -> Value {
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|a, b| a.0 == b.0);
        let is_seq = pairs
            .iter()
            .enumerate()
            .all(|(i, (k, _))| *k == Value::Int(i as i64 + 1));
        if is_seq {
            return Value::Seq(Arc::new(pairs.into_iter().map(|(_, v)| v).collect()));
        }
        if pairs.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
            return Value::Record(Arc::new(
                pairs
                    .into_iter()
                    .map(|(k, v)| match k {
                        Value::Str(s) => (s, v),
                        _ => unreachable!(),
                    })
                    .collect(),
            ));
        }
        Value::Func(Arc::new(pairs))
    }

    /// A record from field/value pairs (sorted by field name).
    pub fn record(mut fields: Vec<(Arc<str>, Value)>) -> Value {
        if fields.is_empty() {
            return Value::Seq(Arc::new(Vec::new()));
        }
        fields.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        fields.dedup_by(|a, b| a.0 == b.0);
        Value::Record(Arc::new(fields))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_set(&self) -> Option<&Arc<Vec<Value>>> {
        match self {
            Value::Set(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_function(&self) -> bool {
        matches!(self, Value::Seq(_) | Value::Record(_) | Value::Func(_))
    }

    /// The domain of a function-like value.
    pub fn domain(&self) -> Option<Value> {
        Some(match self {
            Value::Seq(s) => Value::Set(Arc::new((1..=s.len() as i64).map(Value::Int).collect())),
            Value::Record(r) => Value::Set(Arc::new(
                r.iter().map(|(k, _)| Value::Str(k.clone())).collect(),
            )),
            Value::Func(f) => Value::Set(Arc::new(f.iter().map(|(k, _)| k.clone()).collect())),
            _ => return None,
        })
    }

    /// `f[x]` for a function-like value; `None` when `x` is outside the domain.
    pub fn apply(&self, x: &Value) -> Option<&Value> {
        match (self, x) {
            (Value::Seq(s), Value::Int(i)) => {
                if *i >= 1 && (*i as usize) <= s.len() {
                    Some(&s[*i as usize - 1])
                } else {
                    None
                }
            }
            (Value::Record(r), Value::Str(k)) => r
                .binary_search_by(|(f, _)| f.as_ref().cmp(k.as_ref()))
                .ok()
                .map(|i| &r[i].1),
            (Value::Func(f), _) => f.binary_search_by(|(k, _)| k.cmp(x)).ok().map(|i| &f[i].1),
            _ => None,
        }
    }

    /// The (key, value) pairs of a function-like value, in key order.
    pub fn pairs(&self) -> Vec<(Value, Value)> {
        match self {
            Value::Seq(s) => s
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Int(i as i64 + 1), v.clone()))
                .collect(),
            Value::Record(r) => r
                .iter()
                .map(|(k, v)| (Value::Str(k.clone()), v.clone()))
                .collect(),
            Value::Func(f) => f.as_ref().clone(),
            _ => Vec::new(),
        }
    }

    /// `[f EXCEPT ![x] = v]`; `None` when `x` is outside the domain.
    pub fn except(&self, x: &Value, v: Value) -> Option<Value> {
        match (self, x) {
            (Value::Seq(s), Value::Int(i)) if *i >= 1 && (*i as usize) <= s.len() => {
                let mut s = s.clone();
                Arc::make_mut(&mut s)[*i as usize - 1] = v;
                Some(Value::Seq(s))
            }
            (Value::Record(r), Value::Str(k)) => {
                let i = r
                    .binary_search_by(|(f, _)| f.as_ref().cmp(k.as_ref()))
                    .ok()?;
                let mut r = r.clone();
                Arc::make_mut(&mut r)[i].1 = v;
                Some(Value::Record(r))
            }
            (Value::Func(f), _) => {
                let i = f.binary_search_by(|(k, _)| k.cmp(x)).ok()?;
                let mut f = f.clone();
                Arc::make_mut(&mut f)[i].1 = v;
                Some(Value::Func(f))
            }
            _ => None,
        }
    }

    /// Append the canonical encoding of this value (the fingerprint's input).
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Value::Bool(b) => out.extend_from_slice(&[0, *b as u8]),
            Value::Int(i) => {
                out.push(1);
                out.extend_from_slice(&i.to_le_bytes());
            }
            Value::Str(s) => {
                out.push(2);
                encode_str(s, out);
            }
            Value::Model(s) => {
                out.push(3);
                encode_str(s, out);
            }
            Value::Set(s) => {
                out.push(4);
                out.extend_from_slice(&(s.len() as u32).to_le_bytes());
                s.iter().for_each(|v| v.encode(out));
            }
            Value::Seq(s) => {
                out.push(5);
                out.extend_from_slice(&(s.len() as u32).to_le_bytes());
                s.iter().for_each(|v| v.encode(out));
            }
            Value::Record(r) => {
                out.push(6);
                out.extend_from_slice(&(r.len() as u32).to_le_bytes());
                for (k, v) in r.iter() {
                    encode_str(k, out);
                    v.encode(out);
                }
            }
            Value::Func(f) => {
                out.push(7);
                out.extend_from_slice(&(f.len() as u32).to_le_bytes());
                for (k, v) in f.iter() {
                    k.encode(out);
                    v.encode(out);
                }
            }
        }
    }
}

fn encode_str(s: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// TLC's equality: values of kinds it considers incomparable (an integer and a string, a set
/// and a number, ...) are an error, not `FALSE`. Model values compare (unequal) with anything.
pub fn tlc_eq(a: &Value, b: &Value) -> Result<bool, (Kind, Kind)> {
    let (ka, kb) = (a.kind(), b.kind());
    if ka == kb || ka == Kind::Model || kb == Kind::Model {
        Ok(a == b)
    } else {
        Err((ka, kb))
    }
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Bool => "a boolean",
        Kind::Int => "an integer",
        Kind::Str => "a string",
        Kind::Model => "a model value",
        Kind::Set => "a set",
        Kind::Function => "a function",
    }
}

impl fmt::Display for Value {
    /// TLA+ syntax, as TLC prints values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => write!(f, "TRUE"),
            Value::Bool(false) => write!(f, "FALSE"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Model(s) => write!(f, "{s}"),
            Value::Set(s) => {
                write!(f, "{{")?;
                list(f, s.iter())?;
                write!(f, "}}")
            }
            Value::Seq(s) => {
                write!(f, "<<")?;
                list(f, s.iter())?;
                write!(f, ">>")
            }
            Value::Record(r) => {
                write!(f, "[")?;
                for (i, (k, v)) in r.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k} |-> {v}")?;
                }
                write!(f, "]")
            }
            Value::Func(m) => {
                write!(f, "(")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        write!(f, " @@ ")?;
                    }
                    write!(f, "{k} :> {v}")?;
                }
                write!(f, ")")
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn list<'a>(f: &mut fmt::Formatter<'_>, items: impl Iterator<Item = &'a Value>) -> fmt::Result {
    for (i, v) in items.enumerate() {
        if i > 0 {
            write!(f, ", ")?;
        }
        write!(f, "{v}")?;
    }
    Ok(())
}

/// Merge two sorted duplicate-free slices.
pub fn set_union(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => {
                out.push(a[i].clone());
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j].clone());
                j += 1;
            }
            Ordering::Equal => {
                out.push(a[i].clone());
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

pub fn set_contains(s: &[Value], x: &Value) -> bool {
    s.binary_search(x).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_with_domain_one_to_n_are_sequences() {
        let f = Value::func(vec![
            (Value::Int(2), Value::Int(20)),
            (Value::Int(1), Value::Int(10)),
        ]);
        assert_eq!(
            f,
            Value::Seq(Arc::new(vec![Value::Int(10), Value::Int(20)]))
        );
        assert_eq!(Value::func(vec![]), Value::Seq(Arc::new(vec![])));
    }

    #[test]
    fn functions_over_strings_are_records() {
        let f = Value::func(vec![
            (Value::str("b"), Value::Int(2)),
            (Value::str("a"), Value::Int(1)),
        ]);
        let r = Value::record(vec![
            (Arc::from("a"), Value::Int(1)),
            (Arc::from("b"), Value::Int(2)),
        ]);
        assert_eq!(f, r);
        assert_eq!(r.to_string(), "[a |-> 1, b |-> 2]");
    }

    /// The order a derived `Ord` gives: what `Value`'s own must be.
    #[derive(PartialEq, Eq, PartialOrd, Ord, Debug)]
    enum Derived {
        Bool(bool),
        Int(i64),
        Str(String),
        Model(String),
        Set(Vec<Derived>),
        Seq(Vec<Derived>),
        Record(Vec<(String, Derived)>),
        Func(Vec<(Derived, Derived)>),
    }

    fn derived(v: &Value) -> Derived {
        let all = |xs: &[Value]| xs.iter().map(derived).collect();
        match v {
            Value::Bool(b) => Derived::Bool(*b),
            Value::Int(i) => Derived::Int(*i),
            Value::Str(s) => Derived::Str(s.to_string()),
            Value::Model(m) => Derived::Model(m.to_string()),
            Value::Set(xs) => Derived::Set(all(xs)),
            Value::Seq(xs) => Derived::Seq(all(xs)),
            Value::Record(r) => {
                Derived::Record(r.iter().map(|(k, x)| (k.to_string(), derived(x))).collect())
            }
            Value::Func(f) => {
                Derived::Func(f.iter().map(|(k, x)| (derived(k), derived(x))).collect())
            }
        }
    }

    #[test]
    fn values_are_ordered_as_a_derived_order_would_order_them() {
        let name = |s: &str| Value::str(s);
        let model = |s: &str| Value::Model(Arc::from(s));
        let mut vs = vec![
            Value::Bool(false),
            Value::Bool(true),
            Value::Int(-1),
            Value::Int(2),
            name(""),
            name("a"),
            name("ab"),
            name("b"),
            name("é"),
            model("a"),
            model("n1"),
            model("n10"),
            Value::empty_set(),
            Value::set(vec![Value::Int(1)]),
            Value::set(vec![Value::Int(1), Value::Int(2)]),
            Value::set(vec![Value::Int(2)]),
            Value::Seq(Arc::new(vec![Value::Int(1)])),
            Value::Seq(Arc::new(vec![Value::Int(1), name("a")])),
            Value::record(vec![(Arc::from("a"), Value::Int(1))]),
            Value::record(vec![(Arc::from("a"), Value::Int(2))]),
            Value::record(vec![(Arc::from("b"), Value::Int(0))]),
            Value::record(vec![
                (Arc::from("a"), Value::Int(1)),
                (Arc::from("b"), Value::Int(0)),
            ]),
            Value::func(vec![(model("n1"), Value::Int(1))]),
            Value::func(vec![
                (model("n1"), Value::Int(1)),
                (model("n2"), Value::Int(0)),
            ]),
            Value::func(vec![(Value::Int(0), Value::Int(1))]),
        ];
        // The same contents in another allocation.
        vs.push(Value::set(vec![Value::Int(2)]));
        for a in &vs {
            for b in &vs {
                assert_eq!(a.cmp(b), derived(a).cmp(&derived(b)), "{a} and {b}");
                assert_eq!(a.cmp(b).is_eq(), a == b, "{a} and {b}");
            }
        }
    }

    #[test]
    fn sets_are_canonical() {
        let a = Value::set(vec![Value::Int(3), Value::Int(1), Value::Int(3)]);
        let b = Value::set(vec![Value::Int(1), Value::Int(3)]);
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "{1, 3}");
    }

    #[test]
    fn tlc_refuses_to_compare_an_integer_with_a_string() {
        assert!(tlc_eq(&Value::Int(1), &Value::str("a")).is_err());
        assert_eq!(
            tlc_eq(&Value::Model(Arc::from("m")), &Value::Int(1)),
            Ok(false)
        );
    }
}
