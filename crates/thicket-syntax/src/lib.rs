//! Thicket's spec language: PlusCal (P- and C-syntax) with TLA+ expressions, the TLA+ module
//! around it, and the model (TLC configuration).
//!
//! Architecture invariant: this crate is pure Rust (no browser or UI types) and knows nothing
//! of evaluation. pest types never leave the `parser`/`lower` modules.

pub mod ast;
pub mod diag;

pub use diag::{Diagnostic, Label, Severity};

/// The result of reading one text: the document if it could be built, and every diagnostic
/// (errors and warnings). A document is returned only when there are no errors.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub document: Option<ast::Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse a whole document (module or bare algorithm, with an optional embedded model), then
/// resolve names and check PlusCal's label rules.
pub fn parse_document(src: &str) -> Parsed {
    let _ = src;
    unimplemented!("parser under construction")
}

/// Parse a TLC configuration file (`.cfg`).
pub fn parse_model(src: &str) -> Result<ast::Model, Vec<Diagnostic>> {
    let _ = src;
    unimplemented!("parser under construction")
}
