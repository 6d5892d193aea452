//! Strongly connected components of subgraphs, found again and again as the Emerson–Lei
//! refinement cuts components down: the work of each search is the size of the subgraph it
//! searches, not of the whole graph (a graph of many one-state components is searched in
//! linear time, not quadratic).

/// Buffers sized to the graph once, and a stamp that tells which nodes are in the set at hand.
pub(super) struct Scratch {
    stamp: Vec<u32>,
    current: u32,
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
}

const UNSEEN: u32 = u32::MAX;

impl Scratch {
    pub(super) fn new(n: usize) -> Scratch {
        Scratch {
            stamp: vec![0; n],
            current: 0,
            index: vec![UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
        }
    }

    /// Make `nodes` the set that [`Scratch::marked`] answers for, forgetting the last one.
    pub(super) fn mark(&mut self, nodes: &[u32]) {
        if self.current == u32::MAX {
            self.stamp.fill(0);
            self.current = 0;
        }
        self.current += 1;
        for &v in nodes {
            self.stamp[v as usize] = self.current;
        }
    }

    /// Whether `v` is in the set last marked.
    pub(super) fn marked(&self, v: u32) -> bool {
        self.stamp[v as usize] == self.current
    }

    /// The strongly connected components of the subgraph induced by `nodes` (Tarjan,
    /// iterative), where `edge(v, i)` is the target of `v`'s `i`th edge. Every node is in one:
    /// behaviors may stutter. Leaves `nodes` marked.
    pub(super) fn sccs(
        &mut self,
        nodes: &[u32],
        edge: &dyn Fn(u32, usize) -> Option<u32>,
    ) -> Vec<Vec<u32>> {
        self.mark(nodes);
        let mut out = Vec::new();
        let mut next_index = 0u32;
        let mut stack: Vec<u32> = Vec::new();
        for &root in nodes {
            if self.index[root as usize] != UNSEEN {
                continue;
            }
            self.visit(root, &mut next_index);
            stack.push(root);
            let mut call: Vec<(u32, usize)> = vec![(root, 0)];
            while let Some(&mut (v, ref mut ei)) = call.last_mut() {
                if let Some(w) = edge(v, *ei) {
                    *ei += 1;
                    if !self.marked(w) {
                        continue;
                    }
                    if self.index[w as usize] == UNSEEN {
                        self.visit(w, &mut next_index);
                        stack.push(w);
                        call.push((w, 0));
                    } else if self.on_stack[w as usize] {
                        let low = self.low[v as usize].min(self.index[w as usize]);
                        self.low[v as usize] = low;
                    }
                    continue;
                }
                call.pop();
                if let Some(&(u, _)) = call.last() {
                    let low = self.low[u as usize].min(self.low[v as usize]);
                    self.low[u as usize] = low;
                }
                if self.low[v as usize] == self.index[v as usize] {
                    out.push(self.pop_component(&mut stack, v));
                }
            }
        }
        for &v in nodes {
            self.index[v as usize] = UNSEEN;
        }
        out
    }

    fn visit(&mut self, v: u32, next_index: &mut u32) {
        self.index[v as usize] = *next_index;
        self.low[v as usize] = *next_index;
        self.on_stack[v as usize] = true;
        *next_index += 1;
    }

    fn pop_component(&mut self, stack: &mut Vec<u32>, root: u32) -> Vec<u32> {
        let mut comp = Vec::new();
        loop {
            let w = stack.pop().expect("Tarjan stack");
            self.on_stack[w as usize] = false;
            comp.push(w);
            if w == root {
                return comp;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components(edges: &[Vec<u32>], nodes: &[u32]) -> Vec<Vec<u32>> {
        let mut sc = Scratch::new(edges.len());
        let mut out = sc.sccs(nodes, &|v, i| edges[v as usize].get(i).copied());
        for c in &mut out {
            c.sort();
        }
        out.sort();
        out
    }

    #[test]
    fn components_of_a_subgraph() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3 -> 3, 4 alone.
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let all = [0, 1, 2, 3, 4];
        assert_eq!(
            components(&edges, &all),
            vec![vec![0, 1, 2], vec![3], vec![4]]
        );
        // Without 1 the cycle is broken.
        assert_eq!(
            components(&edges, &[0, 2, 3]),
            vec![vec![0], vec![2], vec![3]]
        );
    }

    #[test]
    fn searches_one_after_another_share_the_buffers() {
        let edges = [vec![1], vec![0], vec![2]];
        let mut sc = Scratch::new(3);
        let edge = |v: u32, i: usize| edges[v as usize].get(i).copied();
        assert_eq!(sc.sccs(&[0, 1, 2], &edge).len(), 2);
        assert_eq!(sc.sccs(&[0, 1], &edge).len(), 1);
        assert!(sc.marked(0) && !sc.marked(2));
        assert_eq!(sc.sccs(&[1], &edge), vec![vec![1]]);
    }
}
