use thicket_syntax::{Diagnostic, Severity};
use yew::prelude::*;

use crate::format;
use crate::protocol::Document;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// The texts the spans point into: the main text, and the module file a diagnostic names.
    pub source: Document,
    pub diagnostics: Shared<Vec<Diagnostic>>,
}

/// Parse and resolution errors, each at its `line:col` (after its file's name when it is in
/// another tab than the main one).
#[function_component(Diagnostics)]
pub fn diagnostics(props: &DiagnosticsProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! {};
    }
    html! {
        <ul class="diagnostics" aria-label="Problems">
            { for props.diagnostics.iter().map(|d| {
                let kind = match d.severity { Severity::Error => "error", Severity::Warning => "warning" };
                let at = match d.file.as_deref() {
                    None => format::location(&props.source.text, &d.span),
                    Some(file) => {
                        let text = props.source.modules.iter().find(|m| m.name == file).map_or("", |m| &m.text);
                        format!("{file} {}", format::location(text, &d.span))
                    }
                };
                html! {
                    <li class={classes!("diagnostic", kind)} data-location={at.clone()} data-file={d.file.clone()}>
                        <span class="diagnostic-location">{ at }</span>
                        <span class="diagnostic-message">{ &d.message }</span>
                        { for d.hints.iter().map(|h| html! { <span class="diagnostic-hint">{ h }</span> }) }
                    </li>
                }
            }) }
        </ul>
    }
}
