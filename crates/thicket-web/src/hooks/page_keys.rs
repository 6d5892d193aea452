//! The page's shortcuts, wherever the focus is (the page's body too): Ctrl/Cmd-Enter checks,
//! `?` and Esc open and close the list of shortcuts, Esc leaves the tree in the whole window.

use yew::prelude::*;

/// One keydown listener on the window for the page's shortcuts. `on_check` may change each
/// render: the listener always calls the latest.
#[hook]
pub fn use_page_keys(
    on_check: &Callback<()>,
    shortcuts_open: &UseStateHandle<bool>,
    full_tree: &UseStateHandle<bool>,
    embedded: bool,
) {
    let latest_check = use_mut_ref(|| on_check.clone());
    *latest_check.borrow_mut() = on_check.clone();
    let (shortcuts_open, full_tree) = (shortcuts_open.clone(), full_tree.clone());
    use_effect_with((*shortcuts_open, *full_tree), move |&(open, full)| {
        let listener = web_sys::window().map(|window| {
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            gloo_events::EventListener::new_with_options(
                &window,
                "keydown",
                options,
                move |event| {
                    let Some(e) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(event) else {
                        return;
                    };
                    if (e.ctrl_key() || e.meta_key()) && e.key() == "Enter" {
                        e.prevent_default();
                        latest_check.borrow().emit(());
                    } else if e.key() == "Escape" && open {
                        shortcuts_open.set(false);
                    } else if e.key() == "Escape" && full {
                        full_tree.set(false);
                    } else if e.key() == "?" && !embedded && !typing_in(e) {
                        e.prevent_default();
                        shortcuts_open.set(!open);
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// Whether a key goes into text (the editor, a field): it is then the text's, not a shortcut.
fn typing_in(e: &KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| {
            t.closest(".cm-editor, input, textarea, select")
                .ok()
                .flatten()
                .is_some()
        })
}
