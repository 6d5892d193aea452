//! Browser tests (headless Chromium via wasm-bindgen-test): the page mounts and shows the
//! counter, and the checker's API runs in wasm32 as it does natively.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use thicket_web::app::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
async fn the_page_mounts_with_the_counter_in_the_editor() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<App>::with_root(host.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;

    let text: web_sys::HtmlTextAreaElement = wasm_bindgen::JsCast::dyn_into(
        host.query_selector(".editor-text")
            .unwrap()
            .expect("an editor"),
    )
    .unwrap();
    assert!(text.value().contains("MODULE counter"), "{}", text.value());
    let check = host
        .query_selector("#check")
        .unwrap()
        .expect("a Check button");
    assert_eq!(
        check.text_content().unwrap().trim_end_matches("Ctrl ↵"),
        "Check"
    );
    assert!(
        host.query_selector("svg.tree").unwrap().is_none(),
        "no tree before a check"
    );
}

#[wasm_bindgen_test]
fn the_checker_runs_in_wasm_and_finds_the_counterexample() {
    let source = thicket_web::examples::EXAMPLES[0].source;
    let report = thicket_web::worker::check_in_page(
        &thicket_web::protocol::Document::text(source),
        thicket_web::worker::PAGE_MAX_STATES,
        &mut |_| true,
    );
    let verdict = |name: &str| {
        report
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.verdict)
    };
    assert_eq!(
        verdict("NoNegativeGets"),
        Some(thicket_check::Verdict::Holds)
    );
    assert_eq!(
        verdict("AllPositiveGets"),
        Some(thicket_check::Verdict::Violated)
    );
    assert!(
        report.trace.len() >= 2,
        "a counterexample of at least one step: {:?}",
        report.trace
    );
}
