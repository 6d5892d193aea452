//! The behavior tree: behaviors unfolded from the initial states, as plain data for the UI.

use crate::report::{StepInfo, VarValue};
use serde::{Deserialize, Serialize};
use thicket_syntax::Diagnostic;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeOptions {
    /// Unfold behaviors up to this many states (the roots are at depth 1).
    pub depth: u32,
    /// Never return more nodes than this; `truncated` says when the cap was hit.
    pub max_nodes: u32,
    /// The property whose counterexamples are highlighted (default: the first one violated).
    pub property: Option<String>,
}

impl Default for TreeOptions {
    fn default() -> Self {
        TreeOptions { depth: 4, max_nodes: 2000, property: None }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub id: u32,
    pub parent: Option<u32>,
    /// 1 for an initial state.
    pub depth: u32,
    /// The step from the parent (`None` for roots).
    pub step: Option<StepInfo>,
    pub state: Vec<VarValue>,
    /// The distinct state this node shows (equal ids = equal states).
    pub state_id: u32,
    /// The same state already appears at a shallower node (the UI may fold it).
    pub repeat: bool,
    /// The behavior from the root to this node has left the selected property at this node
    /// or before (it is in Spec \ Property from here on).
    pub outside_property: bool,
    /// The behavior leaves the property exactly at this step.
    pub leaves_here: bool,
    /// On the shortest counterexample of the selected property.
    pub on_counterexample: bool,
    pub children: Vec<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeReport {
    pub nodes: Vec<TreeNode>,
    pub roots: Vec<u32>,
    /// The property highlighted, if any.
    pub property: Option<String>,
    /// Every property the text names (for a selector).
    pub properties: Vec<String>,
    pub truncated: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// Evaluation error while unfolding, if any.
    pub error: Option<String>,
}

/// Unfold the tree breadth-first (so a node cap keeps the shallow levels complete).
pub fn unfold(src: &str, cfg: Option<&str>, opts: &TreeOptions) -> TreeReport {
    use crate::explore::{explore, step_info};
    use crate::fpset::fingerprint;
    use crate::value::Value;
    use std::collections::HashMap;

    let spec = match crate::spec::load(src, cfg) {
        Ok(s) => s,
        Err(diagnostics) => {
            return TreeReport { nodes: vec![], roots: vec![], property: None, properties: vec![], truncated: false, diagnostics, error: None }
        }
    };
    let prog = &spec.prog;
    let properties: Vec<String> = spec.property_list().into_iter().map(|p| p.name).collect();
    // The highlighted property: the one asked for, else the first invariant that fails.
    let mut chosen = opts.property.clone().and_then(|p| spec.invariants.iter().position(|i| i.name == p));
    let mut cex: Vec<(Option<String>, u64)> = Vec::new();
    let mut buf = Vec::new();
    {
        let candidates: Vec<usize> = match chosen {
            Some(i) => vec![i],
            None => (0..spec.invariants.len()).collect(),
        };
        for i in candidates {
            let inv = std::slice::from_ref(&spec.invariants[i]);
            let opts = crate::report::CheckOptions { max_states: Some(200_000), ..Default::default() };
            let ex = explore(prog, inv, &spec.constraints, false, &opts, &mut |_| true);
            if matches!(ex.outcome, crate::report::Outcome::InvariantViolated | crate::report::Outcome::PropertyViolated) {
                chosen = Some(i);
                cex = ex.trace.iter().map(|t| (t.step.as_ref().map(|s| s.label.clone()), fingerprint(&t.state, &mut buf))).collect();
                break;
            }
        }
    }
    let inv = chosen.map(|i| &spec.invariants[i]);

    let mut nodes: Vec<TreeNode> = Vec::new();
    let mut roots = Vec::new();
    let mut states: Vec<Vec<Value>> = Vec::new();
    let mut first_seen: HashMap<u64, (u32, u32)> = HashMap::new(); // fp -> (state id, depth)
    let mut frame = prog.new_frame();
    let mut truncated = false;
    let mut error = None;

    let mut add = |nodes: &mut Vec<TreeNode>, states: &mut Vec<Vec<Value>>, parent: Option<u32>, depth: u32, step: Option<StepInfo>, st: Vec<Value>, frame: &mut Vec<Value>| -> u32 {
        let fp = fingerprint(&st, &mut buf);
        let next_id = first_seen.len() as u32;
        let (state_id, first_depth) = *first_seen.entry(fp).or_insert((next_id, depth));
        let parent_node = parent.map(|p| &nodes[p as usize]);
        let parent_outside = parent_node.is_some_and(|p| p.outside_property);
        let violates = inv.is_some_and(|inv| !prog.env(&st, None).bool(&inv.expr, frame).unwrap_or(true));
        let on_cex = {
            let d = depth as usize - 1;
            let parent_on = parent_node.map_or(true, |p| p.on_counterexample);
            let sibling_taken = parent_node.is_some_and(|p| p.children.iter().any(|c| nodes[*c as usize].on_counterexample));
            let roots_taken = parent.is_none() && nodes.iter().any(|n| n.parent.is_none() && n.on_counterexample);
            parent_on
                && !sibling_taken
                && !roots_taken
                && cex.get(d).is_some_and(|(label, f)| *f == fp && label.as_deref() == step.as_ref().map(|s| s.label.as_str()))
        };
        let id = nodes.len() as u32;
        nodes.push(TreeNode {
            id,
            parent,
            depth,
            step,
            state: crate::show_state(prog, &st),
            state_id,
            repeat: first_depth < depth || (first_depth == depth && state_id != next_id && false),
            outside_property: parent_outside || violates,
            leaves_here: !parent_outside && violates,
            on_counterexample: on_cex,
            children: vec![],
        });
        if let Some(p) = parent {
            nodes[p as usize].children.push(id);
        }
        states.push(st);
        id
    };

    let mut inits = Vec::new();
    if let Err(e) = prog.initial_states(&mut |st| {
        inits.push(st);
        true
    }) {
        error = Some(e.message);
    }
    for st in inits {
        if nodes.len() as u32 >= opts.max_nodes {
            truncated = true;
            break;
        }
        let id = add(&mut nodes, &mut states, None, 1, None, st, &mut frame);
        roots.push(id);
    }
    let mut frontier: Vec<u32> = roots.clone();
    let mut depth = 1;
    while depth < opts.depth && !frontier.is_empty() && !truncated {
        let mut next = Vec::new();
        for n in frontier {
            // A behavior that already left the property is not unfolded further, nor is a
            // repeated state (its subtree is shown where the state first appears).
            if nodes[n as usize].repeat {
                continue;
            }
            let st = states[n as usize].clone();
            let mut kids: Vec<(StepInfo, Vec<Value>)> = Vec::new();
            let r = prog.successors(&st, &mut frame, true, &mut |s| {
                kids.push((step_info(prog, s.instance, s.label, s.choices), s.state.to_vec()));
            });
            if let Err((_, label, e)) = r {
                error = Some(match e {
                    crate::step::StepError::Eval(e) => format!("{} (in step {label})", e.message),
                    crate::step::StepError::Assert { .. } => format!("assertion failed in step {label}"),
                });
            }
            for (step, kid) in kids {
                if nodes.len() as u32 >= opts.max_nodes {
                    truncated = true;
                    break;
                }
                let id = add(&mut nodes, &mut states, Some(n), depth + 1, Some(step), kid, &mut frame);
                next.push(id);
            }
            if truncated {
                break;
            }
        }
        frontier = next;
        depth += 1;
    }
    TreeReport {
        nodes,
        roots,
        property: inv.map(|i| i.name.clone()),
        properties,
        truncated,
        diagnostics: vec![],
        error,
    }
}
