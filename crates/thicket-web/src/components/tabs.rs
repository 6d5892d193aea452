//! The editor's tabs: one a module file, the first the one checked (marked so); add one (`+`,
//! named at once), rename one (double-click, or its menu), close one (never the last), or make
//! another the one checked (its menu).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The tabs' names, the main tab's (the one checked) first.
    pub names: Vec<AttrValue>,
    /// The tab shown.
    pub active: usize,
    /// Whether each tab holds an error.
    pub errors: Vec<bool>,
    /// A read-only widget: tabs can be shown, not changed.
    #[prop_or_default]
    pub read_only: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    // The tab whose name is being typed.
    let renaming = use_state(|| None::<usize>);
    let on_add = {
        let (on_action, renaming, count) =
            (props.on_action.clone(), renaming.clone(), props.names.len());
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::AddTab);
            renaming.set(Some(count));
        })
    };
    let closable = props.names.len() > 1 && !props.read_only;
    html! {
        <div class="tabs" role="tablist" aria-label="Module files">
            { for props.names.iter().enumerate().map(|(i, name)| html! {
                <TabItem
                    key={name.to_string()}
                    index={i}
                    name={name.clone()}
                    active={i == props.active}
                    error={props.errors.get(i).copied().unwrap_or(false)}
                    renaming={*renaming == Some(i)}
                    {closable}
                    read_only={props.read_only}
                    on_action={props.on_action.clone()}
                    on_renaming={let r = renaming.clone(); Callback::from(move |on: bool| r.set(on.then_some(i)))}
                />
            }) }
            if !props.read_only {
                <button class="tab-add" id="add-tab" title="Add a module file" aria-label="Add a module file" onclick={on_add}>{ "+" }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TabMenuProps {
    index: usize,
    on_action: Callback<Action>,
    on_rename: Callback<()>,
}

/// The menu of a module tab: rename it, or check it instead of the main one.
#[function_component(TabMenu)]
fn tab_menu(props: &TabMenuProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let rename = {
        let (open, on_rename) = (open.clone(), props.on_rename.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_rename.emit(());
        })
    };
    let i = props.index;
    let check_this = props
        .on_action
        .reform(move |_: MouseEvent| Action::CheckTab(i));
    html! {
        <span class="tab-menu-holder">
            <button class="tab-menu-button" id="tab-menu" title="Rename, or check this file" aria-haspopup="menu" aria-expanded={open.to_string()} onclick={toggle}>{ "▾" }</button>
            if *open {
                <div class="tab-menu" role="menu">
                    <button role="menuitem" id="rename-tab" onclick={rename}>{ "Rename…" }</button>
                    <button role="menuitem" id="check-this-tab" onclick={check_this}>{ "Check this file (make it the main one)" }</button>
                </div>
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct TabItemProps {
    index: usize,
    name: AttrValue,
    active: bool,
    error: bool,
    renaming: bool,
    closable: bool,
    read_only: bool,
    on_action: Callback<Action>,
    on_renaming: Callback<bool>,
}

/// One tab: its name (or the box to rename it), its marks, its close button.
#[function_component(TabItem)]
fn tab_item(props: &TabItemProps) -> Html {
    let i = props.index;
    let main = i == 0;
    let show = props
        .on_action
        .reform(move |_: MouseEvent| Action::ShowTab(i));
    let start_rename = {
        let (on_renaming, allowed) = (props.on_renaming.clone(), !main && !props.read_only);
        Callback::from(move |_: MouseEvent| {
            if allowed {
                on_renaming.emit(true)
            }
        })
    };
    let close = props
        .on_action
        .reform(move |_: MouseEvent| Action::CloseTab(i));
    let title = if main {
        format!("{}: the file checked", props.name)
    } else if props.read_only {
        props.name.to_string()
    } else {
        format!(
            "{}: a module the checked file can EXTEND or INSTANCE (double-click to rename)",
            props.name
        )
    };
    html! {
        <div
            class={classes!("tab", props.active.then_some("active"), main.then_some("main"), props.error.then_some("has-errors"))}
            data-tab={props.name.clone()}
        >
            if props.renaming {
                <RenameBox index={i} name={props.name.clone()} on_action={props.on_action.clone()} on_done={props.on_renaming.reform(|()| false)} />
            } else {
                <button class="tab-name" role="tab" aria-selected={props.active.to_string()} {title} onclick={show} ondblclick={start_rename}>
                    <span class="tab-label">{ props.name.clone() }</span>
                    if main {
                        <span class="tab-checked">{ "checked" }</span>
                    }
                    if props.error {
                        <span class="tab-error" role="img" aria-label="has errors">{ "●" }</span>
                    }
                </button>
            }
            if props.active && !main && !props.read_only && !props.renaming {
                <TabMenu index={i} on_action={props.on_action.clone()} on_rename={props.on_renaming.reform(|()| true)} />
            }
            if props.closable {
                <button class="tab-close" title={format!("Close {}", props.name)} aria-label={format!("Close {}", props.name)} onclick={close}>{ "×" }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RenameBoxProps {
    index: usize,
    name: AttrValue,
    on_action: Callback<Action>,
    on_done: Callback<()>,
}

/// The box a tab's new name is typed in: Enter or leaving it renames, Escape does not.
#[function_component(RenameBox)]
fn rename_box(props: &RenameBoxProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    // Once Enter or Escape ended it, the blur of the box going away changes nothing.
    let done = use_mut_ref(|| false);
    let commit = {
        let (on_action, on_done, i) = (props.on_action.clone(), props.on_done.clone(), props.index);
        let done = done.clone();
        move |value: Option<String>| {
            if done.replace(true) {
                return;
            }
            if let Some(value) = value {
                on_action.emit(Action::RenameTab(i, value));
            }
            on_done.emit(());
        }
    };
    let on_keydown = {
        let commit = commit.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => commit(Some(e.target_unchecked_into::<HtmlInputElement>().value())),
            "Escape" => commit(None),
            _ => {}
        })
    };
    let on_blur = Callback::from(move |e: FocusEvent| {
        commit(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
    });
    html! {
        <input
            ref={input}
            class="tab-rename"
            aria-label="File name"
            value={props.name.clone()}
            spellcheck="false"
            onkeydown={on_keydown}
            onblur={on_blur}
        />
    }
}
