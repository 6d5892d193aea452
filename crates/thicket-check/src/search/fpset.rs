//! Seen states as 64-bit fingerprints in open-addressing tables (linear probing; 0 marks an
//! empty slot).
//!
//! - [`FpSet`], the explorer's: fingerprints only, 8 bytes a slot, at most 7/8 full, so 9 to 18
//!   bytes per distinct state (the explorer adds 8 bytes of parent pointer and successor index
//!   to rebuild traces).
//! - [`FpMap`], the state graph's: each fingerprint with the dense id of its state (12 bytes a
//!   slot, at most 3/4 full), for edges to states already seen.

use xxhash_rust::xxh3::xxh3_64;

use crate::eval::expr::EvalError;
use crate::eval::value::Value;
use crate::model::distinct::Distinction;
use crate::model::program::Program;

pub struct FpMap {
    fps: Vec<u64>,
    ids: Vec<u32>,
    len: usize,
    mask: usize,
}

/// The fingerprint of a state: xxh3-64 of its canonical encoding. Never 0 (0 marks an empty
/// slot).
pub fn fingerprint(state: &[Value], buf: &mut Vec<u8>) -> u64 {
    buf.clear();
    for v in state {
        v.encode(buf);
    }
    let h = xxh3_64(buf);
    if h == 0 {
        1
    } else {
        h
    }
}

/// The fingerprint a search keeps for `st`: the state's own when the model tells states apart
/// by themselves (no work beyond [`fingerprint`]), else that of what stands for it (its view,
/// its least image under the symmetry); an error when the view cannot be evaluated.
pub fn state_fingerprint(
    prog: &Program,
    distinction: &Distinction,
    st: &[Value],
    buf: &mut Vec<u8>,
    frame: &mut Vec<Value>,
) -> Result<u64, EvalError> {
    if distinction.is_plain() {
        return Ok(fingerprint(st, buf));
    }
    Ok(match distinction.key(prog, st, frame)? {
        Some(key) => fingerprint(&key, buf),
        None => fingerprint(st, buf),
    })
}

impl FpMap {
    pub fn new() -> FpMap {
        FpMap::with_capacity(1 << 10)
    }

    pub fn with_capacity(n: usize) -> FpMap {
        let cap = (n * 4 / 3).next_power_of_two().max(16);
        FpMap {
            fps: vec![0; cap],
            ids: vec![0; cap],
            len: 0,
            mask: cap - 1,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.fps.len() * 12
    }

    /// The id of `fp`, if seen.
    pub fn get(&self, fp: u64) -> Option<u32> {
        let mut i = (fp as usize) & self.mask;
        loop {
            let f = self.fps[i];
            if f == fp {
                return Some(self.ids[i]);
            }
            if f == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Insert `fp` with the next id; `Ok(id)` when new, `Err(existing id)` when seen before.
    pub fn insert(&mut self, fp: u64) -> Result<u32, u32> {
        if (self.len + 1) * 4 > self.fps.len() * 3 {
            self.grow();
        }
        let mut i = (fp as usize) & self.mask;
        loop {
            let f = self.fps[i];
            if f == fp {
                return Err(self.ids[i]);
            }
            if f == 0 {
                let id = self.len as u32;
                self.fps[i] = fp;
                self.ids[i] = id;
                self.len += 1;
                return Ok(id);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let cap = self.fps.len() * 2;
        let old_fps = std::mem::replace(&mut self.fps, vec![0; cap]);
        let old_ids = std::mem::replace(&mut self.ids, vec![0; cap]);
        self.mask = cap - 1;
        for (f, id) in old_fps.into_iter().zip(old_ids) {
            if f != 0 {
                let mut i = (f as usize) & self.mask;
                while self.fps[i] != 0 {
                    i = (i + 1) & self.mask;
                }
                self.fps[i] = f;
                self.ids[i] = id;
            }
        }
    }
}

impl Default for FpMap {
    fn default() -> Self {
        FpMap::new()
    }
}

/// The explorer's set of seen fingerprints.
pub struct FpSet {
    fps: Vec<u64>,
    len: usize,
    mask: usize,
}

impl FpSet {
    pub fn new() -> FpSet {
        FpSet {
            fps: vec![0; 1 << 12],
            len: 0,
            mask: (1 << 12) - 1,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.fps.len() * 8
    }

    pub fn contains(&self, fp: u64) -> bool {
        let mut i = (fp as usize) & self.mask;
        loop {
            match self.fps[i] {
                0 => return false,
                f if f == fp => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    /// Insert; `true` when the fingerprint was new.
    pub fn insert(&mut self, fp: u64) -> bool {
        if (self.len + 1) * 8 > self.fps.len() * 7 {
            self.grow();
        }
        let mut i = (fp as usize) & self.mask;
        loop {
            let f = self.fps[i];
            if f == fp {
                return false;
            }
            if f == 0 {
                self.fps[i] = fp;
                self.len += 1;
                return true;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let cap = self.fps.len() * 2;
        let old = std::mem::replace(&mut self.fps, vec![0; cap]);
        self.mask = cap - 1;
        for f in old.into_iter().filter(|f| *f != 0) {
            let mut i = (f as usize) & self.mask;
            while self.fps[i] != 0 {
                i = (i + 1) & self.mask;
            }
            self.fps[i] = f;
        }
    }
}

impl Default for FpSet {
    fn default() -> Self {
        FpSet::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_answers_membership_across_growth() {
        let mut s = FpSet::new();
        for k in 1..=100_000u64 {
            assert!(s.insert(k.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        }
        for k in 1..=100_000u64 {
            assert!(!s.insert(k.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        }
        assert_eq!(s.len(), 100_000);
        assert!(s.bytes() <= 100_000 * 18);
    }

    #[test]
    fn ids_are_dense_and_stable_across_growth() {
        let mut s = FpMap::with_capacity(4);
        for k in 1..=10_000u64 {
            assert_eq!(
                s.insert(k.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                Ok((k - 1) as u32)
            );
        }
        for k in 1..=10_000u64 {
            assert_eq!(
                s.get(k.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                Some((k - 1) as u32)
            );
        }
        assert_eq!(s.insert(0x9E37_79B9_7F4A_7C15), Err(0));
        assert_eq!(s.len(), 10_000);
    }
}
