//! The text survives a reload: it is kept in the browser's local storage.

const KEY: &str = "thicket.source";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_source() -> Option<String> {
    local_storage()?
        .get_item(KEY)
        .ok()?
        .filter(|s| !s.trim().is_empty())
}

pub fn save_source(source: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(KEY, source); // a full or disabled storage only loses autosave
    }
}

const THEME_KEY: &str = "thicket.theme";

/// The theme the reader chose (`light` or `dark`); none: follow the system.
pub fn load_theme() -> Option<String> {
    local_storage()?
        .get_item(THEME_KEY)
        .ok()?
        .filter(|t| t == "light" || t == "dark")
}

pub fn save_theme(theme: Option<&str>) {
    if let Some(storage) = local_storage() {
        let _ = match theme {
            Some(theme) => storage.set_item(THEME_KEY, theme),
            None => storage.remove_item(THEME_KEY),
        };
    }
}

const VARS_KEY: &str = "thicket.vars";

/// The variables the reader chose for the tree's nodes, if any.
pub fn load_vars() -> Option<Vec<String>> {
    let text = local_storage()?.get_item(VARS_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save_vars(vars: Option<&[String]>) {
    if let Some(storage) = local_storage() {
        let _ = match vars.and_then(|v| serde_json::to_string(v).ok()) {
            Some(text) => storage.set_item(VARS_KEY, &text),
            None => storage.remove_item(VARS_KEY),
        };
    }
}
