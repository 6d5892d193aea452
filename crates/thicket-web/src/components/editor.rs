use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

/// The spec's text.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
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
