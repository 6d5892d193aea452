//! The checker's side of the Web Worker: runs `thicket-check` off the main thread.
//!
//! Architecture invariant: the worker only adapts; it calls the core crates' public functions
//! and forwards their plain results. No checking logic lives here.
//!
//! A run is synchronous, so the worker cannot read a "cancel" message while it checks: the page
//! cancels by terminating the worker and starting a fresh one.

use std::cell::RefCell;

use gloo_worker::{HandlerId, Worker, WorkerScope};
use thicket_check::session::Session;
use thicket_check::{CheckOptions, Progress, TreeOptions};
use thicket_syntax::Diagnostic;

use crate::protocol::{CheckRequest, CountRequest, JsonCodec, MemberRequest, Request, Response};

/// Minimum interval between two progress messages, so a fast run does not flood the page.
const PROGRESS_INTERVAL_MS: u64 = 50;

/// Holds the session of the last text asked about, so that repeated questions about one text
/// (counting, membership, each step of the stepper) reuse its state graph.
#[derive(Default)]
pub struct Checker {
    session: Option<(String, Session)>,
}

thread_local! {
    /// Whom to tell if the checker panics: the request being served.
    static SERVING: RefCell<Option<(WorkerScope<Checker>, HandlerId)>> = const { RefCell::new(None) };
}

/// Register the worker (the `worker` binary's `main`).
pub fn register() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("thicket worker: {message}").into());
        SERVING.with(|serving| {
            if let Ok(serving) = serving.try_borrow() {
                if let Some((scope, id)) = serving.as_ref() {
                    scope.respond(*id, Response::Crashed(message));
                }
            }
        });
    }));
    <Checker as gloo_worker::Registrable>::registrar()
        .encoding::<JsonCodec>()
        .register();
}

impl Worker for Checker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Checker::default()
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, id: HandlerId) {
        SERVING.with(|serving| *serving.borrow_mut() = Some((scope.clone(), id)));
        let respond = |response| scope.respond(id, response);
        match request {
            Request::Check(request) => check(request, &respond),
            Request::Unfold(request) => {
                let options = TreeOptions {
                    depth: request.depth,
                    max_nodes: request.max_nodes,
                    property: request.property,
                };
                respond(Response::Tree(thicket_check::tree_source(
                    &request.source,
                    None,
                    &options,
                )));
            }
            Request::Diagnose { version, source } => {
                let diagnostics = thicket_syntax::parse_document(&source).diagnostics;
                respond(Response::Diagnosed {
                    version,
                    diagnostics,
                });
            }
            Request::Count(CountRequest {
                ticket,
                source,
                property,
                length,
                examples,
            }) => {
                let answer = self
                    .session(&source)
                    .map(|s| s.count(&property, length, examples as usize));
                respond(Response::Counted { ticket, answer });
            }
            Request::Member(MemberRequest {
                ticket,
                source,
                property,
                behavior,
            }) => {
                let answer = self
                    .session(&source)
                    .map(|s| s.member(property.as_deref(), &behavior));
                respond(Response::Membership { ticket, answer });
            }
            Request::Children {
                ticket,
                source,
                path,
            } => {
                let answer = match self.session(&source) {
                    Ok(s) => s.children(&path),
                    Err(diagnostics) => Err(diagnostics
                        .first()
                        .map(|d| format!("the spec has errors: {}", d.message))
                        .unwrap_or_else(|| "the spec has errors".into())),
                };
                respond(Response::Children {
                    ticket,
                    path,
                    answer,
                });
            }
        }
        SERVING.with(|serving| *serving.borrow_mut() = None);
    }
}

impl Checker {
    /// The session for `source`, opened again only when the text has changed.
    fn session(&mut self, source: &str) -> Result<&mut Session, Vec<Diagnostic>> {
        if self.session.as_ref().is_none_or(|(text, _)| text != source) {
            self.session = None;
            self.session = Some((source.to_string(), Session::open(source, None)?));
        }
        Ok(&mut self.session.as_mut().expect("opened above").1)
    }
}

/// The page wants a verdict for every property, so a run goes on after the first violation.
pub fn check_options() -> CheckOptions {
    CheckOptions {
        continue_after_violation: true,
        ..CheckOptions::default()
    }
}

fn check(request: CheckRequest, respond: &dyn Fn(Response)) {
    let mut last_sent: Option<u64> = None;
    let mut on_progress = |progress: &Progress| {
        let due = last_sent.is_none_or(|last| progress.elapsed_ms >= last + PROGRESS_INTERVAL_MS);
        if due {
            last_sent = Some(progress.elapsed_ms);
            respond(Response::Progress(*progress));
        }
        true
    };
    let report =
        thicket_check::check_source(&request.source, None, &check_options(), &mut on_progress);
    let parsed = report.diagnostics.is_empty();
    let property = report.property.clone();
    respond(Response::Checked(report));
    if parsed {
        let options = TreeOptions {
            depth: request.tree_depth,
            max_nodes: request.max_tree_nodes,
            property,
        };
        respond(Response::Tree(thicket_check::tree_source(
            &request.source,
            None,
            &options,
        )));
    }
}
