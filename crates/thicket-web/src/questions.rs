//! The page's questions about behavior sets (counting the regions, membership, the stepper's
//! next steps): the answers the worker sent, and how they read. Pure, tested natively.

use std::cell::Cell;

use thicket_check::CountReport;
use thicket_check::MemberReport;
use thicket_check::{Event, TraceStep, TreeNode, TreeReport};
use thicket_syntax::Diagnostic;

use crate::format;
use crate::protocol::{Response, TlcExport, TreeError};
use crate::state::Shared;

thread_local! {
    static LAST_TICKET: Cell<u32> = const { Cell::new(0) };
}

/// A fresh ticket for a question; the answer carries it back.
pub fn next_ticket() -> u32 {
    LAST_TICKET.with(|t| {
        t.set(t.get() + 1);
        t.get()
    })
}

/// An answer with the ticket of its question.
pub type Answer<T, E> = Option<(u32, Shared<Result<T, E>>)>;

/// The latest answer of each kind.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub count: Answer<CountReport, Vec<Diagnostic>>,
    pub member: Answer<MemberReport, Vec<Diagnostic>>,
    pub children: Answer<Vec<TreeNode>, TreeError>,
    pub export: Answer<TlcExport, Vec<Diagnostic>>,
}

impl Answers {
    /// Keep `response` if it answers one of these questions; give it back otherwise.
    pub fn receive(&mut self, response: Response) -> Option<Response> {
        match response {
            Response::Counted { ticket, answer } => {
                self.count = Some((ticket, Shared::new(answer)));
            }
            Response::Membership { ticket, answer } => {
                self.member = Some((ticket, Shared::new(answer)));
            }
            Response::Children { ticket, answer, .. } => {
                self.children = Some((ticket, Shared::new(answer)));
            }
            Response::ExportedTlc { ticket, answer } => {
                self.export = Some((ticket, Shared::new(answer)));
            }
            other => return Some(other),
        }
        None
    }
}

/// The four regions of the Spec/Property diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// Spec ∩ Property.
    Inside,
    /// Spec \ Property: the counterexamples.
    Outside,
    /// Property \ Spec: behaviors the Spec never generates.
    PropertyOnly,
    /// In neither.
    Neither,
}

impl Region {
    /// A stable name for tests and styles.
    pub fn name(self) -> &'static str {
        match self {
            Region::Inside => "inside",
            Region::Outside => "outside",
            Region::PropertyOnly => "property-only",
            Region::Neither => "neither",
        }
    }
}

/// Where a membership answer puts the behavior, when the property was decided.
pub fn region_of(report: &MemberReport) -> Option<Region> {
    let in_property = report.in_property?;
    Some(match (report.in_spec, in_property) {
        (true, true) => Region::Inside,
        (true, false) => Region::Outside,
        (false, true) => Region::PropertyOnly,
        (false, false) => Region::Neither,
    })
}

/// A behavior as a REPL session reads: each call with its return (`get() -> 0`), a call still
/// waiting for its return with an ellipsis, steps without events by their label; `; ` between.
/// A behavior of the initial state alone reads as `(initial state)`.
pub fn transcript(steps: &[TraceStep]) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut pending_call = false;
    for info in steps.iter().filter_map(|s| s.step.as_ref()) {
        match &info.event {
            Some(Event::Return { value }) if pending_call => {
                let last = items.last_mut().expect("a pending call is an item");
                last.truncate(last.len() - " …".len());
                if let Some(v) = value {
                    last.push_str(" -> ");
                    last.push_str(v);
                }
                pending_call = false;
            }
            Some(event @ Event::Call { .. }) => {
                items.push(format!("{event} …"));
                pending_call = true;
            }
            _ => {
                items.push(format::step(info));
                pending_call = false;
            }
        }
    }
    if items.is_empty() {
        "(initial state)".into()
    } else {
        items.join("; ")
    }
}

/// The tree node whose behavior is `steps`, if the tree is unfolded that far.
pub fn node_of_behavior(tree: &TreeReport, steps: &[TraceStep]) -> Option<u32> {
    let (first, rest) = steps.split_first()?;
    let by_id = |id: u32| tree.nodes.iter().find(|n| n.id == id);
    let mut at = tree
        .roots
        .iter()
        .filter_map(|&id| by_id(id))
        .find(|n| *n.state == *first.state)?;
    for step in rest {
        at = at
            .children
            .iter()
            .filter_map(|&id| by_id(id))
            .find(|n| n.step.as_deref() == step.step.as_ref() && *n.state == *step.state)?;
    }
    Some(at.id)
}

/// The tree node at `path`, if the tree is unfolded that far.
pub fn node_at_path<'t>(tree: &'t TreeReport, path: &[u32]) -> Option<&'t TreeNode> {
    tree.nodes.iter().find(|n| n.path == path)
}

/// The nodes from the root to `id`, in order.
pub fn path_to(tree: &TreeReport, id: u32) -> Vec<TreeNode> {
    let mut out = Vec::new();
    let mut at = tree.nodes.iter().find(|n| n.id == id);
    while let Some(node) = at {
        out.push(node.clone());
        at = node
            .parent
            .and_then(|p| tree.nodes.iter().find(|n| n.id == p));
    }
    out.reverse();
    out
}

/// The length input, clamped to what the page counts.
pub const MAX_LENGTH: u32 = 30;

pub fn clamp_length(typed: &str, fallback: u32) -> u32 {
    typed
        .trim()
        .parse::<u32>()
        .map(|k| k.clamp(1, MAX_LENGTH))
        .unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;
    use thicket_check::{StepInfo, VarValue};

    fn call(op: &str) -> Option<Event> {
        Some(Event::Call {
            op: op.into(),
            args: vec![],
        })
    }

    fn ret(value: Option<&str>) -> Option<Event> {
        Some(Event::Return {
            value: value.map(String::from),
        })
    }

    fn step(event: Option<Event>, label: &str, n: &str) -> TraceStep {
        TraceStep {
            step: Some(StepInfo {
                process: None,
                label: label.into(),
                choices: vec![],
                args: vec![],
                event,
                span: None,
            }),
            state: vec![VarValue {
                name: "n".into(),
                value: n.into(),
                short: None,
            }],
            changes: vec![],
        }
    }

    fn init(n: &str) -> TraceStep {
        TraceStep {
            step: None,
            ..step(None, "", n)
        }
    }

    #[test]
    fn behaviors_read_as_a_repl_session() {
        let b = vec![
            init("0"),
            step(call("inc"), "Idle", "0"),
            step(ret(None), "inc", "1"),
            step(call("get"), "Idle", "1"),
            step(ret(Some("1")), "get", "1"),
            step(call("get"), "Idle", "1"),
        ];
        assert_eq!(transcript(&b), "inc(); get() -> 1; get() …");
        assert_eq!(transcript(&b[..1]), "(initial state)");
        let labels = vec![init("0"), step(None, "Incr", "1"), step(None, "Done", "1")];
        assert_eq!(transcript(&labels), "Incr; Done");
    }

    #[test]
    fn membership_lands_in_one_of_four_regions() {
        let mut r = MemberReport {
            in_spec: false,
            in_property: Some(true),
            ..Default::default()
        };
        assert_eq!(region_of(&r), Some(Region::PropertyOnly));
        r.in_spec = true;
        assert_eq!(region_of(&r), Some(Region::Inside));
        r.in_property = Some(false);
        assert_eq!(region_of(&r), Some(Region::Outside));
        r.in_spec = false;
        assert_eq!(region_of(&r), Some(Region::Neither));
        r.in_property = None;
        assert_eq!(region_of(&r), None);
    }

    #[test]
    fn the_reducer_keeps_the_latest_answer_of_each_kind() {
        use crate::state::{Action, AppState};
        use std::rc::Rc;
        use yew::Reducible;
        let s = Rc::new(AppState::new(None));
        let counted = |ticket| {
            Action::Received(Response::Counted {
                ticket,
                answer: Ok(CountReport::default()),
            })
        };
        let s = s.reduce(counted(3)).reduce(counted(4));
        assert_eq!(s.answers.count.as_ref().map(|(t, _)| *t), Some(4));
        let s = s.reduce(Action::Received(Response::Children {
            ticket: 5,
            path: vec![0],
            answer: Err(TreeError::Session(thicket_check::SessionError::EmptyPath)),
        }));
        let (ticket, answer) = s.answers.children.clone().unwrap();
        assert_eq!(ticket, 5);
        assert_eq!(
            *answer,
            Err(TreeError::Session(thicket_check::SessionError::EmptyPath))
        );
        let shown = answer
            .as_ref()
            .as_ref()
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(shown, Err("an empty path names no node".to_string()));
        assert!(s.answers.member.is_none());
        assert!(next_ticket() < next_ticket());
    }

    #[test]
    fn example_behaviors_are_found_in_the_tree() {
        let tree = thicket_check::Session::open(crate::examples::EXAMPLES[0].source, None)
            .expect("the counter loads")
            .tree(&thicket_check::TreeOptions {
                depth: 4,
                ..Default::default()
            });
        let deepest = tree.nodes.iter().max_by_key(|n| n.depth).unwrap();
        let nodes = path_to(&tree, deepest.id);
        assert_eq!(nodes.len(), 4);
        let steps: Vec<TraceStep> = nodes.iter().map(TraceStep::from).collect();
        assert_eq!(node_of_behavior(&tree, &steps), Some(deepest.id));
        assert_eq!(
            node_at_path(&tree, &deepest.path).map(|n| n.id),
            Some(deepest.id)
        );
        assert_eq!(node_of_behavior(&tree, &steps[..0]), None);
        assert_eq!(clamp_length("4", 6), 4);
        assert_eq!(clamp_length("99", 6), MAX_LENGTH);
        assert_eq!(clamp_length("x", 6), 6);
    }
}
