//! The modules a text may `EXTENDS` or `INSTANCE`: the built-in ones and what Thicket knows
//! of each; where others are found ([`sources`]); the modules of one text ([`split`]); and
//! reading a module with all it names into one flat document ([`load`], [`subst`]).
//!
//! A module that cannot be read is an error located at its name, never a silent omission (its
//! definitions would be missing and every property that used them would be unchecked, or
//! checked against the wrong meaning).

pub mod library;
mod load;
mod rebind;
mod select;
pub mod sources;
pub mod split;
mod subst;

pub(crate) use load::Loader;
pub(crate) use select::strip_labels;
pub use sources::{InMemory, ModuleSource, NoModules, SourceFile, SourceText, Sources};

/// What Thicket knows of a module's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// Built in: its operators are Thicket's own.
    Implemented,
    /// A module of the proof system (theorems, proof pragmas), which checking ignores: its
    /// definitions are not read.
    ProofOnly,
    /// A module Thicket knows of but does not implement yet; the text says where it comes from.
    NotImplemented(&'static str),
}

/// The standard modules whose operators Thicket implements.
pub const IMPLEMENTED: &[&str] = &[
    "Naturals",
    "Integers",
    "Sequences",
    "FiniteSets",
    "TLC",
    "TLCExt",
    "Randomization",
];

const STANDARD: &[&str] = &["RealTime", "Toolbox"];

/// Modules of the proof system: theorems and proof pragmas, which checking ignores.
const PROOF_LIBRARY: &[&str] = &[
    "TLAPS",
    "NaturalsInduction",
    "WellFoundedInduction",
    "SequenceTheorems",
    "FiniteSetTheorems",
    "BagsTheorems",
];

/// The modules a module of the proof library extends, as its text does: they bring their
/// definitions along (`EXTENDS SequencesExtTheorems` defines SequencesExt's `Front`, as in
/// SANY). The proof module's own definitions are not read.
pub fn proof_module_extends(name: &str) -> &'static [&'static str] {
    match name {
        "NaturalsInduction" => &["Integers"],
        "WellFoundedInduction" => &["NaturalsInduction"],
        "SequenceTheorems" => &["Sequences", "Functions"],
        "FiniteSetTheorems" => &[
            "FiniteSets",
            "Integers",
            "Functions",
            "WellFoundedInduction",
        ],
        "BagsTheorems" => &["Bags"],
        "SequencesExtTheorems" => &[
            "Sequences",
            "SequencesExt",
            "Functions",
            "Integers",
            "WellFoundedInduction",
        ],
        "FiniteSetsExtTheorems" => &["FiniteSetsExt", "FiniteSets", "Integers"],
        "FoldsTheorems" => &["Folds", "FiniteSets"],
        "FunctionTheorems" => &["Functions", "Integers", "FiniteSets"],
        "GraphTheorems" => &["Graphs", "Sequences"],
        "QuorumTheorems" => &["Quorum", "Integers", "FiniteSets"],
        _ => &[],
    }
}

/// What Thicket knows of the module `name`, or `None` when it cannot find it.
pub fn known(name: &str) -> Option<Known> {
    // Reals' names are read; the checker says it cannot evaluate the real numbers.
    if IMPLEMENTED.contains(&name) || name == "Reals" {
        Some(Known::Implemented)
    } else if PROOF_LIBRARY.contains(&name)
        || name.strip_suffix("Theorems").is_some_and(library::has)
        || name == "FunctionTheorems"
        || name == "GraphTheorems"
    {
        Some(Known::ProofOnly)
    } else if STANDARD.contains(&name) {
        Some(Known::NotImplemented("a standard module"))
    } else if name == "DifferentialEquations" {
        Some(Known::NotImplemented(
            "a Community Module built on the real numbers",
        ))
    } else if name == "ShiViz" {
        Some(Known::NotImplemented(
            "a Community Module of TLC's trace explorer",
        ))
    } else {
        None
    }
}

/// The error for a module that cannot be used, or `None` when it can: the message and a hint.
pub fn problem(name: &str) -> Option<(String, String)> {
    match known(name) {
        Some(Known::Implemented | Known::ProofOnly) => None,
        Some(Known::NotImplemented(what)) => Some((
            format!("the module `{name}` ({what}) is not implemented by Thicket yet"),
            format!("Thicket implements {}; define the operators you need from `{name}` in this module", IMPLEMENTED.join(", ")),
        )),
        None => Some((
            format!("cannot find module `{name}` (looked in: the standard modules)"),
            format!("put `{name}.tla` beside this file, or name its folder with `--lib DIR`; in the page, add a tab named `{name}`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_known() {
        assert_eq!(known("Naturals"), Some(Known::Implemented));
        assert_eq!(known("TLAPS"), Some(Known::ProofOnly));
        // Read from its text (the library), not built in.
        assert_eq!(known("Bags"), None);
        assert!(library::has("Bags") && library::has("SequencesExt"));
        assert_eq!(known("SequencesExtTheorems"), Some(Known::ProofOnly));
        assert_eq!(known("TLCExt"), Some(Known::Implemented));
        assert_eq!(
            known("RealTime"),
            Some(Known::NotImplemented("a standard module"))
        );
        assert_eq!(known("NoSuchModule"), None);
        assert!(problem("TLC").is_none());
        assert!(problem("DieHard")
            .unwrap()
            .0
            .starts_with("cannot find module `DieHard`"));
    }
}
