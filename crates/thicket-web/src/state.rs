//! The page's state and every way it changes: one reducer, explicit actions.

use std::collections::HashSet;
use std::rc::Rc;

use thicket_check::{CheckReport, Outcome, Progress, PropertyKind, TreeReport};
use thicket_syntax::ast::Span;
use thicket_syntax::Diagnostic;
use yew::Reducible;

use crate::examples::EXAMPLES;
use crate::protocol::{Document, ModuleFile, Response};

pub const DEFAULT_TREE_DEPTH: u32 = 6;
pub const MAX_TREE_DEPTH: u32 = 12;

/// The depth the tree is unfolded to after a check: the depth asked for, or deeper, up to
/// [`MAX_TREE_DEPTH`], so that the counterexample (of `trace_states` states) is in it. The
/// worker and the page both use it, so the depth select says what the tree shows.
pub fn depth_to_show(requested: u32, trace_states: usize) -> u32 {
    let needed = u32::try_from(trace_states)
        .unwrap_or(u32::MAX)
        .min(MAX_TREE_DEPTH);
    requested.max(needed)
}
/// The most nodes the tree holds, unfolded and expanded together (the worker stops there).
pub const MAX_TREE_NODES: u32 = 20_000;

/// A result shared between the state and the components; equal when it is the same result,
/// which is what re-rendering needs to know (and the tree has no `PartialEq` of its own).
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Nothing checked yet (or the text changed since).
    Idle,
    Checking,
    /// The verdicts are in; the behavior tree is being unfolded.
    Unfolding,
    Done,
    Cancelled,
    /// The worker died; the message says why.
    Failed(String),
}

impl Phase {
    pub fn is_running(&self) -> bool {
        matches!(self, Phase::Checking | Phase::Unfolding)
    }
}

/// A message above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The page was opened with a link that cannot be read; the text is the one you had.
    LinkBroken(String),
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub example: usize,
    /// The main tab's text: the one checked.
    pub source: Rc<str>,
    /// The other tabs: module files the main text may `EXTENDS` or `INSTANCE`.
    pub modules: Rc<Vec<ModuleFile>>,
    /// The tab shown in the editor: 0 the main one, `i` the module file `modules[i - 1]`.
    pub tab: usize,
    /// Bumped on every edit; answers about older text are ignored.
    pub version: u32,
    pub tree_depth: u32,
    pub phase: Phase,
    /// Counts the checks started: names the run the summary shows (tests wait on it).
    pub runs: u32,
    pub progress: Option<Progress>,
    pub report: Option<Shared<CheckReport>>,
    pub tree: Option<Shared<TreeReport>>,
    /// The text the current results are about (diagnostic spans point into it).
    pub checked_source: Rc<str>,
    /// The module files the current results were checked with.
    pub checked_modules: Rc<Vec<ModuleFile>>,
    /// The latest parse of the text being edited.
    pub live_diagnostics: Shared<Vec<Diagnostic>>,
    /// What the last check marks in its text: its errors (a parse's, or one found while
    /// exploring, at its place) and its warnings.
    pub report_marks: Shared<Vec<Diagnostic>>,
    pub selected: Option<u32>,
    pub notice: Option<Notice>,
    /// Check as soon as the page is up (opened from a link).
    pub auto_check: bool,
    /// The node a link selected, to select again once the tree is unfolded.
    pub pending_node: Option<Vec<u32>>,
    /// The latest answers about behavior sets (counts, membership, the stepper's next steps).
    pub answers: crate::questions::Answers,
    /// Names the tree shown: bumped whenever another tree replaces it, so that an expansion
    /// asked about an earlier tree is dropped.
    pub tree_epoch: u32,
    /// The depth the tree shown was unfolded to (what was asked, whatever the tree reached).
    pub unfolded_depth: u32,
    /// The tree's nodes known to have no further step (`expansion::dead_ends`).
    pub dead_ends: Shared<HashSet<u32>>,
    /// Expansions asked for and not answered yet.
    pub expanding: u32,
    /// What the last expansion of the tree came to, when it is worth saying.
    pub tree_note: Option<String>,
    /// Bumped whenever the worker is ended (a cancel, a crash): questions sent to it will not
    /// be answered, and whoever waits for one asks again or says so.
    pub worker_generation: u32,
    /// The step the reader points at in the behavior view: where it is written in the checked
    /// text (the editor highlights it while that text is the one shown).
    pub hovered_step: Option<Span>,
    /// The variables the reader chose for the tree's nodes (none: every data variable).
    pub shown_vars: Option<Vec<String>>,
}

impl AppState {
    /// The state the page opens in: a link's text and view if it has one, else the autosaved
    /// text, else the first example. A broken link keeps the autosaved text and says why.
    pub fn open(opened: crate::share::Opened, autosaved: Option<Document>) -> AppState {
        use crate::share::Opened;
        match opened {
            Opened::Nothing => AppState::new(autosaved),
            Opened::Broken(error) => AppState {
                notice: Some(Notice::LinkBroken(error.to_string())),
                ..AppState::new(autosaved)
            },
            Opened::Link(shared) => {
                let view = shared.view.unwrap_or_default();
                let mut s = AppState::new(Some(Document {
                    text: shared.text,
                    modules: shared.modules,
                }));
                s.tree_depth = view
                    .depth
                    .unwrap_or(DEFAULT_TREE_DEPTH)
                    .clamp(1, MAX_TREE_DEPTH);
                s.pending_node = view.node;
                s.shown_vars = view.vars.or(s.shown_vars);
                s.auto_check = true;
                s
            }
        }
    }

    pub fn new(document: Option<Document>) -> AppState {
        let document = document.unwrap_or_else(|| Document::text(EXAMPLES[0].source));
        let source: Rc<str> = document.text.into();
        let modules = Rc::new(document.modules);
        AppState {
            example: 0,
            source: source.clone(),
            modules: modules.clone(),
            tab: 0,
            checked_modules: modules,
            version: 0,
            tree_depth: DEFAULT_TREE_DEPTH,
            phase: Phase::Idle,
            runs: 0,
            progress: None,
            report: None,
            tree: None,
            checked_source: source,
            live_diagnostics: Shared::new(vec![]),
            report_marks: Shared::new(vec![]),
            selected: None,
            notice: None,
            auto_check: false,
            pending_node: None,
            answers: Default::default(),
            tree_epoch: 0,
            unfolded_depth: DEFAULT_TREE_DEPTH,
            dead_ends: Shared::new(HashSet::new()),
            expanding: 0,
            tree_note: None,
            worker_generation: 0,
            hovered_step: None,
            shown_vars: None,
        }
    }

    /// Diagnostics to show now: the check's if it found any in the text being shown, else the
    /// latest parse.
    /// After a depth change: the tree to unfold again, if the shown one is of the current text.
    pub fn unfold_request(&self) -> Option<crate::protocol::UnfoldRequest> {
        let tree = self.tree.as_ref()?;
        self.shows_checked()
            .then(|| crate::protocol::UnfoldRequest {
                source: self.document(),
                depth: self.tree_depth,
                max_nodes: MAX_TREE_NODES,
                property: tree.property.clone(),
            })
    }

    pub fn diagnostics(&self) -> (Document, &[Diagnostic]) {
        if !self.report_marks.is_empty() && !self.stale() {
            (self.checked_document(), &self.report_marks)
        } else {
            (self.document(), &self.live_diagnostics)
        }
    }

    /// The results shown are about a text that has been edited since: they are marked out of
    /// date until the next check.
    pub fn stale(&self) -> bool {
        self.report.is_some() && !self.shows_checked()
    }

    /// The texts being edited are the ones checked (every tab).
    pub fn shows_checked(&self) -> bool {
        self.checked_source == self.source && self.checked_modules == self.modules
    }

    /// What is being edited, as the worker checks it.
    pub fn document(&self) -> Document {
        Document {
            text: self.source.to_string(),
            modules: self.modules.to_vec(),
        }
    }

    /// What the current results are about.
    pub fn checked_document(&self) -> Document {
        Document {
            text: self.checked_source.to_string(),
            modules: self.checked_modules.to_vec(),
        }
    }

    /// The text of the tab shown.
    pub fn tab_text(&self) -> &str {
        match self.tab {
            0 => &self.source,
            i => self.modules.get(i - 1).map_or("", |m| &m.text),
        }
    }

    /// A change of the tabs (`change` gets the main text and the module files, and says
    /// whether it changed anything); the tab shown is then `tab`.
    fn change_tabs(
        &mut self,
        change: impl FnOnce(&mut String, &mut Vec<ModuleFile>) -> bool,
        tab: impl FnOnce(usize, usize) -> usize,
    ) -> bool {
        let (mut main, mut modules) = (self.source.to_string(), self.modules.to_vec());
        if !change(&mut main, &mut modules) {
            return false;
        }
        self.tab = tab(self.tab, modules.len()).min(modules.len());
        self.source = main.into();
        self.modules = Rc::new(modules);
        self.version += 1;
        true
    }
}

// An action lives only until the reducer takes it: boxing the worker's answers would cost an
// allocation each and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Action {
    /// The text of the tab shown.
    Edit(String),
    /// Every tab replaced (the text kept aside when a link or an example hid it).
    Restore(Document),
    /// Tabs: show one, add a module file, rename one (1 and up), close one, make one the main.
    ShowTab(usize),
    AddTab,
    RenameTab(usize, String),
    CloseTab(usize),
    CheckTab(usize),
    LoadExample(usize),
    SetDepth(u32),
    /// A check was sent to the worker.
    Started,
    /// The worker was ended (Cancel): a running check stops, unanswered questions are lost.
    Cancelled,
    /// An expansion of the tree was sent to the worker.
    Expanding,
    /// Something to say about the tree (an expansion that could not be asked).
    TreeNote(String),
    /// The variables the tree's nodes show (none: the default).
    ShowVars(Option<Vec<String>>),
    Received(Response),
    Select(Option<u32>),
    /// The reader points at a step (its text's span) or at none.
    HoverStep(Option<Span>),
    Dismiss,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(text) => {
                if s.tab_text() == text {
                    return self;
                }
                let tab = s.tab;
                s.change_tabs(
                    |main, modules| {
                        match tab {
                            0 => *main = text,
                            i => modules[i - 1].text = text,
                        }
                        true
                    },
                    |t, _| t,
                );
            }
            Action::Restore(document) => {
                s.change_tabs(
                    |main, modules| {
                        (*main, *modules) = (document.text, document.modules);
                        true
                    },
                    |_, _| 0,
                );
            }
            Action::ShowTab(tab) => {
                if tab == s.tab || tab > s.modules.len() {
                    return self;
                }
                s.tab = tab;
            }
            Action::AddTab => {
                s.change_tabs(
                    |main, modules| {
                        modules.push(crate::tabs::new_module(main, modules));
                        true
                    },
                    |_, n| n,
                );
            }
            Action::RenameTab(tab, name) => {
                if !s.change_tabs(
                    |main, modules| crate::tabs::rename(main, modules, tab, &name),
                    |t, _| t,
                ) {
                    return self;
                }
            }
            Action::CloseTab(tab) => {
                if !s.change_tabs(
                    |main, modules| crate::tabs::close(main, modules, tab),
                    |t, _| {
                        if t > tab || (t == tab && t > 0) {
                            t - 1
                        } else {
                            t
                        }
                    },
                ) {
                    return self;
                }
            }
            Action::CheckTab(tab) => {
                if !s.change_tabs(
                    |main, modules| crate::tabs::make_main(main, modules, tab),
                    |_, _| 0,
                ) {
                    return self;
                }
            }
            Action::LoadExample(i) => {
                let Some(example) = EXAMPLES.get(i) else {
                    return self;
                };
                s = AppState {
                    tree_depth: s.tree_depth,
                    version: s.version + 1,
                    tree_epoch: s.tree_epoch + 1,
                    worker_generation: s.worker_generation,
                    ..AppState::new(None)
                };
                s.example = i;
                s.source = example.source.into();
                s.checked_source = s.source.clone();
                s.checked_modules = s.modules.clone();
            }
            Action::SetDepth(depth) => {
                s.tree_depth = depth.clamp(1, MAX_TREE_DEPTH);
                if !s.phase.is_running() && s.unfold_request().is_some() {
                    s.phase = Phase::Unfolding;
                    s.unfolded_depth = s.tree_depth;
                }
            }
            Action::Started => {
                s.phase = Phase::Checking;
                s.runs += 1;
                s.unfolded_depth = s.tree_depth;
                s.new_tree();
                s.progress = None;
                s.report = None;
                s.report_marks = Shared::new(vec![]);
                s.tree = None;
                s.selected = None;
                s.checked_source = s.source.clone();
                s.checked_modules = s.modules.clone();
            }
            Action::Cancelled => {
                if s.phase.is_running() {
                    s.phase = Phase::Cancelled;
                }
                s.worker_ended();
            }
            Action::Expanding => {
                s.expanding += 1;
                s.tree_note = None;
            }
            Action::TreeNote(note) => s.tree_note = Some(note),
            Action::ShowVars(vars) => s.shown_vars = vars,
            Action::Select(id) => s.selected = id,
            Action::HoverStep(span) => {
                if s.hovered_step == span {
                    return self;
                }
                s.hovered_step = span;
            }
            Action::Dismiss => s.notice = None,
            Action::Received(response) => match response {
                Response::Progress(progress) => s.progress = Some(progress),
                Response::Checked(report) => {
                    let unfolds = crate::protocol::unfolds_tree(&report);
                    if unfolds {
                        s.tree_depth = depth_to_show(s.tree_depth, report.trace.len());
                        s.unfolded_depth = s.tree_depth;
                    }
                    s.phase = if unfolds {
                        Phase::Unfolding
                    } else {
                        Phase::Done
                    };
                    s.report_marks = Shared::new(report_marks(&report));
                    s.report = Some(Shared::new(report));
                }
                Response::Tree(tree) => {
                    s.phase = Phase::Done;
                    s.new_tree();
                    s.dead_ends = Shared::new(crate::expansion::dead_ends(&tree, s.unfolded_depth));
                    let linked = s.pending_node.take().and_then(|path| {
                        crate::questions::node_at_path(&tree, &path).map(|n| n.id)
                    });
                    s.selected = linked.or_else(|| last_on_counterexample(&tree));
                    s.tree = Some(Shared::new(tree));
                }
                Response::Diagnosed {
                    version,
                    diagnostics,
                } => {
                    if version != s.version {
                        return self;
                    }
                    s.live_diagnostics = Shared::new(diagnostics);
                }
                response @ (Response::Counted { .. }
                | Response::Membership { .. }
                | Response::Children { .. }) => {
                    s.answers.receive(response);
                }
                Response::Expanded {
                    epoch,
                    path,
                    levels,
                    answer,
                } => {
                    if epoch != s.tree_epoch {
                        return self;
                    }
                    s.expanding = s.expanding.saturating_sub(1);
                    s.receive_expansion(&path, levels, answer);
                }
                response @ Response::ExportedTlc { .. } => {
                    s.answers.receive(response);
                }
                Response::Crashed(message) => {
                    s.phase = Phase::Failed(message);
                    s.worker_ended();
                }
            },
        }
        Rc::new(s)
    }
}

impl AppState {
    /// Another tree is coming or has come: expansions of the old one no longer apply.
    fn new_tree(&mut self) {
        self.tree_epoch += 1;
        self.expanding = 0;
        self.tree_note = None;
        self.dead_ends = Shared::new(HashSet::new());
    }

    fn worker_ended(&mut self) {
        self.worker_generation += 1;
        if self.expanding > 0 {
            self.expanding = 0;
            self.tree_note = Some("The expansion was cancelled.".into());
        }
    }

    fn receive_expansion(
        &mut self,
        path: &[u32],
        levels: u32,
        answer: Result<thicket_check::Expansion, crate::protocol::TreeError>,
    ) {
        let Some(tree) = &self.tree else { return };
        let expansion = match answer {
            Ok(expansion) => expansion,
            Err(message) => {
                self.tree_note = Some(format!("Could not expand: {message}"));
                return;
            }
        };
        let truncated = expansion.truncated;
        let mut tree: TreeReport = (**tree).clone();
        let mut dead = (*self.dead_ends).clone();
        match crate::expansion::graft(&mut tree, path, levels, expansion, &mut dead) {
            Ok(grafted) => {
                self.tree_note = if truncated {
                    Some(format!(
                        "Stopped at {} nodes, the most the tree shows.",
                        crate::format::count(u64::from(MAX_TREE_NODES))
                    ))
                } else if grafted.no_steps {
                    Some("No step is enabled in that state.".into())
                } else if grafted.added == 0 {
                    Some("Nothing to add: every step below that state is already shown (a state seen before is unfolded where it first appears).".into())
                } else {
                    None
                };
                self.tree = Some(Shared::new(tree));
                self.dead_ends = Shared::new(dead);
            }
            Err(message) => self.tree_note = Some(format!("Could not expand: {message}")),
        }
    }
}

/// What a check marks in its text: its errors, the one found while exploring (at its place),
/// and its warnings.
pub fn report_marks(report: &CheckReport) -> Vec<Diagnostic> {
    let mut marks = report.diagnostics.clone();
    let found = matches!(
        report.result,
        Outcome::Error | Outcome::AssertionFailed | Outcome::AssumptionFailed
    );
    if let (true, Some(span), Some(message)) = (found, report.location, &report.message) {
        marks.push(Diagnostic::error(span, message.clone()));
    }
    marks.extend(report.warnings.iter().cloned());
    marks
}

/// The node where the highlighted counterexample ends: selected first, so its state shows.
fn last_on_counterexample(tree: &TreeReport) -> Option<u32> {
    tree.nodes
        .iter()
        .filter(|n| n.on_counterexample)
        .max_by_key(|n| n.depth)
        .map(|n| n.id)
}

/// A one-line verdict of a whole run, for the summary's headline.
pub fn headline(report: &CheckReport) -> String {
    let property = report.property.as_deref().unwrap_or("a property");
    match report.result {
        Outcome::Ok if report.properties.is_empty() => {
            "Every state was reached, and nothing else was checked: the model names no invariant or property".into()
        }
        Outcome::Ok if report.properties.iter().all(|p| p.kind == PropertyKind::Deadlock) => {
            "No deadlock, and nothing else was checked: the model names no invariant or property".into()
        }
        Outcome::Ok => "Every property holds".into(),
        Outcome::InvariantViolated | Outcome::PropertyViolated => format!("{property} is violated"),
        Outcome::Deadlock => "Deadlock: a behavior reaches a state with no next step".into(),
        Outcome::AssertionFailed => "An assertion failed".into(),
        Outcome::AssumptionFailed => "An assumption of the module does not hold".into(),
        Outcome::Error if report.diagnostics.is_empty() => "Checking stopped at an error".into(),
        Outcome::Error => "The spec has errors".into(),
        Outcome::LimitReached => "Stopped at a limit before exploring every state".into(),
        Outcome::Cancelled => "Cancelled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_goes_to_the_tab_shown_and_a_module_edited_makes_the_results_stale() {
        let counter = ModuleFile {
            name: "Counter.tla".into(),
            text: "---- MODULE Counter ----\n====\n".into(),
        };
        let s = Rc::new(AppState::new(Some(Document {
            text: "main".into(),
            modules: vec![counter.clone()],
        })))
        .reduce(Action::Started);
        let report = crate::worker::check_in_page(&Document::text("main"), 10, &mut |_| true);
        let s = s.reduce(Action::Received(Response::Checked(report)));
        assert!(!s.stale());
        let s = s
            .reduce(Action::ShowTab(1))
            .reduce(Action::Edit("changed".into()));
        assert_eq!(
            (&*s.source, s.modules[0].text.as_str()),
            ("main", "changed")
        );
        assert!(s.stale(), "a module's edit outdates the results");
        // Adding a tab shows it; closing it shows the one before.
        let s = s.reduce(Action::AddTab);
        assert_eq!((s.tab, s.modules.len()), (2, 2));
        let s = s.reduce(Action::CloseTab(2));
        assert_eq!((s.tab, s.modules.len()), (1, 1));
        // Checking another tab makes it the main one, shown first.
        let s = s.reduce(Action::CheckTab(1));
        assert_eq!((s.tab, &*s.source), (0, "changed"));
        assert_eq!(s.modules[0].text, "main");
    }

    #[test]
    fn edits_bump_the_version_and_stale_parses_are_ignored() {
        let s = Rc::new(AppState::new(Some(Document::text("a"))));
        let s = s.reduce(Action::Edit("ab".into()));
        assert_eq!(s.version, 1);
        let stale = Response::Diagnosed {
            version: 0,
            diagnostics: vec![Diagnostic::error(Default::default(), "x")],
        };
        let s = s.reduce(Action::Received(stale));
        assert!(s.live_diagnostics.is_empty());
    }

    #[test]
    fn the_tree_unfolds_deep_enough_to_show_the_counterexample() {
        assert_eq!(depth_to_show(6, 3), 6);
        assert_eq!(depth_to_show(6, 7), 7);
        assert_eq!(depth_to_show(6, 40), MAX_TREE_DEPTH);
        // The page's depth follows, so the select says what the worker unfolds.
        let source = crate::examples::EXAMPLES
            .iter()
            .find(|e| e.file == "die_hard.tla")
            .unwrap()
            .source;
        let report = crate::worker::check_in_page(
            &Document::text(source),
            crate::worker::PAGE_MAX_STATES,
            &mut |_| true,
        );
        assert_eq!(report.trace.len(), 7);
        let s = Rc::new(AppState::new(None))
            .reduce(Action::Started)
            .reduce(Action::Received(Response::Checked(report)));
        assert_eq!((s.tree_depth, s.unfolded_depth), (7, 7));
    }

    #[test]
    fn a_failed_assumption_ends_the_run_with_no_tree_to_wait_for() {
        // An ASSUME that fails: nothing is explored, and nothing is unfolded (the model the
        // tree would show is not one the spec allows), as the fuzz test found with Bosco.
        let source = "---- MODULE a ----\nEXTENDS Naturals\nCONSTANT N\nASSUME N > 3\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 5\n====\n";
        let cfg = "CONSTANT N = 2\nINIT Init\nNEXT Next\n";
        let report =
            thicket_check::check_source(source, Some(cfg), &Default::default(), &mut |_| true);
        assert_eq!(report.result, thicket_check::Outcome::AssumptionFailed);
        assert!(!crate::protocol::unfolds_tree(&report));
        let s = Rc::new(AppState::new(None))
            .reduce(Action::Started)
            .reduce(Action::Received(Response::Checked(report)));
        assert_eq!(s.phase, Phase::Done);
    }

    #[test]
    fn a_run_goes_checking_then_cancelled() {
        let s = Rc::new(AppState::new(None));
        assert!(s.source.contains("MODULE counter"));
        let s = s.reduce(Action::Started);
        assert!(s.phase.is_running());
        let s = s.reduce(Action::Cancelled);
        assert_eq!(s.phase, Phase::Cancelled);
        let s = s.reduce(Action::Cancelled);
        assert_eq!(s.phase, Phase::Cancelled);
    }

    #[test]
    fn a_new_depth_unfolds_again_only_the_tree_of_the_current_text() {
        let s = Rc::new(AppState::new(Some(Document::text("a")))).reduce(Action::Started);
        let tree = TreeReport {
            nodes: vec![],
            roots: vec![],
            property: Some("P".into()),
            properties: vec![],
            truncated: false,
            diagnostics: vec![],
            error: None,
        };
        let s = s.reduce(Action::Received(Response::Tree(tree)));
        assert_eq!(s.phase, Phase::Done);
        let s = s.reduce(Action::SetDepth(3));
        assert_eq!(s.phase, Phase::Unfolding);
        let request = s.unfold_request().expect("the tree is of the current text");
        assert_eq!((request.depth, request.property.as_deref()), (3, Some("P")));

        let again = s.tree.as_deref().unwrap().clone();
        let s = s.reduce(Action::Received(Response::Tree(again)));
        let s = s
            .reduce(Action::Edit("ab".into()))
            .reduce(Action::SetDepth(4));
        assert_eq!(
            s.phase,
            Phase::Done,
            "an edited text is checked again, not unfolded"
        );
        assert!(s.unfold_request().is_none());
    }

    #[test]
    fn an_expansion_grows_the_tree_it_was_asked_about_and_no_other() {
        let source = EXAMPLES[0].source;
        let mut session = thicket_check::Session::open(source, None).unwrap();
        let tree = session.tree(&thicket_check::TreeOptions {
            depth: 2,
            max_nodes: MAX_TREE_NODES,
            property: None,
        });
        let s = Rc::new(AppState::new(None))
            .reduce(Action::SetDepth(2))
            .reduce(Action::Started)
            .reduce(Action::Received(Response::Tree(tree.clone())));
        let leaf = tree
            .nodes
            .iter()
            .find(|n| n.depth == 2)
            .unwrap()
            .path
            .clone();
        let answer = session.expand(&leaf, 1, 100, None).unwrap();
        let expanded = |epoch| {
            Action::Received(Response::Expanded {
                epoch,
                path: leaf.clone(),
                levels: 1,
                answer: Ok(answer.clone()),
            })
        };
        // About an earlier tree: dropped.
        let stale = s
            .clone()
            .reduce(Action::Expanding)
            .reduce(expanded(s.tree_epoch - 1));
        assert_eq!(stale.tree.as_ref().unwrap().nodes.len(), tree.nodes.len());
        let grown = s
            .clone()
            .reduce(Action::Expanding)
            .reduce(expanded(s.tree_epoch));
        assert_eq!(grown.expanding, 0);
        assert_eq!(
            grown.tree.as_ref().unwrap().nodes.len(),
            tree.nodes.len() + answer.nodes.len()
        );
        assert_eq!(grown.tree_note, None);
        // The same answer again adds nothing, and the tree says why.
        let again = grown
            .clone()
            .reduce(Action::Expanding)
            .reduce(expanded(grown.tree_epoch));
        assert_eq!(
            again.tree.as_ref().unwrap().nodes.len(),
            grown.tree.as_ref().unwrap().nodes.len()
        );
        assert!(
            again
                .tree_note
                .as_deref()
                .unwrap()
                .starts_with("Nothing to add: every step below that state is already shown"),
            "{:?}",
            again.tree_note
        );
        // The worker ended before answering: the expansion is said cancelled.
        let cancelled = s.reduce(Action::Expanding).reduce(Action::Cancelled);
        assert_eq!(cancelled.expanding, 0);
        assert!(cancelled
            .tree_note
            .as_deref()
            .unwrap()
            .contains("cancelled"));
        assert!(cancelled.worker_generation > 0);
    }

    fn checked(source: &str) -> Rc<AppState> {
        let report = crate::worker::check_in_page(
            &Document::text(source),
            crate::worker::PAGE_MAX_STATES,
            &mut |_| true,
        );
        Rc::new(AppState::new(Some(Document::text(source))))
            .reduce(Action::Started)
            .reduce(Action::Received(Response::Checked(report)))
    }

    #[test]
    fn an_error_found_while_exploring_is_marked_at_its_place() {
        let src = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = <<1, 2>>\nNext == x' = <<x[3]>>\nInv == TRUE\n(* --model\nINVARIANT Inv\n*)\n====\n";
        let s = checked(src);
        let report = s.report.as_ref().unwrap();
        assert_eq!(report.result, Outcome::Error);
        assert_eq!(headline(report), "Checking stopped at an error");
        let (text, marks) = s.diagnostics();
        assert_eq!(marks.len(), 1, "{marks:?}");
        assert_eq!(&text.text[marks[0].span.range()], "x[3]");
        // Edited: the results are out of date, and the marks are the live parse's again.
        let s = s.reduce(Action::Edit(format!("{src} ")));
        assert!(s.stale());
        assert!(s.diagnostics().1.is_empty());
    }

    #[test]
    fn a_model_that_names_nothing_is_not_said_to_hold_everything() {
        let src = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 2\n====\n";
        let s = checked(src);
        let report = s.report.as_ref().unwrap();
        assert_eq!(report.result, Outcome::Ok);
        assert!(headline(report).starts_with("No deadlock, and nothing else was checked"));
        let (_, marks) = s.diagnostics();
        assert!(
            marks
                .iter()
                .any(|d| d.severity == thicket_syntax::Severity::Warning
                    && d.message.contains("only deadlock freedom")),
            "{marks:?}"
        );
        assert!(!s.stale());
    }

    #[test]
    fn a_crash_is_a_failure_with_its_message() {
        let s = Rc::new(AppState::new(None)).reduce(Action::Started);
        let s = s.reduce(Action::Received(Response::Crashed("boom".into())));
        assert_eq!(s.phase, Phase::Failed("boom".into()));
    }
}
