//! The model's bindings of another module's names (`Ballot <- [Voting] MCBallot`,
//! `NoHash = [Nano] NoHashVal`), as TLC applies them: to that module's definition wherever it
//! is used — in the module itself, in every module that extends it and in every instance of it
//! (`V!Ballot`, and `Ballot` inside `V!Spec`). A name of a standard module (`Nat <-
//! [ZSequences] ZSeqNat`) is one definition TLC shares among all the modules that import it,
//! so its binding holds everywhere.
//!
//! The flat document keeps where each definition was written, so a binding becomes plain
//! bindings of the flat names it reaches, and the rest of the model's reading is unchanged.

use thicket_syntax::ast::{self, ConstantBinding, Document, Model};
use thicket_syntax::modules::Sources;
use thicket_syntax::Diagnostic;

/// Standard modules' names that a model may bind (their values, not operators).
const STANDARD_VALUES: &[&str] = &["Nat", "Int", "Real", "BOOLEAN", "STRING"];

/// The model with each binding of a module's name (`[M]`) replaced by bindings of the flat
/// names it reaches; an error for one that reaches nothing.
pub fn resolve(
    doc: &Document,
    mut model: Model,
    sources: &Sources,
) -> Result<Model, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut bindings = Vec::with_capacity(model.constants.len());
    for b in std::mem::take(&mut model.constants) {
        let Some(module) = &b.module else {
            bindings.push(b);
            continue;
        };
        let reached = reached(doc, sources, &b.name.name, &module.name);
        if reached.is_empty() {
            errors.push(unreached(&b, &module.name));
        }
        bindings.extend(reached.into_iter().map(|name| ConstantBinding {
            name: ast::Ident {
                name,
                span: b.name.span,
            },
            module: None,
            ..b.clone()
        }));
    }
    model.constants = bindings;
    if errors.is_empty() {
        Ok(model)
    } else {
        Err(errors)
    }
}

/// The flat names of module `module`'s definition or constant `name`: every definition
/// written in that module under that name (its instances' `N!name` included), or the
/// standard module's name itself.
fn reached(doc: &Document, sources: &Sources, name: &str, module: &str) -> Vec<String> {
    let written_in = |span: ast::Span| sources.module_at(span.start).as_deref() == Some(module);
    let defs = doc
        .defs
        .iter()
        .filter(|d| base_name(&d.name.name) == name && written_in(d.name.span))
        .map(|d| d.name.name.clone());
    let constants = doc
        .constants
        .iter()
        .filter(|c| c.name.name == name && written_in(c.name.span))
        .map(|c| c.name.name.clone());
    let mut out: Vec<String> = defs.chain(constants).collect();
    if out.is_empty() && STANDARD_VALUES.contains(&name) {
        out.push(name.to_string());
    }
    out.sort();
    out.dedup();
    out
}

/// `V!C!Ballot` → `Ballot`: the name a definition has in the module that wrote it.
fn base_name(flat: &str) -> &str {
    flat.rsplit('!').next().unwrap_or(flat)
}

fn unreached(b: &ConstantBinding, module: &str) -> Diagnostic {
    Diagnostic::error(
        b.name.span,
        format!(
            "the model binds `{}` of module `{module}`, but no module `{module}` that the spec reads declares or defines `{}`",
            b.name.name, b.name.name
        ),
    )
    .with_hint(format!(
        "name the module where `{}` is written, or bind it without `[{module}]`",
        b.name.name
    ))
}
