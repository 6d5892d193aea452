//! The Community Modules' operators whose TLA+ definitions cannot be evaluated (they quantify
//! over `Seq(S)`, an infinite set, or only stand for Java code) and that TLC evaluates in
//! Java: evaluated here natively, with the meaning of their definitions on finite graphs, and
//! SVG's `SVGElemToString` as TLC's Java writes it. The loader makes each definition's
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
            SvgElemToString | SetToSeq => unreachable!("handled above"),
        }
    }
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
