//! The variable chooser: which variables the tree's nodes show.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VarChooserProps {
    /// Every variable of the spec, in order.
    pub all: Vec<String>,
    /// The ones shown now.
    pub shown: Vec<String>,
    /// A new choice (`None`: back to the default).
    pub on_change: Callback<Option<Vec<String>>>,
}

#[function_component(VarChooser)]
pub fn var_chooser(props: &VarChooserProps) -> Html {
    let toggle = |name: String| {
        let (all, shown, on_change) = (
            props.all.clone(),
            props.shown.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |_: Event| {
            let next: Vec<String> = all
                .iter()
                .filter(|v| (**v == name) != shown.contains(v))
                .cloned()
                .collect();
            // Showing nothing is not a choice: the nodes would all read alike.
            if !next.is_empty() {
                on_change.emit(Some(next));
            }
        })
    };
    let reset = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(None))
    };
    html! {
        <details class="var-chooser" id="var-chooser">
            <summary title="Which variables the states in the tree show">
                { format!("Variables: {} of {}", props.shown.len(), props.all.len()) }
            </summary>
            <div class="var-list" role="group" aria-label="Variables the tree shows">
                { for props.all.iter().map(|v| html! {
                    <label class="toggle" data-var={v.clone()}>
                        <input type="checkbox" checked={props.shown.contains(v)} onchange={toggle(v.clone())} />
                        <code>{ v }</code>
                    </label>
                }) }
                <button class="button small" id="var-default" onclick={reset} title="Every variable but the program counter and the call stack">{ "Default" }</button>
            </div>
        </details>
    }
}
