//! The spec written out for TLC (plain PlusCal and a .cfg), made by the worker when asked (the
//! translation is the checker's, and too heavy for the page), and downloaded when it comes.

use thicket_syntax::Diagnostic;
use yew::prelude::*;

use crate::page_js;
use crate::protocol::{Request, TlcExport};
use crate::questions::{next_ticket, Answer};

/// Whether an export asked for is still on its way, and the callback that asks the worker for
/// one of `source` through `on_ask` (`true`: the .cfg, else the module). `tlc` is the worker's
/// latest export: the one asked for last is downloaded when it comes.
#[hook]
pub fn use_tlc_export(
    source: &crate::protocol::Document,
    tlc: &Answer<TlcExport, Vec<Diagnostic>>,
    on_ask: &Callback<Request>,
) -> (bool, Callback<bool>) {
    let tlc_asked = use_state(|| None::<(u32, bool)>);
    {
        let tlc_asked = tlc_asked.clone();
        use_effect_with(tlc.clone(), move |tlc| {
            let Some((ticket, answer)) = tlc else { return };
            let Some((asked, config)) = *tlc_asked else {
                return;
            };
            if *ticket != asked {
                return;
            }
            tlc_asked.set(None);
            download(answer, config);
        });
    }
    let export_tlc = {
        let (source, on_ask, tlc_asked) = (source.clone(), on_ask.clone(), tlc_asked.clone());
        Callback::from(move |config: bool| {
            let ticket = next_ticket();
            tlc_asked.set(Some((ticket, config)));
            on_ask.emit(Request::ExportTlc {
                ticket,
                source: source.clone(),
            });
        })
    };
    (tlc_asked.is_some(), export_tlc)
}

/// Download the .cfg (`config`) or the module of an export, or why there is none.
fn download(answer: &Result<TlcExport, Vec<Diagnostic>>, config: bool) {
    match answer {
        Ok(e) if config => {
            page_js::download_text(&format!("{}.cfg", e.module_name), "text/plain", &e.config)
        }
        Ok(e) => page_js::download_text(&format!("{}.tla", e.module_name), "text/plain", &e.module),
        Err(_) => page_js::download_text(
            "errors.txt",
            "text/plain",
            "The spec has errors: fix them, then export it for TLC.",
        ),
    }
}
