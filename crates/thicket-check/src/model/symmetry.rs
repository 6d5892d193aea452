//! TLC's symmetry reduction (`SYMMETRY Perms`): the model names a set of permutations of model
//! values; TLC takes the group they generate (`MVPerms.permutationSubgroup`: the set closed
//! under composition, so `Permutations(A) \cup Permutations(B)` is every pair of them), and a
//! state counts as the least of itself and its images under the group, "least" in TLC's
//! order of values, variable by variable in TLC's order of the variables
//! (`TLCStateMut.fingerPrint`). Over a group that is one state per orbit, so the counts do
//! not depend on the order; it is TLC's all the same, so that the state that stands for an
//! orbit is TLC's:
//!
//! - a model value is less than any other value, and model values are ordered as the model
//!   first names them (TLC interns their names when it reads the `.cfg`, before the modules);
//! - integers and booleans as numbers (`FALSE < TRUE`), strings by their text (TLC orders
//!   them by when it first read them, which only differs for strings the states hold in
//!   different places);
//! - sets, sequences, records and functions by their size first, then element by element in
//!   that order (a function's (argument, value) pairs by argument).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::eval::value::Value;

/// One permutation of model values, by name (the values it leaves in place left out).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Perm(BTreeMap<Arc<str>, Arc<str>>);

impl Perm {
    fn image(&self, m: &Arc<str>) -> Arc<str> {
        self.0.get(m).cloned().unwrap_or_else(|| m.clone())
    }

    /// `self` then `other`.
    fn then(&self, other: &Perm) -> Perm {
        let moved = self.0.keys().chain(other.0.keys());
        let map = moved
            .map(|m| (m.clone(), other.image(&self.image(m))))
            .filter(|(m, t)| m != t)
            .collect();
        Perm(map)
    }
}

/// The permutations `gens` (none the identity) generate, the identity left out.
fn group(gens: Vec<Perm>) -> Vec<Perm> {
    let mut seen: HashSet<Perm> = HashSet::new();
    let mut all: Vec<Perm> = gens
        .iter()
        .filter(|p| seen.insert((*p).clone()))
        .cloned()
        .collect();
    let mut k = 0;
    while k < all.len() {
        for g in &gens {
            let p = all[k].then(g);
            if !p.0.is_empty() && seen.insert(p.clone()) {
                all.push(p);
            }
        }
        k += 1;
    }
    all
}

/// The permutations of a `SYMMETRY` set, and TLC's order of the model values.
#[derive(Clone, Debug)]
pub struct Symmetry {
    perms: Vec<Perm>,
    rank: HashMap<Arc<str>, u32>,
    /// The state's slots in TLC's order of the variables.
    order: Vec<usize>,
}

/// Why a `SYMMETRY` set cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SymmetryError {
    /// Not a set of functions from model values to model values that are one-to-one.
    NotPermutations(String),
}

impl std::fmt::Display for SymmetryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SymmetryError::NotPermutations(v) => write!(
                f,
                "a symmetry set must be a set of permutations of model values (like `Permutations(S)`), and it holds {v}"
            ),
        }
    }
}

impl Symmetry {
    /// The symmetry of a set of permutations, with the model values in the order the model
    /// first names them and the state's slots in TLC's order of the variables.
    pub fn new(
        set: &Value,
        model_values: &[Arc<str>],
        order: Vec<usize>,
    ) -> Result<Symmetry, SymmetryError> {
        let not_perms = |v: &Value| SymmetryError::NotPermutations(v.to_string());
        let elems = set.as_set().ok_or_else(|| not_perms(set))?;
        let mut perms = Vec::new();
        for f in elems.iter() {
            let perm = perm_of(f).ok_or_else(|| not_perms(f))?;
            if !perm.0.is_empty() {
                perms.push(perm);
            }
        }
        let perms = group(perms);
        let rank = model_values
            .iter()
            .enumerate()
            .map(|(i, m)| (m.clone(), i as u32))
            .collect();
        Ok(Symmetry { perms, rank, order })
    }

    /// The least of `st` and its images under the permutations, in TLC's order when
    /// `tlc_order` (a `VIEW` is taken of it, so which state stands for the orbit shows), else
    /// in Thicket's own order of values, which is cheaper and gives the same orbits, so the
    /// same counts; `None` when it is `st` itself.
    pub fn canonical(&self, st: &[Value], tlc_order: bool) -> Option<Vec<Value>> {
        let mut best: Option<Vec<Value>> = None;
        for p in &self.perms {
            let least = best.as_deref().unwrap_or(st);
            let image = if tlc_order {
                self.image_if_less(st, least, p, |a, b| self.cmp(a, b))
            } else {
                self.image_if_less(st, least, p, Ord::cmp)
            };
            if let Some(image) = image {
                best = Some(image);
            }
        }
        best
    }

    /// `st`'s image under `p` when it is less than `least`, variable by variable in TLC's
    /// order of the variables. The image is built one variable at a time and left as soon as
    /// one is greater than the least state's: most are.
    fn image_if_less(
        &self,
        st: &[Value],
        least: &[Value],
        p: &Perm,
        cmp: impl Fn(&Value, &Value) -> Ordering,
    ) -> Option<Vec<Value>> {
        let mut image: Vec<Option<Value>> = vec![None; st.len()];
        for &i in &self.order {
            let v = permute(&st[i], p);
            let order = cmp(&v, &least[i]);
            image[i] = Some(v);
            match order {
                Ordering::Greater => return None,
                Ordering::Equal => {}
                Ordering::Less => {
                    let full = image
                        .into_iter()
                        .zip(st)
                        .map(|(v, old)| v.unwrap_or_else(|| permute(old, p)))
                        .collect();
                    return Some(full);
                }
            }
        }
        None
    }

    /// Where a model value comes in TLC's order: as the model names it, then by name.
    fn rank(&self, m: &Arc<str>) -> (u32, Arc<str>) {
        (self.rank.get(m).copied().unwrap_or(u32::MAX), m.clone())
    }

    /// Two values in TLC's order (see the module's doc).
    pub fn cmp(&self, a: &Value, b: &Value) -> Ordering {
        use Value::*;
        match (a, b) {
            (Model(x), Model(y)) => self.rank(x).cmp(&self.rank(y)),
            (Model(_), _) => Ordering::Less,
            (_, Model(_)) => Ordering::Greater,
            (Int(x), Int(y)) => x.cmp(y),
            (Bool(x), Bool(y)) => x.cmp(y),
            (Str(x), Str(y)) => x.cmp(y),
            (Set(x), Set(y)) => self.sets_cmp(x, y),
            (Seq(x), Seq(y)) => x
                .len()
                .cmp(&y.len())
                .then_with(|| self.seq_cmp(x.iter(), y.iter())),
            // Fields are kept sorted by name, which is TLC's order of strings here.
            (Record(x), Record(y)) => x.len().cmp(&y.len()).then_with(|| {
                x.iter()
                    .zip(y.iter())
                    .map(|((ka, va), (kb, vb))| ka.cmp(kb).then_with(|| self.cmp(va, vb)))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            }),
            (x, y) if x.is_function() && y.is_function() => {
                let (px, py) = (x.pairs(), y.pairs());
                px.len()
                    .cmp(&py.len())
                    .then_with(|| self.pairs_cmp(&px, &py))
            }
            // Values TLC refuses to compare: any fixed order.
            _ => a.cmp(b),
        }
    }

    fn seq_cmp<'v>(
        &self,
        x: impl Iterator<Item = &'v Value>,
        y: impl Iterator<Item = &'v Value>,
    ) -> Ordering {
        x.zip(y)
            .map(|(a, b)| self.cmp(a, b))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }

    /// Two sets: by size, then element by element, each sorted in TLC's order.
    fn sets_cmp(&self, x: &[Value], y: &[Value]) -> Ordering {
        x.len().cmp(&y.len()).then_with(|| {
            let (x, y) = (self.sorted(x), self.sorted(y));
            self.seq_cmp(x.iter().copied(), y.iter().copied())
        })
    }

    /// A set's elements in TLC's order.
    fn sorted<'v>(&self, s: &'v [Value]) -> Vec<&'v Value> {
        let mut v: Vec<&Value> = s.iter().collect();
        if !v.is_sorted_by(|a, b| self.cmp(a, b).is_le()) {
            v.sort_by(|a, b| self.cmp(a, b));
        }
        v
    }

    /// Two functions of the same size: their (argument, value) pairs in TLC's order of the
    /// arguments, argument then value.
    fn pairs_cmp(&self, x: &[(Value, Value)], y: &[(Value, Value)]) -> Ordering {
        self.by_argument(x)
            .into_iter()
            .zip(self.by_argument(y))
            .map(|(a, b)| self.cmp(&a.0, &b.0).then_with(|| self.cmp(&a.1, &b.1)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl Symmetry {
    /// A function's pairs in TLC's order of their arguments.
    fn by_argument<'v>(&self, pairs: &'v [(Value, Value)]) -> Vec<&'v (Value, Value)> {
        let mut v: Vec<&(Value, Value)> = pairs.iter().collect();
        v.sort_by(|a, b| self.cmp(&a.0, &b.0));
        v
    }
}

/// A function from model values onto the same model values, one to one, as a permutation.
fn perm_of(f: &Value) -> Option<Perm> {
    let pairs = f.is_function().then(|| f.pairs())?;
    let mut map = BTreeMap::new();
    let mut targets = Vec::new();
    for (k, v) in pairs {
        let (Value::Model(k), Value::Model(v)) = (k, v) else {
            return None;
        };
        targets.push(v.clone());
        if k != v {
            map.insert(k, v);
        }
    }
    targets.sort();
    targets.dedup();
    (targets.len() == f.pairs().len()).then_some(Perm(map))
}

/// A value with its model values permuted.
pub fn permute(v: &Value, p: &Perm) -> Value {
    match v {
        Value::Model(m) => {
            p.0.get(m)
                .map_or_else(|| v.clone(), |t| Value::Model(t.clone()))
        }
        Value::Bool(_) | Value::Int(_) | Value::Str(_) => v.clone(),
        Value::Set(s) => Value::set(s.iter().map(|x| permute(x, p)).collect()),
        Value::Seq(s) => Value::Seq(Arc::new(s.iter().map(|x| permute(x, p)).collect())),
        Value::Record(r) => Value::Record(Arc::new(
            r.iter().map(|(k, x)| (k.clone(), permute(x, p))).collect(),
        )),
        Value::Func(f) => Value::func(
            f.iter()
                .map(|(k, x)| (permute(k, p), permute(x, p)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Value {
        Value::Model(Arc::from(s))
    }

    fn swap(a: &str, b: &str) -> Value {
        Value::func(vec![(m(a), m(b)), (m(b), m(a))])
    }

    #[test]
    fn the_least_image_in_tlc_order() {
        // Model values in the model's order: b before a.
        let names: Vec<Arc<str>> = vec![Arc::from("b"), Arc::from("a")];
        let set = Value::set(vec![swap("a", "b")]);
        let sym = Symmetry::new(&set, &names, vec![0, 1]).unwrap();
        // <<a, 1>> and <<b, 1>>: b comes first, so the first is mapped to the second.
        let st = vec![m("a"), Value::Int(1)];
        assert_eq!(sym.canonical(&st, true), Some(vec![m("b"), Value::Int(1)]));
        assert_eq!(sym.canonical(&[m("b"), Value::Int(1)], true), None);
        // A model value is less than an integer; a smaller set is less than a larger one.
        assert!(sym.cmp(&m("a"), &Value::Int(0)).is_lt());
        let small = Value::set(vec![Value::Int(9)]);
        let large = Value::set(vec![Value::Int(1), Value::Int(2)]);
        assert!(sym.cmp(&small, &large).is_lt());
    }

    #[test]
    fn only_permutations_of_model_values() {
        let not_onto = Value::func(vec![(m("a"), m("b")), (m("b"), m("b"))]);
        assert!(Symmetry::new(&Value::set(vec![not_onto]), &[], vec![]).is_err());
        let ints = Value::func(vec![(Value::Int(3), Value::Int(4))]);
        assert!(Symmetry::new(&Value::set(vec![ints]), &[], vec![]).is_err());
    }
}
