//! The page's side of the Web Worker: start it, send requests, stop it.

use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::protocol::{JsonCodec, Request, Response, WORKER_PATH};
use crate::worker::Checker;

#[wasm_bindgen(inline_js = r#"
export function spawnCapturingWorker(spawn) {
    const Native = globalThis.Worker;
    let made = null;
    globalThis.Worker = function (...args) { made = new Native(...args); return made; };
    try { spawn(); } finally { globalThis.Worker = Native; }
    return made;
}
"#)]
extern "C" {
    /// Run `spawn` and return the `Worker` it constructed. gloo-worker keeps its native worker
    /// private, and only the native handle can `terminate()` a worker busy in a long run.
    #[wasm_bindgen(js_name = spawnCapturingWorker)]
    fn spawn_capturing_worker(spawn: &mut dyn FnMut()) -> Option<web_sys::Worker>;
}

/// A running checker worker. Dropping it terminates the worker, whatever it is doing.
pub struct CheckerClient {
    bridge: WorkerBridge<Checker>,
    native: Option<web_sys::Worker>,
    _on_error: Option<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
    /// Responses are handed on while this lives.
    _alive: Rc<()>,
}

impl CheckerClient {
    /// Start a worker; `on_response` receives every message it sends, and a `Crashed` message
    /// if the worker dies without saying why (a failed load, an out-of-memory trap).
    ///
    /// Each response is handed on in a task of its own (decoding a big answer and drawing it
    /// are then two tasks, and the page answers its reader between them; timers keep the
    /// order), and none is handed on once the client is dropped.
    pub fn spawn(on_response: Rc<dyn Fn(Response)>) -> CheckerClient {
        let alive = Rc::new(());
        let on_response: Rc<dyn Fn(Response)> = {
            let alive = Rc::downgrade(&alive);
            Rc::new(move |response: Response| {
                let (alive, on_response) = (alive.clone(), on_response.clone());
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::ZERO).await;
                    if alive.upgrade().is_some() {
                        on_response(response);
                    }
                });
            })
        };
        let mut bridge = None;
        let native = {
            let on_response = on_response.clone();
            spawn_capturing_worker(&mut || {
                let on_response = on_response.clone();
                bridge = Some(
                    Checker::spawner()
                        .callback(move |response| on_response(response))
                        .encoding::<JsonCodec>()
                        .spawn(WORKER_PATH),
                );
            })
        };
        let on_error = native.as_ref().map(|native| {
            let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
                move |event: web_sys::ErrorEvent| {
                    on_response(Response::Crashed(format!(
                        "the checker stopped: {}",
                        event.message()
                    )));
                },
            );
            native.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            on_error
        });
        CheckerClient {
            bridge: bridge.expect("the spawner ran"),
            native,
            _on_error: on_error,
            _alive: alive,
        }
    }

    pub fn send(&self, request: Request) {
        self.bridge.send(request);
    }
}

impl Drop for CheckerClient {
    fn drop(&mut self) {
        if let Some(native) = &self.native {
            native.set_onerror(None);
            native.terminate();
        }
    }
}
