//! The names the standard modules define, each with its module. In TLA+ a built-in name is its
//! module's: `Nat` and `+` exist where Naturals (or Integers, Reals, which extend it) is
//! extended or instantiated, `Len` where Sequences is. A module that does not import the
//! module may define the name itself (Specifying Systems' own `Naturals.tla` defines `+`,
//! `Peano.tla` defines `Nat`), and its definition is then the one its uses mean.
//!
//! Symbols are named by their one spelling (`<=` for `\leq`, `-.` for the unary minus).

/// Each standard module's names (those Thicket knows), and the modules it extends.
const MODULES: &[(&str, &[&str], &[&str])] = &[
    (
        "Naturals",
        &[
            "Nat", "+", "-", "*", "^", "<", ">", "<=", ">=", "..", "\\div", "%",
        ],
        &[],
    ),
    ("Integers", &["Int", "-."], &["Naturals"]),
    ("Reals", &["Real", "/", "Infinity"], &["Integers"]),
    (
        "Sequences",
        &[
            "Seq",
            "Len",
            "\\o",
            "Append",
            "Head",
            "Tail",
            "SubSeq",
            "SelectSeq",
        ],
        &[],
    ),
    ("FiniteSets", &["IsFiniteSet", "Cardinality"], &[]),
    (
        "TLC",
        &[
            "Print",
            "PrintT",
            "Assert",
            "JavaTime",
            "Permutations",
            "SortSeq",
            "ToString",
            "TLCEval",
            "TLCGet",
            "TLCSet",
            "RandomElement",
            "Any",
            ":>",
            "@@",
        ],
        &[],
    ),
    (
        "TLCExt",
        &[
            "Trace",
            "AssertEq",
            "AssertError",
            "TLCModelValue",
            "CounterExample",
            "TLCNoOp",
        ],
        &[],
    ),
    (
        "Randomization",
        &[
            "RandomSubset",
            "RandomSetOfSubsets",
            "RandomSubsetSet",
            "TestRandomSetOfSubsets",
        ],
        &[],
    ),
];

/// The standard module that defines `name`, if one does.
pub fn module_of(name: &str) -> Option<&'static str> {
    MODULES
        .iter()
        .find(|(_, names, _)| names.contains(&name))
        .map(|(m, ..)| *m)
}

/// The standard modules in scope where `imported` are extended or instantiated: each with
/// the modules it extends (Reals brings Integers and Naturals).
pub fn in_scope<'a>(imported: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = vec![];
    let mut todo: Vec<&str> = imported.into_iter().collect();
    while let Some(m) = todo.pop() {
        let Some((name, _, extends)) = MODULES.iter().find(|(n, ..)| *n == m) else {
            // A proof library's module (`SequenceTheorems`) is not read: whatever standard
            // module it may bring is taken as brought.
            if m != "TLAPS" && crate::modules::known(m) == Some(crate::modules::Known::ProofOnly) {
                todo.extend(["Integers", "Sequences", "FiniteSets"]);
            }
            continue;
        };
        if !out.contains(name) {
            out.push(name);
            todo.extend(extends.iter().copied());
        }
    }
    out
}

/// Whether `name` is a standard module's that is not in `scope`: a module may define it,
/// bind it or take it as a parameter, and its uses then mean that.
pub fn free(name: &str, scope: &[&str]) -> bool {
    module_of(name).is_some_and(|m| !scope.contains(&m))
}

/// The names of the Reals module proper (not those of Integers it brings), which the checker
/// cannot evaluate.
pub fn real_only(name: &str) -> bool {
    module_of(name) == Some("Reals")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_belong_to_their_module_and_modules_bring_what_they_extend() {
        assert_eq!(module_of("+"), Some("Naturals"));
        assert_eq!(module_of("Len"), Some("Sequences"));
        assert_eq!(module_of("\\cup"), None);
        let scope = in_scope(["Reals"]);
        assert!(scope.contains(&"Naturals") && scope.contains(&"Integers"));
        assert!(!free("+", &scope) && !free("Real", &scope) && free("Len", &scope));
        assert!(free("Nat", &in_scope(["Sequences"])));
        assert!(!free("\\cup", &[]));
    }
}
