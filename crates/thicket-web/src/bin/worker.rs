//! The checker's Web Worker (Trunk builds it as `worker.js` + `worker_bg.wasm`).

fn main() {
    thicket_web::worker::register();
}
