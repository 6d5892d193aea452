//! The Community Modules' operators whose TLA+ definitions cannot be evaluated (they quantify
//! over `Seq(S)`, an infinite set, or only stand for Java code) and that TLC evaluates in
//! Java: evaluated here natively, with the meaning of their definitions on finite graphs, and
//! SVG's `SVGElemToString` as TLC's Java writes it, VectorClocks' `CausalOrder` as TLC's Java
//! orders a log. The loader makes each definition's
//! body a call of `Module:Op` (`thicket_syntax::modules::library::NATIVE`), which the
//! compiler maps to [`LibOp`].

use std::collections::BTreeSet;
use std::sync::Arc;

use thicket_syntax::ast::Span;

use crate::eval::expr::{err, short, CExpr, Env, EvalResult};
use crate::eval::value::Value;

/// A natively evaluated operator of a Community Module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibOp {
    /// UndirectedGraphs' `ConnectedComponents(G)`.
    UndirectedComponents,
    /// UndirectedGraphs' `AreConnectedIn(m, n, G)`.
    UndirectedConnected,
    /// UndirectedGraphs' `SimplePath(G)`.
    UndirectedSimplePaths,
    /// Graphs' `AreConnectedIn(m, n, G)`.
    DirectedConnected,
    /// Graphs' `SimplePath(G)`.
    DirectedSimplePaths,
    /// SVG's `SVGElemToString(elem)`: an element record as SVG text.
    SvgElemToString,
    /// SequencesExt's `SetToSeq(S)`: the elements of `S` in order, once each.
    SetToSeq,
    /// VectorClocks' `CausalOrder(log, clock(_), node(_), domain(_))`, compiled as the log,
    /// then each operator as a frame slot and its body over it.
    CausalOrder,
}

/// The native operator the loader names `Module:Op`, and its number of arguments.
pub fn lookup(name: &str) -> Option<(LibOp, usize)> {
    use LibOp::*;
    Some(match name {
        "UndirectedGraphs:ConnectedComponents" => (UndirectedComponents, 1),
        "UndirectedGraphs:AreConnectedIn" => (UndirectedConnected, 3),
        "UndirectedGraphs:SimplePath" => (UndirectedSimplePaths, 1),
        "Graphs:AreConnectedIn" => (DirectedConnected, 3),
        "Graphs:SimplePath" => (DirectedSimplePaths, 1),
        "SVG:SVGElemToString" => (SvgElemToString, 1),
        "SequencesExt:SetToSeq" => (SetToSeq, 1),
        "VectorClocks:CausalOrder" => (CausalOrder, 4),
        _ => return None,
    })
}

/// A finite graph: its nodes and, for each node (by index), its successors' indices.
struct Graph {
    nodes: Arc<Vec<Value>>,
    succ: Vec<Vec<usize>>,
}

impl Graph {
    /// `G` as a record `[node |-> N, edge |-> E]`; edges are pairs `{a, b}` (undirected)
    /// or tuples `<<a, b>>` (directed).
    fn read(g: &Value, undirected: bool, span: Span) -> EvalResult<Graph> {
        let field = |name: &str| match g.apply(&Value::str(name)) {
            Some(Value::Set(s)) => Ok(s.clone()),
            _ => err(
                span,
                format!(
                    "a graph is a record [node |-> ..., edge |-> ...] of sets, not {}",
                    short(g)
                ),
            ),
        };
        let (nodes, edges) = (field("node")?, field("edge")?);
        let index = |v: &Value| nodes.binary_search(v).ok();
        let mut succ = vec![Vec::new(); nodes.len()];
        for e in edges.iter() {
            let ends: Vec<usize> = match (e, undirected) {
                (Value::Set(ab), true) | (Value::Seq(ab), false) => {
                    ab.iter().filter_map(index).collect()
                }
                _ => continue,
            };
            match (ends.as_slice(), undirected) {
                ([a, b], true) => {
                    succ[*a].push(*b);
                    succ[*b].push(*a);
                }
                ([a, b], false) => succ[*a].push(*b),
                // A loop `{a}`: a path of one node connects a to itself anyway.
                _ => {}
            }
        }
        Ok(Graph { nodes, succ })
    }

    /// The nodes reachable from `from` by paths of at least one node.
    fn reachable(&self, from: usize) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut todo = vec![from];
        seen[from] = true;
        while let Some(n) = todo.pop() {
            for &m in &self.succ[n] {
                if !std::mem::replace(&mut seen[m], true) {
                    todo.push(m);
                }
            }
        }
        seen
    }

    /// Every simple path (non-empty, no node twice), as sequences of nodes.
    fn simple_paths(&self, span: Span) -> EvalResult<Vec<Value>> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        let mut on = vec![false; self.nodes.len()];
        for n in 0..self.nodes.len() {
            self.extend(n, &mut path, &mut on, &mut out, span)?;
        }
        Ok(out)
    }

    fn extend(
        &self,
        n: usize,
        path: &mut Vec<usize>,
        on: &mut [bool],
        out: &mut Vec<Value>,
        span: Span,
    ) -> EvalResult<()> {
        crate::eval::expr::poll(span)?;
        if out.len() >= crate::eval::expr::MAX_ENUMERATION {
            return err(span, "this graph has too many simple paths to build");
        }
        path.push(n);
        on[n] = true;
        out.push(Value::Seq(Arc::new(
            path.iter().map(|i| self.nodes[*i].clone()).collect(),
        )));
        for &m in &self.succ[n] {
            if !on[m] {
                self.extend(m, path, on, out, span)?;
            }
        }
        on[n] = false;
        path.pop();
        Ok(())
    }
}

impl Env<'_> {
    /// The value of the native operator `op` applied to `args`.
    pub fn lib_op(
        &self,
        op: LibOp,
        args: &[CExpr],
        span: Span,
        f: &mut Vec<Value>,
    ) -> EvalResult<Value> {
        use LibOp::*;
        if op == CausalOrder {
            return self.causal_order(args, span, f);
        }
        let g = self.eval(&args[args.len() - 1], f)?;
        match op {
            SvgElemToString => {
                let mut out = String::new();
                svg_text(&g, &mut out).or_else(|e| err(span, e))?;
                return Ok(Value::str(&out));
            }
            // The definition's CHOOSE picks an injective function of [1..n -> S]; TLC's Java
            // gives the set's elements in its order, as the first such function has them.
            SetToSeq => {
                return match g {
                    Value::Set(items) => Ok(Value::Seq(Arc::new(items.as_ref().clone()))),
                    other => err(span, format!("SetToSeq needs a set, not {}", short(&other))),
                };
            }
            _ => {}
        }
        let undirected = matches!(
            op,
            UndirectedComponents | UndirectedConnected | UndirectedSimplePaths
        );
        let graph = Graph::read(&g, undirected, span)?;
        match op {
            UndirectedComponents => Ok(components(&graph)),
            UndirectedConnected | DirectedConnected => {
                let (m, n) = (self.eval(&args[0], f)?, self.eval(&args[1], f)?);
                let (Ok(i), Ok(j)) = (graph.nodes.binary_search(&m), graph.nodes.binary_search(&n))
                else {
                    // No path leaves the graph's nodes.
                    return Ok(Value::Bool(false));
                };
                Ok(Value::Bool(graph.reachable(i)[j]))
            }
            UndirectedSimplePaths | DirectedSimplePaths => {
                Ok(Value::set(graph.simple_paths(span)?))
            }
            SvgElemToString | SetToSeq | CausalOrder => unreachable!("handled above"),
        }
    }
}

/// One line of a log for `CausalOrder`: its vector clock, its node's time in it, the nodes the
/// clock has times for, and the line.
struct Event {
    clock: Value,
    time: Value,
    hosts: Vec<Value>,
    line: Value,
}

impl Env<'_> {
    /// `CausalOrder(log, clock, node, domain)` as TLC's Java computes it: each node's lines
    /// sorted by the node's own time; a line's parents are, for each other node, the line its
    /// clock first shows a later time of; then, as long as lines are left, each node in turn
    /// (in order) gives its next line if that line has no parent left.
    fn causal_order(&self, args: &[CExpr], span: Span, f: &mut Vec<Value>) -> EvalResult<Value> {
        let log = match self.eval(&args[0], f)? {
            Value::Seq(items) => items,
            other => {
                return err(
                    span,
                    format!("CausalOrder needs a sequence, not {}", short(&other)),
                )
            }
        };
        let apply = |k: usize, x: &Value, f: &mut Vec<Value>| -> EvalResult<Value> {
            let slot = args[2 * k + 1]
                .as_const()
                .and_then(Value::as_int)
                .unwrap_or(0) as usize;
            f[slot] = x.clone();
            self.eval(&args[2 * k + 2], f)
        };
        let mut by_host: std::collections::BTreeMap<Value, Vec<Event>> = Default::default();
        for line in log.iter() {
            let host = apply(1, line, f)?;
            let clock = apply(0, line, f)?;
            let time = clock
                .apply(&host)
                .cloned()
                .ok_or_else(|| crate::eval::expr::EvalError {
                    span,
                    message: format!(
                        "the clock {} has no time for its node {}",
                        short(&clock),
                        short(&host)
                    ),
                })?;
            let hosts = match apply(2, &clock, f)? {
                Value::Set(h) => h.as_ref().clone(),
                other => {
                    return err(
                        span,
                        format!("a clock's domain must be a set, not {}", short(&other)),
                    )
                }
            };
            by_host.entry(host).or_default().push(Event {
                clock,
                time,
                hosts,
                line: line.clone(),
            });
        }
        for events in by_host.values_mut() {
            events.sort_by(|a, b| a.time.cmp(&b.time));
        }
        causal_sort(by_host, log.len()).or_else(|e| err(span, e))
    }
}

/// The lines of `by_host` in causal order (see [`Env::causal_order`]).
fn causal_sort(
    by_host: std::collections::BTreeMap<Value, Vec<Event>>,
    n: usize,
) -> Result<Value, String> {
    let hosts: Vec<&Value> = by_host.keys().collect();
    let lists: Vec<&Vec<Event>> = by_host.values().collect();
    let index = |h: &Value| hosts.binary_search(&h).ok();
    // parents[h][i]: the (host, position) of the lines line i of host h waits for.
    let mut parents: Vec<Vec<BTreeSet<(usize, usize)>>> = lists
        .iter()
        .map(|l| vec![BTreeSet::new(); l.len()])
        .collect();
    for (h, list) in lists.iter().enumerate() {
        let mut seen = vec![0i64; hosts.len()];
        for (i, e) in list.iter().enumerate() {
            seen[h] = e.time.as_int().unwrap_or(0);
            for other in &e.hosts {
                let o = index(other).ok_or_else(|| {
                    format!(
                        "the clock {} names {}, which no line of the log is from",
                        short(&e.clock),
                        short(other)
                    )
                })?;
                let t = e.clock.apply(other).and_then(Value::as_int).unwrap_or(0);
                if seen[o] < t {
                    seen[o] = t;
                    let at = (t - 1) as usize;
                    if at >= lists[o].len() {
                        return Err(format!(
                            "the clock {} shows time {t} of {}, which has fewer lines",
                            short(&e.clock),
                            short(other)
                        ));
                    }
                    parents[h][i].insert((o, at));
                }
            }
        }
    }
    let mut next = vec![0usize; hosts.len()];
    let mut sorted = Vec::with_capacity(n);
    for _ in 0..n {
        for h in 0..hosts.len() {
            let i = next[h];
            if i < lists[h].len() && parents[h][i].is_empty() {
                next[h] += 1;
                sorted.push(lists[h][i].line.clone());
                for p in parents.iter_mut().flatten() {
                    p.remove(&(h, i));
                }
            }
        }
    }
    if sorted.len() != n {
        return Err("the log's clocks admit no causal order".into());
    }
    Ok(Value::Seq(Arc::new(sorted)))
}

/// The connected components of an undirected graph: the classes of reachability.
fn components(g: &Graph) -> Value {
    let mut done = vec![false; g.nodes.len()];
    let mut out = Vec::new();
    for n in 0..g.nodes.len() {
        if done[n] {
            continue;
        }
        let reach = g.reachable(n);
        let class: BTreeSet<usize> = (0..reach.len()).filter(|i| reach[*i]).collect();
        for i in &class {
            done[*i] = true;
        }
        out.push(Value::set(
            class.iter().map(|i| g.nodes[*i].clone()).collect(),
        ));
    }
    Value::set(out)
}

/// An SVG element record `[name, attrs, children, innerText]` as TLC writes it:
/// `<name a='1' b='2'>innerText children</name>`, attributes in key order, nothing escaped.
fn svg_text(elem: &Value, out: &mut String) -> Result<(), String> {
    let field = |name: &str| {
        elem.apply(&Value::str(name)).ok_or_else(|| {
            format!(
                "an SVG element is a record [name, attrs, children, innerText], not {}",
                short(elem)
            )
        })
    };
    let text = |v: &Value| match v {
        Value::Str(s) => s.to_string(),
        other => other.to_string(),
    };
    let name = text(field("name")?);
    out.push('<');
    out.push_str(&name);
    for (k, v) in field("attrs")?.pairs() {
        out.push_str(&format!(" {}='{}'", text(&k), text(&v)));
    }
    out.push('>');
    out.push_str(&text(field("innerText")?));
    for (_, child) in field("children")?.pairs() {
        svg_text(&child, out)?;
    }
    out.push_str(&format!("</{name}>"));
    Ok(())
}
