use serde::Serialize;
use thicket_syntax::ast::Span;
use thicket_syntax::{Diagnostic, Severity};
use wasm_bindgen::prelude::*;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::format;
use crate::state::Shared;

#[wasm_bindgen]
extern "C" {
    /// The CodeMirror editor of `www/editor/main.js`.
    type EditorHandle;

    #[wasm_bindgen(js_namespace = thicketEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::Element,
        text: &str,
        on_change: &Closure<dyn FnMut(String)>,
    ) -> EditorHandle;
    #[wasm_bindgen(method, js_name = getText)]
    fn get_text(this: &EditorHandle) -> String;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &EditorHandle, text: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, json: &str);
    #[wasm_bindgen(method, js_name = highlightStep)]
    fn highlight_step(this: &EditorHandle, json: &str);
    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// Whether the editor bundle loaded (the browser unit tests run without it).
fn code_editor_available() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"thicketEditor".into()).unwrap_or(false)
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
    /// Markers: spans are byte offsets into `diagnostics_source`.
    pub diagnostics: Shared<Vec<Diagnostic>>,
    pub diagnostics_source: AttrValue,
    /// The lines of a step to highlight: a span of byte offsets into `step_source`.
    #[prop_or_default]
    pub step: Option<Span>,
    #[prop_or_default]
    pub step_source: AttrValue,
}

struct Mounted {
    handle: EditorHandle,
    _on_change: Closure<dyn FnMut(String)>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.handle.destroy();
    }
}

/// The spec's text: CodeMirror when its bundle is loaded, a plain text area otherwise.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let host = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The editor outlives renders; it must always call the latest callback.
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();
    let fallback = use_state(|| !code_editor_available());

    {
        let (host, mounted, on_change, value) = (
            host.clone(),
            mounted.clone(),
            on_change.clone(),
            props.value.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(parent) = host
                .cast::<web_sys::Element>()
                .filter(|_| code_editor_available())
            {
                let changed = Closure::<dyn FnMut(String)>::new(move |text: String| {
                    on_change.borrow().emit(text)
                });
                let handle = create_editor(&parent, &value, &changed);
                *mounted.borrow_mut() = Some(Mounted {
                    handle,
                    _on_change: changed,
                });
            }
            move || drop(mounted.borrow_mut().take())
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(m) = mounted.borrow().as_ref() {
                if m.handle.get_text() != value.as_str() {
                    m.handle.set_text(value);
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        let source = props.diagnostics_source.clone();
        use_effect_with(
            (props.diagnostics.clone(), props.value.clone()),
            move |(diagnostics, value)| {
                if let Some(m) = mounted.borrow().as_ref() {
                    // Markers only make sense on the text they were computed from.
                    let current = source == *value;
                    m.handle.set_diagnostics(&markers_json(
                        &source,
                        if current { diagnostics } else { &[] },
                    ));
                }
            },
        );
    }

    {
        let mounted = mounted.clone();
        let source = props.step_source.clone();
        use_effect_with((props.step, props.value.clone()), move |(step, value)| {
            if let Some(m) = mounted.borrow().as_ref() {
                // A step's place is only known in the text that was checked.
                let range = step.filter(|_| source == *value).map(|span| StepRange {
                    from: format::utf16_offset(&source, span.start),
                    to: format::utf16_offset(&source, span.end.max(span.start)),
                });
                m.handle
                    .highlight_step(&serde_json::to_string(&range).expect("a range is plain data"));
            }
        });
    }

    if *fallback {
        return textarea(props);
    }
    html! { <div class="editor" ref={host} /> }
}

fn textarea(props: &EditorProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    html! {
        <div class="editor">
            <textarea
                class="editor-text"
                aria-label="Spec text"
                spellcheck="false"
                autocomplete="off"
                value={props.value.clone()}
                oninput={on_input}
            />
        </div>
    }
}

#[derive(Serialize)]
struct StepRange {
    from: u32,
    to: u32,
}

#[derive(Serialize)]
struct Marker {
    from: u32,
    to: u32,
    severity: &'static str,
    message: String,
}

/// The editor's markers, as JSON, with offsets in UTF-16 units.
pub fn markers_json(source: &str, diagnostics: &[Diagnostic]) -> String {
    let markers: Vec<Marker> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            for hint in &d.hints {
                message.push('\n');
                message.push_str(hint);
            }
            Marker {
                from: format::utf16_offset(source, d.span.start),
                to: format::utf16_offset(source, d.span.end.max(d.span.start)),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                message,
            }
        })
        .collect();
    serde_json::to_string(&markers).expect("markers are plain data")
}
