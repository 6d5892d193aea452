//! The operators over TLA+'s symbols that a module may define (`a \prec b == ...`, `a ^+ == ...`):
//! their one name (synonyms such as `(+)` and `\oplus` are one operator), their precedence and
//! associativity from SANY's table, and the few that SANY builds in without a definition.
//!
//! A use of one is an application of the operator of that name (`ExprKind::Apply` whose `op`
//! is the symbol), so the checker calls the module's definition like any other operator's.

use crate::ast::{BinOp, UnOp};

/// How an infix operator groups with itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assoc {
    Left,
    Right,
}

/// Infix operators, by their name: (spellings, precedence, associativity). The precedence is on
/// the scale of the built-in operators (`lower.rs`): 5 for relations like `=`, 10 for `+`, 13
/// for `*`. SANY gives some operators a range (`\sqcup` is 9–13: it mixes with no operator
/// whose range meets it without parentheses); any number in the range reads every text SANY
/// accepts the same way, and we take its low end.
const INFIX: &[(&str, &[&str], u8, Assoc)] = &[
    ("\\prec", &[], 5, Assoc::Left),
    ("\\preceq", &[], 5, Assoc::Left),
    ("\\succ", &[], 5, Assoc::Left),
    ("\\succeq", &[], 5, Assoc::Left),
    ("\\sqsubseteq", &[], 5, Assoc::Left),
    ("\\sqsupseteq", &[], 5, Assoc::Left),
    ("\\sqsubset", &[], 5, Assoc::Left),
    ("\\sqsupset", &[], 5, Assoc::Left),
    ("\\subset", &[], 5, Assoc::Left),
    ("\\supset", &[], 5, Assoc::Left),
    ("\\supseteq", &[], 5, Assoc::Left),
    ("\\asymp", &[], 5, Assoc::Left),
    ("\\approx", &[], 5, Assoc::Left),
    ("\\cong", &[], 5, Assoc::Left),
    ("\\doteq", &[], 5, Assoc::Left),
    ("\\simeq", &[], 5, Assoc::Left),
    ("\\sim", &[], 5, Assoc::Left),
    ("\\propto", &[], 5, Assoc::Left),
    ("\\ll", &[], 5, Assoc::Left),
    ("\\gg", &[], 5, Assoc::Left),
    ("|-", &[], 5, Assoc::Left),
    ("-|", &[], 5, Assoc::Left),
    ("|=", &[], 5, Assoc::Left),
    ("=|", &[], 5, Assoc::Left),
    ("::=", &[], 5, Assoc::Left),
    // Action composition: SANY's range is 5–14.
    ("\\cdot", &[], 5, Assoc::Left),
    ("<:", &[], 7, Assoc::Left),
    ("...", &[], 9, Assoc::Left),
    ("!!", &[], 9, Assoc::Left),
    ("##", &[], 9, Assoc::Left),
    ("$", &[], 9, Assoc::Left),
    ("$$", &[], 9, Assoc::Left),
    ("??", &[], 9, Assoc::Left),
    ("\\sqcap", &[], 9, Assoc::Left),
    ("\\sqcup", &[], 9, Assoc::Left),
    ("\\uplus", &[], 9, Assoc::Left),
    ("\\wr", &[], 9, Assoc::Left),
    ("\\oplus", &["(+)"], 10, Assoc::Left),
    ("++", &[], 10, Assoc::Left),
    ("%%", &[], 10, Assoc::Left),
    ("|", &[], 10, Assoc::Left),
    ("\\ominus", &["(-)"], 11, Assoc::Left),
    ("--", &[], 11, Assoc::Left),
    ("&", &[], 13, Assoc::Left),
    ("&&", &[], 13, Assoc::Left),
    ("\\odot", &["(.)"], 13, Assoc::Left),
    ("\\oslash", &["(/)"], 13, Assoc::Left),
    ("\\otimes", &["(\\X)"], 13, Assoc::Left),
    ("**", &[], 13, Assoc::Left),
    ("/", &[], 13, Assoc::Left),
    ("//", &[], 13, Assoc::Left),
    ("\\bigcirc", &[], 13, Assoc::Left),
    ("\\bullet", &[], 13, Assoc::Left),
    ("\\star", &[], 13, Assoc::Left),
    ("^^", &[], 14, Assoc::Left),
];

/// Postfix operators a module may define; they bind as tightly as `'`.
pub const POSTFIX: &[&str] = &["^+", "^*", "^#"];

/// The prefix operator a module may define (`-. a == ...`, Integers' unary minus).
pub const PREFIX: &[&str] = &["-."];

/// The precedence postfix operators bind at.
pub const POSTFIX_PREC: u8 = 15;

/// The name of the infix operator spelled `text` (`(+)` is `\oplus`), if a module may define it.
pub fn infix_name(text: &str) -> Option<&'static str> {
    INFIX
        .iter()
        .find(|(name, spellings, ..)| *name == text || spellings.contains(&text))
        .map(|(name, ..)| *name)
}

/// The precedence and associativity of the infix operator `name`.
pub fn infix_prec(name: &str) -> Option<(u8, Assoc)> {
    INFIX
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|&(_, _, prec, assoc)| (prec, assoc))
}

/// Is `name` an operator symbol (`\prec`, `**`, `^+`) rather than a word?
pub fn is_symbol(name: &str) -> bool {
    !name.starts_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// The built-in infix operators that may be passed as an argument (`Op(+, a, b)`), each named
/// by its printed spelling (`\cup` for `\union` too).
const BUILTIN_INFIX: &[BinOp] = &[
    BinOp::And,
    BinOp::Or,
    BinOp::Implies,
    BinOp::Equiv,
    BinOp::Eq,
    BinOp::Neq,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::In,
    BinOp::NotIn,
    BinOp::Plus,
    BinOp::Minus,
    BinOp::Times,
    BinOp::Div,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::Range,
    BinOp::Cup,
    BinOp::Cap,
    BinOp::SetMinus,
    BinOp::Subseteq,
    BinOp::Concat,
    BinOp::MapsTo,
    BinOp::Merge,
    BinOp::LeadsTo,
    BinOp::WhilePlus,
];

/// The built-in infix operator named `name` when passed as an argument (`+`, `\cup`).
pub fn builtin_infix(name: &str) -> Option<BinOp> {
    BUILTIN_INFIX
        .iter()
        .copied()
        .find(|&op| crate::print::bin_text(op) == name)
}

/// The built-in prefix operator named `name` when passed as an argument: `~`, and `-.`
/// (Integers' unary minus).
pub fn builtin_prefix(name: &str) -> Option<UnOp> {
    match name {
        "~" => Some(UnOp::Not),
        "-." => Some(UnOp::Neg),
        _ => None,
    }
}

/// The number of operands of the built-in operator `name` passed as an argument.
pub fn builtin_operator_arity(name: &str) -> Option<usize> {
    if builtin_infix(name).is_some() {
        Some(2)
    } else if builtin_prefix(name).is_some() {
        Some(1)
    } else {
        None
    }
}

/// What an operator built into TLA+ itself (defined by no module) means, for the ones Thicket
/// does not implement: a use is no error of the text, and the checker says it cannot check it.
pub fn builtin_unsupported(name: &str) -> Option<&'static str> {
    match name {
        "\\cdot" => Some("action composition"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_are_one_operator() {
        assert_eq!(infix_name("(+)"), Some("\\oplus"));
        assert_eq!(infix_name("\\oplus"), Some("\\oplus"));
        assert_eq!(infix_name("+"), None);
        assert_eq!(infix_prec("\\prec"), Some((5, Assoc::Left)));
        assert!(is_symbol("^+") && is_symbol("\\prec") && !is_symbol("Foo"));
    }

    #[test]
    fn built_in_operators_passed_as_arguments_are_named_by_their_spelling() {
        assert_eq!(builtin_infix("+"), Some(BinOp::Plus));
        assert_eq!(builtin_infix("\\cup"), Some(BinOp::Cup));
        assert_eq!(builtin_infix("\\prec"), None);
        assert_eq!(builtin_prefix("-."), Some(UnOp::Neg));
        assert_eq!(builtin_operator_arity("\\o"), Some(2));
        assert_eq!(builtin_operator_arity("~"), Some(1));
        assert_eq!(builtin_operator_arity("Foo"), None);
    }
}
