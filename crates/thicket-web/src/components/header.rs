use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Actions at the right end of the bar (the share menu).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    html! {
        <header class="topbar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <circle cx="5" cy="12" r="2.6" />
                    <circle cx="18" cy="5" r="2.6" />
                    <circle cx="18" cy="12" r="2.6" />
                    <circle cx="18" cy="19" r="2.6" />
                    <path d="M7.4 11 C11 8 13 5.5 15.4 5.2 M7.6 12 H15.4 M7.4 13 C11 16 13 18.5 15.4 18.8" />
                </svg>
                <span class="brand-name">{ "Thicket" }</span>
            </div>
            <p class="tagline">{ "A spec is a set of behaviors. Check it, and see the ones that break your property." }</p>
            <span class="topbar-note">{ "PlusCal · TLA+ · runs in your browser" }</span>
            { props.children.clone() }
        </header>
    }
}
