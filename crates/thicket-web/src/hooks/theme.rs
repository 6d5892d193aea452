//! The page's theme: light, dark, or the system's.

use yew::prelude::*;

use crate::link_view::Opened;
use crate::storage;

/// The theme (none: the system's) and the callback that changes it and saves the choice. At
/// first a link's, else the one the reader chose, else the system's; a widget always follows
/// its reader's system (the host page's preference).
#[hook]
pub fn use_theme(opened: &Opened) -> (Option<AttrValue>, Callback<Option<AttrValue>>) {
    let embedded = opened.embed.is_some();
    let theme = use_state(|| {
        let linked = opened.view.as_ref().and_then(|v| v.theme.clone());
        let theme = linked
            .filter(|t| t == "light" || t == "dark")
            .or_else(storage::load_theme);
        theme.filter(|_| !embedded).map(AttrValue::from)
    });
    use_effect_with((*theme).clone(), move |theme| {
        if !embedded {
            crate::page_js::set_theme(theme.as_deref().unwrap_or(""));
        }
    });
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |next: Option<AttrValue>| {
            storage::save_theme(next.as_deref());
            theme.set(next);
        })
    };
    ((*theme).clone(), on_theme)
}
