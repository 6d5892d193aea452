//! The scanner: a cheap lexical pass over the text before pest sees it.
//!
//! It does what a PEG grammar cannot do, or cannot do safely:
//! - rejects binary garbage, unterminated comments and strings, unbalanced brackets, and
//!   nesting deeper than [`MAX_NESTING`] (pest recurses once per level: a 10,000-deep
//!   `((((...))))` must be a located error, not a stack overflow);
//! - blanks the PlusCal translation (`\* BEGIN TRANSLATION` ... `\* END TRANSLATION`);
//! - applies TLA+'s alignment rule for bulleted `/\` and `\/` lists: the whitespace byte right
//!   before each *continuation* bullet becomes [`ITEM_SEP`], which the grammar uses to end the
//!   previous item, and the whitespace byte right after each bullet becomes a [`LIST_LEVEL`]
//!   byte naming its list's nesting, which the grammar matches with the bullet. A list ends at a token left of (or at) its bullet column, at a bracket that
//!   closes around it, or at a `;`.
//!
//! The prepared text has exactly the byte length of the source, so spans need no mapping.

use crate::ast::Span;
use crate::diag::Diagnostic;

/// Deeper nesting than this (brackets, comments, PlusCal blocks) is refused.
pub const MAX_NESTING: usize = 200;

/// The byte that ends a bulleted-list item (see the module doc).
pub const ITEM_SEP: u8 = 0x01;

/// The bytes that say which bulleted list a bullet is of: the whitespace byte right after each
/// bullet becomes `LIST_LEVEL + n % 16`, `n` the number of lists the list is nested in, so that
/// a list does not take the next bullet of a list around it with the same junction.
pub const LIST_LEVEL: u8 = 0x10;

/// Whether a byte of the prepared text is a list level (see [`LIST_LEVEL`]).
fn is_list_level(b: u8) -> bool {
    (LIST_LEVEL..LIST_LEVEL + 16).contains(&b)
}

/// The byte that ends a line of a typed behavior (see [`prepare_behavior`]).
pub const LINE_END: u8 = 0x02;

/// Scan `src`; on success return the text the grammar should parse.
pub fn prepare(src: &str) -> Result<String, Vec<Diagnostic>> {
    if let Some(d) = check_control_chars(src) {
        return Err(vec![d]);
    }
    let mut scanner = Scanner::new(src);
    scanner.run()?;
    Ok(scanner.into_text())
}

/// Scan a module as TLC reads it: its PlusCal algorithm (if any) only a comment, its
/// translation kept.
pub fn prepare_translated(src: &str) -> Result<String, Vec<Diagnostic>> {
    if let Some(d) = check_control_chars(src) {
        return Err(vec![d]);
    }
    let mut scanner = Scanner::new(src);
    scanner.translated = true;
    scanner.has_algorithm = false;
    scanner.run()?;
    Ok(scanner.into_text())
}

/// Scan a behavior typed by the user (see `behavior_document` in the grammar). `>>>` prompts
/// at the start of an item are no brackets: they are hidden from the scan and kept for the
/// grammar. Every line end becomes [`LINE_END`]: an item never runs past its line.
pub fn prepare_behavior(src: &str) -> Result<String, Vec<Diagnostic>> {
    let prompts = prompt_offsets(src);
    let mut hidden = src.as_bytes().to_vec();
    for &at in &prompts {
        hidden[at..at + 3].copy_from_slice(b"   ");
    }
    let hidden = String::from_utf8(hidden).expect("ASCII replaced by ASCII");
    let mut out = prepare(&hidden)?.into_bytes();
    for &at in &prompts {
        out[at..at + 3].copy_from_slice(b">>>");
    }
    for b in out.iter_mut().filter(|b| **b == b'\n') {
        *b = LINE_END;
    }
    Ok(String::from_utf8(out).expect("ASCII replaced by ASCII"))
}

/// Where the `>>>` prompts are: at the start of a line or after a `;` (blanks and other
/// prompts may come first).
fn prompt_offsets(src: &str) -> Vec<usize> {
    let bytes = src.as_bytes();
    let mut out = vec![];
    let mut at_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b';' => at_start = true,
            b' ' | b'\t' | b'\r' => {}
            b'>' if at_start && bytes[i..].starts_with(b">>>") => {
                out.push(i);
                i += 3;
                continue;
            }
            _ => at_start = false,
        }
        i += 1;
    }
    out
}

/// A `.cfg` file needs only the control-character check: its grammar is flat.
pub fn prepare_model(src: &str) -> Result<String, Vec<Diagnostic>> {
    match check_control_chars(src) {
        Some(d) => Err(vec![d]),
        None => Ok(src.to_string()),
    }
}

fn check_control_chars(src: &str) -> Option<Diagnostic> {
    let (offset, ch) = src
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
    let count = src
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    let mut d = Diagnostic::error(
        Span::new(offset, offset + ch.len_utf8()),
        format!(
            "unexpected control character U+{:04X}: a spec is plain text",
            ch as u32
        ),
    );
    if count > 3 {
        d = d.with_hint(format!(
            "the text holds {count} control characters: is this a binary file?"
        ));
    }
    Some(d)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Junction {
    And,
    Or,
}

/// An open bulleted list.
struct OpenList {
    col: usize,
    line: usize,
    depth: usize,
    op: Junction,
    /// Where its first bullet is.
    first: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    /// A name, number, string, `'`, `@`: something that can end an expression.
    Operand,
    /// A word after which an expression starts (`IF`, `THEN`, `await`, ...).
    Keyword,
    Junction(Junction),
    Open(char),
    Close(char),
    Semi,
    /// Any other operator or punctuation.
    Op,
}

/// Words after which an expression starts, so a following `/\` is a bullet.
const EXPR_KEYWORDS: &[&str] = &[
    "IF",
    "THEN",
    "ELSE",
    "CASE",
    "OTHER",
    "LET",
    "IN",
    "CHOOSE",
    "EXCEPT",
    "LAMBDA",
    "SUBSET",
    "UNION",
    "DOMAIN",
    "ENABLED",
    "UNCHANGED",
    "ASSUME",
    "ASSUMPTION",
    "await",
    "when",
    "if",
    "while",
    "then",
    "do",
    "else",
    "elsif",
    "assert",
    "print",
    "with",
    "or",
    "either",
    "begin",
    "return",
];

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    out: Vec<u8>,
    pos: usize,
    line: usize,
    col: usize,
    /// Open brackets: the bracket and where it was opened.
    brackets: Vec<(char, usize)>,
    lists: Vec<OpenList>,
    prev: Tok,
    /// Inside `(* --algorithm ... *)`: where the comment opened.
    algorithm_comment: Option<usize>,
    /// How many brackets were open where the algorithm's comment opened (a C-syntax algorithm
    /// ends where its `}` brings the count back to this).
    algorithm_depth: usize,
    /// An algorithm was found in a comment: as for the translator, later comments are prose.
    algorithm_seen: bool,
    /// PlusCal blocks opened by a word (`if ... end if` in P-syntax; a brace-less body in
    /// C-syntax), counted towards the nesting limit.
    word_blocks: usize,
    c_syntax: bool,
    after_end: bool,
    /// The text holds an algorithm: its translation, if present, is Thicket's to make. Without
    /// one, the translation's text is the spec (a module exported without its algorithm).
    has_algorithm: bool,
    /// Read as TLC reads the module: the algorithm's comment is only a comment and the
    /// translation is kept (a module another one instantiates or extends).
    translated: bool,
    errors: Vec<Diagnostic>,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Scanner<'a> {
        Scanner {
            src,
            bytes: src.as_bytes(),
            out: src.as_bytes().to_vec(),
            pos: 0,
            line: 0,
            col: 0,
            brackets: vec![],
            lists: vec![],
            prev: Tok::Op,
            algorithm_comment: None,
            algorithm_depth: 0,
            algorithm_seen: false,
            word_blocks: 0,
            c_syntax: false,
            after_end: false,
            has_algorithm: src.contains("--algorithm") || src.contains("--fair algorithm"),
            translated: false,
            errors: vec![],
        }
    }

    fn into_text(self) -> String {
        // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
        String::from_utf8(self.out).expect("scanner keeps UTF-8")
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Advance over `n` bytes, keeping line and column (in characters) up to date.
    fn bump(&mut self, n: usize) {
        let end = (self.pos + n).min(self.src.len());
        for ch in self.src[self.pos..end].chars() {
            if ch == '\n' {
                self.line += 1;
                self.col = 0;
            } else {
                self.col += 1;
            }
        }
        self.pos = end;
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        let _ = self;
        Diagnostic::error(span, message)
    }

    fn run(&mut self) -> Result<(), Vec<Diagnostic>> {
        if let Some(body_start) = module_body_start(self.src) {
            self.bump(body_start);
        }
        while self.pos < self.bytes.len() && self.errors.is_empty() {
            self.step();
        }
        if self.errors.is_empty() {
            self.check_end();
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(std::mem::take(&mut self.errors))
        }
    }

    fn check_end(&mut self) {
        if let Some(&(ch, at)) = self.brackets.last() {
            let closer = closer_of(ch);
            let d = self
                .error(
                    Span::new(at, at + ch.len_utf8()),
                    format!("this `{}` is never closed", open_text(ch)),
                )
                .with_hint(format!("add the matching `{closer}`"));
            self.errors.push(d);
        } else if let Some(at) = self.algorithm_comment {
            let d = self
                .error(
                    Span::new(at, at + 2),
                    "the comment holding the algorithm is never closed",
                )
                .with_hint(
                    "end the algorithm with `*)` after `end algorithm;` (or after the closing `}`)",
                );
            self.errors.push(d);
        }
    }

    /// Scan one token (or skip one run of whitespace or one comment).
    fn step(&mut self) {
        let rest = self.rest();
        let ch = rest.chars().next().expect("not at end");
        if ch.is_whitespace() {
            self.bump(ch.len_utf8());
        } else if rest.starts_with("\\*") {
            self.line_comment();
        } else if rest.starts_with("(*") {
            self.block_comment();
        } else if rest.starts_with("*)") && self.algorithm_comment.is_some() {
            self.close_algorithm();
        } else if rest.starts_with("*)") && matches!(self.prev, Tok::Operand | Tok::Close(_)) {
            // Outside a comment, `*)` after an operand is a comment's end gone astray (`3 *)`);
            // elsewhere it is the operator `*` before a `)` (`Op(a, *)`, `s^*)`).
            let d = self.error(Span::new(self.pos, self.pos + 2), "`*)` closes no comment");
            self.errors.push(d);
        } else if rest.starts_with("====") && self.algorithm_comment.is_none() && self.col == 0 {
            // The end of the module: what follows is not ours to read.
            self.pos = self.bytes.len();
        } else if ch == '"' {
            self.string();
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let len = word_len(rest);
            let word = &rest[..len];
            self.word(word);
        } else if ch.is_ascii_digit() {
            let len = word_len(rest);
            self.token(Tok::Operand, len);
        } else {
            self.punct(rest, ch);
        }
    }

    fn word(&mut self, word: &str) {
        let ends_algorithm = word == "algorithm"
            && self.after_end
            && !self.c_syntax
            && self.algorithm_comment.is_some();
        self.count_word_block(word);
        let tok = match word {
            "TRUE" | "FALSE" => Tok::Operand,
            _ if EXPR_KEYWORDS.contains(&word) => Tok::Keyword,
            _ => Tok::Operand,
        };
        self.token(tok, word.len());
        if ends_algorithm {
            let blank = self.rest().len() - self.rest().trim_start().len();
            self.bump(blank);
            if self.rest().starts_with(';') {
                self.token(Tok::Semi, 1);
            }
            self.skip_prose_after_algorithm();
        }
    }

    /// PlusCal blocks opened by words count towards the nesting limit.
    fn count_word_block(&mut self, word: &str) {
        let opener = matches!(word, "if" | "while" | "either" | "with");
        if self.c_syntax {
            if opener || matches!(word, "else" | "or") {
                self.word_blocks += 1;
            }
        } else if self.after_end {
            if opener {
                self.word_blocks = self.word_blocks.saturating_sub(1);
            }
        } else if opener {
            self.word_blocks += 1;
        }
        self.after_end = word == "end";
    }

    fn punct(&mut self, rest: &str, ch: char) {
        if rest.starts_with("--algorithm") || rest.starts_with("--fair") {
            // A bare algorithm text (not inside a comment).
            self.c_syntax = algorithm_is_c_syntax(rest);
        }
        let two = rest.get(..2).unwrap_or("");
        // `Op!<<` and `Op!>>` select an operand: no bracket.
        let selector = self.pos > 0 && self.bytes[self.pos - 1] == b'!';
        match two {
            "<<" | ">>" if selector => return self.token(Tok::Op, 2),
            "/\\" => return self.token(Tok::Junction(Junction::And), 2),
            "\\/" => return self.token(Tok::Junction(Junction::Or), 2),
            "<<" => return self.token(Tok::Open('<'), 2),
            ">>" => return self.token(Tok::Close('>'), 2),
            "[]" => return self.token(Tok::Op, 2),
            _ => {}
        }
        if ch == '\\' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let len = 1 + word_len(&rest[1..]);
            let tok = match &rest[..len] {
                "\\land" => Tok::Junction(Junction::And),
                "\\lor" => Tok::Junction(Junction::Or),
                _ => Tok::Op,
            };
            return self.token(tok, len);
        }
        let tok = match ch {
            '∧' => Tok::Junction(Junction::And),
            '∨' => Tok::Junction(Junction::Or),
            '(' | '[' | '{' | '⟨' => Tok::Open(ch),
            ')' | ']' | '}' | '⟩' => Tok::Close(ch),
            '\'' => Tok::Operand,
            '@' if !rest.starts_with("@@") => Tok::Operand,
            ';' => Tok::Semi,
            _ => Tok::Op,
        };
        self.token(tok, ch.len_utf8());
    }

    /// Handle one token of `len` bytes at the current position.
    fn token(&mut self, tok: Tok, len: usize) {
        let start = self.pos;
        let mut ends_algorithm = false;
        match tok {
            Tok::Open(ch) => {
                self.apply_alignment(tok);
                self.brackets.push((ch, start));
                if ch == '{' && self.c_syntax {
                    self.word_blocks = 0;
                }
                self.check_depth(start, len);
            }
            Tok::Close(ch) => {
                self.close_bracket(ch, start, len);
                self.apply_alignment(tok);
                if ch == '}' && self.c_syntax {
                    self.word_blocks = 0;
                    ends_algorithm = self.algorithm_comment.is_some()
                        && self.errors.is_empty()
                        && self.brackets.len() == self.algorithm_depth;
                }
            }
            Tok::Semi => {
                let depth = self.brackets.len();
                self.lists.retain(|l| l.depth < depth);
                if self.c_syntax {
                    self.word_blocks = 0;
                }
            }
            _ => {
                self.apply_alignment(tok);
                self.check_depth(start, len);
            }
        }
        if let Tok::Junction(op) = tok {
            let continued = self
                .lists
                .last()
                .is_some_and(|l| l.line == self.line && l.col == self.col);
            let starts = !continued && !matches!(self.prev, Tok::Operand | Tok::Close(_));
            if starts {
                self.lists.push(OpenList {
                    col: self.col,
                    line: self.line,
                    depth: self.brackets.len(),
                    op,
                    first: start,
                });
            }
            if starts || continued {
                self.mark_level(start + len);
            }
        }
        self.prev = tok;
        self.bump(len);
        if ends_algorithm {
            self.skip_prose_after_algorithm();
        }
    }

    /// The algorithm has ended (`end algorithm;`, or its closing `}`): as for the translator,
    /// the rest of its comment is prose, blanked up to the comment's `*)`.
    fn skip_prose_after_algorithm(&mut self) {
        let Some(close) = comment_close(self.bytes, self.pos) else {
            return; // The scan's end reports the comment that is never closed.
        };
        blank(&mut self.out[self.pos..close]);
        self.bump(close - self.pos);
    }

    /// TLA+'s alignment rule, for the token at the current position.
    fn apply_alignment(&mut self, tok: Tok) {
        let mut ended = None;
        while let Some(top) = self.lists.last() {
            if self.line == top.line || self.col > top.col {
                break;
            }
            let same_bullet = self.col == top.col
                && tok == Tok::Junction(top.op)
                && self.brackets.len() == top.depth;
            if same_bullet {
                self.mark_continuation();
                break;
            }
            ended = self.lists.pop().map(|l| l.first);
        }
        if let Some(first) = ended {
            self.parenthesize_ended(first);
        }
    }

    /// A list ended by an infix operator that would otherwise continue its last item
    /// (`/\ a /\ b` then `=> c` at or left of the bullets): the list is the operator's left
    /// side, so it is put in parentheses, in the blank before its first bullet (or the list
    /// level after an enclosing bullet) and the blank before the operator. Without room for
    /// them the text is left as it is.
    fn parenthesize_ended(&mut self, first: usize) {
        const ENDING: &[&str] = &["=>", "<=>", "~>", "\\equiv", "-+->"];
        let rest = &self.src[self.pos..];
        let ends = ENDING.iter().any(|op| rest.starts_with(op));
        let blank = |b: u8| matches!(b, b' ' | b'\t');
        let open_ok =
            first > 0 && (blank(self.out[first - 1]) || is_list_level(self.out[first - 1]));
        let close_ok = self.pos > 0 && blank(self.out[self.pos - 1]);
        if ends && open_ok && close_ok {
            self.out[first - 1] = b'(';
            self.out[self.pos - 1] = b')';
        }
    }

    /// Mark the bullet at the current position as continuing the open list. The bullet is the
    /// first token on its line, so the byte before it is whitespace (or a comment's end, where
    /// we leave the text alone and the bullet reads as an infix `/\`: the same meaning).
    fn mark_continuation(&mut self) {
        if let Some(top) = self.lists.last_mut() {
            top.line = self.line;
        }
        if self.pos > 0 && matches!(self.bytes[self.pos - 1], b' ' | b'\t' | b'\n' | b'\r') {
            self.out[self.pos - 1] = ITEM_SEP;
        }
    }

    /// Say which list the bullet ending at `after` is of, in the whitespace byte after it (a
    /// bullet followed by no blank keeps its text: its list is then told by the junction only).
    fn mark_level(&mut self, after: usize) {
        let level = (self.lists.len().saturating_sub(1) % 16) as u8;
        if matches!(self.bytes.get(after), Some(b' ' | b'\t')) {
            self.out[after] = LIST_LEVEL + level;
        }
    }

    fn close_bracket(&mut self, ch: char, start: usize, len: usize) {
        let expected_open = opener_of(ch);
        match self.brackets.pop() {
            Some((open, _)) if open == expected_open => {
                let depth = self.brackets.len();
                self.lists.retain(|l| l.depth <= depth);
            }
            Some((open, at)) => {
                let (line, col) = crate::diag::line_col(self.src, at as u32);
                let d = self
                    .error(
                        Span::new(start, start + len),
                        format!(
                            "`{}` does not match the `{}` opened at line {line}, column {col}",
                            close_text(ch),
                            open_text(open)
                        ),
                    )
                    .with_label(
                        Span::new(at, at + open.len_utf8()),
                        format!("this `{}` is still open", open_text(open)),
                    )
                    .with_hint(format!(
                        "close it with `{}` first, or remove this `{}`",
                        closer_of(open),
                        close_text(ch)
                    ));
                self.errors.push(d);
            }
            None => {
                let d = self
                    .error(
                        Span::new(start, start + len),
                        format!("`{}` closes nothing", close_text(ch)),
                    )
                    .with_hint(format!(
                        "there is no `{}` open here: remove it, or add the opening one",
                        open_text(expected_open)
                    ));
                self.errors.push(d);
            }
        }
    }

    fn check_depth(&mut self, start: usize, len: usize) {
        let depth = self.brackets.len() + self.word_blocks;
        if depth > MAX_NESTING {
            let d = self
                .error(
                    Span::new(start, start + len),
                    format!("nesting is too deep (more than {MAX_NESTING} levels)"),
                )
                .with_hint("split the expression or statement into named definitions");
            self.errors.push(d);
        }
    }

    fn line_comment(&mut self) {
        let line_end = self
            .rest()
            .find('\n')
            .map_or(self.bytes.len(), |i| self.pos + i);
        let begins_translation = is_marker(&self.src[self.pos..line_end], "BEGIN TRANSLATION")
            && self.algorithm_comment.is_none()
            && self.has_algorithm;
        self.bump(line_end - self.pos);
        if begins_translation {
            self.skip_translation();
        }
    }

    /// Blank the translator's output: Thicket translates the algorithm itself.
    fn skip_translation(&mut self) {
        let begin = self.pos;
        let rest = self.rest();
        let Some(end) = rest
            .match_indices("\\*")
            .find(|&(i, _)| is_marker(&rest[i..], "END TRANSLATION"))
            .map(|(i, _)| self.pos + i)
        else {
            let d = self
                .error(Span::new(begin, begin), "`\\* BEGIN TRANSLATION` has no `\\* END TRANSLATION`")
                .with_hint("add `\\* END TRANSLATION` where the translator's output ends, or delete both markers");
            self.errors.push(d);
            return;
        };
        blank(&mut self.out[begin..end]);
        self.bump(end - begin);
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let algorithm = self.algorithm_in_comment();
        // Read as TLC reads it, the algorithm is a comment like any other: blanked, so that
        // the grammar does not read it.
        let blank_it = self.translated && algorithm.is_some();
        if let Some(at) = algorithm.filter(|_| !self.translated) {
            // As the translator reads it, the algorithm may follow prose in its comment
            // (`(*****  Here is the algorithm.  --algorithm M ...`): the prose is a comment.
            blank(&mut self.out[start + 2..at]);
            self.algorithm_comment = Some(start);
            self.algorithm_depth = self.brackets.len();
            self.algorithm_seen = true;
            self.c_syntax = algorithm_is_c_syntax(&self.src[at..]);
            self.prev = Tok::Op;
            self.bump(at - start);
            return;
        }
        let mut depth = 0usize;
        let mut i = self.pos;
        while i < self.bytes.len() {
            if self.bytes[i..].starts_with(b"(*") {
                depth += 1;
                if depth > MAX_NESTING {
                    let d = self.error(
                        Span::new(i, i + 2),
                        format!("comments are nested too deep (more than {MAX_NESTING} levels)"),
                    );
                    self.errors.push(d);
                    return;
                }
                i += 2;
            } else if self.bytes[i..].starts_with(b"*)") {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    if blank_it {
                        blank(&mut self.out[start..i]);
                    }
                    self.bump(i - self.pos);
                    return;
                }
            } else {
                i += 1;
            }
        }
        let d = self
            .error(Span::new(start, start + 2), "this comment is never closed")
            .with_hint("a `(*` comment ends with `*)`; comments nest, so every `(*` inside needs its own `*)`");
        self.errors.push(d);
    }

    fn close_algorithm(&mut self) {
        self.algorithm_comment = None;
        self.c_syntax = false;
        self.word_blocks = 0;
        self.lists.clear();
        self.prev = Tok::Op;
        self.bump(2);
    }

    fn string(&mut self) {
        let start = self.pos;
        let mut i = self.pos + 1;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' => i += 2,
                b'"' => {
                    self.token(Tok::Operand, i + 1 - start);
                    return;
                }
                b'\n' => break,
                _ => i += 1,
            }
        }
        let d = self
            .error(Span::new(start, start + 1), "this string is never closed")
            .with_hint(
                "a string ends with `\"` on the same line; write `\\\"` for a quote inside it",
            );
        self.errors.push(d);
    }
}

/// Whether the text is a TLA+ module (it has a `---- MODULE Name ----` line).
pub fn is_module(src: &str) -> bool {
    module_body_start(src).is_some()
}

/// Where the module's body starts (after `---- MODULE Name ----`), if the text is a module.
pub fn module_body_start(src: &str) -> Option<usize> {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("----") && t.contains("MODULE") {
            return Some(offset + line.len());
        }
        offset += line.len();
    }
    None
}

impl Scanner<'_> {
    /// Where the algorithm starts in the comment opening here, if it holds one: right after
    /// the `(*`, or (in the first comment that holds one) after prose.
    fn algorithm_in_comment(&self) -> Option<usize> {
        if self.algorithm_comment.is_some() {
            return None;
        }
        let after = self.rest()[2..].trim_start();
        if after.starts_with("--algorithm") || after.starts_with("--fair") {
            return Some(self.bytes.len() - after.len());
        }
        if self.algorithm_seen {
            return None;
        }
        algorithm_after_prose(self.bytes, self.pos)
    }
}

/// Where `--algorithm` (or `--fair algorithm`) starts in the comment opening at `open`, if it
/// is in this comment itself (not in a comment nested in it), before the comment closes.
fn algorithm_after_prose(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"(*") {
            depth += 1;
            i += 2;
        } else if rest.starts_with(b"*)") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return None;
            }
            i += 2;
        } else if depth == 1 && (rest.starts_with(b"--algorithm") || opens_fair(rest)) {
            return Some(i);
        } else {
            i += 1;
        }
    }
    None
}

/// `--fair algorithm`, with any spaces between the two words.
fn opens_fair(rest: &[u8]) -> bool {
    rest.strip_prefix(b"--fair").is_some_and(|after| {
        let words = after.trim_ascii_start();
        words.len() < after.len() && words.starts_with(b"algorithm")
    })
}

/// Where the `*)` that closes the comment we are in (from `from` on) starts; comments nested
/// in it are skipped.
pub(crate) fn comment_close(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"(*") {
            depth += 1;
            i += 2;
        } else if rest.starts_with(b"*)") {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    None
}

/// The offset after the string opening at `i` (or the end of its line if it never closes).
pub(crate) fn string_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            b'\n' => return j,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// Whether the line comment at the start of `comment` is the translator's `marker`: the
/// translator also reads `\***** BEGIN TRANSLATION`.
fn is_marker(comment: &str, marker: &str) -> bool {
    comment
        .strip_prefix("\\*")
        .is_some_and(|c| c.trim_start_matches('*').trim_start().starts_with(marker))
}

/// Blank text as a comment: every byte but line ends becomes a space (a multi-byte character
/// becomes as many spaces as it has bytes, so offsets are kept and the text stays UTF-8).
fn blank(bytes: &mut [u8]) {
    for b in bytes.iter_mut().filter(|b| **b != b'\n') {
        *b = b' ';
    }
}

/// `--algorithm Name {` is C-syntax (`rest` starts at the `--`).
fn algorithm_is_c_syntax(rest: &str) -> bool {
    let after = rest;
    let after = after
        .strip_prefix("--fair")
        .map_or(after, |a| a.trim_start());
    let after = after
        .trim_start_matches("--")
        .trim_start_matches("algorithm")
        .trim_start();
    let after = &after[word_len(after)..];
    after.trim_start().starts_with('{')
}

fn word_len(s: &str) -> usize {
    s.bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count()
}

fn opener_of(close: char) -> char {
    match close {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        '>' => '<',
        _ => '⟨',
    }
}

fn closer_of(open: char) -> &'static str {
    match open {
        '(' => ")",
        '[' => "]",
        '{' => "}",
        '<' => ">>",
        _ => "⟩",
    }
}

fn open_text(open: char) -> String {
    if open == '<' {
        "<<".into()
    } else {
        open.to_string()
    }
}

fn close_text(close: char) -> String {
    if close == '>' {
        ">>".into()
    } else {
        close.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared text, `|` for an item separator and the nesting level for a list level.
    fn marks(src: &str) -> String {
        prepare(src)
            .unwrap()
            .chars()
            .map(|c| match c as u32 {
                1 => '|',
                l @ 0x10..=0x1F => char::from_digit(l - 0x10, 16).unwrap(),
                _ => c,
            })
            .collect()
    }

    #[test]
    fn continuation_bullets_are_marked() {
        assert_eq!(
            marks("A == /\\ a\n     /\\ b\n"),
            "A == /\\0a\n    |/\\0b\n"
        );
    }

    #[test]
    fn nested_lists_end_at_outer_bullets() {
        let src = "A == \\/ /\\ a\n        /\\ b\n     \\/ c\n";
        assert_eq!(marks(src), "A == \\/0/\\1a\n       |/\\1b\n    |\\/0c\n");
    }

    #[test]
    fn a_list_inside_an_item_knows_its_level() {
        let src = "A == /\\ \\A m : /\\ a\n               /\\ b\n     /\\ c\n";
        let out = "A == /\\0\\A m : /\\1a\n              |/\\1b\n    |/\\0c\n";
        assert_eq!(marks(src), out);
    }

    #[test]
    fn infix_junctions_are_not_bullets() {
        assert_eq!(marks("A == a /\\ b\n  /\\ c\n"), "A == a /\\ b\n  /\\ c\n");
    }

    #[test]
    fn translation_is_blanked() {
        let src = "(* --algorithm A *)\n\\* BEGIN TRANSLATION\nX == ((\n\\* END TRANSLATION\n";
        let out = prepare(src).unwrap();
        assert!(
            out.ends_with("\\* BEGIN TRANSLATION\n       \n\\* END TRANSLATION\n"),
            "{out:?}"
        );
    }

    #[test]
    fn without_an_algorithm_the_translation_is_kept() {
        let src = "\\* BEGIN TRANSLATION\nX == 1\n\\* END TRANSLATION\n";
        assert_eq!(prepare(src).unwrap(), src);
    }

    #[test]
    fn star_before_a_paren_closes_no_comment_unless_after_an_operand() {
        for src in ["A == Op(a, *)\n", "A == Op( *)\n", "A == (s^*)\n"] {
            assert_eq!(prepare(src).unwrap(), src);
        }
        for src in ["A == 3 *)\n", "A == (a) *)\n"] {
            let err = prepare(src).unwrap_err();
            assert_eq!(err[0].message, "`*)` closes no comment", "{src}");
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("A == {}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = prepare(&src).unwrap_err();
        assert!(err[0].message.contains("too deep"));
    }
}
