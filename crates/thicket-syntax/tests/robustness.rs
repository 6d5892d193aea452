//! The parser never panics, whatever the input: random text, and random mutations of the
//! corpus. And a 1 MB spec parses (timed by hand in release mode; see docs/language.md).

use proptest::prelude::*;
use std::path::Path;
use thicket_syntax::parse_document;

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tla"))
        .collect();
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Mutate `src`: delete a range, insert a snippet, or duplicate a range.
fn mutate(src: &str, kind: u8, a: usize, b: usize, snippet: &str) -> String {
    let (x, y) = (
        floor(src, a % (src.len() + 1)),
        floor(src, b % (src.len() + 1)),
    );
    let (lo, hi) = (x.min(y), x.max(y));
    match kind % 3 {
        0 => format!("{}{}", &src[..lo], &src[hi..]),
        1 => format!("{}{}{}", &src[..lo], snippet, &src[lo..]),
        _ => format!("{}{}{}", &src[..hi], &src[lo..hi], &src[hi..]),
    }
}

const SNIPPETS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "<<",
    ">>",
    "(*",
    "*)",
    "\"",
    ";",
    ":=",
    "=",
    "/\\ ",
    "\n  \\/ ",
    "end ",
    "begin ",
    "if ",
    "L: ",
    "call P();",
    "goto X;",
    "\\A x \\in S : ",
    "CASE ",
    "[]",
    "LET a == 1 IN ",
    "\u{1}",
    "é",
    "⟨",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "[ a-zA-Z0-9_\\\\/\\[\\]{}()<>=:;,.'\"*+|@#~!\n-]{0,300}") {
        let _ = parse_document(&s);
    }

    #[test]
    fn mutated_corpus_never_panics(which in 0usize..100, kind in 0u8..3, a in 0usize..100_000, b in 0usize..100_000, snip in 0usize..SNIPPETS.len()) {
        let corpus = corpus();
        let src = &corpus[which % corpus.len()];
        let mutated = mutate(src, kind, a, b, SNIPPETS[snip]);
        let parsed = parse_document(&mutated);
        // Whatever happened, the outcome is consistent: a document, or an error.
        prop_assert!(parsed.document.is_some() || parsed.diagnostics.iter().any(|d| d.severity == thicket_syntax::Severity::Error));
    }
}

/// A generated 1 MB module: 20,000 definitions, some bulleted.
pub fn one_megabyte_spec() -> String {
    let mut s = String::from("---- MODULE Big ----\nEXTENDS Naturals\n");
    for i in 0..20_000 {
        if i % 2 == 0 {
            s.push_str(&format!(
                "Def{i}(x) == /\\ x + {i} > {i} * 2\n             /\\ x \\in 0..{i}\n"
            ));
        } else {
            s.push_str(&format!(
                "Def{i} == {{n \\in 1..{i} : n % 3 = 0 /\\ n # {i}}} \\cup {{{i}}}\n"
            ));
        }
    }
    s.push_str("====\n");
    s
}

#[test]
fn one_megabyte_spec_parses() {
    let src = one_megabyte_spec();
    assert!(src.len() >= 1_000_000, "{} bytes", src.len());
    let parsed = parse_document(&src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}",
        &parsed.diagnostics[..1]
    );
    assert_eq!(parsed.document.unwrap().defs.len(), 20_000);
}

/// Just under the nesting limit everything still works, on a test thread's small stack.
#[test]
fn nesting_just_under_the_limit_parses() {
    let depth = 190;
    let src = format!(
        "---- MODULE deep ----\nDeep == {}1{}\n====\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let parsed = parse_document(&src);
    assert!(parsed.document.is_some(), "{:?}", parsed.diagnostics);

    let sets = format!(
        "---- MODULE sets ----\nDeep == {}1{}\n====\n",
        "{<<[a |-> ".repeat(depth / 3),
        "]>>}".repeat(depth / 3)
    );
    assert!(parse_document(&sets).document.is_some());

    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("if x = 0 then\n");
    }
    body.push_str("x := 1;\n");
    for _ in 0..depth {
        body.push_str("end if;\n");
    }
    let alg = format!("--algorithm Deep\nvariables x = 0;\nbegin\nStart:\n{body}end algorithm\n");
    let parsed = parse_document(&alg);
    assert!(parsed.document.is_some(), "{:?}", parsed.diagnostics);
}
