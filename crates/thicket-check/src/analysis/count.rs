//! Counting behaviors by dynamic programming over the state graph (never by enumerating
//! paths): the number of behaviors with `j` states is a sum over edges of the counts with
//! `j - 1` states. Counts are exact up to 2^128 and then approximate.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::search::graph::StateGraph;

/// A number of behaviors: exact while it fits, else a floating-point approximation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Num {
    pub exact: Option<u128>,
    pub approx: f64,
}

impl Num {
    pub const ZERO: Num = Num {
        exact: Some(0),
        approx: 0.0,
    };
    pub const ONE: Num = Num {
        exact: Some(1),
        approx: 1.0,
    };

    pub fn is_zero(&self) -> bool {
        self.exact == Some(0)
    }
}

impl std::ops::Add for Num {
    type Output = Num;
    fn add(self, o: Num) -> Num {
        Num {
            exact: self.exact.zip(o.exact).and_then(|(a, b)| a.checked_add(b)),
            approx: self.approx + o.approx,
        }
    }
}

impl std::ops::Sub for Num {
    type Output = Num;
    /// Never below zero.
    fn sub(self, o: Num) -> Num {
        Num {
            exact: self.exact.zip(o.exact).and_then(|(a, b)| a.checked_sub(b)),
            approx: (self.approx - o.approx).max(0.0),
        }
    }
}

impl fmt::Display for Num {
    /// Exact below 10^15; beyond, `≈ 3.2 × 10^15`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.exact {
            Some(n) if n < 1_000_000_000_000_000 => write!(f, "{n}"),
            None if self.approx < 1.0 => write!(f, "≈ 0"),
            _ => {
                let x = self.exact.map(|n| n as f64).unwrap_or(self.approx);
                let e = x.log10().floor() as i32;
                let m = x / 10f64.powi(e);
                write!(f, "≈ {m:.1} × 10^{e}")
            }
        }
    }
}

/// A count as the UI and the CLI show it: the text (exact digits or `≈ m × 10^e`) and a
/// float for drawing proportions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub text: String,
    pub value: f64,
}

impl From<Num> for Count {
    fn from(n: Num) -> Count {
        Count {
            text: n.to_string(),
            value: n.exact.map(|e| e as f64).unwrap_or(n.approx),
        }
    }
}

/// `result[j - 1]` = the number of behaviors with exactly `j` states (j = 1..=k) that start in
/// an initial state and stay in `allowed` states (all states when `None`).
pub fn behaviors_by_length(g: &StateGraph, allowed: Option<&[bool]>, k: u32) -> Vec<Num> {
    let ok = |s: usize| allowed.is_none_or(|a| a[s]);
    let mut cur = vec![Num::ZERO; g.len()];
    for &s in &g.init {
        if ok(s as usize) {
            cur[s as usize] = Num::ONE;
        }
    }
    let mut out = Vec::with_capacity(k as usize);
    for j in 1..=k {
        out.push(cur.iter().fold(Num::ZERO, |a, b| a + *b));
        if j == k {
            break;
        }
        let mut next = vec![Num::ZERO; g.len()];
        for (s, c) in cur.iter().enumerate() {
            if c.is_zero() {
                continue;
            }
            for e in g.successors(s as u32) {
                if ok(e.to as usize) {
                    next[e.to as usize] = next[e.to as usize] + *c;
                }
            }
        }
        cur = next;
    }
    out
}

/// For each length j = 1..=k, the behaviors with exactly `j` states that stay inside the
/// property (every state satisfies `sat`) and those that have left it, both by dynamic
/// programming (outside counts are not computed by subtraction, so they stay exact).
pub fn regions_by_length(g: &StateGraph, sat: &[bool], k: u32) -> (Vec<Num>, Vec<Num>) {
    let mut inside = vec![Num::ZERO; g.len()];
    let mut outside = vec![Num::ZERO; g.len()];
    for &s in &g.init {
        if sat[s as usize] {
            inside[s as usize] = Num::ONE;
        } else {
            outside[s as usize] = Num::ONE;
        }
    }
    let total = |v: &[Num]| v.iter().fold(Num::ZERO, |a, b| a + *b);
    let (mut ins, mut outs) = (Vec::new(), Vec::new());
    for j in 1..=k {
        ins.push(total(&inside));
        outs.push(total(&outside));
        if j == k {
            break;
        }
        let mut ni = vec![Num::ZERO; g.len()];
        let mut no = vec![Num::ZERO; g.len()];
        for s in 0..g.len() {
            let (ci, co) = (inside[s], outside[s]);
            if ci.is_zero() && co.is_zero() {
                continue;
            }
            for e in g.successors(s as u32) {
                let t = e.to as usize;
                no[t] = no[t] + co;
                if sat[t] {
                    ni[t] = ni[t] + ci;
                } else {
                    no[t] = no[t] + ci;
                }
            }
        }
        inside = ni;
        outside = no;
    }
    (ins, outs)
}

/// `table[j - 1][s]` = the number of behaviors with exactly `j` states starting at state `s`
/// (the behaviors "below" a tree node showing `s`), for j = 1..=k.
pub fn behaviors_from(g: &StateGraph, k: u32) -> Vec<Vec<Num>> {
    let mut table = vec![vec![Num::ONE; g.len()]];
    for _ in 1..k {
        let prev = table.last().expect("first row");
        let row: Vec<Num> = (0..g.len())
            .map(|s| {
                g.successors(s as u32)
                    .iter()
                    .fold(Num::ZERO, |a, e| a + prev[e.to as usize])
            })
            .collect();
        table.push(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_counts_become_approximate() {
        let big = Num {
            exact: Some(3_200_000_000_000_000),
            approx: 3.2e15,
        };
        assert_eq!(big.to_string(), "≈ 3.2 × 10^15");
        assert_eq!(
            Num {
                exact: Some(42),
                approx: 42.0
            }
            .to_string(),
            "42"
        );
        let overflow = Num {
            exact: Some(u128::MAX),
            approx: 3.4e38,
        } + Num::ONE;
        assert_eq!(overflow.exact, None);
        assert!(overflow.to_string().starts_with("≈ 3.4 × 10^38"));
    }
}
