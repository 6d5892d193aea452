//! Thicket's spec language: PlusCal (P- and C-syntax) with TLA+ expressions, the TLA+ module
//! around it, and the model (TLC configuration).
//!
//! Pipeline: [`scan`] (lexical checks, translation blanking, bullet alignment) → [`parser`]
//! (pest grammar `thicket.pest`) → [`lower`] (pest pairs → [`ast`]) → [`resolve`] (names,
//! PlusCal's label rules). [`print`] turns an AST back into text.
//!
//! Architecture invariant: this crate is pure Rust (no browser or UI types) and knows nothing
//! of evaluation. pest types never leave the `parser`/`lower` modules.

pub mod ast;
mod autolabel;
pub mod diag;
mod labels;
mod lower;
pub mod modules;
pub mod ops;
mod parser;
pub mod print;
mod recover;
mod resolve;
mod scan;
pub mod standard;
mod symtab;
pub mod translate;

pub use diag::{Diagnostic, Label, Severity};

/// The result of reading one text: the document if it could be built, and every diagnostic
/// (errors and warnings). A document is returned only when there are no errors.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub document: Option<ast::Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// The texts read: the main one first, then each module file it named.
    pub sources: modules::Sources,
}

/// Parse a whole document (module or bare algorithm, with an optional embedded model), then
/// resolve names and check PlusCal's label rules. Modules it names are looked for among the
/// built-in ones and in the text itself.
pub fn parse_document(src: &str) -> Parsed {
    parse_program("", src, &modules::NoModules)
}

/// Parse the text of the file `path` (its module is the one named like the file, else the
/// last), reading every module it names (built-in, in the text, then from `source`), and
/// resolve names in the whole.
pub fn parse_program(path: &str, src: &str, source: &dyn modules::ModuleSource) -> Parsed {
    let mut loader = modules::Loader::new(path, src, source);
    let document = match loader.main_module() {
        Some(main) => {
            loader.main = Some(main.clone());
            loader
                .flat(&main, ast::Span::new(0, 0))
                .map(|d| (*d).clone())
        }
        None => {
            let (doc, diags) = read_document(src);
            loader.diags.extend(diags);
            doc.map(|d| loader.flatten(&d))
        }
    };
    let mut diagnostics = std::mem::take(&mut loader.diags);
    dedup(&mut diagnostics);
    let sources = loader.sources;
    let has_errors = |ds: &[Diagnostic]| ds.iter().any(|d| d.severity == Severity::Error);
    let Some(mut document) = document.filter(|_| !has_errors(&diagnostics)) else {
        let diagnostics = diagnostics
            .into_iter()
            .map(|d| sources.relocate(d))
            .collect();
        return Parsed {
            document: None,
            diagnostics,
            sources,
        };
    };
    modules::strip_labels(&mut document);
    if let Some(alg) = document.algorithm.as_mut() {
        complete_algorithm(alg);
    }
    if sources.files.len() == 1 {
        diagnostics.extend(resolve::check(&document, src, src.len()));
    } else {
        let main_end = sources.files[0].text.len();
        diagnostics.extend(resolve::check(&document, &sources.joined(), main_end));
    }
    dedup(&mut diagnostics);
    let ok = !has_errors(&diagnostics);
    if sources.files.len() > 1 {
        diagnostics = diagnostics
            .into_iter()
            .map(|d| sources.relocate(d))
            .collect();
    }
    Parsed {
        document: ok.then_some(document),
        diagnostics,
        sources,
    }
}

/// What PlusCal's translator adds to an algorithm before translating it: the labels of a
/// uniprocess algorithm written without any, and the names that make every label unique.
fn complete_algorithm(alg: &mut ast::Algorithm) {
    autolabel::add_labels(alg);
    symtab::rename_labels(alg);
}

/// Each diagnostic once: a module read twice (instantiated twice, extended by two modules)
/// has its errors found twice.
pub fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert((d.span, d.message.clone(), d.file.clone())));
}

/// Read one module (or bare text) into its syntax tree: names not resolved, modules not read.
pub(crate) fn read_document(src: &str) -> (Option<ast::Document>, Vec<Diagnostic>) {
    read_document_as(src, false)
}

/// [`read_document`]; `translated`: as TLC reads it, a PlusCal algorithm only a comment and
/// its translation the module's definitions.
pub(crate) fn read_document_as(
    src: &str,
    translated: bool,
) -> (Option<ast::Document>, Vec<Diagnostic>) {
    if src.trim().is_empty() {
        let d = Diagnostic::error(ast::Span::new(0, src.len()), "the text is empty")
            .with_hint("write an algorithm (`--algorithm Name ... end algorithm`) or a module (`---- MODULE Name ----` ... `====`)");
        return (None, vec![d]);
    }
    let scanned = if translated {
        scan::prepare_translated(src)
    } else {
        scan::prepare(src)
    };
    let text = match scanned {
        Ok(text) => text,
        Err(diags) => return (None, diags),
    };
    let rule = if scan::is_module(src) {
        parser::Rule::module_document
    } else {
        parser::Rule::bare_document
    };
    let pair = match parser::parse_located(rule, &text, src) {
        Ok(pair) => pair,
        // Every syntax error, and only those: later stages would see the units blanked.
        Err(first) => {
            let body = scan::module_body_start(src).unwrap_or(0);
            return (None, recover::all_errors(rule, &text, src, body, first));
        }
    };
    let mut lowerer = lower::Lowerer::new();
    let document = lowerer.document(pair);
    let ok = !lowerer.diags.iter().any(|d| d.severity == Severity::Error);
    (ok.then_some(document), lowerer.diags)
}

/// Parse one TLA+ expression on its own (a value or a state typed by the user). Names are not
/// resolved: the caller decides what they mean.
pub fn parse_expression(src: &str) -> Result<ast::Expr, Vec<Diagnostic>> {
    if src.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            ast::Span::new(0, src.len()),
            "the expression is empty",
        )]);
    }
    let text = scan::prepare(src)?;
    let pair = parser::parse(parser::Rule::expression_document, &text, src).map_err(|d| vec![d])?;
    let inner = pair
        .into_inner()
        .find(|p| p.as_rule() == parser::Rule::expr)
        .expect("the rule holds an expression");
    let mut lowerer = lower::Lowerer::new();
    let expr = lowerer.expr(inner);
    if lowerer.diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(lowerer.diags);
    }
    Ok(expr)
}

/// Parse a behavior typed by the user: events, like a REPL session (`>>> c.inc(); c.get() -> 1`),
/// or states, one per line (`n = 0, ret = -1` or `[n |-> 0, ret |-> -1]`). A text that reads as
/// events is events; an empty text (or only comments) is no states. Names in the expressions
/// are not resolved: the caller decides what they mean.
pub fn parse_behavior(src: &str) -> Result<ast::Behavior, Vec<Diagnostic>> {
    let text = scan::prepare_behavior(src)?;
    let pair = parser::parse(parser::Rule::behavior_document, &text, src).map_err(|d| vec![d])?;
    let mut lowerer = lower::Lowerer::new();
    let behavior = lowerer.behavior(pair);
    if lowerer.diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(lowerer.diags);
    }
    Ok(behavior)
}

/// Parse a TLC configuration file (`.cfg`).
pub fn parse_model(src: &str) -> Result<ast::Model, Vec<Diagnostic>> {
    let text = scan::prepare_model(src)?;
    let pair = parser::parse(parser::Rule::cfg_file, &text, src).map_err(|d| vec![d])?;
    let mut lowerer = lower::Lowerer::new();
    let model = lowerer.model(pair);
    if lowerer.diags.is_empty() {
        Ok(model)
    } else {
        Err(lowerer.diags)
    }
}
