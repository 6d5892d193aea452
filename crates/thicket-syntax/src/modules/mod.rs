//! The modules a text may `EXTENDS` or `INSTANCE`: the built-in ones and what Thicket knows
//! of each; where others are found ([`sources`]); the modules of one text ([`split`]); and
//! reading a module with all it names into one flat document ([`load`], [`subst`]).
//!
//! A module that cannot be read is an error located at its name, never a silent omission (its
//! definitions would be missing and every property that used them would be unchecked, or
//! checked against the wrong meaning).

mod load;
pub mod sources;
pub mod split;
mod subst;

pub(crate) use load::Loader;
pub use sources::{InMemory, ModuleSource, NoModules, SourceFile, SourceText, Sources};

/// What Thicket knows of a module's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// Built in: its operators are Thicket's own.
    Implemented,
    /// A module of the proof system that defines only proof pragmas, which checking ignores.
    ProofOnly,
    /// A module Thicket knows of but does not implement yet; the text says where it comes from.
    NotImplemented(&'static str),
}

/// The standard modules whose operators Thicket implements.
pub const IMPLEMENTED: &[&str] = &["Naturals", "Integers", "Sequences", "FiniteSets", "TLC"];

const STANDARD: &[&str] = &[
    "Bags",
    "Reals",
    "RealTime",
    "TLCExt",
    "Randomization",
    "Json",
    "Toolbox",
];

const PROOF_LIBRARY: &[&str] = &[
    "NaturalsInduction",
    "WellFoundedInduction",
    "SequenceTheorems",
    "FiniteSetTheorems",
    "BagsTheorems",
];

const COMMUNITY: &[&str] = &[
    "BagsExt",
    "Bitwise",
    "CSV",
    "Combinatorics",
    "DifferentialEquations",
    "DyadicRationals",
    "FiniteSetsExt",
    "Folds",
    "Functions",
    "GraphViz",
    "Graphs",
    "HTML",
    "IOUtils",
    "Quorum",
    "Relation",
    "SVG",
    "SequencesExt",
    "ShiViz",
    "Statistics",
    "UndirectedGraphs",
    "VectorClocks",
];

/// What Thicket knows of the module `name`, or `None` when it cannot find it.
pub fn known(name: &str) -> Option<Known> {
    if IMPLEMENTED.contains(&name) {
        Some(Known::Implemented)
    } else if name == "TLAPS" {
        Some(Known::ProofOnly)
    } else if STANDARD.contains(&name) {
        Some(Known::NotImplemented("a standard module"))
    } else if PROOF_LIBRARY.contains(&name) {
        Some(Known::NotImplemented("a module of the proof library"))
    } else if COMMUNITY.contains(&name)
        || name.ends_with("Theorems") && COMMUNITY.contains(&name.trim_end_matches("Theorems"))
    {
        Some(Known::NotImplemented("a Community Module"))
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
        assert_eq!(
            known("Bags"),
            Some(Known::NotImplemented("a standard module"))
        );
        assert_eq!(
            known("SequencesExtTheorems"),
            Some(Known::NotImplemented("a Community Module"))
        );
        assert_eq!(known("NoSuchModule"), None);
        assert!(problem("TLC").is_none());
        assert!(problem("DieHard")
            .unwrap()
            .0
            .starts_with("cannot find module `DieHard`"));
    }
}
