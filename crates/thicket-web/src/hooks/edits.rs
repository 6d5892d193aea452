//! What follows each edit of the text: it is saved, and parsed for markers once typing pauses.

use std::cell::Cell;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::protocol::Request;
use crate::state::AppState;
use crate::storage;

/// How long typing must pause before the text is parsed for markers.
const PARSE_DELAY: Duration = Duration::from_millis(350);

/// After each edit: save the text (not in a widget), and ask the worker through `on_ask` to
/// parse it once typing pauses.
#[hook]
pub fn use_save_and_parse(
    state: &UseReducerHandle<AppState>,
    on_ask: &Callback<Request>,
    embedded: bool,
) {
    let latest_version = use_mut_ref(|| Cell::new(0u32));
    let on_ask = on_ask.clone();
    let document = state.document();
    use_effect_with(state.version, move |&version| {
        latest_version.borrow().set(version);
        if version > 0 && !embedded {
            storage::save_source(&document);
        }
        // Also on load: the text may be an autosaved one with errors, and the worker's
        // wasm is then loaded before the first Check.
        spawn_local(async move {
            sleep(PARSE_DELAY).await;
            if latest_version.borrow().get() == version {
                on_ask.emit(Request::Diagnose {
                    version,
                    source: document,
                });
            }
        });
    });
}
