use yew::prelude::*;

use crate::state::Notice;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    pub on_dismiss: Callback<()>,
}

/// A message above the workspace: a link just made, or a link that could not be opened.
#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let dismiss = {
        let cb = props.on_dismiss.clone();
        move |_| cb.emit(())
    };
    let body = match &props.notice {
        Notice::LinkBroken(why) => html! {
            <span>{ "The link could not be opened: " }{ why }{ ". Your own text is unchanged." }</span>
        },
    };
    let kind = match props.notice {
        Notice::LinkBroken(_) => "error",
    };
    html! {
        <div class={classes!("notice", kind)} role={if kind == "error" { "alert" } else { "status" }}>
            { body }
            <button class="icon-button" title="Dismiss" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
