//! The pest parser and the translation of its errors into words.
//!
//! pest reports the rules it tried at the furthest position it reached; we turn them into
//! what a person would say ("an expression", "`:=`", "a label"), never grammar rule names,
//! and add hints for the common mistakes.

use crate::ast::Span;
use crate::diag::Diagnostic;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser;
use std::collections::BTreeSet;

#[derive(pest_derive::Parser)]
#[grammar = "thicket.pest"]
pub struct ThicketParser;

/// Parse `text` (already prepared by the scanner) as `rule`; `src` is the original text, for
/// error messages.
pub fn parse<'i>(rule: Rule, text: &'i str, src: &str) -> Result<Pair<'i, Rule>, Diagnostic> {
    parse_located(rule, text, src).map_err(|e| e.diagnostic)
}

/// A syntax error, and where the parser stopped: the start of the token it found (the
/// diagnostic may point elsewhere, e.g. at the end of a line that lacks its `;`).
pub struct SyntaxError {
    pub diagnostic: Diagnostic,
    pub at: usize,
}

/// [`parse`], saying where the parser stopped on an error.
pub fn parse_located<'i>(
    rule: Rule,
    text: &'i str,
    src: &str,
) -> Result<Pair<'i, Rule>, SyntaxError> {
    match ThicketParser::parse(rule, text) {
        Ok(mut pairs) => Ok(pairs.next().expect("a successful parse yields its rule")),
        Err(e) => Err(describe_error(rule, text, src, e)),
    }
}

fn describe_error(rule: Rule, text: &str, src: &str, e: pest::error::Error<Rule>) -> SyntaxError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let positives = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { message } => {
            // pest's own guards (call or stack limit): say what happened in words.
            let diagnostic = Diagnostic::error(
                Span::new(pos, pos),
                format!("the parser gave up here: {message}"),
            )
            .with_hint("the text is nested or repeated too deeply to read");
            return SyntaxError {
                diagnostic,
                at: pos,
            };
        }
    };
    let tokens = expected_literals(rule, text);
    let mut expected: BTreeSet<&'static str> = BTreeSet::new();
    for r in &positives {
        if let Some(w) = rule_in_words(*r) {
            expected.insert(w);
        }
    }
    for t in &tokens {
        if let Some(w) = literal_in_words(t) {
            expected.insert(w);
        }
    }
    if expected.contains("an operator") {
        // Operator spellings found by the detailed parse are noise next to "an operator".
        expected.remove("`=`");
    }
    if expected.contains("a statement") {
        // Operations after a body are read only to say that they do not belong together;
        // offering them where a statement may go would mislead.
        expected.remove("`operation`");
    }
    if expected.contains("a definition or declaration") {
        // A definition starts with its name (`N == INSTANCE M` is tried too): saying both
        // would mislead.
        expected.remove("a name");
    }
    let behavior = rule == Rule::behavior_document;
    if behavior {
        tidy_behavior_expected(&mut expected, &positives);
    }
    let found = if behavior {
        found_in_behavior(text, pos)
    } else {
        found_at(text, pos)
    };
    let mut list: Vec<&str> = expected.iter().copied().collect();
    // Most specific first: tokens in backticks, then the general words.
    list.sort_by_key(|w| (!w.starts_with('`'), *w));
    let message = if list.is_empty() {
        format!("unexpected {}", found.describe())
    } else {
        format!("expected {}, found {}", join_or(&list), found.describe())
    };
    let mut diag = Diagnostic::error(found.span, message);
    if behavior {
        add_behavior_hints(&mut diag, &expected, &found, text);
    } else {
        add_hints(&mut diag, &expected, &found, text, src);
    }
    SyntaxError {
        diagnostic: diag,
        at: found.span.start as usize,
    }
}

/// The literal tokens pest wanted at the error position (a second, detailed parse: it is only
/// run when the text has an error).
fn expected_literals(rule: Rule, text: &str) -> Vec<String> {
    pest::set_error_detail(true);
    let result = ThicketParser::parse(rule, text);
    pest::set_error_detail(false);
    let Err(e) = result else { return vec![] };
    let Some(attempts) = e.parse_attempts() else {
        return vec![];
    };
    attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        .collect()
}

struct Found {
    text: String,
    span: Span,
    /// The end of a line in a typed behavior (where an item ends).
    line_end: bool,
}

impl Found {
    fn describe(&self) -> String {
        if self.line_end {
            "the end of the line".into()
        } else if self.text.is_empty() {
            "the end of the text".into()
        } else {
            format!("`{}`", self.text)
        }
    }
}

/// The token at `pos`: a word, a number, or one symbol.
fn found_at(text: &str, pos: usize) -> Found {
    let mut pos = pos.min(text.len());
    // The item separator stands for whitespace.
    while text[pos..].starts_with(|c: char| c.is_whitespace() || c == '\u{1}') {
        pos += 1;
    }
    let rest = &text[pos..];
    if rest.starts_with("*)") {
        return Found {
            text: "*)".into(),
            span: Span::new(pos, pos + 2),
            line_end: false,
        };
    }
    let len = match rest.chars().next() {
        None => 0,
        Some(c) if c.is_alphanumeric() || c == '_' => rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len()),
        Some(_) => {
            let sym: usize = rest
                .chars()
                .take_while(|c| "=:<>|&/\\-+*#!~.".contains(*c))
                .map(char::len_utf8)
                .sum();
            if sym > 0 {
                sym.min(4)
            } else {
                rest.chars().next().map_or(0, char::len_utf8)
            }
        }
    };
    Found {
        text: rest[..len].to_string(),
        span: Span::new(pos, pos + len),
        line_end: false,
    }
}

/// The token at `pos` in a typed behavior, where a line end (LINE_END) ends the item.
fn found_in_behavior(text: &str, pos: usize) -> Found {
    let pos = pos.min(text.len());
    let blank = text[pos..]
        .find(|c| !matches!(c, ' ' | '\t' | '\r'))
        .map_or(text.len(), |i| pos + i);
    if text[blank..].starts_with('\u{2}') {
        return Found {
            text: String::new(),
            span: Span::new(blank, blank),
            line_end: true,
        };
    }
    found_at(text, pos)
}

fn rule_in_words(r: Rule) -> Option<&'static str> {
    use Rule::*;
    let w = match r {
        expr | term | inner_expr | bullet_list | paren | tuple | set_expr | bracket_expr
        | number | string | bool_lit | name | if_expr | case_expr | let_expr | quant | choose
        | lambda | prefix_op | box_action | diamond_action | fairness_expr | at => "an expression",
        // `N!Op` may follow any name, where an infix operator may too.
        infix_op | instance_part => "an operator",
        ident => "a name",
        label => "a label",
        semi => "`;`",
        assign_op => "`:=`",
        def_eq => "`==`",
        in_op => "`\\in`",
        op_def | fn_head | op_head | extends | constant_decl | variable_decl | assume
        | recursive_decl | local_def | instance | instance_def | algorithm_block | algorithm
        | model_block | separator => "a definition or declaration",
        module_end => "`====` (the end of the module)",
        EOI => "the end of the text",
        skip | goto | return_stmt | return_value | call | await_stmt | assert_stmt | print_stmt
        | assignment | macro_call | p_if | p_either | p_while | p_with | c_if | c_either
        | c_while | c_with | p_stmt | c_stmt | c_body | lhs => "a statement",
        var_decls | kw_variables | kw_variable => "`variables`",
        var_decl => "a variable declaration",
        with_binding => "`x \\in S` or `x = e`",
        process_ids | process_set => "`= id` or `\\in S`",
        args | proc_params | macro_params => "`(`",
        c_block => "`{`",
        p_define | c_define => "`define`",
        p_macro | c_macro => "`macro`",
        p_procedure | c_procedure => "`procedure`",
        p_process | c_process | fairness => "`process`",
        p_operation | c_operation | kw_operation => "`operation`",
        op_params => "`(`",
        op_param => "a parameter `x \\in S`",
        p_main => "`begin`",
        except_updates => "`EXCEPT`",
        fn_set_range => "`->`",
        cfg_constants
        | cfg_specification
        | cfg_init
        | cfg_next
        | cfg_invariants
        | cfg_properties
        | cfg_constraints
        | cfg_action_constraints
        | cfg_check_deadlock
        | cfg_symmetry
        | cfg_view
        | cfg_alias
        | cfg_postcondition => "a model statement (CONSTANT, INVARIANT, ...)",
        cfg_binding => "a constant assignment `Name = value`",
        cfg_eq | var_eq | with_eq | process_single => "`=`",
        cfg_value | cfg_set | neg_number => "a value",
        module_header => "a module header `---- MODULE Name ----`",
        kw_then => "`then`",
        kw_do => "`do`",
        kw_end => "`end`",
        kw_else => "`else`",
        kw_elsif => "`elsif`",
        kw_or => "`or`",
        kw_begin => "`begin`",
        kw_THEN => "`THEN`",
        kw_ELSE => "`ELSE`",
        kw_IN => "`IN`",
        kw_if => "`if`",
        kw_while => "`while`",
        kw_either => "`either`",
        kw_with => "`with`",
        kw_process => "`process`",
        kw_procedure => "`procedure`",
        kw_macro => "`macro`",
        kw_define => "`define`",
        kw_algorithm => "`algorithm`",
        kw_OTHER => "`OTHER`",
        event_item | constructor => "a call",
        event_return => "`->`",
        state_eq => "`=`",
        state_item | state_record | state_fields | state_field => "a state",
        _ => return None,
    };
    Some(w)
}

fn literal_in_words(t: &str) -> Option<&'static str> {
    let w = match t {
        ";" => "`;`",
        ":=" => "`:=`",
        ")" => "`)`",
        "]" => "`]`",
        "}" => "`}`",
        ">>" => "`>>`",
        "," => "`,`",
        ":" => "`:`",
        "==" => "`==`",
        "*)" => "`*)`",
        "(" => "`(`",
        "{" => "`{`",
        "|->" => "`|->`",
        "->" => "`->`",
        _ => return None,
    };
    Some(w)
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// Hints for the mistakes people make most.
fn add_hints(
    diag: &mut Diagnostic,
    expected: &BTreeSet<&'static str>,
    found: &Found,
    text: &str,
    src: &str,
) {
    if found.text == "=" && expected.contains("`:=`") {
        diag.hints
            .push("to assign a value, write `:=`; `=` compares two values".into());
        return;
    }
    if found.text == "*)" && expected.contains("`end`") {
        diag.hints.push("the algorithm is not finished: close every block, then write `end algorithm;` before `*)`".into());
        return;
    }
    if let Some(block) = unclosed_block(expected, text, found) {
        diag.hints.push(format!("`end {}` comes too early: the `{block}` above is still open; close it with `end {block};` first", found.text));
        return;
    }
    for (word, hint) in [
        (
            "`then`",
            "an `if` (or `elsif`) condition is followed by `then`",
        ),
        (
            "`do`",
            "a `while` condition, or the bindings of a `with`, are followed by `do`",
        ),
    ] {
        if expected.contains(word) {
            diag.hints.push(hint.into());
            return;
        }
    }
    if expected.contains("`;`") && starts_new_line(text, found.span.start as usize) {
        // Point at the end of the line that lacks the `;`, not at the next line.
        let end = previous_token_end(text, found.span.start as usize);
        diag.message = format!(
            "expected `;` at the end of this statement, found {}",
            found.describe()
        );
        diag.labels.push(crate::diag::Label {
            span: found.span,
            message: "the next statement starts here".into(),
        });
        diag.span = Span::new(end, end);
        diag.hints.push("statements are separated by `;`".into());
        return;
    }
    if expected.contains("`\\in`") && in_operation_params(text, found.span.start as usize) {
        diag.hints.push("the client may call an operation with any value of each parameter's set: write `k \\in S`, e.g. `operation add(k \\in 1..3)`".into());
        return;
    }
    if found.text == "==" && expected.contains("an operator") {
        diag.hints
            .push("is the previous definition unfinished? `==` starts a new definition".into());
    }
    if expected.contains("`==`")
        && !src.contains("--algorithm")
        && !src.contains("--fair")
        && !src.contains("MODULE")
    {
        diag.hints.push(
            "a spec is a module (`---- MODULE Name ----` ... `====`) or an algorithm (`--algorithm Name ...`); this text looks like neither".into(),
        );
    }
    if found.text.is_empty() && expected.contains("`====` (the end of the module)") {
        diag.hints
            .push("a module ends with a line of `====`".into());
    }
    if found.text.is_empty()
        && expected
            .iter()
            .any(|w| w.starts_with("`end") || *w == "`}`" || *w == "`*)`")
    {
        diag.hints.push(
            "the text ends before the algorithm does: is an `end ...` or a `}` missing?".into(),
        );
    }
}

/// In a typed behavior: a variable's name may be expected (a record field); where a call may
/// start, its name and more separators go without saying.
fn tidy_behavior_expected(expected: &mut BTreeSet<&'static str>, positives: &[Rule]) {
    if positives.contains(&Rule::field) {
        expected.insert("a name");
    }
    if expected.contains("a call") {
        expected.remove("a name");
        expected.remove("`;`");
    }
}

/// Hints for a typed behavior's mistakes.
fn add_behavior_hints(
    diag: &mut Diagnostic,
    expected: &BTreeSet<&'static str>,
    found: &Found,
    text: &str,
) {
    let before = text[..found.span.start as usize].trim_end_matches([' ', '\t', '\r']);
    // The item so far: from the last separator, after any prompts.
    let item = before.rsplit([';', '\u{2}']).next().unwrap_or_default();
    let item = item.trim().trim_start_matches(">>>").trim();
    let is_name = |s: &str| {
        s.split('.').all(|w| {
            w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    let hint = if before.ends_with("->") {
        "write the returned value after `->`, e.g. `get() -> 3`"
    } else if expected.contains("`(`") && !item.is_empty() && is_name(item) {
        "a call is written `name(args)`, e.g. `get()` or `get() -> 3`; a state `x = 1, y = 2`"
    } else if expected.contains("`;`") && !found.line_end && !found.text.is_empty() {
        "calls are separated by `;` or new lines"
    } else if expected.contains("`|->`") {
        "a state is written `x = 1, y = 2` or `[x |-> 1, y |-> 2]`"
    } else {
        return;
    };
    diag.hints.push(hint.into());
}

/// `end algorithm` where `end process` was expected: which block is still open.
fn unclosed_block(
    expected: &BTreeSet<&'static str>,
    text: &str,
    found: &Found,
) -> Option<&'static str> {
    let before = text[..found.span.start as usize].trim_end();
    if !before.ends_with("end") || expected.len() != 1 {
        return None;
    }
    let only = *expected.iter().next()?;
    [
        "process",
        "procedure",
        "operation",
        "macro",
        "if",
        "while",
        "either",
        "with",
        "define",
    ]
    .into_iter()
    .find(|b| only == format!("`{b}`"))
}

/// Is `pos` inside the parentheses of `operation name(...`?
fn in_operation_params(text: &str, pos: usize) -> bool {
    let before = &text[..pos.min(text.len())];
    let Some(open) = before.rfind('(') else {
        return false;
    };
    if before[open..].contains(')') {
        return false;
    }
    let head = before[..open].trim_end();
    let name_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    head[..name_start].trim_end().ends_with("operation")
}

fn starts_new_line(text: &str, pos: usize) -> bool {
    text[..pos.min(text.len())]
        .trim_end_matches([' ', '\t', '\r'])
        .ends_with(['\n', '\u{1}'])
}

/// The end of the last token before `pos` (skipping whitespace and comments roughly).
fn previous_token_end(text: &str, pos: usize) -> usize {
    let before = &text[..pos.min(text.len())];
    let mut end = before
        .trim_end_matches(|c: char| c.is_whitespace() || c == '\u{1}')
        .len();
    // Skip a trailing `\* line comment`.
    let line_start = before[..end].rfind('\n').map_or(0, |i| i + 1);
    if let Some(c) = before[line_start..end].find("\\*") {
        end = before[..line_start + c].trim_end().len();
    }
    end
}
