//! Work that reads the page's layout (a size, a scroll extent) runs at the start of the next
//! frame, where the browser lays the page out anyway: read in the task that changed the page,
//! it would lay the page out there too, and make that task long.

use wasm_bindgen::JsCast;

/// Run `f` at the start of the next frame.
pub fn after_layout(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(callback.unchecked_ref());
    }
}
