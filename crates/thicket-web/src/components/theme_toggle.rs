use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// `light` or `dark`; none: the system's.
    pub theme: Option<AttrValue>,
    pub on_change: Callback<Option<AttrValue>>,
}

/// The theme after `theme`: system, light, dark, and round again.
pub fn next_theme(theme: Option<&str>) -> Option<&'static str> {
    match theme {
        None => Some("light"),
        Some("light") => Some("dark"),
        Some(_) => None,
    }
}

/// One button that goes round the themes: the system's, light, dark.
#[function_component(ThemeToggle)]
pub fn theme_toggle(props: &ThemeToggleProps) -> Html {
    let current = props.theme.as_deref();
    let (icon, name) = match current {
        Some("light") => ("☀", "light"),
        Some("dark") => ("☾", "dark"),
        _ => ("◐", "system"),
    };
    let onclick = {
        let on_change = props.on_change.clone();
        let next = next_theme(current).map(AttrValue::Static);
        Callback::from(move |_: MouseEvent| on_change.emit(next.clone()))
    };
    html! {
        <button
            class="icon-button bar-button theme-toggle"
            id="theme"
            data-theme-choice={name}
            title={format!("Theme: {name} (click for the next)")}
            aria-label={format!("Theme: {name}")}
            {onclick}
        >
            <span aria-hidden="true">{ icon }</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::next_theme;

    #[test]
    fn the_themes_go_round() {
        assert_eq!(next_theme(None), Some("light"));
        assert_eq!(next_theme(Some("light")), Some("dark"));
        assert_eq!(next_theme(Some("dark")), None);
    }
}
