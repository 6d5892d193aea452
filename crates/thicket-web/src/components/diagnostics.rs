use thicket_syntax::{Diagnostic, Severity};
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// The text the spans point into.
    pub source: AttrValue,
    pub diagnostics: Shared<Vec<Diagnostic>>,
}

/// Parse and resolution errors, each at its `line:col`.
#[function_component(Diagnostics)]
pub fn diagnostics(props: &DiagnosticsProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! {};
    }
    html! {
        <ul class="diagnostics" aria-label="Problems">
            { for props.diagnostics.iter().map(|d| {
                let kind = match d.severity { Severity::Error => "error", Severity::Warning => "warning" };
                let at = format::location(&props.source, &d.span);
                html! {
                    <li class={classes!("diagnostic", kind)} data-location={at.clone()}>
                        <span class="diagnostic-location">{ at }</span>
                        <span class="diagnostic-message">{ &d.message }</span>
                        { for d.hints.iter().map(|h| html! { <span class="diagnostic-hint">{ h }</span> }) }
                    </li>
                }
            }) }
        </ul>
    }
}
