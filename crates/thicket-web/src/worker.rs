//! The checker's side of the Web Worker: runs `thicket-check` off the main thread.
//!
//! Architecture invariant: the worker only adapts; it calls the core crates' public functions
//! and forwards their plain results. No checking logic lives here.
//!
//! A run is synchronous, so the worker cannot read a "cancel" message while it checks: the page
//! cancels by terminating the worker and starting a fresh one.

use std::cell::RefCell;

use gloo_worker::{HandlerId, Worker, WorkerScope};
use thicket_check::Session;
use thicket_check::{CheckOptions, Progress, TreeOptions, TreeReport};
use thicket_syntax::Diagnostic;

use crate::protocol::{
    CheckRequest, CountRequest, Document, ExpandRequest, JsonCodec, MemberRequest, Request,
    Response, TlcExport, TreeError,
};

/// Minimum interval between two progress messages, so a fast run does not flood the page.
const PROGRESS_INTERVAL_MS: u64 = 50;

/// Holds the session of the last text asked about, so that repeated questions about one text
/// (counting, membership, each step of the stepper) reuse its state graph.
#[derive(Default)]
pub struct Checker {
    session: Option<(Document, Session)>,
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
            Request::Check(request) => {
                if let Some((property, trace_states)) = check(&request, &respond) {
                    let options = TreeOptions {
                        depth: crate::state::depth_to_show(request.tree_depth, trace_states),
                        max_nodes: request.max_tree_nodes,
                        property,
                    };
                    respond(Response::Tree(self.tree(&request.source, &options)));
                }
            }
            Request::Unfold(request) => {
                let options = TreeOptions {
                    depth: request.depth,
                    max_nodes: request.max_nodes,
                    property: request.property,
                };
                respond(Response::Tree(self.tree(&request.source, &options)));
            }
            Request::Diagnose { version, source } => {
                let modules = source.module_source();
                let diagnostics =
                    thicket_syntax::parse_program("", &source.text, &modules).diagnostics;
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
                property,
            } => {
                let answer = match self.session(&source) {
                    Ok(s) => s
                        .children_against(&path, property.as_deref())
                        .map_err(TreeError::from),
                    Err(diagnostics) => Err(TreeError::Text(diagnostics)),
                };
                respond(Response::Children {
                    ticket,
                    path,
                    answer,
                });
            }
            Request::Expand(ExpandRequest {
                epoch,
                source,
                path,
                levels,
                max_nodes,
                property,
            }) => {
                let answer = match self.session(&source) {
                    Ok(s) => s
                        .expand(&path, levels, max_nodes, property.as_deref())
                        .map_err(TreeError::from),
                    Err(diagnostics) => Err(TreeError::Text(diagnostics)),
                };
                respond(Response::Expanded {
                    epoch,
                    path,
                    levels,
                    answer,
                });
            }
            Request::ExportTlc { ticket, source } => {
                let answer =
                    thicket_check::export::for_tlc(&source.text, None).map(|e| TlcExport {
                        module_name: e.module_name,
                        module: e.module,
                        config: e.config,
                    });
                respond(Response::ExportedTlc { ticket, answer });
            }
        }
        SERVING.with(|serving| *serving.borrow_mut() = None);
    }
}

impl Checker {
    /// The behavior tree, from the session (so that expanding a node afterwards reuses its
    /// state graph), or the text's diagnostics.
    fn tree(&mut self, source: &Document, options: &TreeOptions) -> TreeReport {
        match self.session(source) {
            Ok(s) => s.tree(options),
            Err(diagnostics) => TreeReport {
                nodes: vec![],
                roots: vec![],
                property: None,
                properties: vec![],
                truncated: false,
                diagnostics,
                error: None,
            },
        }
    }

    /// The session for `source`, opened again only when the text has changed.
    fn session(&mut self, source: &Document) -> Result<&mut Session, Vec<Diagnostic>> {
        if self
            .session
            .as_ref()
            .is_none_or(|(document, _)| document != source)
        {
            self.session = None;
            let session = Session::open(as_source(source, &source.module_source()), None)?;
            self.session = Some((source.clone(), session));
        }
        Ok(&mut self.session.as_mut().expect("opened above").1)
    }
}

/// A document as the checker reads it: its main text, its module files beside it.
fn as_source<'a>(
    document: &'a Document,
    modules: &'a thicket_syntax::modules::InMemory,
) -> thicket_check::Source<'a> {
    thicket_check::Source {
        path: "",
        text: &document.text,
        modules,
    }
}

/// The most distinct states a check explores in the page (a few hundred megabytes of the
/// worker's memory); beyond, the run stops and says where to go on: the CLI or TLC.
pub const PAGE_MAX_STATES: u64 = 10_000_000;

/// The page wants a verdict for every property, so a run goes on after the first violation.
pub fn check_options(max_states: u64) -> CheckOptions {
    CheckOptions {
        continue_after_violation: true,
        max_states: Some(max_states),
        ..CheckOptions::default()
    }
}

/// Run a check as the page does, with at most `max_states` distinct states: a run stopped there
/// says so and where a bigger run is at home.
pub fn check_in_page(
    source: &Document,
    max_states: u64,
    on_progress: &mut dyn FnMut(&Progress) -> bool,
) -> thicket_check::CheckReport {
    let modules = source.module_source();
    let mut report = thicket_check::check_source(
        as_source(source, &modules),
        None,
        &check_options(max_states),
        on_progress,
    );
    if report.result == thicket_check::Outcome::LimitReached && report.distinct_states >= max_states
    {
        report.message = Some(format!(
            "Stopped after {} distinct states, the most the page explores. Run `thicket check` on your machine (it uses every core), or export the spec for TLC (Share, then \"For TLC\").",
            crate::format::count(report.distinct_states)
        ));
    }
    report
}

/// Check every property, telling the page as it goes; when the text parses, the property the
/// tree should highlight (the one violated, if any) comes back for the tree that follows, with
/// the length of the counterexample (the tree unfolds deep enough to show it).
fn check(request: &CheckRequest, respond: &dyn Fn(Response)) -> Option<(Option<String>, usize)> {
    let mut last_sent: Option<u64> = None;
    let mut on_progress = |progress: &Progress| {
        let due = last_sent.is_none_or(|last| progress.elapsed_ms >= last + PROGRESS_INTERVAL_MS);
        if due {
            last_sent = Some(progress.elapsed_ms);
            respond(Response::Progress(*progress));
        }
        true
    };
    let report = check_in_page(&request.source, PAGE_MAX_STATES, &mut on_progress);
    let unfolds = crate::protocol::unfolds_tree(&report);
    let property = report.property.clone();
    let trace_states = report.trace.len();
    respond(Response::Checked(report));
    unfolds.then_some((property, trace_states))
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::Outcome;

    const ENDLESS: &str = "---- MODULE endless ----\nEXTENDS Integers\n(* --algorithm Endless\nvariables x = 0, y = 0;\nbegin\n  Loop:\n    while TRUE do\n      either x := (x + 1) % 3000; or y := (y + 1) % 3000; end either;\n    end while;\nend algorithm; *)\n====\n";

    #[test]
    fn a_run_too_big_for_the_page_stops_and_says_where_to_go_on() {
        let report = check_in_page(&Document::text(ENDLESS), 1_000, &mut |_| true);
        assert_eq!(report.result, Outcome::LimitReached);
        assert_eq!(report.distinct_states, 1_000);
        let message = report.message.unwrap();
        assert!(
            message.starts_with("Stopped after 1,000 distinct states"),
            "{message}"
        );
        assert!(
            message.contains("thicket check") && message.contains("TLC"),
            "{message}"
        );
    }

    #[test]
    fn module_files_are_read_as_the_modules_of_one_text_are() {
        let counter = "---- MODULE Counter ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1\n====\n";
        let mc = "---- MODULE MC ----\nEXTENDS Counter\nInv == x < 3\n(* --model\nINIT Init\nNEXT Next\nINVARIANT Inv\n*)\n====\n";
        let one = check_in_page(
            &Document::text(&format!("{counter}{mc}")),
            1_000,
            &mut |_| true,
        );
        let two = Document {
            text: mc.into(),
            modules: vec![crate::protocol::ModuleFile {
                name: "Counter.tla".into(),
                text: counter.into(),
            }],
        };
        let tabs = check_in_page(&two, 1_000, &mut |_| true);
        assert_eq!(
            one.result,
            Outcome::InvariantViolated,
            "{:?}",
            one.diagnostics
        );
        assert_eq!(
            (tabs.result, tabs.distinct_states, tabs.trace.len()),
            (one.result, one.distinct_states, one.trace.len())
        );
        // Without the file, the module is missing, and the message says where to put it.
        let alone = check_in_page(&Document::text(mc), 1_000, &mut |_| true);
        assert_eq!(alone.result, Outcome::Error);
    }

    #[test]
    fn a_run_within_the_limit_is_the_checkers_own() {
        let source = crate::examples::EXAMPLES[0].source;
        let page = check_in_page(&Document::text(source), 1_000, &mut |_| true);
        let cli = thicket_check::check_source(
            source,
            None,
            &CheckOptions {
                continue_after_violation: true,
                ..CheckOptions::default()
            },
            &mut |_| true,
        );
        assert_eq!(
            (page.result, page.distinct_states, page.message),
            (cli.result, cli.distinct_states, cli.message)
        );
    }
}
