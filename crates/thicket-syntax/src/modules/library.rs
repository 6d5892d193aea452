//! The modules Thicket reads from their TLA+ text: the Community Modules (MIT, see
//! `library/LICENSE-CommunityModules`) and the standard module Bags, as their authors wrote
//! them. Their definitions are their meaning (TLC evaluates some of them in Java, with the
//! same results).
//!
//! An operator whose TLA+ definition only stands for what TLC does outside the model (reading
//! and writing files, running commands, reading the environment) is left out: a use of one is
//! an error that says so, never a value made up.

/// The library's modules: name and text.
const MODULES: &[(&str, &str)] = &[
    ("Bags", include_str!("../../library/Bags.tla")),
    ("BagsExt", include_str!("../../library/BagsExt.tla")),
    ("Bitwise", include_str!("../../library/Bitwise.tla")),
    ("CSV", include_str!("../../library/CSV.tla")),
    (
        "Combinatorics",
        include_str!("../../library/Combinatorics.tla"),
    ),
    (
        "DyadicRationals",
        include_str!("../../library/DyadicRationals.tla"),
    ),
    (
        "FiniteSetsExt",
        include_str!("../../library/FiniteSetsExt.tla"),
    ),
    ("Folds", include_str!("../../library/Folds.tla")),
    ("Functions", include_str!("../../library/Functions.tla")),
    ("GraphViz", include_str!("../../library/GraphViz.tla")),
    ("Graphs", include_str!("../../library/Graphs.tla")),
    ("HTML", include_str!("../../library/HTML.tla")),
    ("IOUtils", include_str!("../../library/IOUtils.tla")),
    ("Json", include_str!("../../library/Json.tla")),
    ("Quorum", include_str!("../../library/Quorum.tla")),
    ("Relation", include_str!("../../library/Relation.tla")),
    ("SVG", include_str!("../../library/SVG.tla")),
    (
        "SequencesExt",
        include_str!("../../library/SequencesExt.tla"),
    ),
    ("Statistics", include_str!("../../library/Statistics.tla")),
    (
        "UndirectedGraphs",
        include_str!("../../library/UndirectedGraphs.tla"),
    ),
    (
        "VectorClocks",
        include_str!("../../library/VectorClocks.tla"),
    ),
];

/// Operators that need the file system, commands or the environment, by module, and that
/// Thicket does not evaluate (those it does are in [`NATIVE`]).
pub const HOST_ONLY: &[(&str, &[&str])] = &[
    (
        "IOUtils",
        &[
            "IOSerialize",
            "IODeserialize",
            "Deserialize",
            "IOExec",
            "IOEnvExec",
            "IOExecTemplate",
            "IOEnvExecTemplate",
        ],
    ),
    (
        "CSV",
        &["CSVWrite", "CSVWriteRecord", "CSVRead", "CSVRecords"],
    ),
];

/// Operators whose definitions cannot be evaluated (they quantify over `Seq(S)`, or are
/// `CHOOSE`s that only stand for what TLC does in Java: writing SVG text, reading the
/// environment, reading and writing files) and that TLC evaluates in Java: the loader makes
/// each body a call of `Module:Op`, which the checker evaluates natively (files and the
/// environment through its host: an error in the page, which has neither).
pub const NATIVE: &[(&str, &[&str])] = &[
    (
        "UndirectedGraphs",
        &["ConnectedComponents", "AreConnectedIn", "SimplePath"],
    ),
    ("Graphs", &["AreConnectedIn", "SimplePath"]),
    ("SVG", &["SVGElemToString"]),
    ("SequencesExt", &["SetToSeq"]),
    ("VectorClocks", &["CausalOrder"]),
    ("IOUtils", &["Serialize", "IOEnv"]),
    (
        "Json",
        &[
            "JsonSerialize",
            "JsonDeserialize",
            "ndJsonSerialize",
            "ndJsonDeserialize",
        ],
    ),
];

/// Whether the operator `op` of the library module `module` is evaluated natively.
pub fn native(module: &str, op: &str) -> bool {
    NATIVE
        .iter()
        .any(|(m, ops)| *m == module && ops.contains(&op))
}

/// Whether `name` is the call `Module:Op` the loader writes for a native operator.
pub fn native_call(name: &str) -> bool {
    name.split_once(':')
        .is_some_and(|(module, op)| native(module, op))
}

/// The text of the library module `name`, if it is one.
pub fn text(name: &str) -> Option<&'static str> {
    MODULES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Whether `name` is a library module.
pub fn has(name: &str) -> bool {
    text(name).is_some()
}

/// The module of the host-only operator `op`, if it is one.
pub fn host_only(op: &str) -> Option<&'static str> {
    HOST_ONLY
        .iter()
        .find(|(_, ops)| ops.contains(&op))
        .map(|(m, _)| *m)
}

/// Why the host-only operator `op` cannot be evaluated, and what to do: `None` for another.
pub fn host_only_problem(op: &str) -> Option<(String, String)> {
    let module = host_only(op)?;
    Some((
        format!("`{op}` (of the module {module}) reads or writes files, runs commands or reads the environment, which Thicket does not do"),
        "TLC evaluates it outside the model: check this spec with TLC (Export for TLC), or leave the call out".into(),
    ))
}

/// Where a library module's text is said to be, in messages.
pub fn path(name: &str) -> String {
    format!("(library)/{name}.tla")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_module_reads_alone() {
        let mut failed = 0;
        for (name, text) in MODULES {
            let parsed = crate::parse_program(&path(name), text, &crate::modules::NoModules);
            let errors: Vec<_> = parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::Severity::Error)
                .map(|d| format!("{:?} {}", d.file, d.message))
                .collect();
            if !errors.is_empty() {
                eprintln!("{name}: {errors:?}");
                failed += 1;
            }
        }
        assert_eq!(failed, 0);
    }
}
