//! The embedded widget (`?embed`): the same page, fitted to a narrow iframe in a course page or
//! a blog. The link's `Embed` options choose what shows (by classes on the page's root, read by
//! `www/share.css`); the widget never autosaves, so it cannot touch the reader's own text in
//! the full page on the same site.

use thicket_share::Embed;
use yew::prelude::*;

use crate::components::share_menu::PANELS;

/// The root's classes for an embedded page: one `no-…` class per hidden part.
pub fn classes(embed: &Embed) -> Classes {
    let mut classes = classes!("embed");
    if embed.hide_editor {
        classes.push("no-editor");
    }
    if embed.read_only {
        classes.push("read-only");
    }
    if !embed.panels.is_empty() {
        for (name, _) in PANELS {
            if !embed.panels.iter().any(|p| p == name) {
                classes.push(format!("no-{name}"));
            }
        }
    }
    classes
}

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub module: AttrValue,
    /// The full page with the same spec and view.
    pub full_link: AttrValue,
}

/// The widget's one line of chrome: whose it is, and the way out to the full page.
#[function_component(EmbedBar)]
pub fn embed_bar(props: &EmbedBarProps) -> Html {
    html! {
        <header class="embed-bar">
            <svg class="brand-mark" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <circle cx="5" cy="12" r="2.6" />
                <circle cx="18" cy="5" r="2.6" />
                <circle cx="18" cy="12" r="2.6" />
                <circle cx="18" cy="19" r="2.6" />
                <path d="M7.4 11 C11 8 13 5.5 15.4 5.2 M7.6 12 H15.4 M7.4 13 C11 16 13 18.5 15.4 18.8" />
            </svg>
            <span class="embed-module">{ props.module.clone() }</span>
            <a class="embed-open" id="open-in-thicket" href={props.full_link.clone()} target="_blank" rel="noopener">
                { "Open in Thicket ↗" }
            </a>
        </header>
    }
}
