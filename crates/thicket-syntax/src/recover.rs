//! Recovery from syntax errors, so that a text's every syntax error is reported at once.
//!
//! pest stops at the first error. We then find the unit that failed — a top-level definition or
//! declaration of the module, or the algorithm's statement — blank it (spaces, line ends kept:
//! every other offset stays the same, as for the scanner's blanking; a statement becomes `skip`
//! so that its block still holds one) and parse again, up to [`MAX_ERRORS`] errors.
//!
//! Against cascades (an error caused by the blanking, not by the text), a new error counts only
//! if the parser got further than before and not merely to the first token after the blanked
//! unit; otherwise recovery stops there.

use crate::diag::Diagnostic;
use crate::parser::{self, Rule, SyntaxError};
use crate::scan::{comment_close, string_end};

/// At most this many syntax errors are reported for one text.
pub const MAX_ERRORS: usize = 50;

/// Keywords that start a top-level unit at the start of a line.
const UNIT_KEYWORDS: &[&str] = &[
    "CONSTANT",
    "CONSTANTS",
    "VARIABLE",
    "VARIABLES",
    "ASSUME",
    "ASSUMPTION",
    "AXIOM",
    "THEOREM",
    "LEMMA",
    "PROPOSITION",
    "COROLLARY",
    "INSTANCE",
    "LOCAL",
    "RECURSIVE",
    "EXTENDS",
    "USE",
    "HIDE",
];

/// Every syntax error of `text` (prepared by the scanner) read as `rule`, starting with `first`,
/// the error of the parse of the whole text. `body` is where the module's body starts (0 for a
/// bare text).
pub fn all_errors(
    rule: Rule,
    text: &str,
    src: &str,
    body: usize,
    first: SyntaxError,
) -> Vec<Diagnostic> {
    let mut text = text.to_string();
    let mut at = first.at;
    let mut errors = vec![first.diagnostic];
    while errors.len() < MAX_ERRORS {
        let layout = Layout::of(&text, body);
        let Some(fix) = layout.failed_unit(&text, at) else {
            break;
        };
        let Some(fixed) = fix.apply(&text) else {
            break;
        };
        text = fixed;
        let Err(next) = parser::parse_located(rule, &text, src) else {
            break;
        };
        if next.at <= at || next.at == next_token(&text, fix.end) {
            break;
        }
        at = next.at;
        errors.push(next.diagnostic);
    }
    errors
}

/// What to blank: `start..end`, as a statement (`skip`) or as a whole unit (spaces).
struct Fix {
    start: usize,
    end: usize,
    statement: bool,
}

impl Fix {
    /// The text with the unit blanked, or `None` if that changes nothing.
    fn apply(&self, text: &str) -> Option<String> {
        let mut bytes = text.as_bytes().to_vec();
        let region = bytes.get_mut(self.start..self.end)?;
        let first = region.iter().position(|b| !is_blank(*b))?;
        for b in region.iter_mut().filter(|b| **b != b'\n') {
            *b = b' ';
        }
        if self.statement && region.len() - first >= 4 {
            region[first..first + 4].copy_from_slice(b"skip");
        }
        String::from_utf8(bytes).ok()
    }
}

fn is_blank(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b == crate::scan::ITEM_SEP
        || (crate::scan::LIST_LEVEL..crate::scan::LIST_LEVEL + 16).contains(&b)
}

/// The start of the first token at or after `from` (or the text's end).
fn next_token(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from.min(bytes.len());
    while i < bytes.len() && is_blank(bytes[i]) {
        i += 1;
    }
    i
}

/// Where a text's top-level units start, and its algorithm and model blocks.
struct Layout {
    /// Starts of top-level units, in order.
    units: Vec<usize>,
    /// `(* --algorithm ... *)` (or a bare algorithm) and `(* --model ... *)`: `(start, end,
    /// is_algorithm)`.
    blocks: Vec<(usize, usize, bool)>,
    /// The end of the module's body (its `====`), or of the text.
    end: usize,
}

impl Layout {
    fn of(text: &str, body: usize) -> Layout {
        let bytes = text.as_bytes();
        let mut layout = Layout {
            units: vec![],
            blocks: vec![],
            end: bytes.len(),
        };
        let mut i = body.min(bytes.len());
        let mut depth = 0usize;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let line_start = i == 0 || bytes[i - 1] == b'\n';
            if depth == 0 && line_start && starts_unit(&text[i..]) {
                layout.units.push(i);
                if rest.starts_with(b"====") {
                    layout.end = i;
                    break;
                }
            }
            i = if rest.starts_with(b"(*") && depth == 0 && special_open(rest).is_some() {
                layout.block(bytes, i, special_open(rest) == Some(true))
            } else if rest.starts_with(b"(*") {
                depth += 1;
                i + 2
            } else if rest.starts_with(b"*)") && depth > 0 {
                depth -= 1;
                i + 2
            } else if depth > 0 {
                i + 1
            } else if depth == 0
                && (rest.starts_with(b"--algorithm") || rest.starts_with(b"--fair"))
            {
                layout.units.push(i);
                layout.blocks.push((i, bytes.len(), true));
                bytes.len()
            } else {
                skip_code(bytes, i)
            };
        }
        layout
    }

    /// Record the block opening at `start`; return where it ends.
    fn block(&mut self, bytes: &[u8], start: usize, algorithm: bool) -> usize {
        let end = comment_close(bytes, start + 2)
            .map(|i| i + 2)
            .unwrap_or(bytes.len());
        if self.units.last() != Some(&start) {
            self.units.push(start);
        }
        self.blocks.push((start, end, algorithm));
        end
    }

    /// The unit that failed where the parser stopped, at `at`.
    fn failed_unit(&self, text: &str, at: usize) -> Option<Fix> {
        if let Some(&(start, end, algorithm)) = self
            .blocks
            .iter()
            .find(|&&(start, end, _)| start < at && at < end)
        {
            return if algorithm {
                statement_at(text, start, end, at)
            } else {
                Some(Fix {
                    start,
                    end,
                    statement: false,
                })
            };
        }
        let index = self.units.iter().rposition(|&u| u <= at)?;
        let unit = self.units[index];
        // Stopped in the head of a unit (`Name ==`, a keyword): the unit before is unfinished.
        let start = if in_head(text, unit, at) && index > 0 {
            self.units[index - 1]
        } else {
            unit
        };
        let end = self
            .units
            .get(index + 1)
            .copied()
            .unwrap_or(self.end)
            .max(start);
        Some(Fix {
            start,
            end,
            statement: false,
        })
    }
}

/// Is `at` in the head of the unit starting at `unit`: at its start, or on its first line up
/// to its `==`?
fn in_head(text: &str, unit: usize, at: usize) -> bool {
    let line = text[unit..].split('\n').next().unwrap_or_default();
    at == unit || line.find("==").is_some_and(|eq| at <= unit + eq + 2)
}

/// Does a top-level unit start here (at the start of a line)?
fn starts_unit(line: &str) -> bool {
    if line.starts_with("----") || line.starts_with("====") {
        return true;
    }
    let word_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if word_len == 0 {
        return false;
    }
    if UNIT_KEYWORDS.contains(&&line[..word_len]) {
        return true;
    }
    // A definition: `Name ==`, `Name(x) ==`, `f[x \in S] ==`, `a \prec b ==`.
    let line = line.split('\n').next().unwrap_or_default();
    line.find("==")
        .is_some_and(|eq| !line[..eq].contains(['=', '"']))
}

/// `(* --algorithm` / `(* --fair` (`Some(true)`) or `(* --model` (`Some(false)`).
fn special_open(rest: &[u8]) -> Option<bool> {
    let after = rest.get(2..)?.trim_ascii_start();
    if after.starts_with(b"--algorithm") || after.starts_with(b"--fair") {
        Some(true)
    } else if after.starts_with(b"--model") {
        Some(false)
    } else {
        None
    }
}

/// Past one piece of code at `i`: a line comment, a string, or one byte.
fn skip_code(bytes: &[u8], i: usize) -> usize {
    let rest = &bytes[i..];
    if rest.starts_with(b"\\*") {
        return rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| i + n);
    }
    if rest.starts_with(b"\"") {
        return string_end(bytes, i);
    }
    i + 1
}

/// A token of an algorithm: its place and text.
#[derive(Clone, Copy)]
struct Token<'t> {
    start: usize,
    text: &'t str,
}

impl Token<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The tokens of `text[start..end]`, without comments.
fn tokens(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = vec![];
    let mut i = start;
    while i < end.min(bytes.len()) {
        let rest = &bytes[i..];
        let next = if is_blank(rest[0]) {
            i + 1
        } else if rest.starts_with(b"(*") {
            comment_close(bytes, i + 2)
                .map(|i| i + 2)
                .unwrap_or(bytes.len())
        } else if rest.starts_with(b"\\*") {
            skip_code(bytes, i)
        } else {
            let len = token_len(rest);
            out.push(Token {
                start: i,
                text: text.get(i..i + len).unwrap_or_default(),
            });
            i + len
        };
        i = next;
    }
    out
}

fn token_len(rest: &[u8]) -> usize {
    let word = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    if word > 0 {
        return word;
    }
    if rest.starts_with(b"\"") {
        return string_end(rest, 0);
    }
    if [&b"<<"[..], b">>", b":=", b"*)"]
        .iter()
        .any(|t| rest.starts_with(t))
    {
        return 2;
    }
    // One character (all of its bytes).
    match rest[0] {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    }
    .min(rest.len())
}

/// The statement of the algorithm in `text[start..end]` where the parser stopped, at `at`.
fn statement_at(text: &str, start: usize, end: usize, at: usize) -> Option<Fix> {
    let inside = if text[start..].starts_with("(*") {
        start + 2
    } else {
        start
    };
    let toks = tokens(text, inside, end);
    let c_syntax = toks
        .iter()
        .position(|t| t.text == "algorithm")
        .and_then(|i| toks.get(i + 2))
        .is_some_and(|t| t.text == "{");
    let blocks = block_braces(&toks, c_syntax);
    let err = toks
        .iter()
        .position(|t| t.start >= at)
        .unwrap_or(toks.len());
    let first = statement_start(&toks[..err], &blocks)?;
    let last = statement_end(&toks, &blocks, first, err, c_syntax)?.min(end);
    let start = toks.get(first)?.start;
    (last > start).then_some(Fix {
        start,
        end: last,
        statement: true,
    })
}

/// For each token: is it a brace of a C-syntax block (not of a set)?
fn block_braces(toks: &[Token], c_syntax: bool) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    if !c_syntax {
        return out;
    }
    let mut open: Vec<bool> = vec![];
    for (i, t) in toks.iter().enumerate() {
        match t.text {
            "{" => {
                let prev = i.checked_sub(1).map(|p| (toks[p].text, out[p]));
                let after_name = i >= 2 && toks[i - 2].text == "algorithm";
                let block = after_name
                    || matches!(
                        prev,
                        Some((")" | ";" | "else" | "or" | "either" | "define", _))
                            | Some(("{" | "}", true))
                    );
                out[i] = block;
                open.push(block);
            }
            "}" => out[i] = open.pop().unwrap_or(false),
            _ => {}
        }
    }
    out
}

/// The index of the first token of the statement that holds the end of `toks`: the token after
/// the last place where a statement may start.
fn statement_start(toks: &[Token], blocks: &[bool]) -> Option<usize> {
    let mut start = None;
    let mut open: Vec<bool> = vec![];
    for (i, t) in toks.iter().enumerate() {
        let in_expr = open.last().is_some_and(|block| !block);
        match t.text {
            "(" | "[" | "<<" => open.push(false),
            "{" => {
                open.push(blocks[i]);
                if blocks[i] {
                    start = Some(i + 1);
                }
            }
            ")" | "]" | ">>" => {
                open.pop();
            }
            "}" => {
                open.pop();
                if blocks[i] {
                    start = Some(i + 1);
                }
            }
            ";" | "begin" | "then" | "else" | "do" | "or" | "either" if !in_expr => {
                start = Some(i + 1);
            }
            _ => {}
        }
    }
    start.filter(|&s| s < toks.len())
}

/// Where the statement whose first token is `first` ends (before its `;`, or before the word or
/// brace that closes its block), given that it holds the token `err`. `None` if a block closes
/// before `err`: the error is in how blocks close, which blanking a statement cannot mend.
fn statement_end(
    toks: &[Token],
    blocks: &[bool],
    first: usize,
    err: usize,
    c_syntax: bool,
) -> Option<usize> {
    let (mut parens, mut nested) = (0usize, 0usize);
    for (i, t) in toks.iter().enumerate().skip(first) {
        let after = i >= err;
        let block = blocks[i];
        let opener = !c_syntax
            && matches!(t.text, "if" | "while" | "with" | "either")
            && (i == 0 || toks[i - 1].text != "end");
        match t.text {
            "*)" => return Some(t.start),
            "(" | "[" | "<<" => parens += 1,
            "{" if !block => parens += 1,
            ")" | "]" | ">>" => parens = parens.saturating_sub(1),
            "}" if !block => parens = parens.saturating_sub(1),
            "{" => nested += 1,
            "}" if nested == 0 => return after.then_some(t.start),
            "}" => {
                nested = nested.saturating_sub(1);
                let goes_on = toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.text, "else" | "or"));
                if nested == 0 && after && !goes_on {
                    return Some(t.end());
                }
            }
            ";" if parens == 0 && nested == 0 && after => return Some(t.start),
            _ if opener => nested += 1,
            "end" if !c_syntax && nested == 0 => return after.then_some(t.start),
            "end" if !c_syntax => nested = nested.saturating_sub(1),
            "else" | "elsif" | "or" if !c_syntax && nested == 0 && after => return Some(t.start),
            _ => {}
        }
    }
    Some(usize::MAX)
}
