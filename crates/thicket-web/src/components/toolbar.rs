use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub example: usize,
    pub tree_depth: u32,
    pub running: bool,
    pub on_example: Callback<usize>,
    pub on_depth: Callback<u32>,
    pub on_check: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |e: Event| {
            if let Ok(i) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                cb.emit(i);
            }
        })
    };
    let on_depth = {
        let cb = props.on_depth.clone();
        Callback::from(move |e: Event| {
            if let Ok(d) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                cb.emit(d);
            }
        })
    };
    let action = if props.running {
        let cb = props.on_cancel.clone();
        html! { <button class="button" id="cancel" onclick={move |_| cb.emit(())}>{ "Cancel" }</button> }
    } else {
        let cb = props.on_check.clone();
        html! {
            <button class="button primary" id="check" title="Check (Ctrl+Enter)" onclick={move |_| cb.emit(())}>
                { "Check" }<kbd>{ "Ctrl ↵" }</kbd>
            </button>
        }
    };
    html! {
        <>
        <div class="toolbar">
            <label class="field">
                <span>{ "Example" }</span>
                <select id="example" onchange={on_example} title={EXAMPLES[props.example].description}>
                    { for EXAMPLES.iter().enumerate().map(|(i, ex)| html! {
                        <option value={i.to_string()} selected={i == props.example}>{ ex.name }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ "Tree depth" }</span>
                <select id="depth" onchange={on_depth}>
                    { for (2..=crate::state::MAX_TREE_DEPTH).map(|d| html! {
                        <option value={d.to_string()} selected={d == props.tree_depth}>{ d }</option>
                    }) }
                </select>
            </label>
            <span class="spacer" />
            { action }
        </div>
        <p class="example-note">
            { for crate::format::code_spans(EXAMPLES[props.example].description).into_iter().map(|(code, text)| {
                if code { html! { <code>{ text }</code> } } else { html! { { text } } }
            }) }
        </p>
        </>
    }
}
