use yew::prelude::*;

/// Every shortcut of the page, as (keys, what they do), by where they work.
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Anywhere",
        &[
            ("Ctrl/⌘ Enter", "Check the spec"),
            ("?", "Show or hide this list (outside the editor)"),
            ("Esc", "Close a menu or this list"),
        ],
    ),
    (
        "Editor",
        &[
            ("Ctrl/⌘ Z, Ctrl/⌘ Shift Z", "Undo, redo"),
            ("Ctrl/⌘ F", "Search (and replace)"),
            ("Tab, Shift Tab", "Indent, unindent"),
        ],
    ),
    (
        "Behavior tree",
        &[
            ("← →", "Parent, first child"),
            ("↑ ↓", "Previous, next sibling"),
            ("Enter, Space", "Select the focused state"),
            ("+ −", "Expand, collapse the selected state"),
            ("Drag, Ctrl/⌘ wheel", "Pan, zoom around the pointer"),
        ],
    ),
    (
        "Stepper",
        &[
            ("1 – 9", "Take an enabled step"),
            ("Backspace", "Undo the last step"),
        ],
    ),
];

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub open: bool,
    pub on_toggle: Callback<bool>,
}

/// The keyboard shortcuts: a button in the bar, and the list it opens.
#[function_component(Shortcuts)]
pub fn shortcuts(props: &ShortcutsProps) -> Html {
    let toggle = {
        let (on_toggle, open) = (props.on_toggle.clone(), props.open);
        Callback::from(move |_: MouseEvent| on_toggle.emit(!open))
    };
    let close = props.on_toggle.reform(|_: MouseEvent| false);
    html! {
        <div class="shortcuts">
            <button class="icon-button bar-button" id="shortcuts" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" aria-expanded={props.open.to_string()} onclick={toggle}>
                <span aria-hidden="true">{ "⌨" }</span>
            </button>
            if props.open {
                <div class="share-backdrop" onclick={close} />
                <div class="share-panel shortcuts-panel" role="dialog" aria-label="Keyboard shortcuts">
                    { for SHORTCUTS.iter().map(|(place, keys)| html! {
                        <section class="share-section">
                            <h3>{ *place }</h3>
                            <dl class="shortcut-list">
                                { for keys.iter().map(|(k, what)| html! {
                                    <>
                                        <dt><kbd>{ *k }</kbd></dt>
                                        <dd>{ *what }</dd>
                                    </>
                                }) }
                            </dl>
                        </section>
                    }) }
                </div>
            }
        </div>
    }
}
