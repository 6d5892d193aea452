//! The text survives a reload: it is kept in the browser's local storage. The main tab's text
//! is under `thicket.source` as it always was (so text saved before tabs comes back), the
//! other tabs under `thicket.modules` (JSON), absent when there are none.

use crate::protocol::{Document, ModuleFile};

const KEY: &str = "thicket.source";
const MODULES_KEY: &str = "thicket.modules";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load_source() -> Option<Document> {
    load_document(KEY, MODULES_KEY)
}

pub fn save_source(document: &Document) {
    save_document(KEY, MODULES_KEY, document);
}

/// The document saved under `key` (its main text) and `modules_key` (its other files).
pub fn load_document(key: &str, modules_key: &str) -> Option<Document> {
    let storage = local_storage()?;
    let text = storage
        .get_item(key)
        .ok()?
        .filter(|s| !s.trim().is_empty())?;
    let modules: Vec<ModuleFile> = storage
        .get_item(modules_key)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    Some(Document { text, modules })
}

/// Save `document` under `key` and `modules_key`; whether it was saved.
pub fn save_document(key: &str, modules_key: &str, document: &Document) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    // A full or disabled storage only loses autosave.
    let saved = storage.set_item(key, &document.text).is_ok();
    let modules = match document.modules.as_slice() {
        [] => storage.remove_item(modules_key),
        modules => storage.set_item(
            modules_key,
            &serde_json::to_string(modules).expect("plain data"),
        ),
    };
    saved && modules.is_ok()
}

/// Forget the document saved under `key` and `modules_key`.
pub fn drop_document(key: &str, modules_key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
        let _ = storage.remove_item(modules_key);
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
