//! The modules of one text: `---- MODULE A ----` ... `====`, one after another or nested.
//!
//! A text may hold several modules (a spec and its `MC` model, or helpers after the main
//! module), and a module may hold modules (`Inner` of *Specifying Systems*). Header and end
//! lines inside comments and strings do not count.

use crate::scan::string_end;
use std::ops::Range;

/// One module of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub name: String,
    /// From the header's first dash to the end of the `====` line (or of the text when the
    /// module never ends: the parser then says what is missing).
    pub range: Range<usize>,
    /// The module it is nested in (an index into the same list), if any.
    pub parent: Option<usize>,
}

/// Every module of `text`, in the order their headers appear.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (start, line) in code_lines(text) {
        let t = line.trim();
        if let Some(name) = header_name(t) {
            let lead = line.len() - line.trim_start().len();
            out.push(Piece {
                name,
                range: start + lead..text.len(),
                parent: open.last().copied(),
            });
            open.push(out.len() - 1);
        } else if t.starts_with("====") {
            if let Some(i) = open.pop() {
                out[i].range.end = start + line.trim_end().len();
            }
        }
    }
    out
}

/// `---- MODULE Name ----` → `Name`.
fn header_name(t: &str) -> Option<String> {
    let rest = t.strip_prefix("----")?.trim_start_matches('-').trim_start();
    let rest = rest.strip_prefix("MODULE")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let after = rest.trim_start()[name.len()..].trim_start();
    (!name.is_empty() && after.starts_with("----")).then_some(name)
}

/// The lines of the text that start outside any comment or string, with their offsets.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut depth, mut i, mut line_start) = (0usize, 0usize, true);
    while i < bytes.len() {
        if line_start && depth == 0 {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            lines.push((i, &text[i..end]));
        }
        line_start = false;
        match (bytes[i], bytes.get(i + 1)) {
            (b'\n', _) => line_start = true,
            (b'(', Some(b'*')) => {
                depth += 1;
                i += 1;
            }
            (b'*', Some(b')')) if depth > 0 => {
                depth -= 1;
                i += 1;
            }
            (b'\\', Some(b'*')) if depth == 0 => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            (b'"', _) if depth == 0 => {
                i = string_end(bytes, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

/// The text of `piece` alone: every other byte of `text` (the text around it and the modules
/// nested in it) blanked to spaces, newlines kept, so offsets and columns are unchanged.
pub fn alone(text: &str, all: &[Piece], piece: usize) -> String {
    let own = &all[piece];
    let holes: Vec<&Range<usize>> = all
        .iter()
        .filter(|p| p.parent == Some(piece))
        .map(|p| &p.range)
        .collect();
    let keep = |i: usize| own.range.contains(&i) && !holes.iter().any(|h| h.contains(&i));
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '\n' || keep(i) {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_one_after_another_and_nested() {
        let text = "---- MODULE A ----\nx == 1\n---- MODULE In ----\ny == 2\n====\nz == 3\n====\n(* ---- MODULE C ---- *)\n---- MODULE MC ----\n====\n";
        let ps = pieces(text);
        let names: Vec<_> = ps.iter().map(|p| (p.name.as_str(), p.parent)).collect();
        assert_eq!(names, [("A", None), ("In", Some(0)), ("MC", None)]);
        assert_eq!(
            &text[ps[1].range.clone()],
            "---- MODULE In ----\ny == 2\n===="
        );
        let a = alone(text, &ps, 0);
        assert_eq!(a.len(), text.len());
        assert!(a.contains("z == 3") && !a.contains("y == 2") && !a.contains("MC"));
    }

    #[test]
    fn a_module_that_never_ends_runs_to_the_end() {
        let ps = pieces("---- MODULE A ----\nx == \"====\"\n");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].range.end, 31);
    }

    #[test]
    fn blanking_keeps_multibyte_offsets() {
        let text = "∀ ---- MODULE A ----\nx == 1\n====\n";
        let ps = pieces(text);
        assert!(ps.is_empty(), "a header must start its line");
        let text = "(* ∀ *)\n---- MODULE A ----\nx == \"∀\"\n====\n";
        let ps = pieces(text);
        let a = alone(text, &ps, 0);
        assert_eq!(a.len(), text.len());
        assert!(a.contains("\"∀\"") && !a.contains("(*"));
    }
}
